import { definePolicies, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

export const policies = definePolicies({
  'organization.read': rule('directory:read', () => true, { anonymous: true }),
  'organization.create': rule('directory:write', isStaff),
  // Staff edit any profile; an organisation's owners and editors edit their own.
  'organization.update': rule<{ organizationId: string }>('directory:write', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
});

type DirectoryPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends DirectoryPolicies {}
}
