import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NETFLIX_ACTIVITY, NETFLIX_DEMO, type NetflixStandIn } from '../../server/sources/netflix';
import { expect, test } from '../support/chromium';
import {
  csvFile,
  dropFiles,
  EXPORTS,
  fixtureCsv,
  previewFiles,
  signInToNetflix,
  startNetflixSite,
  zipFile,
} from '../support/history';
import { importedFrom, openImport, summaryOf } from '../support/import';
import { connectInPopup } from '../support/scrobble';

// A person's past from Netflix's viewing activity and from the export files of Netflix, Letterboxd,
// IMDb and TV Time, each imported end to end in real Chromium against the ReelRifter stand-in
// (whose demo account already has Oppenheimer and Breaking Bad finished, The Witcher at S1E3).

// Netflix's own site, where a test needs it (signed out unless the test signs in).
let netflix: NetflixStandIn | undefined;
test.afterEach(async () => {
  await netflix?.close();
  netflix = undefined;
});

const report = (page: import('@playwright/test').Page) => page.getByRole('list', { name: 'What was read' });
const importAndWait = async (page: import('@playwright/test').Page) => {
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The import is done.')).toBeVisible({ timeout: 60_000 });
};

/** How late a request may reach a stand-in on a loaded two-core machine, beyond when it left. */
const ARRIVAL_JITTER_MS = 300;

test('Netflix export file: the date order asked once, episodes without a number sent only if ticked, a title read two ways picked, one left out', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  netflix = await startNetflixSite();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  // Every day is 12 or under: the file cannot say which comes first.
  const history = csvFile(
    'NetflixViewingHistory.csv',
    [
      'Title,Date',
      'Oppenheimer,05/02/24',
      "The Witcher: Season 1: The End's Beginning,03/04/21",
      'Roma,01/01/21',
      'Glass Onion: A Knives Out Mystery,02/03/23',
      'Lupin: Part 1: Chapter 1,06/01/21',
      '"Wednesday: Season 1: Wednesday\'s Child Is Full of Woe (Episode 1)",07/01/23',
    ].join('\r\n'),
  );
  await previewFiles(page, 'Netflix export file', [history]);
  const order = page.getByRole('radiogroup', { name: 'Date order' });
  await expect(order).toBeVisible();
  // Two rows, each read both ways, the month in words.
  await expect(order.getByRole('listitem')).toHaveCount(2);
  await expect(order.getByRole('listitem').first()).toHaveText(
    '05/02/24 reads February 5, 2024 day before month, May 2, 2024 month before day',
  );
  await expect(page.getByRole('list', { name: 'What was read' })).toHaveCount(0);
  await order.getByRole('radio', { name: 'Day before month' }).check();
  await page.getByRole('button', { name: 'Preview' }).click();

  // ReelRifter has Oppenheimer finished and The Witcher; Lupin's title names no episode number; Glass Onion reads two ways.
  expect(await summaryOf(page)).toEqual({ read: 6, already: 2, toImport: 2, notImportable: 2 });
  await expect(page.getByText('This file cannot tell finished from started')).toBeVisible();
  // Signed out of Netflix: what signing in would bring, and where.
  await expect(page.getByText('Signed in to Netflix in this browser, the import numbers these episodes')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in to Netflix' })).toHaveAttribute('href', `${netflix.origin}/login`);
  const lupin = report(page).getByRole('listitem').filter({ hasText: 'Lupin' });
  await expect(lupin).toContainText('No episode known');
  await expect(lupin).toContainText('“Chapter 1”');
  await report(page)
    .getByRole('radiogroup', { name: 'Read “Glass Onion” as' })
    .getByRole('radio', { name: 'the film “Glass Onion: A Knives Out Mystery”' })
    .check();
  await lupin.getByRole('checkbox', { name: 'Send Lupin as started' }).check();
  await report(page).getByRole('checkbox', { name: 'Import Roma' }).uncheck();
  await expect.poll(async () => (await summaryOf(page)).toImport).toBe(3);
  await expect(report(page).getByRole('listitem').filter({ hasText: 'Roma' })).toContainText('Left out');

  await importAndWait(page);
  const sent = importedFrom(standIn, 'netflix-file');
  expect(sent.map((b) => [b.title, b.action, b.season ?? null, b.episode ?? null]).sort()).toEqual([
    ['Glass Onion: A Knives Out Mystery', 'watched', null, null],
    ['Lupin', 'watching', null, null],
    ['Wednesday', 'watched', 1, 1],
  ]);
});

