import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { plex } from '@/utils/sites/connectors/plex';

export default defineContentScript({
  matches: plex.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(plex, ctx);
  },
});
