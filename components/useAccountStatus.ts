import { useEffect, useState } from 'preact/hooks';
import { type AccountStatus, sendToBackground } from '@/utils/messages';

export function useAccountStatus(): [AccountStatus | null, (status: AccountStatus) => void, boolean] {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    sendToBackground({ type: 'account/status' }).then(setStatus, () => setFailed(true));
  }, []);
  return [status, setStatus, failed];
}
