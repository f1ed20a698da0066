import { adn } from './connectors/adn';
import { anySite } from './connectors/any-site';
import { appleTv } from './connectors/apple-tv';
import { crave } from './connectors/crave';
import { crunchyroll } from './connectors/crunchyroll';
import { discoveryPlus } from './connectors/discovery-plus';
import { disneyPlus } from './connectors/disney-plus';
import { hboMax } from './connectors/hbo-max';
import { hidive } from './connectors/hidive';
import { hulu } from './connectors/hulu';
import { jellyfin } from './connectors/jellyfin';
import { jiohotstar } from './connectors/jiohotstar';
import { mubi } from './connectors/mubi';
import { netflix } from './connectors/netflix';
import { paramountPlus } from './connectors/paramount-plus';
import { peacock } from './connectors/peacock';
import { plex } from './connectors/plex';
import { primeVideo } from './connectors/prime-video';
import { skyshowtime } from './connectors/skyshowtime';
import { stremio } from './connectors/stremio';
import { tubi } from './connectors/tubi';
import { viaplay } from './connectors/viaplay';
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
  skyshowtime,
  discoveryPlus,
  jiohotstar,
  tubi,
  viaplay,
  mubi,
  crave,
  stremio,
  hidive,
  adn,
  anySite,
];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
