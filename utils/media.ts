/**
 * What a film or an episode is, as everything in the extension speaks of it: connectors name it,
 * the background keeps and sends it, the pages show it. No imports: content scripts load this too.
 */
export type MediaType = 'TV' | 'MOVIE';

/** What is known about what is playing; sent to ReelRifter as it is, unknowns left out. */
export interface Media {
  title: string;
  year?: number;
  mediaType?: MediaType;
  season?: number;
  episode?: number;
}

/** ReelRifter's ceiling for a title (`TITLE_MAX` in the API schemas, which content scripts do not load). */
export const MAX_TITLE_LENGTH = 500;

/** A show (any of its episodes), or a film: what "Never log this show" (or film) covers. */
export const kindOf = (media: Pick<Media, 'mediaType' | 'season' | 'episode'>): 'show' | 'film' =>
  media.mediaType === 'TV' || media.season !== undefined || media.episode !== undefined ? 'show' : 'film';

/** Two titles as people see them: case, Unicode forms and spacing aside. */
export const sameTitle = (a: string, b: string) => {
  const loose = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/gu, ' ').trim();
  return loose(a) === loose(b);
};

/** A block as kept (utils/model/records.ts BlockedItem), as far as telling what it covers. */
interface BlockShape {
  site: string;
  kind: 'show' | 'film' | 'channel';
  title: string;
  year?: number;
  channelId?: string;
}

/**
 * Whether a block (utils/scrobble/blocked.ts) covers `media` on `site`: a show any episode, a film of
 * that year where it names one, a channel whatever it plays (`channel`: the one that plays it).
 */
export function blockCovers(item: BlockShape, site: string, media: Media, channel?: { id: string }): boolean {
  if (item.site !== site) return false;
  // A channel (YouTube's): everything it plays there, by the channel's own id (its name is only shown).
  if (item.kind === 'channel') return channel !== undefined && item.channelId === channel.id;
  if (item.kind !== kindOf(media) || !sameTitle(item.title, media.title)) return false;
  return item.kind === 'show' || item.year === undefined || media.year === undefined || item.year === media.year;
}

/** What tells one block from another: a channel by its id (two channels may share a name), a title by its name and year. */
export function blockIdentity(item: BlockShape): string {
  if (item.kind === 'channel' && item.channelId) return `${item.site}|channel|id:${item.channelId}`;
  return `${item.site}|${item.kind}|${item.title.toLocaleLowerCase()}|${item.year ?? ''}`;
}

/** "Severance S2E4 (2022)" style: plain text, always rendered as text. */
export function describeMedia(media: Media): string {
  const numbers =
    media.season !== undefined && media.episode !== undefined
      ? ` S${media.season}E${media.episode}`
      : media.episode !== undefined
        ? ` E${media.episode}`
        : '';
  return `${media.title}${numbers}${media.year ? ` (${media.year})` : ''}`;
}

const wholeIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

/**
 * Text from outside made plain: control and invisible format characters and runs of spaces gone,
 * trimmed, capped at `max` characters, with no half of a surrogate pair left by the cap.
 */
export function cleanText(text: string, max: number): string {
  return (
    text
      .replace(/\p{Cc}+/gu, ' ')
      // Invisible format characters (U+202E turns the text around it backwards), except the joiners
      // that emoji sequences and some scripts need.
      .replace(/(?![\u200C\u200D])\p{Cf}/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, max)
      // Half a surrogate pair (a cap cut through an emoji, here or in a reader) is not text: a server
      // that stores UTF-8 refuses it, and the scrobble would be retried forever.
      .replace(/\p{Cs}/gu, '')
      .trim()
  );
}

/**
 * What a layer named, made into something the API accepts: control and invisible format characters
 * and runs of spaces gone, the title trimmed and capped, numbers only when whole and in range. A
 * title that is nothing once cleaned names nothing.
 */
export function normalizeMedia(media: {
  title: string;
  year?: unknown;
  mediaType?: unknown;
  season?: unknown;
  episode?: unknown;
}): Media | null {
  const title = cleanText(media.title, MAX_TITLE_LENGTH);
  if (!title) return null;
  const clean: Media = { title };
  const year = wholeIn(media.year, 1870, 2200);
  if (year !== undefined) clean.year = year;
  if (media.mediaType === 'TV' || media.mediaType === 'MOVIE') clean.mediaType = media.mediaType;
  const season = wholeIn(media.season, 0, 10_000);
  if (season !== undefined) clean.season = season;
  const episode = wholeIn(media.episode, 0, 100_000);
  if (episode !== undefined) clean.episode = episode;
  return clean;
}
