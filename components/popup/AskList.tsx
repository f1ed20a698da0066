import { formatDate } from '@/components/shared/dates';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { describeMedia } from '@/utils/media';
import type { AskView } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/**
 * "Ask before logging": every viewing that waits for the person's answer, with Log it and Don't log.
 * The list is the outbox's own (it outlives the tab and the browser), so what nobody answered stays
 * here until someone does.
 */
export function AskList() {
  const asks = useBackground({ type: 'asks/list' }, ['playback', 'log']);
  if (!asks.data?.length) return asks.error ? <FailureMessage failure={asks.error} onRetry={asks.reload} /> : null;
  return (
    <section class="asks" aria-labelledby="asks-heading">
      <h2 id="asks-heading">{t('asksHeading')}</h2>
      <ul>
        {asks.data.map((ask) => (
          <AskRow key={ask.viewingId} ask={ask} onAnswered={asks.reload} />
        ))}
      </ul>
    </section>
  );
}

function AskRow({ ask, onAnswered }: { ask: AskView; onAnswered: () => void }) {
  const answering = useAction();
  const answer = async (answer: 'log' | 'skip') => {
    await answering.run({ type: 'asks/answer', viewingKey: ask.viewingKey, viewingId: ask.viewingId, answer });
    onAnswered();
  };
  const what = describeMedia(ask.media);
  return (
    <li class="ask" aria-label={what}>
      <span class="what">{what}</span>
      <span class="detail">{t('askOnSite', [ask.siteLabel, formatDate(ask.since, 'time') ?? ''])}</span>
      <div class="row">
        <button type="button" onClick={() => void answer('log')}>
          {t('askLog')}
        </button>
        <button type="button" class="secondary" onClick={() => void answer('skip')}>
          {t('askSkip')}
        </button>
      </div>
      {answering.failure && <FailureMessage failure={answering.failure} />}
    </li>
  );
}
