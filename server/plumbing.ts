/**
 * What every stand-in here shares: answering only loopback names, a fault that applies to the next
 * few matching requests, and waits (a slow fault) that a closing stand-in cuts short.
 */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopbackName = (name: string | undefined) => name !== undefined && LOOPBACK_NAMES.has(name.toLowerCase());

/** The name in a Host header, without its port. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d*$/, '');
}

/** The current fault: it applies to the requests `applies` picks, `times` of them, then clears. */
export function faultSlot<F extends { times?: number }>(applies: (fault: F, path: string) => boolean) {
  let current: { fault: F; remaining: number | undefined } | null = null;
  return {
    set(next: F | null): void {
      current = next === null ? null : { fault: next, remaining: next.times };
    },
    /** The fault for a request to `path`, counted down. */
    take(path: string): F | null {
      if (!current || !applies(current.fault, path)) return null;
      const taken = current;
      if (taken.remaining !== undefined) {
        taken.remaining -= 1;
        if (taken.remaining <= 0) current = null;
      }
      return taken.fault;
    },
  };
}

/** Timed waits a stand-in can end all at once when it closes (each then says it is closed). */
export function closableWaits() {
  let closed = false;
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: (alive: boolean) => void }>();
  return {
    /** Resolves true after `ms`, or false at once if the stand-in closes first. */
    wait: (ms: number) =>
      new Promise<boolean>((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            waits.delete(entry);
            resolve(!closed);
          }, ms),
          resolve,
        };
        waits.add(entry);
      }),
    get closed() {
      return closed;
    },
    /** Marks the stand-in closed and ends every wait; false when it was closed already. */
    close(): boolean {
      if (closed) return false;
      closed = true;
      for (const entry of waits) {
        clearTimeout(entry.timer);
        entry.resolve(false);
      }
      waits.clear();
      return true;
    },
  };
}
