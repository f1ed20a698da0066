import { useRef, useState } from 'preact/hooks';
import { formatDate } from '@/components/shared/dates';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { describeMedia } from '@/utils/media';
import type { Failure } from '@/utils/model/records';
import type { WatchlistItem } from '@/utils/reelrifter/schemas';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';

/** What was last logged on the ReelRifter account (GET /history). */
export function HistoryList() {
  const history = useBackground({ type: 'account/history' }, ['account']);
  const failure = history.error ?? (history.data?.ok === false ? history.data.error : undefined);
  if (failure) return <ListError error={failure} onRetry={history.reload} />;
  const items = history.data?.ok ? history.data.data.items : undefined;
  if (!items) return <p class="help">{t('loading')}</p>;
  if (items.length === 0) return <p class="help">{t('historyEmpty')}</p>;
  return (
    <ul class="account-list" aria-label={t('tabHistory')}>
      {items.map((item, i) => (
        <li key={item.id ?? i}>
          <span class="title">
            {describeMedia({
              title: item.title,
              year: item.year ?? undefined,
              season: item.season ?? undefined,
              episode: item.episode ?? undefined,
            })}
          </span>
          {formatDate(item.watchedAt, 'time') && <span class="detail">{formatDate(item.watchedAt, 'time')}</span>}
        </li>
      ))}
    </ul>
  );
}

const STATUSES = ['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD'] as const;
type Status = (typeof STATUSES)[number];
const statusLabel = (status: Status) => t(`status_${status}`);

/** The ReelRifter watchlist (GET /watchlist), filtered by status and type, a page at a time. */
export function WatchlistList() {
  const [status, setStatus] = useState<Status | ''>('');
  const [mediaType, setMediaType] = useState<'TV' | 'MOVIE' | ''>('');
  const filters = { ...(status ? { status } : {}), ...(mediaType ? { mediaType } : {}) };
  const filtersKey = JSON.stringify(filters);
  // The first page follows the filters; an answer for filters already changed is dropped.
  const first = useBackground({ type: 'account/watchlist', ...filters }, ['account']);
  // Pages loaded with "Load more", for the filters they were loaded under.
  const [more, setMore] = useState<{ filters: string; items: WatchlistItem[]; cursor: string | null }>();
  const loading = useAction();
  const moreFailure = loading.failure;
  const shownFilters = useRef(filtersKey);
  shownFilters.current = filtersKey;

  const firstPage = first.data?.ok ? first.data.data : undefined;
  const extra = more?.filters === filtersKey ? more : undefined;
  const items = firstPage ? [...firstPage.items, ...(extra?.items ?? [])] : null;
  const cursor = extra ? extra.cursor : (firstPage?.nextCursor ?? null);
  const failure = first.error ?? (first.data?.ok === false ? first.data.error : undefined) ?? moreFailure;

  async function loadMore() {
    if (!cursor) return;
    const asked = filtersKey;
    const page = await loading.run({ type: 'account/watchlist', ...filters, cursor });
    // The filters changed meanwhile: what came back, a page or a failure, was for the old ones.
    if (shownFilters.current !== asked) return loading.clear();
    if (!page) return;
    setMore({ filters: asked, items: [...(extra?.items ?? []), ...page.data.items], cursor: page.data.nextCursor ?? null });
  }

  return (
    <>
      <div class="filters">
        <label>
          {t('filterStatus')}{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t('filterAll')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterType')}{' '}
          <select value={mediaType} onChange={(e) => setMediaType(e.currentTarget.value as 'TV' | 'MOVIE' | '')}>
            <option value="">{t('filterAll')}</option>
            <option value="MOVIE">{t('typeMovie')}</option>
            <option value="TV">{t('typeShow')}</option>
          </select>
        </label>
      </div>
      {failure && <ListError error={failure} onRetry={() => (moreFailure ? void loadMore() : first.reload())} />}
      {!items && !failure && <p class="help">{t('loading')}</p>}
      {items && items.length === 0 && <p class="help">{t('watchlistEmpty')}</p>}
      {items && items.length > 0 && (
        <ul class="account-list" aria-label={t('tabWatchlist')}>
          {items.map((item, i) => (
            <li key={item.id ?? i}>
              <span class="title">{describeMedia({ title: item.title, year: item.year ?? undefined })}</span>
              <span class="detail">
                {item.status ? statusLabel(item.status) : ''}
                {item.currentSeason != null && item.currentEpisode != null && ` · S${item.currentSeason}E${item.currentEpisode}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items && cursor && (
        <button type="button" class="secondary" disabled={loading.busy} onClick={() => void loadMore()}>
          {loading.busy ? t('loading') : t('loadMore')}
        </button>
      )}
    </>
  );
}

function ListError({ error, onRetry }: { error: Failure; onRetry: () => void }) {
  return <FailureMessage failure={error} onRetry={onRetry} lead={(text) => t('listError', text)} />;
}
