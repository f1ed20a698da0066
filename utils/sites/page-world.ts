export const REQUEST = 'reelrifter:page-request';
export const RESPONSE = 'reelrifter:page-data';

/** The page-world half: answers requests with whatever `read` finds. */
export function answerPageRequests(read: (id: string) => Promise<unknown>): void {
  document.addEventListener(REQUEST, (event) => {
    const id = (event as CustomEvent<unknown>).detail;
    if (typeof id !== 'string' || id.length > 200) return;
    read(id).then(
      (data) => document.dispatchEvent(new CustomEvent(RESPONSE, { detail: JSON.stringify({ id, data: data ?? null }) })),
      () => document.dispatchEvent(new CustomEvent(RESPONSE, { detail: JSON.stringify({ id, data: null }) })),
    );
  });
}

/** A request the site's own code made, as the page-world half saw it. */
export interface SeenRequest {
  url: URL;
  /** The request's own headers, names in lower case. */
  headers: Record<string, string>;
  /** Its answer, parsed, when it was a successful JSON answer. */
  answer: unknown;
}

const MAX_ANSWER_CHARS = 2_000_000;

function parsed(text: unknown): unknown {
  if (typeof text !== 'string' || text.length > MAX_ANSWER_CHARS) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function headersOf(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    new Headers(init).forEach((value, name) => {
      out[name] = value;
    });
  } catch {
    // Not headers after all: none seen.
  }
  return out;
}

/**
 * Lets a page-world half read what the site's own code fetches (with `fetch` or XMLHttpRequest)
 * from the URLs `wanted` accepts: the site's own answer costs no request of ours and needs no
 * credentials of ours. Registered at document_start, before any of the site's scripts run. The
 * site's requests go out exactly as before; only successful answers are read, from a copy.
 */
export function watchSiteRequests(wanted: (url: URL) => boolean, seen: (request: SeenRequest) => void): void {
  const want = (address: string | URL): URL | undefined => {
    try {
      const url = new URL(address, location.href);
      return wanted(url) ? url : undefined;
    } catch {
      return undefined;
    }
  };
  const pageFetch = window.fetch;
  window.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const response = pageFetch.call(this ?? window, input, init);
    const url = want(input instanceof Request ? input.url : String(input));
    if (url) {
      const headers = headersOf(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      response
        .then((answer) => (answer.ok ? answer.clone().text() : null))
        .then((text) => seen({ url, headers, answer: parsed(text) }))
        .catch(() => undefined);
    }
    return response;
  } as typeof window.fetch;

  type Watched = XMLHttpRequest & { reelrifter?: { url: URL; headers: Record<string, string> } };
  const xhr = XMLHttpRequest.prototype;
  const { open, setRequestHeader, send } = xhr;
  xhr.open = function (this: Watched, method: string, address: string | URL, ...rest: unknown[]) {
    const url = want(address);
    this.reelrifter = url ? { url, headers: {} } : undefined;
    return (open as (...args: unknown[]) => void).call(this, method, address, ...rest);
  } as typeof xhr.open;
  xhr.setRequestHeader = function (this: Watched, name: string, value: string) {
    if (this.reelrifter) this.reelrifter.headers[name.toLowerCase()] = value;
    return setRequestHeader.call(this, name, value);
  };
  xhr.send = function (this: Watched, body?: Document | XMLHttpRequestBodyInit | null) {
    const watched = this.reelrifter;
    if (watched) {
      this.addEventListener('load', () => {
        if (this.status < 200 || this.status > 299) return;
        const answer =
          this.responseType === 'json'
            ? this.response
            : this.responseType === '' || this.responseType === 'text'
              ? parsed(this.responseText)
              : null;
        try {
          seen({ ...watched, answer });
        } catch {
          // Never the site's problem.
        }
      });
    }
    return send.call(this, body);
  };
}

/** The latest few answers, by key: what the site fetched for an id, kept for when the content script asks. */
export function recentAnswers<T>(limit = 20) {
  const kept = new Map<string, T>();
  return {
    keep(key: string, value: T): void {
      kept.delete(key);
      kept.set(key, value);
      for (const old of kept.keys()) {
        if (kept.size <= limit) break;
        kept.delete(old);
      }
    },
    get: (key: string): T | undefined => kept.get(key),
  };
}

/** A profile as a page-world script hands it back beside what plays; the content script checks it again. */
export interface SeenProfile {
  name: string;
  kids: boolean;
}

/**
 * The answer of `ask`, asked at most once per `ms` (the profile that watches, from the site's own
 * API): every identification of a page reuses it, and a profile switched since is heard after
 * `ms`. A failed or empty answer is not kept, so the next identification asks again.
 */
export function keptAnswer<T>(ask: () => Promise<T | undefined>, ms = 10 * 60_000): () => Promise<T | undefined> {
  let kept: { at: number; answer: Promise<T | undefined> } | undefined;
  return () => {
    if (kept && Date.now() - kept.at < ms) return kept.answer;
    const answer = ask().catch(() => undefined);
    kept = { at: Date.now(), answer };
    void answer.then((value) => {
      if (value === undefined && kept?.answer === answer) kept = undefined;
    });
    return answer;
  };
}

/** A profile's fields, only when its name is text (the content script bounds and cleans it). */
export function seenProfile(name: unknown, kids: boolean): SeenProfile | undefined {
  return typeof name === 'string' && name.trim() ? { name, kids } : undefined;
}
