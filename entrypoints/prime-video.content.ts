import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { primeVideo } from '@/utils/sites/connectors/prime-video';

export default defineContentScript({
  matches: primeVideo.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(primeVideo, ctx);
  },
});
