/**
 * Content scripts come in two files that share the extension's isolated world on a page: one
 * runtime (the engine, the tracker, the page bridge) and a small script per site that hands it
 * that site's connector. The browser caches the shared file once instead of twelve copies of it.
 */
export const RUNTIME_SCRIPT = 'content-runtime.js';

/** The script that carries a site's connector; registered after the runtime. */
export const siteScript = (id: string) => `${id}-content.js`;
