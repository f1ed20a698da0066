import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { huluPage } from '@/utils/sites/connectors/hulu.page';

/** Hulu's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(huluPage);
