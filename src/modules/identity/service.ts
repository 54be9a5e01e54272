import type { Db } from '../../db/engine.ts';
import type { Membership, RequestContext, Role, UserActor } from '../../kernel/context.ts';
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from '../../kernel/crypto.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { Mailer } from '../../kernel/mail.ts';
import type { Page } from '../../kernel/pagination.ts';
import { authorize, knownScopes } from '../../kernel/policy.ts';
import { conflict, fieldProblem, notFound, Problem } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { organizationExists } from '../directory/index.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type { ApiTokenRow, UserRow } from './repository.ts';

export interface IdentityConfig {
  /** A session ends after this long without use. */
  sessionIdleHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  resetTokenMinutes: number;
  /** Base URL for links in e-mail, e.g. https://hub.example.org */
  publicUrl: string;
  signupOpen: boolean;
}

export const DEFAULT_IDENTITY_CONFIG: IdentityConfig = {
  sessionIdleHours: 24 * 7,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  resetTokenMinutes: 60,
  publicUrl: 'http://localhost:3000',
  signupOpen: true,
};

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface PublicApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    locale: u.locale,
    role: u.role,
    disabled: u.disabled_at !== null,
    lockedUntil: u.locked_until && u.locked_until > new Date() ? u.locked_until.toISOString() : null,
    createdAt: u.created_at.toISOString(),
  };
}

/** What the audit log keeps of a user: no hash, no counters that change on every sign-in. */
function auditUser(u: UserRow) {
  const { lockedUntil: _lockedUntil, createdAt: _createdAt, ...view } = presentUser(u);
  return { ...view, hasPassword: u.password_hash !== null, passwordChangedAt: iso(u.password_changed_at) };
}

function presentToken(t: ApiTokenRow): PublicApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
  };
}

const TOKEN_PREFIX = 'sehub';
const addMinutes = (m: number) => new Date(Date.now() + m * 60_000);

export interface SignedIn {
  user: PublicUser;
  memberships: Membership[];
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface AuthenticatedSession {
  actor: UserActor;
  csrfToken: string;
  locale: Locale;
  /** Set when the idle window was pushed forward and the cookie should be re-issued. */
  renewedUntil?: Date;
}

const resetMail = (locale: Locale, link: string, minutes: number) =>
  locale === 'en'
    ? {
        subject: '[sehub] Reset your password',
        text: `Someone (hopefully you) asked to reset the password of this sehub account.\n\nOpen this link within ${minutes} minutes to choose a new password:\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.`,
      }
    : {
        subject: '[sehub] 비밀번호 재설정 안내',
        text: `sehub 계정의 비밀번호 재설정 요청이 접수되었습니다.\n\n${minutes}분 안에 아래 링크를 열어 새 비밀번호를 정하세요.\n${link}\n\n요청하신 적이 없다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.`,
      };

export function createIdentityService(db: Db, mailer: Mailer, config: IdentityConfig) {
  async function loadUser(id: string): Promise<UserRow> {
    const u = await repo.findUserById(db, id);
    if (!u) throw notFound('사용자를 찾을 수 없습니다', 'User not found');
    return u;
  }

  async function startSession(trx: Db, ctx: RequestContext, user: UserRow): Promise<SignedIn> {
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + config.sessionIdleHours * 3_600_000);
    await repo.insertSession(trx, {
      id: sha256(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: ctx.ip ?? null,
      user_agent: ctx.userAgent?.slice(0, 400) ?? null,
    });
    return {
      user: presentUser(user),
      memberships: await repo.membershipsOf(trx, user.id),
      sessionToken,
      csrfToken,
      expiresAt,
    };
  }

  function assertScopes(scopes: string[]) {
    const known = new Set(knownScopes());
    scopes.forEach((s, i) => {
      if (!known.has(s)) {
        throw fieldProblem(
          `scopes.${i}`,
          `알 수 없는 범위입니다: ${s} (가능한 값: ${[...known].join(', ')})`,
          `Unknown scope: ${s} (known: ${[...known].join(', ')})`,
        );
      }
    });
  }

  async function assertNotLastAdmin(trx: Db, user: UserRow, next: { role?: Role; disabled?: boolean }) {
    const losesAdmin = user.role === 'admin' && ((next.role && next.role !== 'admin') || next.disabled === true);
    if (!losesAdmin) return;
    const admins = await repo.listUsers(trx, { role: 'admin', page: 1, pageSize: 2 });
    const active = admins.rows.filter((u) => u.disabled_at === null);
    if (active.length <= 1) throw conflict('마지막 관리자는 역할을 바꾸거나 비활성화할 수 없습니다', 'The last admin cannot lose the admin role or be disabled');
  }

  return {
    // ——— sign-up, sign-in, sessions ———

    async register(ctx: RequestContext, input: { email: string; password: string; displayName: string; locale: Locale }): Promise<SignedIn> {
      authorize(ctx.actor, 'account.register', undefined);
      if (!config.signupOpen) throw new Problem('forbidden', { ko: '이 허브는 가입을 받지 않습니다. 센터에 문의하세요', en: 'This hub does not take sign-ups; ask the centre' });
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if (await repo.findUserByEmail(trx, input.email)) {
          throw fieldProblem('email', '이미 가입된 이메일입니다', 'This e-mail address is already registered');
        }
        const user = await repo.insertUser(trx, {
          email: input.email,
          display_name: input.displayName,
          locale: input.locale,
          role: 'member',
          password_hash: passwordHash,
          password_changed_at: new Date(),
        });
        await recordAudit(trx, ctx, { action: 'user.register', entityType: 'user', entityId: user.id, before: null, after: auditUser(user) });
        return startSession(trx, ctx, user);
      });
    },

