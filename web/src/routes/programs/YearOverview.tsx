import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { OverviewRow, ProgramYear, RollupGroup, RollupMean } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading, PageHeader, Select } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { exportHref, reportHref, useProgramTaxonomy, useYear } from './data.ts';
import { Rate, Reproduced, Section, useFormat } from './parts.tsx';
import { YearImport } from './YearImport.tsx';

const RatesChart = lazy(() => import('./Chart.tsx'));

/** /staff/programs/:year: rollups, chart and overview table, the source's inconsistencies, reports, export and import. */
export function YearOverview() {
  const { t } = useI18n();
  const year = Number(useParams().year);
  const query = useYear(year);
  if (!Number.isInteger(year)) return <NotFound />;
  if (query.isLoading) return <Loading />;
  if (query.error) {
    return (
      <>
        <PageHeader title={t('programs.year.title', { year: String(year) })} />
        <ErrorState error={query.error} retry={() => void query.refetch()} />
        <p>
          <Link to="/staff/programs">{t('programs.backToYears')}</Link>
        </p>
      </>
    );
  }
  return query.data ? <YearPage data={query.data} /> : null;
}

function YearPage({ data }: { data: ProgramYear }) {
  const { t, l } = useI18n();
  const taxonomy = useProgramTaxonomy();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? '';
  const group = params.get('group') ?? '';
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const rows = data.overview.filter((r) => (!group || r.budgetGroup === group) && (!area || r.area === area));
  const areaLabel = (code: string | null) => {
    const a = data.areas.find((x) => x.code === code);
    return a ? l({ ko: a.nameKo, en: a.nameEn ?? '' }) : (code ?? t('programs.none'));
  };
  const groupKeys = [...new Set(data.overview.map((r) => r.budgetGroup))];
  const groupLabel = (key: string) => {
    const g = taxonomy.data?.budgetGroups.find((b) => b.key === key);
    const r = data.rollups.byGroup.find((b) => b.key === `group:${key}`);
    return g ? l({ ko: g.labelKo, en: g.labelEn }) : r ? l(r.label) : key;
  };
  const idOf = useMemo(() => new Map(data.programs.map((p) => [p.code, p.id])), [data.programs]);

  return (
    <div className="programs">
      <p className="programs-crumbs">
        <Link to="/staff/programs">{t('programs.backToYears')}</Link>
      </p>
      <PageHeader title={data.title} lead={[data.organisationName, t('programs.year.lead', { year: String(data.year), count: data.overview.length })].filter(Boolean).join(' · ')}>
        {data.source ? <p className="programs-source">{t('programs.year.source', { source: data.source })}</p> : null}
      </PageHeader>

      <Downloads year={data.year} />

      <Section id="rollups" title={t('programs.rollup.title')}>
        <p className="programs-muted">{t('programs.rollup.lead')}</p>
        <RollupCard group={data.rollups.total} idOf={idOf} year={data.year} main />
        {data.rollups.byGroup.length ? (
          <div className="programs-rollup-grid">
            {data.rollups.byGroup.map((g) => (
              <RollupCard key={g.key} group={g} idOf={idOf} year={data.year} />
            ))}
          </div>
        ) : null}
        {data.rollups.byArea.length ? <AreaTable groups={data.rollups.byArea} /> : null}
      </Section>

      <Section id="overview" title={t('programs.overview.title')}>
        <form className="staff-filters programs-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('programs.filter.label')}>
          <Select
            label={t('programs.filter.area')}
            value={area}
            onChange={(e) => set('area', e.target.value)}
            options={[{ value: '', label: t('programs.filter.allAreas') }, ...data.areas.map((a) => ({ value: a.code, label: l({ ko: a.nameKo, en: a.nameEn ?? '' }) }))]}
          />
          <Select
            label={t('programs.filter.group')}
            value={group}
            onChange={(e) => set('group', e.target.value)}
            options={[{ value: '', label: t('programs.filter.allGroups') }, ...groupKeys.map((k) => ({ value: k, label: groupLabel(k) }))]}
          />
        </form>
        <p role="status" className="staff-count">
          {t('programs.overview.shown', { count: rows.length, total: data.overview.length })}
        </p>
        {rows.length ? (
          <>
            <Chart rows={rows} />
            <OverviewTable rows={rows} year={data.year} idOf={idOf} groupLabel={groupLabel} areaLabel={areaLabel} />
          </>
        ) : (
          <Empty>{t('programs.overview.none')}</Empty>
        )}
        <p className="actions">
          <Link className="btn secondary" to={`/staff/programs/${data.year}/new`}>
            {t('programs.year.newProgram')}
          </Link>
        </p>
      </Section>

      <Notes data={data} />
      <YearImport year={data.year} />
    </div>
  );
}

