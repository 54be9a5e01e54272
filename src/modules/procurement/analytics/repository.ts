import { CompiledQuery } from 'kysely';
import type { Db } from '../../../db/engine.ts';
import { SEO_SQL } from './labels.ts';

/**
 * The analytics' SQL, written out as text with parameters so that the service runs exactly the
 * statement the benchmark times as "raw" (bench-queries.ts). Dashboards read the procurement_agg_*
 * tables kept current by every import; drill-downs read the item aggregate (one institution by item) or
 * procurement_records through the indexes of migration 0021 (institution + year; year + item, in date order). sum() of bigint is numeric in PostgreSQL, hence the
 * ::bigint casts (int8 arrives as a JS number, checked safe by the engine).
 */
export interface Query {
  sql: string;
  params: unknown[];
}

export async function run<R>(db: Db, q: Query): Promise<R[]> {
  const res = await db.executeQuery<R>(CompiledQuery.raw(q.sql, q.params));
  return res.rows;
}

const SEO_AMOUNT = `coalesce(sum(amount) FILTER (WHERE supplier_type IN ${SEO_SQL}), 0)::bigint`;
/** All twelve months: lets year = $1 AND month = ANY(…) AND institution_id = $2 descend the primary key of agg_month. */
const MONTHS = `'{1,2,3,4,5,6,7,8,9,10,11,12}'::smallint[]`;

