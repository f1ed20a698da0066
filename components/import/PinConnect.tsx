import { useEffect, useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { PinView, SourceView } from '@/utils/model/import';
import type { Failure } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { requestPermission } from './permission';

/**
 * Connecting with a PIN (Simkl's): the person asks for a code, types it at the address shown, and
 * this page asks the background every `interval` seconds whether it was approved. The key is kept
 * by the background; the page never sees the token.
 */
export function PinConnect({
  source,
  disabled,
  onConnected,
  onManual,
}: {
  source: SourceView;
  disabled: boolean;
  onConnected: () => void;
  onManual: () => void;
}) {
  const [code, setCode] = useState<PinView>();
  const [expired, setExpired] = useState(false);
  const [asked, setAsked] = useState<Failure>();
  const action = useAction();
  const check = useAction();

  useEffect(() => {
    if (!code) return;
    const timer = setInterval(async () => {
      const answer = await check.run({ type: 'import/pin/check', source: source.id });
      if (answer?.state === 'approved') {
        setCode(undefined);
        onConnected();
      } else if (answer?.state === 'expired') {
        setCode(undefined);
        setExpired(true);
      }
    }, Math.max(1, code.interval) * 1000);
    return () => clearInterval(timer);
  }, [code, source.id]);

  async function start() {
    setAsked(undefined);
    setExpired(false);
    if (source.address.kind !== 'fixed') return;
    if (!(await requestPermission(source.address.url))) return setAsked({ kind: 'permission' });
    const answer = await action.run({ type: 'import/pin/start', source: source.id });
    if (answer) setCode(answer.code);
  }

  const failure = asked ?? action.failure ?? check.failure;
  return (
    <div class="pin">
      {code ? (
        <>
          <p class="help">{t('importPinCode', code.verificationUrl)}</p>
          <p>
            {t('importPinCodeLabel')}: <output class="pin-code">{code.userCode}</output>
          </p>
          <p>
            <a href={code.verificationUrl} target="_blank" rel="noopener noreferrer">
              {code.verificationUrl}
            </a>
          </p>
          <progress aria-label={t('importPinCodeLabel')} />
        </>
      ) : (
        <div class="row">
          <button type="button" disabled={disabled || action.busy} onClick={() => void start()}>
            {t('importPinConnect', t(source.label))}
          </button>
        </div>
      )}
      {expired && <p class="warning">{t('importPinExpired')}</p>}
      {failure && <FailureMessage failure={failure} />}
      <div class="row">
        <button type="button" class="secondary" onClick={onManual}>
          {t('importPinManual')}
        </button>
      </div>
    </div>
  );
}