test('Netflix account export (ZIP): the profile chosen, trailers and autoplayed previews left out, an episode’s rows folded', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  netflix = await startNetflixSite();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  const activity = readFileSync(resolve(EXPORTS, 'netflix/CONTENT_INTERACTION/ViewingActivity.csv'), 'utf8');
  const zip = zipFile('netflix-report.zip', {
    'CONTENT_INTERACTION/ViewingActivity.csv': activity,
    'CONTENT_INTERACTION/MyList.csv': readFileSync(resolve(EXPORTS, 'netflix/CONTENT_INTERACTION/MyList.csv'), 'utf8'),
    'CLICKSTREAM/Clickstream.csv': 'Profile Name,Source,Navigation Level,Referrer Url,Webpage Url,Click Utc Ts\n',
  });
  await previewFiles(page, 'Netflix export file', [zip]);
  const profile = page.getByRole('combobox', { name: 'Profile' });
  await expect(profile).toBeVisible();
  await expect(profile.getByRole('option', { name: /^Anna \(\d+ viewings\)$/ })).toHaveCount(1);
  await profile.selectOption('Anna');
  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = await summaryOf(page);
  expect(summary.read).toBeGreaterThan(0);
  await expect(page.getByText(/Left out of the files: .*trailers, hooks and recaps/)).toBeVisible();
  await expect(page.getByText(/previews that played by themselves/)).toBeVisible();
  await importAndWait(page);
  const sent = importedFrom(standIn, 'netflix-file');
  expect(sent.length).toBe(summary.toImport);
  // Anna's The Crown, once: its furthest episode (season 2's first); the kids' profile's viewings are not hers.
  const crown = sent.filter((b) => b.title === 'The Crown');
  expect(crown).toEqual([expect.objectContaining({ action: 'watched', season: 2, episode: 1 })]);
  expect(new Set(sent.map((b) => `${b.title}:${b.season ?? ''}`)).size).toBe(sent.length);
  expect(activity).toContain('Trailer:');
  expect(sent.some((b) => /Trailer|Clip/.test(String(b.title)))).toBe(false);
});

test('Netflix export file, signed in to Netflix: episodes numbered, a title read two ways settled and how far each got measured by the site’s own activity', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  netflix = await startNetflixSite();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const site = await context.newPage();
  await signInToNetflix(site, netflix);
  await site.close();
  const page = await openImport(context, extensionId);
  const header =
    'Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country';
  const activity = csvFile(
    'ViewingActivity.csv',
    [
      header,
      'Alex,2024-05-01 20:00:00,1:10:00,,The Irishman,,Chrome PC (Cadmium),1:10:00,1:10:00,GB (United Kingdom)',
      'Alex,2024-05-02 20:00:00,0:46:40,,Dark: Season 1: Lies,,Chrome PC (Cadmium),0:46:40,0:46:40,GB (United Kingdom)',
      'Alex,2024-05-03 20:00:00,2:19:00,,Glass Onion: A Knives Out Mystery,,Chrome PC (Cadmium),2:19:00,2:19:00,GB (United Kingdom)',
    ].join('\n'),
  );
  await previewFiles(page, 'Netflix export file', [activity]);
  await summaryOf(page);
  await expect(page.getByText("Episode numbers, and how far you got, come from Netflix's own viewing activity")).toBeVisible();
  await expect(page.getByText('This file cannot tell finished from started')).toHaveCount(0);
  // The Irishman stopped at a third of its runtime (the site's): started, not finished.
  await expect(report(page).getByRole('listitem').filter({ hasText: 'The Irishman' })).toContainText('Started, not finished');
  await expect(report(page).getByRole('radiogroup')).toHaveCount(0);
  await importAndWait(page);
  const sent = importedFrom(standIn, 'netflix-file');
  expect(sent.map((b) => [b.title, b.action, b.season ?? null, b.episode ?? null]).sort()).toEqual([
    ['Dark', 'watched', 1, 2],
    ['Glass Onion: A Knives Out Mystery', 'watched', null, null],
  ]);
  // The activity read was the file's profile's, by its name.
  expect(
    netflix
      .requests()
      .filter((r) => r.profile)
      .every((r) => r.profile === NETFLIX_DEMO.profiles.alex),
  ).toBe(true);
});

