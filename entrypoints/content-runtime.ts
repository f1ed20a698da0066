import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runConnector } from '@/utils/playback/engine';
import { provideSiteKit } from '@/utils/playback/kit';
import { provideRuntime } from '@/utils/playback/runtime';

/** The engine every site's content script shares, and the helpers they are built with; registered before them (utils/sites/registration.ts). */
export default defineUnlistedScript(() => {
  provideSiteKit();
  provideRuntime((connector) => runConnector(connector));
});
