import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, type Page } from '../../api.ts';
import type { Bilingual } from '../../i18n/index.tsx';

/** API shapes of the sharing module (schema SharingResource, SharingRequest, Notification). */
export interface SharingCategory {
  key: string;
  label: Bilingual;
  returns: boolean;
}
export interface SharingDistrict {
  code: string;
  name: Bilingual;
}
export interface Resource {
  id: string;
  title: string;
  description: string | null;
  category: SharingCategory;
  district: SharingDistrict | null;
  organization: { id: string; name: string };
  photos: { url: string; alt: string }[];
  terms: 'free' | 'cost_recovery' | 'fee';
  feeWon: number | null;
  availability: string | null;
  availableRanges: { from: string; to: string }[];
  quantity: number | null;
  status: 'available' | 'paused' | 'gone';
  isDemo: boolean;
  canManage: boolean;
}
export interface Facet {
  key: string;
  label: Bilingual;
  count: number;
}
export type ResourcePage = Page<Resource> & { facets: { category: Facet[]; district: Facet[] } };
export type RequestStatus = 'requested' | 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'handed_over' | 'completed';
export type RequestAction = 'accept' | 'decline' | 'propose' | 'accept-proposal' | 'decline-proposal' | 'cancel' | 'handover' | 'return' | 'review';
export interface SharingRequest {
  id: string;
  resource: { id: string; title: string; category: SharingCategory; district: SharingDistrict | null };
  owner: { id: string; name: string };
  requester: { id: string; name: string };
  fromDate: string | null;
  toDate: string | null;
  quantity: number | null;
  message: string | null;
  status: RequestStatus;
  proposal: { fromDate: string; toDate: string; note: string | null } | null;
  declineReason: string | null;
  handedOverOn: string | null;
  returnedOn: string | null;
  returnCondition: string | null;
  reviews: { side: 'owner' | 'requester'; rating: number; body: string | null }[];
  actions: RequestAction[];
}
export interface Notification {
  id: string;
  kind: string;
  title: Bilingual;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const PAGE_SIZE = 20;

export function useSharingTaxonomy() {
  return useQuery({
    queryKey: ['sharing', 'taxonomy'],
    queryFn: () => api<{ categories: SharingCategory[]; districts: SharingDistrict[] }>('/api/v1/sharing/taxonomy'),
    staleTime: Infinity,
  });
}

export interface ResourceSearch {
  q: string;
  category: string[];
  district: string[];
  organization?: string;
  status?: string;
  page: number;
}

export function useResources(s: ResourceSearch, enabled = true) {
  const path = `/api/v1/sharing/resources${qs({ q: s.q, category: s.category, district: s.district, organization: s.organization, status: s.status, page: s.page > 1 ? s.page : undefined, pageSize: PAGE_SIZE })}`;
  return useQuery({ queryKey: ['sharing', 'resources', path], queryFn: ({ signal }) => api<ResourcePage>(path, { signal }), placeholderData: keepPreviousData, enabled });
}

export function useResource(id: string | undefined) {
  return useQuery({ queryKey: ['sharing', 'resource', id], queryFn: () => api<Resource>(`/api/v1/sharing/resources/${id}`), enabled: !!id });
}

export function useSaveResource(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id ? api<Resource>(`/api/v1/sharing/resources/${id}`, { method: 'PUT', body }) : api<Resource>('/api/v1/sharing/resources', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sharing'] }),
  });
}

export function useRequests(role: 'requester' | 'owner') {
  return useQuery({
    queryKey: ['sharing', 'requests', role],
    queryFn: () => api<Page<SharingRequest>>(`/api/v1/sharing/requests${qs({ role, pageSize: 100 })}`),
  });
}

export function useCreateRequest(resourceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<SharingRequest>(`/api/v1/sharing/resources/${resourceId}/requests`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sharing', 'requests'] }),
  });
}

export function useAct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: RequestAction; body: Record<string, unknown> }) =>
      api<SharingRequest>(`/api/v1/sharing/requests/${id}/${action}`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sharing', 'requests'] });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export function useNotifications() {
  return useQuery({ queryKey: ['notifications', 'list'], queryFn: () => api<Page<Notification> & { unread: number }>('/api/v1/notifications?pageSize=100') });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') => (id === 'all' ? api('/api/v1/notifications/read-all', { method: 'POST', body: {} }) : api(`/api/v1/notifications/${id}/read`, { method: 'POST', body: {} })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
