import type { Media } from '../media';
import type { LayerName, PageChannel, PageProfile } from '../model/playback';

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

/** A node of the page's JSON-LD. */
export type LinkedNode = Record<string, unknown>;

export interface LinkedDataOptions {
  /** The node types read; films and episodes (`Movie`, `TVEpisode`, `Episode`) by default. */
  types?: string[];
  /** This node describes what plays now, not a page left behind by the single-page app. `only`: it is the page's one candidate. */
  current: (node: LinkedNode, input: LayerInput, only: boolean) => boolean;
  /** When the first current node names nothing (a `TVEpisode` without its show), the next one is read; by default only the first. */
  tryNext?: boolean;
  /** The node as media; `schemaMedia` by default. */
  media?: (node: LinkedNode, input: LayerInput) => Reading;
}

export interface PlayerOptions {
  /** The player's box: a selector (the whole document while no such box is there), or a function (none found: nothing read). */
  scope?: string | ((document: Document) => Element | null | undefined);
  /** The show's or film's name. */
  title: string;
  /** The line(s) beside it that number an episode; their texts are read together. */
  lines?: string;
  /** What no line means: 'film' where only episodes get one (the default), 'unknown' where films get one too. */
  bare?: 'film' | 'unknown';
}

export interface TabTitleOptions {
  /** The site's name as tabs print it beside the title: /Netflix/, /(?:HBO\s+)?Max/; or as the page says it (none: no name to remove). */
  brand: RegExp | ((document: Document) => RegExp | undefined);
  /** 'after': the name only ever follows the title, and a tab that starts with it names no title. */
  brandAt?: 'after' | 'either';
  /** A tab without the site's name is some other page's (the site's own always has it). */
  brandRequired?: boolean;
  /** A tab without the site's name (or with none to look for) is cut at its last " | ", " - ", " – ", where sites print it; one with nothing to cut names nothing. */
  orLastPart?: boolean;
  /** What stands between the title and the site's name, where the site's own tabs use only one (" - "). */
  separator?: RegExp;
  /** More the tab wraps around the title ("Watch ", " - Watch Online"), removed after the site's name. */
  extra?: RegExp[];
  /** The tab can name an episode's own name here (an episode marker is on the page): nothing to read. */
  unless?: (input: LayerInput) => boolean;
  /** The title as media: by default, "Show S1:E3" or just a title, of no known type. */
  media?: (text: string, input: LayerInput) => Reading;
}

/** A correction of what a layer read, for a site's oddity (Hulu's running episode numbers). */
type Fix = (media: Media, input: LayerInput) => Reading;

/**
 * One source of what is playing; tried in order, the first that knows wins. Either read by hand
 * (`read`), or one of the shared shapes (built in layers.ts), which the content runtime reads
 * (readers.ts): a site's own script then carries only its options.
 */
export type Layer = { fix?: Fix } & (
  | { name: LayerName; read: (input: LayerInput) => Reading | Promise<Reading> }
  | { name: 'page'; shape: 'page'; parse: (data: unknown, input: LayerInput) => Reading }
  | { name: 'json-ld'; shape: 'json-ld'; options: LinkedDataOptions }
  | { name: 'dom'; shape: 'player'; options: PlayerOptions }
  | { name: 'title'; shape: 'tab'; options: TabTitleOptions }
);

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
   * Runs only on the sites the person chose from the popup ("Scrobble on this site"): what it names
   * is shown to them before anything is sent the first time on a site (see utils/sites/chosen.ts).
   */
  chosen?: boolean;
  /**
   * The site's content id when `url` is a watch page, else null. '' for a player page whose URL
   * names nothing (an overlay player in a hash-routed app): the title then tells viewings apart.
   */
  watchPage: (url: URL) => string | null;
  /** False for previews, trailers, ads and background loops. */
  isMainVideo?: (video: HTMLVideoElement) => boolean;
  /**
   * The site's player floats over its other pages when the person leaves the watch page (Tubi's
   * in-app picture-in-picture): while its video has not ended, a move to a page that is no watch
   * page continues the viewing, with the content id and title it began with.
   */
  floatingPlayer?: boolean;
  /** Best first: the first layer is the site's best source, the others are fallbacks (see health). */
  layers: Layer[];
  /**
   * Most watch pages play a film or an episode, so one no layer names is worth asking the person
   * about. Where most videos are neither (YouTube uploads), an unnamed one is left alone instead.
   */
  unnamedIsOrdinary?: boolean;
  /** Script (an unlisted entrypoint, `<id>-page.ts`) run in the page's world for the 'page' layer. */
  pageScript?: string;
  /**
   * The site's profile that plays, where the page names it (the person chooses which are logged).
   * Read with the same input as the layers; null when the page names none.
   */
  profile?: (input: LayerInput) => PageProfile | null | Promise<PageProfile | null>;
  /** The channel that plays it, where the site has channels (YouTube), for "Never log this channel". */
  channel?: (input: LayerInput) => PageChannel | null | Promise<PageChannel | null>;
}

/** What the background knows of a connector: its identity, hosts and scripts, and its layers' names, best first. */
export type Site = Pick<Connector, 'id' | 'label' | 'matches' | 'allFrames' | 'selfHosted' | 'chosen' | 'pageScript'> & {
  layers: ReadonlyArray<{ name: LayerName }>;
  /** Its connector reads the site's profile that watches (`Connector.profile`). */
  readsProfile?: boolean;
  /** Its connector reads the channel that plays it (`Connector.channel`). */
  readsChannel?: boolean;
};
