import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { skyshowtimePage } from '@/utils/sites/connectors/skyshowtime.page';

/** SkyShowtime's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(skyshowtimePage);
