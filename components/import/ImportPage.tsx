import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { defaultSourceUrl } from '@/utils/import/addresses';
import type { Failure } from '@/utils/model/records';
import { checkApiUrl, serverPattern } from '@/utils/origins';
import type { ImportView, SourceId } from '@/utils/protocol/import';
import { sendToBackground } from '@/utils/protocol/pages';
import { FailureMessage } from '../FailureMessage';
import { failureText } from '../failure';
import { useAccountStatus } from '../useAccountStatus';
import { useBackground } from '../useBackground';
import { ImportProgress } from './ImportProgress';
import { Report } from './Report';
import { sourceFailureText, sourceLabel } from './words';

/**
 * The import page: choose a service, give its key, Preview (read everything and cross-reference it
 * with ReelRifter), then Import what is missing, with Pause, Resume and Cancel, and the report.
 */
/** While an import reads or sends, the page asks how far it has come this often (which also wakes a stopped worker). */
const FOLLOW_MS = 5_000;

export function ImportPage() {
  const view = useBackground({ type: 'import/view' }, ['import']);
  const [status] = useAccountStatus();
  const job = view.data?.job ?? null;
  const working = job?.phase === 'reading' || job?.phase === 'importing';
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(view.reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [working, view.reload]);
  const connected = status?.connection.state === 'connected';
  return (
    <main>
      <h1>{t('importTitle')}</h1>
      <p class="help">{t('importIntro')}</p>
      {view.error && <FailureMessage failure={view.error} onRetry={view.reload} />}
      {status && !connected && <p class="warning">{t('importNeedsConnection')}</p>}
      {view.data && <SourceForm view={view.data} disabled={!connected} onChange={view.reload} />}
      {job && <JobStatus view={view.data as ImportView} onChange={view.reload} />}
      {job && job.phase !== 'reading' && job.phase !== 'read-failed' && <Report job={job} />}
    </main>
  );
}

const SOURCES: readonly SourceId[] = ['simkl', 'tmdb', 'rewind'];

function SourceForm({ view, disabled, onChange }: { view: ImportView; disabled: boolean; onChange: () => void }) {
  const running = view.job?.phase === 'importing' || view.job?.phase === 'paused';
  const [source, setSource] = useState<SourceId>(view.job?.source ?? 'simkl');
  const [fields, setFields] = useState({ clientId: '', token: '', apiUrl: '', key: '', tmdbToken: '' });
  const [ratedOnly, setRatedOnly] = useState(view.job?.ratedOnly ?? false);
  const [failure, setFailure] = useState<Failure | string>();
  const [busy, setBusy] = useState(false);
  const saved = view.keys[source].saved;
  const set = (name: keyof typeof fields) => (event: { currentTarget: HTMLInputElement }) =>
    setFields({ ...fields, [name]: event.currentTarget.value });

  /** The address whose permission the preview needs: the service's own, or the account's. */
  const address = (): string | undefined => {
    if (source !== 'tmdb') return defaultSourceUrl(source);
    const checked = checkApiUrl(saved ? (view.keys.tmdb.apiUrl ?? '') : fields.apiUrl);
    return checked.ok ? checked.url : undefined;
  };

  async function preview() {
    setFailure(undefined);
    const url = address();
    if (!url) return setFailure({ kind: 'invalid-url' });
    // The browser asks the person only in answer to this click: before anything else is awaited.
    const granted = await browserRequest(url);
    if (!granted) return setFailure({ kind: 'permission' });
    setBusy(true);
    try {
      if (!saved) {
        const key =
          source === 'simkl'
            ? { clientId: fields.clientId, token: fields.token }
            : source === 'tmdb'
              ? { apiUrl: url, token: fields.tmdbToken }
              : { key: fields.key };
        const savedKey = await sendToBackground({ type: 'import/key/save', source, ...key });
        if (!savedKey.ok) return setFailure(savedKey.error);
        setFields({ clientId: '', token: '', apiUrl: '', key: '', tmdbToken: '' });
      }
      const started = await sendToBackground({ type: 'import/preview', source, ratedOnly: source === 'simkl' && ratedOnly });
      if (!started.ok) return setFailure(started.error);
      onChange();
    } catch {
      setFailure({ kind: 'background' });
    } finally {
      setBusy(false);
    }
  }

  async function forget() {
    setFailure(undefined);
    await sendToBackground({ type: 'import/key/forget', source }).catch(() => setFailure({ kind: 'background' }));
    onChange();
  }

  return (
    <form
      class="import-keys"
      onSubmit={(event) => {
        event.preventDefault();
        void preview();
      }}
    >
      <fieldset class="sources">
        <legend>{t('importSource')}</legend>
        {SOURCES.map((id) => (
          <label key={id}>
            <input type="radio" name="source" value={id} checked={source === id} onChange={() => setSource(id)} />{' '}
            {sourceLabel(id)}
          </label>
        ))}
      </fieldset>
      {saved ? (
        <div class="row">
          <p class="help">{t('importKeySaved', sourceLabel(source))}</p>
          <button type="button" class="secondary" onClick={() => void forget()}>
            {t('importForget')}
          </button>
        </div>
      ) : (
        <>
          {source === 'simkl' && (
            <>
              <label>
                {t('importSimklClientId')}
                <input
                  type="text"
                  autocomplete="off"
                  spellcheck={false}
                  value={fields.clientId}
                  onInput={set('clientId')}
                  required
                />
              </label>
              <label>
                {t('importSimklToken')}
                <input type="password" autocomplete="off" value={fields.token} onInput={set('token')} required />
              </label>
            </>
          )}
          {source === 'tmdb' && (
            <>
              <label>
                {t('importTmdbAddress')}
                <input type="url" placeholder="https://" value={fields.apiUrl} onInput={set('apiUrl')} required />
              </label>
              <label>
                {t('importTmdbToken')}
                <input type="password" autocomplete="off" value={fields.tmdbToken} onInput={set('tmdbToken')} required />
              </label>
            </>
          )}
          {source === 'rewind' && (
            <label>
              {t('importRewindKey')}
              <input
                type="password"
                autocomplete="off"
                placeholder="rw_live_…"
                value={fields.key}
                onInput={set('key')}
                required
              />
              <span class="help">{t('importRewindKeyHelp')}</span>
            </label>
          )}
        </>
      )}
      {source === 'simkl' && (
        <label class="switch">
          <input type="checkbox" checked={ratedOnly} onChange={(event) => setRatedOnly(event.currentTarget.checked)} />{' '}
          {t('importRatedOnly')}
        </label>
      )}
      {failure && (typeof failure === 'string' ? <p class="error">{failure}</p> : <FailureMessage failure={failure} />)}
      <div class="row">
        <button type="submit" disabled={disabled || busy || running}>
          {t('importPreview')}
        </button>
      </div>
    </form>
  );
}

