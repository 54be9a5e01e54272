import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
// The server's own shapes, imported type-only (as the programme pages do): the bundle gains nothing.
import type { MatchingResult, Offering, OfferingDetail, Opportunities } from '../../../../src/modules/procurement/catalogue/schema.ts';

export type { MatchingResult, Offering, OfferingDetail, Opportunities };
export interface Facet {
  key: string;
  label: { ko: string; en: string };
  count: number;
}
export interface OfferingPage {
  items: Offering[];
  total: number;
  page: number;
  pageSize: number;
  facets: { kind: Facet[]; category: Facet[] };
}
export interface CatalogueTaxonomy {
  categories: { code: string; kind: 'product' | 'service'; label: { ko: string; en: string }; items: { code: string; label: { ko: string; en: string } }[] }[];
  certifications: { key: string; label: { ko: string; en: string } }[];
  districts: { code: string; name: { ko: string; en: string } }[];
}

export const PAGE_SIZE = 20;
const BASE = '/api/v1/procurement/catalogue';

export function useCatalogueTaxonomy() {
  return useQuery({ queryKey: ['catalogue', 'taxonomy'], queryFn: () => api<CatalogueTaxonomy>(`${BASE}/taxonomy`), staleTime: Infinity });
}

export interface OfferingSearch {
  q?: string;
  kind?: string;
  category?: string[];
  district?: string;
  certification?: string[];
  organizationId?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export const searchPath = (s: OfferingSearch) =>
  `${BASE}${qs({
    q: s.q,
    kind: s.kind,
    category: s.category,
    district: s.district,
    certification: s.certification,
    organizationId: s.organizationId,
    status: s.status,
    page: s.page && s.page > 1 ? s.page : undefined,
    pageSize: s.pageSize ?? PAGE_SIZE,
  })}`;

export function useOfferings(s: OfferingSearch) {
  const path = searchPath(s);
  return useQuery({ queryKey: ['catalogue', 'list', path], queryFn: ({ signal }) => api<OfferingPage>(path, { signal }), placeholderData: keepPreviousData });
}

export function useOffering(id: string | undefined) {
  return useQuery({ queryKey: ['catalogue', 'offering', id], queryFn: () => api<OfferingDetail>(`${BASE}/${id}`), enabled: !!id });
}

export function useSaveOffering(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => (id ? api<Offering>(`${BASE}/${id}`, { method: 'PUT', body }) : api<Offering>(BASE, { method: 'POST', body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['catalogue'] }),
  });
}

export function useSetStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'pause' | 'resume' }) => api<Offering>(`${BASE}/${id}/${action}`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['catalogue'] }),
  });
}

export function useMatching(s: { category?: string; q?: string; district?: string }, enabled: boolean) {
  const path = `/api/v1/procurement/matching${qs({ category: s.category, q: s.q, district: s.district })}`;
  return useQuery({ queryKey: ['catalogue', 'match', path], queryFn: ({ signal }) => api<MatchingResult>(path, { signal }), enabled });
}

export function useOpportunities(year: number | undefined) {
  const path = `/api/v1/procurement/opportunities${qs({ year })}`;
  return useQuery({ queryKey: ['catalogue', 'opportunities', path], queryFn: ({ signal }) => api<Opportunities>(path, { signal }) });
}
