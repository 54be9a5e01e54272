import { sql, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { Membership, MembershipRole, Role } from '../../kernel/context.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { likeContains, paged } from '../../kernel/pagination.ts';

export type IdentityTables = {
  users: {
    id: Generated<string>;
    email: string;
    display_name: string;
    locale: Locale;
    role: Role;
    password_hash: string | null;
    password_changed_at: Date | null;
    failed_login_count: Generated<number>;
    locked_until: Date | null;
    disabled_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  sessions: {
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  };
  password_reset_tokens: {
    id: string;
    user_id: string;
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Date | null;
  };
  api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    scopes: string[];
    created_at: Generated<Date>;
    expires_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
  organization_members: {
    organization_id: string;
    user_id: string;
    role: MembershipRole;
    created_at: Generated<Date>;
  };
  membership_requests: {
    id: Generated<string>;
    organization_id: string;
    user_id: string;
    message: string | null;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    granted_role: MembershipRole | null;
    reason: string | null;
    decided_by: string | null;
    decided_at: Date | null;
    created_at: Generated<Date>;
  };
};

export type UserRow = Selectable<IdentityTables['users']>;
export type SessionRow = Selectable<IdentityTables['sessions']>;
export type ApiTokenRow = Selectable<IdentityTables['api_tokens']>;
export type MemberRow = Selectable<IdentityTables['organization_members']>;

const t = (db: Db) => db.withTables<IdentityTables>();

// users

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return t(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return t(db).selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Locks the row for the rest of the transaction, so concurrent sign-ins count failures exactly. */
export function lockUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return t(db).selectFrom('users').selectAll().where('email', '=', email).forUpdate().executeTakeFirst();
}

export function lockUser(db: Db, id: string): Promise<UserRow | undefined> {
  return t(db).selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertUser(db: Db, row: Insertable<IdentityTables['users']>): Promise<UserRow> {
  return t(db).insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: string, patch: Updateable<IdentityTables['users']>): Promise<UserRow> {
  return t(db)
    .updateTable('users')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Counts a failed sign-in atomically; the failure that reaches `maxFailures` locks the account. */
export function recordLoginFailure(db: Db, id: string, maxFailures: number, lockMinutes: number): Promise<UserRow> {
  return t(db)
    .updateTable('users')
    .set({
      failed_login_count: sql<number>`failed_login_count + 1`,
      locked_until: sql<Date | null>`CASE WHEN failed_login_count + 1 >= ${maxFailures}
        THEN now() + make_interval(mins => ${lockMinutes}::int) ELSE locked_until END`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface UserFilter {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = t(db).selectFrom('users');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.q) {
    const like = likeContains(f.q.toLowerCase());
    q = q.where((eb) => eb.or([eb('email', 'like', like), eb(eb.fn('lower', ['display_name']), 'like', like)]));
  }
  return paged(q, (q) => q.selectAll().orderBy('created_at', 'desc').orderBy('id'), f);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await t(db).selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

// sessions

export function insertSession(db: Db, row: Insertable<IdentityTables['sessions']>): Promise<SessionRow> {
  return t(db).insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export type LiveSession = SessionRow & Pick<UserRow, 'email' | 'display_name' | 'locale' | 'role'>;

/** A session that has not expired, of a user who is not disabled, with what the request needs of the user. */
export function findLiveSession(db: Db, id: string): Promise<LiveSession | undefined> {
  return t(db)
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.email', 'u.display_name', 'u.locale', 'u.role'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, expiresAt: Date): Promise<void> {
  await t(db).updateTable('sessions').set({ last_seen_at: sql<Date>`now()`, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return t(db).deleteFrom('sessions').where('id', '=', id).returningAll().executeTakeFirst();
}

/** Ends every session of a user, or every one but `keep`. Returns how many ended. */
export async function deleteSessionsOf(db: Db, userId: string, keep?: string): Promise<number> {
  let q = t(db).deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const r = await t(db).deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// password reset

export async function insertResetToken(db: Db, row: Insertable<IdentityTables['password_reset_tokens']>): Promise<void> {
  await t(db).insertInto('password_reset_tokens').values(row).execute();
}

/** Consumes a live reset token: marks it used and returns its user id, or nothing. */
export async function consumeResetToken(db: Db, id: string): Promise<string | undefined> {
  const r = await t(db)
    .updateTable('password_reset_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return r?.user_id;
}

/** A new reset token supersedes the older ones still unused. */
export async function retireResetTokens(db: Db, userId: string): Promise<void> {
  await t(db)
    .updateTable('password_reset_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

// API tokens

export function insertApiToken(db: Db, row: Insertable<IdentityTables['api_tokens']>): Promise<ApiTokenRow> {
  return t(db).insertInto('api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApiTokenByHash(db: Db, secretHash: string): Promise<ApiTokenRow | undefined> {
  return t(db).selectFrom('api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
}

export function findApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return t(db).selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return t(db).selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export function revokeApiToken(db: Db, id: string): Promise<ApiTokenRow> {
  return t(db)
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markApiTokenUsed(db: Db, id: string): Promise<void> {
  await t(db).updateTable('api_tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

// memberships

export function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  return t(db)
    .selectFrom('organization_members')
    .select(['organization_id as organizationId', 'role'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export function findMembership(db: Db, organizationId: string, userId: string): Promise<MemberRow | undefined> {
  return t(db)
    .selectFrom('organization_members')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function listMembers(db: Db, organizationId: string): Promise<(MemberRow & { email: string; display_name: string })[]> {
  return t(db)
    .selectFrom('organization_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .selectAll('m')
    .select(['u.email', 'u.display_name'])
    .where('m.organization_id', '=', organizationId)
    .orderBy('m.created_at')
    .execute();
}

export function upsertMembership(db: Db, row: Insertable<IdentityTables['organization_members']>): Promise<MemberRow> {
  return t(db)
    .insertInto('organization_members')
    .values(row)
    .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ role: row.role }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteMembership(db: Db, organizationId: string, userId: string): Promise<MemberRow | undefined> {
  return t(db)
    .deleteFrom('organization_members')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function countOwners(db: Db, organizationId: string): Promise<number> {
  const r = await t(db)
    .selectFrom('organization_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// membership requests ("claims")

export type MembershipRequestRow = Selectable<IdentityTables['membership_requests']> & { email?: string; display_name?: string };

export function insertMembershipRequest(db: Db, row: Insertable<IdentityTables['membership_requests']>) {
  return t(db).insertInto('membership_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findOpenRequest(db: Db, organizationId: string, userId: string) {
  return t(db)
    .selectFrom('membership_requests')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function lockMembershipRequest(db: Db, id: string) {
  return t(db).selectFrom('membership_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function decideMembershipRequest(
  db: Db,
  id: string,
  d: { status: 'approved' | 'rejected'; granted_role: MembershipRole | null; reason: string | null; decided_by: string | null },
) {
  return t(db)
    .updateTable('membership_requests')
    .set({ ...d, decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listMembershipRequests(db: Db, f: { userId?: string; status?: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number }) {
  let q = t(db).selectFrom('membership_requests as r').innerJoin('users as u', 'u.id', 'r.user_id');
  if (f.userId) q = q.where('r.user_id', '=', f.userId);
  if (f.status) q = q.where('r.status', '=', f.status);
  return paged(q, (q) => q.selectAll('r').select(['u.email', 'u.display_name']).orderBy('r.created_at', f.status === 'pending' ? 'asc' : 'desc').orderBy('r.id'), f) as Promise<{
    rows: MembershipRequestRow[];
    total: number;
  }>;
}
