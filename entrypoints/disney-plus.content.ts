import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { disneyPlus } from '@/utils/sites/connectors/disney-plus';

export default defineContentScript({
  matches: disneyPlus.matches,
  runAt: 'document_idle',
  main(ctx) {
    runConnector(disneyPlus, ctx);
  },
});
