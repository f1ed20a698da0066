import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { checkApiUrl, DEFAULT_API_URL } from './reelrifter/origins';
import { DEFAULT_SCROBBLE_SETTINGS, type ScrobbleSettings } from './scrobble/decisions';

/** The account as last seen by GET /me: shown in the popup, never secret. */
export const accountViewSchema = z.object({
  id: z.string().nullish(),
  username: z.string().nullish(),
  name: z.string().nullish(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const connectionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('disconnected') }),
  z.object({ state: z.literal('connected'), account: accountViewSchema }),
  /** The server answered 401 for a stored token: keep everything, ask for a new one. */
  z.object({ state: z.literal('reconnect'), account: accountViewSchema }),
]);
export type Connection = z.infer<typeof connectionSchema>;

export const connectionItem = storage.defineItem<unknown>('local:connection', {
  fallback: { state: 'disconnected' },
  version: 1,
});

export async function readConnection(): Promise<Connection> {
  const parsed = connectionSchema.safeParse(await connectionItem.getValue());
  return parsed.success ? parsed.data : { state: 'disconnected' };
}

/** The API URL the user chose in the options page; null means the build's default. */
export const apiUrlOverrideItem = storage.defineItem<string | null>('local:apiUrl', {
  fallback: null,
  version: 1,
});

export function buildDefaultApiUrl(): string {
  const fromBuild = import.meta.env.WXT_REELRIFTER_API_URL;
  const checked = typeof fromBuild === 'string' && fromBuild ? checkApiUrl(fromBuild) : undefined;
  return checked?.ok ? checked.url : DEFAULT_API_URL;
}

export async function readApiUrl(): Promise<string> {
  const override = await apiUrlOverrideItem.getValue();
  const checked = override ? checkApiUrl(override) : undefined;
  return checked?.ok ? checked.url : buildDefaultApiUrl();
}

export const scrobbleSettingsSchema = z.object({
  watchedThreshold: z.number().min(0.05).max(1).catch(DEFAULT_SCROBBLE_SETTINGS.watchedThreshold),
  minWatchingSeconds: z.number().int().min(0).max(3600).catch(DEFAULT_SCROBBLE_SETTINGS.minWatchingSeconds),
});

export const scrobbleSettingsItem = storage.defineItem<unknown>('local:scrobbleSettings', {
  fallback: DEFAULT_SCROBBLE_SETTINGS,
  version: 1,
});

export async function readScrobbleSettings(): Promise<ScrobbleSettings> {
  const parsed = scrobbleSettingsSchema.safeParse(await scrobbleSettingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SCROBBLE_SETTINGS;
}

/** The popup's switch: while paused, what plays is neither tracked nor scrobbled. */
export const pausedItem = storage.defineItem<boolean>('local:paused', { fallback: false, version: 1 });

/** Saves the settings a person chose, clamped to what makes sense; they apply from the next report on. */
export async function saveScrobbleSettings(wanted: ScrobbleSettings): Promise<ScrobbleSettings> {
  const settings = {
    watchedThreshold: Math.min(1, Math.max(0.05, Math.round(wanted.watchedThreshold * 100) / 100)),
    minWatchingSeconds: Math.min(3600, Math.max(0, Math.round(wanted.minWatchingSeconds))),
  };
  await scrobbleSettingsItem.setValue(settings);
  return settings;
}
