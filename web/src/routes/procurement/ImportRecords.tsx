import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, ErrorState, Field } from '../../ui/index.tsx';
import { keys, type ImportLineError, type ImportResult } from './data.ts';
import { importRecordsFile, ImportRefused, type Progress } from './importStream.ts';
import { TableWrap, useMoney } from './parts.tsx';

type Step =
  | { step: 'choose' }
  | { step: 'checking'; progress: Progress | null }
  | { step: 'preview'; result: ImportResult }
  | { step: 'importing'; result: ImportResult; progress: Progress | null }
  | { step: 'done'; result: ImportResult }
  | { step: 'refused'; error: unknown; during: 'check' | 'import' }
  | { step: 'cancelled' };

const MAX_SHOWN = 100;

/**
 * 구매실적 가져오기: a CSV or XLSX of purchase records → a dry run that reads the whole file and
 * changes nothing (progress bar fed by the server's progress lines) → its summary (rows, amount,
 * years, matched and unmatched suppliers, new institutions, every error by line and field) → the
 * import itself with the progress bar again → the result. Cancel stops either run; the server rolls
 * back, so nothing is left half done.
 */
export function ImportRecords() {
  const { t } = useI18n();
  const session = useSession();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const [state, setState] = useState<Step>({ step: 'choose' });
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => abort.current?.abort(), []);
  // Each new step starts at its heading, for keyboard and screen reader users.
  useEffect(() => {
    if (state.step === 'preview' || state.step === 'done' || state.step === 'refused' || state.step === 'cancelled') heading.current?.focus();
  }, [state.step]);

  async function run(dryRun: boolean, previous?: ImportResult) {
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setState(dryRun ? { step: 'checking', progress: null } : { step: 'importing', result: previous!, progress: null });
    try {
      const result = await importRecordsFile(file, {
        dryRun,
        csrfToken: session.data?.csrfToken,
        signal: controller.signal,
        onProgress: (progress) => setState((s) => (s.step === 'checking' || s.step === 'importing' ? { ...s, progress } : s)),
      });
      if (controller.signal.aborted) return;
      if (dryRun) {
        setState(result.errors.length ? { step: 'refused', error: new ImportRefused(400, 'validation', { ko: '', en: '' }, result.errors, Math.max(0, result.errorCount - result.errors.length)), during: 'check' } : { step: 'preview', result });
      } else {
        setState({ step: 'done', result });
        void qc.invalidateQueries({ queryKey: keys.all });
      }
    } catch (err) {
      if ((err as Error).name === 'AbortError') {
        setState({ step: 'cancelled' });
        return;
      }
      setState({ step: 'refused', error: err, during: dryRun ? 'check' : 'import' });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }

  function check(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileErrors([t('procurement.import.chooseFirst')]);
      input.current?.focus();
      return;
    }
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setFileErrors([t('procurement.import.wrongType')]);
      input.current?.focus();
      return;
    }
    setFileErrors([]);
    void run(true);
  }

  function cancel() {
    abort.current?.abort();
  }

  function restart() {
    setFile(null);
    setState({ step: 'choose' });
    setInputKey((k) => k + 1);
    setTimeout(() => input.current?.focus(), 0);
  }

  const running = state.step === 'checking' || state.step === 'importing';
  return (
    <section className="procurement-section" aria-labelledby="records-import">
      <h2 id="records-import">{t('procurement.import.title')}</h2>
      <p className="procurement-muted">{t('procurement.import.lead')}</p>
      <details className="procurement-columns">
        <summary>{t('procurement.import.columnsTitle')}</summary>
        <p>{t('procurement.import.columns')}</p>
        <p>{t('procurement.import.columnsOptional')}</p>
      </details>
      <form className="form-narrow" onSubmit={check} noValidate>
        <Field label={t('procurement.import.file')} hint={t('procurement.import.fileHint')} errors={fileErrors} required>
          {({ id, describedBy, invalid }) => (
            <input
              key={inputKey}
              ref={input}
              id={id}
              type="file"
              className="input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              disabled={running}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileErrors([]);
                setState({ step: 'choose' });
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="btn primary" disabled={running}>
            {t('procurement.import.check')}
          </button>
        </div>
      </form>

      {running ? (
        <div className="procurement-running">
          <ProgressBar progress={state.progress} label={t(state.step === 'checking' ? 'procurement.import.checking' : 'procurement.import.importing')} size={file?.size ?? 0} />
          <div className="actions">
            <button type="button" className="btn secondary" onClick={cancel}>
              {t('procurement.import.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'preview' ? (
        <div className="procurement-step">
          <h3 tabIndex={-1} ref={heading}>
            {t('procurement.import.previewTitle', { file: file?.name ?? '' })}
          </h3>
          <ImportSummary result={state.result} />
          <p>{t('procurement.import.previewNote')}</p>
          <div className="actions">
            <button type="button" className="btn primary" onClick={() => void run(false, state.result)}>
              {t('procurement.import.commit', { rows: state.result.rows })}
            </button>
            <button type="button" className="btn secondary" onClick={restart}>
              {t('procurement.import.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'done' ? (
        <div className="procurement-step">
          <h3 tabIndex={-1} ref={heading}>
            {t('procurement.import.doneTitle')}
          </h3>
          <ProgressBar progress={{ rows: state.result.rows, bytes: 1, totalBytes: 1 }} label={t('procurement.import.finished')} size={file?.size ?? 0} />
          <Alert kind="success" live>
            <p>
              <strong>{t('procurement.import.done', { rows: state.result.rows })}</strong>
            </p>
          </Alert>
          <ImportSummary result={state.result} />
          <div className="actions">
            <Link className="btn secondary" to={`/procurement${state.result.years[0] ? `?year=${Math.max(...state.result.years)}` : ''}`}>
              {t('procurement.import.toDashboard')}
            </Link>
            <Link className="btn secondary" to="/staff/procurement/imports">
              {t('procurement.import.toHistory')}
            </Link>
            <button type="button" className="btn secondary" onClick={restart}>
              {t('procurement.import.another')}
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'cancelled' ? (
        <div className="procurement-step">
          <h3 tabIndex={-1} ref={heading}>
            {t('procurement.import.cancelledTitle')}
          </h3>
          <Alert kind="warning" live>
            <p>{t('procurement.import.cancelled')}</p>
          </Alert>
          <div className="actions">
            <button type="button" className="btn secondary" onClick={restart}>
              {t('procurement.import.another')}
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'refused' ? (
        <div className="procurement-step">
          <h3 tabIndex={-1} ref={heading}>
            {t('procurement.import.refusedTitle')}
          </h3>
          <Refused error={state.error} during={state.during} />
          <div className="actions">
            <button type="button" className="btn secondary" onClick={restart}>
              {t('procurement.import.another')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** The progress of a run: bytes of the file read so far (the server's count), and rows. */
function ProgressBar({ progress, label, size }: { progress: Progress | null; label: string; size: number }) {
  const { t, n } = useI18n();
  const id = useId();
  const total = progress?.totalBytes || size;
  const percent = progress && total ? Math.min(100, Math.round((progress.bytes / total) * 100)) : 0;
  const text = !progress
    ? t('procurement.import.starting')
    : progress.phase === 'finishing'
      ? t('procurement.import.finishing', { rows: n(progress.rows) })
      : t('procurement.import.progressText', { rows: n(progress.rows), percent });
  return (
    <div className="procurement-progress">
      <label htmlFor={id}>{label}</label>
      {progress ? <progress id={id} className="progress" max={100} value={percent} aria-valuetext={text} /> : <progress id={id} className="progress" aria-valuetext={text} />}
      <p className="procurement-progress-text" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}

export function ImportSummary({ result }: { result: ImportResult }) {
  const { t, n } = useI18n();
  const m = useMoney();
  const unmatchedRows = result.unmatched.reduce((s, u) => s + u.rows, 0);
  return (
    <>
      <dl className="procurement-summary">
        <div>
          <dt>{t('procurement.import.sumRows')}</dt>
          <dd data-summary="rows">{n(result.rows)}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumAmount')}</dt>
          <dd data-summary="amount">{m.won(result.amount)}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumYears')}</dt>
          <dd data-summary="years">{result.years.length ? [...result.years].sort().join(', ') : m.none}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumMatched')}</dt>
          <dd data-summary="matched">{t('procurement.import.matchedRows', { matched: n(result.matchedRows), rows: n(result.rows) })}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumUnmatched')}</dt>
          <dd data-summary="unmatched">{t('procurement.import.unmatchedCount', { suppliers: n(result.unmatchedCount), rows: n(unmatchedRows) })}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumNewInstitutions')}</dt>
          <dd data-summary="new-institutions">{n(result.newInstitutions.length)}</dd>
        </div>
        <div>
          <dt>{t('procurement.import.sumSeo')}</dt>
          <dd data-summary="seo">{t('procurement.import.seoLine', { rows: n(result.seoRows), amount: m.won(result.seoAmount) })}</dd>
        </div>
      </dl>
      {result.unmatched.length ? (
        <TableWrap label={t('procurement.import.unmatchedCaption', { count: result.unmatchedCount })}>
          <table className="procurement-table procurement-unmatched">
            <caption>{t('procurement.import.unmatchedCaption', { count: result.unmatchedCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.records.supplier')}</th>
                <th scope="col">{t('procurement.import.regNo')}</th>
                <th scope="col" className="num">
                  {t('procurement.col.records')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.col.amount')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.import.firstLine')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.unmatched.slice(0, MAX_SHOWN).map((u) => (
                <tr key={`${u.name}-${u.businessRegNo ?? ''}`}>
                  <th scope="row">{u.name}</th>
                  <td>{u.businessRegNo ?? m.none}</td>
                  <td className="num">{n(u.rows)}</td>
                  <td className="num">{m.won(u.amount)}</td>
                  <td className="num">{n(u.firstLine)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.unmatchedCount > Math.min(MAX_SHOWN, result.unmatched.length) ? (
            <p className="procurement-muted">{t('procurement.import.moreUnmatched', { count: result.unmatchedCount - Math.min(MAX_SHOWN, result.unmatched.length) })}</p>
          ) : null}
        </TableWrap>
      ) : null}
      {result.newInstitutions.length ? (
        <div className="procurement-new-institutions">
          <h4>{t('procurement.import.newInstitutions')}</h4>
          <ul>
            {result.newInstitutions.map((i) => (
              <li key={i.id ?? i.name}>{i.name}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function Refused({ error, during }: { error: unknown; during: 'check' | 'import' }) {
  const { t } = useI18n();
  const lines = error instanceof ImportRefused ? error.lines : [];
  const more = error instanceof ImportRefused ? error.moreLines : 0;
  if (!lines.length) {
    return (
      <>
        {error instanceof ApiError && error.type === 'incomplete' ? null : <p>{t('procurement.import.nothingChanged')}</p>}
        <ErrorState error={error} />
      </>
    );
  }
  return (
    <>
      <Alert kind="danger">
        <p>
          <strong>{t('procurement.import.hasErrors', { count: lines.length + more })}</strong>
        </p>
        <p>{t(during === 'check' ? 'procurement.import.nothingChanged' : 'procurement.import.rolledBack')}</p>
      </Alert>
      <LineErrors lines={lines} more={more} />
    </>
  );
}

function LineErrors({ lines, more }: { lines: ImportLineError[]; more: number }) {
  const { t, l, n } = useI18n();
  return (
    <TableWrap label={t('procurement.import.errorsCaption', { count: lines.length + more })}>
      <table className="procurement-table procurement-errors">
        <caption>{t('procurement.import.errorsCaption', { count: lines.length + more })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procurement.import.line')}</th>
            <th scope="col">{t('procurement.import.field')}</th>
            <th scope="col">{t('procurement.import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((e, i) => (
            <tr key={`${e.line}-${e.field}-${i}`} className="row-error" data-line={e.line} data-field={e.field}>
              <th scope="row">{e.line ? t('procurement.import.lineN', { line: n(e.line) }) : t('procurement.import.wholeFile')}</th>
              <td>
                <code>{e.field || t('procurement.none')}</code>
              </td>
              <td>{l(e.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? <p className="procurement-muted">{t('procurement.import.moreErrors', { count: more })}</p> : null}
    </TableWrap>
  );
}
