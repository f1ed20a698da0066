import { useEffect } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { describeMedia } from '@/utils/media';
import type { LogSummary, ScrobbleEntry } from '@/utils/model/records';
import { statusOf } from '@/utils/model/records';
import { useBackground } from '../hooks/useBackground';
import { FailureMessage } from '../shared/FailureMessage';
import { FixControls } from '../shared/FixControls';
import { entryFailureText } from '../shared/failure';

/** Viewings shown in the popup's log. */
const SHOWN = 20;

/** The log as viewings, newest first, each by its latest scrobble; it follows the background while open. */
export function RecentScrobbles() {
  const recent = useBackground({ type: 'results/recent', limit: SHOWN }, ['log']);
  const summary = useBackground({ type: 'results/summary' }, ['log']);
  const entries = recent.data;
  const reload = () => {
    recent.reload();
    summary.reload();
  };
  useEffect(() => {
    // For bench/popup.ts: the moment the log is on screen.
    if (entries) performance.mark('reelrifter:log-rendered');
  }, [entries !== undefined]);
  if (!entries) return recent.error ? <FailureMessage failure={recent.error} onRetry={reload} /> : null;
  return (
    <section class="recent">
      <h2>{t('recentScrobbles')}</h2>
      {summary.data && summary.data.sent + summary.data.failed > 0 && <Summary summary={summary.data} />}
      {entries.length === 0 ? (
        <p class="help">{t('noScrobblesYet')}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <ResultRow key={entry.key} entry={entry} onResent={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Summary({ summary }: { summary: LogSummary }) {
  const rate = summary.sent > 0 ? summary.matched / summary.sent : 0;
  const percent = new Intl.NumberFormat(navigator.language, { style: 'percent' }).format(rate);
  return (
    <p class="summary" data-testid="match-summary">
      {t('summaryLine', [String(summary.sent), String(summary.matched), percent, String(summary.unmatched)])}
      {summary.failed > 0 && ` · ${t('summaryFailed', String(summary.failed))}`}
    </p>
  );
}

function ResultRow({ entry, onResent }: { entry: ScrobbleEntry; onResent: () => void }) {
  const outcome = statusOf(entry);
  let detail: string;
  switch (outcome) {
    case 'matched':
      detail = t('outcomeMatched', entry.match ? describeMedia(entry.match) : describeMedia(entry.media));
      break;
    case 'unmatched':
      detail = t('outcomeUnmatched');
      break;
    case 'waiting':
      detail = t('outcomeWaiting', [entryFailureText(entry), new Date(entry.nextAttemptAt).toLocaleTimeString()]);
      break;
    case 'failed':
      detail = t('outcomeFailed', entryFailureText(entry));
      break;
    default:
      detail = t('outcomeSending');
  }
  const what = `${entry.action === 'watched' ? t('actionWatched') : t('actionWatching')} ${describeMedia(entry.media)}`;
  return (
    <li class={`result ${outcome}`} data-outcome={outcome}>
      <span class="what">{what}</span>
      <span class="detail">{detail}</span>
      <FixControls entryKey={entry.key} status={outcome} what={what} media={entry.media} onResent={onResent} />
    </li>
  );
}
