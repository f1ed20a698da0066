import { syntheticSources, TMDB_DEMO } from '../../server/sources/demo';
import { expect, launchChromium, test, waitForSiteScripts } from '../support/chromium';
import { openImport, preview, type Sources, startSources, summaryOf } from '../support/import';
import { connectInPopup } from '../support/scrobble';

// A read the person can stop, and that no service can make endless: in real Chromium against the
// source stand-ins at the addresses the e2e build knows.

let sources: Sources | undefined;
test.afterEach(async () => {
  await sources?.close();
  sources = undefined;
});

/** Ten slow pages of Rewind ratings: a read that is still under way when the person acts. */
async function slowRead(context: Parameters<typeof openImport>[0], extensionId: string, token: string) {
  sources = await startSources({ rewindRatings: syntheticSources(1_000).rewind });
  sources.rewind.setFault({ kind: 'slow', delayMs: 1_500 });
  await connectInPopup(context, extensionId, token);
  const page = await openImport(context, extensionId);
  await preview(page, 'Rewind', sources);
  const rewind = sources.rewind;
  // The first page came back and the second is being asked: the read is under way.
  await expect.poll(() => rewind.requests().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByText(/Reading from Rewind/)).toBeVisible();
  return { page, rewind };
}

/** No page is asked for after `count` (the one under way at the stop may still be logged as it ends). */
async function noMoreRequests(rewind: Sources['rewind'], count: number) {
  await new Promise((done) => setTimeout(done, 4_000));
  expect(rewind.requests().length).toBeLessThanOrEqual(count + 1);
}

test('Stop reading stops the read at once, and a browser restart does not take it up again', async ({
  context,
  extensionId,
  standIn,
  profileDir,
}) => {
  test.setTimeout(90_000);
  const { page, rewind } = await slowRead(context, extensionId, standIn.mintToken());
  const count = rewind.requests().length;
  await page.getByRole('button', { name: 'Stop reading' }).click();
  await expect(page.getByText('Reading was stopped.')).toBeVisible({ timeout: 1_000 });
  await noMoreRequests(rewind, count);
  const stoppedAt = rewind.requests().length;

  await context.close();
  const again = await launchChromium(profileDir);
  try {
    await waitForSiteScripts(again);
    const reopened = await openImport(again, extensionId);
    await expect(reopened.getByText('Reading was stopped.')).toBeVisible();
    await noMoreRequests(rewind, stoppedAt - 1);
    await expect(reopened.getByRole('button', { name: 'Stop reading' })).toHaveCount(0);
  } finally {
    await again.close();
  }
});

test('Forget during a read stops it before the key goes', async ({ context, extensionId, standIn }) => {
  test.setTimeout(90_000);
  const { page, rewind } = await slowRead(context, extensionId, standIn.mintToken());
  const count = rewind.requests().length;
  await page.getByRole('button', { name: 'Forget' }).click();
  await expect(page.getByText('Reading was stopped.')).toBeVisible({ timeout: 2_000 });
  await expect(page.getByLabel('Rewind API key')).toBeVisible();
  await noMoreRequests(rewind, count);
});

test('a new Preview stops the read under way and starts from the first page', async ({ context, extensionId, standIn }) => {
  test.setTimeout(90_000);
  const { page, rewind } = await slowRead(context, extensionId, standIn.mintToken());
  rewind.setFault(null);
  // The person reloads the page and previews again while the first read is still going.
  await page.reload();
  await page.getByRole('radio', { name: 'Rewind' }).check();
  await page.getByRole('button', { name: 'Preview' }).click();
  expect((await summaryOf(page)).read).toBe(1_000);
  // Each page was read once by the second read: the first one stopped where it was.
  const pages = rewind.requests().map((r) => new URL(r.url, rewind.origin).searchParams.get('page'));
  expect(pages.filter((p) => p === '10')).toHaveLength(1);
});

test('an account promising a million pages of long titles is stopped at the limit, said in the person’s words', async ({
  context,
  extensionId,
  standIn,
}) => {
  sources = await startSources();
  sources.tmdb.setHostile('endless');
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'TMDB-style account', sources);
  await expect(page.getByRole('alert')).toContainText(
    'Reading stopped: This library is larger than the import can take: it has more than 200 pages.',
    { timeout: 30_000 },
  );
  await new Promise((done) => setTimeout(done, 2_000));
  expect(sources.tmdb.requests().filter((r) => r.list)).toHaveLength(1);
});

test('a service’s refusal that repeats the key is shown redacted, short, and quoted as its words', async ({
  context,
  extensionId,
  standIn,
}) => {
  sources = await startSources();
  sources.tmdb.setHostile('leaky');
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'TMDB-style account', sources);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'TMDB-style account did not accept the key. TMDB-style account said: “Your token [hidden] was revoked.',
    {
      timeout: 30_000,
    },
  );
  const text = (await alert.textContent()) ?? '';
  expect(text).not.toContain(TMDB_DEMO.accessToken);
  expect(text).toMatch(/”/);
  // The service's words are at most 200 characters of the sentence.
  const said = /“([^”]*)”/.exec(text)?.[1] ?? '';
  expect(said.length).toBeGreaterThan(50);
  expect(said.length).toBeLessThanOrEqual(200);
});

test('Simkl connects with its PIN: the code and where to type it shown, the approval waited for, then the preview', async ({
  context,
  extensionId,
  standIn,
}) => {
  sources = await startSources();
  sources.simkl.setPinTiming({ intervalSeconds: 1 });
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await page.getByRole('radio', { name: 'Simkl' }).check();
  await expect(page.getByLabel('Simkl access token')).toHaveCount(0);
  await page.getByRole('button', { name: 'Connect with Simkl' }).click();
  const code = (await page.locator('output.pin-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z0-9]{5}$/);
  await expect(page.getByRole('link', { name: `${sources.simkl.origin}/pin` })).toBeVisible();
  // Not approved yet: the page waits, asking no sooner than Simkl allows.
  await new Promise((done) => setTimeout(done, 2_500));
  await expect(page.getByText('A key for Simkl is kept')).toHaveCount(0);
  expect(
    sources.simkl
      .requests()
      .filter((r) => r.path.startsWith('/oauth/pin/'))
      .every((r) => r.status === 200),
  ).toBe(true);
  // The person approves it on Simkl's page.
  expect(sources.simkl.approvePin(code)).toBe(code);
  await expect(page.getByText('A key for Simkl is kept')).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Preview' }).click();
  expect((await summaryOf(page)).read).toBeGreaterThan(0);
});
