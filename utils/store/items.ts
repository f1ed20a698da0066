import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { MAX_TITLE_LENGTH } from '../media';
import { LAYER_NAMES, MAX_PROFILE_NAME } from '../model/playback';
import type {
  AccountView,
  BlockedItem,
  Connection,
  ProfileRecord,
  ScrobbleSettings,
  SelfHostedServer,
  SettingsView,
  SiteHealthRecord,
  TabPlayback,
} from '../model/records';
import { channelSchema, mediaSchema, sourcesSchema, viewingReportSchema } from '../model/schemas';
import { checkApiUrl, DEFAULT_API_URL } from '../origins';
import { db, readCredential, takeLegacyToken, writeCredential } from './db';

/**
 * Every item the extension keeps between runs, in one place. The settings and the account live in
 * IndexedDB (db.ts), which no web page and no content script can open; only the background reads
 * and writes them, and the extension's pages ask the background. What each tab plays lives in
 * session storage, closed to content scripts in both browsers. Each is read through a parser with a
 * fallback, so a damaged or foreign value reads as the default rather than as whatever it says.
 * (The token and the outbox have their own stores in db.ts.)
 */
export interface StoredItem<T> {
  key: string;
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

function storedItem<T>(key: string, schema: z.ZodMiniType<T>, fallback: T): StoredItem<T> {
  const parse = (value: unknown): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    key,
    read: async () => parse(await (await db()).get('settings', key)),
    write: async (value) => {
      await (await db()).put('settings', parse(value), key);
    },
  };
}

/** The account as last seen by GET /me: shown in the popup, never secret. */
const accountViewSchema = z.object({
  id: z.nullish(z.string().check(z.maxLength(200))),
  username: z.nullish(z.string().check(z.maxLength(200))),
  name: z.nullish(z.string().check(z.maxLength(500))),
}) satisfies z.ZodMiniType<AccountView>;

const connectionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('disconnected') }),
  z.object({ state: z.literal('connected'), account: accountViewSchema }),
  z.object({ state: z.literal('reconnect'), account: accountViewSchema }),
]) satisfies z.ZodMiniType<Connection>;

export const connectionItem = storedItem<Connection>('connection', connectionSchema, { state: 'disconnected' });

export function readConnection(): Promise<Connection> {
  return connectionItem.read();
}

/** The API URL the user chose in the options page; null means the build's default. */
export const apiUrlOverrideItem = storedItem<string | null>(
  'apiUrl',
  z.nullable(z.string()).check(z.refine((url) => url === null || checkApiUrl(url).ok)),
  null,
);

export function buildDefaultApiUrl(): string {
  const fromBuild = import.meta.env.WXT_REELRIFTER_API_URL;
  const checked = typeof fromBuild === 'string' && fromBuild ? checkApiUrl(fromBuild) : undefined;
  return checked?.ok ? checked.url : DEFAULT_API_URL;
}

export async function readApiUrl(): Promise<string> {
  const override = await apiUrlOverrideItem.read();
  const checked = override ? checkApiUrl(override) : undefined;
  return checked?.ok ? checked.url : buildDefaultApiUrl();
}

export const DEFAULT_SCROBBLE_SETTINGS: ScrobbleSettings = { watchedThreshold: 0.8, minWatchingSeconds: 30 };

const scrobbleSettingsSchema = z.object({
  watchedThreshold: z.catch(z.number().check(z.gte(0.05), z.lte(1)), DEFAULT_SCROBBLE_SETTINGS.watchedThreshold),
  minWatchingSeconds: z.catch(z.int().check(z.gte(0), z.lte(3600)), DEFAULT_SCROBBLE_SETTINGS.minWatchingSeconds),
}) satisfies z.ZodMiniType<ScrobbleSettings>;

export const scrobbleSettingsItem = storedItem<ScrobbleSettings>(
  'scrobbleSettings',
  scrobbleSettingsSchema,
  DEFAULT_SCROBBLE_SETTINGS,
);

