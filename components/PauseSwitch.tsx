import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';

/** Pauses all scrobbling: while on, nothing that plays is tracked or sent. */
export function PauseSwitch() {
  const [paused, setPaused] = useState<boolean | null>(null);
  useEffect(() => {
    void sendToBackground({ type: 'settings/read' }).then((r) => setPaused(r.paused));
  }, []);
  if (paused === null) return null;
  return (
    <div class="pause" data-paused={paused}>
      <label>
        <input
          type="checkbox"
          checked={paused}
          onChange={(event) =>
            void sendToBackground({ type: 'settings/write', settings: { paused: event.currentTarget.checked } }).then((r) =>
              setPaused(r.paused),
            )
          }
        />{' '}
        {t('pauseScrobbling')}
      </label>
      {paused && <p class="warning">{t('pausedNotice')}</p>}
    </div>
  );
}
