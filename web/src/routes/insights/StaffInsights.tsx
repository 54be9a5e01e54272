import { useMemo } from 'react';
import { Link, Route, Routes, useLocation, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, Empty, ErrorState, Loading, PageHeader, Pagination, Select } from '../../ui/index.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { useYears } from '../programs/data.ts';
import { useDefinitions, useFigureRows, useFigures, type FigureDefinitionVersion, type FigureRows, type HeadlineFigure } from './data.ts';
import { describeSpec } from './definition.ts';
import { DefinitionEdit } from './DefinitionEdit.tsx';
import { Downloads, Section, TableWrap, useStatFormat } from './parts.tsx';
import './insights.css';

/** /staff/insights/*: the year's headline figures, each figure's drill-down, and the definitions' edit form. */
export default function StaffInsights() {
  return (
    <Routes>
      <Route index element={<Figures />} />
      <Route path="figures/:key" element={<FigureRowsPage />} />
      <Route path="definitions/new" element={<DefinitionEdit />} />
      <Route path="definitions/:key/edit" element={<DefinitionEdit />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** The year a page shows: ?year=, else the newest programme year, else last year. */
function useYearParam(): { year: number; years: number[] } {
  const [params] = useSearchParams();
  const years = useYears();
  const known = useMemo(() => [...new Set((years.data ?? []).map((y) => y.year))].sort((a, b) => b - a), [years.data]);
  const fromUrl = Number(params.get('year'));
  const fallback = known[0] ?? new Date().getFullYear() - 1;
  const year = Number.isInteger(fromUrl) && fromUrl >= 2000 && fromUrl <= 2100 ? fromUrl : fallback;
  return { year, years: known.includes(year) ? known : [year, ...known].sort((a, b) => b - a) };
}

function Figures() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const saved = (location.state as { saved?: string } | null)?.saved;
  const years = useYears();
  const { year, years: options } = useYearParam();
  const figures = useFigures(years.isLoading && !params.get('year') ? Number.NaN : year);
  return (
    <div className="insights">
      <PageHeader title={t('insights.staff.title')} lead={t('insights.staff.lead')} />
      {saved ? (
        <Alert kind="success" live>
          <p>{saved}</p>
        </Alert>
      ) : null}
      <form className="insights-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('insights.staff.yearLabel')}>
        <Select
          label={t('insights.staff.year')}
          value={String(year)}
          onChange={(e) => {
            const year = e.target.value;
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('year', year);
                return next;
              },
              { replace: true },
            );
          }}
          options={options.map((y) => ({ value: String(y), label: t('insights.staff.yearOption', { year: String(y) }) }))}
        />
      </form>
      <Section id="figures" title={t('insights.staff.figures', { year: String(year) })}>
        {figures.isLoading || (years.isLoading && !params.get('year')) ? <Loading /> : null}
        {figures.error ? <ErrorState error={figures.error} retry={() => void figures.refetch()} /> : null}
        {figures.data ? (
          <>
            <p className="insights-muted">{t('insights.staff.figuresLead')}</p>
            <Downloads path="figures" params={{ year: figures.data.year }} what={t('insights.staff.figures', { year: String(figures.data.year) })} />
            <ul className="insights-figures" aria-busy={figures.isPlaceholderData || undefined}>
              {figures.data.figures.map((f) => (
                <FigureCard key={f.key} figure={f} year={figures.data.year} />
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Definitions />
    </div>
  );
}

function FigureCard({ figure, year }: { figure: HeadlineFigure; year: number }) {
  const { t, l } = useI18n();
  const f = useStatFormat();
  const id = `figure-${figure.key}`;
  return (
    <li className="card insights-figure-card" aria-labelledby={id} data-key={figure.key}>
      <h3 id={id}>{l(figure.label)}</h3>
      <p className="insights-figure-value">
        <strong>{f.num(figure.value)}</strong> {l(figure.unit)}
      </p>
      <p className="insights-muted">{l(figure.explanation)}</p>
      <dl className="insights-facts">
        <div>
          <dt>{t('insights.staff.reported')}</dt>
          <dd>
            {figure.reported ? (
              <>
                {f.num(figure.reported.value)} {l(figure.unit)}
                {figure.reported.source ? <span className="insights-sub">{figure.reported.source}</span> : null}
                {figure.reported.note ? <span className="insights-sub">“{figure.reported.note}”</span> : null}
              </>
            ) : (
              t('insights.staff.notReported')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('insights.staff.difference')}</dt>
          <dd>{figure.difference === null ? t('insights.none') : f.signed(figure.difference)}</dd>
        </div>
        <div>
          <dt>{t('insights.staff.definition')}</dt>
          <dd>{t('insights.staff.version', { version: figure.version })}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/staff/insights/figures/${encodeURIComponent(figure.key)}?year=${year}&version=${figure.version}`}>
          {t('insights.staff.drill')}
          <span className="visually-hidden"> ({l(figure.label)})</span>
        </Link>
      </p>
    </li>
  );
}

function createdByLabel(v: FigureDefinitionVersion, t: ReturnType<typeof useI18n>['t']): string {
  const { label } = v.createdBy;
  if (label.startsWith('system:')) return t('insights.def.bySystem', { name: label.slice('system:'.length) });
  if (label === 'api-token') return t('insights.def.byToken');
  return t('insights.def.byUser');
}

function Definitions() {
  const { t, l, d } = useI18n();
  const query = useDefinitions();
  return (
    <Section id="definitions" title={t('insights.def.title')}>
      <p className="insights-muted">{t('insights.def.lead')}</p>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <ul className="insights-definitions">
          {query.data.items.map((item) => {
            const c = item.current;
            return (
              <li key={item.key} className="card" data-key={item.key}>
                <h3>
                  {l(c.label)} <span className="badge">{t('insights.staff.version', { version: c.version })}</span>
                </h3>
                <p className="insights-definition-text">{describeSpec(c.definition, t)}</p>
                {c.note ? <p className="insights-muted">{c.note}</p> : null}
                <p className="insights-sub">
                  {t('insights.def.meta', { key: item.key, from: d(c.validFrom), by: createdByLabel(c, t), at: d(c.createdAt, true), unit: l(c.unit) })}
                </p>
                <p className="actions">
                  <Link className="btn secondary small" to={`/staff/insights/definitions/${encodeURIComponent(item.key)}/edit`}>
                    {t('insights.def.edit')}
                    <span className="visually-hidden"> ({l(c.label)})</span>
                  </Link>
                </p>
                {item.versions.length > 1 ? <Versions versions={item.versions} label={l(c.label)} /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="actions">
        <Link className="btn secondary" to="/staff/insights/definitions/new">
          {t('insights.def.new')}
        </Link>
      </p>
    </Section>
  );
}

function Versions({ versions, label }: { versions: FigureDefinitionVersion[]; label: string }) {
  const { t, l, d } = useI18n();
  return (
    <details className="insights-versions">
      <summary>
        {t('insights.def.versions', { count: versions.length })}
        <span className="visually-hidden"> ({label})</span>
      </summary>
      <TableWrap label={t('insights.def.versionsCaption', { label })}>
        <table className="insights-table">
          <caption className="visually-hidden">{t('insights.def.versionsCaption', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('insights.def.version')}</th>
              <th scope="col">{t('insights.def.label')}</th>
              <th scope="col">{t('insights.def.definition')}</th>
              <th scope="col">{t('insights.def.validFrom')}</th>
              <th scope="col">{t('insights.def.note')}</th>
              <th scope="col">{t('insights.def.written')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{t('insights.staff.version', { version: v.version })}</th>
                <td>{l(v.label)}</td>
                <td>{describeSpec(v.definition, t)}</td>
                <td>{d(v.validFrom)}</td>
                <td>{v.note ?? t('insights.none')}</td>
                <td>
                  {createdByLabel(v, t)}
                  <span className="insights-sub">{d(v.createdAt, true)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

// ─── drill-down ──────────────────────────────────────────────────────────────────────────────

const PAGE_SIZE = 50;

function FigureRowsPage() {
  const { t } = useI18n();
  const key = useParams().key ?? '';
  const [params] = useSearchParams();
  const { year } = useYearParam();
  const versionParam = Number(params.get('version'));
  const version = Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined;
  const query = useFigureRows(key, year, version);
  const back = (
    <p className="insights-crumbs">
      <Link to={`/staff/insights?year=${year}`}>{t('insights.staff.back')}</Link>
    </p>
  );
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) {
    return (
      <div className="insights">
        {back}
        <PageHeader title={t('insights.rows.titleFallback', { key })} />
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      </div>
    );
  }
  return (
    <div className="insights">
      {back}
      <RowsView data={query.data} />
    </div>
  );
}

function cellText(v: string | number | boolean | null, f: ReturnType<typeof useStatFormat>, t: ReturnType<typeof useI18n>['t']): string {
  if (v === null) return t('insights.none');
  if (typeof v === 'boolean') return t(v ? 'insights.def.true' : 'insights.def.false');
  if (typeof v === 'number') return f.num(v);
  return v;
}

function RowsView({ data }: { data: FigureRows }) {
  const { t, l } = useI18n();
  const f = useStatFormat();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(data.rows.length / PAGE_SIZE));
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= pages ? pageParam : 1;
  const shown = data.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // Identifiers are links, not columns: an organisation's name opens its page.
  const columns = data.columns.filter((c) => !/Id$/.test(c.key));
  const hrefOf = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `?${next.toString()}`;
  };
  const valueColumn = data.valueColumn ? data.columns.find((c) => c.key === data.valueColumn) : undefined;
  const lead = valueColumn
    ? t('insights.rows.leadSum', { value: f.num(data.value), count: f.num(data.rows.length), column: l(valueColumn.label) })
    : t('insights.rows.leadCount', { value: f.num(data.value), count: f.num(data.rows.length) });
  return (
    <>
      <PageHeader title={t('insights.rows.title', { label: l(data.label), year: String(data.year) })} lead={lead}>
        <p className="insights-sub">{t('insights.rows.version', { version: data.version })}</p>
      </PageHeader>
      <Downloads path={`figures/${encodeURIComponent(data.key)}/rows`} params={{ year: data.year, version: data.version }} what={l(data.label)} />
      {data.rows.length ? (
        <TableWrap label={l(data.label)}>
          <table className="insights-table insights-rows">
            <caption>{t('insights.rows.caption', { from: f.num((page - 1) * PAGE_SIZE + 1), to: f.num((page - 1) * PAGE_SIZE + shown.length), count: f.num(data.rows.length) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('insights.rows.number')}
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.key === data.valueColumn ? 'num' : undefined}>
                    {l(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r, i) => (
                <tr key={i}>
                  <th scope="row" className="num">
                    {f.num((page - 1) * PAGE_SIZE + i + 1)}
                  </th>
                  {columns.map((c) => (
                    <td key={c.key} className={typeof r[c.key] === 'number' ? 'num' : undefined}>
                      {c.key === 'organization' && typeof r.organizationId === 'string' ? <Link to={`/organizations/${r.organizationId}`}>{cellText(r[c.key] ?? null, f, t)}</Link> : cellText(r[c.key] ?? null, f, t)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="insights-totals">
                <th scope="row" colSpan={valueColumn ? columns.findIndex((c) => c.key === data.valueColumn) + 1 : columns.length + 1}>
                  {valueColumn ? t('insights.rows.sum') : t('insights.rows.total', { count: f.num(data.rows.length) })}
                </th>
                {valueColumn ? (
                  <>
                    <td className="num">{f.num(data.value)}</td>
                    {columns.slice(columns.findIndex((c) => c.key === data.valueColumn) + 1).map((c) => (
                      <td key={c.key} />
                    ))}
                  </>
                ) : null}
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      ) : (
        <Empty>{t('insights.rows.empty')}</Empty>
      )}
      <Pagination page={page} pages={pages} hrefOf={hrefOf} />
    </>
  );
}
