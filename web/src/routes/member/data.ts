import { useQuery } from '@tanstack/react-query';
import { api, type Page, type Proposal, type MembershipRequest } from '../../api.ts';

// Keys of their own (["member", …]) so that these pages never share a cache entry of another shape;
// the organisation itself is the one every page shares (useOrganization of queries.ts).
export const keys = {
  proposals: (id: string) => ['member', 'proposals', id] as const,
  claims: ['member', 'claims'] as const,
};

export const PROPOSALS_SHOWN = 20;

export function useProposals(id: string) {
  return useQuery({
    queryKey: keys.proposals(id),
    queryFn: () => api<Page<Proposal>>(`/api/v1/organizations/${encodeURIComponent(id)}/proposals?pageSize=${PROPOSALS_SHOWN}`),
  });
}

export function useClaims() {
  return useQuery({ queryKey: keys.claims, queryFn: () => api<Page<MembershipRequest>>('/api/v1/me/membership-requests?pageSize=100') });
}
