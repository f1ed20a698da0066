import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { crunchyrollPage } from '@/utils/sites/connectors/crunchyroll.page';

/** Crunchyroll's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(crunchyrollPage);
