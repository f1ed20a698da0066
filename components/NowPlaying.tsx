import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import type { Media } from '@/utils/scrobble/entry';
import type { TabViewing } from '@/utils/scrobble/tabs';
import { describeMedia } from './describe';
import { MediaForm } from './MediaForm';

export function NowPlaying() {
  const [viewing, setViewing] = useState<TabViewing | null>(null);
  const [tabId, setTabId] = useState<number>();
  useEffect(() => {
    void viewedTabId().then(async (id) => {
      setTabId(id);
      if (id !== undefined) setViewing(await sendToBackground({ type: 'viewing/current', tabId: id }));
    });
  }, []);
  if (!viewing || tabId === undefined) return null;
  if (!viewing.media) {
    const identify = async (media: Media) => {
      const outcome = await sendToBackground({ type: 'viewing/identify', tabId, media });
      if (!outcome.ok) return t('manualGone');
      setViewing(await sendToBackground({ type: 'viewing/current', tabId }));
      return null;
    };
    return (
      <section class="now-playing" data-state="unidentified">
        <p class="warning">{t('cantIdentify', viewing.siteLabel)}</p>
        <details>
          <summary>{t('manualEntry')}</summary>
          <MediaForm idPrefix="manual" submitLabel={t('manualSubmit')} onSubmit={identify} />
        </details>
      </section>
    );
  }
  const percent = Math.round(viewing.progress * 100);
  const act = async (act: 'scrobble-now' | 'ignore') => {
    await sendToBackground({ type: 'viewing/act', tabId, act });
    setViewing(await sendToBackground({ type: 'viewing/current', tabId }));
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
      {viewing.scrobbled !== 'watched' && (
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
