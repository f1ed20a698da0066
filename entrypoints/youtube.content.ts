import { defineContentScript } from 'wxt/utils/define-content-script';
import { runConnector } from '@/utils/playback/engine';
import { youtube } from '@/utils/sites/connectors/youtube';

export default defineContentScript({
  matches: youtube.matches,
  // Registered by the background only while the site is switched on (utils/sites/registration.ts).
  registration: 'runtime',
  main(ctx) {
    runConnector(youtube, ctx);
  },
});
