import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { at, choose, openSite, popupFor, serve } from '../support/chosen-sites';
import { expect, launchChromium, serviceWorker, test, waitForSiteScripts } from '../support/chromium';
import { play, routeNetflix } from '../support/netflix';
import { connectInPopup, tabIdOf, waitForApplied } from '../support/scrobble';
import { playVideo } from '../support/sites';

// Settings that move: exported from one browser profile, imported into a fresh one, and a file with
// fields this version cannot take.

test('settings exported from one profile and imported into a fresh one: thresholds, site switches, asking before logging, the block list and the profiles logged follow, and no secret is in the file', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(150_000);
  await routeNetflix(context);
  const token = standIn.mintToken();
  await connectInPopup(context, extensionId, token);
  // What the person set up here: a threshold, a site switched off, a show never logged.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Counts as watched at (%)').fill('90');
  await options
    .locator('form')
    .filter({ has: options.getByLabel('Counts as watched at (%)') })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await options.getByRole('checkbox', { name: 'Crunchyroll', exact: true }).uncheck();
  await expect(options.getByRole('checkbox', { name: 'Crunchyroll', exact: true })).not.toBeChecked();
  await options.getByRole('checkbox', { name: 'Ask before logging on Hulu' }).check();
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Hulu' })).toBeChecked();
  const page = await context.newPage();
  // Netflix's page names the profile that watches: a kids' one, off until turned on.
  await page.goto('https://www.netflix.com/watch/81434459?profile=Kids&kids=1');
  await play(page, 1);
  const tabId = await tabIdOf(context, 'Severance');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Never log this show' }).click();
  await expect(popup.getByText('Not logged: you chose never to log this show.')).toBeVisible();

  await options.reload();
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(token);
  expect(text).not.toContain('rr_pat_');
  expect(JSON.parse(text)).toMatchObject({
    scrobble: { watchedThreshold: 0.9 },
    sites: { crunchyroll: false },
    blocked: [{ site: 'netflix', kind: 'show', title: 'Severance' }],
    askFirst: { all: false, sites: { hulu: true } },
    profiles: { netflix: [{ name: 'Kids', kids: true, on: false }] },
  });

  // A fresh profile: nothing set up, not even connected.
  const dir = await mkdtemp(join(tmpdir(), 'rr-chromium-fresh-'));
  const fresh = await launchChromium(dir);
  try {
    const freshId = new URL((await serviceWorker(fresh)).url()).host;
    const other = await fresh.newPage();
    await other.goto(`chrome-extension://${freshId}/options.html`);
    await expect(other.getByRole('list', { name: 'Never logged' })).toHaveCount(0);
    await other.getByLabel('Settings file').setInputFiles(file);
    const changes = other.getByRole('list', { name: 'Importing this file changes:' });
    await expect(changes.getByRole('listitem')).toHaveText([
      'When something counts as watched',
      'Ask before logging',
      'Which sites are on (1)',
      'Never logged (1)',
      'Profiles logged (1)',
    ]);
    await other.getByRole('button', { name: 'Import settings' }).click();
    await expect(other.getByText('Settings imported.')).toBeVisible();
    await other.reload();
    await expect(other.getByLabel('Counts as watched at (%)')).toHaveValue('90');
    await expect(other.getByRole('checkbox', { name: 'Crunchyroll', exact: true })).not.toBeChecked();
    await expect(other.getByRole('checkbox', { name: 'Netflix', exact: true })).toBeChecked();
    await expect(other.getByRole('checkbox', { name: 'Ask before logging on Hulu' })).toBeChecked();
    await expect(other.getByRole('checkbox', { name: 'Ask before logging on Netflix' })).not.toBeChecked();
    const profiles = other.getByRole('region', { name: 'Profiles logged' });
    await expect(profiles.getByRole('checkbox', { name: 'Kids', exact: true })).not.toBeChecked();
    await expect(other.getByRole('list', { name: 'Never logged' }).getByRole('listitem')).toHaveText([
      /^Severance \(show\) on Netflix/,
    ]);
    // Nothing secret came with it: the fresh profile is still not connected.
    const freshPopup = await fresh.newPage();
    await freshPopup.goto(`chrome-extension://${freshId}/popup.html`);
    await expect(freshPopup.getByLabel('Access token')).toBeVisible();
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a settings file with fields this version cannot take: each named and left out, the rest shown and imported', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const file = {
    format: 'reelrifter-scrobbler-settings',
    version: 3,
    scrobble: { watchedThreshold: 'most of it', minWatchingSeconds: 30 },
    sites: { netflix: false },
    blocked: [{ site: 'netflix', kind: 'channel', title: 'Somebody' }],
    ringtones: ['beep'],
  };
  await options.getByLabel('Settings file').setInputFiles({
    name: 'settings.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(options.getByText('This file was made by a newer version of ReelRifter Scrobbler')).toBeVisible();
  await expect(options.getByText('“scrobble” is not as a settings file holds it: left out.')).toBeVisible();
  await expect(options.getByText('“blocked” is not as a settings file holds it: left out.')).toBeVisible();
  await expect(options.getByText('“ringtones” is not a setting this version knows: left out.')).toBeVisible();
  await expect(options.getByRole('list', { name: 'Importing this file changes:' }).getByRole('listitem')).toHaveText([
    'Which sites are on (1)',
  ]);
  await options.getByRole('button', { name: 'Import settings' }).click();
  await expect(options.getByText('Settings imported.')).toBeVisible();
  await options.reload();
  await expect(options.getByRole('checkbox', { name: 'Netflix', exact: true })).not.toBeChecked();
  await expect(options.getByLabel('Counts as watched at (%)')).toHaveValue('80');

  // Not a settings file at all: said so, nothing to import.
  await options.getByLabel('Settings file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":"world"}'),
  });
  await expect(options.getByRole('alert')).toHaveText('This is not a settings file of ReelRifter Scrobbler.');
  await expect(options.getByRole('button', { name: 'Import settings' })).toBeDisabled();
  // Far larger than a settings file: said so, without reading it.
  await options.getByLabel('Settings file').setInputFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(1024 * 1024 + 1, 32),
  });
  await expect(options.getByRole('alert')).toHaveText('This file is far larger than a settings file.');
});

