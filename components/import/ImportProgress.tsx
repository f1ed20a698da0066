import { t } from '@/utils/i18n';
import type { ImportView } from '@/utils/model/import';

/** How far an import has come: a bar, sent of all, and about how long the rest takes. */
export function ImportProgress({
  job,
  progress,
}: {
  job: Pick<NonNullable<ImportView['job']>, 'label'>;
  progress: NonNullable<ImportView['progress']>;
}) {
  const label = t('importProgress', [t(job.label), String(progress.sent), String(progress.total), String(progress.minutesLeft)]);
  return (
    <div class="import-progress">
      <p>{label}</p>
      <progress max={progress.total} value={progress.sent} aria-label={label} />
    </div>
  );
}
