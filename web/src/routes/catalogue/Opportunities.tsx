import { lazy, Suspense, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Empty, ErrorState, Loading, TextInput } from '../../ui/index.tsx';
import { CHART_TEXT, CHART_TEXT_SUBTLE, escapeHtml, type ChartOption } from '../../ui/EChart.tsx';
import { useOpportunities, type Opportunities as OpportunityTable } from './data.ts';
import './catalogue.css';

// ECharts comes in a chunk of its own with the first chart.
const EChart = lazy(() => import('../../ui/EChart.tsx'));

/** Each category's spend split into what went to social economy enterprises and what did not (the table has the same figures). */
function SpendChart({ rows }: { rows: OpportunityTable['rows'] }) {
  const { t, l, n } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const names = rows.map((r) => l(r.category.label)).reverse();
    const seo = rows.map((r) => r.seoAmount).reverse();
    const rest = rows.map((r) => r.score).reverse();
    return {
      grid: { left: 8, right: 24, top: 32, bottom: 36, containLabel: true },
      legend: { top: 0, textStyle: { color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { axisValue: string; seriesName: string; value: number }[]) =>
          [escapeHtml(items[0]?.axisValue ?? ''), ...items.map((i) => `${escapeHtml(i.seriesName)}: ${escapeHtml(t('catalogue.won', { amount: n(i.value) }))}`)].join('<br>'),
      },
      xAxis: { type: 'value', name: t('catalogue.opp.unit'), nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: CHART_TEXT_SUBTLE }, axisLabel: { color: CHART_TEXT_SUBTLE, formatter: (v: number) => n(v / 100_000_000) } },
      yAxis: { type: 'category', data: names, axisLabel: { color: CHART_TEXT } },
      series: [
        { name: t('catalogue.opp.seoAmount'), type: 'bar', stack: 'spend', data: seo, itemStyle: { color: '#1d4f91' } },
        { name: t('catalogue.opp.score'), type: 'bar', stack: 'spend', data: rest, itemStyle: { color: '#c9d3e3' } },
      ],
    };
  }, [rows, t, l, n]);
  return (
    <Suspense fallback={<Loading />}>
      <EChart option={option} height={`${rows.length * 34 + 100}px`} className="catalogue-chart" />
    </Suspense>
  );
}

/**
 * /staff/procurement/opportunities (mounted by the staff procurement console, which finds this file by
 * name): categories ranked by public spend not yet going to social economy enterprises, each with the
 * firms offering in it and fitting firms that offer nothing there yet.
 */
export default function Opportunities() {
  const { t, l, n } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || undefined;
  const q = useOpportunities(year);
  const captionId = useId();
  return (
    <section className="catalogue-opportunities" aria-labelledby={captionId}>
      <h2 id={captionId}>{t('catalogue.opp.title')}</h2>
      <p>{t('catalogue.opp.lead')}</p>
      <form
        className="catalogue-row"
        onSubmit={(e) => {
          e.preventDefault();
          const y = String(new FormData(e.currentTarget).get('year') ?? '').trim();
          setParams(y ? { year: y } : {});
        }}
      >
        <TextInput label={t('catalogue.opp.year')} name="year" type="number" min={2000} max={2100} inputMode="numeric" defaultValue={year ?? q.data?.year ?? ''} key={q.data?.year ?? 'none'} />
        <p>
          <button type="submit" className="btn secondary small">
            {t('catalogue.opp.show')}
          </button>
        </p>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : !q.data.rows.length ? (
        <Empty>{t('catalogue.opp.none')}</Empty>
      ) : (
        <>
          <SpendChart rows={q.data.rows} />
          <div className="table-wrap">
            <table className="table catalogue-opp-table">
              <caption>{t('catalogue.opp.caption', { year: String(q.data.year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalogue.opp.rank')}</th>
                  <th scope="col">{t('catalogue.opp.category')}</th>
                  <th scope="col" className="num">
                    {t('catalogue.opp.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('catalogue.opp.seoAmount')}
                  </th>
                  <th scope="col" className="num">
                    {t('catalogue.opp.share')}
                  </th>
                  <th scope="col" className="num">
                    {t('catalogue.opp.score')}
                  </th>
                  <th scope="col">{t('catalogue.opp.suppliers')}</th>
                  <th scope="col">{t('catalogue.opp.prospects')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.rows.map((r, i) => (
                  <tr key={r.category.code}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      <Link to={`/catalogue?category=${r.category.code}`}>{l(r.category.label)}</Link>
                    </th>
                    <td className="num">{t('catalogue.won', { amount: n(r.amount) })}</td>
                    <td className="num">{t('catalogue.won', { amount: n(r.seoAmount) })}</td>
                    <td className="num">{`${(r.share * 100).toFixed(1)}%`}</td>
                    <td className="num">{t('catalogue.won', { amount: n(r.score) })}</td>
                    <td>
                      {r.suppliers.length ? (
                        <ul className="catalogue-names">
                          {r.suppliers.map((s) => (
                            <li key={s.organization.id}>
                              <Link to={`/organizations/${s.organization.id}`} lang="ko">
                                {s.organization.name}
                              </Link>
                              {s.deliveryRecord.records ? ` (${t('catalogue.records', { count: s.deliveryRecord.records })})` : ''}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t('catalogue.opp.noneListed')
                      )}
                    </td>
                    <td>
                      {r.prospects.length ? (
                        <ul className="catalogue-names">
                          {r.prospects.map((p) => (
                            <li key={p.id}>
                              <Link to={`/organizations/${p.id}`} lang="ko">
                                {p.name}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t('catalogue.opp.noneListed')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
