import { answerPageRequests } from '../page-world';

interface PlayerMetadata {
  mediaPlaybackCriteria?: { metadata?: { title?: { text?: unknown }; subtitle?: { text?: unknown } } };
}

/**
 * Runs in Disney+'s own world: the player element keeps what plays as a property, which the
 * content script's isolated world cannot see. Hands back the two lines of text and nothing else.
 */
export function disneyPlusPage(): void {
  answerPageRequests(async () => {
    const player = document.querySelector<Element & { mediaPlayer?: PlayerMetadata }>('disney-web-player');
    const ui = document.querySelector<Element & { mediaPlayerApi?: PlayerMetadata }>('disney-web-player-ui');
    const metadata = (player?.mediaPlayer ?? ui?.mediaPlayerApi)?.mediaPlaybackCriteria?.metadata;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : undefined);
    return metadata ? { title: text(metadata.title?.text), subtitle: text(metadata.subtitle?.text) } : null;
  });
}
