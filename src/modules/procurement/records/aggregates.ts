import { sql } from 'kysely';
import type { CopyIn, Db } from '../../../db/engine.ts';
import { arrayLiteral, copyText } from '../../../db/bulk.ts';
import { supplierNameKey } from './names.ts';

interface Sum {
  amount: number;
  records: number;
}
export interface SupplierSum extends Sum {
  /** The name of the supplier's latest record. */
  name: string;
  /** The organisation (and its type) of the supplier's latest matched record. */
  orgId: string | null;
  type: string;
}

/** Sums of one aggregate table, column by column: its key columns, then amount and records. */
export interface AggregateColumns {
  keys: (string | number)[][];
  amount: number[];
  records: number[];
}

/**
 * What an import adds to the four aggregate tables, as columns ready for unnest: month (year, month,
 * institution, supplier type), item (year, institution, category, item ('' = none), type), method (year,
 * method, contract type, type), supplier (year, supplier key, with the name, organisation and type).
 */
export interface AggregateDelta {
  month: AggregateColumns;
  item: AggregateColumns;
  method: AggregateColumns;
  supplier: AggregateColumns & { name: string[]; orgId: (string | null)[]; type: string[] };
}

export const emptyColumns = (width: number): AggregateColumns => ({ keys: Array.from({ length: width }, () => []), amount: [], records: [] });

/** Adds an import's sums to the aggregate tables (INSERT … SELECT unnest … ON CONFLICT add). */
export async function upsertAggregates(trx: Db, d: AggregateDelta): Promise<void> {
  const lit = arrayLiteral;
  if (d.month.amount.length) {
    const c = d.month;
    await sql`
      INSERT INTO procurement_agg_month AS agg (year, month, institution_id, supplier_type, amount, records)
      SELECT * FROM unnest(${lit(c.keys[0]!)}::smallint[], ${lit(c.keys[1]!)}::smallint[], ${lit(c.keys[2]!)}::uuid[], ${lit(c.keys[3]!)}::text[],
        ${lit(c.amount)}::bigint[], ${lit(c.records)}::int[])
      ON CONFLICT (year, month, institution_id, supplier_type)
      DO UPDATE SET amount = agg.amount + excluded.amount, records = agg.records + excluded.records`.execute(trx);
  }
  if (d.item.amount.length) {
    const c = d.item;
    await sql`
      INSERT INTO procurement_agg_item AS agg (year, institution_id, category_code, item_code, supplier_type, amount, records)
      SELECT * FROM unnest(${lit(c.keys[0]!)}::smallint[], ${lit(c.keys[1]!)}::uuid[], ${lit(c.keys[2]!)}::text[], ${lit(c.keys[3]!)}::text[], ${lit(c.keys[4]!)}::text[],
        ${lit(c.amount)}::bigint[], ${lit(c.records)}::int[])
      ON CONFLICT (year, institution_id, category_code, item_code, supplier_type)
      DO UPDATE SET amount = agg.amount + excluded.amount, records = agg.records + excluded.records`.execute(trx);
  }
  if (d.method.amount.length) {
    const c = d.method;
    await sql`
      INSERT INTO procurement_agg_method AS agg (year, method, contract_type, supplier_type, amount, records)
      SELECT * FROM unnest(${lit(c.keys[0]!)}::smallint[], ${lit(c.keys[1]!)}::text[], ${lit(c.keys[2]!)}::text[], ${lit(c.keys[3]!)}::text[],
        ${lit(c.amount)}::bigint[], ${lit(c.records)}::int[])
      ON CONFLICT (year, method, contract_type, supplier_type)
      DO UPDATE SET amount = agg.amount + excluded.amount, records = agg.records + excluded.records`.execute(trx);
  }
  if (d.supplier.amount.length) {
    const c = d.supplier;
    await sql`
      INSERT INTO procurement_agg_supplier AS agg (year, supplier_key, supplier_name, supplier_org_id, supplier_type, amount, records)
      SELECT * FROM unnest(${lit(c.keys[0]!)}::smallint[], ${lit(c.keys[1]!)}::text[], ${lit(c.name)}::text[],
        ${lit(c.orgId)}::uuid[], ${lit(c.type)}::text[], ${lit(c.amount)}::bigint[], ${lit(c.records)}::int[])
      ON CONFLICT (year, supplier_key)
      DO UPDATE SET amount = agg.amount + excluded.amount, records = agg.records + excluded.records,
        supplier_name = excluded.supplier_name,
        supplier_org_id = COALESCE(excluded.supplier_org_id, agg.supplier_org_id),
        supplier_type = CASE WHEN excluded.supplier_org_id IS NOT NULL THEN excluded.supplier_type ELSE agg.supplier_type END`.execute(trx);
  }
}

