import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_USER_ID, type Fault, type FaultKind } from '../../server/standin';
import { expect, test } from '../support/chromium';
import { CHROME_EXTENSION_DIR, E2E_API_PORT } from '../support/env';
import {
  HOSTILE_ID,
  HOSTILE_NAME,
  HOSTILE_TITLE,
  HOSTILE_YEAR,
  hostileNetflix,
  SPLIT_EMOJI_TITLE,
  SPLIT_ID,
} from '../support/hostile';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, bodyOf, connectInPopup, keysFor, settled, tabIdOf, waitForApplied } from '../support/scrobble';

// ---------------------------------------------------------------- hostile titles

async function routeHostileNetflix(context: BrowserContext, titles: Record<string, string>): Promise<void> {
  const answer = hostileNetflix(titles);
  await context.route('https://www.netflix.com/**', (route) => route.fulfill(answer(new URL(route.request().url()))));
}

/** What a page shows as text, and whether anything in it was taken for markup or run. */
async function inspect(page: Page) {
  return page.evaluate(() => ({
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees
    text: document.body.innerText,
    images: document.querySelectorAll('img').length,
    bold: document.querySelectorAll('b').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__pwned')).length,
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
  }));
}

async function expectOnlyText(page: Page): Promise<string> {
  const seen = await inspect(page);
  expect(seen.images).toBe(0);
  expect(seen.bold).toBe(0);
  expect(seen.scripts).toBe(0);
  expect(seen.pwned).toBeUndefined();
  expect(seen.text).toContain('<img src=x onerror="window.__pwned=1">');
  return seen.text;
}

