import type { Media } from '../media';
import { serial } from '../serial';
import { type ChosenSiteRecord, chosenSitesItem, MAX_CORRECTIONS } from '../store/items';
import { defined } from '../untrusted';

/**
 * Sites the person chose from the popup ("Scrobble on this site"), where the generic connector
 * (connectors/any-site.ts) guesses what plays. Until they have confirmed one guess on a site nothing
 * it names there is sent; a correction they make is remembered for that show (or film) on that
 * site and applied to what it names there later.
 */
export const ANY_SITE = 'any-site';

const inTurn = serial();
const key = (title: string) => title.trim().toLowerCase();
const none: ChosenSiteRecord = { confirmed: false, corrections: [] };

export async function chosenSite(origin: string): Promise<ChosenSiteRecord> {
  return (await chosenSitesItem.read())[origin] ?? none;
}

/** What the connector named, as the person corrected that name on this site before. */
export function corrected(media: Media, record: ChosenSiteRecord): Media {
  const fix = record.corrections.findLast((c) => c.read === key(media.title));
  if (!fix) return media;
  const { season, episode } = media;
  const out: Media = { title: fix.title };
  const year = fix.year ?? media.year;
  if (year !== undefined) out.year = year;
  const type = fix.mediaType ?? media.mediaType;
  if (type) out.mediaType = type;
  if (type !== 'MOVIE') Object.assign(out, season === undefined ? {} : { season }, episode === undefined ? {} : { episode });
  return out;
}

/**
 * The report's media as the background takes it from a chosen site: corrected, and held back (with
 * the guess kept for the popup) while the site is not confirmed yet.
 */
export function gate(media: Media | null, record: ChosenSiteRecord): { media: Media | null; guess?: Media } {
  const named = media && corrected(media, record);
  return record.confirmed || !named ? { media: named } : { media: null, guess: named };
}

/** The person confirmed (or corrected) what plays on a chosen site: it is trusted from now on there. */
export function confirmChosen(origin: string, guess: Media | undefined, media: Media): Promise<void> {
  return inTurn(async () => {
    const all = await chosenSitesItem.read();
    const record = all[origin] ?? none;
    let corrections = record.corrections;
    const changed = guess && (guess.title !== media.title || guess.mediaType !== media.mediaType || guess.year !== media.year);
    if (guess && changed) {
      const read = key(guess.title);
      const fix = { read, title: media.title, mediaType: media.mediaType, year: media.year };
      corrections = [...corrections.filter((c) => c.read !== read), defined(fix)].slice(-MAX_CORRECTIONS);
    }
    await chosenSitesItem.write({ ...all, [origin]: { confirmed: true, corrections } });
  });
}

/** The person removed a chosen site: what they told the extension about it goes too. */
export function forgetChosen(origin: string): Promise<void> {
  return inTurn(async () => {
    const { [origin]: _gone, ...rest } = await chosenSitesItem.read();
    await chosenSitesItem.write(rest);
  });
}
