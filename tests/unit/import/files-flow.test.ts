import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { countStarted, leaveOut, pick, tick } from '@/utils/import/choices';
import { readJob } from '@/utils/import/job';
import { importLaneOpen, importView, reportPage, startImport } from '@/utils/import/run';
import { profilesOf, stageFiles, startFiles } from '@/utils/import/staging';
import { FILE_PART, type FileNotes, type RawItem, type ReportRow } from '@/utils/model/import';
import { queuedEntries } from '@/utils/scrobble/queue';
import { setImportLane } from '@/utils/scrobble/sender';
import { db, writeCredential } from '@/utils/store/db';
import { apiUrlOverrideItem, connectionItem } from '@/utils/store/items';
import { type NetflixStandIn, startNetflixStandIn } from '../../../server/sources/netflix';
import { type StandIn, startStandIn } from '../../../server/standin';

// Export files' items handed over by the page, in parts, to the real job against the ReelRifter
// stand-in: the same preview, the person's choices, and what Import queues.

let reelrifter: StandIn;
let netflix: NetflixStandIn;
beforeAll(async () => {
  [reelrifter, netflix] = await Promise.all([startStandIn({}), startNetflixStandIn()]);
  vi.stubEnv('WXT_NETFLIX_URL', netflix.origin);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([reelrifter.close(), netflix.close()]);
});

beforeEach(async () => {
  fakeBrowser.reset();
  const database = await db();
  const stores = ['scrobbles', 'viewings', 'meta', 'secrets', 'settings', 'imports', 'importPages', 'importedKeys'] as const;
  await Promise.all(stores.map((s) => database.clear(s)));
  reelrifter.reset({ data: true });
  await apiUrlOverrideItem.write(reelrifter.baseUrl);
  await writeCredential({ token: reelrifter.mintToken(), apiUrl: reelrifter.baseUrl });
  await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
  setImportLane(importLaneOpen);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
});

const notes: FileNotes = { finishedKnown: false, skipped: { supplemental: 2 }, unnamed: [], files: 1 };
const film = (title: string, patch: Partial<RawItem> = {}): RawItem => ({
  source: 'letterboxd',
  list: 'library',
  mediaType: 'MOVIE',
  title,
  ids: {},
  watched: true,
  ...patch,
});

async function previewFiles(source: string, items: unknown[]): Promise<string> {
  const started = await startFiles(source, notes);
  if (!started.ok) throw new Error(started.error.kind);
  for (let at = 0; at === 0 || at < items.length; at += FILE_PART) {
    const part = await stageFiles(started.job, items.slice(at, at + FILE_PART), at + FILE_PART >= items.length, () => undefined);
    expect(part.ok).toBe(true);
  }
  await vi.waitFor(async () => expect((await readJob())?.phase).toBe('previewed'), { timeout: 10_000 });
  return started.job;
}

const rowOf = async (title: string): Promise<ReportRow | undefined> =>
  (await reportPage('all', 'title', 1))?.rows.find((row) => row.item.title === title);

