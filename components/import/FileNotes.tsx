import { t } from '@/utils/i18n';
import type { FileNotes } from '@/utils/model/import';

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
export function FileNotesLine({ notes }: { notes: FileNotes }) {
  const skipped = Object.entries(notes.skipped).flatMap(([reason, count]) =>
    reason in SKIPS && count > 0 ? [t(SKIPS[reason as keyof typeof SKIPS], String(count))] : [],
  );
  return (
    <div class="file-notes">
      {!notes.finishedKnown && <p class="warning">{t('importFinishedUnknown')}</p>}
      {skipped.length > 0 && <p class="help">{t('importSkipped', skipped.join(', '))}</p>}
      {notes.unnamed > 0 && <p class="help">{t('importUnnamed', String(notes.unnamed))}</p>}
    </div>
  );
}
