import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { hboMax } from '@/utils/sites/connectors/hbo-max';

export default defineContentScript({
  matches: hboMax.matches,
  runAt: 'document_idle',
  main(ctx) {
    runConnector(hboMax, ctx);
  },
});
