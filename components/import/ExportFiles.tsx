import { useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { DateQuestion, FileParse, ProfileCount } from '@/utils/import/files/items';
import type { FileProblem } from '@/utils/import/files/read';
import { FILE_PART, type SourceView } from '@/utils/model/import';
import { useAction } from '../hooks/useAction';

type Answers = { dateOrder?: 'dmy' | 'mdy'; profile?: string };
type Asked = Extract<FileParse, { kind: 'ask' }>;

/**
 * A service's export files, read here in the page (drag and drop or the file picker; CSV or ZIP,
 * several at once), never uploaded. What the files cannot settle is asked once (the date order, with
 * two rows read both ways; which profile); then their items go to the background a part at a time,
 * and the preview is the same as every source's. The readers load only when files are read.
 */
export function ExportFiles({ source, disabled, onChange }: { source: SourceView; disabled: boolean; onChange: () => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [answers, setAnswers] = useState<Answers>({});
  const [asked, setAsked] = useState<Asked>();
  const [problem, setProblem] = useState<string>();
  const [reading, setReading] = useState(false);
  const action = useAction();

  function choose(chosen: FileList | null | undefined) {
    setFiles(chosen ? [...chosen] : []);
    setAnswers({});
    setAsked(undefined);
    setProblem(undefined);
  }

  async function preview() {
    setProblem(undefined);
    if (files.length === 0) return setProblem(t('importNoFiles'));
    setReading(true);
    try {
      const [{ readExport, itemToSend, notesOf }, given] = await Promise.all([
        import('@/utils/import/files/parse'),
        Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }))),
      ]);
      const read = readExport(source.id, given, { now: new Date(), ...answers });
      if (read.kind === 'problem') return setProblem(problemText(read.problem));
      if (read.kind === 'none') return setProblem(noneText(source, read.found));
      if (read.kind === 'unreadable-dates') return setProblem(t('importFilesUnreadableDates', [read.path, read.column]));
      if (read.kind === 'ask') return setAsked(read);
      setAsked(undefined);
      if (read.items.length === 0 && read.unnamed.length === 0) return setProblem(t('importFilesEmpty'));
      const started = await action.run({
        type: 'import/files/start',
        source: source.id,
        notes: notesOf(read, files.length, answers.profile),
      });
      if (!started) return;
      const items = read.items.map(itemToSend);
      for (let at = 0; at === 0 || at < items.length; at += FILE_PART) {
        const last = at + FILE_PART >= items.length;
        const sent = await action.run({
          type: 'import/files/part',
          job: started.job,
          items: items.slice(at, at + FILE_PART),
          last,
        });
        if (!sent) return;
      }
      onChange();
    } finally {
      setReading(false);
    }
  }

  return (
    <div class="export-files">
      {source.hint && <p class="help">{t(source.hint)}</p>}
      <label>
        {t('importExportFile')}
        <input
          type="file"
          multiple
          accept=".csv,.zip,text/csv,application/zip"
          aria-describedby="export-file-help"
          onChange={(event) => choose(event.currentTarget.files)}
        />
      </label>
      <p class="help" id="export-file-help">
        {t('importExportFileHelp')}
      </p>
      {/* Dropping is a second way to give what the file field takes (which the keyboard reaches). */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the file field above is the accessible way */}
      <div
        class="drop"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          choose(event.dataTransfer?.files);
        }}
      >
        {files.length > 0 ? t('importFilesChosen', files.map((file) => file.name).join(', ')) : t('importDropFiles')}
      </div>
      {asked?.profiles && (
        <ProfileChoice
          profiles={asked.profiles}
          value={answers.profile}
          onChange={(profile) => setAnswers({ ...answers, profile })}
        />
      )}
      {asked?.dateOrder && (
        <DateOrder
          question={asked.dateOrder}
          value={answers.dateOrder}
          onChange={(dateOrder) => setAnswers({ ...answers, dateOrder })}
        />
      )}
      {reading && <p class="help">{t('importFilesReading')}</p>}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {action.failure && <FailureMessage failure={action.failure} />}
      <div class="row">
        <button type="button" disabled={disabled || reading || action.busy} onClick={() => void preview()}>
          {t('importPreview')}
        </button>
      </div>
    </div>
  );
}

