import { appleTv } from './connectors/apple-tv';
import { disneyPlus } from './connectors/disney-plus';
import { hboMax } from './connectors/hbo-max';
import { netflix } from './connectors/netflix';
import { primeVideo } from './connectors/prime-video';
import type { Connector } from './types';

/** Every site connector. The manifest's content-script matches come from here. */
export const connectors: readonly Connector[] = [netflix, disneyPlus, primeVideo, hboMax, appleTv];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
