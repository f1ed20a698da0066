import { browser } from 'wxt/browser';
import { serverPattern } from '@/utils/origins';

/** Asks for an address's permission in answer to the person's click (granted at once when already held). */
export function requestPermission(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [serverPattern(url)] }).catch(() => false);
}
