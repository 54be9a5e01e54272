import { definePolicies, isStaff, rule } from '../../kernel/policy.ts';

const policies = definePolicies({
  'audit.list': rule('audit:read', isStaff),
});

type AuditPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends AuditPolicies {}
}
