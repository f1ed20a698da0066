import { blockCovers, blockIdentity, cleanText, kindOf, MAX_TITLE_LENGTH, type Media } from '../media';
import { MAX_CHANNEL_NAME, type PageChannel } from '../model/playback';
import type { BlockedItem, BlockedKind, BlockedView, Result, ScrobbleEntry } from '../model/records';
import { serial } from '../serial';
import { siteById } from '../sites/sites';
import { db } from '../store/db';
import { blockedItem, MAX_BLOCKED } from '../store/items';
import { isImported } from './queue';

/**
 * "Never log this show" (or this film): what the person said never to log, per site. It is decided
 * here, in the background, from what the site's connector named (the viewing's own title, kept by
 * the background), never from anything a page writes: a page cannot block or unblock a title, and
 * the popup and the options page only name which of the background's own records they mean.
 */

/** Why what plays is not logged, if the person said never to log it (the channel that plays it, where there is one). */
export async function blockedKind(site: string, media: Media, channel?: PageChannel): Promise<BlockedKind | undefined> {
  const list = await blockedItem.read();
  return list.find((item) => blockCovers(item, site, media, channel))?.kind;
}

const inTurn = serial();

/** Never logs `media` on `site` again (a show: none of its episodes). */
export function block(site: string, media: Media, now = Date.now()): Promise<Result<{ item: BlockedItem }>> {
  const title = cleanText(media.title, MAX_TITLE_LENGTH);
  const kind = kindOf(media);
  const year = kind === 'film' && media.year !== undefined ? { year: media.year } : {};
  return add({ site, kind, title, ...year, addedAt: now }, (kept) => blockCovers(kept, site, { ...media, title }));
}

/** Never logs anything the channel plays on `site` again (YouTube's channels), by its id; its name is shown. */
export function blockChannel(site: string, channel: PageChannel, now = Date.now()): Promise<Result<{ item: BlockedItem }>> {
  const title = cleanText(channel.name, MAX_CHANNEL_NAME);
  return add(
    { site, kind: 'channel', title, channelId: channel.id, addedAt: now },
    (kept) => kept.kind === 'channel' && blockCovers(kept, site, { title: '' }, channel),
  );
}

/** Adds a block unless one already covers it (`covered`); bounded. */
function add(item: BlockedItem, covered: (kept: BlockedItem) => boolean): Promise<Result<{ item: BlockedItem }>> {
  return inTurn(async () => {
    if (!item.title) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
    const list = await blockedItem.read();
    if (list.some(covered)) return { ok: true, item };
    if (list.length >= MAX_BLOCKED) return { ok: false, error: { kind: 'too-many' } };
    await blockedItem.write([...list, item]);
    return { ok: true, item };
  });
}

/** Logs it again from now on (what was not sent meanwhile stays unsent). */
export function unblock(wanted: Pick<BlockedItem, 'site' | 'kind' | 'title' | 'year' | 'channelId'>): Promise<Result> {
  return inTurn(async () => {
    const list = await blockedItem.read();
    const kept = list.filter((item) => blockIdentity(item) !== blockIdentity(wanted));
    if (kept.length === list.length) return { ok: false, error: { kind: 'already-answered' } };
    await blockedItem.write(kept);
    return { ok: true };
  });
}

/** Everything blocked, newest first, each with its site's name. */
export async function listBlocked(): Promise<BlockedView[]> {
  const list = await blockedItem.read();
  return list
    .map((item) => ({ ...item, siteLabel: siteById(item.site)?.label ?? item.site }))
    .sort((a, b) => b.addedAt - a.addedAt);
}

/** "Never log this show" on a row of the log: what that scrobble sent (an import's rows name no site). */
export async function blockLogged(entryKey: string): Promise<Result> {
  const entry = (await (await db()).get('scrobbles', entryKey)) as ScrobbleEntry | undefined;
  if (!entry || isImported(entry)) return { ok: false, error: { kind: 'already-answered' } };
  const blocked = await block(entry.site, entry.media);
  return blocked.ok ? { ok: true } : blocked;
}
