import type { Media } from '../scrobble/entry';

export interface LayerInput {
  document: Document;
  url: URL;
  /** The site's id for what plays, from the watch-page URL. */
  contentId: string;
  /** Plain data handed back from the page's own JavaScript world; untrusted. */
  pageData: () => Promise<unknown>;
}

/** One source of what is playing; tried in order, the first that knows wins. */
export interface Layer {
  name: 'page' | 'json-ld' | 'meta' | 'dom' | 'title';
  read: (input: LayerInput) => Media | null | Promise<Media | null>;
}

/** A streaming site: where its watch pages are, which video counts, and how to read what plays. */
export interface Connector {
  id: string;
  label: string;
  matches: string[];
  /** The site's content id when `url` is a watch page, else null. */
  watchPage: (url: URL) => string | null;
  /** False for previews, trailers, ads and background loops. */
  isMainVideo?: (video: HTMLVideoElement) => boolean;
  layers: Layer[];
  /** Script (under public/ or an unlisted entrypoint) run in the page's world for the 'page' layer. */
  pageScript?: string;
  sampleUrls: { watch: string[]; notWatch: string[] };
}
