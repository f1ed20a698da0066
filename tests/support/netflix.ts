import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { Media } from '@/utils/media';
import { silentWav } from './media';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/netflix');
/** Five minutes and ten seconds: just over the 300-s floor below which nothing counts, so it plays through at 16× in under 20 s. */
export const EPISODE_SECONDS = 310;

/**
 * Serves www.netflix.com from fixtures at its real URLs: every /watch/<id> is the player page, the
 * metadata API answers from metadata-<id>.json (404 when there is none), and the clip is a WAV.
 */
export async function routeNetflix(context: BrowserContext, options: { seconds?: number } = {}): Promise<void> {
  const clip = silentWav(options.seconds ?? EPISODE_SECONDS);
  const player = readFileSync(resolve(FIXTURES, 'player.html'));
  await context.route('https://www.netflix.com/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/watch/')) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: player });
    }
    if (url.pathname === '/_fixture/clip.wav') {
      return route.fulfill({ status: 200, contentType: 'audio/wav', body: clip });
    }
    if (url.pathname === '/nq/website/memberapi/release/metadata') {
      const file = resolve(FIXTURES, `metadata-${url.searchParams.get('movieid')}.json`);
      if (/^\d+$/.test(url.searchParams.get('movieid') ?? '') && existsSync(file)) {
        return route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) });
      }
      return route.fulfill({ status: 404, body: '' });
    }
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Netflix</title><h1>Browse</h1>' });
  });
}

/** Starts playback as a person would, at `rate`× so a five-minute clip takes seconds. */
export async function play(page: Page, rate = 16): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.readyState === 4);
  await page.evaluate(async (r) => {
    const video = document.querySelector('video') as HTMLVideoElement;
    video.defaultPlaybackRate = r;
    video.playbackRate = r;
    video.addEventListener('loadstart', () => {
      video.playbackRate = r;
    });
    await video.play();
  }, rate);
}

export async function waitForEnded(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).ended, undefined, { timeout });
}

/** What one whole viewing of `media` on Netflix sends, as the stand-in applies it: watching, then watched. */
export const netflixViewing = (media: Media) =>
  (['watching', 'watched'] as const).map((action) => ({ ...media, action, source: 'ReelRifter Scrobbler (netflix)' }));
