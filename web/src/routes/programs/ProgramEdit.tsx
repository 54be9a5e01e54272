import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type ProgramTaxonomy, type ProgramYear } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { Alert, ErrorState, Loading, PageHeader, Select, TextArea, TextInput } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { OrganizationPicker, type OrganizationPickerText } from '../../ui/OrganizationPicker.tsx';
import { useDeleteProgram, useProgram, useProgramTaxonomy, useSaveProgram, useYear } from './data.ts';
import {
  emptyDraft,
  emptyKpi,
  emptyLine,
  emptyPartner,
  emptyTask,
  emptyTransfer,
  toDraft,
  toInput,
  type Draft,
  type KpiDraft,
  type LineDraft,
  type PartnerDraft,
  type Problem,
  type TaskDraft,
  type TransferDraft,
} from './draft.ts';
import { useErrorsAt, usePathLabel } from './fields.ts';
import { scheduleMonths, useMonthLabel } from './parts.tsx';

const PROBLEMS: Record<Problem, MessageKey> = {
  number: 'programs.form.notNumber',
  integer: 'programs.form.notInteger',
  negative: 'programs.form.negative',
  required: 'programs.form.required',
  month: 'programs.form.badMonth',
  date: 'programs.form.badDate',
};

/** /staff/programs/:year/:id/edit and /staff/programs/:year/new */
export function ProgramEdit({ mode }: { mode: 'edit' | 'new' }) {
  const { t } = useI18n();
  const params = useParams();
  const year = Number(params.year);
  const id = mode === 'edit' ? params.id : undefined;
  const yearQuery = useYear(year);
  const taxonomy = useProgramTaxonomy();
  const program = useProgram(id);
  if (!Number.isInteger(year)) return <NotFound />;
  const loading = yearQuery.isLoading || taxonomy.isLoading || (mode === 'edit' && program.isLoading);
  if (loading) return <Loading />;
  const error = yearQuery.error ?? taxonomy.error ?? program.error;
  if (error) {
    if (error instanceof ApiError && error.status === 404) return <NotFound />;
    return (
      <>
        <PageHeader title={t('programs.form.editTitle', { name: '' })} />
        <ErrorState error={error} retry={() => void Promise.all([yearQuery.refetch(), taxonomy.refetch(), program.refetch()])} />
      </>
    );
  }
  if (!yearQuery.data || !taxonomy.data) return null;
  if (mode === 'edit') {
    const p = program.data;
    if (!p) return null;
    return <EditForm key={`${p.id}:${p.version}`} year={yearQuery.data} taxonomy={taxonomy.data} id={p.id} initial={toDraft({ ...p.input, version: p.input.version ?? p.version })} title={`${p.code} ${p.name}`} onReload={() => void program.refetch()} />;
  }
  return <EditForm year={yearQuery.data} taxonomy={taxonomy.data} initial={emptyDraft()} />;
}

interface FormProps {
  year: ProgramYear;
  taxonomy: ProgramTaxonomy;
  id?: string;
  initial: Draft;
  title?: string;
  onReload?: () => void;
}

type Rows = 'kpis' | 'lines' | 'transfers' | 'schedule' | 'partners';