export const q = {
  /** Years with records (city-wide: from the small per-method aggregate). */
  years(institutionId?: string): Query {
    if (!institutionId) return { sql: 'SELECT DISTINCT year::int AS year FROM procurement_agg_method ORDER BY year', params: [] };
    return {
      sql: `SELECT y.year::int AS year FROM (SELECT DISTINCT year FROM procurement_agg_method) y
            WHERE EXISTS (SELECT 1 FROM procurement_records r WHERE r.institution_id = $1 AND r.year = y.year) ORDER BY 1`,
      params: [institutionId],
    };
  },

  /** Amount and records per supplier type (seo and the totals follow). */
  totals(year: number, institutionId?: string): Query {
    if (!institutionId) {
      return {
        sql: `SELECT supplier_type, sum(amount)::bigint AS amount, sum(records)::bigint AS records
              FROM procurement_agg_method WHERE year = $1 GROUP BY supplier_type`,
        params: [year],
      };
    }
    return {
      sql: `SELECT supplier_type, sum(amount)::bigint AS amount, sum(records)::bigint AS records
            FROM procurement_agg_month WHERE year = $1 AND month = ANY(${MONTHS}) AND institution_id = $2 GROUP BY supplier_type`,
      params: [year, institutionId],
    };
  },

  byMonth(year: number, institutionId?: string): Query {
    return {
      sql: `SELECT month::int AS month, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount
            FROM procurement_agg_month WHERE year = $1${institutionId ? ` AND month = ANY(${MONTHS}) AND institution_id = $2` : ''}
            GROUP BY month ORDER BY month`,
      params: institutionId ? [year, institutionId] : [year],
    };
  },

  /**
   * Supplier concentration, all suppliers and SEOs: count, amount, Σ amount² (for the HHI) and the top
   * ten's amount. City-wide from the per-supplier aggregate; for one institution from its records
   * (suppliers keyed by registration number, else by name as written).
   */
  concentration(year: number, institutionId?: string): Query {
    // One row per side (SEO or not): the service adds them up for all suppliers. Grouping costs less
    // than filtered aggregates on PGlite.
    const sums = `seo, count(*)::bigint AS suppliers, sum(amount)::bigint AS amount, sum(amount::float8 * amount::float8)::float8 AS squares`;
    if (!institutionId) {
      // One pass over the year's suppliers; the top ten from procurement_agg_supplier_amount_idx.
      return {
        sql: `SELECT ${sums},
                     (SELECT coalesce(sum(amount), 0)::bigint FROM (SELECT amount FROM procurement_agg_supplier WHERE year = $1 ORDER BY amount DESC LIMIT 10) t) AS top10,
                     (SELECT coalesce(sum(amount), 0)::bigint FROM (SELECT amount FROM procurement_agg_supplier WHERE year = $1 AND supplier_type IN ${SEO_SQL}
                                                                   ORDER BY amount DESC LIMIT 10) t) AS seo_top10
              FROM (SELECT amount, supplier_type IN ${SEO_SQL} AS seo FROM procurement_agg_supplier WHERE year = $1) s
              GROUP BY seo`,
        params: [year],
      };
    }
    return {
      sql: `WITH s AS MATERIALIZED (
              SELECT sum(amount) AS amount, bool_or(seo) AS seo FROM procurement_records
              WHERE institution_id = $2 AND year = $1 GROUP BY coalesce('r:' || supplier_reg_no, 'n:' || supplier_name))
            SELECT ${sums},
                   (SELECT coalesce(sum(amount), 0)::bigint FROM (SELECT amount FROM s ORDER BY amount DESC LIMIT 10) t) AS top10,
                   (SELECT coalesce(sum(amount), 0)::bigint FROM (SELECT amount FROM s WHERE seo ORDER BY amount DESC LIMIT 10) t) AS seo_top10
            FROM s GROUP BY seo`,
      params: [year, institutionId],
    };
  },

  /** Per institution, with its overall target of the year. */
  byInstitution(year: number, institutionId?: string): Query {
    return {
      sql: `SELECT a.institution_id, i.name, i.kind, a.amount, a.seo_amount, t.amount AS target
            FROM (SELECT institution_id, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount
                  FROM procurement_agg_month WHERE year = $1${institutionId ? ` AND month = ANY(${MONTHS}) AND institution_id = $2` : ''}
                  GROUP BY institution_id) a
            JOIN procurement_institutions i ON i.id = a.institution_id
            LEFT JOIN procurement_targets t ON t.year = $1 AND t.institution_id = a.institution_id AND t.item_code IS NULL
            ORDER BY a.amount DESC, i.name`,
      params: institutionId ? [year, institutionId] : [year],
    };
  },

  /** Per category, every category of the taxonomy (zero rows included). */
  byCategory(year: number, institutionId?: string): Query {
    return {
      sql: `SELECT c.code, c.kind, c.label_ko, c.label_en, coalesce(a.amount, 0)::bigint AS amount,
                   coalesce(a.seo_amount, 0)::bigint AS seo_amount, coalesce(a.records, 0)::bigint AS records
            FROM procurement_categories c
            LEFT JOIN (SELECT category_code, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount, sum(records)::bigint AS records
                       FROM procurement_agg_item WHERE year = $1${institutionId ? ' AND institution_id = $2' : ''}
                       GROUP BY category_code) a ON a.category_code = c.code
            ORDER BY c.sort`,
      params: institutionId ? [year, institutionId] : [year],
    };
  },

  /** Per (category, item) as aggregated; the service folds known items into one row each. */
  byItem(year: number, institutionId?: string): Query {
    return {
      sql: `SELECT category_code, item_code, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount, sum(records)::bigint AS records
            FROM procurement_agg_item WHERE year = $1${institutionId ? ' AND institution_id = $2' : ''}
            GROUP BY category_code, item_code`,
      params: institutionId ? [year, institutionId] : [year],
    };
  },

  /** Per contract method and type: city-wide from its aggregate, for one institution from its records. */
  byMethod(year: number, institutionId?: string): Query {
    if (!institutionId) {
      return {
        sql: `SELECT method, contract_type, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount, sum(records)::bigint AS records
              FROM procurement_agg_method WHERE year = $1 GROUP BY method, contract_type ORDER BY amount DESC, method, contract_type`,
        params: [year],
      };
    }
    return {
      sql: `SELECT method, contract_type, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint AS seo_amount, count(*)::bigint AS records
            FROM procurement_records WHERE institution_id = $2 AND year = $1 GROUP BY method, contract_type ORDER BY amount DESC, method, contract_type`,
      params: [year, institutionId],
    };
  },

  /** The priority items' amounts (all purchases and those from SEOs). */
  priorityItems(year: number, institutionId?: string): Query {
    return {
      sql: `SELECT p.code AS item_code, p.category_code, p.label_ko, p.label_en, p.priority_order,
                   coalesce(a.amount, 0)::bigint AS amount, coalesce(a.seo_amount, 0)::bigint AS seo_amount
            FROM procurement_items p
            LEFT JOIN (SELECT item_code, sum(amount)::bigint AS amount, ${SEO_AMOUNT} AS seo_amount FROM procurement_agg_item
                       WHERE year = $1${institutionId ? ' AND institution_id = $2' : ''}
                         AND item_code IN (SELECT code FROM procurement_items WHERE priority_order IS NOT NULL)
                       GROUP BY item_code) a ON a.item_code = p.code
            WHERE p.priority_order IS NOT NULL ORDER BY p.priority_order`,
      params: institutionId ? [year, institutionId] : [year],
    };
  },

  /**
   * Every target of the year with the SEO purchases counted against it: the city's overall from the
   * per-method aggregate, the city's per item from one pass over the year's item aggregate, an
   * institution's from its own rows of the item aggregate (primary key prefix year, institution).
   */
  targets(year: number): Query {
    return {
      sql: `WITH t AS MATERIALIZED (SELECT id, institution_id, item_code, amount, note FROM procurement_targets WHERE year = $1),
              city_items AS MATERIALIZED (
                SELECT item_code, ${SEO_AMOUNT} AS seo_amount FROM procurement_agg_item
                WHERE year = $1 AND item_code IN (SELECT item_code FROM t WHERE institution_id IS NULL AND item_code IS NOT NULL)
                GROUP BY item_code),
              inst_items AS MATERIALIZED (
                SELECT institution_id, item_code, ${SEO_AMOUNT} AS seo_amount FROM procurement_agg_item
                WHERE year = $1 AND institution_id IN (SELECT institution_id FROM t WHERE institution_id IS NOT NULL)
                GROUP BY institution_id, item_code)
            SELECT t.id, t.institution_id, i.name AS institution_name, t.item_code, p.label_ko AS item_label_ko, p.label_en AS item_label_en,
                   t.amount, t.note,
                   coalesce(CASE
                     WHEN t.institution_id IS NULL AND t.item_code IS NULL THEN
                       (SELECT ${SEO_AMOUNT} FROM procurement_agg_method WHERE year = $1)
                     WHEN t.institution_id IS NULL THEN (SELECT c.seo_amount FROM city_items c WHERE c.item_code = t.item_code)
                     WHEN t.item_code IS NULL THEN (SELECT sum(x.seo_amount) FROM inst_items x WHERE x.institution_id = t.institution_id)
                     ELSE (SELECT x.seo_amount FROM inst_items x WHERE x.institution_id = t.institution_id AND x.item_code = t.item_code)
                   END, 0)::bigint AS seo_amount
            FROM t
            LEFT JOIN procurement_institutions i ON i.id = t.institution_id
            LEFT JOIN procurement_items p ON p.code = t.item_code
            ORDER BY t.institution_id IS NOT NULL, i.name, t.item_code IS NOT NULL, p.priority_order NULLS LAST, t.item_code`,
      params: [year],
    };
  },

  /**
   * Drill-down: one institution, one year, by item — from procurement_agg_item, whose key starts with
   * (year, institution): a few dozen rows at any size (the records of a busy institution's year are
   * scattered over the whole table).
   */
  institutionItems(year: number, institutionId: string): Query {
    return {
      sql: `SELECT category_code, item_code, sum(amount)::bigint AS amount,
                   ${SEO_AMOUNT} AS seo_amount, sum(records)::bigint AS records
            FROM procurement_agg_item WHERE year = $1 AND institution_id = $2
            GROUP BY category_code, item_code ORDER BY amount DESC`,
      params: [year, institutionId],
    };
  },
};

