import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { serverPattern } from '@/utils/origins';
import { sendToBackground } from '@/utils/protocol/pages';
import { failureText } from './failure';

/**
 * On a page that plays a film or an episode on a site no connector knows: "Scrobble on this site".
 * The browser asks the person to allow that one origin; the generic connector then runs there, and
 * what it names waits for their confirmation the first time (see NowPlaying's confirm card).
 */
export function SiteOffer({ tabId, onChosen }: { tabId: number; onChosen: () => void }) {
  const [offer, setOffer] = useState<{ origin: string; host: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sendToBackground({ type: 'sites/offer', tabId }).then(setOffer, () => setOffer(null));
  }, [tabId]);
  if (!offer) return null;
  const choose = async () => {
    setError(null);
    setBusy(true);
    // Asked from the click itself, for this origin only.
    const granted = await browser.permissions.request({ origins: [serverPattern(offer.origin)] }).catch(() => false);
    const outcome = granted
      ? await sendToBackground({ type: 'sites/choose', tabId, origin: offer.origin }).catch(() => ({
          ok: false as const,
          error: { kind: 'background' as const },
        }))
      : null;
    setBusy(false);
    if (!outcome) return setError(t('siteOfferDenied'));
    if (!outcome.ok) return setError(failureText(outcome.error));
    setChosen(true);
    onChosen();
  };
  return (
    <section class="site-offer" aria-label={t('siteOfferLabel')}>
      <p>{t('siteOffer', offer.host)}</p>
      {chosen ? (
        <p role="status">{t('siteOfferChosen', offer.host)}</p>
      ) : (
        <button type="button" disabled={busy} onClick={() => void choose()}>
          {t('siteOfferButton')}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
