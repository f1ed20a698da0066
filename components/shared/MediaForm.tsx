import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Media } from '@/utils/media';
import type { Failure } from '@/utils/model/records';
import { FailureMessage } from './FailureMessage';

/** Reads a whole number typed by a person; undefined when empty, NaN when not a number. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * Title, year, type, season and episode, as a person types them: for naming a video nothing
 * identified, or fixing a match. Only what is filled in is sent; `failure` is why sending it did not
 * work (the action's, from `useAction`), shown where the form's own message goes.
 */
export function MediaForm({
  idPrefix,
  initial,
  submitLabel,
  onSubmit,
  failure,
}: {
  idPrefix: string;
  initial?: Partial<Media>;
  submitLabel: string;
  onSubmit: (media: Media) => Promise<unknown>;
  failure: Failure | undefined;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [year, setYear] = useState(initial?.year?.toString() ?? '');
  const [type, setType] = useState<'' | 'MOVIE' | 'TV'>(initial?.mediaType ?? '');
  const [season, setSeason] = useState(initial?.season?.toString() ?? '');
  const [episode, setEpisode] = useState(initial?.episode?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;

  async function submit() {
    const numbers = { year: wholeNumber(year), season: wholeNumber(season), episode: wholeNumber(episode) };
    if (!title.trim()) return setError(t('titleRequired'));
    if (Object.values(numbers).some((n) => Number.isNaN(n))) return setError(t('numbersOnly'));
    if (numbers.year !== undefined && (numbers.year < 1870 || numbers.year > 2200)) return setError(t('yearInvalid'));
    const media: Media = { title: title.trim().slice(0, 500) };
    if (numbers.year !== undefined) media.year = numbers.year;
    if (type) media.mediaType = type;
    if (type !== 'MOVIE') {
      if (numbers.season !== undefined) media.season = numbers.season;
      if (numbers.episode !== undefined) media.episode = numbers.episode;
    }
    setError(null);
    setBusy(true);
    try {
      await onSubmit(media);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="media-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for={id('title')}>{t('fieldTitle')}</label>
      <input id={id('title')} value={title} maxLength={500} required onInput={(e) => setTitle(e.currentTarget.value)} />
      <div class="fields">
        <span>
          <label for={id('type')}>{t('fieldType')}</label>
          <select id={id('type')} value={type} onChange={(e) => setType(e.currentTarget.value as '' | 'MOVIE' | 'TV')}>
            <option value="">{t('typeUnknown')}</option>
            <option value="MOVIE">{t('typeMovie')}</option>
            <option value="TV">{t('typeEpisode')}</option>
          </select>
        </span>
        <span>
          <label for={id('year')}>{t('fieldYear')}</label>
          <input id={id('year')} inputMode="numeric" size={4} value={year} onInput={(e) => setYear(e.currentTarget.value)} />
        </span>
        {type !== 'MOVIE' && (
          <>
            <span>
              <label for={id('season')}>{t('fieldSeason')}</label>
              <input
                id={id('season')}
                inputMode="numeric"
                size={3}
                value={season}
                onInput={(e) => setSeason(e.currentTarget.value)}
              />
            </span>
            <span>
              <label for={id('episode')}>{t('fieldEpisode')}</label>
              <input
                id={id('episode')}
                inputMode="numeric"
                size={4}
                value={episode}
                onInput={(e) => setEpisode(e.currentTarget.value)}
              />
            </span>
          </>
        )}
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : (
        failure && <FailureMessage failure={failure} />
      )}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
