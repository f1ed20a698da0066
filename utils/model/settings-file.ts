/** A settings file (utils/background/settings-file.ts) as the options page sees it when it is read back. */

/** A settings file is small: anything much bigger is not one (the page does not read it, the background refuses it). */
export const MAX_SETTINGS_BYTES = 1024 * 1024;
export const SETTINGS_FIELDS = [
  'scrobble',
  'notifications',
  'privateWindows',
  'askFirst',
  'sites',
  'servers',
  'chosenSites',
  'blocked',
  'profiles',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** A field the file would change, with how many entries it holds (lists and maps). */
export interface SettingsChange {
  field: SettingsField;
  count?: number;
}

/** A field the file has that cannot be taken: one it does not hold as it should, or one this version does not know. */
export interface SettingsProblem {
  field: string;
  why: 'invalid' | 'unknown';
}

/** The check's answer (not a Result: a file that is not one is an answer, not a refusal). */
export type SettingsCheck =
  | {
      kind: 'settings';
      changes: SettingsChange[];
      problems: SettingsProblem[];
      /** Hosts its servers and chosen sites need that the browser has not granted: the page asks for them. */
      origins: string[];
      /** It turns notifications on, which the browser has not allowed yet. */
      notifications: boolean;
      /** Made by a newer version: what this one does not know is left out. */
      newer?: boolean;
    }
  | { kind: 'not-settings'; problem: 'too-big' | 'not-json' | 'not-settings' };
