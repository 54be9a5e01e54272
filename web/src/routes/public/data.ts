import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs, type OrganizationPage } from '../../api.ts';
import type { Bilingual } from '../../i18n/index.tsx';

/** Reads of the public pages, shared so that the home page, directory and profile reuse each other's cache. */

export const SORTS = ['relevance', 'name', 'newest', 'founded'] as const;
export type Sort = (typeof SORTS)[number];
export const STATUSES = ['operating', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PAGE_SIZE = 20;

/** A directory search as it stands in the URL (the one source of truth: shareable, back button). */
export interface Search {
  q: string;
  type: string[];
  subtype: string[];
  industry: string[];
  district: string[];
  status: Status | '';
  sort: Sort | '';
  page: number;
}

const list = (sp: URLSearchParams, k: string) =>
  (sp.get(k) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function readSearch(sp: URLSearchParams): Search {
  const status = sp.get('status');
  const sort = sp.get('sort');
  const page = Math.floor(Number(sp.get('page')));
  return {
    q: (sp.get('q') ?? '').trim().slice(0, 100),
    type: list(sp, 'type'),
    subtype: list(sp, 'subtype'),
    industry: list(sp, 'industry'),
    district: list(sp, 'district'),
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Status) : '',
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : '',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** One page of the directory with its facet counts; the previous answer stays on screen while the next loads. */
export function useOrganizations(s: Search, pageSize = PAGE_SIZE) {
  // Relevance only means something with words to rank by.
  const sort = s.sort === 'relevance' && !s.q ? '' : s.sort;
  const path = `/api/v1/organizations${qs({ q: s.q, type: s.type, subtype: s.subtype, industry: s.industry, district: s.district, status: s.status, sort, page: s.page > 1 ? s.page : undefined, pageSize })}`;
  return useQuery({ queryKey: ['organizations', path], queryFn: ({ signal }) => api<OrganizationPage>(path, { signal }), placeholderData: keepPreviousData });
}

export interface HistoryEntry {
  at: string;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
}
export interface HistoryPage {
  items: HistoryEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DistrictFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: { code: string; censusCode: string | null; name: Bilingual; count: number };
}

/** The 25 district outlines (GeoJSON); they do not change while the page is open. */
export function useDistrictShapes(enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'district-shapes'],
    queryFn: () => api<{ type: 'FeatureCollection'; features: DistrictFeature[] }>('/api/v1/districts'),
    staleTime: Infinity,
    enabled,
  });
}
