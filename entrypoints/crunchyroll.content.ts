import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { crunchyroll } from '@/utils/sites/connectors/crunchyroll';

export default defineContentScript({
  matches: crunchyroll.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(crunchyroll, ctx);
  },
});
