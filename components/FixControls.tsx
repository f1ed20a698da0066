import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Media } from '@/utils/media';
import { sendToBackground } from '@/utils/protocol/pages';
import type { EntryStatus } from '@/utils/scrobble/status';
import { failureText } from './failure';
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
  const [error, setError] = useState<string | null>(null);
  if (status !== 'unmatched' && status !== 'failed') return null;

  async function resend(fixed?: Media): Promise<string | null> {
    const outcome = await sendToBackground(
      fixed ? { type: 'results/fix', key: entryKey, media: fixed } : { type: 'results/retry', key: entryKey },
    ).catch(() => ({ ok: false as const, error: { kind: 'background' as const } }));
    if (!outcome.ok) return failureText(outcome.error);
    setFixing(false);
    onResent();
    return null;
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
          <button type="button" class="secondary" onClick={() => void resend().then(setError)} aria-label={t('retryNamed', what)}>
            {t('retry')}
          </button>
        )}
      </span>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {fixing && <MediaForm idPrefix={`fix-${entryKey}`} initial={media} submitLabel={t('fixSubmit')} onSubmit={resend} />}
    </>
  );
}
