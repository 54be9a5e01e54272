import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

export const policies = definePolicies({
  'organization.read': rule('directory:read', () => true, { anonymous: true }),
  'organization.create': rule('directory:write', isStaff),
  // Staff edit profiles directly; an organisation's owners and editors propose edits for staff to approve.
  'organization.update': rule<{ organizationId: string }>('directory:write', isStaff),
  'organization.propose': rule<{ organizationId: string }>('directory:write', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'organization.proposals.read': rule<{ organizationId: string }>('directory:read', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'organization.moderate': rule('directory:write', isStaff),
  'organization.import': rule('directory:write', isStaff),
});

type DirectoryPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends DirectoryPolicies {}
}
