import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { tubiPage } from '@/utils/sites/connectors/tubi.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(tubiPage);
