import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorState, Loading, PageHeader, Select } from '../../ui/index.tsx';
import type { ChartSpec } from './Charts.tsx';
import {
  rowsOf,
  useByCategory,
  useByInstitution,
  useByItem,
  useByMethod,
  useInstitutions,
  usePriorityItems,
  useProcurementTaxonomy,
  useSummary,
  type CategoryRow,
  type Concentration,
  type InstitutionRow,
  type ItemRow,
  type MethodRow,
  type Params,
  type PriorityItems,
  type Summary,
} from './data.ts';
import { Busy, Chart, ChartWithTable, CsvDownload, Downloads, FigureLink, Headline, recordsHref, Section, TableWrap, useMoney } from './parts.tsx';
import { useLabels, useYear } from './year.ts';

const TABS = [
  { key: 'priority', label: 'procurement.tab.priority' },
  { key: 'month', label: 'procurement.tab.month' },
  { key: 'category', label: 'procurement.tab.category' },
  { key: 'method', label: 'procurement.tab.method' },
  { key: 'institution', label: 'procurement.tab.institution' },
  { key: 'concentration', label: 'procurement.tab.concentration' },
] as const satisfies readonly { key: string; label: MessageKey }[];
type Tab = (typeof TABS)[number]['key'];

/** HHI at or above this is read as a concentrated market (the usual competition-authority threshold). */
const HHI_HIGH = 2500;
const HHI_MODERATE = 1500;

/**
 * /procurement: public purchases of the year — headline figures with their formulas, the 2013
 * report's ten priority items with the printed figures beside the computed ones, and the year by
 * month, category, contract method, institution and supplier concentration. Every figure links to
 * the records it sums; every chart stands beside its table; every table downloads. The address
 * holds the year, the institution and the tab.
 */
export default function Dashboard() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const institutionId = params.get('institution') ?? undefined;
  const { year, years, probe } = useYear(params.get('year'), institutionId);
  const tab: Tab = TABS.find((x) => x.key === params.get('tab'))?.key ?? 'priority';
  const summary = useSummary({ year, institutionId });
  const institutions = useInstitutions();
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
    if (key === 'priority') next.delete('tab');
    else next.set('tab', key);
    const s = next.toString();
    return s ? `?${s}` : '?';
  };
  const scope = { year, institutionId };
  const chosen = institutions.data?.find((i) => i.id === institutionId);

  return (
    <div className="procurement-dashboard">
      <PageHeader title={t('procurement.title')} lead={t('procurement.lead')} />
      <form className="procurement-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('procurement.controls')}>
        <Select
          label={t('procurement.year')}
          value={year ? String(year) : ''}
          onChange={(e) => set({ year: e.target.value })}
          options={(years.length ? years : year ? [year] : []).map((y) => ({ value: String(y), label: t('procurement.yearOption', { year: String(y) }) }))}
        />
        <Select
          label={t('procurement.institution')}
          hint={t('procurement.institutionHint')}
          value={institutionId ?? ''}
          onChange={(e) => set({ institution: e.target.value || null })}
          options={[{ value: '', label: t('procurement.allInstitutions') }, ...(institutions.data ?? []).filter((i) => i.recordsPublic || i.officer || i.id === institutionId).map((i) => ({ value: i.id, label: i.name }))]}
        />
      </form>
      {probe.error ? <ErrorState error={probe.error} retry={() => void probe.refetch()} /> : null}
      {year === undefined && probe.isLoading ? <Loading /> : null}
      {year !== undefined ? (
        <>
          <p className="procurement-status" role="status">
            {t('procurement.status', { year: String(year), who: chosen ? chosen.name : t('procurement.allInstitutions') })}
          </p>
          {summary.error ? <ErrorState error={summary.error} retry={() => void summary.refetch()} /> : null}
          {summary.data ? (
            <Busy busy={summary.isPlaceholderData}>
              <Headlines data={summary.data} filters={{ year, institutionId }} />
            </Busy>
          ) : summary.isLoading ? (
            <Loading />
          ) : null}
          <nav className="procurement-tabs" aria-label={t('procurement.tab.label')}>
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
          {tab === 'priority' ? <PriorityTab year={year} institutionId={institutionId} /> : null}
          {tab === 'month' && summary.data ? <MonthTab data={summary.data} filters={scope} /> : null}
          {tab === 'category' ? <CategoryTab year={year} institutionId={institutionId} /> : null}
          {tab === 'method' ? <MethodTab year={year} institutionId={institutionId} /> : null}
          {tab === 'institution' ? <InstitutionTab year={year} /> : null}
          {tab === 'concentration' && summary.data ? <ConcentrationTab data={summary.data} filters={scope} /> : null}
        </>
      ) : null}
    </div>
  );
}

