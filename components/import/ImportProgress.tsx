import { t } from '@/utils/i18n';
import type { ImportView, SourceId } from '@/utils/model/import';
import { sourceLabel } from './words';

/** How far an import has come: a bar, sent of all, and about how long the rest takes. */
export function ImportProgress({ source, progress }: { source: SourceId; progress: NonNullable<ImportView['progress']> }) {
  const label = t('importProgress', [
    sourceLabel(source),
    String(progress.sent),
    String(progress.total),
    String(progress.minutesLeft),
  ]);
  return (
    <div class="import-progress">
      <p>{label}</p>
      <progress max={progress.total} value={progress.sent} aria-label={label} />
    </div>
  );
}
