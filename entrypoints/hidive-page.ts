import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hidivePage } from '@/utils/sites/connectors/hidive.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(hidivePage);
