import { Window } from 'happy-dom';
import { vi } from 'vitest';
import { REQUEST, RESPONSE } from '@/utils/sites/page-world';

/** A request that left the page: its address, method and headers (names in lower case). */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** The network's answer to a request: a JSON body, or undefined for a 404. */
type Network = (request: SentRequest) => unknown;

/**
 * A page-world half (`<id>.page.ts`) run in a fresh page at `url`, with that page's globals
 * (`window`, `document`, `location`, `fetch`, XMLHttpRequest…), so one test's listeners and the
 * requests it captured never reach another. Call `vi.unstubAllGlobals()` after each test.
 * - `app(url, init)`: the site's own code fetching, as the half's watchers see it;
 * - `ask(id)`: the content script's request, answered with what the half hands over;
 * - `sent`: every request that left the page, the app's and the half's alike.
 */
export function pageWorld(url: string, network: Network, { resources = [] as string[] } = {}) {
  const window = new Window({ url });
  const sent: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: SentRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    };
    sent.push(request);
    const body = network(request);
    return body === undefined
      ? new Response('', { status: 404 })
      : new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  Object.assign(window, { fetch });
  const globals = {
    window,
    document: window.document,
    location: window.location,
    localStorage: window.localStorage,
    XMLHttpRequest: window.XMLHttpRequest,
    CustomEvent: window.CustomEvent,
    fetch,
  };
  for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value);
  // The browser's resource timings: the addresses the page had fetched before the half ran.
  vi.spyOn(performance, 'getEntriesByType').mockImplementation((type: string) =>
    type === 'resource' ? (resources.map((name) => ({ name })) as PerformanceEntryList) : [],
  );
  const settled = () => new Promise((done) => setTimeout(done, 0));
  return {
    window,
    sent,
    async app(address: string, init?: RequestInit): Promise<void> {
      await (window.fetch as unknown as typeof fetch)(address, init);
      await settled();
    },
    ask(id: string): Promise<unknown> {
      const document = window.document as unknown as Document;
      const PageEvent = window.CustomEvent as unknown as typeof CustomEvent;
      return new Promise((resolve) => {
        const listener = (event: Event) => {
          const answer = JSON.parse(String((event as CustomEvent<unknown>).detail)) as { id: string; data: unknown };
          if (answer.id !== id) return;
          document.removeEventListener(RESPONSE, listener);
          resolve(answer.data);
        };
        document.addEventListener(RESPONSE, listener);
        document.dispatchEvent(new PageEvent(REQUEST, { detail: id }));
      });
    },
  };
}
