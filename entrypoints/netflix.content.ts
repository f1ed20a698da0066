import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { netflix } from '@/utils/sites/connectors/netflix';

export default defineContentScript({
  matches: netflix.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(netflix, ctx);
  },
});
