import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api.ts';
import type { z } from 'zod';
import type {
  byCategory,
  byInstitution,
  byItem,
  byMethod,
  institutionItems,
  priorityItems,
  recordsPage,
  summary,
  targets,
} from '../../../../src/modules/procurement/analytics/schema.ts';
import type {
  createInstitutionBody,
  importSummary,
  institution,
  officer,
  putTargetBody,
  rematchResult,
  target,
  taxonomy,
} from '../../../../src/modules/procurement/records/schema.ts';

// The API of the procurement module as these pages read it: analytics (/api/v1/procurement/analytics,
// src/modules/procurement/analytics) and records, institutions, officers, targets and imports
// (/api/v1/procurement, src/modules/procurement/records). Amounts are integer won; shares and
// achievements are percentages (0–100, unrounded; null when the denominator is 0).

export const BASE = '/api/v1/procurement';
export const ANALYTICS = `${BASE}/analytics`;

export type Params = Record<string, string | number | undefined>;

// ─── analytics ───────────────────────────────────────────────────────────────────────────────
// The analytics API's answers are the output types of its zod schemas
// (src/modules/procurement/analytics/schema.ts), imported type-only: no server code reaches the
// bundle, and the compiler tells these pages when the contract changes.

export type Summary = z.output<typeof summary>;
export type Concentration = Summary['concentration']['all'];
export type ByInstitution = z.output<typeof byInstitution>;
export type InstitutionRow = ByInstitution['rows'][number];
export type ByCategory = z.output<typeof byCategory>;
export type CategoryRow = ByCategory['rows'][number];
export type ByItem = z.output<typeof byItem>;
export type ItemRow = ByItem['rows'][number];
export type ByMethod = z.output<typeof byMethod>;
export type MethodRow = ByMethod['rows'][number];
export type PriorityItems = z.output<typeof priorityItems>;
export type PriorityRow = PriorityItems['rows'][number];
export type RecordPage = z.output<typeof recordsPage>;
export type RecordRow = RecordPage['items'][number];
export type InstitutionItems = z.output<typeof institutionItems>;
export type TargetAchievements = z.output<typeof targets>;
export type TargetAchievement = TargetAchievements['rows'][number];

/** The filters of the drill-down list, as the address and the API name them. */
export const RECORD_FILTERS = ['year', 'institutionId', 'itemCode', 'categoryCode', 'supplierType', 'seo', 'month', 'method', 'contractType'] as const;
export type RecordFilter = (typeof RECORD_FILTERS)[number];

export const keys = {
  all: ['procurement'] as const,
  analytics: (path: string, params: Params) => ['procurement', 'analytics', path, params] as const,
  taxonomy: ['procurement', 'taxonomy'] as const,
  institutions: (params: Params) => ['procurement', 'institutions', params] as const,
  institution: (id: string) => ['procurement', 'institution', id] as const,
  officers: (id: string) => ['procurement', 'officers', id] as const,
  mine: ['procurement', 'me', 'institutions'] as const,
  imports: ['procurement', 'imports'] as const,
  targets: (params: Params) => ['procurement', 'targets', params] as const,
};

/** A table of the analytics API with its parameters; with `format` the same table as a download. */
export function analyticsHref(path: string, params: Params, format?: 'csv' | 'xlsx'): string {
  return `${ANALYTICS}/${path}${qs({ ...params, format })}`;
}

/** The OCDS release package of the records of a filter (its year and institution). */
export function ocdsHref(params: Params): string {
  return `${ANALYTICS}/export.ocds.json${qs({ year: params.year, institutionId: params.institutionId })}`;
}