export function readScrobbleSettings(): Promise<ScrobbleSettings> {
  return scrobbleSettingsItem.read();
}

/** Saves the settings a person chose, clamped to what makes sense; they apply from the next report on. */
export async function saveScrobbleSettings(wanted: ScrobbleSettings): Promise<ScrobbleSettings> {
  const settings = {
    watchedThreshold: Math.min(1, Math.max(0.05, Math.round(wanted.watchedThreshold * 100) / 100)),
    minWatchingSeconds: Math.min(3600, Math.max(0, Math.round(wanted.minWatchingSeconds))),
  };
  await scrobbleSettingsItem.write(settings);
  return settings;
}

/** What the person said never to log: at most MAX_BLOCKED, each checked where it is kept. */
export const MAX_BLOCKED = 1_000;
const blockedSchema = z.object({
  site: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: z.enum(['show', 'film', 'channel']),
  title: z.string().check(z.minLength(1), z.maxLength(MAX_TITLE_LENGTH)),
  year: z.optional(z.int().check(z.gte(1870), z.lte(2200))),
  channelId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  addedAt: z.number(),
}) satisfies z.ZodMiniType<BlockedItem>;
export const blockedItem = storedItem<BlockedItem[]>('blocked', z.array(blockedSchema).check(z.maxLength(MAX_BLOCKED)), []);

/** The most profiles kept per site (a household has a handful), and the most sites with profiles. */
export const MAX_PROFILES = 20;
const profileRecordSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_NAME)),
  kids: z.boolean(),
  on: z.boolean(),
  seenAt: z.number().check(z.gte(0)),
}) satisfies z.ZodMiniType<ProfileRecord>;
/** The sites' profiles seen play, by site, and which the person logs (utils/scrobble/profiles.ts). */
export const profilesItem = storedItem<Record<string, ProfileRecord[]>>(
  'profiles',
  z.record(z.string().check(z.maxLength(40)), z.array(profileRecordSchema).check(z.maxLength(MAX_PROFILES))),
  {},
);

/** The popup's switch: while paused, what plays is neither tracked nor scrobbled. */
export const pausedItem = storedItem<boolean>('paused', z.boolean(), false);

/** Off unless the person turns it on: what plays in a private window is neither kept nor sent. */
export const privateWindowsItem = storedItem<boolean>('privateWindows', z.boolean(), false);

/** Whether what plays now may be kept and sent: not while paused, nor from a private window unless chosen. */
export async function scrobblingAllowed(privateWindow: boolean): Promise<boolean> {
  if (await pausedItem.read()) return false;
  return !privateWindow || privateWindowsItem.read();
}

/** "Ask before logging" on every site: what a viewing decides waits for the person's answer (utils/scrobble/ask.ts). */
export const askFirstItem = storedItem<boolean>('askFirst', z.boolean(), false);
/** "Ask before logging on <site>": the sites that ask even while the setting for every site is off. */
export const askSitesItem = storedItem<Record<string, boolean>>(
  'askFirstSites',
  z.record(z.string().check(z.maxLength(100)), z.boolean()),
  {},
);

/** Whether a viewing on `site` waits for the person's answer before anything of it is sent. */
export async function asksFirst(site: string): Promise<boolean> {
  return (await askFirstItem.read()) || (await askSitesItem.read())[site] === true;
}

/** The options page's switch; the `notifications` permission is asked for when it is turned on. */
export const notificationsItem = storedItem<boolean>('notifications', z.boolean(), false);

/** When the person last opened the popup: a not-matched or failed scrobble older than that has been seen. */
export const attentionSeenItem = storedItem<number>('attentionSeenAt', z.number().check(z.gte(0)), 0);

/** Sites switched off (a site is on unless it is here with `false`). */
export const siteSwitchesItem = storedItem<Record<string, boolean>>(
  'siteSwitches',
  z.record(z.string().check(z.maxLength(100)), z.boolean()),
  {},
);