test('hostile titles reach the API trimmed, capped and clean, and every page shows them as text', async ({
  context,
  extensionId,
  standIn,
  openPopup,
  openOptions,
}) => {
  test.setTimeout(150_000);
  // The account's own name, and its lists, are hostile too: the server is just another source of text.
  const user = standIn.state.users.get(DEMO_USER_ID);
  if (!user) throw new Error('no demo user');
  user.name = HOSTILE_NAME;
  standIn.state.history.get(DEMO_USER_ID)?.push({
    id: 'h_hostile',
    kind: 'movie',
    tmdbId: 1,
    title: HOSTILE_TITLE,
    mediaType: 'MOVIE',
    year: HOSTILE_YEAR,
    season: null,
    episode: null,
    watchedAt: new Date().toISOString(),
    source: 'hostile',
  });
  standIn.state.watchlists.get(DEMO_USER_ID)?.push({
    id: 'wl_hostile',
    tmdbId: 1,
    title: HOSTILE_TITLE,
    mediaType: 'MOVIE',
    year: HOSTILE_YEAR,
    status: 'WATCHING',
    currentSeason: null,
    currentEpisode: null,
    updatedAt: new Date().toISOString(),
  });
  await routeHostileNetflix(context, { [HOSTILE_ID]: HOSTILE_TITLE, [SPLIT_ID]: SPLIT_EMOJI_TITLE });
  await connectInPopup(context, extensionId, standIn.mintToken());

  for (const id of [HOSTILE_ID, SPLIT_ID]) {
    const page = await context.newPage();
    await page.goto(`https://www.netflix.com/watch/${id}`);
    await play(page);
    await waitForEnded(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  }
  await expect.poll(() => applied(standIn, { action: 'watched' }).length, { timeout: 60_000 }).toBe(2);

  // What the API received: valid, trimmed, at most 500 characters, no control characters, whole code points.
  const titles = [...new Set(applied(standIn).map((b) => b.title ?? ''))];
  expect(titles).toHaveLength(2);
  for (const title of titles) {
    expect(title.length).toBeGreaterThan(0);
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title).toBe(title.trim());
    expect(title).not.toMatch(/\p{Cc}/u);
    expect(title.isWellFormed()).toBe(true);
  }
  const hostile = titles.find((title) => title.includes('<img')) ?? '';
  expect(hostile.startsWith('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> ')).toBe(true);
  // Invisible format characters (U+202E turns text around) are gone; emoji joiners stay.
  expect(hostile).toContain('שלום עולם evil.exe مرحبا 🎬🍿👩‍👩‍👧 [31mred &amp; xxx');
  expect(hostile).not.toMatch(/\p{Cf}(?<![\u200C\u200D])/u);
  expect(hostile).toMatch(/x$/);
  const split = titles.find((title) => title.startsWith('A🎬')) ?? '';
  expect(split).toMatch(/^A(🎬)+$/u);
  expect(applied(standIn, { title: hostile }).map((b) => [b.action, b.year, b.mediaType])).toEqual([
    ['watching', HOSTILE_YEAR, 'MOVIE'],
    ['watched', HOSTILE_YEAR, 'MOVIE'],
  ]);

  // The popup: the account name, Now playing and the results log.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(context, hostile)}`);
  await expect(popup.locator('.now-playing .title')).toHaveText(`${hostile} (${HOSTILE_YEAR})`);
  // The log reads as viewings: one row for the film, by its watched scrobble.
  await expect(popup.locator('.result .what').filter({ hasText: hostile })).toHaveCount(1);
  await expect(popup.locator('.connection .account')).toHaveText(`Connected as ${HOSTILE_NAME} @demo`);
  await expectOnlyText(popup);
  // Fixing it puts the title in a text field, as its value.
  await popup.getByRole('button', { name: `Fix Watched ${hostile} (${HOSTILE_YEAR})` }).click();
  await expect(popup.locator('.result form').getByLabel('Title')).toHaveValue(hostile);
  await expectOnlyText(popup);

  // History and Watchlist: the server's titles (10,000 characters here) as text.
  await popup.getByRole('tab', { name: 'History' }).click();
  await expect(popup.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText('<img src=x');
  expect(await expectOnlyText(popup)).toContain('x'.repeat(9_000));
  await popup.getByRole('tab', { name: 'Watchlist' }).click();
  await expect(popup.getByRole('list', { name: 'Watchlist' }).getByRole('listitem').first()).toContainText('<img src=x');
  await expectOnlyText(popup);

  // The options page shows the account name; titles leave it only in the exports, unchanged.
  const options = await openOptions();
  await expect(options.locator('.connection .account')).toHaveText(`Connected as ${HOSTILE_NAME} @demo`);
  await expectOnlyText(options);
  const [json] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export as JSON' }).click(),
  ]);
  const rows = JSON.parse(readFileSync(await json.path(), 'utf8')) as Array<{ action: string; media: { title: string } }>;
  expect(rows.filter((r) => r.media.title === hostile).map((r) => r.action)).toEqual(['watching', 'watched']);
  const [csv] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  // Quoted once, its quotes doubled (RFC 4180): one line per scrobble, the title whole.
  expect(csvText.split('\r\n').filter((line) => line.includes(`"${hostile.replace(/"/g, '""')}"`))).toHaveLength(2);
  expect(await (await openPopup()).evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

// ---------------------------------------------------------------- answers that are not what the API answers

const GLASS_ONION = 'Glass Onion: A Knives Out Mystery';

/** Each fault, and what the person is told about it. */
const ANSWERS: Array<{ kind: FaultKind; fault: Omit<Fault, 'paths' | 'times'>; message: string }> = [
  { kind: 'garbage', fault: { kind: 'garbage' }, message: 'ReelRifter sent an answer that is not JSON.' },
  { kind: 'wrongJson', fault: { kind: 'wrongJson' }, message: 'ReelRifter sent an answer in a shape we do not understand.' },
  // 8 MiB of well-formed history rows: read to the end, it kept the popup on "Loading…" for minutes.
  { kind: 'huge', fault: { kind: 'huge' }, message: 'ReelRifter sent an answer too large to read.' },
  { kind: 'slow', fault: { kind: 'slow', delayMs: 20_000 }, message: 'ReelRifter did not answer within 15 seconds.' },
];

/** Plain words: no stack trace, no code, no markup, no token. */
function expectHumanMessage(text: string, token: string) {
  expect(text).not.toContain(token);
  expect(text).not.toContain('rr_pat_');
  expect(text).not.toMatch(/\.(?:js|ts):\d+|Error:|TypeError|SyntaxError|ZodError|undefined|\[object|<html|[{}]/);
}

for (const { kind, fault, message } of ANSWERS) {
  test(`the account lists, when the API answers ${kind}: a clear message, then the list once it recovers`, async ({
    context,
    extensionId,
    standIn,
    openPopup,
  }) => {
    test.setTimeout(120_000);
    const token = standIn.mintToken();
    await connectInPopup(context, extensionId, token);
    standIn.setFault({ ...fault, paths: ['/history', '/watchlist'] });
    const popup = await openPopup();
    for (const tab of ['History', 'Watchlist']) {
      await popup.getByRole('tab', { name: tab }).click();
      const alert = popup.getByRole('alert');
      await expect(alert).toContainText(`Could not load this from ReelRifter: ${message}`, { timeout: 30_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees
      expectHumanMessage(await alert.innerText(), token);
    }
    // Still connected: a bad answer is not a bad token.
    await expect(popup.locator('.connection')).toHaveAttribute('data-state', 'connected');

    standIn.setFault(null);
    await popup.getByRole('button', { name: 'Try again' }).click();
    await expect(popup.getByRole('list', { name: 'Watchlist' }).getByRole('listitem')).toHaveCount(9);
    await popup.getByRole('tab', { name: 'History' }).click();
    await expect(popup.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(6);
  });

  test(`a scrobble the API answers ${kind}: waits with a clear message, then is delivered exactly once`, async ({
    context,
    extensionId,
    standIn,
    openPopup,
  }) => {
    test.setTimeout(180_000);
    const token = standIn.mintToken();
    await connectInPopup(context, extensionId, token);
    await routeNetflix(context);
    // Every scrobble faulted until we say so: the film's two wait in the outbox, oldest first.
    standIn.setFault({ ...fault, paths: ['/scrobble'] });
    const page = await context.newPage();
    await page.goto('https://www.netflix.com/watch/81169145');
    await play(page);
    await waitForEnded(page);

    // The popup reads the log as it opens: reopen it until the first scrobble has had its answer.
    const popup = await openPopup();
    const waiting = popup.locator('.result[data-outcome="waiting"]');
    await expect
      .poll(
        async () => {
          await popup.reload();
          await popup.locator('.recent').waitFor();
          return (await waiting.allInnerTexts()).join('\n');
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toContain(`Waiting: ${message}`);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees
    expectHumanMessage(await popup.locator('.recent').innerText(), token);
    // Nothing dropped: the film's row waits, neither of its scrobbles taken for an answer.
    await expect(popup.locator('.result')).toHaveCount(1);
    await expect(popup.locator('.result[data-outcome="matched"], .result[data-outcome="unmatched"]')).toHaveCount(0);
    // A slow server applies what it finally reads (the resend is then replayed); the others apply nothing.
    if (kind !== 'slow') {
      expect(standIn.received().filter((r) => r.fault === kind).length).toBeGreaterThan(0);
      expect(applied(standIn)).toEqual([]);
    }

    standIn.setFault(null);
    await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION }, 120_000);
    await settled(context, standIn);
    expect(applied(standIn, { title: GLASS_ONION }).map((b) => b.action)).toEqual(['watching', 'watched']);
    for (const action of ['watching', 'watched']) expect(keysFor(standIn, { title: GLASS_ONION, action }).size).toBe(1);
    if (kind === 'slow') {
      // The answer slower than the timeout was applied when it came; the resend, under the same key, was replayed.
      const watching = standIn.received().filter((r) => bodyOf(r).action === 'watching');
      expect(watching.length).toBeGreaterThan(1);
      expect(watching.map((r) => r.replayed)).toEqual([false, ...Array(watching.length - 1).fill(true)]);
    }
    await popup.reload();
    await expect(popup.locator('.result[data-outcome="matched"]')).toHaveCount(1);
    await expect(popup.locator('.connection')).toHaveAttribute('data-state', 'connected');
  });
}

test('connecting while /me answers garbage, huge or slow: a clear message, not connected; then it connects', async ({
  standIn,
  openPopup,
}) => {
  test.setTimeout(90_000);
  const token = standIn.mintToken();
  const popup = await openPopup();
  await popup.getByLabel('Access token').fill(token);
  // wrongJson is left out on purpose: the API gives /me no shape, so any JSON object means the token works.
  for (const { fault, message } of ANSWERS.filter((a) => a.kind !== 'wrongJson')) {
    standIn.setFault({ ...fault, paths: ['/me'], times: 1 });
    await popup.getByRole('button', { name: 'Connect' }).click();
    const alert = popup.getByRole('alert');
    await expect(alert).toHaveText(message, { timeout: 30_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees
    expectHumanMessage(await alert.innerText(), token);
    await expect(popup.locator('.connection')).toHaveAttribute('data-state', 'disconnected');
    await expect(popup.getByRole('button', { name: 'Connect' })).toBeEnabled({ timeout: 30_000 });
  }
  await popup.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.getByText('Connected as Demo Viewer')).toBeVisible();
});

// ---------------------------------------------------------------- a page that listens to everything

/** The event names the extension's page-side code uses, from the build itself. */
function extensionEventNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(CHROME_EXTENSION_DIR)) {
    if (!/(-content|-page|content-runtime)\.js$/.test(file)) continue;
    for (const [name] of readFileSync(resolve(CHROME_EXTENSION_DIR, file), 'utf8').matchAll(/reelrifter:[a-z][a-z-]*/g)) {
      names.add(name);
    }
  }
  return [...names];
}

/**
 * Runs in the page's own world before anything else: hears every event dispatched in it, every event
 * of a type anything in it listens for (the page-world script's included), every window message and
 * storage event, and every change to the DOM. A string, so nothing is added to it on the way in.
 */
const eavesdropper = (types: string[]) => `(() => {
  const heard = [];
  Object.defineProperty(window, '__heard', { value: heard });
  const text = (value) => { try { return typeof value === 'string' ? value : JSON.stringify(value); } catch { return String(value); } };
  const describe = (event) => [event.type, text(event.detail), text(event.data), event.key, event.newValue]
    .filter((part) => part !== undefined && part !== null).join(' ');
  const add = EventTarget.prototype.addEventListener;
  const spied = new WeakMap();
  const spy = (target, type) => {
    const types = spied.get(target) || new Set();
    spied.set(target, types);
    if (types.has(type)) return;
    types.add(type);
    add.call(target, type, (event) => heard.push('heard ' + describe(event)), true);
  };
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    spy(this, String(type));
    return add.call(this, type, listener, options);
  };
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    heard.push('dispatched ' + describe(event));
    return dispatch.call(this, event);
  };
  for (const type of ${JSON.stringify(types)}) { spy(window, type); spy(document, type); }
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) heard.push('added ' + (node.outerHTML || node.textContent || ''));
      if (record.type === 'attributes') heard.push('attribute ' + record.attributeName + '=' + record.target.getAttribute(record.attributeName));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

test('a watch page that hears every event, message and DOM change while the user connects and scrobbles learns no token', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await routeNetflix(context);
  const types = [...extensionEventNames(), 'message', 'messageerror', 'storage'];
  expect(types).toEqual(expect.arrayContaining(['reelrifter:page-request', 'reelrifter:page-data']));
  const page = await context.newPage();
  await page.addInitScript({ content: eavesdropper(types) });
  await page.goto('https://www.netflix.com/watch/81434460');

  // Connected, and connected again with a second token, while the page listens.
  const first = standIn.mintToken();
  await connectInPopup(context, extensionId, first);
  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { title: 'Severance', season: 2, episode: 5, action: 'watched' });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(context, 'Severance')}`);
  await expect(popup.locator('.now-playing')).toContainText('Severance S2E5 (2022)');
  await popup.getByRole('button', { name: 'Disconnect' }).click();
  const second = standIn.mintToken();
  await popup.getByLabel('Access token').fill(second);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.getByText(/Connected as/)).toBeVisible();
  await page.reload();
  await play(page);
  // Heard again after the reload, under the second token: the page-world script's answer.
  const heardNow = () => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
  await expect
    .poll(async () => (await heardNow()).some((line) => line.startsWith('dispatched reelrifter:page-data')), { timeout: 15_000 })
    .toBe(true);
  await expect.poll(() => tabIdOf(context, 'Severance').then(Boolean)).toBe(true);

  const heard = await heardNow();
  // It did hear the extension: the page-world script's question and answer.
  expect(heard.some((line) => line.startsWith('heard reelrifter:page-request'))).toBe(true);
  expect(heard.some((line) => line.startsWith('dispatched reelrifter:page-data') && line.includes('Severance'))).toBe(true);
  const all = heard.join('\n');
  for (const secret of [first, second, 'rr_pat_', 'Bearer', 'Authorization', `127.0.0.1:${E2E_API_PORT}`]) {
    expect(all).not.toContain(secret);
  }
});
