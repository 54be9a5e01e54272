import { definePolicies, isAdmin, isMemberOf, isStaff, rule } from '../../kernel/policy.ts';

const anyone = () => true;

export const policies = definePolicies({
  // Signing up, in and out, and resetting a forgotten password are open to visitors.
  'account.register': rule('identity:self', anyone, { anonymous: true }),
  'session.create': rule('identity:self', anyone, { anonymous: true }),
  'password.reset': rule('identity:self', anyone, { anonymous: true }),
  'session.end': rule('identity:self', anyone),
  // Changing one's password and managing API tokens need a browser session: a token cannot mint tokens.
  'password.change': rule('identity:self', (a) => a.via === 'session'),
  'token.manage': rule<{ ownerId: string }>('identity:tokens', (a, r) => a.via === 'session' && (a.userId === r.ownerId || isAdmin(a))),

  'user.create': rule('identity:write', isAdmin),
  'user.list': rule('identity:read', isStaff),
  'user.read': rule<{ userId: string }>('identity:read', (a, r) => isStaff(a) || a.userId === r.userId),
  // People edit their own name and language; role and disabling are for admins.
  'user.update': rule<{ userId: string; privileged: boolean }>(
    'identity:write',
    (a, r) => isAdmin(a) || (a.userId === r.userId && !r.privileged),
  ),

  // Anyone signed in may ask to manage an organisation; staff confirm or refuse.
  'membership.claim': rule('identity:self', () => true),
  'membership.review': rule('identity:write', isStaff),
  'membership.list': rule<{ organizationId: string }>('identity:read', (a, r) => isStaff(a) || isMemberOf(a, r.organizationId)),
  'membership.manage': rule<{ organizationId: string }>(
    'identity:write',
    (a, r) => isStaff(a) || isMemberOf(a, r.organizationId, ['owner']),
  ),
});

type IdentityPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends IdentityPolicies {}
}
