import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useProcurementTaxonomy, useSummary } from './data.ts';

/** This year in Seoul. */
export function seoulYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(new Date()));
}

/**
 * The year a page shows: the address's when it is a year, else this year when it has records, else
 * the latest year with records (the summary of this year says which years have them).
 */
export function useYear(param: string | null, institutionId?: string) {
  const fromAddress = param && /^\d{4}$/.test(param) ? Number(param) : undefined;
  const current = seoulYear();
  const probe = useSummary({ year: fromAddress ?? current, institutionId });
  const years = probe.data?.years ?? [];
  let year = fromAddress;
  if (year === undefined && probe.data) year = years.includes(current) || !years.length ? current : Math.max(...years);
  return { year, years: [...years].sort((a, b) => b - a), probe };
}

const METHOD_KEYS: Record<string, MessageKey> = {
  single_source: 'procurement.method.single_source',
  open_tender: 'procurement.method.open_tender',
  restricted_tender: 'procurement.method.restricted_tender',
  designated_tender: 'procurement.method.designated_tender',
  other: 'procurement.method.other',
};
const CONTRACT_KEYS: Record<string, MessageKey> = {
  goods: 'procurement.contract.goods',
  services: 'procurement.contract.services',
  works: 'procurement.contract.works',
  consignment: 'procurement.contract.consignment',
  other: 'procurement.contract.other',
};
const KIND_KEYS: Record<string, MessageKey> = {
  city: 'procurement.kind.city',
  district: 'procurement.kind.district',
  agency: 'procurement.kind.agency',
  office: 'procurement.kind.office',
  other: 'procurement.kind.other',
};

/** Labels of contract methods, contract types, institution kinds, categories and items. */
export function useLabels() {
  const { t, l } = useI18n();
  const taxonomy = useProcurementTaxonomy();
  type Label = { ko: string; en: string };
  const term = (list: { code: string; label: Label }[] | undefined, code: string) => list?.find((x) => x.code === code)?.label;
  const keyed = (list: { key: string; label: Label }[] | undefined, key: string) => list?.find((x) => x.key === key)?.label;
  return {
    method: (k: string) => l(keyed(taxonomy.data?.methods, k)) || (METHOD_KEYS[k] ? t(METHOD_KEYS[k]) : k),
    contractType: (k: string) => l(keyed(taxonomy.data?.contractTypes, k)) || (CONTRACT_KEYS[k] ? t(CONTRACT_KEYS[k]) : k),
    kind: (k: string) => (KIND_KEYS[k] ? t(KIND_KEYS[k]) : k),
    category: (k: string) => l(term(taxonomy.data?.categories, k)) || k,
    item: (k: string | null) => (k ? l(term(taxonomy.data?.items, k)) || k : t('procurement.item.other')),
  };
}