    async login(ctx: RequestContext, input: { email: string; password: string }): Promise<SignedIn> {
      authorize(ctx.actor, 'session.create', undefined);
      const user = await repo.findUserByEmail(db, input.email);
      if (user?.locked_until && user.locked_until > new Date()) throw lockedProblem(user.locked_until);
      // Hash outside any transaction: scrypt takes tens of milliseconds and must not hold the database.
      const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
      if (!user || !ok || user.disabled_at) {
        if (user) {
          const after = await db.transaction().execute(async (trx) => {
            const updated = await repo.recordLoginFailure(trx, user.id, config.loginMaxFailures, config.loginLockMinutes);
            await recordAudit(trx, ctx, {
              action: 'auth.login_failed',
              entityType: 'user',
              entityId: user.id,
              before: { failedLoginCount: user.failed_login_count, lockedUntil: iso(user.locked_until) },
              after: { failedLoginCount: updated.failed_login_count, lockedUntil: iso(updated.locked_until) },
            });
            return updated;
          });
          if (after.locked_until && after.locked_until > new Date()) throw lockedProblem(after.locked_until);
        }
        throw new Problem('invalid-credentials');
      }
      return db.transaction().execute(async (trx) => {
        const fresh = user.failed_login_count > 0 || user.locked_until
          ? await repo.updateUser(trx, user.id, { failed_login_count: 0, locked_until: null })
          : user;
        const signedIn = await startSession(trx, ctx, fresh);
        await recordAudit(trx, ctx, {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: { sessionExpiresAt: signedIn.expiresAt.toISOString(), ip: ctx.ip ?? null },
        });
        return signedIn;
      });
    },

    /** Resolves a session cookie; slides the idle window forward at most once a minute. */
    async authenticateSession(sessionToken: string): Promise<AuthenticatedSession | undefined> {
      const s = await repo.findLiveSession(db, sha256(sessionToken));
      if (!s) return undefined;
      const actor: UserActor = {
        kind: 'user',
        userId: s.user_id,
        role: s.role,
        memberships: await repo.membershipsOf(db, s.user_id),
        via: 'session',
        sessionId: s.id,
      };
      let renewedUntil: Date | undefined;
      if (Date.now() - s.last_seen_at.getTime() > 60_000) {
        renewedUntil = new Date(Date.now() + config.sessionIdleHours * 3_600_000);
        await repo.touchSession(db, s.id, renewedUntil);
      }
      return { actor, csrfToken: s.csrf_token, locale: s.locale, ...(renewedUntil ? { renewedUntil } : {}) };
    },