function Headlines({ data, filters }: { data: Summary; filters: Params }) {
  const { t } = useI18n();
  const m = useMoney();
  return (
    <dl className="procurement-cards">
      <Headline
        testId="total"
        label={t('procurement.card.total')}
        value={m.eok(data.total.amount)}
        href={recordsHref(filters)}
        formula={t('procurement.card.totalFormula', { records: m.num(data.total.records), won: m.won(data.total.amount) })}
      />
      <Headline
        testId="seo"
        label={t('procurement.card.seo')}
        value={m.eok(data.seo.amount)}
        href={recordsHref({ ...filters, seo: 'true' })}
        formula={t('procurement.card.seoFormula', { records: m.num(data.seo.records), won: m.won(data.seo.amount) })}
      />
      <Headline
        testId="share"
        label={t('procurement.card.share')}
        value={m.pct(data.seo.share)}
        formula={`${m.eok(data.seo.amount)} ÷ ${m.eok(data.total.amount)} = ${m.pct(data.seo.share)}`}
      />
      <Headline
        testId="target"
        label={t('procurement.card.target')}
        value={data.target ? m.pct(data.target.achievement) : t('procurement.card.noTarget')}
        formula={
          data.target
            ? `${t('procurement.card.targetAmount', { amount: m.eok(data.target.amount) })} · ${m.eok(data.seo.amount)} ÷ ${m.eok(data.target.amount)} = ${m.pct(data.target.achievement)}`
            : t('procurement.card.noTargetHint')
        }
      />
    </dl>
  );
}

// ─── priority items ──────────────────────────────────────────────────────────────────────────

function PriorityTab({ year, institutionId }: { year: number; institutionId?: string }) {
  const { t } = useI18n();
  const query = usePriorityItems({ year, institutionId });
  return (
    <Section id="priority" title={t('procurement.priority.title')}>
      <p className="procurement-muted">{t('procurement.priority.lead')}</p>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Downloads path="priority-items" params={{ year, institutionId }} what={t('procurement.priority.title')} />
          <PriorityTable data={query.data} institutionId={institutionId} />
        </Busy>
      ) : null}
    </Section>
  );
}

