import { failureText } from '@/components/shared/failure';
import { t } from '@/utils/i18n';
import type { MatchType, SourceList } from '@/utils/model/import';
import type { Failure } from '@/utils/model/records';

export const listLabel = (list: SourceList) => t(`importList_${list}`);

export const matchLabel = (type: MatchType) => t(`importMatch_${type}`);

/** A share (0–1) as a percentage in the person's language. */
export const percent = (share: number) =>
  new Intl.NumberFormat(navigator.language, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A failure of a service the import reads from, named in the words: "Could not reach Simkl." */
export function sourceFailureText(failure: Failure, service: string): string {
  const status = String(failure.status ?? '');
  // The service's own words (already redacted and capped), quoted as theirs.
  const said = failure.message ? ` ${t('failure_said', [service, failure.message])}` : '';
  switch (failure.kind) {
    case 'unauthorized':
      return t('importFailure_unauthorized', service) + said;
    case 'rate-limited':
      return t('importFailure_rate_limited', service);
    case 'server':
      return t('importFailure_server', [service, status]);
    case 'network':
      return t('importFailure_network', service);
    case 'timeout':
      return t('importFailure_timeout', service);
    case 'unreadable':
      if (failure.why === 'incomplete') return t('importFailure_incomplete');
      return t(failure.why === 'repeated' ? 'importFailure_repeated' : 'importFailure_unreadable', service);
    case 'rejected':
      return failure.message ? t('failure_said', [service, failure.message]) : t('importFailure_rejected', [service, status]);
    case 'not-connected':
      return t('importFailure_no_key', service);
    case 'signed-out':
      return t('importFailure_signed_out', service);
    default:
      return failureText(failure);
  }
}
