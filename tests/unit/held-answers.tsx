import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageRequest } from '@/utils/protocol/pages';

export interface Held {
  request: PageRequest;
  answer: (value: unknown) => void;
  fail: (error: unknown) => void;
}

/**
 * A page's questions to the background, held back until the test lets each go (or fail), in
 * whatever order it likes. `words: 'keys'` shows the page's words as their message keys.
 */
export function holdAnswers(options: { words?: 'keys' } = {}) {
  const pending: Held[] = [];
  beforeEach(() => {
    fakeBrowser.reset();
    pending.length = 0;
    if (options.words === 'keys') vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
      (request: unknown) =>
        new Promise((answer, fail) => {
          pending.push({ request: request as PageRequest, answer, fail });
        }) as never,
    );
  });
  return {
    pending,
    /** Lets the held answer `index` go (or fail), and the page take it in. */
    async settle(index: number, how: { answer: unknown } | { fail: unknown }) {
      await act(async () => {
        const held = pending[index];
        if ('answer' in how) held?.answer(how.answer);
        else held?.fail(how.fail);
        await new Promise((done) => setTimeout(done, 0));
      });
    },
  };
}

/** Renders `node` into a fresh element of the document, as a page does. */
export async function mount(node: ComponentChild): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(node, root));
  return root;
}
