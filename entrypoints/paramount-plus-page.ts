import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { paramountPlusPage } from '@/utils/sites/connectors/paramount-plus.page';

/** Paramount+'s page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(paramountPlusPage);
