import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { blockIdentity, MAX_TITLE_LENGTH } from '../media';
import { MAX_PROFILE_NAME } from '../model/playback';
import type { BlockedItem, Result, SelfHostedServer } from '../model/records';
import {
  MAX_SETTINGS_BYTES,
  type SettingsChange,
  type SettingsCheck,
  type SettingsField,
  type SettingsProblem,
} from '../model/settings-file';
import { checkServerUrl } from '../origins';
import { mergeProfiles } from '../scrobble/profiles';
import { ANY_SITE } from '../sites/chosen';
import { readServers, readSiteSwitches, syncContentScripts } from '../sites/registration';
import { siteById } from '../sites/sites';
import {
  askFirstItem,
  askSitesItem,
  blockedItem,
  chosenSitesItem,
  MAX_BLOCKED,
  MAX_PROFILES,
  MAX_SERVERS,
  notificationsItem,
  privateWindowsItem,
  profilesItem,
  readScrobbleSettings,
  saveScrobbleSettings,
  serversItem,
  siteSwitchesItem,
} from '../store/items';

/**
 * Settings that move with the person: one JSON file with every setting, the sites' switches, the
 * thresholds, the self-hosted servers and chosen sites (with what they trust there and their
 * corrections), and what is never logged. Never the token or an import key: none is read here.
 * A file read back is checked field by field: what cannot be taken is named and left out, the rest
 * is shown as changes, and the servers' and sites' hosts are asked for by the options page first.
 */
export const SETTINGS_FORMAT = 'reelrifter-scrobbler-settings';
export const SETTINGS_VERSION = 1;

const title = z.string().check(z.minLength(1), z.maxLength(MAX_TITLE_LENGTH));
const year = z.int().check(z.gte(1870), z.lte(2200));

/** Each field's schema: a field that fails its own is left out, the others are taken. */
const FIELDS = {
  scrobble: z.object({
    watchedThreshold: z.number().check(z.gte(0.05), z.lte(1)),
    minWatchingSeconds: z.int().check(z.gte(0), z.lte(3600)),
  }),
  notifications: z.boolean(),
  privateWindows: z.boolean(),
  /** "Ask before logging": on every site, and per site. */
  askFirst: z.object({ all: z.boolean(), sites: z.record(z.string().check(z.maxLength(100)), z.boolean()) }),
  sites: z.record(z.string().check(z.maxLength(100)), z.boolean()),
  servers: z
    .array(z.object({ site: z.string().check(z.maxLength(100)), origin: z.string().check(z.maxLength(2_000)) }))
    .check(z.maxLength(MAX_SERVERS)),
  chosenSites: z.record(
    z.string().check(z.maxLength(2_000)),
    z.object({
      confirmed: z.boolean(),
      trusted: z.array(title).check(z.maxLength(500)),
      corrections: z
        .array(
          z.object({
            read: z.string().check(z.maxLength(MAX_TITLE_LENGTH)),
            title,
            mediaType: z.optional(z.enum(['TV', 'MOVIE'])),
            year: z.optional(year),
          }),
        )
        .check(z.maxLength(200)),
    }),
  ),
  blocked: z
    .array(
      z.object({
        site: z.string().check(z.minLength(1), z.maxLength(100)),
        kind: z.enum(['show', 'film', 'channel']),
        title,
        year: z.optional(year),
        channelId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
        addedAt: z.number(),
      }),
    )
    .check(z.maxLength(MAX_BLOCKED)),
  /** "Profiles logged": each site's profiles seen, and whether each is logged. */
  profiles: z.record(
    z.string().check(z.maxLength(40)),
    z
      .array(
        z.object({
          name: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_NAME)),
          kids: z.boolean(),
          on: z.boolean(),
          seenAt: z.number().check(z.gte(0)),
        }),
      )
      .check(z.maxLength(MAX_PROFILES)),
  ),
} as const;

type Fields = { [K in keyof typeof FIELDS]: z.infer<(typeof FIELDS)[K]> };

async function current(): Promise<Fields> {
  const [scrobble, notifications, privateWindows, askFirst, sites, servers, chosenSites, blocked, profiles] = await Promise.all([
    readScrobbleSettings(),
    notificationsItem.read(),
    privateWindowsItem.read(),
    readAskFirst(),
    readSiteSwitches(),
    readServers(),
    chosenSitesItem.read(),
    blockedItem.read(),
    profilesItem.read(),
  ]);
  return { scrobble, notifications, privateWindows, askFirst, sites, servers, chosenSites, blocked, profiles };
}

async function readAskFirst(): Promise<Fields['askFirst']> {
  const [all, sites] = await Promise.all([askFirstItem.read(), askSitesItem.read()]);
  return { all, sites };
}

/** The file's text: every setting the person made, and nothing secret. */
export async function exportSettings(now = Date.now()): Promise<{ text: string }> {
  const file = {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: new Date(now).toISOString(),
    ...(await current()),
  };
  return { text: `${JSON.stringify(file, null, 2)}\n` };
}

