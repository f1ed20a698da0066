import { REQUEST, RESPONSE } from '../sites/page-world';
import { isRecord } from '../untrusted';

const MAX_BYTES = 512 * 1024;

/**
 * Asks a script running in the page's own world (where the site keeps its state) for plain data.
 * The answer comes back as a JSON string in a DOM event, so the page could forge it too: callers
 * treat it as untrusted input and parse it field by field. It only ever names what plays, never
 * whether or how long it played.
 */
export function pageBridge(signal: AbortSignal, timeoutMs = 4_000): (id: string) => Promise<unknown> {
  // The page-world half is registered into the page's world at document_start (registration.ts): it
  // listens before this script runs. Without it (a page it could not run in) the timeout answers null.
  return (id) =>
    new Promise<unknown>((resolve) => {
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
}
