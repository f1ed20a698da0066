import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type BrowserContext, expect, type Frame, type Page } from '@playwright/test';
import type { Media } from '@/utils/media';
import type { Connector } from '@/utils/sites/types';
import type { StandIn } from '../../server/standin';
import { E2E_API_PORT } from './env';
import { silentWav } from './media';
import { EPISODE_SECONDS } from './netflix';
import { applied, bodyOf } from './scrobble';
import type { SiteCase } from './site-cases';

export type { SiteCase };

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const CLIP_PATH = '/__fixture/clip.wav';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.txt': 'text/plain',
};

/** A case's URL globs: `*` stands for anything (slashes and query included); the rest is literal. */
export function globMatches(glob: string, url: string): boolean {
  const pattern = glob
    .split(/\*+/)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(url);
}

const withoutHash = (url: string) => url.replace(/#.*$/, '');

export type Answer = 'pass' | { status: number; contentType?: string; body: Buffer | string };

/**
 * What a site case's browser tab gets for each request: the page at its real URL, the routed
 * answers, the clip, a bare page for any other document and 404 for anything else. The extension's
 * own files and the stand-in server pass. Used by Chromium (`context.route`) and Firefox (puppeteer).
 */
export function siteCaseAnswers(
  site: string,
  siteCase: SiteCase,
): (url: string, isDocument: boolean, headers?: Record<string, string>) => Answer {
  const clips = new Map<number, Buffer>();
  const clip = (seconds: number) => {
    if (!clips.has(seconds)) clips.set(seconds, silentWav(seconds));
    return clips.get(seconds) as Buffer;
  };
  const file = (name: string) => {
    const path = resolve(FIXTURES, site, name);
    if (!existsSync(path)) throw new Error(`${site}/e2e.ts names a fixture that does not exist: ${name}`);
    return { contentType: TYPES[extname(name)] ?? 'application/octet-stream', body: readFileSync(path) };
  };
  const page = file(siteCase.page);
  const routes = Object.entries(siteCase.routes ?? {}).map(([glob, name]) => ({ glob, ...file(name) }));
  const required = Object.entries(siteCase.requireHeaders ?? {});
  // A browser's CORS preflight asks before it sends the headers: it is let through.
  const refused = (url: string, headers: Record<string, string>) =>
    !headers['access-control-request-method'] &&
    required.some(
      ([glob, wanted]) =>
        globMatches(glob, url) &&
        Object.entries(wanted).some(([name, value]) => (value === true ? !headers[name] : headers[name] !== value)),
    );
  return (url, isDocument, headers = {}) => {
    const parsed = new URL(url);
    if (!parsed.protocol.startsWith('http') || parsed.port === String(E2E_API_PORT)) return 'pass';
    // The clip, also at the path the Netflix player fixture uses for itself.
    if (/^\/_{1,2}fixture\/clip\.wav$/.test(parsed.pathname)) {
      const asked = Number(parsed.searchParams.get('seconds'));
      const seconds = Number.isInteger(asked) && asked >= 300 && asked <= 900 ? asked : EPISODE_SECONDS;
      return { status: 200, contentType: 'audio/wav', body: clip(seconds) };
    }
    if (refused(url, headers))
      return { status: 400, contentType: 'application/json', body: '{"errors":[{"code":"missing client headers"}]}' };
    const routed = routes.find((r) => globMatches(r.glob, url));
    if (routed) return { status: 200, contentType: routed.contentType, body: routed.body };
    if (withoutHash(url) === withoutHash(siteCase.url)) return { status: 200, ...page };
    if (isDocument) return { status: 200, contentType: 'text/html', body: '<!doctype html><title>Home</title><p>Home</p>' };
    return { status: 404, body: '' };
  };
}

/** Serves a site case at its real URLs in Chromium. */
export async function routeSiteCase(context: BrowserContext, site: string, siteCase: SiteCase): Promise<void> {
  const answer = siteCaseAnswers(site, siteCase);
  await context.route('**/*', async (route) => {
    const request = route.request();
    const result = answer(request.url(), request.resourceType() === 'document', await request.allHeaders());
    return result === 'pass' ? route.fallback() : route.fulfill(result);
  });
}

/** The frame holding the player. */
export async function playerFrame(page: Page, siteCase: SiteCase): Promise<Frame> {
  if (!siteCase.frame) return page.mainFrame();
  const wanted = siteCase.frame;
  await expect.poll(() => page.frames().some((f) => f.url().includes(wanted)), { timeout: 15_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes(wanted)) as Frame;
}

/** Gives a video the clip (unless the page set its own source) and plays it at 16×, as a person pressing play. */
export async function playVideo(frame: Frame, selector: string, options: { muted?: boolean } = {}): Promise<void> {
  await frame.waitForSelector(selector, { state: 'attached', timeout: 15_000 });
  await frame.evaluate(
    async ({ selector, clip, muted }) => {
      const video = document.querySelector(selector) as HTMLVideoElement;
      if (!video.getAttribute('src') && !video.querySelector('source')) video.src = clip;
      video.muted = muted;
      video.defaultPlaybackRate = 16;
      video.playbackRate = 16;
      video.addEventListener('loadstart', () => {
        video.playbackRate = 16;
      });
      if (video.readyState < 4) {
        await new Promise((done) => video.addEventListener('canplaythrough', done, { once: true }));
      }
      await video.play();
    },
    { selector, clip: CLIP_PATH, muted: options.muted ?? false },
  );
}

/**
 * Runs in the page: every video has ended or stopped, or (a background loop, which never ends)
 * played through once. Shared by the Chromium and Firefox runners.
 */
export const videosDone = () =>
  Array.from(document.querySelectorAll('video')).every(
    (v) => v.ended || v.paused || (v.loop && v.played.length > 0 && v.played.end(v.played.length - 1) >= v.duration - 1),
  );

/** Waits until every video in the frame has ended, stopped, or (a loop) played through once. */
export async function waitForVideosDone(frame: Frame, timeout: number): Promise<void> {
  await frame.waitForFunction(videosDone, undefined, {
    timeout,
    polling: 100,
  });
}

const MEDIA_FIELDS = ['title', 'year', 'mediaType', 'season', 'episode'] as const;

/** The media a scrobble body carries, without the fields it left out. */
export function mediaOf(body: Record<string, unknown>): Media {
  return Object.fromEntries(
    MEDIA_FIELDS.filter((k) => body[k] !== undefined && body[k] !== null).map((k) => [k, body[k]]),
  ) as unknown as Media;
}

/** What the stand-in applied, as media, for one action. */
export function appliedMedia(standIn: StandIn, action: 'watching' | 'watched'): Media[] {
  return applied(standIn, { action }).map((body) => mediaOf(body as Record<string, unknown>));
}

/** Every scrobble the stand-in heard of, as media. */
export function heardMedia(standIn: StandIn): Media[] {
  return standIn.received().map((r) => mediaOf(bodyOf(r) as Record<string, unknown>));
}

/** True when the case's page is on one of the site's public hosts (else it is a self-hosted server). */
export function onPublicHost(connector: Connector, url: string, includes: (pattern: string, url: string) => boolean): boolean {
  return connector.matches.some((pattern) => includes(pattern, url));
}
