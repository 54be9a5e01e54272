import { definePolicies, isStaff, rule } from '../../kernel/policy.ts';

export const policies = definePolicies({
  'audit.list': rule('audit:read', isStaff),
});

type AuditPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends AuditPolicies {}
}
