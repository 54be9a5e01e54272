import { definePolicies, isMemberOf, isStaff, rule } from '../../../kernel/policy.ts';

/**
 * Anyone reads the catalogue and asks for matches (public buyers need no account to look). An
 * organisation's owners and editors manage its offerings; staff may too (they keep the catalogue).
 * Paused offerings are visible to those who manage them. Opportunities are the centre's planning tool.
 * Uploaded photos are public once uploaded (they are shown in the public catalogue and bundle shop).
 */
export const policies = definePolicies({
  'procurement.catalogue.read': rule('procurement:read', () => true, { anonymous: true }),
  'procurement.catalogue.read-hidden': rule<{ organizationId: string }>('procurement:read', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'procurement.catalogue.manage': rule<{ organizationId: string }>('procurement:write', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'procurement.opportunities.read': rule('procurement:read', (a) => isStaff(a)),
  /** Photos for an organisation's offerings and bundles: its members upload them; staff for anyone, and the centre's own (null). */
  'procurement.photo.upload': rule<{ organizationId: string | null }>('procurement:write', (a, r) => isStaff(a) || (r.organizationId !== null && isMemberOf(a, r.organizationId))),
});

type CataloguePolicies = typeof policies;
declare module '../../../kernel/policy.ts' {
  interface PolicyRegistry extends CataloguePolicies {}
}
