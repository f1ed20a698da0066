/**
 * The popup's last view, shown the moment it opens and replaced by the live one.
 *
 * Asking the background for the account and the log takes the popup several round trips (about 60 ms
 * on a slow machine, over the 20 ms of a blank page). So while the Now tab shows the log, the popup
 * keeps a copy of what it shows in this extension's own `localStorage` (no web page or content script
 * can read or write it). At the next open, `entrypoints/popup-last-view.ts`, a small classic script
 * that runs before the app's modules load, puts that copy on screen, inert and hidden from screen
 * readers; the live app renders out of the document until it has its own log, then takes the copy's
 * place. Nothing in the copy is ever clickable, and the part that belongs to one browser tab (what
 * plays there) is not kept. Disconnecting or clearing the log forgets it.
 */

/** Where the copy is kept. Never a token: only what the popup already showed. */
export const LAST_VIEW_KEY = 'reelrifter:popup-last-view';
/** The element the copy is shown in, before the live app (`#app`). */
export const LAST_VIEW_ID = 'last-view';
/** Set when the log is first on screen, whichever shows it; `bench/popup.ts` reads it. */
export const LOG_SHOWN_MARK = 'reelrifter:log-shown';
/** Set when the live log is on screen. */
export const LOG_RENDERED_MARK = 'reelrifter:log-rendered';
/** What is never kept: the state of the browser tab the popup was opened on. */
const TAB_BOUND = '.now-playing, .site-offer';
/** A copy larger than this is not kept (the popup shows 20 viewings: far less). */
const MAX_CHARS = 200_000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage turned off: the popup opens as it did, live only
  }
}

/**
 * The live app's own element. While the last view shows, that is a new element kept out of the
 * document, so the page never holds the copy and the live app at once (no one reading the page,
 * a person with a screen reader or a test, finds either twice); `showLive` puts it in `#app`'s place.
 */
let waiting: HTMLElement | undefined;
export function liveRoot(): HTMLElement | null {
  const app = document.getElementById('app');
  if (!app || !document.getElementById(LAST_VIEW_ID)?.hasChildNodes()) return app;
  waiting = document.createElement('div');
  waiting.id = 'app';
  return waiting;
}

/** Shows the live app and lets the copy go; called once the live log (or a reason there is none) is on screen. */
export function showLive(): void {
  document.getElementById(LAST_VIEW_ID)?.remove();
  if (waiting) document.getElementById('app')?.replaceWith(waiting);
  waiting = undefined;
  const app = document.getElementById('app');
  if (!app) return;
  app.hidden = false;
  keepLastView(app);
}

/** Keeps what `app` shows now, if it is the Now tab with its log, without the tab-bound parts. */
export function keepLastView(app: HTMLElement): void {
  if (app.hidden || !app.querySelector('#tab-now[aria-selected="true"]') || !app.querySelector('section.recent')) return;
  const copy = app.cloneNode(true) as HTMLElement;
  for (const part of copy.querySelectorAll(TAB_BOUND)) part.remove();
  const html = copy.innerHTML;
  if (html.length > MAX_CHARS) return;
  try {
    storage()?.setItem(LAST_VIEW_KEY, html);
  } catch {
    // full or refused: the next open is live only
  }
}

/** Forgets the copy: after a disconnect, or once the log is cleared. */
export function forgetLastView(): void {
  storage()?.removeItem(LAST_VIEW_KEY);
}

/**
 * Keeps the copy current while the popup is open: after each change the live app settles into
 * (the popup follows the background), once things are quiet for a moment.
 */
export function followLastView(app: HTMLElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => keepLastView(app), 150);
  }).observe(app, { subtree: true, childList: true, characterData: true, attributes: true });
}

/**
 * Run before the app's modules: shows the copy, if any, in `#last-view` and hides `#app` behind it.
 * Takes the document so it can be tested; the classic script calls it with the popup's own.
 */
export function restoreLastView(doc: Document): boolean {
  const html = storage()?.getItem(LAST_VIEW_KEY);
  const view = doc.getElementById(LAST_VIEW_ID);
  const app = doc.getElementById('app');
  if (!html || !view || !app) return false;
  // Only to look at: nothing in it takes focus or a click, and no reader of the page (a screen reader,
  // or a test's role query) finds it beside the live app that follows.
  view.inert = true;
  view.setAttribute('aria-hidden', 'true');
  // Parsed apart, into a document that runs nothing, then moved in; the extension's CSP runs no inline code either.
  view.replaceChildren(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);
  app.hidden = true;
  if (view.querySelector('section.recent')) performance.mark(LOG_SHOWN_MARK, { detail: 'last view' });
  return true;
}
