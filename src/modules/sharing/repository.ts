import { sql, type Generated, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { gramCodes, isInitialsQuery, normalizeForSearch, searchKeys } from '../../kernel/hangul.ts';
import { likeContains } from '../../kernel/pagination.ts';
import type { RequestStatus } from './schema.ts';

export type SharingTables = {
  sharing_categories: { key: string; label_ko: string; label_en: string; returns: boolean; sort: number };
  sharing_resources: {
    id: Generated<string>;
    organization_id: string;
    title: string;
    description: string | null;
    category_key: string;
    district_code: string | null;
    photos: Generated<{ url: string; alt: string }[]>;
    terms: 'free' | 'cost_recovery' | 'fee';
    fee_won: string | number | null;
    availability: string | null;
    available_ranges: Generated<{ from: string; to: string }[]>;
    quantity: number | null;
    status: Generated<'available' | 'paused' | 'gone'>;
    is_demo: Generated<boolean>;
    search_text: string;
    search_initials: string;
    search_grams: number[];
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  sharing_requests: {
    id: Generated<string>;
    resource_id: string;
    requester_organization_id: string;
    requested_by: string | null;
    from_date: string | null;
    to_date: string | null;
    quantity: number | null;
    message: string | null;
    status: Generated<RequestStatus>;
    proposed_from: string | null;
    proposed_to: string | null;
    proposal_note: string | null;
    decline_reason: string | null;
    cancel_reason: string | null;
    cancelled_by: 'owner' | 'requester' | null;
    handed_over_on: string | null;
    returned_on: string | null;
    return_condition: string | null;
    completed_on: string | null;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  sharing_reviews: {
    request_id: string;
    side: 'owner' | 'requester';
    rating: number;
    body: string | null;
    author_id: string | null;
    created_at: Generated<Date>;
  };
  sharing_linkages_v: {
    request_id: string;
    year: number;
    completed_on: string;
    category_key: string;
    district_code: string | null;
    owner_organization_id: string;
    requester_organization_id: string;
    is_demo: boolean;
  };
};
type T = SharingTables;
export type CategoryRow = Selectable<T['sharing_categories']>;
export type ResourceRow = Selectable<T['sharing_resources']>;
export type ResourceInsert = Insertable<T['sharing_resources']>;
export type RequestRow = Selectable<T['sharing_requests']>;
export type RequestUpdate = Updateable<T['sharing_requests']>;
export type ReviewRow = Selectable<T['sharing_reviews']>;

const t = (db: Db) => db.withTables<SharingTables>();

// Dates come back as text: every date column is cast in the selection, so both engines agree.
const DATE_COLUMNS = ['from_date', 'to_date', 'proposed_from', 'proposed_to', 'handed_over_on', 'returned_on', 'completed_on'] as const;

export function categories(db: Db): Promise<CategoryRow[]> {
  return t(db).selectFrom('sharing_categories').selectAll().orderBy('sort').execute();
}

// ——— resources ———

/** The search keys of a resource: its title and description. */
export function resourceSearchColumns(title: string, description: string | null | undefined) {
  const k = searchKeys(title, description);
  return { search_text: k.text, search_initials: k.initials, search_grams: k.grams };
}

const jsonColumns = <R extends { photos?: unknown; available_ranges?: unknown }>(row: R): R => ({
  ...row,
  ...(row.photos !== undefined ? { photos: JSON.stringify(row.photos) } : {}),
  ...(row.available_ranges !== undefined ? { available_ranges: JSON.stringify(row.available_ranges) } : {}),
});

export function insertResource(db: Db, row: ResourceInsert): Promise<ResourceRow> {
  return t(db).insertInto('sharing_resources').values(jsonColumns(row) as never).returningAll().executeTakeFirstOrThrow();
}

export async function insertResources(db: Db, rows: ResourceInsert[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => jsonColumns(r));
    n += (await t(db).insertInto('sharing_resources').values(chunk as never).returning('id').execute()).length;
  }
  return n;
}

export function updateResource(db: Db, id: string, patch: Updateable<T['sharing_resources']>): Promise<ResourceRow> {
  return t(db)
    .updateTable('sharing_resources')
    .set({ ...(jsonColumns(patch) as object), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return t(db).selectFrom('sharing_resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return t(db).selectFrom('sharing_resources').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ResourceFilter {
  q?: string | undefined;
  category?: string[] | undefined;
  district?: string[] | undefined;
  organization?: string | undefined;
  status: 'available' | 'paused' | 'gone' | 'all';
}
type Dimension = 'category' | 'district';
type ResQuery = SelectQueryBuilder<T, 'sharing_resources', object>;

function filtered(db: Db, f: ResourceFilter, except?: Dimension): ResQuery {
  let q = t(db).selectFrom('sharing_resources') as ResQuery;
  const needle = f.q ? normalizeForSearch(f.q) : '';
  if (needle) {
    // As in the directory: the GIN index on the bigram codes narrows, LIKE checks the fragment is contiguous.
    const pieces = gramCodes(needle);
    if (pieces.length) q = q.where(sql<SqlBool>`search_grams @> ${sql.val(pieces)}::int4[]`);
    q = q.where(isInitialsQuery(needle) ? 'search_initials' : 'search_text', 'like', likeContains(needle));
  }
  if (f.category?.length && except !== 'category') q = q.where('category_key', 'in', f.category);
  if (f.district?.length && except !== 'district') q = q.where('district_code', 'in', f.district);
  if (f.organization) q = q.where('organization_id', '=', f.organization);
  if (f.status !== 'all') q = q.where('status', '=', f.status);
  return q;
}

export async function searchResources(db: Db, f: ResourceFilter & { page: number; pageSize: number }) {
  const needle = f.q ? normalizeForSearch(f.q) : '';
  let q = filtered(db, f).selectAll();
  if (needle && !isInitialsQuery(needle)) q = q.orderBy(sql`strpos(search_text, ${needle})`);
  const [rows, count] = await Promise.all([
    q.orderBy('title').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    filtered(db, f).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ResourceRow[], total: Number(count.n) };
}

/** Counts by one dimension under every filter but its own. */
export async function facet(db: Db, f: ResourceFilter, dimension: Dimension): Promise<Map<string, number>> {
  const col = dimension === 'category' ? 'category_key' : 'district_code';
  const rows = await filtered(db, f, dimension)
    .select([sql<string>`${sql.ref(col)}`.as('key'), sql<string>`count(*)`.as('n')])
    .where(col, 'is not', null)
    .groupBy(col)
    .execute();
  return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
}

export async function removeDemoResources(db: Db): Promise<number> {
  return (await t(db).deleteFrom('sharing_resources').where('is_demo', '=', true).returning('id').execute()).length;
}

// ——— requests ———

const requestColumns = (db: Db) =>
  t(db)
    .selectFrom('sharing_requests')
    .selectAll()
    .select(DATE_COLUMNS.map((c) => sql<string | null>`${sql.ref(c)}::text`.as(c)));

export function insertRequest(db: Db, row: Insertable<T['sharing_requests']>): Promise<{ id: string }> {
  return t(db).insertInto('sharing_requests').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return requestColumns(db).where('id', '=', id).executeTakeFirst() as Promise<RequestRow | undefined>;
}

export function lockRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return requestColumns(db).where('id', '=', id).forUpdate().executeTakeFirst() as Promise<RequestRow | undefined>;
}

export async function updateRequest(db: Db, id: string, patch: RequestUpdate): Promise<void> {
  await t(db)
    .updateTable('sharing_requests')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function listRequests(
  db: Db,
  f: { requesterOrgs?: string[]; ownerOrgs?: string[]; everyone?: boolean; status?: string[] | undefined; page: number; pageSize: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  let q = t(db).selectFrom('sharing_requests').innerJoin('sharing_resources as r', 'r.id', 'sharing_requests.resource_id');
  if (!f.everyone) {
    const requester = f.requesterOrgs ?? [];
    const owner = f.ownerOrgs ?? [];
    if (!requester.length && !owner.length) return { rows: [], total: 0 };
    q = q.where((eb) =>
      eb.or([
        ...(requester.length ? [eb('sharing_requests.requester_organization_id', 'in', requester)] : []),
        ...(owner.length ? [eb('r.organization_id', 'in', owner)] : []),
      ]),
    );
  }
  if (f.status?.length) q = q.where('sharing_requests.status', 'in', f.status as RequestStatus[]);
  const [ids, count] = await Promise.all([
    q.select('sharing_requests.id').orderBy('sharing_requests.updated_at', 'desc').orderBy('sharing_requests.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  if (!ids.length) return { rows: [], total: Number(count.n) };
  const rows = (await requestColumns(db).where('id', 'in', ids.map((r) => r.id)).execute()) as RequestRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(count.n) };
}

export function reviewsOf(db: Db, requestIds: string[]): Promise<ReviewRow[]> {
  if (!requestIds.length) return Promise.resolve([]);
  return t(db).selectFrom('sharing_reviews').selectAll().where('request_id', 'in', requestIds).orderBy('created_at').execute();
}

/** Inserts a review unless the side has one; returns undefined when it had. */
export function insertReview(db: Db, row: Insertable<T['sharing_reviews']>): Promise<ReviewRow | undefined> {
  return t(db).insertInto('sharing_reviews').values(row).onConflict((oc) => oc.columns(['request_id', 'side']).doNothing()).returningAll().executeTakeFirst();
}

// ——— linkages ———

export async function linkageCounts(db: Db, f: { year?: number | undefined; by: 'district' | 'category' }) {
  const col = f.by === 'district' ? 'district_code' : 'category_key';
  let q = t(db).selectFrom('sharing_linkages_v');
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  const [rows, total] = await Promise.all([
    q
      .select([
        sql<string | null>`${sql.ref(col)}`.as('key'),
        sql<string>`count(*)`.as('n'),
        sql<string>`count(DISTINCT owner_organization_id)`.as('owners'),
        sql<string>`count(DISTINCT requester_organization_id)`.as('requesters'),
      ])
      .groupBy(col)
      .execute(),
    q
      .select([
        sql<string>`count(*)`.as('n'),
        sql<string>`(SELECT count(*) FROM (SELECT owner_organization_id FROM sharing_linkages_v l WHERE ${f.year === undefined ? sql`true` : sql`l.year = ${f.year}`} UNION SELECT requester_organization_id FROM sharing_linkages_v l WHERE ${f.year === undefined ? sql`true` : sql`l.year = ${f.year}`}) AS o)`.as('orgs'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ key: r.key, linkages: Number(r.n), owners: Number(r.owners), requesters: Number(r.requesters) })),
    total: { linkages: Number(total.n), organizations: Number(total.orgs) },
  };
}

export function resourcesByIds(db: Db, ids: string[]): Promise<ResourceRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return t(db).selectFrom('sharing_resources').selectAll().where('id', 'in', ids).execute();
}

export async function insertRequests(db: Db, rows: Insertable<T['sharing_requests']>[]): Promise<number> {
  if (!rows.length) return 0;
  return (await t(db).insertInto('sharing_requests').values(rows).returning('id').execute()).length;
}
