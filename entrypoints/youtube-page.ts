import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { youtubePage } from '@/utils/sites/connectors/youtube.page';

/** YouTube's page-world half, registered into the page's own world (utils/sites/registration.ts). */
export default defineUnlistedScript(youtubePage);