function ProfileChoice({
  profiles,
  value,
  onChange,
}: {
  profiles: ProfileCount[];
  value: string | undefined;
  onChange: (profile: string) => void;
}) {
  return (
    <>
      <label>
        {t('importProfile')}
        <select value={value ?? ''} aria-describedby="profile-help" onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="" disabled>
            …
          </option>
          {profiles.map((profile) => (
            <option key={profile.name} value={profile.name}>
              {t('importProfileViewings', [profile.name, String(profile.viewings)])}
            </option>
          ))}
        </select>
      </label>
      <p class="help" id="profile-help">
        {t('importProfileHelp')}
      </p>
    </>
  );
}

function DateOrder({
  question,
  value,
  onChange,
}: {
  question: DateQuestion;
  value: 'dmy' | 'mdy' | undefined;
  onChange: (order: 'dmy' | 'mdy') => void;
}) {
  return (
    <div role="radiogroup" aria-labelledby="date-order" class="date-order">
      <p id="date-order">{t('importDateOrder')}</p>
      <p class="help">{t('importDateOrderHelp', question.path)}</p>
      <ul class="help">
        {question.examples.slice(0, 2).map((example) => (
          <li key={example.value}>
            {t('importDateExample', [example.value, shownDate(example.dayFirst), shownDate(example.monthFirst)])}
          </li>
        ))}
      </ul>
      {(['dmy', 'mdy'] as const).map((order) => (
        <label key={order}>
          <input type="radio" name="date-order" checked={value === order} onChange={() => onChange(order)} />{' '}
          {t(order === 'dmy' ? 'importDayFirst' : 'importMonthFirst')}
        </label>
      ))}
    </div>
  );
}

/** A day (YYYY-MM-DD) as the person's language writes it, the month in words so it cannot be misread. */
function shownDate(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(navigator.language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const PROBLEMS = {
  'not-csv-or-zip': 'importFile_not_csv_or_zip',
  'not-utf8': 'importFile_not_utf8',
  empty: 'importFile_empty',
  'malformed-csv': 'importFile_malformed_csv',
  'zip-unreadable': 'importFile_zip_unreadable',
  'zip-encrypted': 'importFile_zip_encrypted',
  'zip-no-export': 'importFile_zip_no_export',
  'too-big': 'importFile_too_big',
  'too-many-rows': 'importFile_too_many_rows',
} as const;

function problemText(problem: FileProblem): string {
  const where = problem.path && problem.path !== problem.file ? `${problem.file} (${problem.path})` : problem.file;
  const limit = problem.kind === 'too-big' ? String(Math.round((problem.limit ?? 0) / 1024 / 1024)) : String(problem.limit ?? '');
  return t(PROBLEMS[problem.kind], [where, problem.kind === 'malformed-csv' ? String(problem.row ?? '') : limit]);
}

/** Whose export a file is, by the kind it was recognised as. */
const EXPORTS = [
  ['netflix-', 'importSourceNetflixFile'],
  ['letterboxd-', 'importSourceLetterboxd'],
  ['imdb-', 'importSourceImdb'],
  ['tvtime-', 'importSourceTvTime'],
] as const;

function noneText(source: SourceView, found: readonly string[]): string {
  const none = t('importFilesNone', t(source.label));
  const services = [
    ...new Set(found.flatMap((kind) => EXPORTS.filter(([prefix]) => kind.startsWith(prefix)).map(([, label]) => t(label)))),
  ];
  return services.length > 0 ? `${none} ${t('importFilesFound', services.join(', '))}` : none;
}
