import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Failure } from '@/utils/model/records';
import { CHANGED, type ChangeTopic, type PageRequest, type PageResponses, sendToBackground } from '@/utils/protocol/pages';

export interface Asked<T> {
  data: T | undefined;
  /** Set when the background could not be asked (it is starting, or was stopped). */
  error: Failure | undefined;
  loading: boolean;
  reload: () => void;
  /** Shows an answer the page already has (from an action), as if it had been asked. */
  set: (data: T) => void;
}

/**
 * Asks the background, and asks again when `request` changes, when `reload` is called, and when the
 * background says one of `topics` changed, so an open popup follows what happens. Only the latest
 * question's answer is shown: a slow answer to an older one (a filter the person already changed)
 * is dropped. A background that does not answer ends in `error`, never in "Loading…" for ever.
 */
export function useBackground<R extends PageRequest>(
  request: R | null,
  topics: readonly ChangeTopic[] = [],
  /** What to ask when a topic changed, where that differs (no fresh report from the page). */
  onChange: R | null = request,
): Asked<PageResponses[R['type']]> {
  type T = PageResponses[R['type']];
  const [state, setState] = useState<{ data: T | undefined; error: Failure | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: request !== null,
  });
  const asked = useRef(0);
  const ask = (question: R | null) => {
    if (question === null) return;
    const id = ++asked.current;
    setState((before) => ({ ...before, loading: true }));
    sendToBackground(question).then(
      (data) => {
        if (id === asked.current) setState({ data, error: undefined, loading: false });
      },
      () => {
        if (id === asked.current) setState((before) => ({ ...before, error: { kind: 'background' }, loading: false }));
      },
    );
  };
  const key = JSON.stringify(request);
  const changedKey = JSON.stringify(onChange);
  const load = useCallback(() => ask(request), [key]);
  const reloadOnChange = useCallback(() => ask(onChange), [changedKey]);
  useEffect(load, [load]);
  useChanges(topics, reloadOnChange);
  const set = useCallback((data: T) => {
    asked.current += 1;
    setState({ data, error: undefined, loading: false });
  }, []);
  return { ...state, reload: load, set };
}

/** Calls `onChange` whenever the background says one of `topics` changed. */
export function useChanges(topics: readonly ChangeTopic[], onChange: () => void): void {
  const wanted = topics.join(' ');
  useEffect(() => {
    if (!wanted) return;
    const listener = (message: unknown) => {
      const changed = message as { type?: unknown; topics?: unknown };
      if (changed?.type !== CHANGED || !Array.isArray(changed.topics)) return;
      if (changed.topics.some((topic) => wanted.split(' ').includes(String(topic)))) onChange();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [wanted, onChange]);
}
