import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mubiPage } from '@/utils/sites/connectors/mubi.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(mubiPage);
