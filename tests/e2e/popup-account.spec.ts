import { DEMO_USER_ID } from '../../server/standin';
import { expect, test } from '../support/chromium';
import { connectInPopup } from '../support/scrobble';

test('History shows the account’s history, newest first', async ({ context, extensionId, standIn, openPopup }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const popup = await openPopup();
  await popup.getByRole('tab', { name: 'History' }).click();
  const list = popup.getByRole('list', { name: 'History' });
  await expect(list.getByRole('listitem').first()).toContainText('Severance S2E3 (2022)');
  const seeded = standIn.state.history.get(DEMO_USER_ID) ?? [];
  await expect(list.getByRole('listitem')).toHaveCount(seeded.length);
});

test('Watchlist filters by status and type and loads more through the cursor', async ({
  context,
  extensionId,
  standIn,
  openPopup,
}) => {
  // 25 more films to want to watch, older than the seeded ones: two pages under "Want to watch".
  const list = standIn.state.watchlists.get(DEMO_USER_ID) ?? [];
  for (let i = 1; i <= 25; i++) {
    list.push({
      id: `wl_extra_${String(i).padStart(2, '0')}`,
      tmdbId: 900_000 + i,
      title: `Extra Film ${i}`,
      mediaType: 'MOVIE',
      year: 2000 + i,
      status: 'WANT_TO_WATCH',
      currentSeason: null,
      currentEpisode: null,
      updatedAt: new Date(Date.UTC(2020, 0, 1) - i * 60_000).toISOString(),
    });
  }
  await connectInPopup(context, extensionId, standIn.mintToken());
  const popup = await openPopup();
  // Keyboard only: from the selected tab, arrow right twice.
  await popup.getByRole('tab', { name: 'Now' }).focus();
  await popup.keyboard.press('ArrowRight');
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByRole('tab', { name: 'Watchlist' })).toHaveAttribute('aria-selected', 'true');
  const items = popup.getByRole('list', { name: 'Watchlist' }).getByRole('listitem');
  await expect(items).toHaveCount(20);
  await popup.getByRole('button', { name: 'Load more' }).click();
  await expect(items).toHaveCount(34);
  await expect(popup.getByRole('button', { name: 'Load more' })).toHaveCount(0);

  await popup.getByLabel('Status').selectOption('WANT_TO_WATCH');
  await expect(items).toHaveCount(20);
  await popup.getByRole('button', { name: 'Load more' }).click();
  await expect(items).toHaveCount(28);
  await popup.getByLabel('Type').selectOption('TV');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Stranger Things (2016)');
  await expect(items.first()).toContainText('Want to watch');

  await popup.getByLabel('Status').selectOption('WATCHING');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('S2E3');
});

test('an error from the server shows a clear message and a way to try again; an empty list says so', async ({
  context,
  extensionId,
  standIn,
  openPopup,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken('usr_empty'));
  standIn.setFault({ kind: 'error500', times: 1, paths: ['/watchlist'] });
  const popup = await openPopup();
  await popup.getByRole('tab', { name: 'Watchlist' }).click();
  await expect(popup.getByRole('alert')).toContainText('Could not load this from ReelRifter');
  await popup.getByRole('button', { name: 'Try again' }).click();
  await expect(popup.getByText('Nothing on your watchlist matches.')).toBeVisible();
  await popup.getByRole('tab', { name: 'History' }).click();
  await expect(popup.getByText('Nothing in your ReelRifter history yet.')).toBeVisible();
});