export interface RecordFilter {
  year: number;
  institutionId?: string;
  itemCode?: string;
  categoryCode?: string;
  supplierType?: string;
  seo?: boolean;
  month?: number;
  method?: string;
  contractType?: string;
}

/** WHERE clause of a records drill-down; parameters numbered from 1. */
function recordsWhere(f: RecordFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [f.year];
  const c = ['r.year = $1'];
  const add = (cond: (n: string) => string, v: unknown) => {
    params.push(v);
    c.push(cond(`$${params.length}`));
  };
  if (f.institutionId) add((p) => `r.institution_id = ${p}`, f.institutionId);
  if (f.itemCode !== undefined) {
    // Records keep the item's number (0022); the code is looked up once, so the item index is used.
    if (f.itemCode === '') c.push('r.item_no IS NULL');
    else add((p) => `r.item_no = (SELECT no FROM procurement_items WHERE code = ${p})`, f.itemCode);
  }
  if (f.categoryCode) add((p) => `r.category_code = ${p}`, f.categoryCode);
  if (f.supplierType !== undefined) add((p) => `r.supplier_type = ${p}`, f.supplierType);
  if (f.seo !== undefined) c.push(f.seo ? 'r.seo' : 'NOT r.seo');
  if (f.month) add((p) => `r.month = ${p}`, f.month);
  if (f.method) add((p) => `r.method = ${p}`, f.method);
  if (f.contractType) add((p) => `r.contract_type = ${p}`, f.contractType);
  return { where: c.join(' AND '), params };
}

