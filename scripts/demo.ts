/**
 * The main job, shown end to end on this machine: builds the extension against a local ReelRifter
 * stand-in, opens Chromium with it loaded and connected, plays a demo episode on a locally served
 * stand-in of a Netflix watch page, and prints each scrobble as the stand-in receives and matches it.
 *
 * With --import it also starts stand-ins of Simkl, a TMDB-style account and Rewind (on the next
 * three ports), and imports from each through the import page, printing each summary.
 *
 *   npx tsx scripts/demo.ts [--port 8787] [--headless] [--keep-open] [--import]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REWIND_DEMO, SIMKL_DEMO, TMDB_DEMO } from '../server/sources/demo';
import { startRewindStandIn } from '../server/sources/rewind';
import { startSimklStandIn } from '../server/sources/simkl';
import { startTmdbStandIn } from '../server/sources/tmdb';
import { describeScrobble, startStandIn } from '../server/standin';
import { launchChromium, serviceWorker } from '../tests/support/browser';
import { play, routeNetflix } from '../tests/support/netflix';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    headless: { type: 'boolean', default: false },
    'keep-open': { type: 'boolean', default: false },
    import: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a whole number from 1 to 65535, not "${values.port}".`);
  process.exit(2);
}
const headless = values.headless || !process.env.DISPLAY;
const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.output', 'demo');
const apiUrl = `http://127.0.0.1:${port}/api/public/v1`;
const ports = { simkl: port + 1, tmdb: port + 2, rewind: port + 3 };

console.log(`Building the extension against the stand-in at ${apiUrl} …`);
execFileSync('npx', ['wxt', 'build'], {
  cwd: root,
  env: {
    ...process.env,
    WXT_REELRIFTER_API_URL: apiUrl,
    WXT_SIMKL_API_URL: `http://127.0.0.1:${ports.simkl}`,
    WXT_REWIND_API_URL: `http://127.0.0.1:${ports.rewind}`,
    // The extension's own Simkl app, for connecting with a PIN: the stand-in knows this client id.
    WXT_SIMKL_CLIENT_ID: SIMKL_DEMO.clientId,
    WXT_OUT_DIR: outDir,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

let importing = false;
const standIn = await startStandIn({
  port,
  // An import's scrobbles are summed up at its end, not printed one by one.
  onScrobble: (r) => {
    if (!importing) console.log(`  stand-in received: ${describeScrobble(r)}`);
  },
});
console.log(`ReelRifter stand-in listening on ${standIn.baseUrl}`);
const token = standIn.mintToken(undefined, 'Demo');

const profile = mkdtempSync(join(tmpdir(), 'reelrifter-demo-'));
const context = await launchChromium(profile, { extensionDir: join(outDir, 'chrome-mv3'), headless });
const cleanUp = async () => {
  await context.close().catch(() => undefined);
  await standIn.close();
  rmSync(profile, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanUp().then(() => process.exit(0)));

const extensionId = new URL((await serviceWorker(context)).url()).host;
console.log(
  `Chromium is running ${headless ? 'headless (no display found)' : 'in a window'} with the extension ${extensionId} loaded.`,
);

const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup.html`);
await popup.getByLabel('Access token').fill(token);
await popup.getByRole('button', { name: 'Connect' }).click();
await popup.getByText(/Connected as/).waitFor();
console.log(`Connected: the popup says "${(await popup.locator('.account').textContent())?.trim()}".`);

// The site scripts are registered by the background as it starts: wait for them before playing.
await popup.waitForFunction(async () => {
  const { chrome } = globalThis as unknown as {
    chrome: { scripting: { getRegisteredContentScripts: () => Promise<unknown[]> } };
  };
  return (await chrome.scripting.getRegisteredContentScripts()).length > 0;
});
await routeNetflix(context);
const watch = await context.newPage();
await watch.goto('https://www.netflix.com/watch/81434459');
console.log(
  'Playing a demo episode (Severance S2E4, then autoplay into S2E5) on a LOCAL STAND-IN of a Netflix watch page, at 16× speed …',
);
await play(watch);

const deadline = Date.now() + 5 * 60_000;
while (standIn.received().filter((r) => (r.body as { action?: string }).action === 'watched' && r.status === 200).length < 2) {
  if (Date.now() > deadline) {
    console.error('No watched scrobble arrived within five minutes.');
    await cleanUp();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}

await popup.reload();
await popup.locator('.result').first().waitFor();

if (values.import) {
  const sources = await Promise.all([
    startSimklStandIn({ port: ports.simkl }),
    startTmdbStandIn({ port: ports.tmdb }),
    startRewindStandIn({ port: ports.rewind }),
  ]);
  console.log(
    `Import stand-ins: Simkl ${sources[0].origin}, TMDB-style account ${sources[1].origin}, Rewind ${sources[2].origin}`,
  );
  importing = true;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/import.html`);
  for (const source of ['Simkl', 'TMDB-style account', 'Rewind'] as const) {
    await page.getByRole('radio', { name: source }).check();
    if (source === 'Simkl') {
      await page.getByLabel('Simkl client ID').fill(SIMKL_DEMO.clientId);
      await page.getByLabel('Simkl access token').fill(SIMKL_DEMO.token);
    } else if (source === 'TMDB-style account') {
      await page.getByLabel('Account API address').fill(sources[1].origin);
      await page.getByLabel('Account access token').fill(TMDB_DEMO.accessToken);
    } else {
      await page.getByLabel('Rewind API key').fill(REWIND_DEMO.liveKey);
    }
    await page.getByRole('button', { name: 'Preview' }).click();
    const summary = page.getByTestId('import-summary').locator('p').first();
    await summary
      .getByText('already in ReelRifter')
      .waitFor({ timeout: 60_000 })
      .catch(() => summary.waitFor());
    await page.waitForTimeout(500);
    console.log(`${source}, previewed: ${(await summary.textContent())?.trim()}`);
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    if (await importButton.isVisible()) {
      await importButton.click();
      await page.getByText('The import is done.').waitFor({ timeout: 5 * 60_000 });
      await page.getByTestId('import-sent').waitFor();
      console.log(`${source}, imported: ${(await page.getByTestId('import-sent').textContent())?.trim()}`);
    }
  }
  importing = false;
  await Promise.all(sources.map((source) => source.close()));
}
if (headless) {
  const dir = join(root, '.demo');
  mkdirSync(dir, { recursive: true });
  const shot = join(dir, 'popup.png');
  await popup.setViewportSize({ width: 380, height: 520 });
  await popup.screenshot({ path: shot, fullPage: true });
  console.log(`Saved a screenshot of the popup to ${shot}`);
}
if (!headless || values['keep-open']) {
  console.log('Done. The browser stays open: play with the popup, then press Ctrl+C to stop.');
} else {
  console.log('Done.');
  await cleanUp();
}
