import { cleanText, type Media } from '../media';
import type { ViewingReport } from '../model/playback';
import { MAX_CHANNEL_NAME, MAX_PROFILE_NAME } from '../model/playback';
import type { Result, ScrobbleEntry, ScrobbleSettings, TabPlayback } from '../model/records';
import type { NextReport, PlaybackReport } from '../protocol/content';
import { serial } from '../serial';
import { siteById } from '../sites/sites';
import type { Site } from '../sites/types';
import type { ViewingRecord } from '../store/db';
import { asksFirst, DEFAULT_SCROBBLE_SETTINGS, readTabPlaybacks } from '../store/items';
import { defined } from '../untrusted';
import { block, blockChannel, blockedKind } from './blocked';
import { grantForward } from './budget';
import { decide, nextDecision, type ViewingTotals } from './decisions';
import { profileLogged } from './profiles';
import { answerWaiting, dropUnsentOfViewing, saveViewingAndQueue } from './queue';
import { playingViewingKeys, readTabPlayback, setTabPlayback } from './tabs';
import { applyReport, forwardTotal, newViewing, pruneViewings, readViewing, startPosition, viewingKey } from './viewing';

/** Viewings change one at a time: two pages reporting at once must not both queue `watched`. */
const inTurn = serial();

type Folded = { queued: ScrobbleEntry[]; next: NextReport | null | undefined };

/** Reports waiting for their turn, one per page tracker: a newer report from it replaces the older. */
const waiting = new Map<
  string,
  { report: PlaybackReport; now: number; facts: TabFacts; answers: Array<(folded: Folded) => void> }
>();

/** What the background itself knows of a report's page, beside what the page said: a chosen site's origin and held-back guess. */
type TabFacts = Pick<TabPlayback, 'origin' | 'guess' | 'trustedFor'>;
/** However many reports pages send, at most this many wait, and at most a few per tab. */
export const MAX_WAITING_REPORTS = 64;
const MAX_WAITING_PER_TAB = 4;
/** A viewing is kept in IndexedDB once it has this much forward play, or anything to send. */
export const KEEP_AFTER_SECONDS = 10;

/**
 * Folds a page's report into its viewing, after the reports before it. A report that has not had
 * its turn yet is replaced by a newer one from the same page (they carry running totals, so nothing
 * is lost), and a flood beyond the bounds is answered at once with nothing: a page can't keep the
 * worker busy for the popup or for other tabs. `admit` is asked in turn (paused, private window).
 */
export function handleReport(
  report: PlaybackReport,
  tabId: number,
  settings: Promise<ScrobbleSettings>,
  now = Date.now(),
  admit: () => Promise<boolean> = async () => true,
  facts: TabFacts = {},
): Promise<Folded> {
  const slot = `${tabId}|${report.segmentId}`;
  const queued = waiting.get(slot);
  if (queued) {
    queued.report = report;
    queued.now = now;
    queued.facts = facts;
    return new Promise((resolve) => queued.answers.push(resolve));
  }
  const ofTab = [...waiting.keys()].filter((key) => key.startsWith(`${tabId}|`)).length;
  if (waiting.size >= MAX_WAITING_REPORTS || ofTab >= MAX_WAITING_PER_TAB) {
    return Promise.resolve({ queued: [], next: undefined });
  }
  const entry = { report, now, facts, answers: [] as Array<(folded: Folded) => void> };
  waiting.set(slot, entry);
  return inTurn(async () => {
    waiting.delete(slot);
    const folded: Folded = (await admit())
      ? await foldReport(entry.report, tabId, settings, entry.now, undefined, undefined, entry.facts)
      : { queued: [], next: null };
    for (const answer of entry.answers) answer(folded);
    return folded;
  });
}

/**
 * The person names what an unidentified video in a tab is: the video's progress so far, and every
 * later report from the same page's tracker, count for that title. A new video is unidentified again.
 */
export function identifyByHand(tabId: number, media: Media, settings: Promise<ScrobbleSettings>, now = Date.now()) {
  return inTurn(async () => {
    const tab = await readTabPlayback(tabId);
    if (!tab?.pending || tab.media) return { ok: false as const, queued: [] as ScrobbleEntry[] };
    const manual = { segmentId: tab.pending.segmentId, media };
    const { queued } = await foldReport(
      { ...tab.pending, media },
      tabId,
      settings,
      now,
      manual,
      heardSince(tab, pendingId(tab.pending), now),
      { origin: tab.origin },
    );
    return { ok: true as const, queued };
  });
}

