import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
type Messages = Record<string, Entry>;

const root = resolve(import.meta.dirname, '../../public/_locales');
const read = (locale: string): Messages => JSON.parse(readFileSync(resolve(root, locale, 'messages.json'), 'utf8'));
const locales = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const english = read('en');
const keys = Object.keys(english);

/**
 * Messages that may read exactly as in English, because a name or a word the language shares
 * ("Film", "Status") is the natural translation. '*' applies to every locale. Anything else equal
 * to the English text is taken as not translated yet.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  // Names of services, and "Simkl, rated" (a name and a word of the language's own).
  '*': ['extName', 'importSourceSimkl', 'importSourceRewind', 'importFrom'],
  de: ['filterStatus', 'serverApp', 'typeMovie', 'importMatched'],
};

/** Text that every translation keeps as it is in English, wherever the English message has it. */
const KEPT_VERBATIM = [
  /ReelRifter/g,
  /rr_pat_/g,
  /https?:\/\/[^\s,]*[^\s,.]/g,
  /\b[a-z0-9-]+\.(?:com|net|org)\b/g,
  /Netflix|Disney\+|Prime Video|\bMax\b|Plex|Jellyfin|Emby|JSON|CSV/g,
];

/** `$NAME$` markers in a message, each once, sorted. */
const markers = (message: string) =>
  [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].flatMap((m) => m[1] ?? []))].sort();

/** A key's message; empty when the key or its message is missing. */
const text = (source: Messages, key: string): string => source[key]?.message ?? '';

/** Placeholder names with their `$1`-style content. */
const placeholders = (entry: Entry | undefined) =>
  Object.fromEntries(Object.entries(entry?.placeholders ?? {}).map(([name, p]) => [name, p.content]));

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

describe('locales', () => {
  it('has English and at least German and Spanish', () => {
    expect(locales).toEqual(expect.arrayContaining(['de', 'en', 'es']));
  });

  it('allow-lists only keys that exist in English', () => {
    const unknown = Object.values(SAME_AS_ENGLISH)
      .flat()
      .filter((key) => !(key in english));
    expect(unknown).toEqual([]);
  });

  it('English names every placeholder it uses, and uses every one it names', () => {
    // Chrome matches a $NAME$ marker to its placeholder without regard to case.
    const lower = (names: string[]) => names.map((name) => name.toLowerCase()).sort();
    const mismatched = keys.filter(
      (key) => lower(markers(text(english, key))).join() !== lower(Object.keys(placeholders(english[key]))).join(),
    );
    expect(mismatched).toEqual([]);
  });
});

describe.each(locales)('%s messages', (locale) => {
  const messages = read(locale);
  const shared = keys.filter((key) => key in messages);

  it('has the manifest name and description, within the stores’ lengths', () => {
    expect(text(messages, 'extName')).toBeTruthy();
    expect(text(messages, 'extDescription')).toBeTruthy();
    expect(text(messages, 'extName').length).toBeLessThanOrEqual(75);
    expect(text(messages, 'extDescription').length).toBeLessThanOrEqual(132);
  });

  it('has exactly the English keys', () => {
    const missing = keys.filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has no empty message', () => {
    const empty = Object.keys(messages).filter(
      (key) => typeof messages[key]?.message !== 'string' || !text(messages, key).trim(),
    );
    expect(empty).toEqual([]);
  });

  it('uses the same $NAME$ markers as English', () => {
    const differing = shared
      .filter((key) => markers(text(messages, key)).join() !== markers(text(english, key)).join())
      .map((key) => `${key}: ${text(messages, key)}`);
    expect(differing).toEqual([]);
  });

  it('has the same placeholders, names and content, as English', () => {
    const of = (source: Messages) => Object.fromEntries(shared.map((key) => [key, placeholders(source[key])]));
    expect(of(messages)).toEqual(of(english));
  });

  it('keeps product names, token prefixes and addresses as they are', () => {
    const dropped = shared.flatMap((key) =>
      KEPT_VERBATIM.flatMap((pattern) => text(english, key).match(pattern) ?? [])
        .filter((kept) => !text(messages, key).includes(kept))
        .map((kept) => `${key}: ${kept}`),
    );
    expect(dropped).toEqual([]);
  });

  // English is the source: only the translations are held to it.
  if (locale !== 'en') {
    it('translates every message', () => {
      const allowed = new Set([...(SAME_AS_ENGLISH['*'] ?? []), ...(SAME_AS_ENGLISH[locale] ?? [])]);
      const untranslated = shared.filter(
        (key) => !allowed.has(key) && normalized(text(messages, key)) === normalized(text(english, key)),
      );
      expect(untranslated).toEqual([]);
    });
  }
});
