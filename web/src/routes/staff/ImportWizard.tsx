import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSession } from '../../session.ts';
import { Alert, ErrorState, Field, PageHeader } from '../../ui/index.tsx';
import { IMPORT_COLUMNS, templateHref } from './columns.ts';
import type { ImportReport } from './data.ts';
import { fieldLabel } from './fields.ts';
import { importWithProgress } from './importStream.ts';

type Step = 'choose' | 'preview' | 'import';

/** /staff/import: choose a file, see what it would do, then import it with a progress bar. */
export function ImportWizard() {
  const { t } = useI18n();
  const session = useSession();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const [checking, setChecking] = useState(false);
  const [checkProgress, setCheckProgress] = useState<{ rows: number; total: number } | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<{ rows: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);
  // Each new step starts at its heading, for keyboard and screen reader users.
  useEffect(() => {
    if (step !== 'choose') stepHeading.current?.focus();
  }, [step]);

  function restart() {
    abort.current?.abort();
    setStep('choose');
    setFile(null);
    setPreview(null);
    setPreviewError(null);
    setProgress(null);
    setResult(null);
    setImportError(null);
    setInputKey((k) => k + 1);
    setTimeout(() => fileInput.current?.focus(), 0);
  }

  async function submitFile(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileErrors([t('staff.import.chooseFirst')]);
      fileInput.current?.focus();
      return;
    }
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setFileErrors([t('staff.import.wrongType')]);
      fileInput.current?.focus();
      return;
    }
    setFileErrors([]);
    setPreviewError(null);
    setChecking(true);
    setCheckProgress(null);
    abort.current = new AbortController();
    try {
      const report = await importWithProgress(file, {
        dryRun: true,
        csrfToken: session.data?.csrfToken,
        onProgress: (rows, total) => setCheckProgress({ rows, total }),
        signal: abort.current.signal,
      });
      setPreview(report);
      setStep('preview');
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setPreviewError(err);
    } finally {
      setChecking(false);
    }
  }

  async function commit() {
    if (!file) return;
    setStep('import');
    setProgress(null);
    setImportError(null);
    abort.current = new AbortController();
    try {
      const report = await importWithProgress(file, {
        dryRun: false,
        csrfToken: session.data?.csrfToken,
        onProgress: (rows, total) => setProgress({ rows, total }),
        signal: abort.current.signal,
      });
      setProgress({ rows: report.rows, total: report.rows });
      setResult(report);
      void qc.invalidateQueries();
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setImportError(err);
    }
  }

  const steps = [t('staff.import.step1'), t('staff.import.step2'), t('staff.import.step3')];
  const current = step === 'choose' ? 0 : step === 'preview' ? 1 : 2;
  return (
    <>
      <PageHeader title={t('staff.import.title')} lead={t('staff.import.lead')} />
      <ol className="staff-steps" aria-label={t('staff.import.stepsLabel')}>
        {steps.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : undefined}>
            <span className="staff-step-no" aria-hidden="true">
              {i + 1}
            </span>
            {s}
            {i < current ? <span className="visually-hidden"> ({t('staff.import.stepDone')})</span> : null}
          </li>
        ))}
      </ol>

      {step === 'choose' ? (
        <section className="staff-section" aria-labelledby="import-choose">
          <h2 id="import-choose">{t('staff.import.chooseTitle')}</h2>
          <form className="form-narrow" onSubmit={(e) => void submitFile(e)} noValidate>
            <Field label={t('staff.import.fileLabel')} hint={t('staff.import.fileHint')} errors={fileErrors} required>
              {({ id, describedBy, invalid }) => (
                <input
                  key={inputKey}
                  ref={fileInput}
                  id={id}
                  type="file"
                  className="input staff-file"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  required
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setFileErrors([]);
                    setPreviewError(null);
                  }}
                />
              )}
            </Field>
            <div className="actions">
              <button type="submit" className="btn primary" disabled={checking}>
                {checking ? t('staff.import.checking') : t('staff.import.previewButton')}
              </button>
            </div>
          </form>
          <div role="status" className="staff-status">
            {checking ? <p className="state">{t('staff.import.checkingLong')}</p> : null}
          </div>
          {checking && checkProgress && checkProgress.total > 2000 ? <Progress progress={checkProgress} finished={false} label={t('staff.import.checkProgress')} /> : null}
          {previewError ? <ProblemDetails error={previewError} /> : null}
          <Columns />
        </section>
      ) : null}

      {step === 'preview' && preview ? (
        <section className="staff-section" aria-labelledby="import-preview">
          <h2 id="import-preview" tabIndex={-1} ref={stepHeading}>
            {t('staff.import.previewTitle', { file: file?.name ?? '' })}
          </h2>
          <Summary report={preview} />
          {preview.errors.length ? (
            <>
              <Alert kind="danger">
                <p>
                  <strong>{t('staff.import.hasErrors', { count: new Set(preview.errors.map((e) => e.row ?? 0)).size })}</strong>
                </p>
                <p>{t('staff.import.nothingUntilFixed')}</p>
              </Alert>
              <ErrorTable errors={preview.errors} />
            </>
          ) : preview.created === 0 ? (
            <Alert kind="warning">
              <p>{t('staff.import.nothingNew')}</p>
            </Alert>
          ) : (
            <Alert>
              <p>{t('staff.import.ready', { count: preview.created })}</p>
            </Alert>
          )}
          <DuplicateTable report={preview} />
          <div className="actions">
            {!preview.errors.length && preview.created > 0 ? (
              <button type="button" className="btn primary" onClick={() => void commit()}>
                {t('staff.import.commit', { count: preview.created })}
              </button>
            ) : null}
            <button type="button" className={`btn ${preview.errors.length ? 'primary' : 'secondary'}`} onClick={restart}>
              {t('staff.import.another')}
            </button>
          </div>
        </section>
      ) : null}

      {step === 'import' ? (
        <section className="staff-section" aria-labelledby="import-run">
          <h2 id="import-run" tabIndex={-1} ref={stepHeading}>
            {t('staff.import.runTitle', { file: file?.name ?? '' })}
          </h2>
          <Progress progress={progress} finished={Boolean(result)} />
          <div role="status" className="staff-status">
            {result ? (
              <Alert kind="success">
                <p>
                  <strong>{t('staff.import.created', { count: result.created })}</strong>
                </p>
                <p>{t('staff.import.skipped', { count: result.duplicates.length })}</p>
              </Alert>
            ) : null}
          </div>
          {importError ? <ProblemDetails error={importError} /> : null}
          {result || importError ? (
            <div className="actions">
              {result ? (
                <Link className="btn primary" to="/organizations?sort=newest">
                  {t('staff.import.toDirectory')}
                </Link>
              ) : null}
              <button type="button" className="btn secondary" onClick={restart}>
                {t('staff.import.again')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function Progress({ progress, finished, label }: { progress: { rows: number; total: number } | null; finished: boolean; label?: string }) {
  const { t, n } = useI18n();
  const id = useId();
  const percent = progress && progress.total ? Math.round((progress.rows / progress.total) * 100) : progress ? 100 : 0;
  const text = !progress ? t('staff.import.starting') : t('staff.import.progressText', { rows: n(progress.rows), total: n(progress.total), percent });
  return (
    <div className="staff-progress">
      <label htmlFor={id}>{label ?? (finished ? t('staff.import.progressDone') : t('staff.import.progressLabel'))}</label>
      {progress ? (
        <progress id={id} className="progress" max={Math.max(progress.total, 1)} value={progress.total ? progress.rows : 1} aria-valuetext={text} />
      ) : (
        <progress id={id} className="progress" aria-valuetext={text} />
      )}
      <p className="staff-progress-text" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const { t, n } = useI18n();
  const errorRows = new Set(report.errors.map((e) => e.row ?? 0)).size;
  const items = [
    { label: t('staff.import.sumRows'), value: report.rows },
    { label: t('staff.import.sumCreate'), value: report.created },
    { label: t('staff.import.sumDuplicates'), value: report.duplicates.length },
    { label: t('staff.import.sumErrors'), value: errorRows },
  ];
  return (
    <dl className="staff-summary">
      {items.map((i) => (
        <div key={i.label} className={i.label === t('staff.import.sumErrors') && i.value ? 'bad' : undefined}>
          <dt>{i.label}</dt>
          <dd>{n(i.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "rows.3.location.lat" → the field's label ("위도"); "headers" → the header row. */
function fieldOfPath(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'rows') return parts.slice(2).at(-1) ?? path;
  return parts.at(-1) ?? path;
}

function ErrorTable({ errors }: { errors: ImportReport['errors'] }) {
  const { t, l, n } = useI18n();
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return (
    <div className="table-wrap">
      <table className="staff-import-errors">
        <caption>{t('staff.import.errorsCaption', { count: errors.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.import.colRow')}</th>
            <th scope="col">{t('staff.import.colField')}</th>
            <th scope="col">{t('staff.import.colProblem')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e, i) => (
            <tr key={`${e.path}-${i}`} className="row-error">
              <th scope="row">{e.row !== undefined ? n(e.row) : t('staff.import.wholeFile')}</th>
              <td>{fieldLabel(t, fieldOfPath(e.path))}</td>
              <td>{l(e.messages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const REASONS: Record<ImportReport['duplicates'][number]['reason'], MessageKey> = {
  businessRegNo: 'staff.import.reason.businessRegNo',
  nameAndAddress: 'staff.import.reason.nameAndAddress',
  nameAndPhone: 'staff.import.reason.nameAndPhone',
  nameOnly: 'staff.import.reason.nameOnly',
};

function DuplicateTable({ report }: { report: ImportReport }) {
  const { t, n } = useI18n();
  if (!report.duplicates.length) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('staff.import.duplicatesCaption', { count: report.duplicates.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.import.colRow')}</th>
            <th scope="col">{t('staff.import.colName')}</th>
            <th scope="col">{t('staff.import.colReason')}</th>
            <th scope="col">{t('staff.import.colSameAs')}</th>
          </tr>
        </thead>
        <tbody>
          {report.duplicates.map((d) => (
            <tr key={d.row} className="row-duplicate">
              <th scope="row">{n(d.row)}</th>
              <td>{d.name}</td>
              <td>{t(REASONS[d.reason])}</td>
              <td>
                {d.existingId ? (
                  <Link to={`/organizations/${d.existingId}`}>{t('staff.import.existing', { name: d.name })}</Link>
                ) : d.sameAsRow !== undefined ? (
                  t('staff.import.sameAsRow', { row: n(d.sameAsRow) })
                ) : (
                  t('staff.value.empty')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused file: the API's message, and the row errors when it gives them. */
function ProblemDetails({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorState error={error} />
      {error instanceof ApiError && error.errors.length ? (
        <>
          <p>{t('staff.import.nothingUntilFixed')}</p>
          <ErrorTable errors={error.errors} />
        </>
      ) : null}
    </>
  );
}

function Columns() {
  const { t } = useI18n();
  return (
    <section className="staff-columns" aria-labelledby="import-columns">
      <h3 id="import-columns">{t('staff.import.columnsTitle')}</h3>
      <p>{t('staff.import.columnsLead')}</p>
      <p className="staff-templates">
        <a href={templateHref()} download="sehub-import-template.csv">
          {t('staff.import.template')}
        </a>{' '}
        · <a href="/api/v1/organizations/export?format=csv">{t('staff.import.templateExport')}</a>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('staff.import.columnsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.import.colHeader')}</th>
              <th scope="col">{t('staff.import.colAbout')}</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_COLUMNS.map((c) => (
              <tr key={c.header}>
                <th scope="row">
                  <strong lang="ko">{c.header}</strong>
                  {c.required ? <span className="required"> ({t('common.required')})</span> : null}
                </th>
                <td>{t(c.about)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
