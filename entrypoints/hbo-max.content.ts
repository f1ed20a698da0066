import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { hboMax } from '@/utils/sites/connectors/hbo-max';

export default defineContentScript({
  matches: hboMax.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(hboMax, ctx);
  },
});
