import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { type Media, outcomeOf, type ScrobbleEntry } from '@/utils/scrobble/entry';
import type { ResultsSummary } from '@/utils/scrobble/outbox';
import { describeMedia } from './describe';
import { MediaForm } from './MediaForm';

const SHOWN = 20;

export function RecentScrobbles() {
  const [entries, setEntries] = useState<ScrobbleEntry[] | null>(null);
  const [summary, setSummary] = useState<ResultsSummary | null>(null);
  const load = () => {
    void sendToBackground({ type: 'results/recent', limit: SHOWN }).then(setEntries, () => setEntries([]));
    void sendToBackground({ type: 'results/summary' }).then(setSummary, () => setSummary(null));
  };
  useEffect(load, []);
  useEffect(() => {
    // For bench/popup.ts: the moment the log is on screen.
    if (entries) performance.mark('reelrifter:log-rendered');
  }, [entries !== null]);
  if (!entries) return null;
  return (
    <section class="recent">
      <h2>{t('recentScrobbles')}</h2>
      {summary && summary.sent + summary.failed > 0 && <Summary summary={summary} />}
      {entries.length === 0 ? (
        <p class="help">{t('noScrobblesYet')}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <ResultRow key={entry.key} entry={entry} onResent={load} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Summary({ summary }: { summary: ResultsSummary }) {
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
  const [fixing, setFixing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = outcomeOf(entry);
  let detail: string;
  switch (outcome) {
    case 'matched':
      detail = t('outcomeMatched', entry.match ? describeMedia(entry.match) : describeMedia(entry.media));
      break;
    case 'unmatched':
      detail = t('outcomeUnmatched');
      break;
    case 'waiting':
      detail = t('outcomeWaiting', [entry.error ?? '', new Date(entry.nextAttemptAt).toLocaleTimeString()]);
      break;
    case 'failed':
      detail = t('outcomeFailed', entry.error ?? '');
      break;
    default:
      detail = t('outcomeSending');
  }
  const what = `${entry.action === 'watched' ? t('actionWatched') : t('actionWatching')} ${describeMedia(entry.media)}`;

  async function resend(media?: Media): Promise<string | null> {
    const outcome = await sendToBackground(
      media ? { type: 'results/fix', key: entry.key, media } : { type: 'results/retry', key: entry.key },
    );
    if (!outcome.ok) return outcome.error.message;
    setFixing(false);
    onResent();
    return null;
  }

  return (
    <li class={`result ${outcome}`} data-outcome={outcome}>
      <span class="what">{what}</span>
      <span class="detail">{detail}</span>
      {(outcome === 'unmatched' || outcome === 'failed') && (
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
          {outcome === 'failed' && (
            <button
              type="button"
              class="secondary"
              onClick={() => void resend().then(setError)}
              aria-label={t('retryNamed', what)}
            >
              {t('retry')}
            </button>
          )}
        </span>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {fixing && <MediaForm idPrefix={`fix-${entry.key}`} initial={entry.media} submitLabel={t('fixSubmit')} onSubmit={resend} />}
    </li>
  );
}
