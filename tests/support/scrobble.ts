import { type BrowserContext, expect, type Page } from '@playwright/test';
import type { ReceivedScrobble, StandIn } from '../../server/standin';
import { serviceWorker } from './chromium';

/** Pastes a token into the popup and waits until the account shows. */
export async function connectInPopup(context: BrowserContext, extensionId: string, token: string): Promise<void> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel('Access token').fill(token);
  await popup.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.getByText(/Connected as/)).toBeVisible();
  await popup.close();
}

interface Body {
  title?: string;
  action?: string;
  season?: number;
  episode?: number;
  year?: number;
  mediaType?: string;
  source?: string;
}

export const bodyOf = (r: ReceivedScrobble) => (r.body ?? {}) as Body;

/** Scrobbles the server applied: answered 200 by the handler itself, not replayed from an earlier key. */
export function applied(standIn: StandIn, filter: Partial<Body> = {}): Body[] {
  return standIn
    .received()
    .filter((r) => r.status === 200 && !r.replayed && !r.fault)
    .map(bodyOf)
    .filter((body) => Object.entries(filter).every(([k, v]) => body[k as keyof Body] === v));
}

export async function waitForApplied(standIn: StandIn, filter: Partial<Body>, timeout = 90_000): Promise<void> {
  await expect.poll(() => applied(standIn, filter).length, { timeout, intervals: [100] }).toBeGreaterThan(0);
}

/** Each Idempotency-Key the server saw for a scrobble matching `filter`. */
export function keysFor(standIn: StandIn, filter: Partial<Body>): Set<string | null> {
  return new Set(
    standIn
      .received()
      .filter((r) => Object.entries(filter).every(([k, v]) => bodyOf(r)[k as keyof Body] === v))
      .map((r) => r.idempotencyKey),
  );
}

/** Stops the extension's service worker the way Chrome does when it idles (a fresh start follows). */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  const { targetInfos } = (await session.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker is running');
  await session.send('Target.closeTarget', { targetId: worker.targetId });
  await session.detach();
}

/** The tab id the extension recorded for the page playing `title` (null: the unidentified one). */
export async function tabIdOf(context: BrowserContext, title: string | null): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const worker = await serviceWorker(context);
    const id = await worker.evaluate(async (wanted) => {
      type Session = { get: (key: string) => Promise<{ tabViewings?: Record<string, { media: { title: string } | null }> }> };
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: Session } } };
      const { tabViewings = {} } = await chrome.storage.session.get('tabViewings');
      const found = Object.entries(tabViewings).find(([, v]) => (wanted === null ? v.media === null : v.media?.title === wanted));
      return found ? Number(found[0]) : 0;
    }, title);
    if (id) return id;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the extension recorded no tab playing ${title ?? 'an unidentified video'}`);
}

/**
 * Waits until the extension has nothing left to say: no tab's video is playing, no scrobble waits
 * in the outbox, and the stand-in holds no request, twice over half a second apart (for a message
 * still in transit). A doubled or late send would show as a queued or in-flight scrobble, so an
 * assertion that nothing else was sent may follow.
 */
export async function settled(context: BrowserContext, standIn: StandIn, timeout = 30_000): Promise<void> {
  const quiet = async () => {
    if (standIn.inFlight() > 0) return false;
    const worker = await serviceWorker(context);
    const playing = await worker.evaluate(async () => {
      type Session = { get: (key: string) => Promise<{ tabViewings?: Record<string, { state: string }> }> };
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: Session } } };
      const { tabViewings = {} } = await chrome.storage.session.get('tabViewings');
      return Object.values(tabViewings).some((tab) => tab.state === 'playing');
    });
    // What waits for the person's answer ("Ask before logging") is never sent on its own: it is quiet.
    return !playing && !(await outbox(context)).some((entry) => entry.state === 'queued' && entry.waitReason !== 'ask');
  };
  const deadline = Date.now() + timeout;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error('the extension did not settle: a video still plays or a scrobble is still queued');
    // A worker stopped between two looks is not yet quiet: look again.
    calm = (await quiet().catch(() => false)) ? calm + 1 : 0;
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** The outbox as the extension's worker keeps it in IndexedDB: each scrobble's action, state and tries. */
export async function outbox(
  context: BrowserContext,
): Promise<Array<{ action: string; state: string; attempts: number; waitReason?: string }>> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'reelrifter')) return [];
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open('reelrifter');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const database = opening.result;
        const request = database.transaction('scrobbles').objectStore('scrobbles').getAll();
        request.onsuccess = () => {
          database.close();
          type Entry = { action: string; state: string; attempts: number; createdAt: number; waitReason?: string };
          const entries = request.result as Entry[];
          resolve(
            entries
              .sort((a, b) => a.createdAt - b.createdAt)
              .map(({ action, state, attempts, waitReason }) => ({
                action,
                state,
                attempts,
                ...(waitReason ? { waitReason } : {}),
              })),
          );
        };
        request.onerror = () => reject(request.error);
      };
    });
  });
}

/** The toolbar button as the browser shows it: badge text and title. */
export async function toolbar(context: BrowserContext): Promise<{ text: string; title: string }> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    type Action = { getBadgeText: (d: object) => Promise<string>; getTitle: (d: object) => Promise<string> };
    const { chrome } = globalThis as unknown as { chrome: { action: Action } };
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

/** Counts the messages that reach the extension's service worker from now on. */
export async function countWorkerMessages(context: BrowserContext): Promise<() => Promise<number>> {
  const worker = await serviceWorker(context);
  await worker.evaluate(() => {
    const scope = globalThis as unknown as {
      __received?: number;
      chrome: { runtime: { onMessage: { addListener: (listener: () => void) => void } } };
    };
    scope.__received = 0;
    scope.chrome.runtime.onMessage.addListener(() => {
      scope.__received = (scope.__received ?? 0) + 1;
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { __received: number }).__received);
}
