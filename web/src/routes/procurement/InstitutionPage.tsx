import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, Loading, PageHeader, Select } from '../../ui/index.tsx';
import type { ChartSpec } from './Charts.tsx';
import { ItemTable } from './Dashboard.tsx';
import { rowsOf, useInstitution, useInstitutionItems, useSummary, useTargetAchievement, type Institution, type ItemRow, type Summary, type TargetAchievement } from './data.ts';
import { Busy, ChartWithTable, Downloads, Headline, recordsHref, Section, TableWrap, useMoney } from './parts.tsx';
import { useLabels, useYear } from './year.ts';

/**
 * /procurement/institutions/:id: one institution's purchases of a year — the headline figures, the
 * purchases by item with the SEO share of each, and how far each of its targets is reached. What a
 * buyer officer sees as their dashboard; private institutions only for their officers and staff.
 */
export default function InstitutionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const institution = useInstitution(id);
  const { year, years, probe } = useYear(params.get('year'), id);
  if (institution.isLoading) return <Loading />;
  if (institution.error) {
    return (
      <>
        <PageHeader title={t('procurement.institutionPage.title')} />
        <ErrorState error={institution.error} retry={() => void institution.refetch()} />
      </>
    );
  }
  const inst = institution.data;
  if (!inst) return null;
  return (
    <div className="procurement-institution">
      <PageHeader title={inst.name} lead={t('procurement.institutionPage.lead')} />
      <p>
        <Link to={`/procurement${year ? `?year=${year}` : ''}`}>{t('procurement.records.back')}</Link>
      </p>
      <form className="procurement-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('procurement.controls')}>
        <Select
          label={t('procurement.year')}
          value={year ? String(year) : ''}
          onChange={(e) => setParams({ year: e.target.value }, { replace: true })}
          options={(years.length ? years : year ? [year] : []).map((y) => ({ value: String(y), label: t('procurement.yearOption', { year: String(y) }) }))}
        />
      </form>
      {probe.error ? <ErrorState error={probe.error} retry={() => void probe.refetch()} /> : null}
      {year !== undefined ? <InstitutionYear institution={inst} year={year} /> : <Loading />}
    </div>
  );
}

export function InstitutionYear({ institution, year, compact }: { institution: Institution; year: number; compact?: boolean }) {
  const { t } = useI18n();
  const summary = useSummary({ year, institutionId: institution.id });
  const items = useInstitutionItems(institution.id, year);
  const targets = useTargetAchievement({ year, institutionId: institution.id });
  const filters = { year, institutionId: institution.id };
  return (
    <>
      {!institution.recordsPublic ? <p className="procurement-private-note">{t('procurement.institutionPage.private')}</p> : null}
      {summary.error ? <ErrorState error={summary.error} retry={() => void summary.refetch()} /> : null}
      {summary.data ? (
        <Busy busy={summary.isPlaceholderData}>
          <InstitutionHeadlines data={summary.data} filters={filters} />
        </Busy>
      ) : summary.isLoading ? (
        <Loading />
      ) : null}
      <Section id={`targets-${institution.id}`} title={t('procurement.targets.title')}>
        {targets.error ? <ErrorState error={targets.error} /> : null}
        {targets.data ? <TargetTable rows={rowsOf<TargetAchievement>(targets.data).filter((r) => r.institution?.id === institution.id || !r.institution)} year={year} /> : targets.isLoading ? <Loading /> : null}
      </Section>
      {!compact ? (
        <Section id={`items-${institution.id}`} title={t('procurement.institutionPage.items')}>
          {items.error ? <ErrorState error={items.error} retry={() => void items.refetch()} /> : null}
          {items.data ? (
            <Busy busy={items.isPlaceholderData}>
              <Downloads path={`institutions/${institution.id}/items`} params={{ year }} what={t('procurement.institutionPage.items')} />
              <ItemsChart rows={rowsOf<ItemRow>(items.data)} year={year} institutionId={institution.id} />
            </Busy>
          ) : items.isLoading ? (
            <Loading />
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

function InstitutionHeadlines({ data, filters }: { data: Summary; filters: { year: number; institutionId: string } }) {
  const { t } = useI18n();
  const m = useMoney();
  return (
    <dl className="procurement-cards">
      <Headline label={t('procurement.card.total')} value={m.eok(data.total.amount)} href={recordsHref(filters)} formula={t('procurement.card.totalFormula', { records: m.num(data.total.records), won: m.won(data.total.amount) })} />
      <Headline label={t('procurement.card.seo')} value={m.eok(data.seo.amount)} href={recordsHref({ ...filters, seo: 'true' })} formula={t('procurement.card.seoFormula', { records: m.num(data.seo.records), won: m.won(data.seo.amount) })} />
      <Headline label={t('procurement.card.share')} value={m.pct(data.seo.share)} formula={`${m.eok(data.seo.amount)} ÷ ${m.eok(data.total.amount)} = ${m.pct(data.seo.share)}`} />
      <Headline
        label={t('procurement.card.target')}
        value={data.target ? m.pct(data.target.achievement) : t('procurement.card.noTarget')}
        formula={data.target ? `${m.eok(data.seo.amount)} ÷ ${m.eok(data.target.amount)} = ${m.pct(data.target.achievement)}` : t('procurement.card.noTargetHint')}
      />
    </dl>
  );
}

export function TargetTable({ rows, year }: { rows: TargetAchievement[]; year: number }) {
  const { t } = useI18n();
  const m = useMoney();
  const labels = useLabels();
  if (!rows.length) return <p className="procurement-muted">{t('procurement.targets.none', { year: String(year) })}</p>;
  return (
    <TableWrap label={t('procurement.targets.title')}>
      <table className="procurement-table">
        <caption>{t('procurement.targets.caption', { year: String(year) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procurement.institution')}</th>
            <th scope="col">{t('procurement.targets.item')}</th>
            <th scope="col" className="num">
              {t('procurement.col.target')}
            </th>
            <th scope="col" className="num">
              {t('procurement.col.seo')}
            </th>
            <th scope="col" className="num">
              {t('procurement.col.achievement')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.targetId}>
              <th scope="row">{r.institution ? r.institution.name : t('procurement.targets.cityWide')}</th>
              <td>{r.itemCode ? labels.item(r.itemCode) : t('procurement.targets.overall')}</td>
              <td className="num">{m.won(r.amount)}</td>
              <td className="num">{m.won(r.seoAmount)}</td>
              <td className="num">
                {m.pct(r.achievement)}
                {r.achievement !== null ? <meter className="procurement-meter" min={0} max={1} value={Math.min(r.achievement / 100, 1)} aria-hidden="true" /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ItemsChart({ rows, year, institutionId }: { rows: ItemRow[]; year: number; institutionId: string }) {
  const { t, l } = useI18n();
  const m = useMoney();
  const top = rows.slice(0, 15);
  const spec = useMemo<ChartSpec>(
    () => ({
      categories: top.map((r) => (r.itemCode ? l(r.label) : t('procurement.item.other'))),
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
    <ChartWithTable spec={spec} caption={t('procurement.institutionPage.itemsChart')} stacked table={<ItemTable rows={rows} filters={{ year, institutionId }} caption={t('procurement.institutionPage.itemsCaption', { year: String(year) })} />} />
  );
}