/**
 * The rows of some aggregate columns as COPY text, in blocks of lines, year by year (the first key): a
 * first load of several years then leaves each year's rows together on disk, and a dashboard reading
 * one year touches its own pages only (bench/procurement at ten years: by-item p95 25 ms with the years
 * interleaved).
 */
function copyLines(c: AggregateColumns, extra?: (i: number) => string): string[] {
  const n = c.amount.length;
  const year = c.keys[0]!;
  const years = [...new Set(year)].sort((a, b) => Number(a) - Number(b));
  const blocks: string[] = [];
  let block = '';
  let lines = 0;
  for (const y of years) {
    for (let i = 0; i < n; i++) {
      if (year[i] !== y) continue;
      for (const k of c.keys) block += `${copyText(String(k[i]))}\t`;
      if (extra) block += extra(i);
      block += `${c.amount[i]}\t${c.records[i]}\n`;
      if (++lines === 5000) {
        blocks.push(block);
        block = '';
        lines = 0;
      }
    }
  }
  if (block) blocks.push(block);
  return blocks;
}

/** Whether the four aggregate tables hold no row (as they do while there are no records). */
export async function aggregatesEmpty(trx: Db): Promise<boolean> {
  const r = await sql<{ empty: boolean }>`
    SELECT NOT EXISTS (SELECT 1 FROM procurement_agg_month) AND NOT EXISTS (SELECT 1 FROM procurement_agg_item)
      AND NOT EXISTS (SELECT 1 FROM procurement_agg_method) AND NOT EXISTS (SELECT 1 FROM procurement_agg_supplier) AS empty`.execute(trx);
  return r.rows[0]!.empty;
}

/** COPY statements with their text, ready to send (copyAggregates). */
export type AggregateCopies = { sql: string; blocks: string[] }[];

/**
 * An import's sums as COPY text for the aggregate tables' first rows: made while the server builds the
 * records' indexes (the importer), so that Node's part costs no time of its own.
 */
export function aggregateCopies(d: AggregateDelta): AggregateCopies {
  const s = d.supplier;
  const nul = (v: string | null) => (v === null ? '\\N' : copyText(v));
  const tables: [string, AggregateColumns, ((i: number) => string)?][] = [
    ['procurement_agg_month (year, month, institution_id, supplier_type, amount, records)', d.month],
    ['procurement_agg_item (year, institution_id, category_code, item_code, supplier_type, amount, records)', d.item],
    ['procurement_agg_method (year, method, contract_type, supplier_type, amount, records)', d.method],
    ['procurement_agg_supplier (year, supplier_key, supplier_name, supplier_org_id, supplier_type, amount, records)', s, (i) => `${copyText(s.name[i]!)}\t${nul(s.orgId[i] ?? null)}\t${copyText(s.type[i]!)}\t`],
  ];
  return tables.filter(([, c]) => c.amount.length).map(([target, c, extra]) => ({ sql: `COPY ${target} FROM STDIN`, blocks: copyLines(c, extra) }));
}

/**
 * Writes an import's sums (aggregateCopies) as the aggregate tables' first rows of their years, with
 * COPY: for a first load into empty tables (the importer's bulk path), where upsertAggregates would add
 * to nothing. A row already there for the same key fails the COPY (and the import) rather than being
 * overwritten.
 */
export async function copyAggregates(copyIn: CopyIn, copies: AggregateCopies): Promise<void> {
  for (const c of copies) {
    await copyIn(
      c.sql,
      (async function* () {
        yield* c.blocks;
      })(),
    );
  }
}

/**
 * Rebuilds the aggregates of the given years from the records themselves (after an undo or a
 * re-match; also what a test compares the incrementally kept tables with). The supplier table's key
 * needs supplierNameKey, so its groups are read by (registration number, name) and merged in Node.
 */
