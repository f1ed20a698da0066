import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { peacockPage } from '@/utils/sites/connectors/peacock.page';

/** Peacock's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(peacockPage);