/** Each site's health (utils/sites/health.ts): bounded, counts and dates only. */
export const HEALTH_VIEWINGS = 20;
const time = z.number().check(z.gte(0));
const layerCounts = z.object({
  named: z.int().check(z.gte(0)),
  lastNamed: z.optional(time),
  failed: z.int().check(z.gte(0)),
  lastFailed: z.optional(time),
});
const siteHealthSchema = z.object({
  viewings: z
    .array(
      z.object({
        segment: z.string().check(z.maxLength(64)),
        at: time,
        by: z.optional(z.enum(LAYER_NAMES)),
        tried: sourcesSchema.shape.tried,
      }),
    )
    .check(z.maxLength(HEALTH_VIEWINGS)),
  layers: z.partialRecord(z.enum(LAYER_NAMES), layerCounts),
  page: z.optional(z.string().check(z.maxLength(300))),
}) satisfies z.ZodMiniType<SiteHealthRecord>;
export const siteHealthItem = storedItem<Record<string, SiteHealthRecord>>(
  'siteHealth',
  z.record(z.string().check(z.maxLength(40)), siteHealthSchema),
  {},
);

/** The most self-hosted servers a person can add; more would only slow every worker start. */
export const MAX_SERVERS = 50;
const serverSchema = z.object({
  site: z.string().check(z.maxLength(100)),
  origin: z.string().check(z.maxLength(2_000)),
}) satisfies z.ZodMiniType<SelfHostedServer>;
/** Self-hosted Plex and Jellyfin servers the person added, with their origins. */
export const serversItem = storedItem<SelfHostedServer[]>(
  'selfHostedServers',
  z.array(serverSchema).check(z.maxLength(MAX_SERVERS)),
  [],
);

/** What the person told the extension about a site they chose (utils/sites/chosen.ts), by origin. */
export interface ChosenSiteRecord {
  /** They confirmed what it named there at least once. */
  confirmed: boolean;
  /**
   * The shows and films they confirmed or named there, as they named them (compared without case):
   * only what it names of these is sent without asking; a show never confirmed there is a new question.
   */
  trusted: string[];
  /** Their corrections of what it named, by the name it read (in lower case); the newest last. */
  corrections: Array<{ read: string; title: string; mediaType?: 'TV' | 'MOVIE'; year?: number }>;
}
export const MAX_CORRECTIONS = 200;
export const MAX_TRUSTED = 500;
const chosenSiteSchema = z.object({
  confirmed: z.boolean(),
  // Sites confirmed before trust grew per show start with none: each show is asked once again.
  trusted: z.catch(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(MAX_TRUSTED)), []),
  corrections: z
    .array(
      z.object({
        read: z.string().check(z.maxLength(500)),
        title: z.string().check(z.minLength(1), z.maxLength(500)),
        mediaType: z.optional(z.enum(['TV', 'MOVIE'])),
        year: z.optional(z.int().check(z.gte(1870), z.lte(2200))),
      }),
    )
    .check(z.maxLength(MAX_CORRECTIONS)),
}) satisfies z.ZodMiniType<ChosenSiteRecord>;
export const chosenSitesItem = storedItem<Record<string, ChosenSiteRecord>>(
  'chosenSites',
  z.record(z.string().check(z.maxLength(2_000)), chosenSiteSchema),
  {},
);

/** The keys earlier versions kept in `storage.local`, which content scripts can reach. */
const LEGACY_ITEMS: ReadonlyArray<StoredItem<never>> = [
  connectionItem,
  apiUrlOverrideItem,
  scrobbleSettingsItem,
  pausedItem,
  notificationsItem,
  attentionSeenItem,
  siteSwitchesItem,
  serversItem,
] as unknown as ReadonlyArray<StoredItem<never>>;
const migratedItem = storedItem<boolean>('movedFromStorageLocal', z.boolean(), false);

