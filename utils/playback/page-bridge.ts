import { ext } from './ext';
import { REQUEST, RESPONSE } from './page-world';

const MAX_BYTES = 512 * 1024;

/**
 * Asks a script running in the page's own world (where the site keeps its state) for plain data.
 * The answer comes back as a JSON string in a DOM event, so the page could forge it too: callers
 * treat it as untrusted input and parse it field by field. It only ever names what plays, never
 * whether or how long it played.
 */
export function pageBridge(scriptPath: string, signal: AbortSignal, timeoutMs = 4_000): (id: string) => Promise<unknown> {
  let injected: Promise<void> | undefined;
  const inject = () => {
    injected ??= new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      // A src, not inline text: sites' CSPs forbid inline scripts but let the extension's own files load.
      script.src = ext.runtime.getURL(scriptPath as '/');
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('page script blocked'));
      (document.head ?? document.documentElement).append(script);
      script.remove();
    });
    return injected;
  };

  return async (id) => {
    // On a self-hosted server the script is registered into the page's world instead (it is not
    // web-accessible there), so a blocked injection still asks: no answer within the timeout is null.
    await inject().catch(() => undefined);
    return new Promise<unknown>((resolve) => {
      const done = (value: unknown) => {
        clearTimeout(timer);
        document.removeEventListener(RESPONSE, onResponse);
        resolve(value);
      };
      const onResponse = (event: Event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        if (typeof detail !== 'string' || detail.length > MAX_BYTES) return;
        try {
          const parsed: unknown = JSON.parse(detail);
          if (isRecord(parsed) && parsed.id === id) done(parsed.data);
        } catch {
          // Not ours or not JSON: keep waiting for the real answer.
        }
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      signal.addEventListener('abort', () => done(null), { once: true });
      document.addEventListener(RESPONSE, onResponse);
      document.dispatchEvent(new CustomEvent(REQUEST, { detail: id }));
    });
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
