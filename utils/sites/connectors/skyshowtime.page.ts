import { read } from '../../untrusted';
import { answerFromAtom } from './peacock.page';

/** ISO country codes: SkyShowtime's territories are its 22 European markets. */
const TERRITORY = /^[A-Z]{2}$/;

/**
 * The viewer's territory, as the web app keeps it: its public profile in localStorage
 * (`peacock_publicProfile`, `profile.services.<service>.territory`, the key Peacock's app uses
 * too), else the `activeTerritory` cookie. Unknown before the person has signed in.
 */
function territory(): string | undefined {
  try {
    const profile = read.record(read.record(JSON.parse(localStorage.getItem('peacock_publicProfile') ?? 'null'))?.profile);
    for (const service of Object.values(read.record(profile?.services) ?? {})) {
      const value = read.text(read.record(service)?.territory);
      if (value && TERRITORY.test(value)) return value;
    }
  } catch {
    // Not JSON: the cookie, then.
  }
  const cookie = /(?:^|;\s*)activeTerritory=([A-Z]{2})(?:;|$)/.exec(document.cookie)?.[1];
  return cookie && TERRITORY.test(cookie) ? cookie : undefined;
}

/** Runs in SkyShowtime's own world: its catalogue, in the viewer's territory. */
export function skyshowtimePage(): void {
  answerFromAtom('atom.skyshowtime.com', () => {
    const where = territory();
    return where
      ? {
          'X-SkyOTT-Provider': 'SKYSHOWTIME',
          'X-SkyOTT-Proposition': 'SKYSHOWTIME',
          'X-SkyOTT-Territory': where,
          'X-SkyOTT-ActiveTerritory': where,
        }
      : null;
  });
}
