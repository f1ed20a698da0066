import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runConnector } from '@/utils/playback/engine';
import { provideRuntime } from '@/utils/playback/runtime';

/** The engine every site's content script shares; registered before it (utils/sites/registration.ts). */
export default defineUnlistedScript(() => provideRuntime((connector) => runConnector(connector)));
