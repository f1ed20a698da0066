import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { jellyfin } from '@/utils/sites/connectors/jellyfin';

export default defineContentScript({
  matches: jellyfin.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(jellyfin, ctx);
  },
});
