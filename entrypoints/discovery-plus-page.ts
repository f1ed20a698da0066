import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { discoveryPlusPage } from '@/utils/sites/connectors/discovery-plus.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(discoveryPlusPage);
