import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { MediaForm } from '@/components/shared/MediaForm';
import { type MessageKey, t } from '@/utils/i18n';
import type { Media } from '@/utils/media';
import { describeMedia, kindOf } from '@/utils/media';
import type { LayerName, LayerResult } from '@/utils/model/playback';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';
import { SiteOffer } from './SiteOffer';

/** How the popup names each source a site's connector reads, and what it found there. */
const LAYER_WORDS: Record<LayerName, MessageKey> = {
  page: 'layerPage',
  'json-ld': 'layerJsonLd',
  meta: 'layerMeta',
  dom: 'layerDom',
  session: 'layerSession',
  title: 'layerTitle',
  address: 'layerAddress',
};
const TRIED: Record<Exclude<LayerResult, 'named'>, MessageKey> = {
  nothing: 'triedNothing',
  failed: 'triedFailed',
  other: 'triedOther',
};

/** While the popup is open on a video that plays, it asks for the page's progress this often. */
const FOLLOW_MS = 3_000;

export function NowPlaying() {
  const [tabId, setTabId] = useState<number>();
  useEffect(() => {
    void viewedTabId().then(setTabId);
  }, []);
  const current = useBackground(
    tabId === undefined ? null : { type: 'viewing/current', tabId, fresh: true },
    ['playback'],
    tabId === undefined ? null : { type: 'viewing/current', tabId },
  );
  const viewing = current.data;
  const identifying = useAction();
  const acting = useAction();
  // The page reports only when something is due; while it plays, the open popup asks it now and then
  // (each question is a fresh report from the page) so the progress bar moves.
  useEffect(() => {
    if (viewing?.state !== 'playing' || viewing.scrobbled === 'watched') return;
    const timer = setInterval(current.reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [viewing?.state, viewing?.scrobbled, current.reload]);
  if (tabId === undefined) return null;
  // Nothing plays in the tab as far as the background knows: perhaps a site no connector serves.
  if (!viewing) return viewing === null ? <SiteOffer tabId={tabId} onChosen={current.reload} /> : null;
  if (!viewing.media) {
    const tried = (viewing.pending?.sources?.tried ?? []).flatMap(({ layer, result }) =>
      result === 'named' ? [] : [t(TRIED[result], t(LAYER_WORDS[layer]))],
    );
    const identify = async (media: Media) => {
      // The guess shown goes with the answer: the background sends nothing if the page named something else since.
      const shown = viewing.guess ? { shown: viewing.guess } : {};
      await identifying.run({ type: 'viewing/identify', tabId, media, ...shown });
      current.reload();
    };
    if (viewing.guess) {
      // A site the person chose, not confirmed yet: what it names waits for them (utils/sites/chosen.ts).
      return (
        <section class="now-playing" data-state="confirm">
          <p>{t('confirmGuess', viewing.siteLabel)}</p>
          <p class="title">{describeMedia(viewing.guess)}</p>
          <p class="help">{t('confirmHelp')}</p>
          {viewing.trustedFor && <p class="help">{t('confirmNewTitle', viewing.trustedFor.join(', '))}</p>}
          <MediaForm
            key={describeMedia(viewing.guess)}
            idPrefix="confirm"
            initial={viewing.guess}
            submitLabel={t('confirmSubmit')}
            onSubmit={identify}
            failure={identifying.failure}
          />
        </section>
      );
    }
    return (
      <section class="now-playing" data-state="unidentified">
        <p class="warning">{t('cantIdentify', viewing.siteLabel)}</p>
        {tried.length > 0 && <p class="help">{t('triedSources', tried.join(', '))}</p>}
        <details>
          <summary>{t('manualEntry')}</summary>
          <MediaForm idPrefix="manual" submitLabel={t('manualSubmit')} onSubmit={identify} failure={identifying.failure} />
        </details>
      </section>
    );
  }
  const percent = Math.round(viewing.progress * 100);
  const act = async (act: 'scrobble-now' | 'ignore') => {
    await acting.run({ type: 'viewing/act', tabId, act });
    current.reload();
  };
  const show = kindOf(viewing.media) === 'show';
  const never = async (channel = false) => {
    await acting.run({ type: 'blocked/add', tabId, ...(channel ? { channel } : {}) });
    current.reload();
  };
  return (
    <section class="now-playing" data-state={viewing.scrobbled === 'watched' ? 'scrobbled' : viewing.state}>
      <h2>{t('nowPlaying', viewing.siteLabel)}</h2>
      <p class="title">{describeMedia(viewing.media)}</p>
      <p class="help">
        {viewing.scrobbled === 'watched' ? t('stateScrobbled') : t(viewing.state === 'playing' ? 'statePlaying' : 'statePaused')}
        {viewing.scrobbled !== 'watched' && ` · ${t('towardWatched', String(percent))}`}
      </p>
      <progress max={100} value={percent} aria-label={t('progressLabel')} />
      {viewing.ignored && <p class="warning">{t('stateIgnored')}</p>}
      {viewing.asking && <p class="warning">{t('stateAsking')}</p>}
      {viewing.channel && <p class="help">{t('onChannel', viewing.channel.name)}</p>}
      {viewing.blocked && <p class="warning">{t(`stateBlocked_${viewing.blocked}`)}</p>}
      {viewing.profileOff && <p class="warning">{t('stateProfileOff', viewing.profileOff)}</p>}
      {viewing.scrobbled !== 'watched' && !viewing.blocked && !viewing.profileOff && (
        <div class="row">
          <button type="button" onClick={() => void act('scrobble-now')}>
            {t('scrobbleNow')}
          </button>
          {!viewing.ignored && (
            <button type="button" class="secondary" onClick={() => void act('ignore')}>
              {t('dontScrobble')}
            </button>
          )}
        </div>
      )}
      {!viewing.blocked && (
        <div class="row">
          <button type="button" class="secondary" onClick={() => void never()}>
            {t(show ? 'neverShow' : 'neverFilm')}
          </button>
          {viewing.channel && (
            <button type="button" class="secondary" onClick={() => void never(true)}>
              {t('neverChannel')}
            </button>
          )}
        </div>
      )}
      {acting.failure && <FailureMessage failure={acting.failure} />}
    </section>
  );
}

/** The active tab; or the tab named by `?tab=` when the popup is opened as a page of its own. */
async function viewedTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
