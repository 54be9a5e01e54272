import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';
import type { UserActor } from '../../kernel/context.ts';

/**
 * 맺음 has three parties besides the buyer. The centre's staff run the service and may do any
 * step. An intermediary organisation's members (owners, editors) manage its bundles, follow the
 * orders of its bundles, record delivery and issue invoices. A supplier's members see and advance
 * their own sub-orders only. Buyers are officers of a procurement institution (procurement_officers,
 * which the service reads and passes in as `officerOf`): they place orders for their institution
 * and see its orders whole.
 */
const memberOfAny = (a: UserActor, ids: readonly string[]) => ids.some((id) => isMemberOf(a, id));

export const policies = definePolicies({
  'orders.bundle.read': rule('orders:read', () => true, { anonymous: true }),
  'orders.bundle.manage': rule<{ intermediaryId: string | null }>('orders:write', (a, r) => isStaff(a) || (r.intermediaryId !== null && isMemberOf(a, r.intermediaryId))),
  'orders.order.place': rule<{ institutionId: string; officerOf: readonly string[] }>('orders:write', (a, r) => r.officerOf.includes(r.institutionId)),
  'orders.order.list': rule('orders:read', () => true),
  'orders.order.list-all': rule('orders:read', (a) => isStaff(a)),
  /** Read one sub-order: its supplier, the intermediaries of its bundles, the buying institution's officers, staff. */
  'orders.sub-order.read': rule<{ supplierId: string; intermediaryIds: readonly string[]; institutionId: string; officerOf: readonly string[] }>(
    'orders:read',
    (a, r) => isStaff(a) || isMemberOf(a, r.supplierId) || memberOfAny(a, r.intermediaryIds) || r.officerOf.includes(r.institutionId),
  ),
  'orders.sub-order.act-as-supplier': rule<{ supplierId: string }>('orders:write', (a, r) => isMemberOf(a, r.supplierId)),
  'orders.sub-order.act-as-intermediary': rule<{ intermediaryIds: readonly string[] }>('orders:write', (a, r) => memberOfAny(a, r.intermediaryIds)),
  'orders.sub-order.act-as-buyer': rule<{ institutionId: string; officerOf: readonly string[] }>('orders:write', (a, r) => r.officerOf.includes(r.institutionId)),
  'orders.sub-order.act-as-staff': rule('orders:write', (a) => isStaff(a)),
  /** Settlement is read by anyone signed in, scoped to what they may see (staff all). */
  'orders.settlement.read': rule('orders:read', () => true),
});

type OrdersPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends OrdersPolicies {}
}