async function foldReport(
  incoming: ViewingReport,
  tabId: number,
  settingsPromise: Promise<ScrobbleSettings>,
  now: number,
  manualEntry?: { segmentId: string; media: Media },
  carriedSince?: number,
  facts: TabFacts = {},
): Promise<Folded> {
  const site = siteById(incoming.site);
  // A chosen site is shown by its own host, as the browser gave it, never by anything the page says.
  const siteLabel = facts.origin ? new URL(facts.origin).host : (site?.label ?? incoming.site);
  const previous = await readTabPlayback(tabId);
  const manual = manualEntry ?? (previous?.manual?.segmentId === incoming.segmentId ? previous.manual : undefined);
  // What the person named stands for the rest of that video, whatever the page names. A profile or a
  // channel only from a site whose connector reads one, cleaned here too: the page's word is untrusted.
  const report = { ...incoming, ...(manual ? { media: manual.media } : {}), ...readingsOf(incoming, site) };
  const settings = await settingsPromise.catch(() => DEFAULT_SCROBBLE_SETTINGS);
  if (!report.media) {
    await setTabPlayback(tabId, {
      site: report.site,
      siteLabel,
      media: null,
      state: report.state,
      progress: 0,
      scrobbled: 'none',
      updatedAt: now,
      pending: report,
      heard: { id: pendingId(report), since: heardSince(previous, pendingId(report), now) },
      ...defined(facts),
    });
    // Nothing can be sent until the person names it in the popup; the page still reports when a
    // decision would be due, so a name given later is scrobbled on time.
    const own = { ...report, ended: report.state === 'ended', watchingSent: false, watchedSent: false };
    return { queued: [] as ScrobbleEntry[], next: nextReport(own, report.forwardSeconds, settings) };
  }
  const key = viewingKey(report.site, report.contentId, report.media);
  const existing = await readViewing(key);
  const viewing = applyReport(
    existing,
    { key, site: report.site, media: report.media },
    { ...report, ended: report.state === 'ended' },
    now,
    () => crypto.randomUUID(),
    carriedSince ?? heardSince(previous, key, now),
  );
  // Bounded together with every other viewing of this tab and of all tabs (budget.ts).
  const sameViewing = existing?.id === viewing.id;
  const wanted = forwardTotal(viewing) - (sameViewing && existing ? forwardTotal(existing) : 0);
  const granted = grantForward(tabId, wanted, now);
  const segment = viewing.segments[report.segmentId];
  if (segment && granted < wanted) segment.forward = Math.max(0, segment.forward - (wanted - granted));
  const progress = {
    duration: viewing.duration,
    position: viewing.position,
    startPosition: startPosition(viewing),
    forwardSeconds: forwardTotal(viewing),
    ended: viewing.ended,
    watchingSent: viewing.watchingSent,
    watchedSent: viewing.watchedSent,
  };
  const decided = decide(progress, settings);
  // The person said never to log this show or film (blocked.ts), or not to scrobble this viewing: it
  // is still followed, never sent.
  const blocked = await blockedKind(report.site, report.media, report.channel);
  // The site's profile that plays is one the person does not log (a kids' profile, until turned on).
  const profileOff = report.profile && !(await profileLogged(report.site, report.profile, now)) ? report.profile.name : undefined;
  const held = viewing.ignored || blocked !== undefined || profileOff !== undefined;
  const actions = held ? [] : decided;
  // "Ask before logging": what is decided waits in the outbox for the person's answer (Log it or
  // Don't log), unless they already said Log it for this viewing.
  const asking = actions.length > 0 && !viewing.approved && (await asksFirst(report.site));
  // A millisecond apart, so `watching` goes out before a `watched` decided in the same report.
  const entries = actions.map((action, i) => newEntry(viewing, action, now + i, asking));
  if (asking) viewing.asked = true;
  const waiting = viewing.asked === true && !viewing.approved && !viewing.ignored;
  if (actions.includes('watching')) viewing.watchingSent = true;
  if (actions.includes('watched')) viewing.watchedSent = true;
  // A viewing is written only once it matters: a page that changes its address a thousand times a
  // minute leaves nothing behind, and the store stays bounded however many there are.
  const keep = existing !== undefined || entries.length > 0 || forwardTotal(viewing) >= KEEP_AFTER_SECONDS;
  const queued = keep ? await saveViewingAndQueue(viewing, entries) : [];
  if (keep && !existing) await pruneViewings(now, undefined, await playingViewingKeys());

  await setTabPlayback(tabId, {
    site: report.site,
    siteLabel,
    viewingKey: key,
    media: report.media,
    state: report.reason === 'stop' ? 'stopped' : report.state,
    progress: progressTowardWatched(viewing, settings),
    scrobbled: waiting ? 'none' : scrobbledOf(viewing),
    updatedAt: now,
    manual,
    ignored: viewing.ignored,
    asking: waiting || undefined,
    heard: { id: key, since: viewing.firstSeenAt },
    ...defined({ origin: facts.origin, blocked, profileOff, channel: report.channel }),
  });
  // What is due next, now that what was decided here counts as sent.
  const sent = { ...progress, watchingSent: viewing.watchingSent, watchedSent: viewing.watchedSent };
  return { queued, next: held ? null : nextReport(sent, report.forwardSeconds, settings) };
}

