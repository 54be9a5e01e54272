import { sql, type Generated, type Selectable } from 'kysely';
import type { Db } from '../../db/engine.ts';

export type NotificationTables = {
  notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    title_ko: string;
    title_en: string;
    link: string | null;
    read_at: Date | null;
    created_at: Generated<Date>;
  };
};
export type NotificationRow = Selectable<NotificationTables['notifications']>;

const t = (db: Db) => db.withTables<NotificationTables>();

export async function insertMany(db: Db, rows: { user_id: string; kind: string; title_ko: string; title_en: string; link: string | null }[]): Promise<NotificationRow[]> {
  if (!rows.length) return [];
  return t(db).insertInto('notifications').values(rows).returningAll().execute();
}

export async function listFor(db: Db, userId: string, f: { unread: boolean; page: number; pageSize: number }) {
  let q = t(db).selectFrom('notifications').where('user_id', '=', userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    t(db)
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .select([sql<string>`count(*)`.as('n'), sql<string>`count(*) FILTER (WHERE read_at IS NULL)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: f.unread ? Number(counts.unread) : Number(counts.n), unread: Number(counts.unread) };
}

export function find(db: Db, id: string): Promise<NotificationRow | undefined> {
  return t(db).selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function markRead(db: Db, id: string): Promise<NotificationRow> {
  return t(db)
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await t(db).updateTable('notifications').set({ read_at: sql<Date>`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).returning('id').execute();
  return rows.length;
}