describe('export files handed over in parts', () => {
  it('keeps every part, cleaned, and previews against ReelRifter like any source', async () => {
    const many = Array.from({ length: FILE_PART + 3 }, (_, i) => film(`Film ${i}`));
    await previewFiles('letterboxd', [...many, film('Oppenheimer', { year: 2023 }), { title: 42 }, film('\u0000\u202e')]);
    const job = await readJob();
    expect(job).toMatchObject({ pagesRead: 2, itemsRead: FILE_PART + 4, notes });
    const report = await reportPage('all', 'title', 1);
    expect(report?.summary).toMatchObject({ read: FILE_PART + 4, already: 1, toImport: FILE_PART + 3 });
    // What the files said beside their items reaches the page.
    expect((await importView()).job?.notes).toEqual(notes);
  });

  it('a choice and Import at once: the choice waits its turn and is refused once the import runs, never written over it', async () => {
    await previewFiles('letterboxd', [film('Roma'), film('Aftersun')]);
    const roma = (await rowOf('Roma'))?.key ?? '';
    const [started, late] = await Promise.all([startImport(), leaveOut(roma, true)]);
    expect(started).toMatchObject({ ok: true, queued: 2 });
    expect(late.ok).toBe(false);
    expect((await readJob())?.phase).toBe('importing');
  });

  it('refuses a part of another job, and a source that is not files', async () => {
    expect((await startFiles('simkl', notes)).ok).toBe(false);
    const started = await startFiles('imdb', notes);
    if (!started.ok) throw new Error('not started');
    expect((await stageFiles('another-job', [film('Roma')], true, () => undefined)).ok).toBe(false);
    const job = await readJob();
    expect(job?.phase).toBe('reading');
    expect(job?.itemsRead).toBe(0);
  });

  it('the person’s choices before Import: leave out, tick, count what was started, pick a reading', async () => {
    await previewFiles('netflix-file', [
      film('Roma', { source: 'netflix-file' }),
      film('The Irishman', { source: 'netflix-file', progress: 0.3 }),
      film('Lupin', { source: 'netflix-file', mediaType: 'TV', episodeTitle: 'Chapter 1' }),
      film('Glass Onion', {
        source: 'netflix-file',
        mediaType: 'TV',
        episodeTitle: 'A Knives Out Mystery',
        readings: [{ mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery' }],
      }),
    ]);
    // Nobody is signed in to Netflix here: the files stand as they are, and the page is told why.
    expect((await readJob())?.site).toBe('signed-out');
    expect((await importView()).job?.settled).toEqual({
      state: 'signed-out',
      siteName: 'Netflix',
      signIn: `${netflix.origin}/login`,
    });
    expect(await rowOf('The Irishman')).toMatchObject({ category: 'not-importable', reason: 'started', optional: true });
    expect(await rowOf('Lupin')).toMatchObject({ category: 'not-importable', reason: 'no-episode-known' });
    expect(await rowOf('Glass Onion')).toMatchObject({ category: 'not-importable', reason: 'uncertain' });

    await leaveOut((await rowOf('Roma'))?.key ?? '', true);
    await tick((await rowOf('Lupin'))?.key ?? '', true);
    await countStarted(true);
    const glass = (await rowOf('Glass Onion'))?.key ?? '';
    await pick(glass, 1);
    expect(await rowOf('Roma')).toMatchObject({ category: 'not-importable', reason: 'left-out', leaveOutable: true });
    expect(await rowOf('The Irishman')).toMatchObject({ category: 'to-import', ticked: true });
    // Picked, it is the film, under the key it was read with.
    expect(await rowOf('Glass Onion: A Knives Out Mystery')).toMatchObject({
      key: glass,
      category: 'to-import',
      picked: 1,
      plan: { action: 'watched' },
      readAs: [
        { mediaType: 'TV', title: 'Glass Onion', episodeTitle: 'A Knives Out Mystery' },
        { mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery' },
      ],
    });
    // Both ways stay offered: the person can change their mind, and back.
    await pick(glass, 0);
    expect(await rowOf('Glass Onion')).toMatchObject({ key: glass, picked: 0, reason: 'no-episode-known' });
    expect((await rowOf('Glass Onion'))?.readAs).toHaveLength(2);
    await pick(glass, 1);

    // Counting every started title, one can still be unticked, and ticked again.
    const irishman = (await rowOf('The Irishman'))?.key ?? '';
    await tick(irishman, false);
    expect(await rowOf('The Irishman')).toMatchObject({ category: 'not-importable', reason: 'started', ticked: false });
    await tick(irishman, true);
    expect(await rowOf('The Irishman')).toMatchObject({ category: 'to-import', ticked: true });

    const started = await startImport();
    expect(started).toMatchObject({ ok: true, queued: 3 });
    const queued = (await queuedEntries()).map((entry) => [entry.media.title, entry.action, entry.media.mediaType]);
    expect(queued.sort()).toEqual([
      ['Glass Onion: A Knives Out Mystery', 'watched', 'MOVIE'],
      ['Lupin', 'watching', 'TV'],
      ['The Irishman', 'watching', 'MOVIE'],
    ]);
    // Once the import runs, nothing more can be decided.
    expect((await leaveOut('anything', true)).ok).toBe(false);
  });

  it('asks a site for its profiles: signed out, a failure the page can say', async () => {
    expect(await profilesOf('netflix-activity')).toEqual({ ok: false, error: { kind: 'signed-out' } });
    expect((await profilesOf('letterboxd')).ok).toBe(false);
  });
});
