import { useQuery } from '@tanstack/react-query';
import { api, type Taxonomy } from './api.ts';

/** Queries every area uses, under one cache key each, so a visit fetches them once. */

/** Types, subtypes, industries and districts with their ko/en labels; they change with a migration, not while a page is open. */
export function useTaxonomy() {
  return useQuery({ queryKey: ['directory', 'taxonomy'], queryFn: () => api<Taxonomy>('/api/v1/directory/taxonomy'), staleTime: Infinity });
}
