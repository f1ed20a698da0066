import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { answerPageRequests } from '@/utils/playback/page-world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CMS_REQUEST = /^(https:\/\/default\.[a-z]+-[a-z]+\.prd\.api\.(?:hbomax|max)\.com)\/cms\//;
/** The one API host peers have used from play.hbomax.com; it serves the Americas. */
const AMERICAS = 'https://default.any-amer.prd.api.hbomax.com';

/** The CMS host the page itself has asked (it differs by market), else the Americas host. */
function cmsOrigin(): string | null {
  for (const entry of performance.getEntriesByType('resource')) {
    const origin = CMS_REQUEST.exec(entry.name)?.[1];
    if (origin) return origin;
  }
  return location.hostname === 'play.hbomax.com' ? AMERICAS : null;
}

/** Runs in HBO Max's own world, where the request carries the viewer's session cookie. */
export default defineUnlistedScript(() => {
  answerPageRequests(async (id) => {
    const path = location.pathname;
    if (!UUID.test(id) || !path.startsWith(`/video/watch/${id}/`)) return null;
    const origin = cmsOrigin();
    if (!origin) return null;
    const response = await fetch(`${origin}/cms/routes${path}?include=default&page[items.size]=10`, {
      credentials: 'include',
    });
    return response.ok ? response.json() : null;
  });
});
