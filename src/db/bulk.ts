import { sql } from 'kysely';
import type { Db } from './engine.ts';

/**
 * Bulk insert for imports and seeds, on both engines.
 *
 * Each chunk goes as one statement with one parameter per column: a PostgreSQL array literal of that
 * column's values, spread back into rows by unnest. Parsing array literals is the cheapest way in for
 * the server — about 8 µs a row on this kind of machine, against 20 µs for a JSON document through
 * jsonb_populate_recordset and far more for a multi-row VALUES binding 30 parameters a row
 * (bench/directory) — and writing them is string joins for Node.
 *
 * Rows are grouped by the columns they set, so a column a row leaves out keeps its table default;
 * callers that write many rows should name every column, so that a chunk is one statement.
 */
export async function insertRows(db: Db, table: string, rows: Record<string, unknown>[], chunk = 5000): Promise<void> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    // Rows built by the same code list their columns in the same order: no sort needed to group them.
    let key = '';
    for (const k in r) if (r[k] !== undefined) key += key ? `,${k}` : k;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(r);
  }
  for (const [key, group] of groups) {
    const columns: Record<string, unknown[]> = {};
    for (const c of key.split(',')) columns[c] = group.map((r) => r[c]);
    await insertColumns(db, table, columns, chunk);
  }
}

/**
 * The same bulk insert for rows given column by column: each column's values, all of one length.
 * A caller writing many rows of one shape (an import) builds these arrays directly, without a row
 * object per row for insertRows to take apart again.
 */
export async function insertColumns(db: Db, table: string, columns: Record<string, unknown[]>, chunk = 5000): Promise<void> {
  const cols = Object.keys(columns);
  const n = cols.length ? columns[cols[0]!]!.length : 0;
  if (!n) return;
  const types = await columnTypes(db, table, cols);
  const kinds = cols.map((c) => types.get(c)!);
  // An array column travels as text[] of array literals, one a row, and is cast back row by row.
  const paramType = (type: string) => (type.endsWith('[]') ? 'text[]' : `${type}[]`);
  const names = sql.join(cols.map((c) => sql.ref(c)));
  for (let i = 0; i < n; i += chunk) {
    // One unnest per column in the select list, walked in step (equal lengths): the server makes each
    // row as it goes, where unnest(a, b, …) in FROM first stores every row of the statement — about a
    // tenth of the server's time for an import (bench/directory).
    const picks = cols.map((c, k) => {
      const values = columns[c]!;
      const param = sql`unnest(${arrayLiteral(n <= chunk ? values : values.slice(i, i + chunk))}::${sql.raw(paramType(kinds[k]!))})`;
      return kinds[k]!.endsWith('[]') ? sql`${param}::${sql.raw(kinds[k]!)}` : param;
    });
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${sql.join(picks)}`.execute(db);
  }
}

/** JSON escapes a PostgreSQL array literal does not read the same way (\n, \u0001 …). */
const JSON_ONLY_ESCAPE = /\\[bfnrtu]/;

/**
 * A one-dimensional PostgreSQL array literal: {"a","b\"c",NULL}. Objects are written as JSON, dates as
 * ISO 8601, arrays as array literals themselves (to be cast per row).
 */
export function arrayLiteral(values: unknown[]): string {
  let texts: unknown[] = values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') {
      texts = values.map(elementText);
      break;
    }
  }
  // JSON.stringify of strings, numbers and nulls is already an array literal, but for its brackets,
  // unless it escaped a control character: native code, several times faster than escaping in JS.
  const json = JSON.stringify(texts); // undefined elements become null
  if (!JSON_ONLY_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  let out = '{';
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (i) out += ',';
    out += t === null || t === undefined ? 'NULL' : `"${String(t).replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

function elementText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return isNumbers(v) ? `{${v.join(',')}}` : arrayLiteral(v);
  return JSON.stringify(v);
}

function isNumbers(v: unknown[]): v is number[] {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) return false;
  return true;
}

/** Column name → SQL type, as format_type writes it. Tables are the same in every database a process opens (same migrations). */
const typeCache = new Map<string, Map<string, string>>();

async function columnTypes(db: Db, table: string, columns: string[]): Promise<Map<string, string>> {
  const cached = typeCache.get(table);
  if (cached && columns.every((c) => cached.has(c))) return cached;
  const r = await sql<{ name: string; type: string }>`
    SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
    WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db);
  const types = new Map(r.rows.map((c) => [c.name, c.type]));
  const unknown = columns.find((c) => !types.has(c));
  if (unknown) throw new Error(`${table} has no column ${unknown}`);
  typeCache.set(table, types);
  return types;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A value in COPY's text format: backslash, tab and line breaks escaped; the rest as is. */
export function copyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}
