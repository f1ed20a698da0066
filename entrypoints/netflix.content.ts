import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { netflix } from '@/utils/sites/connectors/netflix';

export default defineContentScript({
  matches: netflix.matches,
  runAt: 'document_idle',
  main(ctx) {
    runConnector(netflix, ctx);
  },
});
