// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Job } from '@/components/import/Report';
import { Row } from '@/components/import/ReportRow';
import type { ReportRow } from '@/utils/model/import';
import { holdAnswers, mount } from './held-answers';

const { pending, settle } = holdAnswers({ words: 'keys' });

const JOB = { source: 'netflix-file', label: 'sourceNetflixFile', ratingScale: 10, phase: 'previewed' } as unknown as Job;

/** Glass Onion as Netflix's file names it: a show's episode, or a film with a colon. */
function glassOnion(picked?: number): ReportRow {
  const readAs: NonNullable<ReportRow['readAs']> = [
    { mediaType: 'TV', title: 'Glass Onion', episodeTitle: 'A Knives Out Mystery' },
    { mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery' },
  ];
  const item = { source: 'netflix-file', list: 'library', ids: {}, watched: true, ...readAs[picked ?? 0] } as ReportRow['item'];
  return {
    key: 'TV:glass onion:',
    keys: ['TV:glass onion:'],
    item: picked === undefined ? { ...item, readings: [readAs[1] as NonNullable<ReportRow['readAs']>[number]] } : item,
    plan: { kind: 'not-importable', reason: 'uncertain' },
    match: { type: 'none', confidence: 0 },
    category: 'not-importable',
    reason: 'uncertain',
    readAs,
    ...(picked !== undefined ? { picked } : {}),
  } as ReportRow;
}

const radios = (root: HTMLElement) => [...root.querySelectorAll<HTMLInputElement>('[role="radiogroup"] input[type="radio"]')];
const checked = (root: HTMLElement) => radios(root).map((radio) => radio.checked);

describe('an uncertain title in the report', () => {
  it('offers both readings, none checked until one is picked, and keeps offering them once picked', async () => {
    const root = await mount(<Row row={glassOnion()} job={JOB} onChange={() => undefined} />);
    expect(checked(root)).toEqual([false, false]);
    const picked = await mount(<Row row={glassOnion(1)} job={JOB} onChange={() => undefined} />);
    expect(checked(picked)).toEqual([false, true]);
  });

  it('shows a pick at once, and puts back what the background last said when it does not take one', async () => {
    const root = await mount(<Row row={glassOnion(0)} job={JOB} onChange={() => undefined} />);
    await act(() => radios(root)[1]?.click());
    expect(checked(root)).toEqual([false, true]);
    expect(pending.map((p) => p.request)).toEqual([{ type: 'import/pick', key: 'TV:glass onion:', reading: 1 }]);
    await settle(0, { fail: new Error('stopped') });
    expect(checked(root)).toEqual([true, false]);
    // Meanwhile the report says another pick was taken: a late refusal goes back to that one.
    await act(() => radios(root)[1]?.click());
    await act(() => render(<Row row={glassOnion(1)} job={JOB} onChange={() => undefined} />, root));
    await settle(1, { fail: new Error('stopped') });
    expect(checked(root)).toEqual([false, true]);
  });
});
