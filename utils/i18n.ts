import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/** A translated UI string; the key itself if a locale lacks it, so a gap is visible but harmless. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
