import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { primeVideoPage } from '@/utils/sites/connectors/prime-video.page';

/** The site's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(primeVideoPage);
