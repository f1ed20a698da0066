import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { SiteProfilesView } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/**
 * "Profiles logged": each site's profiles seen play, one checkbox each named after the profile. A
 * kids' profile is off until the person ticks it; unticking one logs nothing it watches from then on.
 */
export function ProfilesPanel() {
  const list = useBackground({ type: 'profiles/list' }, ['settings']);
  const action = useAction();
  if (list.error) return <FailureMessage failure={list.error} onRetry={list.reload} />;
  if (!list.data) return null;
  const set = async (site: string, name: string, on: boolean) => {
    // Shown at once where the person put it; as saved (or as before) once answered.
    list.set(switched(list.data ?? [], site, name, on));
    await action.run({ type: 'profiles/set', site, name, on });
    list.reload();
  };
  return (
    <section class="profiles" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">{t('profilesTitle')}</h2>
      <p class="help">{t('profilesHelp')}</p>
      {list.data.length === 0 && <p class="help">{t('profilesNone')}</p>}
      {list.data.map((site) => (
        <fieldset key={site.site}>
          <legend>{site.siteLabel}</legend>
          {site.profiles.map((profile) => (
            <div key={profile.name} class="row">
              <label class="switch">
                <input
                  type="checkbox"
                  checked={profile.on}
                  onChange={(event) => void set(site.site, profile.name, event.currentTarget.checked)}
                />{' '}
                {profile.name}
              </label>
              {profile.kids && <span class="help">{t('profileKids')}</span>}
            </div>
          ))}
        </fieldset>
      ))}
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}

function switched(list: SiteProfilesView[], site: string, name: string, on: boolean): SiteProfilesView[] {
  return list.map((s) => (s.site === site ? { ...s, profiles: s.profiles.map((p) => (p.name === name ? { ...p, on } : p)) } : s));
}
