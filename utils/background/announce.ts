import { browser } from 'wxt/browser';
import { CHANGED, type ChangedMessage, type ChangeTopic } from '../protocol/pages';

/**
 * Tells the extension's open pages (popup, options) what changed, so they reload what shows it.
 * Runtime messages from the background reach extension pages only, never content scripts; with no
 * page open there is no one to tell.
 */
export function announce(...topics: ChangeTopic[]): Promise<void> {
  const message: ChangedMessage = { type: CHANGED, topics };
  return browser.runtime.sendMessage(message).then(
    () => undefined,
    () => undefined,
  );
}
