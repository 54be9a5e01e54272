import { definePolicies, rule } from '../../kernel/policy.ts';

/** Each signed-in user reads and marks their own notifications; nobody else's, not even staff. */
export const policies = definePolicies({
  'notification.read': rule('notifications:read', () => true),
  'notification.mark': rule<{ userId: string }>('notifications:write', (a, r) => a.userId === r.userId),
});

type NotificationPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends NotificationPolicies {}
}
