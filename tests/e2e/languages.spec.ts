import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type StandIn, startStandIn } from '../../server/standin';
import { launchChromium, serviceWorker } from '../support/browser';
import { E2E_API_PORT } from '../support/env';

const CASES = [
  { language: 'de', token: 'Zugriffstoken', connect: 'Verbinden', history: 'Verlauf', watchlist: 'Merkliste' },
  { language: 'es', token: 'Token de acceso', connect: 'Conectar', history: 'Historial', watchlist: 'Mi lista' },
];

for (const c of CASES) {
  test(`the popup speaks ${c.language} when the browser does, dates included`, async () => {
    const standIn: StandIn = await startStandIn({ port: E2E_API_PORT });
    const dir = await mkdtemp(join(tmpdir(), `rr-${c.language}-`));
    const context = await launchChromium(dir, { language: c.language });
    try {
      const id = new URL((await serviceWorker(context)).url()).host;
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${id}/popup.html`);
      await expect(popup.locator('html')).toHaveAttribute('lang', new RegExp(`^${c.language}`));
      await popup.getByLabel(c.token).fill(standIn.mintToken());
      await popup.getByRole('button', { name: c.connect }).click();
      await popup.getByRole('tab', { name: c.history }).click();
      const first = popup.getByRole('list', { name: c.history }).getByRole('listitem').first();
      await expect(first).toContainText('Severance S2E3 (2022)');
      // The date is the browser language's own format, not English.
      const watchedAt = standIn.state.history.get('usr_demo')?.[0]?.watchedAt ?? '';
      const expected = new Intl.DateTimeFormat(c.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(watchedAt),
      );
      await expect(first).toContainText(expected);
      await expect(popup.getByRole('tab', { name: c.watchlist })).toBeVisible();
    } finally {
      await context.close();
      await standIn.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