/**
 * When the page should report again, in its own tracker's terms: the viewing's totals include what
 * other pages played, so the forward play still needed is added to what this page has counted.
 */
function nextReport(progress: ViewingTotals, pageForward: number, settings: ScrobbleSettings): NextReport | null {
  const due = nextDecision(progress, settings);
  if (!due) return null;
  return { forward: pageForward + Math.max(0, due.forward - progress.forwardSeconds), position: due.position };
}

/**
 * The popup's buttons for what plays in a tab: "Scrobble now" sends watched at once (after watching,
 * if that has not gone yet); "Don't scrobble this" sends nothing more for this viewing.
 */
export function actOnTabPlayback(tabId: number, act: 'scrobble-now' | 'ignore', now = Date.now()) {
  return inTurn(async () => {
    const tab = await readTabPlayback(tabId);
    const viewing = tab?.viewingKey ? ((await readViewing(tab.viewingKey)) ?? unkeptViewing(tab, now)) : undefined;
    if (!tab || !viewing) return { ok: false as const, queued: [] as ScrobbleEntry[] };
    let entries: ScrobbleEntry[] = [];
    // What waited for an answer is answered by these buttons too: Scrobble now logs it, Don't scrobble drops it.
    const released = (await answerWaiting(viewing.key, viewing.id, act === 'ignore' ? 'skip' : 'log', now)) ?? [];
    if (act === 'ignore') {
      viewing.ignored = true;
    } else {
      viewing.approved = true;
      const actions = (['watching', 'watched'] as const).filter(
        (a) => !(a === 'watching' ? viewing.watchingSent : viewing.watchedSent),
      );
      entries = actions.map((action, i) => newEntry(viewing, action, now + i));
      viewing.watchingSent = true;
      viewing.watchedSent = true;
      viewing.ignored = false;
    }
    const queued = [...released, ...(await saveViewingAndQueue(viewing, entries))];
    await setTabPlayback(tabId, {
      ...tab,
      asking: undefined,
      ignored: viewing.ignored,
      scrobbled: viewing.watchedSent ? 'watched' : tab.scrobbled,
      progress: viewing.watchedSent ? 1 : tab.progress,
      updatedAt: now,
    });
    return { ok: true as const, queued };
  });
}

/**
 * "Never log this show" (or film, or the YouTube channel that plays it) on what plays in a tab, from the background's own record of it
 * (never the page's word), in the reports' turn: what the viewing queued and has not sent yet is
 * dropped, and nothing more of it is sent.
 */
