import { useQuery } from '@tanstack/react-query';
import { api, type Organization, type Taxonomy } from '../../api.ts';

/** An edit proposal as the API gives it (directory schema `EditProposal`). */
export interface Proposal {
  id: string;
  organizationId: string;
  organizationName: string | null;
  status: 'pending' | 'approved' | 'rejected';
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
  note: string | null;
  reason: string | null;
  proposedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A request to manage an organisation (identity schema `MembershipRequest`). */
export interface MembershipRequest {
  id: string;
  organizationId: string;
  userId: string;
  message: string | null;
  status: 'pending' | 'approved' | 'rejected';
  grantedRole: 'owner' | 'editor' | null;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// Keys of their own (["member", …]) so that these pages never share a cache entry of another shape.
export const keys = {
  taxonomy: ['member', 'taxonomy'] as const,
  organization: (id: string) => ['member', 'organization', id] as const,
  proposals: (id: string) => ['member', 'proposals', id] as const,
  claims: ['member', 'claims'] as const,
};

export const PROPOSALS_SHOWN = 20;

export function useTaxonomy() {
  return useQuery({ queryKey: keys.taxonomy, queryFn: () => api<Taxonomy>('/api/v1/directory/taxonomy'), staleTime: Infinity });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.organization(id), queryFn: () => api<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`) });
}

export function useProposals(id: string) {
  return useQuery({
    queryKey: keys.proposals(id),
    queryFn: () => api<Page<Proposal>>(`/api/v1/organizations/${encodeURIComponent(id)}/proposals?pageSize=${PROPOSALS_SHOWN}`),
  });
}

export function useClaims() {
  return useQuery({ queryKey: keys.claims, queryFn: () => api<Page<MembershipRequest>>('/api/v1/me/membership-requests?pageSize=100') });
}