/** What a file would change, what of it cannot be taken (and why), and the hosts it needs. */
export async function checkSettings(text: string): Promise<SettingsCheck> {
  const read = readFile(text);
  if (!read.ok) return { kind: 'not-settings', problem: read.problem };
  const { fields, problems } = read;
  const now = await current();
  const changes: SettingsChange[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const field of Object.keys(fields) as SettingsField[]) {
    if (!same(fields[field], now[field])) changes.push({ field, count: countOf(fields[field], field) });
  }
  // Only addresses that are one host each; the others are left out when applied.
  const origins = [
    ...new Set(
      (fields.servers ?? []).flatMap((server) => {
        const checked = checkServerUrl(server.origin);
        return checked.ok ? [checked.pattern] : [];
      }),
    ),
  ];
  const missing = [];
  for (const origin of origins) if (!(await browser.permissions.contains({ origins: [origin] }))) missing.push(origin);
  return {
    kind: 'settings',
    changes,
    problems,
    origins: missing,
    notifications: fields.notifications === true && !(await browser.permissions.contains({ permissions: ['notifications'] })),
    ...(read.newer ? { newer: true } : {}),
  };
}

/** Takes what the file says, field by field (a server or site whose host was not granted is left out). */
export async function applySettings(text: string): Promise<Result<{ skipped: number }>> {
  const read = readFile(text);
  if (!read.ok) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const { fields } = read;
  let skipped = 0;
  if (fields.scrobble) await saveScrobbleSettings(fields.scrobble);
  if (fields.notifications !== undefined) {
    const allowed = !fields.notifications || (await browser.permissions.contains({ permissions: ['notifications'] }));
    if (allowed) await notificationsItem.write(fields.notifications);
    else skipped += 1;
  }
  if (fields.privateWindows !== undefined) await privateWindowsItem.write(fields.privateWindows);
  if (fields.askFirst) {
    // The sites this version knows: one the file names that is not here is left out.
    const sites = Object.fromEntries(Object.entries(fields.askFirst.sites).filter(([id]) => siteById(id)));
    await askFirstItem.write(fields.askFirst.all);
    await askSitesItem.write(sites);
  }
  if (fields.sites) {
    const known = Object.fromEntries(Object.entries(fields.sites).filter(([id]) => siteById(id)));
    await siteSwitchesItem.write({ ...(await readSiteSwitches()), ...known });
  }
  if (fields.servers) skipped += await addServers(fields.servers);
  if (fields.chosenSites) await mergeChosen(fields.chosenSites);
  if (fields.blocked) await mergeBlocked(fields.blocked);
  if (fields.profiles) await mergeProfiles(fields.profiles);
  await syncContentScripts();
  return { ok: true, skipped };
}

/** The servers and chosen sites whose host the browser granted; the others are counted, not added. */
async function addServers(wanted: readonly SelfHostedServer[]): Promise<number> {
  const servers = await readServers();
  let skipped = 0;
  for (const server of wanted) {
    const checked = checkServerUrl(server.origin);
    const serves = server.site === ANY_SITE || siteById(server.site)?.selfHosted;
    const granted = checked.ok && (await browser.permissions.contains({ origins: [checked.pattern] }));
    if (!checked.ok || !serves || !granted || servers.length >= MAX_SERVERS) {
      skipped += 1;
      continue;
    }
    if (!servers.some((s) => s.site === server.site && s.origin === checked.origin))
      servers.push({ site: server.site, origin: checked.origin });
  }
  await serversItem.write(servers);
  return skipped;
}

/**
 * What chosen sites are trusted for and their corrections: only for a site the person has chosen
 * here (kept as a server after its host was granted); trust for any other host is never taken.
 */
async function mergeChosen(wanted: Fields['chosenSites']): Promise<void> {
  const chosen = new Set((await readServers()).filter((s) => s.site === ANY_SITE).map((s) => s.origin));
  const kept = Object.fromEntries(
    Object.entries(wanted).flatMap(([origin, record]) => {
      const checked = checkServerUrl(origin);
      return checked.ok && chosen.has(checked.origin) ? [[checked.origin, record]] : [];
    }),
  );
  await chosenSitesItem.write({ ...(await chosenSitesItem.read()), ...kept });
}

async function mergeBlocked(wanted: readonly BlockedItem[]): Promise<void> {
  const list = await blockedItem.read();
  const seen = new Set(list.map(blockIdentity));
  for (const item of wanted) {
    if (seen.has(blockIdentity(item)) || list.length >= MAX_BLOCKED) continue;
    list.push(item);
    seen.add(blockIdentity(item));
  }
  await blockedItem.write(list);
}

/** How many entries a list or map holds; the profiles, by profile (not by site). */
const countOf = (value: unknown, field?: SettingsField): number | undefined => {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== 'object' || value === null) return undefined;
  return field === 'profiles' ? Object.values(value).flat().length : Object.keys(value).length;
};

type FileRead =
  | { ok: true; fields: Partial<Fields>; problems: SettingsProblem[]; newer: boolean }
  | { ok: false; problem: 'too-big' | 'not-json' | 'not-settings' };

function readFile(text: string): FileRead {
  if (text.length > MAX_SETTINGS_BYTES) return { ok: false, problem: 'too-big' };
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (typeof file !== 'object' || file === null || (file as { format?: unknown }).format !== SETTINGS_FORMAT) {
    return { ok: false, problem: 'not-settings' };
  }
  const record = file as Record<string, unknown>;
  const version = typeof record.version === 'number' ? record.version : 0;
  const fields: Partial<Fields> = {};
  const problems: SettingsProblem[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (name === 'format' || name === 'version' || name === 'exportedAt') continue;
    const schema = Object.hasOwn(FIELDS, name) ? FIELDS[name as SettingsField] : undefined;
    if (!schema) {
      problems.push({ field: name.slice(0, 60), why: 'unknown' });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) (fields as Record<string, unknown>)[name] = parsed.data;
    else problems.push({ field: name, why: 'invalid' });
  }
  return { ok: true, fields, problems: problems.slice(0, 50), newer: version > SETTINGS_VERSION };
}
