import { describe, expect, it } from 'vitest';
import { choosable, isLocalHost } from '@/utils/sites/choosable';

const at = (address: string) => choosable(new URL(address), [{ site: 'plex', origin: 'http://192.168.1.20:32400' }]);

describe('which sites a person may choose', () => {
  it('a host a connector serves is never offered, on any of its pages', () => {
    expect(at('https://www.amazon.com/dp/B0CKXYZ')).toBe('built-in');
    expect(at('https://www.amazon.de/gp/video/detail/xyz')).toBe('built-in');
    expect(at('https://www.netflix.com/browse')).toBe('built-in');
    expect(at('https://www.youtube.com/watch?v=x')).toBe('built-in');
    // A self-hosted server the person added for a connector.
    expect(at('http://192.168.1.20:32400/web/index.html')).toBe('built-in');
  });

  it('https is fine; plain http only on this machine or the local network', () => {
    expect(at('https://films.example.org/watch/1')).toBe('ok');
    expect(at('http://films.example.org/watch/1')).toBe('insecure');
    expect(at('http://127.0.0.1:8096/')).toBe('ok');
    expect(at('http://[::1]:8080/')).toBe('ok');
    expect(at('http://nas.local:8080/')).toBe('ok');
    expect(at('http://192.168.1.30:8080/')).toBe('ok');
    expect(at('ftp://192.168.1.30/')).toBe('insecure');
  });

  it.each([
    ['localhost', true],
    ['10.0.0.2', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.0.10', true],
    ['169.254.1.1', true],
    ['8.8.8.8', false],
    ['[fd12:3456::1]', true],
    ['[fe80::1]', true],
    ['[2001:db8::1]', false],
    ['media.home.arpa', true],
    ['example.com', false],
  ])('%s is local: %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});
