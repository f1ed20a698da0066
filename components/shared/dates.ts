import { browser } from 'wxt/browser';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date in the person's language: 'day' ("30 Nov 2026") or 'time' (with the time of day). One
 * formatter per style for every row: building one is far slower than formatting with it.
 */
export function formatDate(value: string | number | null | undefined, style: 'day' | 'time' = 'day'): string | null {
  const date = value === null || value === undefined || value === '' ? null : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return null;
  let formatter = formatters.get(style);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    formatter = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), options);
    formatters.set(style, formatter);
  }
  return formatter.format(date);
}