/** One page of the records behind a figure, in institutions other than `hidden`. */
export function recordsPageQuery(f: RecordFilter, hidden: string[], page: { page: number; pageSize: number }): Query {
  const { where, params } = recordsWhere(f);
  let w = where;
  if (hidden.length) {
    params.push(hidden);
    w += ` AND r.institution_id <> ALL($${params.length}::uuid[])`;
  }
  params.push(page.pageSize, (page.page - 1) * page.pageSize);
  return {
    // The page first, then the institutions' names and item codes for its rows only.
    sql: `SELECT p.id, p.line, p.institution_id, p.purchased_on, p.item_name, it.code AS item_code, p.category_code, p.supplier_name, p.supplier_reg_no,
                 p.supplier_org_id, p.supplier_type, p.seo, p.amount, p.method, p.contract_type, p.contract_no, i.name AS institution_name
          FROM (SELECT r.id, r.line, r.institution_id, r.purchased_on, r.item_name, r.item_no, r.category_code, r.supplier_name, r.supplier_reg_no,
                       r.supplier_org_id, r.supplier_type, r.seo, r.amount, r.method, r.contract_type, r.contract_no
                FROM procurement_records r WHERE ${w} ORDER BY r.purchased_on, r.id LIMIT $${params.length - 1} OFFSET $${params.length}) p
          JOIN procurement_institutions i ON i.id = p.institution_id
          LEFT JOIN procurement_items it ON it.no = p.item_no
          ORDER BY p.purchased_on, p.id`,
    params,
  };
}

/**
 * Count and sum of the filter from the item aggregate, when it holds every field the filter names (all
 * but month, method and contract type): the same figures without reading an item's records (tens of
 * milliseconds for a priority item at 3.2 million records, bench/procurement).
 */
function aggregateTotalQuery(f: RecordFilter, hidden: string[]): Query | null {
  if (f.month || f.method || f.contractType) return null;
  const params: unknown[] = [f.year];
  const c = ['a.year = $1'];
  const add = (cond: (n: string) => string, v: unknown) => {
    params.push(v);
    c.push(cond(`$${params.length}`));
  };
  if (f.institutionId) add((p) => `a.institution_id = ${p}`, f.institutionId);
  if (f.itemCode !== undefined) add((p) => `a.item_code = ${p}`, f.itemCode); // '' = not a known item, as in the aggregate
  if (f.categoryCode) add((p) => `a.category_code = ${p}`, f.categoryCode);
  if (f.supplierType !== undefined) add((p) => `a.supplier_type = ${p}`, f.supplierType);
  if (f.seo !== undefined) c.push(`a.supplier_type ${f.seo ? '' : 'NOT '}IN ${SEO_SQL}`);
  const sums = 'coalesce(sum(a.records), 0)::bigint AS records, coalesce(sum(a.amount), 0)::bigint AS amount FROM procurement_agg_item a';
  if (!hidden.length) return { sql: `SELECT true AS visible, ${sums} WHERE ${c.join(' AND ')}`, params };
  params.push(hidden);
  return { sql: `SELECT a.institution_id <> ALL($${params.length}::uuid[]) AS visible, ${sums} WHERE ${c.join(' AND ')} GROUP BY 1`, params };
}

