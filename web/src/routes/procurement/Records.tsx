import { Link, useSearchParams } from 'react-router';
import { qs } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useTaxonomy } from '../../queries.ts';
import { Empty, ErrorState, Loading, PageHeader, Pagination } from '../../ui/index.tsx';
import { ocdsHref, RECORD_FILTERS, useInstitution, useRecords, type Params, type RecordFilter } from './data.ts';
import { Busy, TableWrap, useMoney } from './parts.tsx';
import { useLabels } from './year.ts';

const PAGE_SIZE = 50;

/**
 * /procurement/records: the purchase records behind a figure of the dashboard — the filters come
 * from the address (year, institution, item, category, SEO, month, method…), the page shows their
 * count and sum (the figure the link came from) and the records, paged; the OCDS download holds
 * the year's (and institution's) records as contracting data.
 */
export default function Records() {
  const { t, d } = useI18n();
  const m = useMoney();
  const labels = useLabels();
  const [params] = useSearchParams();
  const typeLabels = useSupplierTypeLabels();
  const filters: Params = {};
  for (const k of RECORD_FILTERS) {
    const v = params.get(k);
    if (v || (v === '' && (k === 'itemCode' || k === 'supplierType'))) filters[k] = v;
  }
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useRecords({ ...filters, page, pageSize: PAGE_SIZE });
  const institutionId = typeof filters.institutionId === 'string' ? filters.institutionId : '';
  const institution = useInstitutionName(institutionId);
  const describe = (k: RecordFilter, v: string): string => {
    switch (k) {
      case 'year':
        return t('procurement.yearOption', { year: v });
      case 'institutionId':
        return institution ?? v;
      case 'itemCode':
        return labels.item(v || null);
      case 'categoryCode':
        return labels.category(v);
      case 'seo':
        return t(v === 'true' ? 'procurement.records.seoOnly' : 'procurement.records.notSeo');
      case 'month':
        return t('procurement.month.name', { month: Number(v) });
      case 'method':
        return labels.method(v);
      case 'contractType':
        return labels.contractType(v);
      case 'supplierType':
        return v === '' ? t('procurement.supplierType.unmatched') : (typeLabels.get(v) ?? v);
    }
  };
  const without = (k: string) => {
    const next = new URLSearchParams(params);
    next.delete(k);
    next.delete('page');
    return `?${next.toString()}`;
  };
  const hrefOf = (p: number) => {
    const next = new URLSearchParams(params);
    if (p === 1) next.delete('page');
    else next.set('page', String(p));
    return `?${next.toString()}`;
  };
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const active = RECORD_FILTERS.filter((k) => filters[k] !== undefined);
  return (
    <div className="procurement-records">
      <PageHeader title={t('procurement.records.title')} lead={t('procurement.records.lead')} />
      <p>
        <Link to={`/procurement${qs({ year: filters.year, institution: filters.institutionId })}`}>{t('procurement.records.back')}</Link>
      </p>
      {filters.year === undefined ? (
        <Empty>{t('procurement.records.needYear')}</Empty>
      ) : (
        <>
          <section aria-labelledby="records-filters" className="procurement-filters">
            <h2 id="records-filters">{t('procurement.records.filters')}</h2>
            <ul className="procurement-chips">
              {active.map((k) => (
                <li key={k}>
                  <span>
                    {t(`procurement.filter.${k}`)}: <strong>{describe(k, String(filters[k]))}</strong>
                  </span>
                  {k !== 'year' ? (
                    <Link to={without(k)} className="btn text small">
                      {t('procurement.records.remove')}
                      <span className="visually-hidden"> ({t(`procurement.filter.${k}`)})</span>
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
            <p>
              <a className="btn secondary small" href={ocdsHref(filters)} download>
                {t('procurement.records.ocds')}
              </a>{' '}
              <span className="procurement-muted">{t('procurement.records.ocdsHint')}</span>
            </p>
          </section>
          {query.isLoading ? <Loading /> : null}
          {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} /> : null}
          {data ? (
            <Busy busy={query.isPlaceholderData}>
              <p className="procurement-sum" role="status" data-sum={data.sum} data-total={data.total} data-hidden-amount={data.hidden?.amount ?? 0}>
                {t('procurement.records.sum', { count: m.num(data.total), sum: m.won(data.sum) })}
              </p>
              {data.hidden ? (
                <p className="procurement-hidden">
                  {t('procurement.records.hidden', {
                    count: m.num(data.hidden.records),
                    amount: m.won(data.hidden.amount),
                    all: m.won(data.sum + data.hidden.amount),
                  })}
                </p>
              ) : null}
              {data.items.length ? (
                <TableWrap label={t('procurement.records.title')}>
                  <table className="procurement-table procurement-record-table">
                    <caption>{t('procurement.records.caption', { page, pages })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('procurement.records.date')}</th>
                        <th scope="col">{t('procurement.institution')}</th>
                        <th scope="col">{t('procurement.records.item')}</th>
                        <th scope="col">{t('procurement.records.supplier')}</th>
                        <th scope="col">{t('procurement.method.method')}</th>
                        <th scope="col" className="num">
                          {t('procurement.col.amount')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((r) => (
                        <tr key={String(r.id)} data-amount={r.amount}>
                          <td>{d(r.purchasedOn)}</td>
                          <td>{r.institution.name}</td>
                          <th scope="row">
                            {r.itemName}
                            <span className="procurement-sub">
                              {r.itemCode ? labels.item(r.itemCode) : labels.category(r.categoryCode)}
                              {r.contractNo ? ` · ${t('procurement.records.contractNo', { no: r.contractNo })}` : ''}
                            </span>
                          </th>
                          <td>
                            {r.supplier.organizationId ? <Link to={`/organizations/${r.supplier.organizationId}`}>{r.supplier.name}</Link> : r.supplier.name}
                            {r.seo ? <span className="badge primary procurement-seo">{t('procurement.records.seoBadge')}</span> : null}
                          </td>
                          <td>
                            {labels.method(r.method)}
                            <span className="procurement-sub">{labels.contractType(r.contractType)}</span>
                          </td>
                          <td className="num">{m.won(r.amount)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              ) : (
                <Empty>{t('procurement.records.none')}</Empty>
              )}
              <Pagination page={page} pages={pages} hrefOf={hrefOf} />
            </Busy>
          ) : null}
        </>
      )}
    </div>
  );
}

/** The institution's name for the filter line (undefined while it loads or when there is none). */
function useInstitutionName(id: string): string | undefined {
  const query = useInstitution(id);
  return id ? query.data?.name : undefined;
}

/** The directory's organisation types by key, in the current language. */
function useSupplierTypeLabels(): Map<string, string> {
  const { l } = useI18n();
  const taxonomy = useTaxonomy();
  return new Map((taxonomy.data?.types ?? []).map((x) => [x.key, l(x.label)]));
}
