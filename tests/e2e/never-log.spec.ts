import { cases as youtubeCases } from '../fixtures/youtube/e2e';
import { expect, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, settled, tabIdOf, waitForApplied } from '../support/scrobble';
import { playVideo, routeSiteCase } from '../support/sites';

// "Never log this show" (or this film): decided in the background from what the site's connector
// named, listed in the options page with Remove, and from a row of the log too.

test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
});

test('never log this show: from the popup while an episode plays, its next episode is not sent, the options page lists it, and Remove logs it again', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(150_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81434459');
  await play(page, 1);
  const tabId = await tabIdOf(context, 'Severance');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Never log this show' }).click();
  await expect(popup.getByText('Not logged: you chose never to log this show.')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Never log this show' })).toHaveCount(0);

  // The next episode, played to its end: nothing of Severance is sent.
  await page.bringToFront();
  await page.goto('https://www.netflix.com/watch/81434460');
  await play(page);
  await waitForEnded(page);
  await settled(context, standIn);
  expect(applied(standIn, { title: 'Severance' })).toEqual([]);
  await popup.reload();
  await expect(popup.getByText('Not logged: you chose never to log this show.')).toBeVisible();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const list = options.getByRole('list', { name: 'Never logged' });
  await expect(list.getByRole('listitem')).toHaveText([/^Severance \(show\) on Netflix/]);
  await list.getByRole('button', { name: 'Remove Severance' }).click();
  await expect(options.getByText('Nothing yet')).toBeVisible();

  // Logged again from now on: the episode played once more is sent.
  await page.bringToFront();
  await page.goto('https://www.netflix.com/watch/81434460');
  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { action: 'watched', title: 'Severance', season: 2, episode: 5 });
});

test('never log this film from a row of the log: listed in the options page; played again, the popup says why nothing is sent', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { action: 'watched', title: 'Glass Onion: A Knives Out Mystery' });
  const sent = applied(standIn).length;

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const row = popup.locator('.recent li').filter({ hasText: 'Glass Onion' }).first();
  await row.getByRole('button', { name: 'Never log this film' }).click();
  await expect(row).toContainText('Never logged from now on');
  await expect(row.getByRole('button', { name: 'Never log this film' })).toHaveCount(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('list', { name: 'Never logged' }).getByRole('listitem')).toHaveText([
    /^Glass Onion: A Knives Out Mystery \(\d{4}\) \(film\) on Netflix|^Glass Onion: A Knives Out Mystery \(film\) on Netflix/,
  ]);

  // Played again, the popup says why nothing of it is logged (the background's own reading of the page).
  await page.bringToFront();
  await page.goto('https://www.netflix.com/watch/81169145?again=1');
  await play(page, 1);
  const tabId = await tabIdOf(context, 'Glass Onion: A Knives Out Mystery');
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByText('Not logged: you chose never to log this film.')).toBeVisible();
  await expect(popup.locator('.now-playing').getByRole('button', { name: 'Never log this film' })).toHaveCount(0);
  expect(applied(standIn)).toHaveLength(sent);
});

test("a kids' profile named by Netflix's page sends nothing until ticked in Profiles logged; the popup says which profile is off", async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const episode = { title: 'Severance', season: 2, episode: 5 };
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  // The page's own configuration names the profile that watches, and marks it as a kids' one.
  await page.goto('https://www.netflix.com/watch/81434460?profile=Kids&kids=1');
  await play(page);
  await waitForEnded(page);
  await settled(context, standIn);
  expect(applied(standIn, episode)).toEqual([]);
  const tabId = await tabIdOf(context, 'Severance');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByText('Not logged: profile Kids is off.')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Scrobble now' })).toHaveCount(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const profiles = options.getByRole('region', { name: 'Profiles logged' });
  const kids = profiles.getByRole('checkbox', { name: 'Kids', exact: true });
  await expect(kids).not.toBeChecked();
  await expect(profiles).toContainText("Kids' profile");
  await kids.check();
  await options.reload();
  await expect(
    options.getByRole('region', { name: 'Profiles logged' }).getByRole('checkbox', { name: 'Kids', exact: true }),
  ).toBeChecked();

  // Ticked, the same profile's viewing is logged.
  await page.bringToFront();
  await page.goto('https://www.netflix.com/watch/81434460?profile=Kids&kids=1&again=1');
  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { ...episode, action: 'watched' });
  expect(applied(standIn, episode).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('never log this channel on YouTube: the channel the page names is blocked from the popup, and its episode is not sent as watched', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const episode = youtubeCases.find((c) => c.page === 'watch-episode.html');
  if (!episode) throw new Error('the YouTube episode case is gone');
  await routeSiteCase(context, 'youtube', episode);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto(episode.url);
  await playVideo(page.mainFrame(), '#movie_player video');
  // Slower, so the person has time to say so before 80 % (watched) is reached.
  await page.evaluate(() => {
    (document.querySelector('#movie_player video') as HTMLVideoElement).playbackRate = 2;
  });
  const tabId = await tabIdOf(context, 'Breaking Bad');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByText('Channel: Breaking Bad')).toBeVisible();
  await popup.getByRole('button', { name: 'Never log this channel' }).click();
  await expect(popup.getByText('Not logged: you chose never to log this channel.')).toBeVisible();

  await page.bringToFront();
  await page.evaluate(() => {
    (document.querySelector('#movie_player video') as HTMLVideoElement).playbackRate = 16;
  });
  await page.waitForFunction(() => (document.querySelector('#movie_player video') as HTMLVideoElement).ended, undefined, {
    timeout: 60_000,
  });
  await settled(context, standIn);
  expect(applied(standIn, { title: 'Breaking Bad', action: 'watched' })).toEqual([]);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('list', { name: 'Never logged' }).getByRole('listitem')).toHaveText([
    /^Breaking Bad \(channel\) on YouTube/,
  ]);
  // Removed by its id: the channel is logged again.
  await options.getByRole('button', { name: 'Remove Breaking Bad' }).click();
  await expect(options.getByText('Nothing yet: “Never log this show” in the popup adds one here.')).toBeVisible();
  await expect(options.getByRole('list', { name: 'Never logged' })).toHaveCount(0);
});
