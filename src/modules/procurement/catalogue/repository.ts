import { sql, type Generated, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import { insertRows } from '../../../db/bulk.ts';
import type { Db } from '../../../db/engine.ts';
import { gramCodes, isInitialsQuery, normalizeForSearch, searchKeys } from '../../../kernel/hangul.ts';
import { likeContains } from '../../../kernel/pagination.ts';

export type CatalogueTables = {
  procurement_categories: { code: string; kind: 'product' | 'service'; label_ko: string; label_en: string; sort: number };
  procurement_items: { code: string; label_ko: string; label_en: string; category_code: string; priority_order: number | null; aliases: string[] };
  procurement_offerings: {
    id: Generated<string>;
    organization_id: string;
    kind: 'product' | 'service';
    category_code: string;
    item_code: string | null;
    name: string;
    description: string | null;
    price_won: string | number | null;
    price_basis: string | null;
    unit: string;
    min_order: number;
    delivery_districts: string[];
    certifications: string[];
    photos: Generated<{ url: string; alt: string }[]>;
    status: Generated<'active' | 'paused'>;
    lead_time_days: number | null;
    version: Generated<number>;
    is_demo: Generated<boolean>;
    search_text: string;
    search_initials: string;
    search_grams: number[];
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  procurement_photos: {
    id: Generated<string>;
    organization_id: string | null;
    content_type: string;
    bytes: Buffer;
    size: number;
    width: number;
    height: number;
    sha256: string;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  /** Published by the directory for supplier matching (0016). */
  directory_suppliers_v: { id: string; name: string; business_reg_no: string | null; type_key: string | null; subtype_key: string | null; district_code: string | null; status: string };
  procurement_records: { supplier_org_id: string | null; year: number; category_code: string; institution_id: string; amount: string | number };
  procurement_agg_item: { year: number; institution_id: string; category_code: string; item_code: string; supplier_type: string; amount: string | number; records: number };
};
type T = CatalogueTables;
export type OfferingRow = Selectable<T['procurement_offerings']>;
export type OfferingInsert = Insertable<T['procurement_offerings']>;
export type OfferingUpdate = Updateable<T['procurement_offerings']>;
export type SupplierRow = Selectable<T['directory_suppliers_v']>;

const t = (db: Db) => db.withTables<CatalogueTables>();

/** Social economy organisations: what the purchase records count as SEO (0016, procurement_records.seo). */
export const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'] as const;

export function categories(db: Db) {
  return t(db).selectFrom('procurement_categories').selectAll().orderBy('sort').execute();
}
export function items(db: Db) {
  return t(db).selectFrom('procurement_items').selectAll().orderBy('category_code').orderBy('code').execute();
}

/** The search keys of an offering: its name and description. */
export function offeringSearchColumns(name: string, description: string | null | undefined) {
  const k = searchKeys(name, description);
  return { search_text: k.text, search_initials: k.initials, search_grams: k.grams };
}

const jsonColumns = <R extends { photos?: unknown }>(row: R): R => (row.photos !== undefined ? { ...row, photos: JSON.stringify(row.photos) } : row);

export function insertOffering(db: Db, row: OfferingInsert): Promise<OfferingRow> {
  return t(db).insertInto('procurement_offerings').values(jsonColumns(row) as never).returningAll().executeTakeFirstOrThrow();
}

/** Many offerings at once (the demo catalogue), through the bulk writer of array literals (src/db/bulk.ts). */
export async function insertOfferings(db: Db, rows: OfferingInsert[]): Promise<number> {
  await insertRows(db, 'procurement_offerings', rows.map((r) => jsonColumns(r)) as unknown as Record<string, unknown>[]);
  return rows.length;
}

export function updateOffering(db: Db, id: string, patch: OfferingUpdate): Promise<OfferingRow> {
  return t(db)
    .updateTable('procurement_offerings')
    .set({ ...(jsonColumns(patch) as object), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findOffering(db: Db, id: string): Promise<OfferingRow | undefined> {
  return t(db).selectFrom('procurement_offerings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockOffering(db: Db, id: string): Promise<OfferingRow | undefined> {
  return t(db).selectFrom('procurement_offerings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function suppliers(db: Db, ids: string[]): Promise<SupplierRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return t(db).selectFrom('directory_suppliers_v').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

export interface OfferingFilter {
  q?: string | undefined;
  kind?: 'product' | 'service' | undefined;
  category?: string[] | undefined;
  item?: string | undefined;
  district?: string | undefined;
  certification?: string[] | undefined;
  organizationId?: string | undefined;
  status: 'active' | 'paused' | 'all';
}
type Dimension = 'kind' | 'category';
type OffQuery = SelectQueryBuilder<T, 'procurement_offerings', object>;

/** Offerings that deliver to a district: those naming it and those delivering to all of Seoul. */
const deliversTo = (district: string) => sql<SqlBool>`(cardinality(delivery_districts) = 0 OR ${district} = ANY(delivery_districts))`;

function filtered(db: Db, f: OfferingFilter, except?: Dimension): OffQuery {
  let q = t(db).selectFrom('procurement_offerings') as OffQuery;
  const needle = f.q ? normalizeForSearch(f.q) : '';
  if (needle) {
    // As in the directory and sharing: the GIN index on the bigram codes narrows, LIKE checks the fragment is contiguous.
    const pieces = gramCodes(needle);
    if (pieces.length) q = q.where(sql<SqlBool>`search_grams @> ${sql.val(pieces)}::int4[]`);
    q = q.where(isInitialsQuery(needle) ? 'search_initials' : 'search_text', 'like', likeContains(needle));
  }
  if (f.kind && except !== 'kind') q = q.where('kind', '=', f.kind);
  if (f.category?.length && except !== 'category') q = q.where('category_code', 'in', f.category);
  if (f.item) q = q.where('item_code', '=', f.item);
  if (f.district) q = q.where(deliversTo(f.district));
  if (f.certification?.length) q = q.where(sql<SqlBool>`certifications && ${sql.val(f.certification)}::text[]`);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.status !== 'all') q = q.where('status', '=', f.status);
  return q;
}

export async function searchOfferings(db: Db, f: OfferingFilter & { page: number; pageSize: number }) {
  const needle = f.q ? normalizeForSearch(f.q) : '';
  let q = filtered(db, f).selectAll();
  if (needle && !isInitialsQuery(needle)) q = q.orderBy(sql`strpos(search_text, ${needle})`);
  const [rows, count] = await Promise.all([
    q.orderBy('name').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    filtered(db, f).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as OfferingRow[], total: Number(count.n) };
}

/** Counts by one dimension under every filter but its own. */
export async function facet(db: Db, f: OfferingFilter, dimension: Dimension): Promise<Map<string, number>> {
  const col = dimension === 'kind' ? 'kind' : 'category_code';
  const rows = await filtered(db, f, dimension)
    .select([sql<string>`${sql.ref(col)}`.as('key'), sql<string>`count(*)`.as('n')])
    .groupBy(col)
    .execute();
  return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
}

/** Active offerings of some categories (all when undefined), by organisation, for the printed catalogue. */
export function activeOfferings(db: Db, category?: string): Promise<OfferingRow[]> {
  let q = t(db).selectFrom('procurement_offerings').selectAll().where('status', '=', 'active');
  if (category) q = q.where('category_code', '=', category);
  return q.orderBy('category_code').orderBy('organization_id').orderBy('name').orderBy('id').execute();
}

/** Candidates for a buyer's need: active offerings in the category, of the item, or naming one of the words. */
export function matchCandidates(db: Db, f: { category?: string | undefined; item?: string | undefined; words: string[] }): Promise<OfferingRow[]> {
  return t(db)
    .selectFrom('procurement_offerings')
    .selectAll()
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(f.category ? [eb('category_code', '=', f.category)] : []),
        ...(f.item ? [eb('item_code', '=', f.item)] : []),
        ...f.words.map((w) => eb('search_text', 'like', likeContains(w))),
      ]),
    )
    .limit(2000)
    .execute();
}

// ——— delivery records (purchase records by supplier) ———

/** The latest year with purchase records, or null. */
export async function latestRecordYear(db: Db): Promise<number | null> {
  const r = await t(db).selectFrom('procurement_agg_item').select(sql<number | null>`max(year)`.as('y')).executeTakeFirst();
  return r?.y === null || r?.y === undefined ? null : Number(r.y);
}

/** One supplier's public purchases in a range of years, from some institutions (those the reader may see). */
export async function deliveryRecordOf(db: Db, organizationId: string, from: number, to: number, institutions: string[] | 'all') {
  if (institutions !== 'all' && !institutions.length) return { records: 0, amount: 0, institutions: 0 };
  let q = t(db)
    .selectFrom('procurement_records')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount), 0)`.as('amount'), sql<string>`count(DISTINCT institution_id)`.as('institutions')])
    .where('supplier_org_id', '=', organizationId)
    .where('year', '>=', from)
    .where('year', '<=', to);
  if (institutions !== 'all') q = q.where('institution_id', 'in', institutions);
  const r = await q.executeTakeFirstOrThrow();
  return { records: Number(r.n), amount: Number(r.amount), institutions: Number(r.institutions) };
}

/** Public purchases from each of some suppliers, in one category (all when undefined), in a range of years. */
export async function deliveryBySupplier(db: Db, ids: string[], f: { category?: string | undefined; from: number; to: number; institutions: string[] | 'all' }): Promise<Map<string, { records: number; amount: number }>> {
  if (!ids.length || (f.institutions !== 'all' && !f.institutions.length)) return new Map();
  let q = t(db)
    .selectFrom('procurement_records')
    .select(['supplier_org_id', sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount), 0)`.as('amount')])
    .where('supplier_org_id', 'in', [...new Set(ids)])
    .where('year', '>=', f.from)
    .where('year', '<=', f.to);
  if (f.category) q = q.where('category_code', '=', f.category);
  if (f.institutions !== 'all') q = q.where('institution_id', 'in', f.institutions);
  const rows = await q.groupBy('supplier_org_id').execute();
  return new Map(rows.map((r) => [r.supplier_org_id!, { records: Number(r.n), amount: Number(r.amount) }]));
}

/** Public spend per category in a year, and the part bought from social economy organisations. */
export async function spendByCategory(db: Db, year: number) {
  const rows = await t(db)
    .selectFrom('procurement_agg_item')
    .select([
      'category_code',
      sql<string>`sum(amount)`.as('amount'),
      sql<string>`coalesce(sum(amount) FILTER (WHERE supplier_type IN (${sql.join(SEO_TYPES.map((s) => sql.lit(s)))})), 0)`.as('seo'),
      sql<string>`sum(records)`.as('records'),
    ])
    .where('year', '=', year)
    .groupBy('category_code')
    .execute();
  return rows.map((r) => ({ category: r.category_code, amount: Number(r.amount), seoAmount: Number(r.seo), records: Number(r.records) }));
}

/** Organisations with an active offering in a category, with how many. */
export async function offerersIn(db: Db, category: string): Promise<Map<string, number>> {
  const rows = await t(db)
    .selectFrom('procurement_offerings')
    .select(['organization_id', sql<string>`count(*)`.as('n')])
    .where('category_code', '=', category)
    .where('status', '=', 'active')
    .groupBy('organization_id')
    .execute();
  return new Map(rows.map((r) => [r.organization_id, Number(r.n)]));
}

/** Organisations with any offering in a category (active or paused). */
export async function anyOfferersIn(db: Db, category: string): Promise<Set<string>> {
  const rows = await t(db).selectFrom('procurement_offerings').select('organization_id').distinct().where('category_code', '=', category).execute();
  return new Set(rows.map((r) => r.organization_id));
}

export async function removeDemoOfferings(db: Db): Promise<number> {
  return Number((await t(db).deleteFrom('procurement_offerings').where('is_demo', '=', true).executeTakeFirst()).numDeletedRows ?? 0);
}

export type PhotoRow = Omit<Selectable<T['procurement_photos']>, 'bytes' | 'created_by'>;
const PHOTO_COLUMNS = ['id', 'organization_id', 'content_type', 'size', 'width', 'height', 'sha256', 'created_at'] as const;

export function insertPhoto(db: Db, row: Insertable<T['procurement_photos']>): Promise<PhotoRow> {
  return t(db).insertInto('procurement_photos').values(row).returning(PHOTO_COLUMNS).executeTakeFirstOrThrow();
}

/** A photo's bytes and what to serve them as. */
export function findPhotoFile(db: Db, id: string) {
  return t(db).selectFrom('procurement_photos').select(['content_type', 'bytes', 'sha256', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** The organisation each photo belongs to (null: the centre's); ids that are not photos are absent. */
export async function photoOwners(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await t(db).selectFrom('procurement_photos').select(['id', 'organization_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.organization_id]));
}
