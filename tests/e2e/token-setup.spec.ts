import type { Page } from '@playwright/test';
import { startStandIn } from '../../server/standin';
import { expect, extensionStorageText, test } from '../support/chromium';

async function connectWith(popup: Page, token: string) {
  await popup.getByLabel('Access token').fill(token);
  await popup.getByRole('button', { name: 'Connect' }).click();
}

test('a good token connects, shows the account and survives reopening the popup', async ({ openPopup, standIn }) => {
  const popup = await openPopup();
  await connectWith(popup, standIn.mintToken());
  await expect(popup.getByText('Connected as Demo Viewer')).toBeVisible();
  await expect(popup.getByLabel('Access token')).toHaveCount(0);

  const again = await openPopup();
  await expect(again.getByText('Connected as Demo Viewer')).toBeVisible();
});

test('a malformed token is refused without asking the server', async ({ openPopup, standIn }) => {
  const popup = await openPopup();
  await connectWith(popup, 'pat_not-a-reelrifter-token');
  await expect(popup.getByRole('alert')).toContainText('rr_pat_');
  expect(standIn.requests().length).toBe(0);
});

test('a wrong token shows a clear message and stays disconnected', async ({ openPopup, standIn }) => {
  const popup = await openPopup();
  await connectWith(popup, 'rr_pat_thisTokenWasNeverIssued0000');
  await expect(popup.getByRole('alert')).toHaveText(/did not accept the access token/);
  expect(standIn.requests().map((r) => r.path)).toEqual(['/me']);
  await popup.reload();
  await expect(popup.getByLabel('Access token')).toBeVisible();
});

test('a revoked token is refused', async ({ openPopup, standIn }) => {
  const token = standIn.mintToken();
  standIn.revokeToken(token);
  const popup = await openPopup();
  await connectWith(popup, token);
  await expect(popup.getByRole('alert')).toHaveText(/may be wrong or revoked/);
});

test('a server that is down gives a clear message', async ({ openPopup, standIn }) => {
  const token = standIn.mintToken();
  standIn.setFault({ kind: 'error500' });
  const popup = await openPopup();
  await connectWith(popup, token);
  await expect(popup.getByRole('alert')).toHaveText(/ReelRifter had a problem \(HTTP 500\)/);
});

test('disconnect forgets the token', async ({ context, openPopup, standIn }) => {
  const token = standIn.mintToken();
  const popup = await openPopup();
  await connectWith(popup, token);
  await expect(popup.getByText(/Connected as/)).toBeVisible();
  // Kept where only the extension can read it, with the server it belongs to…
  expect(await readStoredToken(context.serviceWorkers()[0])).toBe(token);
  await popup.getByRole('button', { name: 'Disconnect' }).click();
  await expect(popup.getByLabel('Access token')).toBeVisible();

  const again = await openPopup();
  await expect(again.getByLabel('Access token')).toBeVisible();
  // …and gone once disconnected.
  expect(await readStoredToken(context.serviceWorkers()[0])).toBeUndefined();
});

test('the token never appears in a log, an error message, a URL or storage.local', async ({
  context,
  openPopup,
  standIn,
  consoleText,
}) => {
  const token = standIn.mintToken();
  const popup = await openPopup();
  await connectWith(popup, token);
  await expect(popup.getByText('Connected as Demo Viewer')).toBeVisible();
  await popup.getByRole('button', { name: 'Disconnect' }).click();
  standIn.revokeToken(token);
  await connectWith(popup, token);
  await expect(popup.getByRole('alert')).toBeVisible();

  await expect(popup.locator('body')).not.toContainText(token);
  expect(await popup.getByLabel('Access token').inputValue()).toBe(token);
  expect(await extensionStorageText(context)).not.toContain(token);
  expect(consoleText.join('\n')).not.toContain(token);
  expect(standIn.requests().length).toBeGreaterThanOrEqual(2);
  for (const request of standIn.requests()) expect(request.url).not.toContain(token);
});

async function readStoredToken(worker: import('@playwright/test').Worker | undefined): Promise<string | undefined> {
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('reelrifter');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('secrets').objectStore('secrets').get('credential');
          get.onsuccess = () => resolve((get.result as { token?: string } | undefined)?.token);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('the options page points the extension at another server (its origin pre-granted), refusing plain http to remote hosts', async ({
  openOptions,
  openPopup,
  standIn,
}) => {
  const other = await startStandIn({ port: 0 });
  try {
    const options = await openOptions();
    const url = options.getByLabel('API URL');
    const serverForm = options.locator('form').filter({ has: url });
    await expect(url).toHaveValue(standIn.baseUrl);

    await url.fill('http://reelrifter.example.com/api/public/v1');
    await serverForm.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByRole('alert')).toContainText('must use https://');

    await url.fill(`${other.baseUrl}/`);
    await serverForm.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByRole('status')).toHaveText('Saved.');
    await expect(url).toHaveValue(other.baseUrl);

    const popup = await openPopup();
    await popup.getByLabel('Access token').fill(other.mintToken());
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect(popup.getByText('Connected as Demo Viewer')).toBeVisible();
    expect(other.requests().map((r) => r.path)).toEqual(['/me']);
    expect(standIn.requests()).toEqual([]);
  } finally {
    await other.close();
  }
});
