import { lazy, Suspense, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useTaxonomy } from '../../queries.ts';
import { ErrorState, Loading, PageHeader, Select } from '../../ui/index.tsx';
import type { ChartSpec } from './Charts.tsx';
import {
  isDate,
  todayInSeoul,
  useDistribution,
  useDistrictShapes,
  useGrowth,
  useLocationQuotients,
  useSurvival,
  type CountBasis,
  type DistributionTable,
  type GrowthTable,
  type KaplanMeierCurve,
  type LocationQuotientTable,
  type SurvivalCohort,
  type SurvivalReport,
} from './data.ts';
import { DistrictMap } from './DistrictMap.tsx';
import { ChartWithTable, Downloads, Formula, Notes, Section, TableWrap, useStatFormat } from './parts.tsx';
import './insights.css';

const InsightsChart = lazy(() => import('./Charts.tsx'));

/** The demo's year: the 2013 report's tables count organisations as of its last day. */
const END_OF_2013 = '2013-12-31';
const TABS = [
  { key: 'distribution', label: 'insights.tab.distribution' },
  { key: 'survival', label: 'insights.tab.survival' },
  { key: 'lq', label: 'insights.tab.lq' },
] as const satisfies readonly { key: string; label: MessageKey }[];
type Tab = (typeof TABS)[number]['key'];

/**
 * /statistics: the social economy's statistics computed from the records at a reference date —
 * distribution by district and type (table, choropleth, bars), growth by year, survival of
 * designation cohorts (table, Kaplan–Meier curves) and location quotients. Every chart stands
 * beside a table with its figures, and every table downloads as CSV and XLSX. The address holds
 * the reference date, the counting basis and the tab, so a view can be shared.
 */
