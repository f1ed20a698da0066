/** After the person acts on a page, how long until its shadow roots are looked for again: the player builds itself on that click. */
const LOOK_AFTER_MS = 1_000;

/**
 * Open shadow roots under `root`, nested ones too. Web-component players (Mux's `<mux-player>`,
 * players built on Media Chrome) keep their `<video>` in one, and its media events stop there:
 * they never reach a listener on the document.
 */
export function openShadowRoots(root: ParentNode): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const pending: ParentNode[] = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const element of next.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      found.push(element.shadowRoot);
      pending.push(element.shadowRoot);
    }
  }
  return found;
}

/**
 * Hands each open shadow root of the page to `found`, once: those there now, and those there a
 * moment after the person clicks or presses a key while `idle()` (no video is followed), since
 * players are often built after the content script started. No observer watches the document.
 */
export function watchShadowRoots(
  document: Document,
  found: (root: ShadowRoot) => void,
  idle: () => boolean,
  signal: AbortSignal,
): void {
  const seen = new WeakSet<ShadowRoot>();
  const look = () => {
    for (const root of openShadowRoots(document)) {
      if (seen.has(root)) continue;
      seen.add(root);
      found(root);
    }
  };
  let soon: ReturnType<typeof setTimeout> | undefined;
  const onAct = (event: Event) => {
    if (!event.isTrusted || soon !== undefined || !idle()) return;
    soon = setTimeout(() => {
      soon = undefined;
      if (!signal.aborted) look();
    }, LOOK_AFTER_MS);
  };
  for (const type of ['click', 'keyup']) document.addEventListener(type, onAct, { capture: true, passive: true, signal });
  signal.addEventListener('abort', () => clearTimeout(soon), { once: true });
  look();
}
