import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Media } from '@/utils/media';
import type { EntryStatus } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { FailureMessage } from './FailureMessage';
import { MediaForm } from './MediaForm';

/**
 * Fix (a new title, year, type, season or episode, then resent under a new key: replaced, never
 * doubled) for a scrobble that was not matched or failed, and Retry for a failed one. The popup's
 * log and the import's report both use it, with the same form.
 */
export function FixControls({
  entryKey,
  status,
  what,
  media,
  onResent,
}: {
  entryKey: string;
  status: EntryStatus;
  /** How the row names the scrobble, for the buttons' accessible names. */
  what: string;
  media: Media;
  onResent: () => void;
}) {
  const [fixing, setFixing] = useState(false);
  // The retry's failure shows by the buttons, the fix's in its form.
  const retry = useAction();
  const fix = useAction();
  if (status !== 'unmatched' && status !== 'failed') return null;

  async function resend(action: Promise<object | undefined>) {
    if (!(await action)) return;
    setFixing(false);
    onResent();
  }

  return (
    <>
      <span class="actions">
        <button
          type="button"
          class="secondary"
          aria-expanded={fixing}
          onClick={() => setFixing(!fixing)}
          aria-label={t('fixNamed', what)}
        >
          {t('fix')}
        </button>
        {status === 'failed' && (
          <button
            type="button"
            class="secondary"
            onClick={() => void resend(retry.run({ type: 'results/retry', key: entryKey }))}
            aria-label={t('retryNamed', what)}
          >
            {t('retry')}
          </button>
        )}
      </span>
      {retry.failure && <FailureMessage failure={retry.failure} />}
      {fixing && (
        <MediaForm
          idPrefix={`fix-${entryKey}`}
          initial={media}
          submitLabel={t('fixSubmit')}
          onSubmit={(fixed) => resend(fix.run({ type: 'results/fix', key: entryKey, media: fixed }))}
          failure={fix.failure}
        />
      )}
    </>
  );
}