export function blockPlaying(tabId: number, what: 'title' | 'channel' = 'title'): Promise<Result> {
  return inTurn(async () => {
    const tab = await readTabPlayback(tabId);
    if (!tab?.media || (what === 'channel' && !tab.channel)) return { ok: false, error: { kind: 'not-playing' } };
    const blocked =
      what === 'channel' && tab.channel ? await blockChannel(tab.site, tab.channel) : await block(tab.site, tab.media);
    if (!blocked.ok) return blocked;
    if (tab.viewingKey) await dropUnsentOfViewing(tab.viewingKey);
    await setTabPlayback(tabId, { ...tab, blocked: blocked.item.kind });
    return { ok: true };
  });
}

/**
 * The person's answer to "Ask before logging" for one viewing (from the popup's list or a
 * notification's button), in the reports' turn: Log it sends what waits and what the viewing decides
 * later; Don't log removes it and sends nothing more of it. Tabs that play it show the answer.
 */
export function answerAsk(
  viewingKey: string,
  viewingId: string,
  answer: 'log' | 'skip',
  now = Date.now(),
): Promise<Result<{ queued: ScrobbleEntry[] }>> {
  return inTurn(async () => {
    const released = await answerWaiting(viewingKey, viewingId, answer, now);
    if (!released) return { ok: false, error: { kind: 'already-answered' } };
    // Tabs that play it show the answer: logged as far as it went, or not logged.
    const viewing = await readViewing(viewingKey);
    const scrobbled = answer === 'log' && viewing ? scrobbledOf(viewing) : 'none';
    const tabs = Object.entries(await readTabPlaybacks()).filter(([, tab]) => tab.viewingKey === viewingKey);
    for (const [tabId, tab] of tabs) {
      const progress = scrobbled === 'watched' ? 1 : tab.progress;
      const ignored = answer === 'skip' || tab.ignored;
      await setTabPlayback(Number(tabId), { ...tab, asking: undefined, ignored, scrobbled, progress, updatedAt: now });
    }
    return { ok: true, queued: released };
  });
}

/** The viewing a tab shows that was not kept yet (too little played): it is, once the person acts on it. */
function unkeptViewing(tab: TabPlayback, now: number): ViewingRecord | undefined {
  if (!tab.viewingKey || !tab.media) return undefined;
  const base = { key: tab.viewingKey, site: tab.site, media: tab.media };
  return newViewing(base, crypto.randomUUID(), heardSince(tab, tab.viewingKey, now), now);
}

/** The profile and the channel a report names, kept only where the site's connector reads them, and cleaned. */
function readingsOf(report: ViewingReport, site: Site | undefined): Pick<ViewingReport, 'profile' | 'channel'> {
  const name = site?.readsProfile && report.profile ? cleanText(report.profile.name, MAX_PROFILE_NAME) : '';
  const channel = site?.readsChannel && report.channel ? cleanText(report.channel.name, MAX_CHANNEL_NAME) : '';
  return {
    profile: name ? { name, ...(report.profile?.kids === true ? { kids: true } : {}) } : undefined,
    channel: channel && report.channel ? { id: report.channel.id, name: channel } : undefined,
  };
}

/** An unidentified video is known by its page tracker until the person names it. */
const pendingId = (report: Pick<PlaybackReport, 'segmentId'>) => `segment:${report.segmentId}`;

/** When the background first heard of `id` in this tab (a viewing key, or an unidentified video). */
function heardSince(tab: TabPlayback | undefined, id: string, now = Date.now()): number {
  return tab?.heard?.id === id ? Math.min(tab.heard.since, now) : now;
}

function newEntry(viewing: ViewingRecord, action: ScrobbleEntry['action'], now: number, asking = false): ScrobbleEntry {
  return {
    ...(asking ? { waitReason: 'ask' as const } : {}),
    key: `${viewing.id}:${action}`,
    viewingKey: viewing.key,
    viewingId: viewing.id,
    site: viewing.site,
    action,
    media: viewing.media,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

const scrobbledOf = (viewing: ViewingRecord): TabPlayback['scrobbled'] =>
  viewing.watchedSent ? 'watched' : viewing.watchingSent ? 'watching' : 'none';

function progressTowardWatched(viewing: ViewingRecord, settings: ScrobbleSettings): number {
  if (viewing.watchedSent) return 1;
  const toCover = Math.max(1, viewing.duration - startPosition(viewing)) * settings.watchedThreshold;
  return Math.min(1, forwardTotal(viewing) / toCover);
}
