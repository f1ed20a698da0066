import catalog from 'virtual:site-catalog';
import type { Site } from './types';

/** Every site, best-first layer names and all, without the connectors' code: for the background and pages. */
export const sites: readonly Site[] = catalog;

export function siteById(id: string): Site | undefined {
  return sites.find((site) => site.id === id);
}
