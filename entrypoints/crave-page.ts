import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { cravePage } from '@/utils/sites/connectors/crave.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(cravePage);
