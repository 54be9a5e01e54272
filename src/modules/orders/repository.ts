import { sql, type Generated, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import { likeContains, offsetOf } from '../../kernel/pagination.ts';
import type { BundleQuery, SubOrderStatus } from './schema.ts';

export type OrdersTables = {
  order_bundles: {
    id: Generated<string>;
    code: string;
    name: string;
    description: string | null;
    intermediary_org_id: string | null;
    photos: Generated<{ url: string; alt: string }[]>;
    status: Generated<'active' | 'retired'>;
    lead_time_days: Generated<number>;
    min_quantity: Generated<number>;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  order_bundle_components: {
    bundle_id: string;
    position: number;
    supplier_org_id: string;
    offering_id: string | null;
    name: string;
    unit: string;
    quantity: number;
    unit_price: number;
  };
  order_counters: { year: number; last: number };
  orders: {
    id: Generated<string>;
    number: string;
    year: number;
    institution_id: string;
    ordered_by: string | null;
    delivery_date: string;
    delivery_place: string;
    contact_name: string;
    contact_phone: string;
    note: string | null;
    intermediary_org_ids: Generated<string[]>;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
  };
  order_lines: { order_id: string; line_no: number; bundle_id: string; bundle_code: string; bundle_name: string; quantity: number; unit_price: number };
  order_sub_orders: {
    id: Generated<string>;
    order_id: string;
    supplier_org_id: string;
    supplier_name: string;
    intermediary_org_ids: Generated<string[]>;
    status: Generated<SubOrderStatus>;
    amount: number;
    version: Generated<number>;
    confirmed_at: Date | null;
    delivered_on: string | null;
    invoiced_on: string | null;
    invoice_no: string | null;
    paid_on: string | null;
    cancelled_at: Date | null;
    updated_at: Generated<Date>;
  };
  order_sub_order_items: { sub_order_id: string; line_no: number; position: number; name: string; unit: string; quantity: number; unit_price: number };
  order_events: {
    id: Generated<number>;
    sub_order_id: string;
    actor_id: string | null;
    actor_side: 'buyer' | 'supplier' | 'intermediary' | 'staff' | 'system';
    from_status: SubOrderStatus | null;
    to_status: SubOrderStatus;
    note: string | null;
    created_at: Generated<Date>;
  };
  // Read-only, owned by the directory: its published view (procurement's buyers come through its index.ts).
  directory_suppliers_v: { id: string; name: string };
};

const t = (db: Db) => db.withTables<OrdersTables>();

export type BundleRow = Selectable<OrdersTables['order_bundles']>;
export type ComponentRow = Selectable<OrdersTables['order_bundle_components']>;
export type OrderRow = Selectable<OrdersTables['orders']>;
export type LineRow = Selectable<OrdersTables['order_lines']>;
export type SubOrderRow = Selectable<OrdersTables['order_sub_orders']>;
export type ItemRow = Selectable<OrdersTables['order_sub_order_items']>;
export type EventRow = Selectable<OrdersTables['order_events']>;
export type BundleInsert = Insertable<OrdersTables['order_bundles']>;
export type ComponentInsert = Insertable<OrdersTables['order_bundle_components']>;
export type SubOrderUpdate = Updateable<OrdersTables['order_sub_orders']>;

// ——— others' data, read-only ———

/** Organisation names through the directory's published view. */
export async function organizationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await t(db).selectFrom('directory_suppliers_v').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ——— bundles ———

export async function searchBundles(db: Db, q: BundleQuery): Promise<{ rows: BundleRow[]; total: number; counts: { bundle: number; single: number } }> {
  const sizes = t(db).selectFrom('order_bundle_components').select(['bundle_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bundle_id');
  let base = t(db).selectFrom('order_bundles as b').innerJoin(sizes.as('s'), 's.bundle_id', 'b.id');
  if (q.status !== 'all') base = base.where('b.status', '=', q.status);
  if (q.q) base = base.where((eb) => eb.or([eb('b.name', 'ilike', likeContains(q.q!)), eb('b.code', 'ilike', likeContains(q.q!))]));
  if (q.intermediaryId) base = base.where('b.intermediary_org_id', '=', q.intermediaryId);
  if (q.supplierId) {
    const sid = q.supplierId;
    base = base.where((eb) => eb.exists(eb.selectFrom('order_bundle_components as c').select(sql`1`.as('one')).whereRef('c.bundle_id', '=', 'b.id').where('c.supplier_org_id', '=', sid)));
  }
  const countRows = await base
    .select([sql<string>`CASE WHEN s.n = 1 THEN 'single' ELSE 'bundle' END`.as('kind'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(sql`CASE WHEN s.n = 1 THEN 'single' ELSE 'bundle' END`)
    .execute();
  const counts = { bundle: 0, single: 0 };
  for (const r of countRows) counts[r.kind as 'bundle' | 'single'] = Number(r.n);
  let filtered = base;
  if (q.kind === 'single') filtered = filtered.where('s.n', '=', 1);
  if (q.kind === 'bundle') filtered = filtered.where('s.n', '>', 1);
  const rows = await filtered
    .selectAll('b')
    .orderBy(sql`s.n = 1`)
    .orderBy('b.code')
    .limit(q.pageSize)
    .offset(offsetOf(q.page, q.pageSize))
    .execute();
  return { rows: rows as BundleRow[], total: q.kind === 'all' ? counts.bundle + counts.single : counts[q.kind], counts };
}

export function findBundle(db: Db, id: string): Promise<BundleRow | undefined> {
  return t(db).selectFrom('order_bundles').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findBundles(db: Db, ids: readonly string[]): Promise<BundleRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return t(db).selectFrom('order_bundles').selectAll().where('id', 'in', [...ids]).execute();
}
export function lockBundle(db: Db, id: string): Promise<BundleRow | undefined> {
  return t(db).selectFrom('order_bundles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export function bundleByCode(db: Db, code: string): Promise<BundleRow | undefined> {
  return t(db).selectFrom('order_bundles').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function componentsOf(db: Db, bundleIds: readonly string[]): Promise<ComponentRow[]> {
  if (!bundleIds.length) return [];
  return t(db).selectFrom('order_bundle_components').selectAll().where('bundle_id', 'in', [...bundleIds]).orderBy('bundle_id').orderBy('position').execute();
}

export async function insertBundle(db: Db, row: BundleInsert, components: Omit<ComponentInsert, 'bundle_id'>[]): Promise<BundleRow> {
  const b = await t(db)
    .insertInto('order_bundles')
    .values({ ...row, photos: JSON.stringify(row.photos ?? []) as never })
    .returningAll()
    .executeTakeFirstOrThrow();
  await t(db)
    .insertInto('order_bundle_components')
    .values(components.map((c) => ({ ...c, bundle_id: b.id })))
    .execute();
  return b;
}

export async function updateBundle(db: Db, id: string, row: Omit<BundleInsert, 'id'>, components: Omit<ComponentInsert, 'bundle_id'>[]): Promise<BundleRow> {
  const b = await t(db)
    .updateTable('order_bundles')
    .set({ ...row, photos: JSON.stringify(row.photos ?? []) as never, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await t(db).deleteFrom('order_bundle_components').where('bundle_id', '=', id).execute();
  await t(db)
    .insertInto('order_bundle_components')
    .values(components.map((c) => ({ ...c, bundle_id: id })))
    .execute();
  return b;
}

export async function bundleOrdered(db: Db, id: string): Promise<boolean> {
  const r = await t(db).selectFrom('order_lines').select('order_id').where('bundle_id', '=', id).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function deleteBundle(db: Db, id: string): Promise<void> {
  await t(db).deleteFrom('order_bundles').where('id', '=', id).execute();
}

// ——— orders ———

/** The next number of the year, taken under the counter row's lock (concurrent orders never share one). */
export async function nextOrderSeq(db: Db, year: number): Promise<number> {
  const r = await t(db)
    .insertInto('order_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`order_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export function insertOrder(db: Db, row: Insertable<OrdersTables['orders']>): Promise<OrderRow> {
  return t(db).insertInto('orders').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function insertLines(db: Db, rows: LineRow[]): Promise<void> {
  if (rows.length) await t(db).insertInto('order_lines').values(rows).execute();
}
export function insertSubOrder(db: Db, row: Insertable<OrdersTables['order_sub_orders']>): Promise<SubOrderRow> {
  return t(db).insertInto('order_sub_orders').values(row).returningAll().executeTakeFirstOrThrow();
}
export async function insertItems(db: Db, rows: ItemRow[]): Promise<void> {
  if (rows.length) await t(db).insertInto('order_sub_order_items').values(rows).execute();
}
export async function insertEvents(db: Db, rows: Insertable<OrdersTables['order_events']>[]): Promise<void> {
  if (rows.length) await t(db).insertInto('order_events').values(rows).execute();
}

export function findOrder(db: Db, id: string): Promise<OrderRow | undefined> {
  return t(db).selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface OrderScope {
  all?: boolean;
  institutionIds?: readonly string[];
  supplierIds?: readonly string[];
  intermediaryIds?: readonly string[];
}

/** Orders the scope reaches, newest first; `status`: with a sub-order (in scope) in that status. */
export async function listOrders(
  db: Db,
  scope: OrderScope,
  f: { status?: SubOrderStatus | undefined; year?: number | undefined; page: number; pageSize: number },
): Promise<{ rows: OrderRow[]; total: number }> {
  let q = t(db).selectFrom('orders as o');
  if (!scope.all) {
    const inst = scope.institutionIds ?? [];
    const sup = scope.supplierIds ?? [];
    const mid = scope.intermediaryIds ?? [];
    if (!inst.length && !sup.length && !mid.length) return { rows: [], total: 0 };
    q = q.where((eb) =>
      eb.or([
        ...(inst.length ? [eb('o.institution_id', 'in', [...inst])] : []),
        ...(sup.length ? [eb.exists(eb.selectFrom('order_sub_orders as s').select(sql`1`.as('one')).whereRef('s.order_id', '=', 'o.id').where('s.supplier_org_id', 'in', [...sup]))] : []),
        ...(mid.length ? [sql<boolean>`o.intermediary_org_ids && ${sql.val(mid)}::uuid[]`] : []),
      ]),
    );
  }
  if (f.year) q = q.where('o.year', '=', f.year);
  if (f.status) {
    const st = f.status;
    const sup = !scope.all && !scope.institutionIds?.length && !scope.intermediaryIds?.length ? scope.supplierIds : undefined;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('order_sub_orders as s2')
          .select(sql`1`.as('one'))
          .whereRef('s2.order_id', '=', 'o.id')
          .where('s2.status', '=', st)
          .$if(!!sup?.length, (w) => w.where('s2.supplier_org_id', 'in', [...sup!])),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll('o').orderBy('o.created_at', 'desc').orderBy('o.number', 'desc').limit(f.pageSize).offset(offsetOf(f.page, f.pageSize)).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as OrderRow[], total: Number(count.n) };
}

export async function linesOf(db: Db, orderIds: readonly string[]): Promise<LineRow[]> {
  if (!orderIds.length) return [];
  return t(db).selectFrom('order_lines').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('line_no').execute();
}
export async function subOrdersOf(db: Db, orderIds: readonly string[]): Promise<SubOrderRow[]> {
  if (!orderIds.length) return [];
  return t(db).selectFrom('order_sub_orders').selectAll().where('order_id', 'in', [...orderIds]).execute();
}
export async function itemsOf(db: Db, subOrderIds: readonly string[]): Promise<ItemRow[]> {
  if (!subOrderIds.length) return [];
  return t(db).selectFrom('order_sub_order_items').selectAll().where('sub_order_id', 'in', [...subOrderIds]).orderBy('line_no').orderBy('position').execute();
}
export async function eventsOf(db: Db, subOrderIds: readonly string[]): Promise<EventRow[]> {
  if (!subOrderIds.length) return [];
  return t(db).selectFrom('order_events').selectAll().where('sub_order_id', 'in', [...subOrderIds]).orderBy('id').execute();
}

export function findSubOrder(db: Db, id: string): Promise<SubOrderRow | undefined> {
  return t(db).selectFrom('order_sub_orders').selectAll().where('id', '=', id).executeTakeFirst();
}
export function lockSubOrder(db: Db, id: string): Promise<SubOrderRow | undefined> {
  return t(db).selectFrom('order_sub_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
/** Every sub-order of the order, locked (a buyer's cancellation checks them all). */
export function lockSubOrdersOfOrder(db: Db, orderId: string): Promise<SubOrderRow[]> {
  return t(db).selectFrom('order_sub_orders').selectAll().where('order_id', '=', orderId).orderBy('id').forUpdate().execute();
}
export function updateSubOrder(db: Db, id: string, patch: SubOrderUpdate): Promise<SubOrderRow> {
  return t(db)
    .updateTable('order_sub_orders')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ——— settlement ———

export interface SettlementRowRaw {
  month: string;
  supplier_org_id: string;
  supplier_name: string;
  sub_orders: number;
  amount: number;
  invoiced: number;
  paid: number;
}

/** Delivered (and later) sub-orders per supplier per month of delivery. */
export async function settlement(
  db: Db,
  f: { from?: string | undefined; to?: string | undefined; supplierIds?: readonly string[] | undefined; scope: { all: boolean; supplierIds: readonly string[]; intermediaryIds: readonly string[] } },
): Promise<SettlementRowRaw[]> {
  let q = t(db).selectFrom('order_sub_orders as s').where('s.status', 'in', ['delivered', 'invoiced', 'paid']);
  if (f.from) q = q.where('s.delivered_on', '>=', f.from);
  if (f.to) q = q.where('s.delivered_on', '<', f.to);
  if (f.supplierIds) q = q.where('s.supplier_org_id', 'in', [...f.supplierIds]);
  if (!f.scope.all) {
    const { supplierIds: sup, intermediaryIds: mid } = f.scope;
    if (!sup.length && !mid.length) return [];
    q = q.where((eb) =>
      eb.or([...(sup.length ? [eb('s.supplier_org_id', 'in', [...sup])] : []), ...(mid.length ? [sql<boolean>`s.intermediary_org_ids && ${sql.val(mid)}::uuid[]`] : [])]),
    );
  }
  const rows = await q
    .select([
      sql<string>`to_char(s.delivered_on, 'YYYY-MM')`.as('month'),
      's.supplier_org_id',
      sql<string>`max(s.supplier_name)`.as('supplier_name'),
      sql<number>`count(*)::int`.as('sub_orders'),
      sql<number>`sum(s.amount)::bigint`.as('amount'),
      sql<number>`coalesce(sum(s.amount) FILTER (WHERE s.status IN ('invoiced', 'paid')), 0)::bigint`.as('invoiced'),
      sql<number>`coalesce(sum(s.amount) FILTER (WHERE s.status = 'paid'), 0)::bigint`.as('paid'),
    ])
    .groupBy([sql`to_char(s.delivered_on, 'YYYY-MM')`, 's.supplier_org_id'])
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ ...r, sub_orders: Number(r.sub_orders), amount: Number(r.amount), invoiced: Number(r.invoiced), paid: Number(r.paid) }));
}

// ——— demo ———

export async function removeDemo(db: Db): Promise<{ orders: number; bundles: number }> {
  const o = await t(db).deleteFrom('orders').where('is_demo', '=', true).executeTakeFirst();
  // A demo bundle someone really ordered stays (retired), with the real order that names it.
  await t(db)
    .updateTable('order_bundles as b')
    .set({ status: 'retired' })
    .where('b.is_demo', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('order_lines as l').select(sql`1`.as('one')).whereRef('l.bundle_id', '=', 'b.id')))
    .execute();
  const b = await t(db)
    .deleteFrom('order_bundles as b')
    .where('b.is_demo', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('order_lines as l').select(sql`1`.as('one')).whereRef('l.bundle_id', '=', 'b.id'))))
    .executeTakeFirst();
  return { orders: Number(o.numDeletedRows), bundles: Number(b.numDeletedRows) };
}
