import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
// The server's own API shapes, imported type-only (nothing of the server reaches the bundle).
import type { Bundle, MyParts, Order, Settlement, SubOrder, SubOrderAction } from '../../../../src/modules/orders/schema.ts';

export type { Bundle, MyParts, Order, Settlement, SubOrder, SubOrderAction };
export type Side = 'buyer' | 'supplier' | 'intermediary' | 'staff';

const BASE = '/api/v1/orders';

export interface BundlePage {
  items: Bundle[];
  total: number;
  page: number;
  pageSize: number;
  counts: { bundle: number; single: number };
}
export interface OrderPage {
  items: Order[];
  total: number;
  page: number;
  pageSize: number;
  as: Side;
}

export function useBundles(kind: 'bundle' | 'single', q: string, page: number) {
  const path = `${BASE}/bundles${qs({ kind, q: q || undefined, page: page > 1 ? page : undefined, pageSize: 24 })}`;
  return useQuery({ queryKey: ['orders', 'bundles', path], queryFn: ({ signal }) => api<BundlePage>(path, { signal }), placeholderData: keepPreviousData });
}

/** The API's largest page; the products on sale are read a page at a time up to ORDERABLE_PAGES of them. */
const ORDERABLE_PAGE_SIZE = 200;
const ORDERABLE_PAGES = 50;

/** Every bundle and single item on sale (bundles first, then by code), for adding lines to an order. */
export function useOrderableBundles(enabled: boolean) {
  return useQuery({
    queryKey: ['orders', 'bundles', 'orderable'],
    queryFn: async ({ signal }) => {
      const items: Bundle[] = [];
      for (let page = 1; page <= ORDERABLE_PAGES; page++) {
        const path = `${BASE}/bundles${qs({ kind: 'all', status: 'active', page: page > 1 ? page : undefined, pageSize: ORDERABLE_PAGE_SIZE })}`;
        const r = await api<BundlePage>(path, { signal });
        items.push(...r.items);
        if (r.items.length < ORDERABLE_PAGE_SIZE || items.length >= r.total) break;
      }
      return { items };
    },
    enabled,
  });
}

export function useBundle(id: string | undefined) {
  return useQuery({ queryKey: ['orders', 'bundle', id], queryFn: () => api<Bundle>(`${BASE}/bundles/${id}`), enabled: !!id });
}

/** The caller's parts in 맺음; undefined while signed out. */
export function useMyParts(enabled: boolean) {
  return useQuery({ queryKey: ['orders', 'me'], queryFn: () => api<MyParts>(`${BASE}/me`), enabled });
}

export function useOrders(as: Side, status?: string, page = 1) {
  const path = `${BASE}/orders${qs({ as, status, page: page > 1 ? page : undefined, pageSize: 20 })}`;
  return useQuery({ queryKey: ['orders', 'list', path], queryFn: ({ signal }) => api<OrderPage>(path, { signal }), placeholderData: keepPreviousData });
}

export function useOrder(id: string | undefined) {
  return useQuery({ queryKey: ['orders', 'order', id], queryFn: () => api<Order>(`${BASE}/orders/${id}`), enabled: !!id, retry: false });
}

export function usePlaceOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Order>(`${BASE}/orders`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['orders', 'list'] }),
  });
}

export function useStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: SubOrderAction; version: number; note?: string; invoiceNo?: string }) =>
      api<SubOrder>(`${BASE}/sub-orders/${v.id}/${v.action}`, { method: 'POST', body: { version: v.version, note: v.note || undefined, invoiceNo: v.invoiceNo || undefined } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}

export function useCancelOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; note?: string }) => api<Order>(`${BASE}/orders/${v.id}/cancel`, { method: 'POST', body: { note: v.note || undefined } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['orders'] }),
  });
}

export const settlementPath = (month: string, format: 'json' | 'csv' | 'xlsx' = 'json') => `${BASE}/settlement${qs({ month: month || undefined, format: format === 'json' ? undefined : format })}`;

export function useSettlement(month: string) {
  const path = settlementPath(month);
  return useQuery({ queryKey: ['orders', 'settlement', path], queryFn: ({ signal }) => api<Settlement>(path, { signal }), placeholderData: keepPreviousData });
}
