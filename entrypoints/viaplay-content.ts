import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runSite } from '@/utils/playback/runtime';
import { viaplay } from '@/utils/sites/connectors/viaplay';

/** This site's connector, run by the shared content runtime; registered while the site is switched on (utils/sites/registration.ts). */
export default defineUnlistedScript(() => runSite(viaplay));
