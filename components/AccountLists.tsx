import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { type ErrorView, sendToBackground } from '@/utils/messages';
import type { HistoryItem, WatchlistItem } from '@/utils/reelrifter/schemas';
import { describeMedia } from './describe';

let formatter: Intl.DateTimeFormat | undefined;
// One formatter for every row: building one is far slower than formatting with it.
const dateFormat = () => {
  formatter ??= new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return formatter;
};

function formatDate(text: string | null | undefined): string | null {
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? dateFormat().format(date) : null;
}

/** What was last logged on the ReelRifter account (GET /history). */
export function HistoryList() {
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const load = () => {
    setError(null);
    setItems(null);
    void sendToBackground({ type: 'account/history' }).then((outcome) =>
      outcome.ok ? setItems(outcome.data.items) : setError(outcome.error),
    );
  };
  useEffect(load, []);
  if (error) return <ListError error={error} onRetry={load} />;
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
          {formatDate(item.watchedAt) && <span class="detail">{formatDate(item.watchedAt)}</span>}
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
  const [items, setItems] = useState<WatchlistItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);

  async function load(more: boolean) {
    setError(null);
    if (more) setLoadingMore(true);
    else setItems(null);
    const outcome = await sendToBackground({
      type: 'account/watchlist',
      ...(status ? { status } : {}),
      ...(mediaType ? { mediaType } : {}),
      ...(more && cursor ? { cursor } : {}),
    });
    setLoadingMore(false);
    if (!outcome.ok) return setError(outcome.error);
    setItems((before) => [...(more && before ? before : []), ...outcome.data.items]);
    setCursor(outcome.data.nextCursor ?? null);
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a filter changes
  useEffect(() => {
    void load(false);
  }, [status, mediaType]);

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
      {error && <ListError error={error} onRetry={() => void load(items !== null)} />}
      {!items && !error && <p class="help">{t('loading')}</p>}
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
        <button type="button" class="secondary" disabled={loadingMore} onClick={() => void load(true)}>
          {loadingMore ? t('loading') : t('loadMore')}
        </button>
      )}
    </>
  );
}

function ListError({ error, onRetry }: { error: ErrorView; onRetry: () => void }) {
  return (
    <div role="alert" class="list-error">
      <p class="error">{t('listError', error.message)}</p>
      <button type="button" class="secondary" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
