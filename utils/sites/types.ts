import type { Media } from '../media';
import type { LayerName } from '../protocol/content';

export type { LayerName };

export interface LayerInput {
  document: Document;
  url: URL;
  /** The site's id for what plays, from the watch-page URL. */
  contentId: string;
  /** The video being played; absent when a player frame asks the watch page around it. */
  video?: HTMLVideoElement;
  /** Plain data handed back from the page's own JavaScript world; untrusted. Asked once per identification. */
  pageData: () => Promise<unknown>;
}

/**
 * What a layer found: a film or an episode; null when it knows nothing (the next layer is asked);
 * 'other' when the site itself says this is neither (a music track, a trailer): no layer is asked after it.
 */
export type Reading = Media | 'other' | null;

/** One source of what is playing; tried in order, the first that knows wins. */
export interface Layer {
  name: LayerName;
  read: (input: LayerInput) => Reading | Promise<Reading>;
}

/** A streaming site: where its watch pages are, which video counts, and how to read what plays. */
export interface Connector {
  id: string;
  label: string;
  /** Public hosts. The content script is registered at runtime, only while the site is switched on. */
  matches: string[];
  /** Also run inside frames: for players served in an iframe from another host. */
  allFrames?: boolean;
  /**
   * The site also runs on servers people host themselves (Plex, Jellyfin): the options page adds
   * their addresses and the script is registered for each origin the user grants.
   */
  selfHosted?: { examples: string[] };
  /**
   * The site's content id when `url` is a watch page, else null. '' for a player page whose URL
   * names nothing (an overlay player in a hash-routed app): the title then tells viewings apart.
   */
  watchPage: (url: URL) => string | null;
  /** False for previews, trailers, ads and background loops. */
  isMainVideo?: (video: HTMLVideoElement) => boolean;
  /** Best first: the first layer is the site's best source, the others are fallbacks (see health). */
  layers: Layer[];
  /**
   * Most watch pages play a film or an episode, so one no layer names is worth asking the person
   * about. Where most videos are neither (YouTube uploads), an unnamed one is left alone instead.
   */
  unnamedIsOrdinary?: boolean;
  /** Script (an unlisted entrypoint, `<id>-page.ts`) run in the page's world for the 'page' layer. */
  pageScript?: string;
}
