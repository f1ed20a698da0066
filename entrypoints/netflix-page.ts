import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { answerPageRequests } from '@/utils/playback/page-world';

/** Runs in Netflix's own world: its metadata API answers only requests made by the page itself. */
export default defineUnlistedScript(() => {
  answerPageRequests(async (id) => {
    if (!/^\d{1,12}$/.test(id)) return null;
    const response = await fetch(`/nq/website/memberapi/release/metadata?languages=en-US&movieid=${id}`, {
      credentials: 'include',
    });
    return response.ok ? response.json() : null;
  });
});
