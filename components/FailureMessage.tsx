import { t } from '@/utils/i18n';
import type { Failure } from '@/utils/model/records';
import { failureText } from './failure';

/** A failure, said in the person's language, with a way to try again where that can help. */
export function FailureMessage({
  failure,
  onRetry,
  lead,
}: {
  failure: Failure;
  onRetry?: () => void;
  /** Puts the words in a sentence of the page's own ("Could not load this: …"). */
  lead?: (text: string) => string;
}) {
  const text = failureText(failure);
  return (
    <div class="failure">
      <p class="error" role="alert" data-error-kind={failure.kind}>
        {lead ? lead(text) : text}
      </p>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}