function useAnalytics<T>(path: string, params: Params, enabled = true) {
  return useQuery({
    queryKey: keys.analytics(path, params),
    queryFn: () => api<T>(`${ANALYTICS}/${path}${qs(params)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface Scope {
  year: number | undefined;
  institutionId?: string;
}

const on = (s: Scope) => Number.isInteger(s.year);
const p = (s: Scope): Params => ({ year: s.year, institutionId: s.institutionId });

export const useSummary = (s: Scope) => useAnalytics<Summary>('summary', p(s), on(s));
export const useByInstitution = (s: Scope) => useAnalytics<ByInstitution>('by-institution', p(s), on(s));
export const useByCategory = (s: Scope) => useAnalytics<ByCategory>('by-category', p(s), on(s));
export const useByItem = (s: Scope) => useAnalytics<ByItem>('by-item', p(s), on(s));
export const useByMethod = (s: Scope) => useAnalytics<ByMethod>('by-method', p(s), on(s));
export const usePriorityItems = (s: Scope) => useAnalytics<PriorityItems>('priority-items', p(s), on(s));
export const useTargetAchievement = (s: Scope) => useAnalytics<TargetAchievements>('targets', p(s), on(s));
export const useInstitutionItems = (id: string, year: number | undefined) =>
  useAnalytics<InstitutionItems>(`institutions/${encodeURIComponent(id)}/items`, { year }, Number.isInteger(year));
/** The records behind a figure: an empty itemCode / supplierType is sent (it is a filter of its own). */
export function useRecords(params: Params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.set(k, String(v));
  return useQuery({
    queryKey: keys.analytics('records', params),
    queryFn: () => api<RecordPage>(`${ANALYTICS}/records?${u.toString()}`),
    placeholderData: keepPreviousData,
    enabled: Number.isInteger(Number(params.year)),
  });
}

/** Lists answer either `{ rows }` / `{ items }` or a bare array: the pages read rows either way. */
export function rowsOf<T>(data: { rows: T[] } | { items: T[] } | T[] | undefined): T[] {
  if (!data) return [];
  if (Array.isArray(data)) return data;
  return 'rows' in data ? data.rows : data.items;
}

// ─── taxonomy, institutions, officers ────────────────────────────────────────────────────────

// Records, institutions, officers, targets and imports: output types of the zod schemas of
// src/modules/procurement/records/schema.ts, imported type-only as the analytics ones are.
export type ProcurementTaxonomy = z.output<typeof taxonomy>;
export type Institution = z.output<typeof institution>;
export type InstitutionInput = z.input<typeof createInstitutionBody>;
export type Officer = z.output<typeof officer>;
export type Target = z.output<typeof target>;
export type TargetInput = z.input<typeof putTargetBody>;
export type ImportResult = z.output<typeof importSummary>;
export type ImportLineError = ImportResult['errors'][number];
export type UnmatchedSupplier = ImportResult['unmatched'][number];
export type RematchResult = z.output<typeof rematchResult>;

export function useProcurementTaxonomy() {
  return useQuery({ queryKey: keys.taxonomy, queryFn: () => api<ProcurementTaxonomy>(`${BASE}/taxonomy`), staleTime: Infinity });
}

export const INSTITUTION_KINDS = ['city', 'district', 'agency', 'office', 'other'] as const satisfies readonly Institution['kind'][];
export type InstitutionKind = Institution['kind'];

function listOf<T>(data: { items: T[] } | { rows: T[] } | T[]): T[] {
  return rowsOf<T>(data);
}

export function useInstitutions(params: { q?: string; kind?: string } = {}) {
  return useQuery({
    queryKey: keys.institutions(params),
    queryFn: async () => listOf(await api<Page<Institution> | Institution[]>(`${BASE}/institutions${qs(params)}`)),
    placeholderData: keepPreviousData,
  });
}

export function useInstitution(id: string, enabled = true) {
  return useQuery({ queryKey: keys.institution(id), queryFn: () => api<Institution>(`${BASE}/institutions/${encodeURIComponent(id)}`), enabled: enabled && Boolean(id) });
}

/** The institutions the signed-in person buys for (empty for everybody else). */
export function useMyInstitutions(enabled = true) {
  return useQuery({
    queryKey: keys.mine,
    queryFn: async () => listOf(await api<{ items: Institution[] } | Institution[]>(`${BASE}/me/institutions`)),
    enabled,
  });
}

export function useSaveInstitution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<InstitutionInput> }) =>
      id ? api<Institution>(`${BASE}/institutions/${encodeURIComponent(id)}`, { method: 'PATCH', body }) : api<Institution>(`${BASE}/institutions`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useOfficers(id: string) {
  return useQuery({
    queryKey: keys.officers(id),
    queryFn: async () => listOf(await api<{ items: Officer[] } | Officer[]>(`${BASE}/institutions/${encodeURIComponent(id)}/officers`)),
  });
}

export function useAddOfficer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => api<unknown>(`${BASE}/institutions/${encodeURIComponent(id)}/officers`, { method: 'POST', body: { email } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.officers(id) }),
  });
}

export function useRemoveOfficer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<unknown>(`${BASE}/institutions/${encodeURIComponent(id)}/officers/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.officers(id) }),
  });
}

// ─── targets ─────────────────────────────────────────────────────────────────────────────────

export function useTargets(params: { year?: number; institutionId?: string }) {
  return useQuery({
    queryKey: keys.targets(params),
    queryFn: async () => listOf(await api<{ items: Target[] } | Target[]>(`${BASE}/targets${qs(params)}`)),
    enabled: Number.isInteger(params.year),
  });
}

export function useSaveTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetInput) => api<Target>(`${BASE}/targets`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeleteTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`${BASE}/targets/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

// ─── imports ─────────────────────────────────────────────────────────────────────────────────

export function useImports() {
  return useQuery({ queryKey: keys.imports, queryFn: async () => listOf(await api<{ items: ImportResult[] } | ImportResult[]>(`${BASE}/imports`)) });
}

export function useUndoImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`${BASE}/imports/${encodeURIComponent(id)}/undo`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRematch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<RematchResult>(`${BASE}/rematch`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
