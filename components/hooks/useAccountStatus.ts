import type { AccountStatus, Failure } from '@/utils/model/records';
import { useBackground } from './useBackground';

/** The connection as the background has it, kept current while the page is open. */
export function useAccountStatus(): [AccountStatus | undefined, (status: AccountStatus) => void, Failure | undefined] {
  const { data, set, error } = useBackground({ type: 'account/status' }, ['account']);
  return [data, set, error];
}
