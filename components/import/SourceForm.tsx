import { useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { ImportView, SourceId, SourceView } from '@/utils/model/import';
import type { Failure } from '@/utils/model/records';
import { checkApiUrl } from '@/utils/origins';
import { useAction } from '../hooks/useAction';
import { ExportFiles } from './ExportFiles';
import { PinConnect } from './PinConnect';
import { requestPermission } from './permission';
import { SiteProfiles } from './SiteProfiles';

/**
 * Choose a service and connect it (its PIN, or the fields it declares), then Preview: read all of it
 * and cross-reference it with ReelRifter. Everything shown comes from the source's declaration.
 */
export function SourceForm({ view, disabled, onChange }: { view: ImportView; disabled: boolean; onChange: () => void }) {
  const running = view.job?.phase === 'importing' || view.job?.phase === 'paused';
  const [chosen, setChosen] = useState<SourceId>(view.job?.source ?? view.sources[0]?.id ?? '');
  const source = view.sources.find((s) => s.id === chosen) ?? (view.sources[0] as SourceView);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [manual, setManual] = useState(false);
  const [ratedOnly, setRatedOnly] = useState(view.job?.ratedOnly ?? false);
  const [asked, setAsked] = useState<Failure>();
  const [profile, setProfile] = useState<string>();
  const action = useAction();
  // A site is read with the browser's own sign-in: there is no key to give.
  const saved = source.kind === 'site' || (view.keys[source.id]?.saved ?? false);
  const pin = source.pin;

  /** The address whose permission the preview needs: the service's own, or the one the person gave. */
  const address = (): string | undefined => {
    if (source.address.kind === 'fixed') return source.address.url;
    if (source.address.kind === 'none') return undefined;
    const checked = checkApiUrl(saved ? (view.keys[source.id]?.shown?.apiUrl ?? '') : (fields.apiUrl ?? ''));
    return checked.ok ? checked.url : undefined;
  };

  async function preview() {
    setAsked(undefined);
    const url = address();
    if (!url) return setAsked({ kind: 'invalid-url' });
    // The browser asks the person only in answer to this click: before anything else is awaited.
    if (!(await requestPermission(url))) return setAsked({ kind: 'permission' });
    if (!saved) {
      const kept = await action.run({ type: 'import/key/save', source: source.id, fields: { ...fields, apiUrl: url } });
      if (!kept) return;
      setFields({});
    }
    const started = await action.run({
      type: 'import/preview',
      source: source.id,
      ratedOnly: Boolean(source.ratedOnly) && ratedOnly,
      ...(source.kind === 'site' && profile ? { profile } : {}),
    });
    if (started) onChange();
  }

  async function forget() {
    setAsked(undefined);
    await action.run({ type: 'import/key/forget', source: source.id });
    onChange();
  }

  const failure = asked ?? action.failure;
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
        {view.sources.map(({ id, label }) => (
          <label key={id}>
            <input
              type="radio"
              name="source"
              value={id}
              checked={source.id === id}
              onChange={() => {
                setChosen(id);
                setManual(false);
                setAsked(undefined);
                action.clear();
              }}
            />{' '}
            {t(label)}
          </label>
        ))}
      </fieldset>
      {source.kind === 'files' ? (
        <ExportFiles key={source.id} source={source} disabled={disabled || running} onChange={onChange} />
      ) : source.kind === 'site' ? (
        <SiteProfiles key={source.id} source={source} profile={profile} onProfile={setProfile} />
      ) : saved ? (
        <div class="row">
          <p class="help">{t('importKeySaved', t(source.label))}</p>
          <button type="button" class="secondary" onClick={() => void forget()}>
            {t('importForget')}
          </button>
        </div>
      ) : pin && !manual ? (
        <PinConnect source={source} disabled={disabled} onConnected={onChange} onManual={() => setManual(true)} />
      ) : (
        source.fields.map((field) => (
          <label key={field.name}>
            {t(field.label)}
            <input
              type={field.type}
              autocomplete="off"
              spellcheck={false}
              placeholder={field.placeholder}
              value={fields[field.name] ?? ''}
              onInput={(event) => setFields({ ...fields, [field.name]: event.currentTarget.value })}
              aria-describedby={field.help ? `help-${source.id}-${field.name}` : undefined}
              required
            />
            {field.help && (
              <span class="help" id={`help-${source.id}-${field.name}`}>
                {t(field.help)}
              </span>
            )}
          </label>
        ))
      )}
      {source.ratedOnly && (
        <label class="switch">
          <input type="checkbox" checked={ratedOnly} onChange={(event) => setRatedOnly(event.currentTarget.checked)} />{' '}
          {t(source.ratedOnly)}
        </label>
      )}
      {failure && <FailureMessage failure={failure} />}
      {source.kind !== 'files' && (saved || !pin || manual) && (
        <div class="row">
          <button type="submit" disabled={disabled || action.busy || running}>
            {t('importPreview')}
          </button>
        </div>
      )}
    </form>
  );
}
