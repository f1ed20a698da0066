import { t } from '@/utils/i18n';
import type { Failure, FailureKind } from '@/utils/model/records';
import { failureText } from './failure';

/** A failure, said in the person's language, with a way to try again where that can help. */
export function FailureMessage({
  failure,
  onRetry,
  lead,
  words,
}: {
  failure: Failure;
  onRetry?: () => void;
  /** Puts the words in a sentence of the page's own ("Could not load this: …"). */
  lead?: (text: string) => string;
  /** The page's own words for some kinds, where it knows more than the failure says (which server). */
  words?: Partial<Record<FailureKind, string>>;
}) {
  const text = words?.[failure.kind] ?? failureText(failure);
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
