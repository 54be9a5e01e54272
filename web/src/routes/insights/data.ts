import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import type {
  CountBasis,
  DistributionTable,
  FigureDefinitionBody,
  FigureDefinitionList,
  FigureDefinitionVersion,
  FigureRows,
  GrowthTable,
  HeadlineFigures,
  LocationQuotientTable,
  SurvivalReport,
} from '../../../../src/modules/insights/model.ts';
import type { DistrictCollection } from '../map/geo.ts';

// The API contract of the insights module (src/modules/insights/model.ts) is type-only: the pages
// are written against it and the compiler tells when it changes.
export type * from '../../../../src/modules/insights/model.ts';

const BASE = '/api/v1/insights';

// Keys of their own (["insights", …]) so these pages never share a cache entry of another shape.
export const keys = {
  all: ['insights'] as const,
  stat: (path: string, params: Params) => ['insights', path, params] as const,
  figures: (year: number) => ['insights', 'figures', year] as const,
  rows: (key: string, year: number, version: number | undefined) => ['insights', 'rows', key, year, version ?? null] as const,
  definitions: ['insights', 'definitions'] as const,
  districts: ['insights', 'districts'] as const,
};

type Params = Record<string, string | number | undefined>;

/** The path of a statistic with its parameters; with `format` it is the same table as a download. */
export function statHref(path: string, params: Params, format?: 'csv' | 'xlsx'): string {
  return `${BASE}/${path}${qs({ ...params, format })}`;
}

/** Today in Seoul, YYYY-MM-DD: the default reference date. */
export function todayInSeoul(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

// Public statistics: the figures of one date change only when the records do, so a page keeps the
// previous answer on screen while the next date's loads (no flash of a spinner on every change).
function useStat<T>(path: string, params: Params, enabled = true) {
  return useQuery({
    queryKey: keys.stat(path, params),
    queryFn: () => api<T>(`${BASE}/${path}${qs(params)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface StatParams {
  asOf: string;
  basis: CountBasis;
}

export const useDistribution = (p: StatParams & { dimension?: 'type' | 'industry'; type?: string }) => useStat<DistributionTable>('distribution', { ...p });
export const useGrowth = (p: { to: number }) => useStat<GrowthTable>('growth', p);
export const useSurvival = (p: { asOf: string }) => useStat<SurvivalReport>('survival', p);
export const useLocationQuotients = (p: StatParams & { type?: string }) => useStat<LocationQuotientTable>('location-quotients', { ...p });

/** District polygons (the directory's GeoJSON); their shapes do not change while a page is open. */
export function useDistrictShapes() {
  return useQuery({ queryKey: keys.districts, queryFn: () => api<DistrictCollection>('/api/v1/districts'), staleTime: Infinity });
}

// ─── staff ──────────────────────────────────────────────────────────────────────────────────

export function useFigures(year: number) {
  return useQuery({ queryKey: keys.figures(year), queryFn: () => api<HeadlineFigures>(`${BASE}/figures${qs({ year })}`), enabled: Number.isInteger(year), placeholderData: keepPreviousData });
}

export function useFigureRows(key: string, year: number, version: number | undefined) {
  return useQuery({
    queryKey: keys.rows(key, year, version),
    queryFn: () => api<FigureRows>(`${BASE}/figures/${encodeURIComponent(key)}/rows${qs({ year, version })}`),
    enabled: Boolean(key) && Number.isInteger(year),
  });
}

export function useDefinitions() {
  return useQuery({ queryKey: keys.definitions, queryFn: () => api<FigureDefinitionList>(`${BASE}/figure-definitions`) });
}

/** The programme years (staff): the years headline figures can be counted for. */
export function useProgramYears() {
  return useQuery({
    queryKey: ['programs', 'years'],
    queryFn: async () => (await api<{ items: { year: number }[] }>('/api/v1/program-years')).items,
  });
}

/** Saves the next version of a definition; figures and drill-downs are recomputed on their next read. */
export function useSaveDefinition(key: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FigureDefinitionBody) => api<FigureDefinitionVersion>(`${BASE}/figure-definitions/${encodeURIComponent(key)}`, { method: 'PUT', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.definitions });
      void qc.invalidateQueries({ queryKey: ['insights', 'figures'] });
      void qc.invalidateQueries({ queryKey: ['insights', 'rows'] });
    },
  });
}
