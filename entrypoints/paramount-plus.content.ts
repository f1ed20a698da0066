import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { paramountPlus } from '@/utils/sites/connectors/paramount-plus';

export default defineContentScript({
  matches: paramountPlus.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(paramountPlus, ctx);
  },
});
