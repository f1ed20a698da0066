import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { jellyfinPage } from '@/utils/sites/connectors/jellyfin.page';

/** Jellyfin/Emby's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(jellyfinPage);
