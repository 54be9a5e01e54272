import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldError, type ProgramImportReport } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, ErrorState, Field } from '../../ui/index.tsx';
import { importYearFile, keys } from './data.ts';
import { usePathLabel } from './fields.ts';

type State =
  | { step: 'choose' }
  | { step: 'checking' }
  | { step: 'preview'; report: ProgramImportReport }
  | { step: 'refused'; error: unknown }
  | { step: 'importing'; report: ProgramImportReport }
  | { step: 'done'; report: ProgramImportReport };

/**
 * A year's data from an XLSX or JSON file: first a dry run that lists what would go in or every
 * field error, then the import, which replaces the year's programme data in one transaction.
 */
export function YearImport({ year }: { year: number }) {
  const { t, n } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [state, setState] = useState<State>({ step: 'choose' });
  const [inputKey, setInputKey] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  async function check(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileErrors([t('programs.import.chooseFirst')]);
      input.current?.focus();
      return;
    }
    if (!/\.(xlsx|json)$/i.test(file.name)) {
      setFileErrors([t('programs.import.wrongType')]);
      input.current?.focus();
      return;
    }
    setFileErrors([]);
    setState({ step: 'checking' });
    try {
      const report = await importYearFile(year, file, true);
      setState(report.errors.length ? { step: 'refused', error: new ApiError(400, 'validation', { ko: '', en: '' }, report.errors) } : { step: 'preview', report });
    } catch (err) {
      setState({ step: 'refused', error: err });
    }
    setTimeout(() => result.current?.focus(), 0);
  }

  async function commit() {
    if (!file || state.step !== 'preview') return;
    setState({ step: 'importing', report: state.report });
    try {
      const report = await importYearFile(year, file, false);
      setState({ step: 'done', report });
      void qc.invalidateQueries({ queryKey: keys.all });
    } catch (err) {
      setState({ step: 'refused', error: err });
    }
    setTimeout(() => result.current?.focus(), 0);
  }

  function restart() {
    setFile(null);
    setState({ step: 'choose' });
    setInputKey((k) => k + 1);
    setTimeout(() => input.current?.focus(), 0);
  }

  const counts = (r: ProgramImportReport) => t('programs.import.counts', { programs: n(r.programs), kpis: n(r.kpis), lines: n(r.lines) });
  return (
    <section className="programs-section" aria-labelledby="import-year">
      <h2 id="import-year" tabIndex={-1}>
        {t('programs.import.title')}
      </h2>
      <p className="programs-muted">{t('programs.import.lead', { year: String(year) })}</p>
      <form className="form-narrow" onSubmit={(e) => void check(e)} noValidate>
        <Field label={t('programs.import.file')} hint={t('programs.import.fileHint')} errors={fileErrors} required>
          {({ id, describedBy, invalid }) => (
            <input
              key={inputKey}
              ref={input}
              id={id}
              type="file"
              className="input staff-file"
              accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileErrors([]);
                setState({ step: 'choose' });
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="btn secondary" disabled={state.step === 'checking' || state.step === 'importing'}>
            {state.step === 'checking' ? t('programs.import.checking') : t('programs.import.check')}
          </button>
        </div>
      </form>
      <div ref={result} tabIndex={-1} className="programs-import-result" aria-live="polite">
        {state.step === 'checking' ? <p className="state">{t('programs.import.checking')}</p> : null}
        {state.step === 'preview' ? (
          <>
            <Alert>
              <p>
                <strong>{t('programs.import.ready', { file: file?.name ?? '' })}</strong>
              </p>
              <p>{counts(state.report)}</p>
              <p>{t('programs.import.replaces', { year: String(year) })}</p>
            </Alert>
            <div className="actions">
              <button type="button" className="btn primary" onClick={() => void commit()}>
                {t('programs.import.commit')}
              </button>
              <button type="button" className="btn secondary" onClick={restart}>
                {t('programs.import.another')}
              </button>
            </div>
          </>
        ) : null}
        {state.step === 'importing' ? <p className="state">{t('programs.import.importing')}</p> : null}
        {state.step === 'done' ? (
          <Alert kind="success" live>
            <p>
              <strong>{t('programs.import.done')}</strong>
            </p>
            <p>{counts(state.report)}</p>
          </Alert>
        ) : null}
        {state.step === 'refused' ? <Refused error={state.error} onRestart={restart} /> : null}
      </div>
    </section>
  );
}

function Refused({ error, onRestart }: { error: unknown; onRestart: () => void }) {
  const { t } = useI18n();
  const errors = error instanceof ApiError ? error.errors : [];
  return (
    <>
      {errors.length ? (
        <Alert kind="danger">
          <p>
            <strong>{t('programs.import.hasErrors', { count: errors.length })}</strong>
          </p>
          <p>{t('programs.import.nothingChanged')}</p>
        </Alert>
      ) : (
        <ErrorState error={error} />
      )}
      {errors.length ? <ErrorTable errors={errors} /> : null}
      <div className="actions">
        <button type="button" className="btn secondary" onClick={onRestart}>
          {t('programs.import.another')}
        </button>
      </div>
    </>
  );
}

function ErrorTable({ errors }: { errors: FieldError[] }) {
  const { t, l, n } = useI18n();
  const label = usePathLabel();
  return (
    <div className="table-wrap">
      <table className="programs-import-errors">
        <caption>{t('programs.import.errorsCaption', { count: errors.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programs.import.where')}</th>
            <th scope="col">{t('programs.import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.path}-${i}`} className="row-error">
              <th scope="row">
                {e.row !== undefined ? `${t('programs.import.row', { row: n(e.row) })} · ` : ''}
                {label(e.path)}
                <code className="programs-path">{e.path}</code>
              </th>
              <td>{l(e.messages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
