import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hboMaxPage } from '@/utils/sites/connectors/hbo-max.page';

/** HBO Max's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(hboMaxPage);
