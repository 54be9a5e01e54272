import type { Generated, Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { escapeLike, paged } from '../../kernel/pagination.ts';

export type AuditTables = {
  audit_log: {
    id: Generated<number>;
    at: Generated<Date>;
    actor_user_id: string | null;
    actor_token_id: string | null;
    actor_label: string;
    action: string;
    entity_type: string;
    entity_id: string | null;
    before: string | null; // jsonb: written as JSON text, read back parsed
    after: string | null;
    request_id: string | null;
    ip: string | null;
  };
};

export type AuditRow = Omit<Selectable<AuditTables['audit_log']>, 'before' | 'after'> & { before: unknown; after: unknown };

const t = (db: Db) => db.withTables<AuditTables>();

export async function insert(db: Db, row: Insertable<AuditTables['audit_log']>): Promise<void> {
  await t(db).insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function list(db: Db, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  let q = t(db).selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('action', 'like', `${escapeLike(f.action)}%`);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const { rows, total } = await paged(q, (q) => q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc'), f);
  return { rows: rows as AuditRow[], total };
}

export async function count(db: Db): Promise<number> {
  const r = await t(db).selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
