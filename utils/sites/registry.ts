import { appleTv } from './connectors/apple-tv';
import { crunchyroll } from './connectors/crunchyroll';
import { disneyPlus } from './connectors/disney-plus';
import { hboMax } from './connectors/hbo-max';
import { hulu } from './connectors/hulu';
import { jellyfin } from './connectors/jellyfin';
import { netflix } from './connectors/netflix';
import { paramountPlus } from './connectors/paramount-plus';
import { peacock } from './connectors/peacock';
import { plex } from './connectors/plex';
import { primeVideo } from './connectors/prime-video';
import { youtube } from './connectors/youtube';
import type { Connector } from './types';

/** Every site connector. The manifest's content-script matches come from here. */
export const connectors: readonly Connector[] = [
  netflix,
  disneyPlus,
  primeVideo,
  hboMax,
  appleTv,
  hulu,
  crunchyroll,
  paramountPlus,
  peacock,
  youtube,
  plex,
  jellyfin,
];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
