import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { silentWav } from './media';
import { EPISODE_SECONDS } from './netflix';

// Titles and names a hostile site or API could send, and a Netflix that serves them; shared by the
// Chromium and Firefox hostile-input tests.

/** Markup, script, bidi text, emoji, control characters and 10,000 characters, in one title. */
export const HOSTILE_TITLE =
  '\u0000\t  <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> ' +
  '\u0007שלום עולם \u202Eevil.exe\u202C مرحبا 🎬🍿👩‍👩‍👧 \u001b[31mred\u0085\u009b &amp; ' +
  'x'.repeat(10_000) +
  ' \u0000 tail';
/** An emoji across the 500th UTF-16 unit: a cut there would leave half of it behind. */
export const SPLIT_EMOJI_TITLE = `A${'🎬'.repeat(400)}`;

/** An account name, from the API's /me. */
export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1"> שלום 🎬';

export const HOSTILE_ID = '90000001';
export const SPLIT_ID = '90000002';
export const HOSTILE_YEAR = 2021;

const PLAYER = readFileSync(resolve(import.meta.dirname, '../fixtures/netflix/player.html'), 'utf8');

/** JSON that is safe inside a <script> element: no `</script>` can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** What www.netflix.com answers: the fixture player, where every film carries a hostile title. */
export function hostileNetflix(
  titles: Record<string, string>,
): (url: URL) => { status: number; contentType: string; body: string | Buffer } {
  const clip = silentWav(EPISODE_SECONDS);
  const catalogue = Object.fromEntries(Object.entries(titles).map(([id, title]) => [id, { title }]));
  const player = PLAYER.replace(
    /(<script type="application\/json" id="catalogue">)[\s\S]*?(<\/script>)/,
    (_, open: string, close: string) => `${open}${scriptJson(catalogue)}${close}`,
  );
  return (url) => {
    if (url.pathname.startsWith('/watch/')) return { status: 200, contentType: 'text/html; charset=utf-8', body: player };
    if (url.pathname === '/_fixture/clip.wav') return { status: 200, contentType: 'audio/wav', body: clip };
    if (url.pathname === '/nq/website/memberapi/release/metadata') {
      // The metadata API, which the connector reads first; the player's title block says the same.
      const id = url.searchParams.get('movieid') ?? '';
      const title = titles[id];
      if (title === undefined) return { status: 404, contentType: 'text/plain', body: '' };
      const metadata = { video: { type: 'movie', id: Number(id), title, year: HOSTILE_YEAR } };
      return { status: 200, contentType: 'application/json', body: JSON.stringify(metadata) };
    }
    return { status: 200, contentType: 'text/html', body: '<!doctype html><title>Netflix</title><h1>Browse</h1>' };
  };
}