test('Letterboxd ZIP, dropped on the page: each film once (a diary’s rewatches are one film), what ReelRifter has skipped, the watchlist listed as not writable', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  const entries = Object.fromEntries(
    ['watched.csv', 'diary.csv', 'ratings.csv', 'watchlist.csv'].map((name) => [
      name,
      readFileSync(resolve(EXPORTS, 'letterboxd', name), 'utf8'),
    ]),
  );
  await page.getByRole('radio', { name: 'Letterboxd export', exact: true }).check();
  await dropFiles(page, [zipFile('letterboxd-someone-2026-12-01-10-00-utc.zip', entries)]);
  await expect(page.getByText('Chosen: letterboxd-someone-2026-12-01-10-00-utc.zip')).toBeVisible();
  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = await summaryOf(page);
  expect(summary.toImport).toBeGreaterThan(0);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('not-importable');
  await expect(report(page)).toContainText('cannot add to a watchlist');
  await importAndWait(page);
  const sent = importedFrom(standIn, 'letterboxd');
  expect(sent).toHaveLength(summary.toImport);
  expect(new Set(sent.map((b) => b.title)).size).toBe(sent.length);
  expect(sent.every((b) => b.mediaType === 'MOVIE' && b.action === 'watched')).toBe(true);
  expect(sent.some((b) => b.title === 'Parasite')).toBe(true);
});

test('IMDb: two files at once; rated films and episodes watched, a rated series only if ticked, games left out, what ReelRifter has skipped', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await previewFiles(page, 'IMDb export', [fixtureCsv('imdb/ratings.csv'), fixtureCsv('imdb/watchlist.csv')]);
  const summary = await summaryOf(page);
  await expect(page.getByText(/titles that are neither films nor shows/)).toBeVisible();
  // Breaking Bad is finished in ReelRifter: the series and its pilot are already there.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('already');
  await expect(report(page)).toContainText('Breaking Bad');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
  const chernobyl = report(page).getByRole('listitem').filter({ hasText: 'Chernobyl' });
  await chernobyl.getByRole('checkbox', { name: /Send Chernobyl .*as started/ }).check();
  await expect.poll(async () => (await summaryOf(page)).toImport).toBe(summary.toImport + 1);
  await importAndWait(page);
  const sent = importedFrom(standIn, 'imdb');
  expect(sent).toContainEqual(expect.objectContaining({ title: 'Interstellar', action: 'watched', mediaType: 'MOVIE' }));
  expect(sent).toContainEqual(expect.objectContaining({ title: 'Chernobyl', action: 'watching', mediaType: 'TV' }));
  expect(sent.find((b) => b.title === 'Chernobyl')).not.toHaveProperty('episode');
  expect(sent.some((b) => b.title === 'Some Game' || b.title === 'Breaking Bad')).toBe(false);
});

test('TV Time: episodes by show, season and number, its furthest one sent; films by name; a show no file names listed, never guessed', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await previewFiles(
    page,
    'TV Time export',
    ['tracking-prod-records-v2.csv', 'tracking-prod-records.csv', 'followed_tv_show.csv'].map((name) =>
      fixtureCsv(`tvtime/${name}`),
    ),
  );
  const summary = await summaryOf(page);
  await expect(page.getByText(/shows no file names: listed here, never guessed/)).toBeVisible();
  // The one show only its TVDB id names, with how far it was watched: never a guessed name.
  await expect(page.getByRole('list', { name: /shows no file names/ }).getByRole('listitem')).toHaveText([
    'TVDB show 999002: up to season 2, episode 7 (episodes watched: 1)',
  ]);
  await importAndWait(page);
  const sent = importedFrom(standIn, 'tvtime');
  expect(sent).toHaveLength(summary.toImport);
  expect(sent).toContainEqual(expect.objectContaining({ title: 'Fury', mediaType: 'MOVIE', action: 'watched' }));
  const shows = sent.filter((b) => b.mediaType === 'TV');
  expect(shows.length).toBeGreaterThan(0);
  expect(shows.every((b) => typeof b.season === 'number' && typeof b.episode === 'number')).toBe(true);
  expect(new Set(shows.map((b) => b.title)).size).toBe(shows.length);
});

