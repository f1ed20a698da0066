import type { browser } from 'wxt/browser';

/**
 * The extension API as the browser itself provides it, for content scripts. They load on every
 * watch page, so they skip the polyfill the rest of the extension uses: Firefox's `browser` and
 * Chrome's `chrome` both return promises for the few calls made here (sendMessage, getURL, id).
 * Message listeners answer through `sendResponse`, which both support.
 */
export const ext = ((globalThis as { browser?: typeof browser }).browser ??
  (globalThis as { chrome?: typeof browser }).chrome) as typeof browser;

/** False once the extension was reloaded, updated or removed under this page: its scripts are orphans. */
export function extensionAlive(): boolean {
  try {
    return Boolean(ext?.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * Answers the extension's messages until `signal` aborts. `answer` returns true when it will `reply`
 * later (the native API's listener contract, which the polyfill's typings lack), false to pass.
 */
export function onExtensionMessage(
  answer: (message: unknown, reply: (value: unknown) => void) => boolean,
  signal: AbortSignal,
): void {
  const listener = ((message: unknown, _sender: unknown, reply: (value: unknown) => void) =>
    answer(message, reply)) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0];
  ext.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => ext.runtime?.onMessage.removeListener(listener), { once: true });
}
