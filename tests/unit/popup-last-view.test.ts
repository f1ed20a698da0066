// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  forgetLastView,
  keepLastView,
  LAST_VIEW_KEY,
  LOG_SHOWN_MARK,
  liveRoot,
  restoreLastView,
  showLive,
} from '@/components/shared/lastView';

/** The popup's document as its HTML ships: the last view's place, then the app. */
function popupDocument(appHtml: string): HTMLElement {
  document.body.innerHTML = `<div id="last-view"></div><div id="app">${appHtml}</div>`;
  return document.getElementById('app') as HTMLElement;
}

const NOW_TAB =
  '<div role="tablist"><button id="tab-now" aria-selected="true">Now</button><button id="tab-history" aria-selected="false">History</button></div>';
const LOG =
  '<section class="recent"><h2>Recent</h2><ul><li class="result matched">Watched Glass Onion (2022)</li></ul></section>';
const PLAYING = '<section class="now-playing" data-state="playing">Playing: Some Other Film</section>';

beforeEach(() => {
  localStorage.clear();
  performance.clearMarks();
});

describe('the popup keeps its last view', () => {
  it('keeps the Now tab with its log, without what plays in the tab it was opened on', () => {
    keepLastView(popupDocument(`${NOW_TAB}${PLAYING}${LOG}`));
    const kept = localStorage.getItem(LAST_VIEW_KEY) ?? '';
    expect(kept).toContain('Watched Glass Onion (2022)');
    expect(kept).not.toContain('Some Other Film');
  });

  it('keeps nothing from another tab, a popup without its log, or one still hidden behind the last view', () => {
    keepLastView(popupDocument(`${NOW_TAB.replace('"true"', '"false"')}${LOG}`));
    keepLastView(popupDocument(`${NOW_TAB}<p>Loading…</p>`));
    const hidden = popupDocument(`${NOW_TAB}${LOG}`);
    hidden.hidden = true;
    keepLastView(hidden);
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
  });

  it('shows the kept view inert at the next open, hides the live app behind it, and marks the log as shown', () => {
    keepLastView(popupDocument(`${NOW_TAB}${LOG}`));
    const app = popupDocument('');
    expect(restoreLastView(document)).toBe(true);
    const view = document.getElementById('last-view') as HTMLElement;
    expect(view.textContent).toContain('Watched Glass Onion (2022)');
    expect(view.inert).toBe(true);
    expect(view.getAttribute('aria-hidden')).toBe('true');
    expect(app.hidden).toBe(true);
    expect(performance.getEntriesByName(LOG_SHOWN_MARK)).toHaveLength(1);
  });

  it('keeps the live app out of the page while the copy shows, then puts it in its place and keeps it', () => {
    keepLastView(popupDocument(`${NOW_TAB}${LOG}`));
    popupDocument('');
    restoreLastView(document);
    const live = liveRoot() as HTMLElement;
    live.innerHTML = `${NOW_TAB}${LOG.replace('Glass Onion (2022)', 'Knives Out (2019)')}`;
    // Never both at once: the page holds the copy alone.
    expect(live.isConnected).toBe(false);
    expect(document.body.textContent).not.toContain('Knives Out');
    showLive();
    expect(document.getElementById('last-view')).toBeNull();
    expect(document.getElementById('app')).toBe(live);
    expect(live.isConnected).toBe(true);
    expect(document.body.textContent).not.toContain('Glass Onion');
    expect(localStorage.getItem(LAST_VIEW_KEY)).toContain('Knives Out (2019)');
  });

  it('renders the live app in place when there is no copy', () => {
    const app = popupDocument('');
    expect(restoreLastView(document)).toBe(false);
    expect(liveRoot()).toBe(app);
  });

  it('shows nothing once forgotten (a disconnect, a cleared log)', () => {
    keepLastView(popupDocument(`${NOW_TAB}${LOG}`));
    forgetLastView();
    const app = popupDocument('');
    expect(restoreLastView(document)).toBe(false);
    expect(app.hidden).toBe(false);
    expect(document.getElementById('last-view')?.innerHTML).toBe('');
    expect(performance.getEntriesByName(LOG_SHOWN_MARK)).toHaveLength(0);
  });
});
