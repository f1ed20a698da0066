import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { appleTv } from '@/utils/sites/connectors/apple-tv';

export default defineContentScript({
  matches: appleTv.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(appleTv, ctx);
  },
});
