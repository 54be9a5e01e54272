import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../server/plugins/auth.ts';
import { problemResponses } from '../../server/responses.ts';
import {
  apiToken,
  approveClaimBody,
  claimBody,
  membershipRequest,
  membershipRequestPage,
  rejectClaimBody,
  requestQuery,
  createdApiToken,
  createTokenBody,
  createUserBody,
  idParam,
  loginBody,
  member,
  memberBody,
  membership,
  orgMemberParam,
  orgParam,
  passwordChangeBody,
  registerBody,
  resetConfirmBody,
  resetRequestBody,
  sessionInfo,
  updateUserBody,
  user,
  userListQuery,
  userPage,
} from './schema.ts';
import type { IdentityService, SignedIn } from './service.ts';

export interface IdentityRouteOptions {
  cookieSecure: boolean;
  /** Per-address limit on sign-in attempts, on top of the per-account lock-out. */
  loginRateLimit: { max: number; timeWindow: number };
}

export function identityRoutes(identity: IdentityService, opts: IdentityRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const auth = ['auth'];
    const users = ['users'];
    const signIn = (reply: FastifyReply, s: SignedIn) => {
      setSessionCookie(reply, s.sessionToken, s.expiresAt, opts.cookieSecure);
      return { user: s.user, memberships: s.memberships, csrfToken: s.csrfToken };
    };
    const rateLimit = { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindow };

    app.post(
      '/api/v1/auth/register',
      {
        schema: { tags: auth, summary: '회원 가입 · Sign up', body: registerBody, response: { 201: sessionInfo, ...problemResponses(400, 403) } },
        config: { rateLimit },
      },
      async (req, reply) => reply.code(201).send(signIn(reply, await identity.register(req.ctx(), req.body))),
    );
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: auth,
          summary: '로그인 · Sign in',
          description: 'Sets the session cookie. Repeated failures lock the account for a while (423) and too many attempts from one address are slowed down (429).',
          body: loginBody,
          response: { 200: sessionInfo, ...problemResponses(400, 401, 423, 429) },
        },
        config: { rateLimit },
      },
      async (req, reply) => signIn(reply, await identity.login(req.ctx(), req.body)),
    );
    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: auth, summary: '로그아웃 · Sign out', response: { 204: z.null(), ...problemResponses(401, 403) } } },
      async (req, reply) => {
        await identity.logout(req.ctx());
        clearSessionCookie(reply, opts.cookieSecure);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/v1/auth/session',
      { schema: { tags: auth, summary: '현재 로그인 정보 · Who am I', response: { 200: sessionInfo, ...problemResponses(401) } } },
      async (req) => identity.session(req.ctx(), req.csrfToken ?? ''),
    );
    app.post(
      '/api/v1/auth/password',
      {
        schema: {
          tags: auth,
          summary: '비밀번호 변경 · Change my password',
          description: 'Signs out every other session of the account.',
          body: passwordChangeBody,
          response: { 204: z.null(), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        await identity.changePassword(req.ctx(), req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/v1/auth/password-reset',
      {
        schema: {
          tags: auth,
          summary: '비밀번호 재설정 메일 요청 · Ask for a password reset link',
          description: 'Always answers 202, whether or not the address has an account.',
          body: resetRequestBody,
          response: { 202: z.null(), ...problemResponses(400, 429) },
        },
        config: { rateLimit },
      },
      async (req, reply) => {
        await identity.requestPasswordReset(req.ctx(), req.body);
        return reply.code(202).send(null);
      },
    );
    app.post(
      '/api/v1/auth/password-reset/confirm',
      {
        schema: {
          tags: auth,
          summary: '새 비밀번호 설정 · Set a new password with the mailed token',
          body: resetConfirmBody,
          response: { 204: z.null(), ...problemResponses(400, 429) },
        },
        config: { rateLimit },
      },
      async (req, reply) => {
        await identity.confirmPasswordReset(req.ctx(), req.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/users',
      { schema: { tags: users, summary: '사용자 목록 (직원) · List users (staff)', querystring: userListQuery, response: { 200: userPage, ...problemResponses(400, 401, 403) } } },
      async (req) => identity.listUsers(req.ctx(), req.query),
    );
    app.post(
      '/api/v1/users',
      { schema: { tags: users, summary: '사용자 만들기 (관리자) · Create a user (admin)', body: createUserBody, response: { 201: user, ...problemResponses(400, 401, 403) } } },
      async (req, reply) => reply.code(201).send(await identity.createUser(req.ctx(), req.body)),
    );
    app.get(
      '/api/v1/users/:id',
      { schema: { tags: users, summary: '사용자 정보 · One user', params: idParam, response: { 200: user, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => identity.getUser(req.ctx(), req.params.id),
    );
    app.patch(
      '/api/v1/users/:id',
      {
        schema: {
          tags: users,
          summary: '사용자 정보 수정 · Edit a user',
          description: 'Anyone may change their own name and language; role and disabling are for admins.',
          params: idParam,
          body: updateUserBody,
          response: { 200: user, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => identity.updateUser(req.ctx(), req.params.id, req.body),
    );

    app.get(
      '/api/v1/me/tokens',
      { schema: { tags: ['tokens'], summary: '내 API 토큰 · My API tokens', response: { 200: z.array(apiToken), ...problemResponses(401, 403) } } },
      async (req) => identity.listTokens(req.ctx()),
    );
    app.post(
      '/api/v1/me/tokens',
      {
        schema: {
          tags: ['tokens'],
          summary: 'API 토큰 발급 · Create an API token',
          description: 'The token is shown once. It acts as you, limited to its scopes, until it expires or is revoked.',
          body: createTokenBody,
          response: { 201: createdApiToken, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await identity.createToken(req.ctx(), req.body)),
    );
    app.delete(
      '/api/v1/tokens/:id',
      { schema: { tags: ['tokens'], summary: 'API 토큰 폐기 · Revoke an API token', params: idParam, response: { 200: apiToken, ...problemResponses(401, 403, 404) } } },
      async (req) => identity.revokeToken(req.ctx(), req.params.id),
    );

    const members = ['memberships'];
    app.get(
      '/api/v1/organizations/:organizationId/members',
      { schema: { tags: members, summary: '단체 관리자 목록 · Who manages an organisation', params: orgParam, response: { 200: z.array(member), ...problemResponses(401, 403) } } },
      async (req) => identity.listMembers(req.ctx(), req.params.organizationId),
    );
    app.put(
      '/api/v1/organizations/:organizationId/members/:userId',
      {
        schema: {
          tags: members,
          summary: '단체 관리자 지정 · Make someone an owner or editor',
          params: orgMemberParam,
          body: memberBody,
          response: { 200: membership.extend({ userId: z.uuid() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => identity.setMember(req.ctx(), req.params.organizationId, { userId: req.params.userId, role: req.body.role }),
    );
    app.post(
      '/api/v1/organizations/:organizationId/claims',
      {
        schema: {
          tags: members,
          summary: '단체 관리 요청 · Ask to manage an organisation',
          description: 'Staff check the request and confirm or refuse it.',
          params: orgParam,
          body: claimBody,
          response: { 201: membershipRequest, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await identity.claim(req.ctx(), req.params.organizationId, req.body.message ?? null)),
    );
    app.get(
      '/api/v1/me/membership-requests',
      { schema: { tags: members, summary: '내 단체 관리 요청 · My requests', querystring: requestQuery, response: { 200: membershipRequestPage, ...problemResponses(400, 401) } } },
      async (req) => identity.membershipRequests(req.ctx(), { ...req.query, mine: true }),
    );
    app.get(
      '/api/v1/membership-requests',
      { schema: { tags: members, summary: '단체 관리 요청 검토 대기열 (직원) · Requests to review (staff)', querystring: requestQuery, response: { 200: membershipRequestPage, ...problemResponses(400, 401, 403) } } },
      async (req) => identity.membershipRequests(req.ctx(), { ...req.query, mine: false }),
    );
    app.post(
      '/api/v1/membership-requests/:id/approve',
      {
        schema: { tags: members, summary: '단체 관리 요청 승인 (직원) · Confirm a request (staff)', params: idParam, body: approveClaimBody, response: { 200: membershipRequest, ...problemResponses(400, 401, 403, 404, 409) } },
      },
      async (req) => identity.decideClaim(req.ctx(), req.params.id, { approve: true, role: req.body.role }),
    );
    app.post(
      '/api/v1/membership-requests/:id/reject',
      {
        schema: { tags: members, summary: '단체 관리 요청 거절 (직원) · Refuse a request (staff)', params: idParam, body: rejectClaimBody, response: { 200: membershipRequest, ...problemResponses(400, 401, 403, 404, 409) } },
      },
      async (req) => identity.decideClaim(req.ctx(), req.params.id, { approve: false, reason: req.body.reason }),
    );
    app.delete(
      '/api/v1/organizations/:organizationId/members/:userId',
      {
        schema: { tags: members, summary: '단체 관리자 해제 · Remove a manager', params: orgMemberParam, response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) } },
      },
      async (req, reply) => {
        await identity.removeMember(req.ctx(), req.params.organizationId, req.params.userId);
        return reply.code(204).send(null);
      },
    );
  };
}