/** Asks for the address's permission (granted at once when already held). */
function browserRequest(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [serverPattern(url)] }).catch(() => false);
}

function JobStatus({ view, onChange }: { view: ImportView; onChange: () => void }) {
  const job = view.job;
  const [failure, setFailure] = useState<Failure>();
  if (!job) return null;
  const act = async (type: 'import/retry' | 'import/pause' | 'import/resume' | 'import/cancel') => {
    setFailure(undefined);
    const result = await sendToBackground({ type }).catch(() => ({ ok: false as const, error: { kind: 'background' as const } }));
    if (!result.ok) setFailure(result.error);
    onChange();
  };
  return (
    <section class="import-status" aria-live="polite">
      {job.phase === 'reading' && (
        <>
          <p>{t('importReading', [sourceLabel(job.source), String(job.pagesRead), String(job.itemsRead)])}</p>
          {job.pages ? <progress max={job.pages} value={job.pagesRead} aria-label={t('importReportLabel')} /> : <progress />}
        </>
      )}
      {job.phase === 'read-failed' && job.failure && (
        <>
          <p class="error" role="alert">
            {job.failure.service === 'reelrifter'
              ? t('importReadFailedReelRifter', failureText(job.failure))
              : t('importReadFailed', sourceFailureText(job.failure, job.source))}
          </p>
          <button type="button" onClick={() => void act('import/retry')}>
            {t('importTryAgain')}
          </button>
        </>
      )}
      {(job.phase === 'importing' || job.phase === 'paused') && view.progress && (
        <>
          <ImportProgress source={job.source} progress={view.progress} />
          {job.phase === 'paused' && <p class="warning">{t('importPaused')}</p>}
          <div class="row">
            {job.phase === 'importing' ? (
              <button type="button" class="secondary" onClick={() => void act('import/pause')}>
                {t('importPause')}
              </button>
            ) : (
              <button type="button" onClick={() => void act('import/resume')}>
                {t('importResume')}
              </button>
            )}
            <button type="button" class="danger" onClick={() => void act('import/cancel')}>
              {t('importCancel')}
            </button>
          </div>
        </>
      )}
      {job.phase === 'done' && <p role="status">{t('importDone')}</p>}
      {job.phase === 'cancelled' && <p role="status">{t('importCancelled')}</p>}
      {failure && <FailureMessage failure={failure} />}
    </section>
  );
}
