import { checkApiUrl } from '../origins';

/**
 * Where Simkl and Rewind answer: their public addresses, overridable at build time like the
 * ReelRifter API's (`WXT_SIMKL_API_URL`, `WXT_REWIND_API_URL`). A TMDB-style account is at the
 * person's own address. Pages load this file too (to ask for the address's permission): no zod.
 */
export function defaultSourceUrl(source: 'simkl' | 'rewind'): string {
  const fromBuild = source === 'simkl' ? import.meta.env.WXT_SIMKL_API_URL : import.meta.env.WXT_REWIND_API_URL;
  const checked = typeof fromBuild === 'string' && fromBuild ? checkApiUrl(fromBuild) : undefined;
  if (checked?.ok) return checked.url;
  return source === 'simkl' ? 'https://api.simkl.com' : 'https://api.rewind.rest';
}

/**
 * Where Netflix's own site answers for the import of its viewing activity: www.netflix.com, whose
 * access the extension already has for scrobbling; overridable at build time (`WXT_NETFLIX_URL`)
 * for the e2e stand-in.
 */
export function netflixUrl(): string {
  const fromBuild = import.meta.env.WXT_NETFLIX_URL;
  const checked = typeof fromBuild === 'string' && fromBuild ? checkApiUrl(fromBuild) : undefined;
  return checked?.ok ? checked.url : 'https://www.netflix.com';
}
