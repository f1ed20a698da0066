import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatDate } from '@/components/shared/dates';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { SiteHealthView, SitesView } from '@/utils/model/records';
import { checkServerUrl } from '@/utils/origins';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';
import { useSettings } from '../hooks/useSettings';

/** Per-site on/off, and the self-hosted servers (Plex, Jellyfin) the user adds or removes. */
export function SitesPanel() {
  const { data: view, error, reload, set: setView } = useBackground({ type: 'sites/view' }, ['sites']);
  const switching = useAction();
  // While "Ask before logging" is on for every site, each site's own question is asked anyway.
  const everySiteAsks = useSettings().data?.askFirst === true;
  if (!view) return error ? <FailureMessage failure={error} onRetry={reload} /> : <p class="help">{t('loading')}</p>;
  /** A site's switch or its question: shown at once where the person put it; the saved view (or the one before) once answered. */
  const change = (id: string, change: { on: boolean } | { ask: boolean }) => {
    setView({ ...view, sites: view.sites.map((s) => (s.id === id ? { ...s, ...change } : s)) });
    const request =
      'on' in change
        ? ({ type: 'sites/switch', site: id, on: change.on } as const)
        : ({ type: 'sites/ask', site: id, on: change.ask } as const);
    void switching.run(request).then((saved) => setView(saved ?? view));
  };

  return (
    <>
      <fieldset class="sites">
        <legend>{t('sitesLegend')}</legend>
        <p class="help">{t('sitesHelp')}</p>
        <p class="help">{t('siteStateHelp')}</p>
        {everySiteAsks && <p class="help">{t('askFirstEverySite')}</p>}
        <ul class="site-list" aria-label={t('sitesLegend')}>
          {view.sites.map((site) => (
            <li key={site.id} data-site={site.id} data-state={site.health.state}>
              <label class="switch">
                <input
                  type="checkbox"
                  name={`site-${site.id}`}
                  checked={site.on}
                  onChange={(event) => change(site.id, { on: event.currentTarget.checked })}
                />{' '}
                {site.label}
              </label>
              <label class="ask">
                <input
                  type="checkbox"
                  checked={site.ask || everySiteAsks}
                  disabled={everySiteAsks}
                  onChange={(event) => change(site.id, { ask: event.currentTarget.checked })}
                />{' '}
                {t('askFirstSite', site.label)}
              </label>
              <SiteHealth site={site} />
            </li>
          ))}
        </ul>
        {switching.failure && <FailureMessage failure={switching.failure} />}
      </fieldset>
      <h2>{t('serversHeading')}</h2>
      <p class="help">{t('serversHelp')}</p>
      <ServerList view={view} onChange={setView} />
      <AddServerForm sites={view.sites.filter((s) => s.selfHosted)} onChange={setView} />
    </>
  );
}

function stateText({ state, since }: SiteHealthView): string {
  const day = formatDate(since) ?? '';
  if (state === 'working') return t('siteStateWorking');
  if (state === 'fallback') return t('siteStateFallback', day);
  return state === 'unidentified' ? t('siteStateUnidentified', day) : t('siteStateUnused');
}

