import { read } from '../../untrusted';
import { splitSeason } from '../episode-text';
import { episodeOf, film, fromPageData } from '../layers';
import type { Connector, Reading } from '../types';

/**
 * The video as hidive.page.ts hands it over. An episode's title is "E3 - <name>": that number is
 * the one people know (the platform's `episodeNumber` can be a position); a film or OVA opened from
 * a playlist has no episode information. The show is its season's page view: the series' title, or
 * a header "<show> - Season 2"; a header that is anything else may be a season's own name, so it
 * names nothing.
 */
export function mediaFromVod(data: unknown, contentId: string): Reading {
  const vod = read.record(data);
  if (!vod || read.id(vod.id) !== contentId) return null;
  const title = read.text(vod.title);
  if (vod.season === undefined && vod.seasonNumber === undefined) return film(title);
  const view = read.record(vod.view);
  const ofSeason = view && view.seasonId === vod.season ? view : undefined;
  const header = splitSeason(read.text(ofSeason?.header) ?? '');
  // "E12.5 - Recap" sits between two episodes: no number is right for it.
  const label = /^E(\d{1,5})(\.\d+)?\s*-/i.exec(title ?? '');
  const number = label ? (label[2] ? undefined : label[1]) : vod.episodeNumber;
  return episodeOf(read.text(ofSeason?.series) ?? header?.title, vod.seasonNumber ?? header?.season, number);
}

/** HIDIVE (anime; dubs are audio tracks of the same video). */
export const hidive: Connector = {
  id: 'hidive',
  label: 'HIDIVE',
  matches: ['https://www.hidive.com/*'],
  watchPage: (url) => /^\/video\/(\d{1,12})\/?$/.exec(url.pathname)?.[1] ?? null,
  pageScript: '/hidive-page.js',
  layers: [fromPageData((data, { contentId }) => mediaFromVod(data, contentId))],
};
