import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { plexPage } from '@/utils/sites/connectors/plex.page';

/** Plex's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(plexPage);
