import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { netflixPage } from '@/utils/sites/connectors/netflix.page';

/** Netflix's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(netflixPage);
