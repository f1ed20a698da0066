import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_SOURCES } from '@/utils/import/files/items';
import { checkSourceKey } from '@/utils/import/keys';
import { importSources, sourceById } from '@/utils/import/sources';
import { checkApiUrl } from '@/utils/origins';

const english = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8'));
const said = (key: string) => english[key]?.message as string | undefined;

/** Like the connectors' test: every declared source is whole, and the registry finds it. */
describe.each(importSources.map((source) => [source.id, source] as const))('the import source %s', (id, source) => {
  it('has an id of its own, words in the person’s language for it and each field, and a rating scale', () => {
    expect(id).toMatch(/^[a-z][a-z0-9-]{1,30}$/);
    expect(importSources.filter((other) => other.id === id)).toHaveLength(1);
    expect(sourceById(id)).toBe(source);
    expect(said(source.label)).toBeTruthy();
    expect([5, 10]).toContain(source.ratingScale);
    // A service is connected with what the person types; a site with the browser's sign-in; files need nothing.
    if (source.kind === 'service') expect(source.fields.length).toBeGreaterThan(0);
    else expect(source.fields).toEqual([]);
    if (source.hint) expect(said(source.hint)).toBeTruthy();
    for (const field of source.fields) {
      expect(said(field.label), field.name).toBeTruthy();
      if (field.help) expect(said(field.help), field.name).toBeTruthy();
    }
    if (source.ratedOnly) expect(said(source.ratedOnly)).toBeTruthy();
  });

  it('answers at a fixed address, or asks for one in a field named apiUrl; files have none', () => {
    expect(source.address.kind === 'none').toBe(source.kind === 'files');
    if (source.address.kind === 'fixed') {
      expect(checkApiUrl(source.address.url()).ok).toBe(true);
      expect(source.fields.some((field) => field.name === 'apiUrl')).toBe(false);
    } else if (source.address.kind === 'asked') {
      expect(source.fields.find((field) => field.name === 'apiUrl')?.type).toBe('url');
    }
  });

  it('checks a key: nothing typed is refused, and every field declared is what is kept (a site’s key is its address, files have none)', () => {
    if (source.kind !== 'service') {
      const checked = checkSourceKey(source, { extra: 'not kept' });
      expect(checked.ok).toBe(source.kind === 'site');
      if (checked.ok)
        expect(checked.key).toEqual({ source: id, apiUrl: checkApiUrl(checked.key.apiUrl).ok && checked.key.apiUrl });
      return;
    }
    expect(checkSourceKey(source, {}).ok).toBe(false);
    const typed: Record<string, string> = { apiUrl: 'https://account.example' };
    for (const field of source.fields)
      if (field.name !== 'apiUrl') typed[field.name] = field.name === 'key' ? 'rw_live_abcdefgh' : ' value ';
    const checked = checkSourceKey(source, { ...typed, extra: 'not kept' });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.key.source).toBe(id);
    expect(checked.key).not.toHaveProperty('extra');
    for (const field of source.fields) expect(checked.key[field.name]?.trim()).toBe(checked.key[field.name]);
  });

  it('has a reader unless it is files (read in the page), and a PIN flow only with a fixed address', () => {
    if (source.kind === 'files') {
      expect(source.reader).toBeUndefined();
      // The page reads them: a files source says which export it is, by the ids the readers know.
      expect(Object.values(FILE_SOURCES)).toContain(id);
    } else {
      const reader = source.reader?.({ source: id, apiUrl: 'https://api.example' }, { ratedOnly: false, version: '1' });
      expect(typeof reader?.read).toBe('function');
    }
    if (source.pin) expect(source.address.kind).toBe('fixed');
    // Only a site has profiles and a sign-in page.
    expect(source.profiles !== undefined).toBe(source.kind === 'site');
    expect(source.signIn !== undefined).toBe(source.kind === 'site');
  });
});

it('an id that is not declared finds nothing', () => {
  expect(sourceById('letterboxd-not-yet')).toBeUndefined();
  expect(Object.values(FILE_SOURCES).every((id) => sourceById(id)?.kind === 'files')).toBe(true);
  expect(sourceById(undefined)).toBeUndefined();
});
