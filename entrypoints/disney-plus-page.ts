import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { disneyPlusPage } from '@/utils/sites/connectors/disney-plus.page';

/** Disney+'s page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(disneyPlusPage);
