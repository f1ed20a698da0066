import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { serverPattern } from '@/utils/origins';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/**
 * On a page that plays a film or an episode on a site no connector knows: "Scrobble on this site".
 * The browser asks the person to allow that one origin; the generic connector then runs there, and
 * what it names waits for their confirmation the first time (see NowPlaying's confirm card).
 */
export function SiteOffer({ tabId, onChosen }: { tabId: number; onChosen: () => void }) {
  // No offer while it is asked, nor when the background does not answer: there is nothing to offer then.
  const { data: offer } = useBackground({ type: 'sites/offer', tabId });
  const [asking, setAsking] = useState(false);
  const [chosen, setChosen] = useState(false);
  const [denied, setDenied] = useState(false);
  const choosing = useAction();
  if (!offer) return null;
  const choose = async () => {
    setDenied(false);
    choosing.clear();
    setAsking(true);
    // Asked from the click itself, for this origin only.
    const granted = await browser.permissions.request({ origins: [serverPattern(offer.origin)] }).catch(() => false);
    setAsking(false);
    if (!granted) return setDenied(true);
    if (!(await choosing.run({ type: 'sites/choose', tabId, origin: offer.origin }))) return;
    setChosen(true);
    onChosen();
  };
  return (
    <section class="site-offer" aria-label={t('siteOfferLabel')}>
      <p>{t('siteOffer', offer.host)}</p>
      {chosen ? (
        <p role="status">{t('siteOfferChosen', offer.host)}</p>
      ) : (
        <button type="button" disabled={asking || choosing.busy} onClick={() => void choose()}>
          {t('siteOfferButton')}
        </button>
      )}
      {denied && (
        <p class="error" role="alert">
          {t('siteOfferDenied')}
        </p>
      )}
      {choosing.failure && <FailureMessage failure={choosing.failure} />}
    </section>
  );
}
