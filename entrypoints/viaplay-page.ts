import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { viaplayPage } from '@/utils/sites/connectors/viaplay.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(viaplayPage);