/** Count and sum of the filter, split into what the caller may see and what is hidden from them. */
export function recordsTotalQuery(f: RecordFilter, hidden: string[]): Query {
  const fromAggregates = aggregateTotalQuery(f, hidden);
  if (fromAggregates) return fromAggregates;
  const { where, params } = recordsWhere(f);
  if (!hidden.length) {
    return { sql: `SELECT true AS visible, count(*)::bigint AS records, coalesce(sum(r.amount), 0)::bigint AS amount FROM procurement_records r WHERE ${where}`, params };
  }
  params.push(hidden);
  return {
    sql: `SELECT r.institution_id <> ALL($${params.length}::uuid[]) AS visible, count(*)::bigint AS records, coalesce(sum(r.amount), 0)::bigint AS amount
          FROM procurement_records r WHERE ${where} GROUP BY 1`,
    params,
  };
}

/** The equivalent of a dashboard figure computed from every record: the whole-table floor of the benchmark. */
export const scan = {
  totals: (year: number): Query => ({
    sql: `SELECT supplier_type, sum(amount)::bigint AS amount, count(*)::bigint AS records FROM procurement_records WHERE year = $1 GROUP BY supplier_type`,
    params: [year],
  }),
  byMonth: (year: number): Query => ({
    sql: `SELECT month, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint FROM procurement_records WHERE year = $1 GROUP BY month ORDER BY month`,
    params: [year],
  }),
  byInstitution: (year: number): Query => ({
    sql: `SELECT institution_id, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint FROM procurement_records WHERE year = $1 GROUP BY institution_id`,
    params: [year],
  }),
  byCategory: (year: number): Query => ({
    sql: `SELECT category_code, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint FROM procurement_records WHERE year = $1 GROUP BY category_code`,
    params: [year],
  }),
  byItem: (year: number): Query => ({
    sql: `SELECT category_code, item_no, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint FROM procurement_records WHERE year = $1 GROUP BY category_code, item_no`,
    params: [year],
  }),
  byMethod: (year: number): Query => ({
    sql: `SELECT method, contract_type, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint, count(*) FROM procurement_records WHERE year = $1 GROUP BY method, contract_type`,
    params: [year],
  }),
  concentration: (year: number): Query => ({
    sql: `WITH s AS (SELECT sum(amount) AS amount, bool_or(seo) AS seo FROM procurement_records WHERE year = $1
                     GROUP BY coalesce('r:' || supplier_reg_no, 'n:' || supplier_name))
          SELECT count(*), sum(amount), sum(amount::float8 * amount::float8), (SELECT sum(amount) FROM (SELECT amount FROM s ORDER BY amount DESC LIMIT 10) t) FROM s`,
    params: [year],
  }),
  priorityItems: (year: number): Query => ({
    sql: `SELECT item_no, sum(amount)::bigint AS amount, coalesce(sum(amount) FILTER (WHERE seo), 0)::bigint FROM procurement_records
          WHERE year = $1 AND item_no IN (SELECT no FROM procurement_items WHERE priority_order IS NOT NULL) GROUP BY item_no`,
    params: [year],
  }),
  targets: (year: number): Query => ({
    sql: `SELECT t.id, (SELECT coalesce(sum(r.amount), 0)::bigint FROM procurement_records r WHERE r.year = t.year AND r.seo
                         AND (t.institution_id IS NULL OR r.institution_id = t.institution_id) AND (t.item_code IS NULL OR r.item_no = (SELECT no FROM procurement_items WHERE code = t.item_code)))
          FROM procurement_targets t WHERE t.year = $1`,
    params: [year],
  }),
  institutionItems: (year: number, institutionId: string): Query => ({
    // the same grouping with the index out of play: every record of every institution is read
    sql: `SELECT category_code, item_no, sum(amount)::bigint FROM procurement_records WHERE institution_id::text = $1 AND year + 0 = $2 GROUP BY category_code, item_no`,
    params: [institutionId, year],
  }),
  records: (year: number, itemCode: string): Query => ({
    sql: `SELECT * FROM procurement_records WHERE (year + 0) = $1 AND coalesce(item_no, 0) = coalesce((SELECT no FROM procurement_items WHERE code = $2), 0) ORDER BY purchased_on, id LIMIT 50`,
    params: [year, itemCode],
  }),
};
