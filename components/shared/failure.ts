import { t } from '@/utils/i18n';
import type { Failure, ScrobbleEntry } from '@/utils/model/records';

const UNREADABLE = {
  'not-json': 'failure_unreadable_not_json',
  shape: 'failure_unreadable_shape',
  'too-large': 'failure_unreadable_too_large',
  redirect: 'failure_unreadable_redirect',
} as const;

/** A failure in the person's language: the background says what kind, the page says it in words. */
export function failureText(failure: Failure): string {
  const { why } = failure;
  switch (failure.kind) {
    case 'invalid-token':
      return t('failure_invalid_token');
    case 'unauthorized':
      return t('failure_unauthorized');
    case 'rate-limited':
      return t(why === 'local' ? 'failure_rate_limited_local' : 'failure_rate_limited');
    case 'server':
      return t('failure_server', String(failure.status ?? 500));
    case 'network':
      return t('failure_network');
    case 'timeout':
      return t('failure_timeout', String(failure.seconds ?? 15));
    case 'rejected':
      // The server's own words, quoted as theirs: never as the extension's own instruction.
      if (failure.message) return t('failure_said', ['ReelRifter', failure.message]);
      return why === 'invalid' ? t('failure_rejected_invalid') : t('failure_rejected', String(failure.status ?? 400));
    case 'unreadable':
      return t(why && why in UNREADABLE ? UNREADABLE[why as keyof typeof UNREADABLE] : 'failure_unreadable_shape');
    case 'signed-out':
      return t('failure_signed_out');
    case 'permission':
      return t('failure_permission');
    case 'invalid-url':
      return t('failure_invalid_url');
    case 'insecure-url':
      return t('failure_insecure_url');
    case 'too-many':
      return t('serverTooMany');
    case 'not-connected':
      return t('failure_not_connected');
    case 'server-changed':
      return t('failure_server_changed');
    case 'not-playing':
      return t('manualGone');
    case 'already-answered':
      return t('resendGone');
    case 'background':
      return t('backgroundUnavailable');
    case 'import-running':
      return t('failure_import_running');
    case 'guess-changed':
      return t('failure_guess_changed');
    case 'too-large':
      return t(
        failure.why === 'items'
          ? 'failure_too_large_items'
          : failure.why === 'bytes'
            ? 'failure_too_large_bytes'
            : 'failure_too_large_pages',
      );
  }
}

/** Why a scrobble waits or failed; an entry from an older version has only its English text. */
export function entryFailureText(entry: Pick<ScrobbleEntry, 'failure' | 'error'>): string {
  return entry.failure ? failureText(entry.failure) : (entry.error ?? '');
}