test('Netflix viewing activity: the signed-in profile read a page at a time, numbers from the site’s metadata once per show, started apart from finished', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const alex = NETFLIX_DEMO.profiles.alex as string;
  netflix = await startNetflixSite({
    ...NETFLIX_ACTIVITY,
    // Oppenheimer, which ReelRifter has finished already.
    [alex]: [
      ...(NETFLIX_ACTIVITY[alex] ?? []),
      {
        title: 'Oppenheimer',
        videoTitle: 'Oppenheimer',
        movieID: 81700001,
        date: Date.UTC(2024, 1, 5),
        bookmark: 10800,
        duration: 10800,
      },
    ],
  });
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);

  // Signed out: a clear message and where to sign in, never an empty list.
  await page.getByRole('radio', { name: 'Netflix viewing activity' }).check();
  await expect(page.getByRole('alert')).toContainText('Netflix says nobody is signed in');
  await expect(page.getByRole('link', { name: 'Sign in to Netflix' })).toHaveAttribute('href', `${netflix.origin}/login`);

  const site = await context.newPage();
  await signInToNetflix(site, netflix);
  await site.close();
  await page.reload();
  await page.getByRole('radio', { name: 'Netflix viewing activity' }).check();
  await expect(page.getByText('Nothing leaves your browser except the scrobbles')).toBeVisible();
  const profile = page.getByRole('combobox', { name: 'Profile' });
  // The signed-in profile by default; the kids' profile offered, never chosen for the person.
  await expect(profile).toHaveValue(alex);
  await expect(profile.getByRole('option')).toHaveText(['Alex (signed in now)', 'Sam', 'Kids (kids)']);
  netflix.rateLimit(1, 1);
  const before = netflix.requests().length;
  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = await summaryOf(page);
  expect(summary.already).toBe(1);

  const asked = netflix.requests().slice(before);
  // Every request carried the browser's own sign-in.
  expect(asked.every((r) => r.cookie)).toBe(true);
  const metadata = asked.filter((r) => r.movieid);
  // One request per show (Wednesday, Dark), never per episode.
  expect(metadata.map((r) => r.movieid).sort()).toEqual(['80100172', '81231974']);
  expect(asked.filter((r) => r.profile).every((r) => r.profile === alex)).toBe(true);
  // A request a second at most, the 429 waited out. The extension spaces them as they leave; as they
  // arrive here, each may be late by a little on a loaded machine, so any run of them spans at least
  // a second a gap less that jitter (two requests at once, or a faster pace over a few, would not).
  const times = asked.map((r) => r.atMs);
  for (let i = 0; i < times.length; i += 1) {
    for (let j = i + 1; j < times.length; j += 1) {
      expect((times[j] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual((j - i) * 1_000 - ARRIVAL_JITTER_MS);
    }
  }
  expect(asked.some((r) => r.status === 429)).toBe(true);

  // The Irishman was left at a third: started, not finished, sent only if ticked.
  const irishman = report(page).getByRole('listitem').filter({ hasText: 'The Irishman' });
  await expect(irishman).toContainText('Started, not finished');
  await page.getByRole('checkbox', { name: 'Also count what was started but not finished' }).check();
  await expect(irishman.getByRole('checkbox', { name: /Send The Irishman .*as started/ })).toBeChecked();

  await importAndWait(page);
  const sent = importedFrom(standIn, 'netflix-activity');
  expect(sent).toContainEqual(expect.objectContaining({ title: 'Wednesday', action: 'watched', season: 2, episode: 1 }));
  expect(sent).toContainEqual(expect.objectContaining({ title: 'Dark', action: 'watched', season: 2, episode: 1 }));
  expect(sent).toContainEqual(expect.objectContaining({ title: 'The Irishman', action: 'watching' }));
  expect(sent.some((b) => b.title === 'Oppenheimer' || b.title === 'The Sea Beast' || b.title === 'Knives Out')).toBe(false);
});
