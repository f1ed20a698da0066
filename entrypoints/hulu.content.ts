import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { hulu } from '@/utils/sites/connectors/hulu';

export default defineContentScript({
  matches: hulu.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(hulu, ctx);
  },
});
