import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { BlockedView } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/** What the person said never to log ("Never log this show" in the popup), per site, each with Remove. */
export function BlockedPanel() {
  const list = useBackground({ type: 'blocked/list' }, ['settings']);
  const action = useAction();
  if (list.error) return <FailureMessage failure={list.error} onRetry={list.reload} />;
  if (!list.data) return null;
  const remove = async ({ site, kind, title, year, channelId }: BlockedView) => {
    const which = { ...(year !== undefined ? { year } : {}), ...(channelId ? { channelId } : {}) };
    await action.run({ type: 'blocked/remove', item: { site, kind, title, ...which } });
    list.reload();
  };
  return (
    <section class="blocked" aria-labelledby="blocked-heading">
      <h2 id="blocked-heading">{t('blockedTitle')}</h2>
      <p class="help">{t('blockedHelp')}</p>
      {list.data.length === 0 ? (
        <p class="help">{t('blockedNone')}</p>
      ) : (
        <ul aria-labelledby="blocked-heading">
          {list.data.map((item) => {
            const name = item.year ? `${item.title} (${item.year})` : item.title;
            return (
              <li key={`${item.site}|${item.kind}|${item.channelId ?? item.title}|${item.year ?? ''}`} class="row">
                <span>{t(`blockedRow_${item.kind}`, [name, item.siteLabel])}</span>
                <button type="button" class="secondary" onClick={() => void remove(item)}>
                  {t('blockedRemove', name)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}
