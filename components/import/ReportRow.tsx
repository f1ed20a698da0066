import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '@/components/shared/dates';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { FixControls } from '@/components/shared/FixControls';
import { entryFailureText } from '@/components/shared/failure';
import { t } from '@/utils/i18n';
import { describeMedia } from '@/utils/media';
import type { ItemReading, ReportRow } from '@/utils/model/import';
import { useAction } from '../hooks/useAction';
import type { Job } from './Report';
import { listLabel, matchLabel, percent } from './words';

/**
 * One title of the report: what was read, what ReelRifter has, what Import does with it, and what
 * the person may decide before Import (tick a title that waits, leave one out, pick how an
 * uncertain title reads); once sent, what became of it.
 */
export function Row({ row, job, onChange }: { row: ReportRow; job: Job; onChange: () => void }) {
  const { item } = row;
  const what = describeMedia(
    row.plan.kind === 'scrobble' ? row.plan.media : { title: item.title, ...(item.year ? { year: item.year } : {}) },
  );
  const from = [
    t('importFrom', [t(job.label), listLabel(item.list)]),
    ...(item.rating !== undefined ? [t('importRated', [String(item.rating), String(job.ratingScale)])] : []),
    ...(item.watchedAt ? [t('importWatchedOn', formatDate(item.watchedAt) ?? item.watchedAt)] : []),
    ...(item.episodeTitle && !item.lastEpisode ? [`“${item.episodeTitle}”`] : []),
    ...(item.progress !== undefined ? [percent(item.progress)] : []),
  ].join(' · ');
  const known = row.match.known;
  const matchLine = known
    ? t('importMatched', [
        describeMedia({ title: known.title, ...(known.year ? { year: known.year } : {}), ...(known.episode ?? {}) }),
        matchLabel(row.match.type),
        percent(row.match.confidence),
      ])
    : t('importNoMatch');

  const action = useAction();
  const decide = async (request: Parameters<typeof action.run>[0]) => {
    const answer = await action.run(request);
    onChange();
    return answer;
  };
  const previewed = job.phase === 'previewed';
  const status = row.outcome?.status;
  return (
    <li data-category={row.category} data-outcome={status ?? ''}>
      <span class="what">{what}</span>
      <span class="detail">{from}</span>
      <span class="detail">{matchLine}</span>
      <span class="category">{categoryLine(row, what)}</span>
      {row.optional && previewed && (
        <Switch
          label={t('importTick', what)}
          on={row.ticked === true}
          onChange={(on) => decide({ type: 'import/tick', key: row.key, on })}
        />
      )}
      {row.leaveOutable && previewed && (
        <Switch
          label={t('importKeep', what)}
          on={row.reason !== 'left-out'}
          onChange={(on) => decide({ type: 'import/leave-out', key: row.key, out: !on })}
        />
      )}
      {row.readAs && previewed ? (
        <Readings
          readAs={row.readAs}
          rowKey={row.key}
          {...(row.picked !== undefined ? { picked: row.picked } : {})}
          onPick={(reading) => decide({ type: 'import/pick', key: row.key, reading })}
        />
      ) : null}
      {row.outcome && <span class="outcome">{outcomeLine(row)}</span>}
      {row.outcome && row.plan.kind === 'scrobble' && (
        <FixControls
          entryKey={row.outcome.entryKey}
          status={row.outcome.status}
          what={what}
          media={row.plan.media}
          onResent={onChange}
        />
      )}
      {action.failure && <FailureMessage failure={action.failure} />}
    </li>
  );
}

/**
 * What the person set, shown at once, and what the background last said once it answers: a change
 * it did not make (the request resolves to undefined) goes back to that, not to what was shown when
 * it was asked.
 */
function useShownAtOnce<T>(answered: T): [T, (next: T, asked: Promise<unknown>) => void] {
  const [shown, setShown] = useState(answered);
  useEffect(() => setShown(answered), [answered]);
  const latest = useRef(answered);
  latest.current = answered;
  const change = (next: T, asked: Promise<unknown>) => {
    setShown(next);
    void asked.then((answer) => {
      if (answer === undefined) setShown(latest.current);
    });
  };
  return [shown, change];
}

/** A checkbox that shows the person's change at once, and the background's answer once it comes. */
export function Switch({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => Promise<unknown> }) {
  const [shown, change] = useShownAtOnce(on);
  return (
    <label class="switch">
      <input
        type="checkbox"
        checked={shown}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          change(next, onChange(next));
        }}
      />{' '}
      {label}
    </label>
  );
}

/** The ways an uncertain title reads, the one picked checked. */
function Readings({
  readAs,
  rowKey,
  picked: answered,
  onPick,
}: {
  readAs: ItemReading[];
  rowKey: string;
  /** None until the person picks one. */
  picked?: number;
  /** Resolves to undefined when the background did not take the pick: the one before is shown again. */
  onPick: (reading: number) => Promise<unknown>;
}) {
  const [picked, change] = useShownAtOnce(answered);
  const name = t('importReadAs', readAs[0]?.title ?? '');
  return (
    <div role="radiogroup" aria-label={name} class="readings">
      <span class="detail">{name}</span>
      {readAs.map((reading, i) => (
        <label key={`${reading.mediaType}:${reading.title}`}>
          <input type="radio" name={`reading-${rowKey}`} checked={picked === i} onChange={() => change(i, onPick(i))} />{' '}
          {readingText(reading)}
        </label>
      ))}
    </div>
  );
}

function readingText(reading: ItemReading): string {
  if (reading.mediaType === 'MOVIE') return t('importReadingFilm', reading.title);
  const episode = reading.lastEpisode
    ? describeMedia({ title: '', ...reading.lastEpisode }).trim()
    : (reading.episodeTitle ?? '');
  return t('importReadingShow', [reading.title, episode]);
}

const REASONS = {
  'want-to-watch': 'importReason_want_to_watch',
  'nothing-watched': 'importReason_nothing_watched',
  'no-title': 'importReason_no_title',
  'no-episode-known': 'importReason_no_episode_known',
  'imported-before': 'importReason_imported_before',
  started: 'importReason_started',
  uncertain: 'importReason_uncertain',
  'left-out': 'importReason_left_out',
} as const;

function categoryLine(row: ReportRow, what: string): string {
  if (row.reason) return t(REASONS[row.reason]);
  if (row.category === 'already') return t('importCategory_already');
  if (row.category === 'to-import' && row.plan.kind === 'scrobble') {
    return t('importCategory_toImport', `${row.plan.action === 'watched' ? t('actionWatched') : t('actionWatching')} ${what}`);
  }
  return '';
}

function outcomeLine(row: ReportRow): string {
  const outcome = row.outcome;
  if (!outcome) return '';
  switch (outcome.status) {
    case 'matched':
      return t('outcomeMatched', outcome.match ? describeMedia(outcome.match) : '');
    case 'unmatched':
      return t('outcomeUnmatched');
    case 'waiting':
      return t('importWaiting', entryFailureText(outcome));
    case 'failed':
      return t('outcomeFailed', entryFailureText(outcome));
    default:
      return t('outcomeSending');
  }
}
