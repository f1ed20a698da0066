import { answerFromCms } from './hbo-max.page';

/**
 * Runs in Discovery+'s own world: the app's own `cms/routes` answer, or the route asked of the CMS
 * host its market uses (`default.<tenant>-<market>.prd.api.discoveryplus.com`) with the client
 * headers the app sent. Before the app has asked anything there is no host to ask: the overlay then.
 */
export function discoveryPlusPage(): void {
  answerFromCms({ cms: /^https:\/\/default\.[a-z]+-[a-z]+\.prd\.api\.discoveryplus\.com$/ });
}
