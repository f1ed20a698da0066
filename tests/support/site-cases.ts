import type { Media } from '@/utils/media';

/**
 * One end-to-end case for a site connector, listed in `tests/fixtures/<id>/e2e.ts` and run by
 * `tests/e2e/sites.spec.ts` in real Chromium: the page is served at its real URL from a fixture,
 * the test plays its main `<video>` at 16× with a 310-s silent clip, and the stand-in server
 * must receive exactly `expect`, in order, each watched once.
 */
export interface SiteCase {
  name: string;
  /** The watch page's real URL. */
  url: string;
  /** Fixture file under tests/fixtures/<id>/ served at `url`. */
  page: string;
  /**
   * Other requests the page makes, as URL glob (Playwright `context.route` syntax) → fixture file,
   * e.g. the site's metadata API or a player iframe. Anything else on the site's hosts gets a
   * bare page; the clip is served at `<any routed origin>/__fixture/clip.wav` (310 s;
   * `?seconds=N`, 300–900, for another length, e.g. a next episode loaded into the same element).
   * Globs: `*` stands for anything, slashes and query included; everything else is literal.
   */
  routes?: Record<string, string>;
  /** The frame holding the player, as a URL substring; the top page when absent. */
  frame?: string;
  /** The video a person plays; `video` when absent. It gets the clip unless it has a `src`. */
  play?: string;
  /** Videos played first, at the same time, that must count for nothing (previews, trailers). */
  decoys?: string[];
  /**
   * Headers a routed request must carry (route glob → header name in lower case → its exact value,
   * or `true` for any value); a request without them gets a 400, as a site's API refuses it.
   */
  requireHeaders?: Record<string, Record<string, string | true>>;
  /**
   * What the options page's site list must say of the site after this case: its best source named
   * the last viewing ('working'), or a fallback did because the best one was missing ('fallback').
   */
  health?: 'working' | 'fallback';
  /**
   * `false`: the case is replayed only by the connector's unit test (its page, its own autoplay and
   * the engine's choice of video, against the same fixture), never played in a browser. For a decoy
   * on its own, where the browser adds nothing the other cases do not already prove.
   */
  browser?: false;
  /**
   * The profile the page names through its site's account API (a route answers it): after the case,
   * the options page lists it under "Profiles logged", ticked unless the site marks it a kids' one,
   * whose viewings are not logged (`expect` is then empty).
   */
  profile?: { name: string; kids: boolean };
  /**
   * What the stand-in must receive, one watched scrobble per item in order (the page's own script
   * may autoplay the next item on `ended`). Empty: nothing at all may be sent.
   */
  expect: Media[];
}