function PriorityTable({ data, institutionId }: { data: PriorityItems; institutionId?: string }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const printed = data.rows.some((r) => r.printed);
  const base = { year: data.year, institutionId };
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: data.rows.map((r) => l(r.label)),
      series: [
        { name: t('procurement.priority.seoMillion'), values: data.rows.map((r) => Math.round(r.seoAmount / 1e6)) },
        { name: t('procurement.priority.share'), values: data.rows.map((r) => r.share), line: true },
      ],
      format: (v) => m.num(v),
      lineFormat: (v) => (v === null ? m.none : `${Math.round(v)} %`),
    }),
    [data, l, t, m],
  );
  const headline = data.headline;
  const headlinePrinted = headline.printed;
  return (
    <>
      <TableWrap label={t('procurement.priority.title')}>
        <table className="procurement-table procurement-priority">
          <caption>{t('procurement.priority.caption', { year: String(data.year) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.priority.order')}</th>
              <th scope="col">{t('procurement.priority.item')}</th>
              <th scope="col" className="num">
                {t('procurement.priority.seoMillion')}
              </th>
              {printed ? (
                <>
                  <th scope="col" className="num">
                    {t('procurement.priority.printedSeo')}
                  </th>
                  <th scope="col" className="num">
                    {t('procurement.priority.difference')}
                  </th>
                </>
              ) : null}
              <th scope="col" className="num">
                {t('procurement.priority.totalMillion')}
              </th>
              <th scope="col" className="num">
                {t('procurement.priority.share')}
              </th>
              {printed ? (
                <th scope="col" className="num">
                  {t('procurement.priority.printedShare')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.itemCode} data-item={r.itemCode}>
                <td>{r.order}</td>
                <th scope="row">
                  {l(r.label)}
                  {r.anomalies.length ? (
                    <span className="procurement-sub">
                      {t('procurement.priority.seeNote', { ids: r.anomalies.join(', ') })}
                    </span>
                  ) : null}
                </th>
                <td className="num" data-col="seo">
                  <FigureLink filters={{ ...base, itemCode: r.itemCode, seo: 'true' }} label={t('procurement.priority.seoLink', { item: l(r.label) })}>
                    {m.million(r.seoAmount)}
                  </FigureLink>
                </td>
                {printed ? (
                  <>
                    <td className="num" data-col="printed-seo">
                      {r.printed?.seoAmount === null || r.printed?.seoAmount === undefined ? m.none : m.million(r.printed.seoAmount)}
                    </td>
                    <td className="num" data-col="difference">
                      {r.difference ? (
                        <>
                          {m.signed(Math.round(r.difference.seoAmount / 1e6))}
                          {r.difference.share ? <span className="procurement-sub">{t('procurement.priority.shareDifference', { points: m.signed(r.difference.share) })}</span> : null}
                        </>
                      ) : (
                        m.none
                      )}
                    </td>
                  </>
                ) : null}
                <td className="num" data-col="total">
                  <FigureLink filters={{ ...base, itemCode: r.itemCode }} label={t('procurement.priority.totalLink', { item: l(r.label) })}>
                    {m.million(r.totalAmount)}
                  </FigureLink>
                </td>
                <td className="num" data-col="share">
                  {m.pct(r.share)}
                </td>
                {printed ? (
                  <td className="num" data-col="printed-share">
                    {m.printedPct(r.printed?.share)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="procurement-totals">
              <td />
              <th scope="row">{t('procurement.priority.total')}</th>
              <td className="num">{m.million(data.total.seoAmount)}</td>
              {printed ? (
                <>
                  <td className="num">{m.million(data.total.printed?.seoAmount)}</td>
                  <td className="num">
                    {data.total.printed?.seoAmount === null || data.total.printed?.seoAmount === undefined ? m.none : m.signed(Math.round((data.total.seoAmount - data.total.printed.seoAmount) / 1e6))}
                  </td>
                </>
              ) : null}
              <td className="num">{m.million(data.total.totalAmount)}</td>
              <td className="num">{m.pct(data.total.share)}</td>
              {printed ? <td className="num">{m.printedPct(data.total.printed?.share)}</td> : null}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <p className="procurement-formula">
        {t('procurement.priority.headline', {
          items: m.eok(headline.seoAmountOfItems),
          all: m.eok(headline.seoAmountAll),
          share: m.pct(headline.shareOfAllSeo),
        })}
        {headlinePrinted
          ? ` ${t('procurement.priority.headlinePrinted', { items: m.eok(headlinePrinted.seoAmountOfItems), all: m.eok(headlinePrinted.seoAmountAll), share: m.printedPct(headlinePrinted.shareOfAllSeo), target: m.eok(headlinePrinted.target) })}`
          : null}
      </p>
      {printed ? <p className="procurement-muted">{t('procurement.priority.printedNote')}</p> : null}
      {data.total.printed ? (
        <p className="procurement-muted">
          {t('procurement.priority.printedTotal', { printed: m.million(data.total.printed.seoAmount), sum: m.million(data.total.printed.sumOfItems) })}
        </p>
      ) : null}
      {data.anomalies.length ? (
        <div className="procurement-anomalies">
          <h3>{t('procurement.priority.anomalies')}</h3>
          <ul>
            {data.anomalies.map((a) => (
              <li key={a.id} id={`anomaly-${a.id}`}>
                <strong>{a.id}</strong> {l(a.text)} <span className="procurement-muted">({a.source})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.source ? <p className="procurement-muted procurement-source">{t('procurement.priority.source', { source: data.source })}</p> : null}
      <figure className="procurement-figure">
        <figcaption>
          <strong>{t('procurement.priority.chart')}</strong> <span className="procurement-muted">{t('procurement.chart.alt')}</span>
        </figcaption>
        <Chart spec={spec} />
      </figure>
    </>
  );
}

// ─── by month ────────────────────────────────────────────────────────────────────────────────

function MonthTab({ data, filters }: { data: Summary; filters: Params }) {
  const { t } = useI18n();
  const m = useMoney();
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: data.byMonth.map((r) => t('procurement.month.name', { month: r.month })),
      series: [
        { name: t('procurement.col.others'), values: data.byMonth.map((r) => r.amount - r.seoAmount), stack: 'm' },
        { name: t('procurement.col.seo'), values: data.byMonth.map((r) => r.seoAmount), stack: 'm' },
      ],
      format: (v) => m.eok(v),
    }),
    [data, t, m],
  );
  return (
    <Section id="by-month" title={t('procurement.month.title')}>
      <CsvDownload
        name={`procurement-months-${data.year}.csv`}
        what={t('procurement.month.title')}
        head={[t('procurement.month.month'), t('procurement.col.amount'), t('procurement.col.seo')]}
        rows={data.byMonth.map((r) => [r.month, r.amount, r.seoAmount])}
      />
      <ChartWithTable
        spec={spec}
        caption={t('procurement.month.chart')}
        table={
          <TableWrap label={t('procurement.month.title')}>
            <table className="procurement-table">
              <caption>{t('procurement.month.caption', { year: String(data.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('procurement.month.month')}</th>
                  <th scope="col" className="num">
                    {t('procurement.col.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('procurement.col.seo')}
                  </th>
                  <th scope="col" className="num">
                    {t('procurement.col.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.byMonth.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{t('procurement.month.name', { month: r.month })}</th>
                    <td className="num">
                      <FigureLink filters={{ ...filters, month: r.month }}>{m.won(r.amount)}</FigureLink>
                    </td>
                    <td className="num">
                      <FigureLink filters={{ ...filters, month: r.month, seo: 'true' }}>{m.won(r.seoAmount)}</FigureLink>
                    </td>
                    <td className="num">{m.pct(r.amount ? (r.seoAmount / r.amount) * 100 : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        }
      />
    </Section>
  );
}

// ─── by category and item ────────────────────────────────────────────────────────────────────

function CategoryTab({ year, institutionId }: { year: number; institutionId?: string }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const query = useByCategory({ year, institutionId });
  const items = useByItem({ year, institutionId });
  const rows = rowsOf<CategoryRow>(query.data);
  const filters = { year, institutionId };
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: rows.map((r) => l(r.label)),
      series: [
        { name: t('procurement.col.others'), values: rows.map((r) => r.amount - r.seoAmount), stack: 'c' },
        { name: t('procurement.col.seo'), values: rows.map((r) => r.seoAmount), stack: 'c' },
      ],
      horizontal: true,
      format: (v) => m.eok(v),
    }),
    [rows, l, t, m],
  );
  const kinds = (['product', 'service'] as const).map((kind) => {
    const part = rows.filter((r) => r.kind === kind);
    const amount = part.reduce((n, r) => n + r.amount, 0);
    const seo = part.reduce((n, r) => n + r.seoAmount, 0);
    return { kind, amount, seo };
  });
  return (
    <>
      <Section id="by-category" title={t('procurement.category.title')}>
        {query.isLoading ? <Loading /> : null}
        {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
        {query.data ? (
          <Busy busy={query.isPlaceholderData}>
            <Downloads path="by-category" params={filters} what={t('procurement.category.title')} />
            <ul className="procurement-kinds">
              {kinds.map((k) => (
                <li key={k.kind}>
                  <strong>{t(k.kind === 'product' ? 'procurement.kind.product' : 'procurement.kind.service')}</strong>{' '}
                  {t('procurement.category.kindLine', { amount: m.eok(k.amount), seo: m.eok(k.seo), share: m.pct(k.amount ? (k.seo / k.amount) * 100 : null) })}
                </li>
              ))}
            </ul>
            <ChartWithTable
              spec={spec}
              caption={t('procurement.category.chart')}
              stacked
              table={
                <TableWrap label={t('procurement.category.title')}>
                  <table className="procurement-table">
                    <caption>{t('procurement.category.caption', { year: String(year) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('procurement.category.category')}</th>
                        <th scope="col">{t('procurement.category.kind')}</th>
                        <th scope="col" className="num">
                          {t('procurement.col.amount')}
                        </th>
                        <th scope="col" className="num">
                          {t('procurement.col.seo')}
                        </th>
                        <th scope="col" className="num">
                          {t('procurement.col.share')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.code}>
                          <th scope="row">{l(r.label)}</th>
                          <td>{t(r.kind === 'product' ? 'procurement.kind.product' : 'procurement.kind.service')}</td>
                          <td className="num">
                            <FigureLink filters={{ ...filters, categoryCode: r.code }}>{m.won(r.amount)}</FigureLink>
                          </td>
                          <td className="num">
                            <FigureLink filters={{ ...filters, categoryCode: r.code, seo: 'true' }}>{m.won(r.seoAmount)}</FigureLink>
                          </td>
                          <td className="num">{m.pct(r.share)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              }
            />
          </Busy>
        ) : null}
      </Section>
      <Section id="by-item" title={t('procurement.item.title')}>
        <p className="procurement-muted">{t('procurement.item.lead')}</p>
        {items.error ? <ErrorState error={items.error} retry={() => void items.refetch()} /> : null}
        {items.data ? (
          <>
            <Downloads path="by-item" params={filters} what={t('procurement.item.title')} />
            <ItemTable rows={rowsOf<ItemRow>(items.data)} filters={filters} caption={t('procurement.item.caption', { year: String(year) })} />
          </>
        ) : items.isLoading ? (
          <Loading />
        ) : null}
      </Section>
    </>
  );
}

export function ItemTable({ rows, filters, caption }: { rows: ItemRow[]; filters: Params; caption: string }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const taxonomy = useProcurementTaxonomy();
  const categoryLabel = (code: string) => l(taxonomy.data?.categories.find((c) => c.code === code)?.label) || code;
  return (
    <TableWrap label={caption}>
      <table className="procurement-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procurement.item.item')}</th>
            <th scope="col">{t('procurement.category.category')}</th>
            <th scope="col" className="num">
              {t('procurement.col.amount')}
            </th>
            <th scope="col" className="num">
              {t('procurement.col.seo')}
            </th>
            <th scope="col" className="num">
              {t('procurement.col.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const f = { ...filters, itemCode: r.itemCode, ...(r.itemCode ? {} : { categoryCode: r.categoryCode }) };
            return (
              <tr key={`${r.itemCode}-${r.categoryCode}`}>
                <th scope="row">
                  {r.itemCode ? l(r.label) : t('procurement.item.other')}
                  {r.priorityOrder ? <span className="badge">{t('procurement.item.priority', { order: r.priorityOrder })}</span> : null}
                </th>
                <td>{categoryLabel(r.categoryCode)}</td>
                <td className="num">
                  <FigureLink filters={f}>{m.won(r.amount)}</FigureLink>
                </td>
                <td className="num">
                  <FigureLink filters={{ ...f, seo: 'true' }}>{m.won(r.seoAmount)}</FigureLink>
                </td>
                <td className="num">{m.pct(r.share)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

// ─── by contract method ──────────────────────────────────────────────────────────────────────

function MethodTab({ year, institutionId }: { year: number; institutionId?: string }) {
  const { t } = useI18n();
  const m = useMoney();
  const labels = useLabels();
  const query = useByMethod({ year, institutionId });
  const rows = rowsOf<MethodRow>(query.data);
  const filters = { year, institutionId };
  const byMethod = useMemo(() => {
    const map = new Map<string, { amount: number; seo: number }>();
    for (const r of rows) {
      const x = map.get(r.method) ?? { amount: 0, seo: 0 };
      x.amount += r.amount;
      x.seo += r.seoAmount;
      map.set(r.method, x);
    }
    return [...map.entries()].sort((a, b) => b[1].amount - a[1].amount);
  }, [rows]);
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: byMethod.map(([k]) => labels.method(k)),
      series: [
        { name: t('procurement.col.others'), values: byMethod.map(([, v]) => v.amount - v.seo), stack: 'x' },
        { name: t('procurement.col.seo'), values: byMethod.map(([, v]) => v.seo), stack: 'x' },
      ],
      horizontal: true,
      format: (v) => m.eok(v),
    }),
    [byMethod, labels, t, m],
  );
  return (
    <Section id="by-method" title={t('procurement.method.title')}>
      <p className="procurement-muted">{t('procurement.method.lead')}</p>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Downloads path="by-method" params={filters} what={t('procurement.method.title')} />
          <ChartWithTable
            spec={spec}
            caption={t('procurement.method.chart')}
            table={
              <TableWrap label={t('procurement.method.title')}>
                <table className="procurement-table">
                  <caption>{t('procurement.method.caption', { year: String(year) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('procurement.method.method')}</th>
                      <th scope="col">{t('procurement.method.contractType')}</th>
                      <th scope="col" className="num">
                        {t('procurement.col.records')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.amount')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.seo')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const f = { ...filters, method: r.method, contractType: r.contractType };
                      return (
                        <tr key={`${r.method}-${r.contractType}`}>
                          <th scope="row">{labels.method(r.method)}</th>
                          <td>{labels.contractType(r.contractType)}</td>
                          <td className="num">{m.num(r.records)}</td>
                          <td className="num">
                            <FigureLink filters={f}>{m.won(r.amount)}</FigureLink>
                          </td>
                          <td className="num">
                            <FigureLink filters={{ ...f, seo: 'true' }}>{m.won(r.seoAmount)}</FigureLink>
                          </td>
                          <td className="num">{m.pct(r.amount ? (r.seoAmount / r.amount) * 100 : null)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            }
          />
        </Busy>
      ) : null}
    </Section>
  );
}

// ─── by institution ──────────────────────────────────────────────────────────────────────────

export function institutionName(r: InstitutionRow, l: (v: { ko: string; en: string }) => string): string {
  return typeof r.name === 'string' ? r.name : l(r.name);
}

function InstitutionTab({ year }: { year: number }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const labels = useLabels();
  const query = useByInstitution({ year });
  const rows = rowsOf<InstitutionRow>(query.data);
  const top = rows.slice(0, 20);
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: top.map((r) => institutionName(r, l)),
      series: [
        { name: t('procurement.col.others'), values: top.map((r) => r.amount - r.seoAmount), stack: 'i' },
        { name: t('procurement.col.seo'), values: top.map((r) => r.seoAmount), stack: 'i' },
      ],
      horizontal: true,
      format: (v) => m.eok(v),
    }),
    [top, l, t, m],
  );
  return (
    <Section id="by-institution" title={t('procurement.institutions.title')}>
      <p className="procurement-muted">{t('procurement.institutions.lead')}</p>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Busy busy={query.isPlaceholderData}>
          <Downloads path="by-institution" params={{ year }} what={t('procurement.institutions.title')} />
          <ChartWithTable
            spec={spec}
            caption={t('procurement.institutions.chart', { count: top.length })}
            stacked
            table={
              <TableWrap label={t('procurement.institutions.title')}>
                <table className="procurement-table">
                  <caption>{t('procurement.institutions.caption', { year: String(year) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('procurement.institution')}</th>
                      <th scope="col">{t('procurement.institutions.kind')}</th>
                      <th scope="col" className="num">
                        {t('procurement.col.amount')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.seo')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.share')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.target')}
                      </th>
                      <th scope="col" className="num">
                        {t('procurement.col.achievement')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const name = institutionName(r, l);
                      const id = r.institutionId;
                      return (
                        <tr key={id ?? 'private'} data-private={id ? undefined : 'true'}>
                          <th scope="row">{id ? <Link to={`/procurement/institutions/${id}?year=${year}`}>{name}</Link> : <span className="procurement-private">{name}</span>}</th>
                          <td>{r.kind ? labels.kind(r.kind) : m.none}</td>
                          <td className="num">{id ? <FigureLink filters={{ year, institutionId: id }}>{m.won(r.amount)}</FigureLink> : m.won(r.amount)}</td>
                          <td className="num">{id ? <FigureLink filters={{ year, institutionId: id, seo: 'true' }}>{m.won(r.seoAmount)}</FigureLink> : m.won(r.seoAmount)}</td>
                          <td className="num">{m.pct(r.share)}</td>
                          <td className="num">{r.target === null ? m.none : m.won(r.target)}</td>
                          <td className="num">{m.pct(r.achievement)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            }
          />
        </Busy>
      ) : null}
    </Section>
  );
}

// ─── concentration ───────────────────────────────────────────────────────────────────────────

function hhiReading(hhi: number): MessageKey {
  return hhi >= HHI_HIGH ? 'procurement.hhi.high' : hhi >= HHI_MODERATE ? 'procurement.hhi.moderate' : 'procurement.hhi.low';
}

function ConcentrationTab({ data, filters }: { data: Summary; filters: Params }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const row = (label: string, c: Concentration, seo: boolean): ReactNode => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td className="num">{m.num(c.suppliers)}</td>
      <td className="num">{m.won(c.top10Amount)}</td>
      <td className="num">{m.pct(c.top10Share)}</td>
      <td className="num">
        {c.hhi === null ? m.none : m.num(Math.round(c.hhi))}
        {c.hhi === null ? null : <span className="procurement-sub">{t(hhiReading(c.hhi))}</span>}
      </td>
      <td className="num">
        <FigureLink filters={seo ? { ...filters, seo: 'true' } : filters}>{t('procurement.concentration.records')}</FigureLink>
      </td>
    </tr>
  );
  return (
    <>
      <Section id="concentration" title={t('procurement.concentration.title')}>
        <div className="procurement-explain">
          <p>{t('procurement.concentration.what')}</p>
          <p>{t('procurement.concentration.hhi', { high: m.num(HHI_HIGH), moderate: m.num(HHI_MODERATE) })}</p>
          <p>{t('procurement.concentration.top10')}</p>
        </div>
        <CsvDownload
          name={`procurement-concentration-${data.year}.csv`}
          what={t('procurement.concentration.title')}
          head={[t('procurement.concentration.suppliersOf'), t('procurement.concentration.suppliers'), t('procurement.concentration.top10Amount'), t('procurement.concentration.top10Share'), 'HHI']}
          rows={[
            [t('procurement.concentration.all'), data.concentration.all.suppliers, data.concentration.all.top10Amount, data.concentration.all.top10Share, data.concentration.all.hhi],
            [t('procurement.concentration.seo'), data.concentration.seo.suppliers, data.concentration.seo.top10Amount, data.concentration.seo.top10Share, data.concentration.seo.hhi],
          ]}
        />
        <TableWrap label={t('procurement.concentration.title')}>
          <table className="procurement-table">
            <caption>{t('procurement.concentration.caption', { year: String(data.year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.concentration.suppliersOf')}</th>
                <th scope="col" className="num">
                  {t('procurement.concentration.suppliers')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.concentration.top10Amount')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.concentration.top10Share')}
                </th>
                <th scope="col" className="num">
                  HHI
                </th>
                <th scope="col" className="num">
                  {t('procurement.concentration.recordsCol')}
                </th>
              </tr>
            </thead>
            <tbody>
              {row(t('procurement.concentration.all'), data.concentration.all, false)}
              {row(t('procurement.concentration.seo'), data.concentration.seo, true)}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section id="by-supplier-type" title={t('procurement.supplierType.title')}>
        <TableWrap label={t('procurement.supplierType.title')}>
          <table className="procurement-table">
            <caption>{t('procurement.supplierType.caption', { year: String(data.year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.supplierType.type')}</th>
                <th scope="col" className="num">
                  {t('procurement.col.records')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.col.amount')}
                </th>
                <th scope="col" className="num">
                  {t('procurement.supplierType.shareOfTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.bySupplierType.map((r) => (
                <tr key={r.type || 'unmatched'}>
                  <th scope="row">{r.type ? l(r.label) : t('procurement.supplierType.unmatched')}</th>
                  <td className="num">{m.num(r.records)}</td>
                  <td className="num">
                    <FigureLink filters={{ ...filters, supplierType: r.type }}>{m.won(r.amount)}</FigureLink>
                  </td>
                  <td className="num">{m.pct(data.total.amount ? (r.amount / data.total.amount) * 100 : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
    </>
  );
}
