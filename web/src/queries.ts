import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type Organization, type Taxonomy } from './api.ts';

/** Queries every area uses, under one cache key each, so a visit fetches them once. */

/** Types, subtypes, industries and districts with their ko/en labels; they change with a migration, not while a page is open. */
export function useTaxonomy() {
  return useQuery({ queryKey: ['directory', 'taxonomy'], queryFn: () => api<Taxonomy>('/api/v1/directory/taxonomy'), staleTime: Infinity });
}

/**
 * One organisation by id (GET /api/v1/organizations/{id}), under ['organization', id] wherever it is
 * shown — profile, map card, member and staff pages, pickers — so a visit fetches it once and a change
 * refreshes every page. Keys below it (['organization', id, 'history']) belong to the same organisation
 * and are refreshed with it. For useQueries and fetchQuery; a page that needs less may `select`.
 */
export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: ['organization', id] as const,
    queryFn: ({ signal }) => api<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`, { signal }),
  });

/** The organisation with this id; nothing is fetched while the id is missing or empty. */
export function useOrganization(id: string | undefined | null, options: { staleTime?: number; retry?: boolean } = {}) {
  return useQuery({ ...organizationQuery(id ?? ''), enabled: Boolean(id), ...options });
}

/**
 * After a change to an organisation (an approved proposal, a staff edit, a status event, its managers):
 * its profile and history, and the lists that show its name, type, district or status, are fetched anew
 * when next shown (at once where they are on screen).
 */
export function invalidateOrganization(qc: QueryClient, id: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ['organization', id] }),
    qc.invalidateQueries({ queryKey: ['organizations'] }), // the directory and the home page's count
    qc.invalidateQueries({ queryKey: ['map'] }),
    qc.invalidateQueries({ queryKey: ['directory', 'organization-picker'] }),
    qc.invalidateQueries({ queryKey: ['staff', 'org-search'] }),
  ]);
}
