// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ScrobbleSettingsForm } from '@/components/options/ScrobbleSettingsForm';
import type { SettingsView } from '@/utils/model/records';
import { holdAnswers, mount } from './held-answers';

const { pending, settle } = holdAnswers({ words: 'keys' });

const SETTINGS: SettingsView = {
  scrobble: { watchedThreshold: 0.8, minWatchingSeconds: 60 },
  paused: false,
  notifications: true,
  privateWindows: false,
  askFirst: false,
};

const mountPage = () => mount(<ScrobbleSettingsForm />);

const percent = (root: HTMLElement) => root.querySelector<HTMLInputElement>('#watched-threshold');
const fieldset = (root: HTMLElement) => root.querySelector('fieldset');

describe('the watched threshold form', () => {
  it('takes nothing until what is saved is known, then shows it to change', async () => {
    const root = await mountPage();
    expect(pending.map((p) => p.request)).toEqual([{ type: 'settings/read' }]);
    // Typed before the saved values arrive, it would be overwritten, and an empty field saved as 0.
    expect(fieldset(root)?.disabled).toBe(true);
    expect(percent(root)?.value).toBe('');
    await settle(0, { answer: SETTINGS });
    expect(fieldset(root)?.disabled).toBe(false);
    expect(percent(root)?.value).toBe('80');
    expect(root.querySelector<HTMLInputElement>('#min-watching')?.value).toBe('60');
  });

  it('refuses an empty field rather than saving it as 0', async () => {
    const root = await mountPage();
    await settle(0, { answer: SETTINGS });
    const seconds = root.querySelector<HTMLInputElement>('#min-watching');
    await act(() => {
      if (seconds) seconds.value = '';
      seconds?.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('settingsInvalid');
    expect(pending.map((p) => p.request.type)).toEqual(['settings/read']);
  });

  it('says so when the background cannot be asked, stays closed, and opens once Try again is answered', async () => {
    const root = await mountPage();
    await settle(0, { fail: new Error('Could not establish connection. Receiving end does not exist.') });
    expect(root.querySelector('[role="alert"]')?.getAttribute('data-error-kind')).toBe('background');
    expect(fieldset(root)?.disabled).toBe(true);
    const retry = [...root.querySelectorAll('button')].find((button) => button.textContent === 'tryAgain');
    expect(retry?.closest('fieldset')).toBeNull();
    await act(() => retry?.click());
    expect(pending.map((p) => p.request)).toEqual([{ type: 'settings/read' }, { type: 'settings/read' }]);
    await settle(1, { answer: SETTINGS });
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(fieldset(root)?.disabled).toBe(false);
    expect(percent(root)?.value).toBe('80');
  });
});
