import { useEffect, useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { ProfileView, SourceView } from '@/utils/model/import';
import { useAction } from '../hooks/useAction';
import { sourceFailureText } from './words';

/**
 * A site read with the browser's own sign-in (Netflix's viewing activity): what is read and that
 * nothing leaves but the scrobbles, the profile to read (the signed-in one unless it is a kids'
 * profile; a kids' profile only when chosen), or, signed out, why and where to sign in.
 */
export function SiteProfiles({
  source,
  profile,
  onProfile,
}: {
  source: SourceView;
  profile: string | undefined;
  onProfile: (profile: string | undefined) => void;
}) {
  const [profiles, setProfiles] = useState<ProfileView[]>();
  const action = useAction();
  useEffect(() => {
    void action.run({ type: 'import/profiles', source: source.id }).then((answer) => {
      if (!answer) return;
      setProfiles(answer.profiles);
      const current = answer.profiles.find((p) => p.current && !p.kids) ?? answer.profiles.find((p) => !p.kids);
      onProfile(current?.id);
    });
  }, [source.id]);

  const failure = action.failure;
  return (
    <div class="site-source">
      {source.hint && <p class="help">{t(source.hint)}</p>}
      {!profiles && !failure && <p class="help">{t('importProfilesLoading')}</p>}
      {profiles && profiles.length > 0 && (
        <label>
          {t('importProfile')}
          <select value={profile ?? ''} onChange={(event) => onProfile(event.currentTarget.value || undefined)}>
            {!profile && (
              <option value="" disabled>
                …
              </option>
            )}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.kids ? t('importProfileKids', p.name) : p.current ? t('importProfileCurrent', p.name) : p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {failure && failure.kind === 'signed-out' ? <SignedOut source={source} /> : failure && <FailureMessage failure={failure} />}
    </div>
  );
}

/** Signed out: why, and a link to the site's sign-in. */
export function SignedOut({ source }: { source: Pick<SourceView, 'label' | 'siteName' | 'signIn'> }) {
  const name = source.siteName ?? t(source.label);
  return (
    <p class="error" role="alert">
      {sourceFailureText({ kind: 'signed-out' }, name)}{' '}
      {source.signIn && (
        <a href={source.signIn} target="_blank" rel="noopener noreferrer">
          {t('importSignIn', name)}
        </a>
      )}
    </p>
  );
}
