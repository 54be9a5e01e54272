import { definePolicies, isStaff, rule } from '../../kernel/policy.ts';

/**
 * The centre's staff run procurement data: they import purchase records, keep the institutions and
 * their officers, and set targets. Anyone reads records and figures of institutions whose records are
 * public (records.read lets the reader in; recordsScope in access.ts narrows what they see); an
 * institution's officers and staff also read the private ones.
 */
export const policies = definePolicies({
  'procurement.institution.manage': rule('procurement:write', (a) => isStaff(a)),
  'procurement.import': rule('procurement:write', (a) => isStaff(a)),
  'procurement.target.manage': rule('procurement:write', (a) => isStaff(a)),
  'procurement.records.read': rule('procurement:read', () => true, { anonymous: true }),
  'procurement.institution.read-private': rule<{ institutionId: string; officerOf: boolean }>('procurement:read', (a, r) => isStaff(a) || r.officerOf),
});

type ProcurementPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends ProcurementPolicies {}
}