function Downloads({ year }: { year: number }) {
  const { t } = useI18n();
  const reports = [
    { format: 'html', label: 'HTML' },
    { format: 'pdf', label: 'PDF' },
    { format: 'xlsx', label: 'XLSX' },
    { format: 'hwpx', label: 'HWPX' },
  ] as const;
  return (
    <Section id="downloads" title={t('programs.downloads.title')} className="programs-downloads">
      <div className="programs-download-group">
        <h3>{t('programs.downloads.report')}</h3>
        <p className="programs-muted">{t('programs.downloads.reportLead')}</p>
        <ul className="programs-buttons">
          {reports.map((r) => (
            <li key={r.format}>
              <a className="btn secondary small" href={reportHref(year, r.format)} download>
                {t('programs.downloads.reportAs', { format: r.label })}
              </a>
            </li>
          ))}
        </ul>
      </div>
      <div className="programs-download-group">
        <h3>{t('programs.downloads.data')}</h3>
        <p className="programs-muted">{t('programs.downloads.dataLead')}</p>
        <ul className="programs-buttons">
          <li>
            <a className="btn secondary small" href={exportHref(year, 'xlsx')} download>
              {t('programs.downloads.dataAs', { format: 'XLSX' })}
            </a>
          </li>
          <li>
            <a className="btn secondary small" href={exportHref(year, 'json')} download>
              {t('programs.downloads.dataAs', { format: 'JSON' })}
            </a>
          </li>
          <li>
            <a className="btn text small" href="#import-year">
              {t('programs.downloads.toImport')}
            </a>
          </li>
        </ul>
      </div>
    </Section>
  );
}

