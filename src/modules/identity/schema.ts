import { z } from 'zod';
import { MEMBERSHIP_ROLES, ROLES } from '../../kernel/context.ts';
import { LOCALES } from '../../kernel/i18n.ts';
import { pageQuery, pageSchema } from '../../kernel/pagination.ts';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .describe('e-mail address (case is ignored)');

export const password = z
  .string()
  .max(200)
  .refine((s) => s.length >= 10, { message: 'Password must have at least 10 characters', params: { ko: '비밀번호는 10자 이상이어야 합니다' } })
  .describe('at least 10 characters');

export const displayName = z.string().trim().min(1).max(80);
export const locale = z.enum(LOCALES);
export const role = z.enum(ROLES);
export const membershipRole = z.enum(MEMBERSHIP_ROLES);

export const user = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale,
    role,
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const membership = z.object({ organizationId: z.uuid(), role: membershipRole }).meta({ id: 'Membership' });

export const sessionInfo = z
  .object({
    user,
    memberships: z.array(membership),
    csrfToken: z.string().describe('send as the x-csrf-token header on every POST, PUT, PATCH and DELETE'),
  })
  .meta({ id: 'Session' });

export const registerBody = z.object({ email, password, displayName, locale: locale.default('ko') });
export const loginBody = z.object({ email, password: z.string().min(1).max(200) });
export const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const resetRequestBody = z.object({ email });
export const resetConfirmBody = z.object({ token: z.string().min(20).max(200), newPassword: password });

export const createUserBody = z.object({
  email,
  displayName,
  role: role.default('member'),
  locale: locale.default('ko'),
  password: password.optional().describe('leave out to send the person a link to set one'),
});
export const updateUserBody = z
  .object({ displayName: displayName.optional(), locale: locale.optional(), role: role.optional(), disabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change', params: { ko: '바꿀 내용이 없습니다' } });
export const userListQuery = z.object({ q: z.string().trim().max(100).optional(), role: role.optional(), ...pageQuery });
export const userPage = pageSchema(user);

export const idParam = z.object({ id: z.uuid() });
export const orgParam = z.object({ organizationId: z.uuid() });
export const orgMemberParam = z.object({ organizationId: z.uuid(), userId: z.uuid() });

export const member = z
  .object({ userId: z.uuid(), email: z.string(), displayName: z.string(), role: membershipRole, since: z.string() })
  .meta({ id: 'OrganizationMember' });
export const memberBody = z.object({ role: membershipRole });

export const apiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('the visible start of the token, to tell tokens apart'),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const createdApiToken = apiToken.extend({ token: z.string().describe('shown once; send as "Authorization: Bearer <token>"') });
export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.string().min(1).max(64)).min(1).max(50),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const membershipRequest = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    userId: z.uuid(),
    user: z.object({ email: z.string(), displayName: z.string() }).optional(),
    message: z.string().nullable(),
    status: z.enum(REQUEST_STATUSES),
    grantedRole: membershipRole.nullable(),
    reason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'MembershipRequest' });
export const membershipRequestPage = pageSchema(membershipRequest);
export const claimBody = z.object({ message: z.string().trim().max(1000).nullable().optional().describe('who you are in the organisation, for staff to check') });
export const requestQuery = z.object({ status: z.enum(REQUEST_STATUSES).optional(), ...pageQuery });
export const approveClaimBody = z.object({ role: membershipRole.optional().describe('default: owner when the organisation has none, else editor') });
export const rejectClaimBody = z.object({
  reason: z.string().trim().max(1000).refine((s) => s.length > 0, { message: 'Say why it is refused', params: { ko: '거절 사유를 적어 주세요' } }),
});
