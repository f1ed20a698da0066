import { useCallback, useRef, useState } from 'preact/hooks';
import type { Failure } from '@/utils/model/records';
import { type PageRequest, type PageResponses, sendToBackground } from '@/utils/protocol/pages';

/** An answer that is not a refusal: a `Result`'s `{ ok: false }` left out, any other answer as it is. */
export type Succeeded<T> = Exclude<T, { ok: false }>;

export interface Action {
  /**
   * Asks the background to do something. Resolves with its answer when it was done, or with
   * `undefined` when it was not: then `failure` says why. Never rejects.
   */
  run: <R extends PageRequest>(request: R) => Promise<Succeeded<PageResponses[R['type']]> | undefined>;
  /** True while an answer is awaited. */
  busy: boolean;
  /** Why the latest action was not done; shown with `<FailureMessage>`. */
  failure: Failure | undefined;
  /** Forgets the failure (the page moved on from what it was about). */
  clear: () => void;
}

/** The refusal in an answer (`{ ok: false, error }`), if it is one. */
function refusal(answer: unknown): Failure | undefined {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer) || answer.ok !== false) return undefined;
  return (answer as { error?: Failure }).error ?? { kind: 'background' };
}

/**
 * The one way a page acts through the background (reads go through `useBackground`). A background
 * that does not answer (starting, or stopped) is the failure `{ kind: 'background' }`; an answer
 * `{ ok: false, error }` is the failure `error`. Each action clears the failure as it starts, and the
 * latest action's outcome is the one shown: an older one settling late changes nothing.
 */
export function useAction(): Action {
  const [failure, setFailure] = useState<Failure>();
  const [waiting, setWaiting] = useState(0);
  const latest = useRef(0);

  const run = useCallback(async <R extends PageRequest>(request: R) => {
    const id = ++latest.current;
    setFailure(undefined);
    setWaiting((n) => n + 1);
    let answer: PageResponses[R['type']] | undefined;
    let failed: Failure | undefined;
    try {
      answer = await sendToBackground(request);
      failed = refusal(answer);
    } catch {
      failed = { kind: 'background' };
    }
    setWaiting((n) => n - 1);
    if (id === latest.current) setFailure(failed);
    return failed ? undefined : (answer as Succeeded<PageResponses[R['type']]>);
  }, []);

  const clear = useCallback(() => setFailure(undefined), []);

  return { run, busy: waiting > 0, failure, clear };
}