export async function recomputeAggregates(trx: Db, years: number[]): Promise<void> {
  if (!years.length) return;
  const ys = sql`${arrayLiteral(years)}::smallint[]`;
  for (const t of ['procurement_agg_month', 'procurement_agg_item', 'procurement_agg_method', 'procurement_agg_supplier']) {
    await sql`DELETE FROM ${sql.table(t)} WHERE year = ANY(${ys})`.execute(trx);
  }
  await sql`
    INSERT INTO procurement_agg_month (year, month, institution_id, supplier_type, amount, records)
    SELECT year, month, institution_id, supplier_type, sum(amount), count(*) FROM procurement_records
    WHERE year = ANY(${ys}) GROUP BY 1, 2, 3, 4`.execute(trx);
  await sql`
    INSERT INTO procurement_agg_item (year, institution_id, category_code, item_code, supplier_type, amount, records)
    SELECT r.year, r.institution_id, r.category_code, coalesce(it.code, ''), r.supplier_type, sum(r.amount), count(*)
    FROM procurement_records r LEFT JOIN procurement_items it ON it.no = r.item_no
    WHERE r.year = ANY(${ys}) GROUP BY 1, 2, 3, 4, 5`.execute(trx);
  await sql`
    INSERT INTO procurement_agg_method (year, method, contract_type, supplier_type, amount, records)
    SELECT year, method, contract_type, supplier_type, sum(amount), count(*) FROM procurement_records
    WHERE year = ANY(${ys}) GROUP BY 1, 2, 3, 4`.execute(trx);
  const groups = await sql<{
    year: number;
    reg: string | null;
    name: string;
    amount: number;
    records: number;
    last_id: number;
    matched_id: number | null;
    org: string | null;
    type: string | null;
  }>`
    SELECT year, supplier_reg_no AS reg, supplier_name AS name, sum(amount)::bigint AS amount, count(*)::int AS records, max(id) AS last_id,
      max(id) FILTER (WHERE supplier_org_id IS NOT NULL) AS matched_id,
      (array_agg(supplier_org_id ORDER BY id DESC) FILTER (WHERE supplier_org_id IS NOT NULL))[1] AS org,
      (array_agg(supplier_type ORDER BY id DESC) FILTER (WHERE supplier_org_id IS NOT NULL))[1] AS type
    FROM procurement_records WHERE year = ANY(${ys}) GROUP BY 1, 2, 3`.execute(trx);
  const merged = new Map<string, SupplierSum & { lastId: number; matchedId: number }>();
  const nameKeys = new Map<string, string>();
  for (const g of groups.rows) {
    let nk = nameKeys.get(g.name);
    if (nk === undefined) nameKeys.set(g.name, (nk = supplierNameKey(g.name)));
    const key = `${g.year}\t${g.reg ? `r:${g.reg}` : `n:${nk}`}`;
    const lastId = Number(g.last_id);
    const matchedId = g.matched_id === null ? -1 : Number(g.matched_id);
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { amount: Number(g.amount), records: g.records, name: g.name, lastId, matchedId, orgId: g.org, type: g.org ? (g.type ?? '') : '' });
      continue;
    }
    m.amount += Number(g.amount);
    m.records += g.records;
    if (lastId > m.lastId) {
      m.lastId = lastId;
      m.name = g.name;
    }
    if (matchedId > m.matchedId) {
      m.matchedId = matchedId;
      m.orgId = g.org;
      m.type = g.type ?? '';
    }
  }
  const supplier = { ...emptyColumns(2), name: [] as string[], orgId: [] as (string | null)[], type: [] as string[] };
  for (const [k, v] of merged) {
    const tab = k.indexOf('\t');
    supplier.keys[0]!.push(Number(k.slice(0, tab)));
    supplier.keys[1]!.push(k.slice(tab + 1));
    supplier.amount.push(v.amount);
    supplier.records.push(v.records);
    supplier.name.push(v.name);
    supplier.orgId.push(v.orgId);
    supplier.type.push(v.type);
  }
  await upsertAggregates(trx, { month: emptyColumns(4), item: emptyColumns(5), method: emptyColumns(4), supplier });
}
