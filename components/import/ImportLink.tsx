import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { useBackground } from '../hooks/useBackground';
import { ImportProgress } from './ImportProgress';

/** The way to the import page, and while an import sends, how far it has come. */
export function ImportLink({ withProgress = false }: { withProgress?: boolean }) {
  const view = useBackground(withProgress ? { type: 'import/view' } : null, ['import']);
  const job = view.data?.job;
  const progress = view.data?.progress;
  return (
    <div class="import-link">
      {withProgress && job && progress && (job.phase === 'importing' || job.phase === 'paused') && (
        <ImportProgress job={job} progress={progress} />
      )}
      <a href={browser.runtime.getURL('/import.html')} target="_blank" rel="noreferrer">
        {t('importLink')}
      </a>
    </div>
  );
}
