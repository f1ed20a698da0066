import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(source.fields.length).toBeGreaterThan(0);
    for (const field of source.fields) {
      expect(said(field.label), field.name).toBeTruthy();
      if (field.help) expect(said(field.help), field.name).toBeTruthy();
    }
    if (source.ratedOnly) expect(said(source.ratedOnly)).toBeTruthy();
  });

  it('answers at a fixed address, or asks for one in a field named apiUrl', () => {
    if (source.address.kind === 'fixed') {
      expect(checkApiUrl(source.address.url()).ok).toBe(true);
      expect(source.fields.some((field) => field.name === 'apiUrl')).toBe(false);
    } else {
      expect(source.fields.find((field) => field.name === 'apiUrl')?.type).toBe('url');
    }
  });

  it('checks a key: nothing typed is refused, and every field declared is what is kept', () => {
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

  it('has a reader, and a PIN flow only with a fixed address', () => {
    expect(typeof source.reader).toBe('function');
    expect(typeof source.reader({ source: id, apiUrl: 'https://api.example' }, { ratedOnly: false, version: '1' }).read).toBe(
      'function',
    );
    if (source.pin) expect(source.address.kind).toBe('fixed');
  });
});

it('an id that is not declared finds nothing', () => {
  expect(sourceById('letterboxd-not-yet')).toBeUndefined();
  expect(sourceById(undefined)).toBeUndefined();
});
