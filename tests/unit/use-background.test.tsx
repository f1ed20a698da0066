// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useBackground } from '@/components/hooks/useBackground';
import { holdAnswers, mount } from './held-answers';

const { pending, settle } = holdAnswers();

let setStatus: (status: 'WATCHING' | 'FINISHED') => void = () => undefined;

function Watchlist() {
  const [status, set] = useState<'WATCHING' | 'FINISHED'>('WATCHING');
  setStatus = set;
  const asked = useBackground({ type: 'account/watchlist', status }, ['account']);
  if (asked.error) return <p>failed: {asked.error.kind}</p>;
  if (!asked.data) return <p>loading</p>;
  return <p>{asked.data.ok ? asked.data.data.items.map((item) => item.title).join(', ') : 'error'}</p>;
}

const page = (title: string) => ({ ok: true, data: { items: [{ title }], nextCursor: null } });

const mountPage = () => mount(<Watchlist />);

describe('useBackground', () => {
  it('shows only the latest question’s answer: a late answer for an older filter is dropped', async () => {
    const root = await mountPage();
    await act(() => setStatus('FINISHED'));
    expect(pending.map((p) => (p.request as { status?: string }).status)).toEqual(['WATCHING', 'FINISHED']);
    // The newer answer comes first, then the older one, late.
    await settle(1, { answer: page('Finished Film') });
    await settle(0, { answer: page('Watching Show') });
    expect(root.textContent).toBe('Finished Film');
  });

  it('a background that does not answer ends in an error, not in loading for ever', async () => {
    const root = await mountPage();
    await settle(0, { fail: new Error('Could not establish connection. Receiving end does not exist.') });
    expect(root.textContent).toBe('failed: background');
  });

  it('asks again when the background says what it shows changed', async () => {
    const root = await mountPage();
    await settle(0, { answer: page('Before') });
    expect(root.textContent).toBe('Before');
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'changed', topics: ['log'] }, {});
    });
    expect(pending).toHaveLength(1);
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'changed', topics: ['account'] }, {});
    });
    expect(pending).toHaveLength(2);
    await settle(1, { answer: page('After') });
    expect(root.textContent).toBe('After');
  });
});
