import { t } from '@/utils/i18n';
import type { FileNotes, ImportView } from '@/utils/model/import';

const SKIPS = {
  supplemental: 'importSkip_supplemental',
  autoplayed: 'importSkip_autoplayed',
  hidden: 'importSkip_hidden',
  'no-title': 'importSkip_no_title',
  'unreadable-date': 'importSkip_unreadable_date',
  'future-date': 'importSkip_future_date',
  'not-film-or-show': 'importSkip_not_film_or_show',
  'no-episode-number': 'importSkip_no_episode_number',
} as const;

/** What export files said beside their items: whether they tell finished from started, what they left out. */
export function FileNotesLine({ notes, settled }: { notes: FileNotes; settled?: NonNullable<ImportView['job']>['settled'] }) {
  const skipped = Object.entries(notes.skipped).flatMap(([reason, count]) =>
    reason in SKIPS && count > 0 ? [t(SKIPS[reason as keyof typeof SKIPS], String(count))] : [],
  );
  return (
    <div class="file-notes">
      {settled && <Settled settled={settled} />}
      {/* Against the site's runtimes, a file's bookmarks tell finished from started; nothing else does. */}
      {!notes.finishedKnown && !(notes.bookmarks && settled?.state === 'read') && (
        <p class="warning">{t('importFinishedUnknown')}</p>
      )}
      {skipped.length > 0 && <p class="help">{t('importSkipped', skipped.join(', '))}</p>}
      {notes.unnamed.length > 0 && (
        <>
          <p class="help" id="unnamed-shows">
            {t('importUnnamed', String(notes.unnamed.length))}
          </p>
          <ul class="help" aria-labelledby="unnamed-shows">
            {notes.unnamed.map((show) => (
              <li key={show.tvdbShow}>
                {t('importUnnamedRow', [
                  String(show.tvdbShow),
                  String(show.episodes),
                  String(show.lastEpisode.season),
                  String(show.lastEpisode.episode),
                ])}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Whether the site that settles these files (Netflix, for its files) was read, and where to sign in when not. */
function Settled({ settled }: { settled: NonNullable<NonNullable<ImportView['job']>['settled']> }) {
  const site = settled.siteName;
  if (settled.state === 'read') return <p class="help">{t('importSettledRead', site)}</p>;
  if (settled.state === 'failed') return <p class="help">{t('importSettledFailed', site)}</p>;
  return (
    <p class="help">
      {t('importSettledSignedOut', site)}{' '}
      {settled.signIn && (
        <a href={settled.signIn} target="_blank" rel="noopener noreferrer">
          {t('importSignIn', site)}
        </a>
      )}
    </p>
  );
}
