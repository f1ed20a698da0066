import type { Media } from '@/utils/scrobble/entry';

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