export default function Statistics() {
  const { t, d } = useI18n();
  const [params, setParams] = useSearchParams();
  const today = useMemo(todayInSeoul, []);
  const asOfParam = params.get('asOf');
  const badDate = asOfParam !== null && !isDate(asOfParam);
  const asOf = asOfParam && !badDate ? asOfParam : today;
  const basis: CountBasis = params.get('basis') === 'registered' ? 'registered' : 'operating';
  const tab: Tab = TABS.find((x) => x.key === params.get('tab'))?.key ?? 'distribution';
  // From the latest address (not this render's): two quick changes in a row both stay.
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  const tabHref = (key: Tab) => {
    const next = new URLSearchParams(params);
    if (key === 'distribution') next.delete('tab');
    else next.set('tab', key);
    const s = next.toString();
    return s ? `?${s}` : '?';
  };
  const basisLabel = t(basis === 'registered' ? 'insights.basis.registered' : 'insights.basis.operating');

  return (
    <div className="insights">
      <PageHeader title={t('insights.title')} lead={t('insights.lead')} />
      <ReferenceControls asOf={asOf} today={today} basis={basis} badDate={badDate} onDate={(v) => set({ asOf: v === today ? null : v })} onBasis={(b) => set({ basis: b === 'operating' ? null : b })} />
      <p className="insights-status" role="status">
        {t('insights.status', { date: d(asOf), basis: basisLabel })}
      </p>
      <nav className="insights-tabs" aria-label={t('insights.tab.label')}>
        <ul>
          {TABS.map((x) => (
            <li key={x.key}>
              <Link to={tabHref(x.key)} replace aria-current={tab === x.key ? 'page' : undefined}>
                {t(x.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'distribution' ? (
        <DistributionTab
          asOf={asOf}
          basis={basis}
          dimension={params.get('dim') === 'industry' ? 'industry' : 'type'}
          type={params.get('dim') === 'industry' ? (params.get('dtype') ?? '') : ''}
          column={params.get('col') ?? 'total'}
          set={set}
        />
      ) : tab === 'survival' ? (
        <SurvivalTab asOf={asOf} />
      ) : (
        <LocationQuotientTab asOf={asOf} basis={basis} type={params.get('lqType') ?? ''} counts={params.get('counts') === '1'} set={set} />
      )}
    </div>
  );
}

function ReferenceControls({
  asOf,
  today,
  basis,
  badDate,
  onDate,
  onBasis,
}: {
  asOf: string;
  today: string;
  basis: CountBasis;
  badDate: boolean;
  onDate: (v: string) => void;
  onBasis: (b: CountBasis) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  // The field keeps what is typed; the page follows once it is a whole date.
  const [draft, setDraft] = useState(asOf);
  useEffect(() => setDraft(asOf), [asOf]);
  const quick = [
    { value: today, label: t('insights.asOf.today') },
    { value: END_OF_2013, label: t('insights.asOf.end2013') },
  ];
  return (
    <form className="insights-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('insights.controls')}>
      <div className={`field${badDate ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-date`}>{t('insights.asOf.label')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('insights.asOf.hint')}
        </p>
        <input
          id={`${id}-date`}
          className="input"
          type="date"
          min="1990-01-01"
          max="2100-12-31"
          value={draft}
          aria-describedby={`${id}-hint${badDate ? ` ${id}-error` : ''}`}
          aria-invalid={badDate || undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            if (isDate(e.target.value)) onDate(e.target.value);
          }}
        />
        {badDate ? (
          <p className="field-error" id={`${id}-error`}>
            {t('insights.asOf.bad')}
          </p>
        ) : null}
      </div>
      <div className="insights-quick" role="group" aria-label={t('insights.asOf.quick')}>
        {quick.map((q) => (
          <button key={q.label} type="button" className="btn secondary small" aria-pressed={asOf === q.value} onClick={() => onDate(q.value)}>
            {q.label}
          </button>
        ))}
      </div>
      <fieldset className="insights-basis">
        <legend>{t('insights.basis.label')}</legend>
        {(['operating', 'registered'] as const).map((b) => (
          <label key={b} className="insights-radio">
            <input type="radio" name="basis" value={b} checked={basis === b} onChange={() => onBasis(b)} />{' '}
            {t(b === 'registered' ? 'insights.basis.registered' : 'insights.basis.operating')}
            <span className="insights-radio-hint">{t(b === 'registered' ? 'insights.basis.registeredHint' : 'insights.basis.operatingHint')}</span>
          </label>
        ))}
      </fieldset>
    </form>
  );
}

function Chart({ spec }: { spec: ChartSpec }) {
  return (
    <Suspense fallback={<Loading />}>
      <InsightsChart spec={spec} />
    </Suspense>
  );
}

/** While the next date's answer loads, the previous one stays on screen, marked busy. */
function Busy({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <div className={busy ? 'insights-busy' : undefined} aria-busy={busy || undefined}>
      {children}
    </div>
  );
}

// ─── distribution ────────────────────────────────────────────────────────────────────────────

function DistributionTab({
  asOf,
  basis,
  dimension,
  type,
  column,
  set,
}: {
  asOf: string;
  basis: CountBasis;
  dimension: 'type' | 'industry';
  /** with dimension=industry: only organisations of this type */
  type: string;
  column: string;
  set: (c: Record<string, string | null>) => void;
}) {
  const { t, l } = useI18n();
  const query = useDistribution({ asOf, basis, dimension, type: type || undefined });
  const shapes = useDistrictShapes();
  const taxonomy = useTaxonomy();
  const data = query.data;
  return (
    <>
      <Section id="distribution" title={t('insights.dist.title')}>
        <p className="insights-muted">{t('insights.dist.lead')}</p>
        <form className="insights-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('insights.dist.options')}>
          <Select
            label={t('insights.dist.dimension')}
            value={dimension}
            onChange={(e) => set({ dim: e.target.value === 'type' ? null : e.target.value, col: null, dtype: null })}
            options={[
              { value: 'type', label: t('insights.dist.byType') },
              { value: 'industry', label: t('insights.dist.byIndustry') },
            ]}
          />
          {dimension === 'industry' ? (
            <Select
              label={t('insights.lq.type')}
              value={type}
              onChange={(e) => set({ dtype: e.target.value || null })}
              options={[{ value: '', label: t('insights.lq.allTypes') }, ...(taxonomy.data?.types ?? []).map((x) => ({ value: x.key, label: l(x.label) }))]}
            />
          ) : null}
          {data ? (
            <Select
              label={t('insights.dist.column')}
              value={data.columns.some((c) => c.key === column) ? column : 'total'}
              onChange={(e) => set({ col: e.target.value === 'total' ? null : e.target.value })}
              options={data.columns.map((c) => ({ value: c.key, label: l(c.label) }))}
            />
          ) : null}
        </form>
        {query.isLoading ? <Loading /> : null}
        {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
        {data ? (
          <Busy busy={query.isPlaceholderData}>
            <Downloads path="distribution" params={{ asOf, basis, dimension, type: type || undefined }} what={t('insights.dist.title')} />
            <div className="insights-dist">
              <div className="insights-dist-figures">
                {shapes.data ? (
                  <DistributionMap data={data} column={column} shapes={shapes.data.features} />
                ) : shapes.error ? (
                  <ErrorState error={shapes.error} retry={() => void shapes.refetch()} />
                ) : (
                  <Loading />
                )}
                <DistributionBars data={data} />
              </div>
              <div className="insights-dist-table">
                <DistributionTableView data={data} typeLabel={type ? l(taxonomy.data?.types.find((x) => x.key === type)?.label) || type : undefined} />
              </div>
            </div>
            <Notes notes={data.notes} />
          </Busy>
        ) : null}
      </Section>
      <GrowthSection to={Number(asOf.slice(0, 4))} />
    </>
  );
}

function DistributionMap({ data, column, shapes }: { data: DistributionTable; column: string; shapes: Parameters<typeof DistrictMap>[0]['districts'] }) {
  const { t, l } = useI18n();
  const f = useStatFormat();
  const col = data.columns.find((c) => c.key === column) ?? data.columns.find((c) => c.kind === 'total')!;
  const values = useMemo(() => new Map(data.rows.filter((r) => r.kind === 'district' && r.code).map((r) => [r.code!, r.cells[col.key] ?? 0])), [data, col.key]);
  const outside = data.rows.filter((r) => r.kind !== 'district').reduce((n, r) => n + (r.cells[col.key] ?? 0), 0);
  return (
    <>
      <DistrictMap districts={shapes} values={values} what={l(col.label)} formatCount={f.num} />
      {outside ? <p className="insights-muted">{t('insights.map.outside', { count: f.num(outside) })}</p> : null}
    </>
  );
}

function DistributionBars({ data }: { data: DistributionTable }) {
  const { t, l } = useI18n();
  const f = useStatFormat();
  const spec = useMemo<ChartSpec>(() => {
    const parts = data.columns.filter((c) => c.kind === 'count');
    const rows = data.rows.filter((r) => (r.cells.total ?? 0) > 0 || r.kind === 'district');
    return { kind: 'stackedBars', categories: rows.map((r) => l(r.label)), series: parts.map((c) => ({ name: l(c.label), values: rows.map((r) => r.cells[c.key] ?? 0) })), format: f.num };
  }, [data, l, f]);
  return (
    <figure className="insights-figure">
      <figcaption>
        <strong>{t('insights.dist.chart')}</strong> <span className="insights-muted">{t('insights.chart.alt')}</span>
      </figcaption>
      <Chart spec={spec} />
    </figure>
  );
}

function DistributionTableView({ data, typeLabel }: { data: DistributionTable; typeLabel?: string }) {
  const { t, l, d } = useI18n();
  const f = useStatFormat();
  const cls = (kind: string) => `num${kind === 'count' ? '' : ` insights-${kind}`}`;
  return (
    <TableWrap label={t('insights.dist.title')}>
      <table className="insights-table insights-distribution">
        <caption>
          {t(data.dimension === 'industry' ? 'insights.dist.captionIndustry' : 'insights.dist.caption', {
            date: d(data.asOf),
            basis: t(data.basis === 'registered' ? 'insights.basis.registered' : 'insights.basis.operating'),
            types: typeLabel ?? t('insights.lq.allTypes'),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.dist.area')}</th>
            {data.columns.map((c) => (
              <th key={c.key} scope="col" className={cls(c.kind)} data-key={c.key}>
                {l(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={`${r.kind}-${r.code ?? ''}`} data-kind={r.kind} data-code={r.code ?? ''}>
              <th scope="row">
                {l(r.label)}
                {r.kind === 'region' ? <span className="insights-sub">{t('insights.dist.outsideSeoul')}</span> : null}
              </th>
              {data.columns.map((c) => (
                <td key={c.key} className={cls(c.kind)}>
                  {f.num(r.cells[c.key] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="insights-totals">
            <th scope="row">{t('insights.dist.total')}</th>
            {data.columns.map((c) => (
              <td key={c.key} className={cls(c.kind)}>
                {f.num(data.totals[c.key] ?? 0)}
              </td>
            ))}
          </tr>
          <tr className="insights-means">
            <th scope="row">{t('insights.dist.mean')}</th>
            {data.columns.map((c) => (
              <td key={c.key} className={cls(c.kind)}>
                {f.mean(data.seoulMean[c.key])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {data.undated ? <p className="insights-muted">{t('insights.dist.undated', { count: f.num(data.undated) })}</p> : null}
    </TableWrap>
  );
}

function GrowthSection({ to }: { to: number }) {
  const { t } = useI18n();
  const query = useGrowth({ to });
  return (
    <Section id="growth" title={t('insights.growth.title')}>
      <p className="insights-muted">{t('insights.growth.lead', { year: String(to) })}</p>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Downloads path="growth" params={{ to }} what={t('insights.growth.title')} />
          <Growth data={query.data} />
          <Notes notes={query.data.notes} />
        </Busy>
      ) : null}
    </Section>
  );
}

const GROWTH_COLUMNS = [
  ['founded', 'insights.growth.founded'],
  ['designated', 'insights.growth.designated'],
  ['certified', 'insights.growth.certified'],
  ['converted', 'insights.growth.converted'],
  ['cancelled', 'insights.growth.cancelled'],
  ['closed', 'insights.growth.closed'],
  ['registeredAtYearEnd', 'insights.growth.registered'],
  ['operatingAtYearEnd', 'insights.growth.operating'],
] as const satisfies readonly (readonly [string, MessageKey])[];

function Growth({ data }: { data: GrowthTable }) {
  const { t } = useI18n();
  const f = useStatFormat();
  const spec = useMemo<ChartSpec>(
    () => ({
      kind: 'years',
      years: data.years.map((y) => y.year),
      bars: (['founded', 'designated', 'certified', 'closed'] as const).map((k) => ({ name: t(`insights.growth.${k}`), values: data.years.map((y) => y[k]) })),
      line: { name: t('insights.growth.operating'), values: data.years.map((y) => y.operatingAtYearEnd) },
      format: f.num,
    }),
    [data, t, f],
  );
  return (
    <ChartWithTable
      caption={t('insights.growth.chart')}
      lead={t('insights.chart.alt')}
      chart={<Chart spec={spec} />}
      table={
        <TableWrap label={t('insights.growth.title')}>
          <table className="insights-table insights-growth">
            <caption>{t('insights.growth.caption', { from: String(data.from), to: String(data.to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insights.growth.year')}</th>
                {GROWTH_COLUMNS.map(([k, label]) => (
                  <th key={k} scope="col" className="num">
                    {t(label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  {GROWTH_COLUMNS.map(([k]) => (
                    <td key={k} className="num">
                      {f.num(y[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      }
    />
  );
}

// ─── survival ────────────────────────────────────────────────────────────────────────────────

function SurvivalTab({ asOf }: { asOf: string }) {
  const { t } = useI18n();
  const query = useSurvival({ asOf });
  return (
    <>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Section id="survival" title={t('insights.survival.title')}>
            <p className="insights-muted">{t('insights.survival.lead')}</p>
            <Downloads path="survival" params={{ asOf }} what={t('insights.survival.title')} />
            <SurvivalTable data={query.data} />
            <SurvivalFormulas data={query.data} />
            <Notes notes={query.data.notes} />
          </Section>
          <Section id="kaplan-meier" title={t('insights.km.title')}>
            <p className="insights-muted">{t('insights.km.lead')}</p>
            <Downloads path="survival/curve" params={{ asOf }} what={t('insights.km.title')} />
            <KaplanMeier curves={query.data.curves} />
          </Section>
        </Busy>
      ) : null}
    </>
  );
}

function SurvivalTable({ data }: { data: SurvivalReport }) {
  const { t, l, d } = useI18n();
  const f = useStatFormat();
  const row = (c: SurvivalCohort, total?: boolean) => (
    <tr key={c.key} data-cohort={c.key}>
      <th scope="row">{total ? t('insights.survival.total') : l(c.label)}</th>
      <td className="num">{f.num(c.designated)}</td>
      <td className="num">{f.num(c.operating)}</td>
      <td className="num">
        <strong>{f.pct(c.operatingRate)}</strong>
      </td>
      <td className="num">{f.pct(c.shareOfDesignated)}</td>
      <td className="num">{f.pct(c.shareOfOperating)}</td>
      {([1, 2, 3] as const).map((n) => {
        const a = c.after.find((x) => x.years === n);
        return (
          <td key={n} className="num">
            {f.pct(a?.share)}
            <span className="insights-sub">{a && a.eligible ? t('insights.survival.ofEligible', { surviving: f.num(a.surviving), eligible: f.num(a.eligible) }) : t('insights.survival.noneEligible')}</span>
          </td>
        );
      })}
    </tr>
  );
  const undated = data.cohorts.reduce((n, c) => n + c.undatedClosures, 0);
  return (
    <TableWrap label={t('insights.survival.title')}>
      <table className="insights-table insights-survival">
        <caption>{t('insights.survival.caption', { date: d(data.asOf) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.survival.cohort')}</th>
            <th scope="col" className="num">
              {t('insights.survival.designated')}
            </th>
            <th scope="col" className="num">
              {t('insights.survival.operating')}
            </th>
            <th scope="col" className="num">
              {t('insights.survival.rate')}
            </th>
            <th scope="col" className="num">
              {t('insights.survival.shareDesignated')}
            </th>
            <th scope="col" className="num">
              {t('insights.survival.shareOperating')}
            </th>
            {[1, 2, 3].map((n) => (
              <th key={n} scope="col" className="num">
                {t('insights.survival.after', { years: n })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{data.cohorts.map((c) => row(c))}</tbody>
        <tfoot className="insights-totals">{row(data.total, true)}</tfoot>
      </table>
      {undated ? <p className="insights-muted">{t('insights.survival.undated', { count: f.num(undated) })}</p> : null}
    </TableWrap>
  );
}

function SurvivalFormulas({ data }: { data: SurvivalReport }) {
  const { t, l } = useI18n();
  return (
    <div className="insights-formulas">
      <Formula label={t('insights.survival.rate')} explanation={l(data.formulas.operatingRate)} />
      <Formula label={t('insights.survival.afterFormula')} explanation={l(data.formulas.after)} />
      <Formula label={t('insights.km.title')} explanation={l(data.formulas.kaplanMeier)} />
    </div>
  );
}

/** S(t) at a month: the survival after the last step at or before it. */
function survivalAt(curve: KaplanMeierCurve, month: number): number | null {
  let s: number | null = null;
  for (const step of curve.steps) {
    if (step.month > month) break;
    s = step.survival;
  }
  return s;
}

function KaplanMeier({ curves }: { curves: KaplanMeierCurve[] }) {
  const { t, l } = useI18n();
  const f = useStatFormat();
  const months = [...new Set(curves.flatMap((c) => c.atRiskEvery12.map((a) => a.month)))].sort((a, b) => a - b);
  const spec = useMemo<ChartSpec>(
    () => ({
      kind: 'steps',
      curves: curves.map((c) => ({ name: l(c.label), points: c.steps.map((s) => [s.month, s.survival] as [number, number]) })),
      monthLabel: t('insights.km.months'),
      format: (v) => f.pct(v),
    }),
    [curves, l, t, f],
  );
  if (!curves.length) return <p className="insights-muted">{t('insights.km.none')}</p>;
  return (
    <ChartWithTable
      stacked
      caption={t('insights.km.chart')}
      lead={t('insights.chart.alt')}
      chart={<Chart spec={spec} />}
      table={
        <TableWrap label={t('insights.km.title')}>
          <table className="insights-table insights-km">
            <caption>{t('insights.km.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('insights.survival.cohort')}</th>
                {months.map((m) => (
                  <th key={m} scope="col" className="num">
                    {t('insights.km.atMonth', { month: m })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {curves.map((c) => (
                <tr key={c.cohort} data-cohort={c.cohort}>
                  <th scope="row">{c.cohort === 'total' ? t('insights.survival.total') : l(c.label)}</th>
                  {months.map((m) => {
                    const risk = c.atRiskEvery12.find((a) => a.month === m);
                    const s = risk ? survivalAt(c, m) : null;
                    return (
                      <td key={m} className="num">
                        {s === null ? t('insights.none') : f.pct(s * 100)}
                        {risk ? <span className="insights-sub">{t('insights.km.atRisk', { count: f.num(risk.atRisk) })}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      }
    />
  );
}

// ─── location quotients ──────────────────────────────────────────────────────────────────────

function LocationQuotientTab({ asOf, basis, type, counts, set }: { asOf: string; basis: CountBasis; type: string; counts: boolean; set: (c: Record<string, string | null>) => void }) {
  const { t, l } = useI18n();
  const taxonomy = useTaxonomy();
  const query = useLocationQuotients({ asOf, basis, type: type || undefined });
  const countsId = useId();
  return (
    <Section id="location-quotients" title={t('insights.lq.title')}>
      <p className="insights-muted">{t('insights.lq.lead')}</p>
      <form className="insights-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('insights.lq.options')}>
        <Select
          label={t('insights.lq.type')}
          value={type}
          onChange={(e) => set({ lqType: e.target.value || null })}
          options={[{ value: '', label: t('insights.lq.allTypes') }, ...(taxonomy.data?.types ?? []).map((x) => ({ value: x.key, label: l(x.label) }))]}
        />
        <div className="field insights-check">
          <input id={countsId} type="checkbox" checked={counts} onChange={(e) => set({ counts: e.target.checked ? '1' : null })} />
          <label htmlFor={countsId}>{t('insights.lq.showCounts')}</label>
        </div>
      </form>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Formula label={t('insights.lq.formula')} text={query.data.formula.text} explanation={l(query.data.formula.explanation)} />
          <p className="insights-key">
            <strong aria-hidden="true">▲</strong> {t('insights.lq.key', { threshold: query.data.threshold })}
          </p>
          <Downloads path="location-quotients" params={{ asOf, basis, type: type || undefined }} what={t('insights.lq.title')} />
          <LocationQuotients data={query.data} counts={counts} />
          <Notes notes={query.data.notes} />
        </Busy>
      ) : null}
    </Section>
  );
}

function LocationQuotients({ data, counts }: { data: LocationQuotientTable; counts: boolean }) {
  const { t, l, d } = useI18n();
  const f = useStatFormat();
  const high = data.rows.reduce((n, r) => n + r.cells.filter((c) => c.high).length, 0);
  return (
    <TableWrap label={t('insights.lq.title')}>
      <table className="insights-table insights-lq">
        <caption>{t('insights.lq.caption', { date: d(data.asOf), n: f.num(data.total), high: f.num(high) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('insights.dist.area')}</th>
            <th scope="col" className="num">
              {t('insights.lq.districtCount')}
            </th>
            {data.industries.map((i) => (
              <th key={i.key} scope="col" className="num" data-key={i.key}>
                {l(i.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.code} data-code={r.code}>
              <th scope="row">{l(r.label)}</th>
              <td className="num">{f.num(r.count)}</td>
              {r.cells.map((c) => (
                <td key={c.industry} className={`num${c.high ? ' insights-high' : ''}`} data-industry={c.industry}>
                  {c.high ? (
                    <strong>
                      {f.ratio(c.lq)}
                      <span aria-hidden="true"> ▲</span>
                      <span className="visually-hidden"> ({t('insights.lq.highMark', { threshold: data.threshold })})</span>
                    </strong>
                  ) : (
                    f.ratio(c.lq)
                  )}
                  {counts ? <span className="insights-sub">{t('insights.lq.count', { count: f.num(c.count) })}</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="insights-totals">
            <th scope="row">{t('insights.lq.seoul')}</th>
            <td className="num">{f.num(data.total)}</td>
            {data.industries.map((i) => (
              <td key={i.key} className="num">
                {f.num(i.count)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
