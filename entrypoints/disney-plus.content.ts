import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { disneyPlus } from '@/utils/sites/connectors/disney-plus';

export default defineContentScript({
  matches: disneyPlus.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(disneyPlus, ctx);
  },
});
