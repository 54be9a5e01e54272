import { useQuery } from '@tanstack/react-query';
import { api, qs, type User, type Page, type Proposal, type MembershipRequest } from '../../api.ts';
import type { Bilingual } from '../../i18n/index.tsx';

/** Someone who manages an organisation (identity schema `OrganizationMember`). */
export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: 'owner' | 'editor';
  since: string;
}

/** One row of the audit log (audit schema `AuditRecord`). */
export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: string | null; tokenId: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** What an import found or did (directory schema `ImportReport`). */
export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  duplicates: { row: number; name: string; reason: 'businessRegNo' | 'nameAndAddress' | 'nameAndPhone' | 'nameOnly'; existingId?: string; sameAsRow?: number }[];
  errors: { path: string; row?: number; messages: Bilingual }[];
}

// Keys of their own (["staff", …]) so that these pages never share a cache entry of another shape.
export const keys = {
  all: ['staff'] as const,
  proposals: (page: number) => ['staff', 'proposals', page] as const,
  proposalsAll: ['staff', 'proposals'] as const,
  claims: (page: number) => ['staff', 'claims', page] as const,
  claimsAll: ['staff', 'claims'] as const,
  pendingCounts: ['staff', 'pending-counts'] as const,
  user: (id: string) => ['staff', 'user', id] as const,
  users: (q: Record<string, string | number | undefined>) => ['staff', 'users', q] as const,
  usersAll: ['staff', 'users'] as const,
  members: (id: string) => ['staff', 'members', id] as const,
  audit: (q: Record<string, string | undefined>) => ['staff', 'audit', q] as const,
  count: (q: Record<string, string | undefined>) => ['staff', 'count', q] as const,
  orgSearch: (q: string) => ['staff', 'org-search', q] as const,
};

export const PAGE_SIZE = 20;

/** A user's name and e-mail by id (staff may read anyone); cached for the session. */
export function useUser(id: string | null) {
  return useQuery({
    queryKey: keys.user(id ?? ''),
    queryFn: () => api<User>(`/api/v1/users/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** How many edit proposals and claims wait for staff. */
export function usePendingCounts() {
  return useQuery({
    queryKey: keys.pendingCounts,
    queryFn: async () => {
      const [p, c] = await Promise.all([
        api<Page<Proposal>>(`/api/v1/directory/proposals${qs({ status: 'pending', pageSize: 1 })}`),
        api<Page<MembershipRequest>>(`/api/v1/membership-requests${qs({ status: 'pending', pageSize: 1 })}`),
      ]);
      return { proposals: p.total, claims: c.total };
    },
  });
}