    async session(ctx: RequestContext, csrfToken: string) {
      const actor = requireUser(ctx);
      return { user: presentUser(await loadUser(actor.userId)), memberships: actor.memberships, csrfToken };
    },

    async logout(ctx: RequestContext): Promise<void> {
      authorize(ctx.actor, 'session.end', undefined);
      const actor = requireUser(ctx);
      if (!actor.sessionId) return;
      await db.transaction().execute(async (trx) => {
        const ended = await repo.deleteSession(trx, actor.sessionId!);
        if (!ended) return;
        await recordAudit(trx, ctx, {
          action: 'auth.logout',
          entityType: 'user',
          entityId: actor.userId,
          before: { sessionCreatedAt: ended.created_at.toISOString() },
          after: null,
        });
      });
    },

    // ——— passwords ———

    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
      authorize(ctx.actor, 'password.change', undefined);
      const actor = requireUser(ctx);
      const user = await loadUser(actor.userId);
      if (!user.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
        throw fieldProblem('currentPassword', '현재 비밀번호가 맞지 않습니다', 'The current password is not correct');
      }
      const hash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        const updated = await repo.updateUser(trx, user.id, { password_hash: hash, password_changed_at: new Date() });
        // Other browsers signed in as this person are signed out; this one stays.
        await repo.deleteSessionsOf(trx, user.id, actor.sessionId);
        await recordAudit(trx, ctx, { action: 'user.password_change', entityType: 'user', entityId: user.id, before: auditUser(user), after: auditUser(updated) });
      });
    },

    /** Always answers the same, whether the address is known or not, so it cannot be used to probe. */
    async requestPasswordReset(ctx: RequestContext, input: { email: string }): Promise<void> {
      authorize(ctx.actor, 'password.reset', undefined);
      const user = await repo.findUserByEmail(db, input.email);
      if (!user || user.disabled_at) return;
      const token = randomToken();
      const expiresAt = addMinutes(config.resetTokenMinutes);
      await db.transaction().execute(async (trx) => {
        await repo.retireResetTokens(trx, user.id);
        await repo.insertResetToken(trx, { id: sha256(token), user_id: user.id, expires_at: expiresAt });
        await recordAudit(trx, ctx, {
          action: 'user.password_reset_request',
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: { resetExpiresAt: expiresAt.toISOString() },
        });
      });
      const link = `${config.publicUrl.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
      await mailer.send({ to: user.email, ...resetMail(user.locale, link, config.resetTokenMinutes) });
    },

    async confirmPasswordReset(ctx: RequestContext, input: { token: string; newPassword: string }): Promise<void> {
      authorize(ctx.actor, 'password.reset', undefined);
      const hash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        const userId = await repo.consumeResetToken(trx, sha256(input.token));
        if (!userId) {
          throw fieldProblem('token', '재설정 링크가 올바르지 않거나 만료되었습니다. 다시 요청하세요', 'The reset link is invalid or has expired; ask for a new one');
        }
        const before = await repo.findUserById(trx, userId);
        const updated = await repo.updateUser(trx, userId, {
          password_hash: hash,
          password_changed_at: new Date(),
          failed_login_count: 0,
          locked_until: null,
        });
        await repo.deleteSessionsOf(trx, userId);
        await recordAudit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: userId, before: before && auditUser(before), after: auditUser(updated) });
      });
    },

    // ——— users ———

    async createUser(
      ctx: RequestContext,
      input: { email: string; displayName: string; role: Role; locale: Locale; password?: string | undefined },
    ): Promise<PublicUser> {
      authorize(ctx.actor, 'user.create', undefined);
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      const user = await db.transaction().execute(async (trx) => {
        if (await repo.findUserByEmail(trx, input.email)) {
          throw fieldProblem('email', '이미 가입된 이메일입니다', 'This e-mail address is already registered');
        }
        const created = await repo.insertUser(trx, {
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          locale: input.locale,
          password_hash: passwordHash,
          password_changed_at: passwordHash ? new Date() : null,
        });
        await recordAudit(trx, ctx, { action: 'user.create', entityType: 'user', entityId: created.id, before: null, after: auditUser(created) });
        return created;
      });
      return presentUser(user);
    },

    async listUsers(ctx: RequestContext, filter: repo.UserFilter): Promise<Page<PublicUser>> {
      authorize(ctx.actor, 'user.list', undefined);
      const { rows, total } = await repo.listUsers(db, filter);
      return { items: rows.map(presentUser), total, page: filter.page, pageSize: filter.pageSize };
    },

    async getUser(ctx: RequestContext, id: string): Promise<PublicUser> {
      authorize(ctx.actor, 'user.read', { userId: id });
      return presentUser(await loadUser(id));
    },

    async updateUser(
      ctx: RequestContext,
      id: string,
      input: { displayName?: string | undefined; locale?: Locale | undefined; role?: Role | undefined; disabled?: boolean | undefined },
    ): Promise<PublicUser> {
      const privileged = input.role !== undefined || input.disabled !== undefined;
      authorize(ctx.actor, 'user.update', { userId: id, privileged });
      const updated = await db.transaction().execute(async (trx) => {
        const before = await repo.lockUser(trx, id);
        if (!before) throw notFound('사용자를 찾을 수 없습니다', 'User not found');
        await assertNotLastAdmin(trx, before, input);
        const after = await repo.updateUser(trx, id, {
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.locale !== undefined ? { locale: input.locale } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.disabled !== undefined ? { disabled_at: input.disabled ? (before.disabled_at ?? new Date()) : null } : {}),
        });
        // A disabled person is signed out everywhere at once.
        if (input.disabled) await repo.deleteSessionsOf(trx, id);
        await recordAudit(trx, ctx, { action: 'user.update', entityType: 'user', entityId: id, before: auditUser(before), after: auditUser(after) });
        return after;
      });
      return presentUser(updated);
    },

    // ——— API tokens ———

    async createToken(ctx: RequestContext, input: { name: string; scopes: string[]; expiresInDays: number }) {
      const actor = requireUser(ctx);
      authorize(ctx.actor, 'token.manage', { ownerId: actor.userId });
      assertScopes(input.scopes);
      const prefix = randomToken(6);
      const token = `${TOKEN_PREFIX}_${prefix}_${randomToken(32)}`;
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertApiToken(trx, {
          user_id: actor.userId,
          name: input.name,
          prefix: `${TOKEN_PREFIX}_${prefix}`,
          secret_hash: sha256(token),
          scopes: [...new Set(input.scopes)].sort(),
          expires_at: new Date(Date.now() + input.expiresInDays * 86_400_000),
        });
        await recordAudit(trx, ctx, { action: 'api_token.create', entityType: 'api_token', entityId: created.id, before: null, after: presentToken(created) });
        return created;
      });
      return { ...presentToken(row), token };
    },

    async listTokens(ctx: RequestContext): Promise<PublicApiToken[]> {
      const actor = requireUser(ctx);
      authorize(ctx.actor, 'token.manage', { ownerId: actor.userId });
      return (await repo.listApiTokens(db, actor.userId)).map(presentToken);
    },

    async revokeToken(ctx: RequestContext, id: string): Promise<PublicApiToken> {
      const found = await repo.findApiToken(db, id);
      if (!found) throw notFound('토큰을 찾을 수 없습니다', 'Token not found');
      authorize(ctx.actor, 'token.manage', { ownerId: found.user_id });
      if (found.revoked_at) return presentToken(found);
      const revoked = await db.transaction().execute(async (trx) => {
        const r = await repo.revokeApiToken(trx, id);
        await recordAudit(trx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, before: presentToken(found), after: presentToken(r) });
        return r;
      });
      return presentToken(revoked);
    },

    /** Resolves "Authorization: Bearer sehub_…"; undefined when unknown, revoked, expired or its user is disabled. */
    async authenticateToken(token: string): Promise<{ actor: UserActor; locale: Locale } | undefined> {
      if (!token.startsWith(`${TOKEN_PREFIX}_`)) return undefined;
      const row = await repo.findApiTokenByHash(db, sha256(token));
      if (!row || row.revoked_at || row.expires_at <= new Date()) return undefined;
      const user = await repo.findUserById(db, row.user_id);
      if (!user || user.disabled_at) return undefined;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.markApiTokenUsed(db, row.id);
      return {
        actor: {
          kind: 'user',
          userId: user.id,
          role: user.role,
          memberships: await repo.membershipsOf(db, user.id),
          via: 'token',
          tokenId: row.id,
          scopes: row.scopes,
        },
        locale: user.locale,
      };
    },

    // ——— organisation memberships ———

    async listMembers(ctx: RequestContext, organizationId: string) {
      authorize(ctx.actor, 'membership.list', { organizationId });
      const rows = await repo.listMembers(db, organizationId);
      return rows.map((m) => ({ userId: m.user_id, email: m.email, displayName: m.display_name, role: m.role, since: m.created_at.toISOString() }));
    },

    async setMember(ctx: RequestContext, organizationId: string, input: { userId: string; role: 'owner' | 'editor' }) {
      authorize(ctx.actor, 'membership.manage', { organizationId });
      if (!(await organizationExists(db, organizationId))) throw notFound('단체를 찾을 수 없습니다', 'Organisation not found');
      return db.transaction().execute(async (trx) => {
        if (!(await repo.findUserById(trx, input.userId))) throw fieldProblem('userId', '사용자를 찾을 수 없습니다', 'No user has this id');
        const before = await repo.findMembership(trx, organizationId, input.userId);
        if (before?.role === 'owner' && input.role !== 'owner' && (await repo.countOwners(trx, organizationId)) <= 1) {
          throw conflict('단체에는 소유자가 한 명 이상 있어야 합니다', 'An organisation needs at least one owner');
        }
        const after = await repo.upsertMembership(trx, { organization_id: organizationId, user_id: input.userId, role: input.role });
        await recordAudit(trx, ctx, {
          action: before ? 'membership.update' : 'membership.create',
          entityType: 'organization_member',
          entityId: `${organizationId}:${input.userId}`,
          before: before ? { role: before.role } : null,
          after: { organizationId, userId: input.userId, role: after.role },
        });
        return { organizationId, userId: input.userId, role: after.role };
      });
    },

    async removeMember(ctx: RequestContext, organizationId: string, userId: string): Promise<void> {
      authorize(ctx.actor, 'membership.manage', { organizationId });
      await db.transaction().execute(async (trx) => {
        const before = await repo.findMembership(trx, organizationId, userId);
        if (!before) throw notFound('구성원이 아닙니다', 'This person is not a member of the organisation');
        if (before.role === 'owner' && (await repo.countOwners(trx, organizationId)) <= 1) {
          throw conflict('단체에는 소유자가 한 명 이상 있어야 합니다', 'An organisation needs at least one owner');
        }
        await repo.deleteMembership(trx, organizationId, userId);
        await recordAudit(trx, ctx, {
          action: 'membership.delete',
          entityType: 'organization_member',
          entityId: `${organizationId}:${userId}`,
          before: { organizationId, userId, role: before.role },
          after: null,
        });
      });
    },

    /** Housekeeping: forgets sessions past their idle limit. Nothing a person sees changes, so no audit row. */
    purgeExpiredSessions(): Promise<number> {
      return repo.deleteExpiredSessions(db);
    },

    // ——— requests to manage an organisation ("claims") ———

    async claim(ctx: RequestContext, organizationId: string, message: string | null) {
      authorize(ctx.actor, 'membership.claim', undefined);
      const actor = requireUser(ctx);
      if (!(await organizationExists(db, organizationId))) throw notFound('단체를 찾을 수 없습니다', 'Organisation not found');
      if (actor.memberships.some((m) => m.organizationId === organizationId)) {
        throw conflict('이미 이 단체의 관리자입니다', 'You already manage this organisation');
      }
      return db.transaction().execute(async (trx) => {
        if (await repo.findOpenRequest(trx, organizationId, actor.userId)) {
          throw conflict('이미 검토를 기다리는 요청이 있습니다', 'A request of yours is already waiting for review');
        }
        const row = await repo.insertMembershipRequest(trx, { organization_id: organizationId, user_id: actor.userId, message });
        const view = presentRequest(row);
        await recordAudit(trx, ctx, { action: 'membership_request.create', entityType: 'membership_request', entityId: row.id, before: null, after: view });
        return view;
      });
    },

    async membershipRequests(ctx: RequestContext, f: { mine: boolean; status?: 'pending' | 'approved' | 'rejected' | undefined; page: number; pageSize: number }) {
      const actor = requireUser(ctx);
      if (!f.mine) authorize(ctx.actor, 'membership.review', undefined);
      const { rows, total } = await repo.listMembershipRequests(db, { ...f, ...(f.mine ? { userId: actor.userId } : {}) });
      return { items: rows.map(presentRequest), total, page: f.page, pageSize: f.pageSize };
    },

    /** Confirms a claim: the person becomes owner (when the organisation has none) or editor. */
    async decideClaim(ctx: RequestContext, id: string, decision: { approve: true; role?: 'owner' | 'editor' | undefined } | { approve: false; reason: string }) {
      authorize(ctx.actor, 'membership.review', undefined);
      const decidedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      return db.transaction().execute(async (trx) => {
        const r = await repo.lockMembershipRequest(trx, id);
        if (!r) throw notFound('요청을 찾을 수 없습니다', 'Request not found');
        if (r.status !== 'pending') throw conflict('이미 처리된 요청입니다', `This request was already ${r.status}`);
        if (!decision.approve) {
          const decided = await repo.decideMembershipRequest(trx, id, { status: 'rejected', granted_role: null, reason: decision.reason, decided_by: decidedBy });
          await recordAudit(trx, ctx, { action: 'membership_request.reject', entityType: 'membership_request', entityId: id, before: presentRequest(r), after: presentRequest(decided) });
          return presentRequest(decided);
        }
        const role = decision.role ?? ((await repo.countOwners(trx, r.organization_id)) === 0 ? 'owner' : 'editor');
        await repo.upsertMembership(trx, { organization_id: r.organization_id, user_id: r.user_id, role });
        const decided = await repo.decideMembershipRequest(trx, id, { status: 'approved', granted_role: role, reason: null, decided_by: decidedBy });
        await recordAudit(trx, ctx, { action: 'membership_request.approve', entityType: 'membership_request', entityId: id, before: presentRequest(r), after: presentRequest(decided) });
        return presentRequest(decided);
      });
    },

    /** For other modules: may this user edit this organisation's profile? */
    async mayEditOrganization(userId: string, organizationId: string): Promise<boolean> {
      const user = await repo.findUserById(db, userId);
      if (!user || user.disabled_at) return false;
      if (user.role === 'admin' || user.role === 'staff') return true;
      return (await repo.findMembership(db, organizationId, userId)) !== undefined;
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;

function presentRequest(r: repo.MembershipRequestRow) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    userId: r.user_id,
    ...(r.email ? { user: { email: r.email, displayName: r.display_name ?? '' } } : {}),
    message: r.message,
    status: r.status,
    grantedRole: r.granted_role,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    createdAt: r.created_at.toISOString(),
  };
}

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new Problem('unauthenticated');
  return ctx.actor;
}

function lockedProblem(until: Date): Problem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new Problem(
    'account-locked',
    { ko: `로그인 실패가 반복되어 ${minutes}분 동안 잠겼습니다. 비밀번호 재설정으로 바로 풀 수 있습니다`, en: `Locked for ${minutes} minutes after repeated failed sign-ins; a password reset unlocks it at once` },
    [],
    { 'retry-after': String(seconds) },
  );
}
