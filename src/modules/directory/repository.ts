import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Generated, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import { arrayLiteral, insertColumns, insertRows } from '../../db/bulk.ts';
import type { Db } from '../../db/engine.ts';
import { gramCodes, isInitialsQuery, normalizeForSearch } from '../../kernel/hangul.ts';
import { likeContains, paged } from '../../kernel/pagination.ts';
import type { OrganizationFilter } from './schema.ts';

export type DirectoryTables = {
  organizations: {
    id: Generated<string>;
    name: string;
    name_en: string | null;
    legal_form: string | null;
    representative: string | null;
    type_key: string | null;
    subtype_key: string | null;
    industry_key: string | null;
    district_code: string | null;
    road_address: string | null;
    lat: number | null;
    lon: number | null;
    phone: string | null;
    email: string | null;
    website: string | null;
    social_links: Generated<Record<string, string>>;
    description: string | null;
    products: string | null;
    business_reg_no: string | null;
    founded_on: string | null;
    status: Generated<'operating' | 'closed'>;
    employees: number | null;
    members: number | null;
    is_demo: Generated<boolean>;
    search_text: string;
    search_initials: string;
    search_grams: number[];
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  organization_status_events: {
    id: Generated<number>;
    organization_id: string;
    kind: string;
    occurred_on: string;
    note: string | null;
    created_at: Generated<Date>;
  };
  organization_councils: { organization_id: string; council_id: string };
  organization_types: { key: string; label_ko: string; label_en: string; sort: number };
  organization_subtypes: { type_key: string; key: string; label_ko: string; label_en: string; sort: number };
  industries: { key: string; label_ko: string; label_en: string; sort: number };
  districts: { code: string; region_code: string; name_ko: string; name_en: string; admin_org_code: string | null; census_code: string | null; sort: number };
  directory_revision: { id: boolean; rev: number };
  organization_edit_proposals: {
    id: Generated<string>;
    organization_id: string;
    proposed_by: string | null;
    changes: Record<string, unknown>;
    base: Record<string, unknown>;
    note: string | null;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    reason: string | null;
    decided_by: string | null;
    decided_at: Date | null;
    created_at: Generated<Date>;
  };
};

type T = DirectoryTables;
export type OrganizationRow = Selectable<T['organizations']>;
export type OrganizationInsert = Insertable<T['organizations']>;
export type OrganizationUpdate = Updateable<T['organizations']>;
export type StatusEventRow = Selectable<T['organization_status_events']>;

const t = (db: Db) => db.withTables<DirectoryTables>();

// ——— taxonomy ———

export async function loadTaxonomy(db: Db) {
  const [types, subtypes, industries, districts] = await Promise.all([
    t(db).selectFrom('organization_types').selectAll().orderBy('sort').execute(),
    t(db).selectFrom('organization_subtypes').selectAll().orderBy('type_key').orderBy('sort').execute(),
    t(db).selectFrom('industries').selectAll().orderBy('sort').execute(),
    t(db).selectFrom('districts').selectAll().orderBy('sort').execute(),
  ]);
  return { types, subtypes, industries, districts };
}

// ——— rows ———

export function findById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return t(db).selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return t(db).selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function existingIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await t(db).selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export function findByBusinessRegNo(db: Db, regNo: string): Promise<OrganizationRow | undefined> {
  return t(db).selectFrom('organizations').selectAll().where('business_reg_no', '=', regNo).executeTakeFirst();
}

export function insert(db: Db, row: OrganizationInsert): Promise<OrganizationRow> {
  return t(db).insertInto('organizations').values(withJson(row)).returningAll().executeTakeFirstOrThrow();
}

export function update(db: Db, id: string, patch: OrganizationUpdate): Promise<OrganizationRow> {
  return t(db)
    .updateTable('organizations')
    .set({ ...withJson(patch), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** jsonb goes to the driver as JSON text; pg would otherwise send a JS object as a PostgreSQL array. */
function withJson<R extends { social_links?: unknown }>(row: R): R {
  if (row.social_links === undefined) return row;
  return { ...row, social_links: JSON.stringify(row.social_links) as unknown as R['social_links'] };
}

export function statusEventsOf(db: Db, ids: string[]): Promise<StatusEventRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return t(db).selectFrom('organization_status_events').selectAll().where('organization_id', 'in', ids).orderBy('occurred_on').orderBy('id').execute();
}

export function insertStatusEvent(db: Db, row: Insertable<T['organization_status_events']>): Promise<StatusEventRow> {
  return t(db).insertInto('organization_status_events').values(row).returningAll().executeTakeFirstOrThrow();
}

export function councilsOf(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  return t(db)
    .selectFrom('organization_councils as oc')
    .innerJoin('organizations as c', 'c.id', 'oc.council_id')
    .select(['c.id', 'c.name'])
    .where('oc.organization_id', '=', id)
    .orderBy('c.name')
    .execute();
}

/** Councils of many organisations at once, by organisation id. */
export async function councilsOfMany(db: Db, ids: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byOrg = new Map<string, { id: string; name: string }[]>();
  if (!ids.length) return byOrg;
  const rows = await t(db)
    .selectFrom('organization_councils as oc')
    .innerJoin('organizations as c', 'c.id', 'oc.council_id')
    .select(['oc.organization_id', 'c.id', 'c.name'])
    .where('oc.organization_id', 'in', ids)
    .orderBy('c.name')
    .execute();
  for (const r of rows) {
    let list = byOrg.get(r.organization_id);
    if (!list) byOrg.set(r.organization_id, (list = []));
    list.push({ id: r.id, name: r.name });
  }
  return byOrg;
}

export async function replaceCouncils(db: Db, id: string, councilIds: string[]): Promise<void> {
  await t(db).deleteFrom('organization_councils').where('organization_id', '=', id).execute();
  if (councilIds.length) {
    await t(db).insertInto('organization_councils').values(councilIds.map((c) => ({ organization_id: id, council_id: c }))).execute();
  }
}

export async function revision(db: Db): Promise<number> {
  const r = await t(db).selectFrom('directory_revision').select('rev').executeTakeFirstOrThrow();
  return Number(r.rev);
}

// ——— search ———

type OrgQuery = SelectQueryBuilder<T, 'organizations', object>;
type Dimension = 'type' | 'industry' | 'district';

interface TextMatch {
  column: 'search_text' | 'search_initials';
  needle: string;
}

function textMatch(q: string | undefined): TextMatch | undefined {
  if (!q) return undefined;
  const needle = normalizeForSearch(q);
  if (!needle) return undefined;
  return { column: isInitialsQuery(needle) ? 'search_initials' : 'search_text', needle };
}

/** Every filter but those of the dimensions in `except` (facet counts apply them one by one). */
function filtered(db: Db, f: OrganizationFilter, except: Dimension[] = []): OrgQuery {
  let q = t(db).selectFrom('organizations') as OrgQuery;
  const m = textMatch(f.q);
  if (m) {
    // The GIN index on the bigrams narrows the rows; LIKE then checks the fragment is contiguous.
    const pieces = gramCodes(m.needle);
    if (pieces.length) q = q.where(sql<SqlBool>`search_grams @> ${sql.val(pieces)}::int4[]`);
    q = q.where(m.column, 'like', likeContains(m.needle));
  }
  if (f.type?.length && !except.includes('type')) q = q.where('type_key', 'in', f.type);
  if (f.subtype?.length) q = q.where('subtype_key', 'in', f.subtype);
  if (f.industry?.length && !except.includes('industry')) q = q.where('industry_key', 'in', f.industry);
  if (f.district?.length && !except.includes('district')) q = q.where('district_code', 'in', f.district);
  if (f.status) q = q.where('status', '=', f.status);
  return q;
}

export type Sort = 'relevance' | 'name' | 'newest' | 'founded';

function order(q: OrgQuery, sort: Sort, m: TextMatch | undefined) {
  const s = q.selectAll();
  if (sort === 'relevance' && m) {
    // Cheap ranking (reference/performance-floor.md): prefix matches first, then earlier matches, then shorter names.
    const col = sql.ref(m.column);
    return s
      .orderBy(sql`${col} LIKE ${`${m.needle.replace(/[%_\\]/g, '\\$&')}%`}`, 'desc')
      .orderBy(sql`strpos(${col}, ${m.needle})`)
      .orderBy(sql`length(name)`)
      .orderBy('name')
      .orderBy('id');
  }
  if (sort === 'newest') return s.orderBy('created_at', 'desc').orderBy('id');
  if (sort === 'founded') return s.orderBy(sql`founded_on`, sql`desc nulls last`).orderBy('name').orderBy('id');
  return s.orderBy('name').orderBy('id');
}

/** One page of matches, in the asked order (the total comes with the facets). */
export function searchPage(db: Db, f: OrganizationFilter & { sort: Sort; page: number; pageSize: number }): Promise<OrganizationRow[]> {
  return order(filtered(db, f), f.sort, textMatch(f.q))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute() as Promise<OrganizationRow[]>;
}

/**
 * The next rows in name order after `after` (keyset pagination): each batch costs the same however
 * deep the export has gone, where OFFSET would read every row before it again.
 */
export function exportBatch(db: Db, f: OrganizationFilter, after: { name: string; id: string } | undefined, limit: number): Promise<OrganizationRow[]> {
  let q = filtered(db, f);
  if (after) q = q.where(sql<SqlBool>`(name, id) > (${after.name}, ${after.id}::uuid)`);
  return q.selectAll().orderBy('name').orderBy('id').limit(limit).execute() as Promise<OrganizationRow[]>;
}

export interface Counts {
  total: number;
  type: Map<string, number>;
  industry: Map<string, number>;
  district: Map<string, number>;
}

/**
 * The total and the facet counts, in one scan of the rows the text and the other filters match:
 * each dimension's facet counts them under every filter but its own (FILTER), and the total under
 * all of them. One pass over the broadest set costs less than a pass per narrowed dimension.
 */
export async function countsAndFacets(db: Db, f: OrganizationFilter): Promise<Counts> {
  const dims: Dimension[] = ['type', 'industry', 'district'];
  const narrowed = dims.filter((d) => f[d]?.length);
  const conditionsBut = (except?: Dimension) => {
    const parts = narrowed.filter((d) => d !== except).map((d) => sql`${sql.ref(FACET_COLUMN[d])} IN (${sql.join(f[d]!.map((v) => sql.val(v)))})`);
    return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
  };
  const counts: Counts = { total: 0, type: new Map(), industry: new Map(), district: new Map() };
  // Only grouped columns may be selected; grouping(col) is 0 on the rows of col's own set.
  const rows = (await filtered(db, f, dims)
    .select([
      ...dims.flatMap((d) => [
        sql.ref(FACET_COLUMN[d]).as(d),
        sql<number>`grouping(${sql.ref(FACET_COLUMN[d])})`.as(`g_${d}`),
        sql<number>`count(*) FILTER (WHERE ${conditionsBut(d)})`.as(`n_${d}`),
      ]),
      sql<number>`count(*) FILTER (WHERE ${conditionsBut()})`.as('n'),
    ] as never)
    .groupBy(sql`GROUPING SETS (${sql.join([...dims.map((d) => sql`(${sql.ref(FACET_COLUMN[d])})`), sql`()`])})`)
    .execute()) as Record<string, string | number | null>[];
  for (const r of rows) {
    const own = dims.find((d) => Number(r[`g_${d}`]) === 0);
    if (!own) counts.total = Number(r.n);
    else if (r[own] !== null && Number(r[`n_${own}`]) > 0) counts[own].set(String(r[own]), Number(r[`n_${own}`]));
  }
  return counts;
}

const FACET_COLUMN = { type: 'type_key', industry: 'industry_key', district: 'district_code' } as const;

/** Counts by one dimension, under every filter but that dimension's own (the district choropleth). */
export async function facet(db: Db, f: OrganizationFilter, dimension: Dimension): Promise<Map<string, number>> {
  const col = FACET_COLUMN[dimension];
  const rows = await filtered(db, f, [dimension])
    .select((eb: ExpressionBuilder<T, 'organizations'>) => [eb.ref(col).as('key'), eb.fn.countAll<number>().as('n')])
    .where(col, 'is not', null)
    .groupBy(col)
    .execute();
  return new Map(rows.map((r) => [String((r as { key: string }).key), Number((r as { n: number }).n)]));
}

export function mapPoints(db: Db, f: OrganizationFilter) {
  return filtered(db, f)
    .select(['id', 'name', 'type_key', 'industry_key', 'lat', 'lon'])
    .where('lat', 'is not', null)
    .execute() as Promise<{ id: string; name: string; type_key: string | null; industry_key: string | null; lat: number; lon: number }[]>;
}

/** For callers that stream every matching row (exports). */
export function allMatching(db: Db, f: OrganizationFilter & { sort: Sort }) {
  return order(filtered(db, f), f.sort, textMatch(f.q));
}


// ——— edit proposals ———

export type ProposalRow = Selectable<T['organization_edit_proposals']> & { organization_name?: string };

export function insertProposal(db: Db, row: { organization_id: string; proposed_by: string | null; changes: object; base: object; note: string | null }) {
  return t(db)
    .insertInto('organization_edit_proposals')
    .values({ ...row, changes: JSON.stringify(row.changes) as never, base: JSON.stringify(row.base) as never })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function lockProposal(db: Db, id: string) {
  return t(db).selectFrom('organization_edit_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function decideProposal(db: Db, id: string, d: { status: 'approved' | 'rejected'; reason: string | null; decided_by: string | null }) {
  return t(db)
    .updateTable('organization_edit_proposals')
    .set({ ...d, decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listProposals(db: Db, f: { organizationId?: string; status?: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number }) {
  let q = t(db).selectFrom('organization_edit_proposals as p').innerJoin('organizations as o', 'o.id', 'p.organization_id');
  if (f.organizationId) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.status) q = q.where('p.status', '=', f.status);
  return paged(q, (q) => q.selectAll('p').select('o.name as organization_name').orderBy('p.created_at', f.status === 'pending' ? 'asc' : 'desc').orderBy('p.id'), f) as Promise<{
    rows: ProposalRow[];
    total: number;
  }>;
}

// ——— bulk ———

/** Bulk insert (db/bulk.ts). Ids are made here when the rows have none, so the caller knows them in the order given. */
export async function insertMany(db: Db, rows: OrganizationInsert[], chunk = 5000): Promise<string[]> {
  const withIds = rows.map((r) => (r.id ? (r as OrganizationInsert & { id: string }) : { ...r, id: randomUUID() }));
  await insertRows(db, 'organizations', withIds, chunk);
  return withIds.map((r) => r.id);
}

/**
 * Organisations given column by column: each column's values, one per row, in the same order (imports).
 * The search pieces come as array literals ('{1,2,3}', hangul bulkSearchKeys), as insertColumns sends them.
 */
export type OrganizationColumns = { [K in Exclude<keyof OrganizationInsert, 'search_grams'>]?: Exclude<OrganizationInsert[K], undefined>[] } & { search_grams?: string[] };

/** Bulk insert of organisations given column by column (db/bulk.ts insertColumns); the caller names the ids. */
export async function insertManyColumns(db: Db, columns: OrganizationColumns & { id: string[] }, chunk = 5000): Promise<void> {
  await insertColumns(db, 'organizations', columns as Record<string, unknown[]>, chunk);
}

/**
 * Moves the search index's pending entries into the index proper. A GIN index takes a bulk insert's
 * keys into an unsorted pending list, which every search then reads through until (auto)vacuum
 * merges it; after an import that list is megabytes long and searches run at a third of their speed.
 */
export async function settleSearchIndex(db: Db): Promise<void> {
  await sql`SELECT gin_clean_pending_list('organizations_search_grams_idx'::regclass)`.execute(db);
}

export async function insertStatusEvents(db: Db, rows: Insertable<T['organization_status_events']>[]): Promise<void> {
  await insertRows(db, 'organization_status_events', rows, 5000);
}


/** Existing rows an import might repeat: same registration number, or same normalised name. */
export async function duplicateCandidates(db: Db, regNos: string[], searchTexts: string[]) {
  if (!regNos.length && !searchTexts.length) return [];
  return t(db)
    .selectFrom('organizations')
    // search_text is "korean|english"; the Korean name is its first part.
    .select(['id', 'name', 'business_reg_no', sql<string>`split_part(search_text, '|', 1)`.as('search_text'), 'road_address', 'phone'])
    .where((eb) =>
      eb.or([
        // = ANY(array): one parameter however long the file (IN lists stop at 65,535 parameters),
        // written by arrayLiteral, much faster than the driver's own for 50,000 names.
        ...(regNos.length ? [sql<SqlBool>`business_reg_no = ANY(${arrayLiteral(regNos)}::text[])`] : []),
        ...(searchTexts.length ? [sql<SqlBool>`split_part(search_text, '|', 1) = ANY(${arrayLiteral(searchTexts)}::text[])`] : []),
      ]),
    )
    .execute();
}

export async function deleteDemo(db: Db): Promise<number> {
  const r = await t(db).deleteFrom('organizations').where('is_demo', '=', true).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countDemo(db: Db): Promise<number> {
  const r = await t(db).selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return Number(r.n);
}