function RollupCard({ group, idOf, year, main }: { group: RollupGroup; idOf: Map<string, string>; year: number; main?: boolean }) {
  const { t, l } = useI18n();
  const f = useFormat();
  return (
    <article className={`card programs-rollup${main ? ' main' : ''}`} aria-label={l(group.label)}>
      <h3 className="programs-rollup-title">
        {l(group.label)} <span className="badge">{t('programs.rollup.count', { count: group.programCount })}</span>
      </h3>
      <dl className="programs-money">
        <div>
          <dt>{t('programs.col.granted')}</dt>
          <dd>
            {f.won(group.money.granted)}
            {group.grantedReported !== null ? (
              <span className="programs-reported">
                {t('programs.rollup.grantedReported', { value: f.won(group.grantedReported) })}
                {group.grantedDifference ? ` · ${t('programs.rollup.grantedDifference', { value: f.wonSigned(group.grantedDifference) })}` : ''}{' '}
                <Reproduced reproduces={group.grantedDifference === 0 || group.grantedDifference === null} />
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('programs.col.spent')}</dt>
          <dd>{f.won(group.money.spent)}</dd>
        </div>
      </dl>
      {group.programCount ? (
        <div className="programs-means">
          <Means title={t('programs.col.achievement')} means={group.achievement} idOf={idOf} year={year} />
          <Means title={t('programs.col.execution')} means={group.execution} idOf={idOf} year={year} />
        </div>
      ) : (
        <p className="programs-muted">{t('programs.rollup.noPrograms')}</p>
      )}
    </article>
  );
}

function Means({ title, means, idOf, year }: { title: string; means: RollupMean[]; idOf: Map<string, string>; year: number }) {
  const { t, l } = useI18n();
  const f = useFormat();
  return (
    <div className="programs-mean-list">
      <p className="programs-mean-heading">{title}</p>
      <ul>
        {means.map((m) => (
          <li key={`${m.method}-${m.of ?? ''}`} className="programs-mean">
            <p className="programs-mean-value">
              <span className="programs-mean-label">{l(m.label)}</span> <strong>{f.pct(m.value)}</strong> <Reproduced reproduces={m.reproduces} />
            </p>
            <p className="programs-formula">
              {t('programs.rollup.formula')}: <span>{l(m.formula)}</span>
            </p>
            {m.reported !== null ? (
              <p className="programs-reported">
                {t('programs.rate.reported', { value: f.pct(m.reported) })}
                {m.difference !== null ? ` · ${t('programs.rate.difference', { value: f.pp(m.difference) })}` : ''}
              </p>
            ) : null}
            {m.programCodes.length ? (
              <details className="programs-drill">
                <summary>
                  {t('programs.rollup.drill', { count: m.programCodes.length })}
                  <span className="visually-hidden">
                    {' '}
                    ({title}, {l(m.label)})
                  </span>
                </summary>
                <ul className="programs-codes">
                  {m.programCodes.map((code) => (
                    <li key={code}>{idOf.get(code) ? <Link to={`/staff/programs/${year}/${idOf.get(code)}`}>{code}</Link> : code}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Per strategic area: programmes, money and the simple means, as one table. */
function AreaTable({ groups }: { groups: RollupGroup[] }) {
  const { t, l } = useI18n();
  const f = useFormat();
  const simple = (ms: RollupMean[]) => ms.find((m) => m.method === 'simple');
  return (
    <details className="programs-areas">
      <summary>{t('programs.rollup.byArea')}</summary>
      <div className="table-wrap">
        <table>
          <caption>{t('programs.rollup.byAreaCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programs.col.area')}</th>
              <th scope="col" className="num">
                {t('programs.years.count')}
              </th>
              <th scope="col" className="num">
                {t('programs.col.granted')}
              </th>
              <th scope="col" className="num">
                {t('programs.rollup.grantedReportedShort')}
              </th>
              <th scope="col" className="num">
                {t('programs.col.spent')}
              </th>
              <th scope="col" className="num">
                {t('programs.rollup.simpleAchievement')}
              </th>
              <th scope="col" className="num">
                {t('programs.rollup.simpleExecution')}
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{l(g.label)}</th>
                <td className="num">{f.num(g.programCount)}</td>
                <td className="num">{f.won(g.money.granted)}</td>
                <td className="num">
                  {g.grantedReported !== null ? f.won(g.grantedReported) : t('programs.none')}
                  {g.grantedDifference ? <span className="programs-reported"> ({f.wonSigned(g.grantedDifference)})</span> : null}
                </td>
                <td className="num">{f.won(g.money.spent)}</td>
                <td className="num">{f.pct(simple(g.achievement)?.value)}</td>
                <td className="num">{f.pct(simple(g.execution)?.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Chart({ rows }: { rows: OverviewRow[] }) {
  const { t } = useI18n();
  const f = useFormat();
  const chartRows = useMemo(() => rows.map((r) => ({ code: r.code, name: r.name, achievement: r.achievement.value, execution: r.execution.value })), [rows]);
  const labels = useMemo(
    () => ({ achievement: t('programs.col.achievement'), execution: t('programs.col.execution'), target: t('programs.chart.target') }),
    [t],
  );
  return (
    <figure className="programs-figure">
      <figcaption>
        <strong>{t('programs.chart.title')}</strong> <span className="programs-muted">{t('programs.chart.alt')}</span>
      </figcaption>
      <Suspense fallback={<Loading />}>
        <RatesChart rows={chartRows} labels={labels} format={f.pct} />
      </Suspense>
    </figure>
  );
}

function OverviewTable({
  rows,
  year,
  idOf,
  groupLabel,
  areaLabel,
}: {
  rows: OverviewRow[];
  year: number;
  idOf: Map<string, string>;
  groupLabel: (k: string) => string;
  areaLabel: (code: string | null) => string;
}) {
  const { t } = useI18n();
  const f = useFormat();
  const granted = rows.reduce((s, r) => s + (r.money.granted ?? 0), 0);
  const spent = rows.reduce((s, r) => s + (r.money.spent ?? 0), 0);
  return (
    <div className="table-wrap">
      <table className="programs-overview">
        <caption>{t('programs.overview.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programs.col.area')}</th>
            <th scope="col">{t('programs.col.code')}</th>
            <th scope="col">{t('programs.col.name')}</th>
            <th scope="col">{t('programs.col.targets')}</th>
            <th scope="col">{t('programs.col.results')}</th>
            <th scope="col" className="num">
              {t('programs.col.granted')}
            </th>
            <th scope="col" className="num">
              {t('programs.col.execution')}
            </th>
            <th scope="col" className="num">
              {t('programs.col.achievement')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.programId} data-code={r.code}>
              <td>
                {areaLabel(r.area)}
                <span className="programs-group">{groupLabel(r.budgetGroup)}</span>
              </td>
              <td className="programs-code">{r.code}</td>
              <th scope="row">
                <Link to={`/staff/programs/${year}/${r.programId}`}>{r.name}</Link>
                {!r.counted ? <span className="programs-muted"> {t('programs.overview.notCounted')}</span> : null}
                {r.children.length ? (
                  <span className="programs-children">
                    {t('programs.overview.children')}{' '}
                    {r.children.map((c, i) => (
                      <span key={c}>
                        {i ? ', ' : ''}
                        {idOf.get(c) ? <Link to={`/staff/programs/${year}/${idOf.get(c)}`}>{c}</Link> : c}
                      </span>
                    ))}
                  </span>
                ) : null}
              </th>
              <td className="programs-text">{r.targets || t('programs.none')}</td>
              <td className="programs-text">{r.results || t('programs.none')}</td>
              <td className="num">{f.won(r.money.granted)}</td>
              <td className="num">
                <Rate rate={r.execution} label={`${r.code} ${t('programs.col.execution')}`} />
                <Excluded reason={r.excludedFromMeans?.execution} />
              </td>
              <td className="num">
                <Rate rate={r.achievement} label={`${r.code} ${t('programs.col.achievement')}`} />
                <Excluded reason={r.excludedFromMeans?.achievement} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t('programs.overview.sum', { count: rows.length })}
            </th>
            <td className="num">{f.won(granted)}</td>
            <td className="num" colSpan={2}>
              {t('programs.overview.spentSum', { value: f.won(spent) })}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Why a row's rate is not in the year's means, when it is not. */
function Excluded({ reason }: { reason: string | null | undefined }) {
  const { t } = useI18n();
  if (!reason) return null;
  return <span className="programs-excluded">{t('programs.overview.excluded', { reason })}</span>;
}

function Notes({ data }: { data: ProgramYear }) {
  const { t } = useI18n();
  if (!data.notes.length) return null;
  return (
    <Section id="notes" title={t('programs.notes.title')}>
      <p className="programs-muted">{t('programs.notes.lead')}</p>
      <details className="programs-notes">
        <summary>{t('programs.notes.show', { count: data.notes.length })}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('programs.notes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programs.notes.code')}</th>
                <th scope="col">{t('programs.notes.scope')}</th>
                <th scope="col">{t('programs.notes.text')}</th>
                <th scope="col">{t('programs.notes.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.notes.map((n, i) => (
                <tr key={`${n.code ?? ''}-${i}`}>
                  <th scope="row">{n.code ?? '—'}</th>
                  <td>
                    {n.scope}
                    {n.kind ? <span className="programs-group">{n.kind}</span> : null}
                  </td>
                  <td>{n.text}</td>
                  <td>{n.source ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Section>
  );
}
