import type { Connector, Site } from './types';

/** A connector as the background knows it: plain data, no reading code (see tooling/site-catalog.ts). */
export function siteOf(connector: Connector): Site {
  const { id, label, matches, allFrames, selfHosted, chosen, pageScript } = connector;
  return {
    id,
    label,
    matches,
    allFrames,
    selfHosted,
    chosen,
    pageScript,
    layers: connector.layers.map(({ name }) => ({ name })),
    // What else its pages may report: the background takes a profile or a channel only from a site that reads one.
    ...(connector.profile ? { readsProfile: true } : {}),
    ...(connector.channel ? { readsChannel: true } : {}),
  };
}
