// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { type Action, useAction } from '@/components/hooks/useAction';
import { FailureMessage } from '@/components/shared/FailureMessage';
import type { PageRequest } from '@/utils/protocol/pages';
import { holdAnswers, mount } from './held-answers';

const { pending, settle } = holdAnswers({ words: 'keys' });

/** The hook as the page last rendered it, for the test to act through. */
let action: Action;

function Disconnect() {
  action = useAction();
  return (
    <section data-busy={String(action.busy)}>
      <button type="button">Disconnect</button>
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}

const mountPage = () => mount(<Disconnect />);

/** Starts an action the way a click does, and lets the page render it as under way. */
async function start<R extends PageRequest>(request: R) {
  let answer!: ReturnType<typeof action.run<R>>;
  await act(() => {
    answer = action.run(request);
  });
  // Wrapped: an async function returning the promise itself would wait for it.
  return { answer };
}

const alert = (root: HTMLElement) => root.querySelector('[role="alert"]');
const busy = (root: HTMLElement) => root.querySelector('section')?.dataset.busy;

describe('useAction', () => {
  it('sends the request, busy while the answer is awaited, and resolves with the answer', async () => {
    const root = await mountPage();
    expect(busy(root)).toBe('false');
    const { answer } = await start({ type: 'results/clear' });
    expect(pending.map((p) => p.request)).toEqual([{ type: 'results/clear' }]);
    expect(busy(root)).toBe('true');
    await settle(0, { answer: { deleted: 3 } });
    expect(busy(root)).toBe('false');
    await expect(answer).resolves.toEqual({ deleted: 3 });
    expect(alert(root)).toBeNull();
  });

  it('shows the failure an answer { ok: false } carries, and resolves with undefined', async () => {
    const root = await mountPage();
    const { answer } = await start({ type: 'viewing/act', tabId: 4, act: 'ignore' });
    await settle(0, { answer: { ok: false, error: { kind: 'not-playing' } } });
    await expect(answer).resolves.toBeUndefined();
    expect(alert(root)?.getAttribute('data-error-kind')).toBe('not-playing');
    expect(alert(root)?.textContent).toBe('manualGone');
    expect(busy(root)).toBe('false');
  });

  it('shows a background that does not answer as the background failure, never rejecting', async () => {
    const root = await mountPage();
    const { answer } = await start({ type: 'settings/write', settings: { paused: true } });
    await settle(0, { fail: new Error('Could not establish connection. Receiving end does not exist.') });
    await expect(answer).resolves.toBeUndefined();
    expect(alert(root)?.getAttribute('data-error-kind')).toBe('background');
    expect(alert(root)?.textContent).toBe('backgroundUnavailable');
    expect(busy(root)).toBe('false');
  });

  it('a later success clears the failure', async () => {
    const root = await mountPage();
    await start({ type: 'account/disconnect' });
    await settle(0, { fail: new Error('stopped') });
    expect(alert(root)).not.toBeNull();
    const { answer: again } = await start({ type: 'account/disconnect' });
    await settle(1, { answer: { apiUrl: 'https://api.example', connection: { state: 'disconnected' } } });
    await expect(again).resolves.toMatchObject({ connection: { state: 'disconnected' } });
    expect(alert(root)).toBeNull();
  });

  it('shows the latest action’s outcome: an older one failing late changes nothing', async () => {
    const root = await mountPage();
    await start({ type: 'results/retry', key: 'a' });
    await start({ type: 'results/retry', key: 'b' });
    await settle(1, { answer: { ok: true } });
    expect(busy(root)).toBe('true');
    await settle(0, { answer: { ok: false, error: { kind: 'already-answered' } } });
    expect(busy(root)).toBe('false');
    expect(alert(root)).toBeNull();
  });

  it('keeps answers typed: a Result without its refusal, any other answer as it is', async () => {
    await mountPage();
    const added = action.run({ type: 'servers/add', site: 'plex', address: 'http://nas:32400' });
    const cleared = action.run({ type: 'results/clear' });
    await settle(0, { answer: { ok: true, view: { sites: [], servers: [] } } });
    await settle(1, { answer: { deleted: 0 } });
    // These lines compile only if the answers keep their types (`view` exists once `ok: false` is left out).
    const view: { servers: unknown[] } | undefined = (await added)?.view;
    const deleted: number | undefined = (await cleared)?.deleted;
    expect([view?.servers, deleted]).toEqual([[], 0]);
  });

  it('clear forgets the failure', async () => {
    const root = await mountPage();
    await start({ type: 'results/retry', key: 'a' });
    await settle(0, { fail: new Error('stopped') });
    expect(alert(root)).not.toBeNull();
    await act(() => action.clear());
    expect(alert(root)).toBeNull();
  });
});