function EditForm({ year, taxonomy, id, initial, title, onReload }: FormProps) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const save = useSaveProgram(year.year, id);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const serverErrors = useErrorsAt(save.error);
  const pathLabel = usePathLabel();
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const focusRow = useRef<string | null>(null);

  // A row just added gets the focus on its first control.
  useEffect(() => {
    if (!focusRow.current) return;
    form.current?.querySelector<HTMLElement>(`[data-row="${focusRow.current}"] input, [data-row="${focusRow.current}"] select`)?.focus();
    focusRow.current = null;
  }, [draft]);

  const errs = (path: string) => [...(problems[path] ? [t(PROBLEMS[problems[path]])] : []), ...serverErrors(path)];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setRow = <C extends Rows>(c: C, i: number, patch: Partial<Draft[C][number]>) =>
    setDraft((d) => ({ ...d, [c]: (d[c] as Draft[C][number][]).map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const addRow = <C extends Rows>(c: C, row: Draft[C][number]) => {
    focusRow.current = row.rk;
    setDraft((d) => ({ ...d, [c]: [...(d[c] as Draft[C][number][]), row] }));
  };
  const removeRow = (c: Rows, i: number) => setDraft((d) => ({ ...d, [c]: (d[c] as unknown[]).filter((_, j) => j !== i) }));

  function focusProblem() {
    setTimeout(() => {
      const bad = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (bad ?? summary.current)?.focus();
    }, 0);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, problems: found } = toInput(draft);
    setProblems(found);
    if (Object.keys(found).length) {
      save.reset();
      focusProblem();
      return;
    }
    save.mutate(input, {
      onSuccess: (saved) => void navigate(`/staff/programs/${year.year}/${saved.id}`, { state: { saved: true } }),
      onError: (err) => {
        if (err instanceof ApiError && err.status === 409) setTimeout(() => summary.current?.focus(), 0);
        else focusProblem();
      },
    });
  }

  const text = (key: keyof Draft & string, label: MessageKey, extra: { hint?: string; required?: boolean; inputMode?: 'numeric' | 'decimal'; type?: string; placeholder?: string } = {}) => (
    <TextInput
      label={t(label)}
      value={draft[key] as string}
      onChange={(e) => set(key, e.target.value as never)}
      errors={errs(key)}
      hint={extra.hint}
      required={extra.required}
      inputMode={extra.inputMode}
      type={extra.type ?? 'text'}
      placeholder={extra.placeholder}
    />
  );
  const area = (key: keyof Draft & string, label: MessageKey, hint?: string) => (
    <TextArea label={t(label)} value={draft[key] as string} onChange={(e) => set(key, e.target.value as never)} errors={errs(key)} hint={hint} rows={4} />
  );

  const others = year.programs.filter((p) => p.id !== id);
  const groups = taxonomy.budgetGroups.map((g) => ({ value: g.key, label: l({ ko: g.labelKo, en: g.labelEn }) }));
  const categories = [{ value: '', label: t('programs.form.noCategory') }, ...taxonomy.budgetCategories.map((c) => ({ value: c.key, label: l({ ko: c.labelKo, en: c.labelEn }) }))];
  const pageTitle = id ? t('programs.form.editTitle', { name: title ?? '' }) : t('programs.form.newTitle', { year: String(year.year) });
  const apiError = save.error instanceof ApiError ? save.error : null;
  const clientCount = Object.keys(problems).length;

  return (
    <div className="programs programs-edit">
      <p className="programs-crumbs">
        <Link to="/staff/programs">{t('programs.years.title')}</Link> › <Link to={`/staff/programs/${year.year}`}>{t('programs.year.title', { year: String(year.year) })}</Link>
        {id ? (
          <>
            {' '}
            › <Link to={`/staff/programs/${year.year}/${id}`}>{title}</Link>
          </>
        ) : null}
      </p>
      <PageHeader title={pageTitle} lead={t('programs.form.lead')} />

      <div ref={summary} tabIndex={-1} className="programs-form-summary">
        {clientCount ? (
          <Alert kind="danger">
            <p>
              <strong>{t('programs.form.fixErrors')}</strong>
            </p>
            <ul>
              {Object.entries(problems).map(([path, problem]) => (
                <li key={path}>
                  {pathLabel(path)}: {t(PROBLEMS[problem])}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {apiError?.status === 409 ? (
          <Alert kind="warning">
            <p>
              <strong>{t('programs.form.conflictTitle')}</strong>
            </p>
            <p>{t('programs.form.conflictText')}</p>
            <p>
              <button type="button" className="btn secondary small" onClick={onReload}>
                {t('programs.form.reload')}
              </button>
            </p>
          </Alert>
        ) : apiError?.errors.length ? (
          <Alert kind="danger">
            <p>
              <strong>{t('programs.form.fixErrors')}</strong>
            </p>
            <ul>
              {apiError.errors.map((e, i) => (
                <li key={`${e.path}-${i}`}>
                  {pathLabel(e.path)}: {l(e.messages)}
                </li>
              ))}
            </ul>
          </Alert>
        ) : save.error ? (
          <ErrorState error={save.error} />
        ) : null}
      </div>

      <form ref={form} onSubmit={submit} noValidate className="programs-form">
        <Part id="f-basic" title={t('programs.form.basic')}>
          <div className="programs-grid">
            {text('code', 'programs.field.code', { required: true, hint: t('programs.form.codeHint') })}
            {text('nameKo', 'programs.field.nameKo', { required: true })}
            {text('nameEn', 'programs.field.nameEn')}
            <Select
              label={t('programs.field.areaCode')}
              value={draft.areaCode}
              onChange={(e) => set('areaCode', e.target.value)}
              errors={errs('areaCode')}
              options={[{ value: '', label: t('programs.form.noArea') }, ...year.areas.map((a) => ({ value: a.code, label: `${a.code} ${l({ ko: a.nameKo, en: a.nameEn ?? '' })}` }))]}
            />
            <Select label={t('programs.field.budgetGroup')} value={draft.budgetGroup} onChange={(e) => set('budgetGroup', e.target.value as Draft['budgetGroup'])} errors={errs('budgetGroup')} options={groups} />
            <Select
              label={t('programs.field.tier')}
              value={draft.tier}
              onChange={(e) => set('tier', e.target.value as Draft['tier'])}
              errors={errs('tier')}
              hint={t('programs.form.tierHint')}
              options={(['programme', 'group', 'sub'] as const).map((k) => ({ value: k, label: t(`programs.tier.${k}`) }))}
            />
            <Select
              label={t('programs.field.parentCode')}
              value={draft.parentCode}
              onChange={(e) => set('parentCode', e.target.value)}
              errors={errs('parentCode')}
              options={[{ value: '', label: t('programs.form.noParent') }, ...others.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))]}
            />
            {text('sort', 'programs.field.sort', { inputMode: 'numeric' })}
          </div>
          <Check label={t('programs.field.counted')} hint={t('programs.form.countedHint')} checked={draft.counted} onChange={(v) => set('counted', v)} />
          <div className="programs-grid">
            {text('periodStart', 'programs.field.periodStart', { type: 'month', hint: t('programs.form.monthHint') })}
            {text('periodEnd', 'programs.field.periodEnd', { type: 'month', hint: t('programs.form.monthHint') })}
            {text('periodText', 'programs.field.periodText', { hint: t('programs.form.periodTextHint') })}
          </div>
          {area('method', 'programs.field.method')}
          {area('goal', 'programs.field.goal')}
          {area('description', 'programs.field.description')}
          {area('responsibleStaff', 'programs.field.responsibleStaff', t('programs.form.oneEachLine'))}
        </Part>

        <Part id="f-rates" title={t('programs.form.rates')} lead={t('programs.form.ratesLead')}>
          <div className="programs-grid">
            {text('achievementStated', 'programs.field.achievementStated', { inputMode: 'decimal', hint: t('programs.form.statedHint') })}
            {text('achievementStatedNote', 'programs.field.achievementStatedNote')}
            {text('executionStated', 'programs.field.executionStated', { inputMode: 'decimal', hint: t('programs.form.executionStatedHint') })}
            {text('executionStatedNote', 'programs.field.executionStatedNote')}
            {text('achievementExcludedNote', 'programs.field.achievementExcludedNote', { hint: t('programs.form.excludedHint') })}
            {text('executionExcludedNote', 'programs.field.executionExcludedNote', { hint: t('programs.form.excludedHint') })}
            {text('achievementReported', 'programs.field.achievementReported', { inputMode: 'decimal', hint: t('programs.form.reportedHint') })}
            {text('executionReported', 'programs.field.executionReported', { inputMode: 'decimal', hint: t('programs.form.reportedHint') })}
          </div>
        </Part>

        <Part id="f-money" title={t('programs.form.money')} lead={t('programs.form.moneyLead')}>
          <div className="programs-grid">
            {text('budget', 'programs.col.budget', { inputMode: 'numeric' })}
            {text('granted', 'programs.col.granted', { inputMode: 'numeric' })}
            {text('spent', 'programs.col.spent', { inputMode: 'numeric' })}
            {text('returned', 'programs.col.returned', { inputMode: 'numeric', hint: t('programs.form.returnedHint') })}
            {text('interest', 'programs.col.interest', { inputMode: 'numeric' })}
          </div>
        </Part>

        <Part id="f-kpis" title={t('programs.page.kpis')} lead={t('programs.form.kpisLead')}>
          {draft.kpis.map((k, i) => (
            <KpiRow key={k.rk} k={k} i={i} errs={errs} onChange={(patch) => setRow('kpis', i, patch)} onRemove={() => removeRow('kpis', i)} />
          ))}
          <button type="button" className="btn secondary small" onClick={() => addRow('kpis', emptyKpi())}>
            {t('programs.form.addKpi')}
          </button>
        </Part>

        <Part id="f-lines" title={t('programs.form.lines')} lead={t('programs.form.linesLead')}>
          {draft.lines.map((line, i) => (
            <LineRow
              key={line.rk}
              line={line}
              i={i}
              errs={errs}
              categories={categories}
              parents={draft.lines.filter((x) => x.key !== line.key && !x.parentKey)}
              onChange={(patch) => setRow('lines', i, patch)}
              onRemove={() => removeRow('lines', i)}
            />
          ))}
          <button type="button" className="btn secondary small" onClick={() => addRow('lines', emptyLine(nextLineNumber(draft.lines)))}>
            {t('programs.form.addLine')}
          </button>
        </Part>

        <Part id="f-transfers" title={t('programs.page.transfers')} lead={t('programs.form.transfersLead')}>
          {draft.transfers.map((tr, i) => (
            <TransferRow key={tr.rk} tr={tr} i={i} errs={errs} lines={draft.lines} onChange={(patch) => setRow('transfers', i, patch)} onRemove={() => removeRow('transfers', i)} />
          ))}
          <button type="button" className="btn secondary small" onClick={() => addRow('transfers', emptyTransfer())}>
            {t('programs.form.addTransfer')}
          </button>
        </Part>

        <Part id="f-schedule" title={t('programs.page.schedule')} lead={t('programs.form.scheduleLead')}>
          <ScheduleEditor year={year.year} draft={draft} errs={errs} setRow={(i, patch) => setRow('schedule', i, patch)} onRemove={(i) => removeRow('schedule', i)} />
          <button type="button" className="btn secondary small" onClick={() => addRow('schedule', emptyTask())}>
            {t('programs.form.addTask')}
          </button>
        </Part>

        <Part id="f-partners" title={t('programs.field.partners')}>
          {draft.partners.map((p, i) => (
            <PartnerRow key={p.rk} p={p} i={i} errs={errs} onChange={(patch) => setRow('partners', i, patch)} onRemove={() => removeRow('partners', i)} />
          ))}
          <button type="button" className="btn secondary small" onClick={() => addRow('partners', emptyPartner())}>
            {t('programs.form.addPartner')}
          </button>
        </Part>

        <Part id="f-evaluation" title={t('programs.page.evaluation')} lead={t('programs.form.oneEachLine')}>
          {area('achievements', 'programs.eval.achievements')}
          {area('limits', 'programs.eval.limits')}
          {area('nextTasks', 'programs.eval.nextTasks')}
          {area('notes', 'programs.page.notes')}
        </Part>

        <div className="actions programs-submit">
          <button type="submit" className="btn primary" disabled={save.isPending}>
            {save.isPending ? t('programs.form.saving') : id ? t('programs.form.save') : t('programs.form.create')}
          </button>
          <Link className="btn secondary" to={id ? `/staff/programs/${year.year}/${id}` : `/staff/programs/${year.year}`}>
            {t('programs.form.cancel')}
          </Link>
        </div>
      </form>
      {id ? <DeleteProgram year={year.year} id={id} name={title ?? ''} /> : null}
    </div>
  );
}

function nextLineNumber(lines: LineDraft[]): number {
  let n = lines.length + 1;
  while (lines.some((l) => l.key === `line-${n}`)) n++;
  return n;
}

function Part({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section className="programs-part" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead ? <p className="programs-muted">{lead}</p> : null}
      {children}
    </section>
  );
}

function Check({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field programs-check">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

type Errs = (path: string) => string[];

function RowBox({ rk, legend, onRemove, children, compact }: { rk: string; legend: string; onRemove: () => void; children: ReactNode; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset className={`programs-row${compact ? ' compact' : ''}`} data-row={rk}>
      <legend>{legend}</legend>
      {children}
      <button type="button" className="btn text small" onClick={onRemove}>
        {t('programs.form.remove', { what: legend })}
      </button>
    </fieldset>
  );
}

function KpiRow({ k, i, errs, onChange, onRemove }: { k: KpiDraft; i: number; errs: Errs; onChange: (p: Partial<KpiDraft>) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const p = `kpis.${i}`;
  const legend = t('programs.path.kpi', { n: i + 1 }) + (k.name ? ` (${k.name})` : '');
  return (
    <RowBox rk={k.rk} legend={legend} onRemove={onRemove}>
      <div className="programs-grid">
        <TextInput label={t('programs.kpi.name')} value={k.name} onChange={(e) => onChange({ name: e.target.value })} errors={errs(`${p}.name`)} required />
        <Select
          label={t('programs.kpi.kind')}
          value={k.kind}
          onChange={(e) => onChange({ kind: e.target.value as KpiDraft['kind'] })}
          errors={errs(`${p}.kind`)}
          options={[
            { value: 'quantity', label: t('programs.kpi.quantity') },
            { value: 'deliverable', label: t('programs.kpi.deliverable') },
          ]}
        />
        <TextInput label={t('programs.kpi.unit')} value={k.unit} onChange={(e) => onChange({ unit: e.target.value })} errors={errs(`${p}.unit`)} />
        <TextInput label={t('programs.kpi.target')} value={k.target} inputMode="decimal" onChange={(e) => onChange({ target: e.target.value })} errors={errs(`${p}.target`)} />
        <TextInput label={t('programs.kpi.targetText')} value={k.targetText} onChange={(e) => onChange({ targetText: e.target.value })} errors={errs(`${p}.targetText`)} />
        <TextInput label={t('programs.kpi.result')} value={k.result} inputMode="decimal" onChange={(e) => onChange({ result: e.target.value })} errors={errs(`${p}.result`)} />
        <TextInput label={t('programs.kpi.resultText')} value={k.resultText} onChange={(e) => onChange({ resultText: e.target.value })} errors={errs(`${p}.resultText`)} />
        <Select
          label={t('programs.kpi.done')}
          value={k.done}
          onChange={(e) => onChange({ done: e.target.value as KpiDraft['done'] })}
          errors={errs(`${p}.done`)}
          hint={t('programs.form.doneHint')}
          options={[
            { value: '', label: t('programs.kpi.doneUnknown') },
            { value: 'true', label: t('programs.kpi.doneYes') },
            { value: 'false', label: t('programs.kpi.doneNo') },
          ]}
        />
        <TextInput label={t('programs.kpi.rateReported')} value={k.rateReported} inputMode="decimal" onChange={(e) => onChange({ rateReported: e.target.value })} errors={errs(`${p}.rateReported`)} />
        <TextInput label={t('programs.kpi.note')} value={k.note} onChange={(e) => onChange({ note: e.target.value })} errors={errs(`${p}.note`)} />
      </div>
    </RowBox>
  );
}

function LineRow({
  line,
  i,
  errs,
  categories,
  parents,
  onChange,
  onRemove,
}: {
  line: LineDraft;
  i: number;
  errs: Errs;
  categories: { value: string; label: string }[];
  parents: LineDraft[];
  onChange: (p: Partial<LineDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const p = `lines.${i}`;
  const legend = t('programs.path.line', { n: i + 1 }) + (line.name ? ` (${line.name})` : '');
  const money = (key: 'budget' | 'granted' | 'spent' | 'returned' | 'interest', label: MessageKey) => (
    <TextInput label={t(label)} value={line[key]} inputMode="numeric" onChange={(e) => onChange({ [key]: e.target.value })} errors={errs(`${p}.${key}`)} />
  );
  return (
    <RowBox rk={line.rk} legend={legend} onRemove={onRemove}>
      <div className="programs-grid">
        <TextInput label={t('programs.line.name')} value={line.name} onChange={(e) => onChange({ name: e.target.value })} errors={errs(`${p}.name`)} required />
        <Select label={t('programs.line.category')} value={line.category} onChange={(e) => onChange({ category: e.target.value })} errors={errs(`${p}.category`)} options={categories} />
        <Select
          label={t('programs.line.parentKey')}
          value={line.parentKey}
          onChange={(e) => onChange({ parentKey: e.target.value })}
          errors={errs(`${p}.parentKey`)}
          options={[{ value: '', label: t('programs.form.topLine') }, ...parents.map((x) => ({ value: x.key, label: x.name || x.key }))]}
        />
        {money('budget', 'programs.col.budget')}
        {money('granted', 'programs.col.granted')}
        {money('spent', 'programs.col.spent')}
        {money('returned', 'programs.col.returned')}
        {money('interest', 'programs.col.interest')}
        <TextInput label={t('programs.line.note')} value={line.note} onChange={(e) => onChange({ note: e.target.value })} errors={errs(`${p}.note`)} />
      </div>
    </RowBox>
  );
}

function TransferRow({ tr, i, errs, lines, onChange, onRemove }: { tr: TransferDraft; i: number; errs: Errs; lines: LineDraft[]; onChange: (p: Partial<TransferDraft>) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const p = `transfers.${i}`;
  const options = [{ value: '', label: t('programs.form.noLine') }, ...lines.map((l) => ({ value: l.key, label: l.name || l.key }))];
  // A stored reference to a line that is no longer in the form stays visible rather than silently dropped.
  const withStale = (v: string) => (v && !lines.some((l) => l.key === v) ? [...options, { value: v, label: v }] : options);
  return (
    <RowBox rk={tr.rk} legend={t('programs.path.transfer', { n: i + 1 })} onRemove={onRemove}>
      <div className="programs-grid">
        <TextInput label={t('programs.transfer.date')} type="date" value={tr.date} onChange={(e) => onChange({ date: e.target.value })} errors={errs(`${p}.date`)} required />
        <Select label={t('programs.transfer.fromLine')} value={tr.fromLine} onChange={(e) => onChange({ fromLine: e.target.value })} errors={errs(`${p}.fromLine`)} options={withStale(tr.fromLine)} />
        <Select label={t('programs.transfer.toLine')} value={tr.toLine} onChange={(e) => onChange({ toLine: e.target.value })} errors={errs(`${p}.toLine`)} options={withStale(tr.toLine)} />
        <TextInput label={t('programs.transfer.amount')} value={tr.amount} inputMode="numeric" onChange={(e) => onChange({ amount: e.target.value })} errors={errs(`${p}.amount`)} required />
        <TextInput label={t('programs.transfer.reason')} value={tr.reason} onChange={(e) => onChange({ reason: e.target.value })} errors={errs(`${p}.reason`)} required />
      </div>
    </RowBox>
  );
}

function PartnerRow({ p: partner, i, errs, onChange, onRemove }: { p: PartnerDraft; i: number; errs: Errs; onChange: (p: Partial<PartnerDraft>) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const p = `partners.${i}`;
  const text = useMemo<OrganizationPickerText>(
    () => ({
      label: t('programs.form.organizationSearch'),
      hint: t('programs.form.organizationHint'),
      linkedLabel: t('programs.partner.organizationId'),
      unlink: t('programs.form.unlink'),
      found: (count) => t('programs.form.organizationsFound', { count }),
      none: (q) => t('programs.form.organizationsNone', { q }),
      searching: t('programs.form.organizationsSearching'),
      unknown: (orgId) => t('programs.form.organizationUnknown', { id: orgId }),
      linked: (name) => t('programs.form.organizationLinked', { name }),
      unlinked: t('programs.form.organizationUnlinked'),
      failed: t('programs.form.organizationsFailed'),
    }),
    [t],
  );
  return (
    <RowBox rk={partner.rk} legend={t('programs.path.partner', { n: i + 1 }) + (partner.name ? ` (${partner.name})` : '')} onRemove={onRemove}>
      <div className="programs-grid">
        <TextInput label={t('programs.partner.name')} value={partner.name} onChange={(e) => onChange({ name: e.target.value })} errors={errs(`${p}.name`)} required />
        <TextInput label={t('programs.partner.role')} value={partner.role} onChange={(e) => onChange({ role: e.target.value })} errors={errs(`${p}.role`)} />
      </div>
      {/* Linking is optional: a partner outside the directory keeps just its name. */}
      <OrganizationPicker
        value={partner.organizationId}
        text={text}
        errors={errs(`${p}.organizationId`)}
        onChange={(org) => onChange(org ? { organizationId: org.id, name: partner.name.trim() ? partner.name : org.name } : { organizationId: '' })}
      />
    </RowBox>
  );
}

/** Months between two 'YYYY-MM' (inclusive), for widening the grid to the programme's period. */
function monthsBetween(start: string, end: string): string[] {
  if (!/^\d{4}-\d{2}$/.test(start) || !/^\d{4}-\d{2}$/.test(end) || end < start) return [];
  const out: string[] = [];
  let [y, m] = start.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 60; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Each task's name, milestone and note, then a grid of checkboxes: months × (planned, done). */
function ScheduleEditor({ year, draft, errs, setRow, onRemove }: { year: number; draft: Draft; errs: Errs; setRow: (i: number, p: Partial<TaskDraft>) => void; onRemove: (i: number) => void }) {
  const { t } = useI18n();
  const label = useMonthLabel(year);
  const months = useMemo(() => {
    const period = monthsBetween(draft.periodStart, draft.periodEnd);
    return scheduleMonths(year, [...draft.schedule, { planned: period, actual: [] }]);
  }, [year, draft.schedule, draft.periodStart, draft.periodEnd]);
  if (!draft.schedule.length) return <p className="programs-muted">{t('programs.page.noSchedule')}</p>;
  const toggle = (i: number, which: 'planned' | 'actual', m: string, on: boolean) => {
    const list = draft.schedule[i]![which];
    setRow(i, { [which]: on ? [...list, m].sort() : list.filter((x) => x !== m) });
  };
  return (
    <>
      {draft.schedule.map((task, i) => (
        <RowBox key={task.rk} rk={task.rk} legend={t('programs.path.task', { n: i + 1 })} onRemove={() => onRemove(i)} compact>
          <div className="programs-task">
            <TextInput label={t('programs.task.task')} value={task.task} onChange={(e) => setRow(i, { task: e.target.value })} errors={errs(`schedule.${i}.task`)} required />
            <TextInput label={t('programs.task.note')} value={task.note} onChange={(e) => setRow(i, { note: e.target.value })} errors={errs(`schedule.${i}.note`)} />
            <Check label={t('programs.task.milestone')} checked={task.milestone} onChange={(v) => setRow(i, { milestone: v })} />
          </div>
          {[...errs(`schedule.${i}.planned`), ...errs(`schedule.${i}.actual`)].map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
          <button type="button" className="btn text small" onClick={() => setRow(i, { actual: [...task.planned] })}>
            {t('programs.form.actualAsPlanned', { task: task.task || String(i + 1) })}
          </button>
        </RowBox>
      ))}
      <div className="table-wrap">
        <table className="programs-schedule programs-schedule-edit">
          <caption>
            {t('programs.form.gridCaption')}
            <span className="programs-muted programs-block">{t('programs.form.gridHint')}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('programs.task.task')}</th>
              {months.map((m) => (
                <th key={m} scope="col" className="programs-month">
                  <abbr title={label.long(m)}>{label.short(m)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.schedule.map((task, i) => (
              <tr key={task.rk}>
                <th scope="row">{task.task || t('programs.path.task', { n: i + 1 })}</th>
                {months.map((m) => (
                  <td key={m} className="programs-cell">
                    {(['planned', 'actual'] as const).map((which) => (
                      <label key={which} className={`programs-tick ${which}`}>
                        <input type="checkbox" checked={task[which].includes(m)} onChange={(e) => toggle(i, which, m, e.target.checked)} />
                        <span aria-hidden="true">{t(which === 'planned' ? 'programs.form.plannedShort' : 'programs.form.actualShort')}</span>
                        <span className="visually-hidden">
                          {t(which === 'planned' ? 'programs.form.plannedFor' : 'programs.form.actualFor', { task: task.task || String(i + 1), month: label.long(m) })}
                        </span>
                      </label>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DeleteProgram({ year, id, name }: { year: number; id: string; name: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useDeleteProgram(year);
  const [asking, setAsking] = useState(false);
  return (
    <section className="programs-part programs-danger" aria-labelledby="f-delete">
      <h2 id="f-delete">{t('programs.delete.title')}</h2>
      <p>{t('programs.delete.lead')}</p>
      {asking ? (
        <div role="group" aria-label={t('programs.delete.confirm', { name })}>
          <p>
            <strong>{t('programs.delete.confirm', { name })}</strong>
          </p>
          <div className="actions">
            <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate(id, { onSuccess: () => void navigate(`/staff/programs/${year}`) })}>
              {t('programs.delete.yes')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setAsking(false)}>
              {t('programs.form.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn secondary" onClick={() => setAsking(true)}>
          {t('programs.delete.ask')}
        </button>
      )}
      {remove.error ? <ErrorState error={remove.error} /> : null}
    </section>
  );
}
