import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runSite } from '@/utils/playback/runtime';
import { anySite } from '@/utils/sites/connectors/any-site';

/** The generic connector, run by the shared content runtime on the sites the person chose (utils/background/offer.ts). */
export default defineUnlistedScript(() => runSite(anySite));
