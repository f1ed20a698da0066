import { useEffect, useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { FixControls } from '@/components/shared/FixControls';
import { entryFailureText } from '@/components/shared/failure';
import { LOG_RENDERED_MARK, LOG_SHOWN_MARK, showLive } from '@/components/shared/lastView';
import { t } from '@/utils/i18n';
import { blockCovers, describeMedia, kindOf } from '@/utils/media';
import type { LogSummary, ScrobbleEntry } from '@/utils/model/records';
import { statusOf } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/** Viewings shown in the popup's log. */
const SHOWN = 20;

/** The log as viewings, newest first, each by its latest scrobble; it follows the background while open. */
export function RecentScrobbles() {
  const recent = useBackground({ type: 'results/recent', limit: SHOWN }, ['log']);
  const blocked = useBackground({ type: 'blocked/list' }, ['settings']);
  const summary = useBackground({ type: 'results/summary' }, ['log']);
  const entries = recent.data;
  const reload = () => {
    recent.reload();
    summary.reload();
  };
  useEffect(() => {
    if (!entries) return;
    // For bench/popup.ts: the moment the live log is on screen, and whether the last view came first.
    performance.mark(LOG_RENDERED_MARK);
    if (performance.getEntriesByName(LOG_SHOWN_MARK).length === 0) performance.mark(LOG_SHOWN_MARK, { detail: 'live' });
    showLive();
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
            <ResultRow
              key={entry.key}
              entry={entry}
              onResent={reload}
              blocked={(blocked.data ?? []).some((item) => blockCovers(item, entry.site, entry.media))}
            />
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

function ResultRow({ entry, onResent, blocked }: { entry: ScrobbleEntry; onResent: () => void; blocked: boolean }) {
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
      detail =
        entry.waitReason === 'ask'
          ? t('outcomeAsking')
          : t('outcomeWaiting', [entryFailureText(entry), new Date(entry.nextAttemptAt).toLocaleTimeString()]);
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
      {/* An import's rows came from another service, not a site: there is nothing there to stop logging. */}
      {entry.importId === undefined &&
        (blocked ? <span class="detail">{t('blockedFromNow')}</span> : <NeverButton entryKey={entry.key} media={entry.media} />)}
    </li>
  );
}

/** "Never log this show" (or film) from a row: the background blocks what that scrobble named. */
function NeverButton({ entryKey, media }: { entryKey: string; media: ScrobbleEntry['media'] }) {
  const action = useAction();
  const [done, setDone] = useState(false);
  const show = kindOf(media) === 'show';
  if (done) return <span class="detail">{t('blockedFromNow')}</span>;
  return (
    <>
      <button
        type="button"
        class="secondary"
        onClick={() => void action.run({ type: 'blocked/add-logged', entryKey }).then((answer) => setDone(answer !== undefined))}
      >
        {t(show ? 'neverShow' : 'neverFilm')}
      </button>
      {action.failure && <FailureMessage failure={action.failure} />}
    </>
  );
}
