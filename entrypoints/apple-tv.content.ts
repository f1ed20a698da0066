import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { appleTv } from '@/utils/sites/connectors/apple-tv';

export default defineContentScript({
  matches: appleTv.matches,
  runAt: 'document_idle',
  main(ctx) {
    runConnector(appleTv, ctx);
  },
});
