import { syntheticSources } from '../../server/sources/demo';
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