test('a site chosen in one profile moves with the settings file: in a fresh profile its next episode goes without asking, corrected as it was there', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(180_000);
  const [e5, e6] = [at(45109, '/pioneer-one/s02e05'), at(45109, '/pioneer-one/s02e06')];
  const pages = { [e5]: 'title-only-e5.html', [e6]: 'title-only-e6.html' };
  const fixed = { title: 'Pioneer One', year: 2010, mediaType: 'TV' as const, season: 2 };
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, pages);
  // Chosen here, its guess corrected (the show's year) and confirmed once.
  const page = await openSite(context, e5);
  const popup = await popupFor(context, extensionId, e5);
  await choose(popup, '127.0.0.1:45109');
  await playVideo(page.mainFrame(), 'video');
  const card = popup.locator('.now-playing[data-state="confirm"]');
  await expect(card).toContainText('Pioneer One S2E5', { timeout: 30_000 });
  await card.getByLabel('Year').fill('2010');
  await card.getByRole('button', { name: 'Confirm and scrobble' }).click();
  await waitForApplied(standIn, { ...fixed, episode: 5, action: 'watched' });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  const file = await download.path();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    servers: [{ site: 'any-site', origin: 'http://127.0.0.1:45109' }],
    chosenSites: { 'http://127.0.0.1:45109': { confirmed: true, trusted: ['Pioneer One'] } },
  });

  const dir = await mkdtemp(join(tmpdir(), 'rr-chromium-fresh-'));
  const fresh = await launchChromium(dir);
  try {
    await waitForSiteScripts(fresh);
    const freshId = new URL((await serviceWorker(fresh)).url()).host;
    await connectInPopup(fresh, freshId, standIn.mintToken());
    const other = await fresh.newPage();
    await other.goto(`chrome-extension://${freshId}/options.html`);
    await other.getByLabel('Settings file').setInputFiles(file);
    await other.getByRole('button', { name: 'Import settings' }).click();
    await expect(other.getByText('Settings imported.')).toBeVisible();
    // The next episode there: nothing asked, sent as the person corrected the show in the other profile.
    await serve(fresh, pages);
    const next = await openSite(fresh, e6);
    await playVideo(next.mainFrame(), 'video');
    await waitForApplied(standIn, { ...fixed, episode: 6, action: 'watched' });
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
