import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { primeVideo } from '@/utils/sites/connectors/prime-video';

export default defineContentScript({
  matches: primeVideo.matches,
  runAt: 'document_idle',
  main(ctx) {
    runConnector(primeVideo, ctx);
  },
});