/** A site's state from its last viewings, and once it has been used, a diagnostic to copy into a bug report. */
function SiteHealth({ site }: { site: SitesView['sites'][number] }) {
  const [report, setReport] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const reporting = useAction();
  const open = async () => {
    setCopied(null);
    const answer = await reporting.run({ type: 'sites/report', site: site.id });
    setReport(answer?.text || null);
  };
  const copy = async () => {
    const done = await navigator.clipboard.writeText(report ?? '').then(
      () => true,
      () => false,
    );
    setCopied(done ? 'yes' : 'no');
  };
  return (
    <>
      <span class={`site-state ${site.health.state}`}>{stateText(site.health)}</span>
      {site.health.state !== 'unused' && (
        <button type="button" class="link" aria-label={t('reportProblemNamed', site.label)} onClick={() => void open()}>
          {t('reportProblem')}
        </button>
      )}
      {reporting.failure && <FailureMessage failure={reporting.failure} />}
      {report && (
        <div class="site-report">
          <label for={`report-${site.id}`}>{t('reportLabel', site.label)}</label>
          <p class="help">{t('reportHelp')}</p>
          <textarea id={`report-${site.id}`} readOnly rows={8} value={report} />
          <div class="row">
            <button type="button" onClick={() => void copy()}>
              {t('reportCopy')}
            </button>
            <button type="button" class="secondary" onClick={() => setReport(null)}>
              {t('reportClose')}
            </button>
          </div>
          {copied && (
            <p class={copied === 'yes' ? 'help' : 'error'} role="status">
              {copied === 'yes' ? t('reportCopied') : t('reportCopyFailed')}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** What a site the person chose logs without asking; anything else there is asked first. */
export function TrustedFor({ titles }: { titles: string[] }) {
  return <span class="help trusted">{titles.length ? t('chosenTrustedFor', titles.join(', ')) : t('chosenTrustedNone')}</span>;
}

function ServerList({ view, onChange }: { view: SitesView; onChange: (view: SitesView) => void }) {
  const removing = useAction();
  if (view.servers.length === 0) return <p class="help">{t('noServers')}</p>;
  const label = (id: string) => view.sites.find((s) => s.id === id)?.label ?? id;
  return (
    <>
      <ul class="servers" aria-label={t('serversHeading')}>
        {view.servers.map((server) => (
          <li key={`${server.site} ${server.origin}`}>
            <span>
              {label(server.site)}: <code>{server.origin}</code>
              {view.trusted[server.origin] && <TrustedFor titles={view.trusted[server.origin] ?? []} />}
            </span>
            <button
              type="button"
              class="secondary"
              aria-label={t('removeServerNamed', [server.origin])}
              onClick={() =>
                void removing
                  .run({ type: 'servers/remove', site: server.site, origin: server.origin })
                  .then((removed) => removed && onChange(removed))
              }
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      {removing.failure && <FailureMessage failure={removing.failure} />}
    </>
  );
}

function AddServerForm({ sites, onChange }: { sites: SitesView['sites']; onChange: (view: SitesView) => void }) {
  const [site, setSite] = useState(sites[0]?.id ?? '');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const adding = useAction();
  // The server asked for, to name it when the browser or the background refused it.
  const [origin, setOrigin] = useState('');

  async function add() {
    setError(null);
    adding.clear();
    const checked = checkServerUrl(address);
    if (!checked.ok) return setError(t('serverAddressInvalid'));
    setOrigin(checked.origin);
    // The browser shows its permission prompt only in answer to this click, so ask before anything else.
    const granted = await browser.permissions.request({ origins: [checked.pattern] }).catch(() => false);
    if (!granted) return setError(t('serverPermissionDenied', [checked.origin]));
    const outcome = await adding.run({ type: 'servers/add', site, address });
    if (!outcome) return;
    setAddress('');
    onChange(outcome.view);
  }

  return (
    <form
      class="add-server"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <label for="server-site">{t('serverApp')}</label>
      <select id="server-site" value={site} onChange={(event) => setSite(event.currentTarget.value)}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <label for="server-address">{t('serverAddress')}</label>
      <input
        id="server-address"
        type="text"
        inputMode="url"
        placeholder="http://192.168.1.20:32400"
        value={address}
        aria-describedby="server-address-help"
        onInput={(event) => setAddress(event.currentTarget.value)}
        required
      />
      <p id="server-address-help" class="help">
        {t('serverAddressHelp')}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {adding.failure && (
        <FailureMessage
          failure={adding.failure}
          words={{ permission: t('serverPermissionDenied', [origin]), 'invalid-url': t('serverAddressInvalid') }}
        />
      )}
      <div class="row">
        <button type="submit">{t('addServer')}</button>
      </div>
    </form>
  );
}
