import { cleanText, type Media, normalizeMedia } from '../media';
import { MAX_CHANNEL_NAME, MAX_PROFILE_NAME, type PageChannel, type PageProfile, type Sources } from '../model/playback';
import { readLayer } from './readers';
import type { Connector, LayerInput } from './types';

/** What plays, which layer named it, and how each layer asked did (the site-health view reads these). */
export interface Identification extends Sources {
  media: Media | null;
  profile?: PageProfile;
  channel?: PageChannel;
}

/**
 * Tries each layer in order; the first that names what plays wins, and one that says "neither film
 * nor episode" stops the rest. A throwing layer is skipped (a site changed under us). The page's
 * world is asked once, however many layers read its answer.
 */
export async function identifyWithSources(connector: Connector, input: LayerInput): Promise<Identification> {
  let asked: Promise<unknown> | undefined;
  const once: LayerInput = { ...input, pageData: () => (asked ??= input.pageData().catch(() => null)) };
  const found = await readLayers(connector, once);
  const profile = await readProfile(connector, once);
  const channel = await readChannel(connector, once);
  return { ...found, ...(profile ? { profile } : {}), ...(channel ? { channel } : {}) };
}

/** The channel that plays it, as the connector reads it: an id and a name of bounded length, or nothing. */
async function readChannel(connector: Connector, input: LayerInput): Promise<PageChannel | undefined> {
  try {
    const read = await connector.channel?.(input);
    const id = typeof read?.id === 'string' ? cleanText(read.id, 100) : '';
    const name = typeof read?.name === 'string' ? cleanText(read.name, MAX_CHANNEL_NAME) : '';
    return id && name ? { id, name } : undefined;
  } catch {
    return undefined;
  }
}

/** The site's profile that plays, as the connector reads it: a name of bounded length, or nothing. */
async function readProfile(connector: Connector, input: LayerInput): Promise<PageProfile | undefined> {
  try {
    const read = await connector.profile?.(input);
    const name = typeof read?.name === 'string' ? cleanText(read.name, MAX_PROFILE_NAME) : '';
    return name ? { name, ...(read?.kids === true ? { kids: true } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

async function readLayers(connector: Connector, once: LayerInput): Promise<Identification> {
  const tried: Identification['tried'] = [];
  for (const layer of connector.layers) {
    try {
      const reading = await readLayer(layer, once);
      if (reading === 'other') {
        tried.push({ layer: layer.name, result: 'other' });
        break;
      }
      const media = reading?.title ? normalizeMedia(reading) : null;
      tried.push({ layer: layer.name, result: media ? 'named' : 'nothing' });
      if (media) return { media, by: layer.name, tried };
    } catch {
      tried.push({ layer: layer.name, result: 'failed' });
    }
  }
  return { media: null, tried };
}

/** What plays, by the first layer that names it. */
export async function identify(connector: Connector, input: LayerInput): Promise<Media | null> {
  return (await identifyWithSources(connector, input)).media;
}
