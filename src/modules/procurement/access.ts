import { sql } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { arrayLiteral } from '../../db/bulk.ts';
import type { Actor } from '../../kernel/context.ts';
import { isStaff } from '../../kernel/policy.ts';
import './policy.ts';

export type RecordsScope = { all: true } | { all: false; institutionIds: string[] };

/** The institutions a user is a purchasing officer (구매담당) of. */
export async function officerInstitutionIds(db: Db, userId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`SELECT institution_id AS id FROM procurement_officers WHERE user_id = ${userId} ORDER BY institution_id`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The purchasing officers of an institution (user ids), to tell them of what concerns it. */
export async function institutionOfficers(db: Db, institutionId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`SELECT user_id AS id FROM procurement_officers WHERE institution_id = ${institutionId} ORDER BY user_id`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Institutions' names by id (those that exist). */
export async function institutionNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM procurement_institutions WHERE id = ANY(${arrayLiteral([...new Set(ids)])}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/**
 * Whose purchase records an actor may read: staff, admins and the system all of them; anyone else the
 * institutions whose records are public plus those they are an officer of. Analytics and catalogue
 * filter every per-institution figure by this.
 */
export async function recordsScope(db: Db, actor: Actor): Promise<RecordsScope> {
  if (actor.kind === 'system' || (actor.kind === 'user' && isStaff(actor))) return { all: true };
  const userId = actor.kind === 'user' ? actor.userId : null;
  const r = await sql<{ id: string }>`
    SELECT id FROM procurement_institutions WHERE records_public
    UNION
    SELECT institution_id FROM procurement_officers WHERE user_id = ${userId}
    ORDER BY 1`.execute(db);
  return { all: false, institutionIds: r.rows.map((x) => x.id) };
}