/**
 * Once, at the first start of this version: what an earlier version kept in `storage.local` moves
 * into IndexedDB and is removed there, and a bare token is bound to the API server then in use.
 * Background only.
 */
export async function moveFromStorageLocal(): Promise<void> {
  if (await migratedItem.read()) return;
  // WXT's storage kept each item's version under the key with a `$` after it.
  const keys = LEGACY_ITEMS.flatMap((item) => [item.key, `${item.key}$`]);
  const stored: Record<string, unknown> = await browser.storage.local.get(keys).catch(() => ({}));
  for (const item of LEGACY_ITEMS) {
    if (stored[item.key] !== undefined) await item.write(stored[item.key] as never);
  }
  const token = await takeLegacyToken();
  if (token && !(await readCredential())) await writeCredential({ token, apiUrl: await readApiUrl() });
  await browser.storage.local.remove(keys).catch(() => undefined);
  await migratedItem.write(true);
}

/** The settings the extension's pages show. */
export async function readSettings(): Promise<SettingsView> {
  const [scrobble, paused, notifications, privateWindows, askFirst] = await Promise.all([
    scrobbleSettingsItem.read(),
    pausedItem.read(),
    notificationsItem.read(),
    privateWindowsItem.read(),
    askFirstItem.read(),
  ]);
  return { scrobble, paused, notifications, privateWindows, askFirst };
}

/** Saves what the person changed (the rest stays) and answers with all of them. */
export async function writeSettings(changed: Partial<SettingsView>): Promise<SettingsView> {
  if (changed.scrobble) await saveScrobbleSettings(changed.scrobble);
  if (changed.paused !== undefined) await pausedItem.write(changed.paused);
  if (changed.notifications !== undefined) await notificationsItem.write(changed.notifications);
  if (changed.privateWindows !== undefined) await privateWindowsItem.write(changed.privateWindows);
  if (changed.askFirst !== undefined) await askFirstItem.write(changed.askFirst);
  return readSettings();
}

const tabPlaybackSchema = z.object({
  site: z.string(),
  siteLabel: z.string(),
  viewingKey: z.optional(z.string()),
  media: z.nullable(mediaSchema),
  state: z.enum(['playing', 'paused', 'ended', 'stopped']),
  progress: z.number(),
  scrobbled: z.enum(['none', 'watching', 'watched']),
  updatedAt: z.number(),
  pending: z.optional(viewingReportSchema),
  ignored: z.optional(z.boolean()),
  asking: z.optional(z.boolean()),
  blocked: z.optional(z.enum(['show', 'film', 'channel'])),
  profileOff: z.optional(z.string().check(z.maxLength(MAX_PROFILE_NAME))),
  channel: z.optional(channelSchema),
  manual: z.optional(z.object({ segmentId: z.string(), media: mediaSchema })),
  heard: z.optional(z.object({ id: z.string(), since: z.number() })),
  origin: z.optional(z.string().check(z.maxLength(2_000))),
  guess: z.optional(mediaSchema),
  trustedFor: z.optional(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(20))),
}) satisfies z.ZodMiniType<TabPlayback>;

/**
 * What plays in each tab, by tab id, for the popup and the badge: session storage outlives the
 * worker, not the browser. A tab whose record does not parse is left out.
 */
const TAB_PLAYBACKS = 'tabViewings';

export async function readTabPlaybacks(): Promise<Record<string, TabPlayback>> {
  const all: unknown = (await browser.storage.session.get(TAB_PLAYBACKS))[TAB_PLAYBACKS];
  const parsed: Record<string, TabPlayback> = {};
  for (const [tabId, value] of Object.entries(all && typeof all === 'object' ? all : {})) {
    const tab = tabPlaybackSchema.safeParse(value);
    if (tab.success) parsed[tabId] = tab.data;
  }
  return parsed;
}

export function writeTabPlaybacks(all: Record<string, TabPlayback>): Promise<void> {
  return browser.storage.session.set({ [TAB_PLAYBACKS]: all });
}
