import { sql, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { likeContains, paged } from '../../kernel/pagination.ts';

export type DirectoryTables = {
  organizations: {
    id: Generated<string>;
    name: string;
    name_en: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
};

export type OrganizationRow = Selectable<DirectoryTables['organizations']>;

const t = (db: Db) => db.withTables<DirectoryTables>();

export function findById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return t(db).selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return t(db).selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insert(db: Db, row: Insertable<DirectoryTables['organizations']>): Promise<OrganizationRow> {
  return t(db).insertInto('organizations').values(row).returningAll().executeTakeFirstOrThrow();
}

export function update(db: Db, id: string, patch: Updateable<DirectoryTables['organizations']>): Promise<OrganizationRow> {
  return t(db)
    .updateTable('organizations')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function list(db: Db, f: { q?: string | undefined; page: number; pageSize: number }) {
  let q = t(db).selectFrom('organizations');
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('name_en', 'ilike', like)]));
  }
  return paged(q, (q) => q.selectAll().orderBy('name').orderBy('id'), f);
}
