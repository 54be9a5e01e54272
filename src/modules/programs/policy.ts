import { MEMBERSHIP_ROLES } from '../../kernel/context.ts';
import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

/**
 * Staff (and admins) read and edit every programme. A member reads a programme when one of its
 * partners is linked to an organisation the member belongs to (any membership role), and never
 * edits. Years, their rollups, reports, import and export are staff work. Anonymous visitors: nothing.
 */
export const policies = definePolicies({
  'program.taxonomy': rule('programs:read', () => true),
  /** Listing is open to every signed-in user; the list holds only what each may read. */
  'program.list': rule('programs:read', () => true),
  'program.read': rule<{ partnerOrganizationIds: readonly string[] }>(
    'programs:read',
    (a, r) => isStaff(a) || r.partnerOrganizationIds.some((id) => isMemberOf(a, id, MEMBERSHIP_ROLES)),
  ),
  'program.write': rule('programs:write', isStaff),
  'program_year.read': rule('programs:read', isStaff),
  'program_year.write': rule('programs:write', isStaff),
});

type ProgramPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends ProgramPolicies {}
}
