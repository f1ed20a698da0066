import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { outcomeOf, type ScrobbleEntry } from '@/utils/scrobble/entry';
import { describeMedia } from './describe';

export function RecentScrobbles() {
  const [entries, setEntries] = useState<ScrobbleEntry[] | null>(null);
  useEffect(() => {
    void sendToBackground({ type: 'results/recent', limit: 20 }).then(setEntries, () => setEntries([]));
  }, []);
  if (!entries) return null;
  return (
    <section class="recent">
      <h2>{t('recentScrobbles')}</h2>
      {entries.length === 0 ? (
        <p class="help">{t('noScrobblesYet')}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <ResultRow key={entry.key} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ResultRow({ entry }: { entry: ScrobbleEntry }) {
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
  return (
    <li class={`result ${outcome}`} data-outcome={outcome}>
      <span class="what">
        {entry.action === 'watched' ? t('actionWatched') : t('actionWatching')} {describeMedia(entry.media)}
      </span>
      <span class="detail">{detail}</span>
    </li>
  );
}
