import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { restoreLastView } from '@/components/shared/lastView';

/** The popup's first paint: its last view, before the app's modules load (components/shared/lastView.ts). */
export default defineUnlistedScript(() => {
  restoreLastView(document);
});
