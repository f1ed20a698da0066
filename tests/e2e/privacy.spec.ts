import { contentScriptWorld, expect, extensionStorageText, test } from '../support/chromium';
import { routeNetflix } from '../support/netflix';
import { connectInPopup, settled } from '../support/scrobble';

test('neither a web page nor a content script can read the token', async ({ context, extensionId, standIn }) => {
  await routeNetflix(context);
  const token = standIn.mintToken();
  await connectInPopup(context, extensionId, token);

  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81434460');
  const fromPage = await page.evaluate(async (id) => {
    const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } })
      .chrome?.runtime;
    let answer: unknown = 'no runtime';
    try {
      answer = await runtime?.sendMessage?.(id, { type: 'account/status' });
    } catch (error) {
      answer = String(error);
    }
    const databases = await indexedDB.databases();
    return JSON.stringify({
      answer,
      html: document.documentElement.outerHTML,
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      databases,
    });
  }, extensionId);
  expect(fromPage).not.toContain(token);
  expect(fromPage).not.toContain('rr_pat_');

  const inContentScript = await contentScriptWorld(context, page);
  const fromContentScript = (await inContentScript(
    `(async () => {
      const out = {};
      try { out.local = await chrome.storage.local.get(null); } catch (e) { out.local = String(e); }
      try { out.session = await chrome.storage.session.get(null); } catch (e) { out.session = String(e); }
      const ask = (message) => chrome.runtime.sendMessage(message).then((answer) => JSON.stringify(answer) ?? 'no answer', (e) => 'refused: ' + e);
      out.status = await ask({ type: 'account/status' });
      out.connect = await ask({ type: 'account/connect', token: 'rr_pat_fromAContentScript' });
      out.databases = await indexedDB.databases();
      return JSON.stringify(out);
    })()`,
  )) as string;
  expect(fromContentScript).not.toContain(token);
  const { status, connect, local: localStorageArea, session: sessionStorageArea } = JSON.parse(fromContentScript);
  // The background answers extension pages only: a content script gets no account and connects nothing.
  expect(status).toMatch(/^(no answer|refused: )/);
  expect(connect).toMatch(/^(no answer|refused: )/);
  // Neither storage area is open to it (Chrome's access level; the extension keeps nothing there anyway).
  expect(localStorageArea).toContain('not allowed');
  expect(sessionStorageArea).toContain('not allowed');
  expect(standIn.requests().filter((r) => r.path === '/me')).toHaveLength(1);
});

test('a page cannot forge playback: messages, DOM events and a film-length video off a watch page send nothing', async ({
  context,
  extensionId,
  standIn,
}) => {
  await routeNetflix(context);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/browse');
  await page.evaluate(async () => {
    const forged = {
      type: 'playback/report',
      site: 'netflix',
      contentId: '81434460',
      segmentId: 'forged-segment-0001',
      media: { title: 'Forged Film' },
      reason: 'ended',
      position: 3000,
      duration: 3000,
      startPosition: 0,
      forwardSeconds: 3000,
      state: 'ended',
    };
    window.postMessage(forged, '*');
    document.dispatchEvent(new CustomEvent('reelrifter:page-data', { detail: JSON.stringify({ id: '81434460', data: forged }) }));
    document.dispatchEvent(new CustomEvent('playback/report', { detail: forged }));
    const video = document.createElement('video');
    video.muted = true;
    video.src = '/_fixture/clip.wav';
    document.body.append(video);
    await new Promise((resolve) => video.addEventListener('canplaythrough', resolve, { once: true }));
    video.playbackRate = 16;
    await video.play();
    await new Promise((resolve) => video.addEventListener('ended', resolve, { once: true }));
  });
  await settled(context, standIn);
  expect(standIn.received()).toEqual([]);
  expect(await extensionStorageText(context)).not.toContain('Forged Film');
  expect(await extensionStorageText(context)).not.toContain('tabViewings":{"');
});
