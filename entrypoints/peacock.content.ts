import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { peacock } from '@/utils/sites/connectors/peacock';

export default defineContentScript({
  matches: peacock.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(peacock, ctx);
  },
});
