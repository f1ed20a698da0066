/**
 * A lane where async work runs one piece at a time, in the order it was asked for. A piece that
 * fails does not stop the ones behind it; its caller gets the failure.
 */
export function serial(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}
