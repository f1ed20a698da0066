import type { Media } from '../media';
import { serial } from '../serial';
import { type ChosenSiteRecord, chosenSitesItem, MAX_CORRECTIONS, MAX_TRUSTED } from '../store/items';
import { defined } from '../untrusted';

/**
 * Sites the person chose from the popup ("Scrobble on this site"), where the generic connector
 * (connectors/any-site.ts) guesses what plays. Trust grows one show (or film) at a time: what it
 * names there is sent only for the shows the person confirmed or named there; anything else waits
 * for them as a guess. A correction they make is remembered for that show on that site and applied
 * to what it names there later. Only the person's own answer to the guess they were shown counts.
 */
export const ANY_SITE = 'any-site';

const inTurn = serial();
const key = (title: string) => title.trim().toLowerCase();
const none: ChosenSiteRecord = { confirmed: false, trusted: [], corrections: [] };

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
 * the guess kept for the popup) unless the person trusted that show or film there.
 */
export function gate(media: Media | null, record: ChosenSiteRecord): { media: Media | null; guess?: Media } {
  const named = media && corrected(media, record);
  return !named || isTrusted(record, named.title) ? { media: named } : { media: null, guess: named };
}

const isTrusted = (record: ChosenSiteRecord, title: string) => record.trusted.some((trusted) => key(trusted) === key(title));

/** The same guess: what the popup showed is what the page names now. */
export function sameGuess(a: Media | undefined, b: Media | undefined): boolean {
  if (!a || !b) return a === b;
  const fields = ['title', 'year', 'mediaType', 'season', 'episode'] as const;
  return fields.every((field) => a[field] === b[field]);
}

/**
 * The person answered the guess they were shown on a chosen site (`shown`, the page's naming then)
 * with `media`, as typed in their own form: that show is trusted there from now on, and a
 * correction is remembered by the name they were shown, never by anything the page named later.
 */
export function confirmChosen(origin: string, shown: Media | undefined, media: Media): Promise<void> {
  return inTurn(async () => {
    const all = await chosenSitesItem.read();
    const record = all[origin] ?? none;
    let corrections = record.corrections;
    const changed = shown && (shown.title !== media.title || shown.mediaType !== media.mediaType || shown.year !== media.year);
    if (shown && changed) {
      const read = key(shown.title);
      const fix = { read, title: media.title, mediaType: media.mediaType, year: media.year };
      corrections = [...corrections.filter((c) => c.read !== read), defined(fix)].slice(-MAX_CORRECTIONS);
    }
    const trusted = [...record.trusted.filter((title) => key(title) !== key(media.title)), media.title].slice(-MAX_TRUSTED);
    await chosenSitesItem.write({ ...all, [origin]: { confirmed: true, trusted, corrections } });
  });
}

/** What a chosen site is trusted for, as the person named it there (newest first, at most `limit`). */
export function trustedFor(record: ChosenSiteRecord, limit = 20): string[] {
  return record.trusted.slice(-limit).reverse();
}

/** The person removed a chosen site: what they told the extension about it goes too. */
export function forgetChosen(origin: string): Promise<void> {
  return inTurn(async () => {
    const { [origin]: _gone, ...rest } = await chosenSitesItem.read();
    await chosenSitesItem.write(rest);
  });
}
