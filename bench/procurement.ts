/**
 * bench/procurement: purchase-records import at scale and the dashboards that read it.
 *
 * For each size (320,000 and 3,200,000 rows; `--sizes 320000` to choose), on PostgreSQL (a throw-away
 * database on DATABASE_URL, else the local server) and on PGlite (a data directory in /tmp):
 *  - the file is generated once to /tmp (Korean headers, ~6 % of rows from directory SEO suppliers);
 *  - floor: a raw COPY of the same file into an unindexed table of text columns;
 *  - import: the whole thing through the records service — parse, check, match, COPY into the
 *    indexed table, aggregates, import row, audit, commit — median of 3, each after its own floor (once
 *    for PGlite at 3.2M), each into emptied tables (so each is a first load: the importer builds the secondary
 *    indexes after its COPY); PASS when within 3× the floor;
 *  - on PostgreSQL at 320k, before the imports: the server's part alone — the importer's own binary rows
 *    and aggregate COPY text made beforehand, sent as it sends them (COPY, indexes, aggregates, commit),
 *    median of 3 against the floor: what an import would take if its Node pass cost nothing;
 *  - at 320k, after the dashboards: the same file imported once more into the table that now holds it,
 *    the path of every later import (indexes kept up row by row, aggregates added to), with its ratio;
 *  - dashboards: each of analytics/bench-queries.ts's queries 200 times through the service, against
 *    its SQL alone through the driver and against the whole-table scan the aggregates replace. Targets:
 *    PostgreSQL dashboards p95 ≤ 30 ms and drill-downs ≤ 15 ms; PGlite dashboards ≤ 120 ms.
 * BENCH_ENGINE=postgres|pglite runs one engine only; SEHUB_IMPORT_TRACE=1 prints the import's phases
 * (reference loaded, copied, indexes built, aggregates, import row) with Node's CPU time.
 */
import { createReadStream, existsSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, openDatabase, type Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { systemContext } from '../src/kernel/context.ts';
import { withBusinessRegCheckDigit } from '../src/kernel/korea.ts';
import { createDirectoryService } from '../src/modules/directory/index.ts';
import { dashboardQueries } from '../src/modules/procurement/analytics/bench-queries.ts';
import { createRecordsService, writeRecordsCsv, type SeoSupplier } from '../src/modules/procurement/records/index.ts';
import { aggregateCopies } from '../src/modules/procurement/records/aggregates.ts';
import { utf8Chunks } from '../src/modules/procurement/records/bytes.ts';
import { COPY_SQL, loadReference, RowPipeline } from '../src/modules/procurement/records/importer.ts';
import { ms, time, type Timing } from './lib.ts';

const argSizes = process.argv.indexOf('--sizes');
const SIZES = (argSizes > 0 ? process.argv[argSizes + 1]! : (process.env.BENCH_PROCUREMENT_SIZES ?? '320000,3200000')).split(',').map(Number);
const RUNS = 200;
const LIMIT = 3;
const SEO_ORGS = 400;
const TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (v: number) => `${(v / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** The SEO organisations a generated file buys from: created in the directory, as a real one has them. */
async function seedSuppliers(database: Database): Promise<SeoSupplier[]> {
  const directory = createDirectoryService(database.db);
  const ctx = systemContext('bench');
  const out: SeoSupplier[] = [];
  for (let i = 0; i < SEO_ORGS; i++) {
    const name = `${['', '(주)', '사회적협동조합 '][i % 3]}벤치공익상회${i + 1}`;
    const businessRegNo = withBusinessRegCheckDigit(`77${String(i).padStart(7, '0')}`);
    await directory.create(ctx, { name, businessRegNo, typeKey: TYPES[i % TYPES.length]! });
    out.push({ name, businessRegNo });
  }
  return out;
}

async function emptyRecords(database: Database): Promise<void> {
  await sql`TRUNCATE procurement_records, procurement_agg_month, procurement_agg_item, procurement_agg_method, procurement_agg_supplier, procurement_imports, procurement_targets, procurement_officers`.execute(database.db);
  await sql`DELETE FROM procurement_institutions`.execute(database.db);
}

async function floorCopy(database: Database, file: string, url?: string): Promise<number> {
  await sql`DROP TABLE IF EXISTS bench_raw_records`.execute(database.db);
  await sql`CREATE TABLE bench_raw_records (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text)`.execute(database.db);
  const t0 = performance.now();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), client.query(copyFrom('COPY bench_raw_records FROM STDIN WITH (FORMAT csv, HEADER true)')));
    } finally {
      await client.end();
    }
  } else {
    const blob = await openAsBlob(file);
    await database.pglite!.query(`COPY bench_raw_records FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob });
  }
  const elapsed = performance.now() - t0;
  await sql`DROP TABLE bench_raw_records`.execute(database.db);
  return elapsed;
}

async function importOnce(database: Database, file: string, n: number, into: 'empty' | 'full' = 'empty'): Promise<number> {
  if (into === 'empty') await emptyRecords(database);
  const records = createRecordsService({ database });
  const t0 = performance.now();
  const summary = await records.importRecords(systemContext('bench'), { fileName: file, format: 'csv', source: createReadStream(file, { highWaterMark: 256 * 1024 }) });
  const elapsed = performance.now() - t0;
  if (summary.rows !== n) throw new Error(`imported ${summary.rows} rows of ${n}`);
  if (process.env.BENCH_VERBOSE) console.log(`  import: ${secs(elapsed)}, ${summary.matchedRows} matched, ${summary.seoRows} SEO, ${summary.unmatchedCount} unmatched suppliers, ${summary.newInstitutions.length} institutions`);
  return elapsed;
}

/**
 * The server's part of a first load: the importer's own output for the file (binary rows, aggregate
 * COPY text), made beforehand, sent as the importer sends it — COPY, the secondary indexes in one
 * statement, the aggregates, commit. What an import would take if Node's pass cost nothing.
 */
async function serverPart(database: Database, file: string, url: string): Promise<{ total: number; parts: number[] }> {
  await emptyRecords(database);
  const p = new RowPipeline(await loadReference(database.db), 1);
  const lines = p.csvLines();
  const rows: Buffer[] = [COPY_BINARY_HEADER];
  for await (const bytes of utf8Chunks(createReadStream(file, { highWaterMark: 256 * 1024 }), { bytes: 0 })) {
    lines.push(bytes);
    const o = p.take();
    if (o) rows.push(o);
  }
  lines.end();
  const last = p.take();
  if (last) rows.push(last);
  rows.push(COPY_BINARY_TRAILER);
  const copies = aggregateCopies(p.aggregates());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const defs = await client.query<{ name: string; def: string }>(`
      SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'procurement_records'::regclass AND NOT i.indisprimary AND NOT i.indisunique ORDER BY c.relname`);
    const t0 = performance.now();
    await client.query('BEGIN');
    for (const d of defs.rows) await client.query(`DROP INDEX ${d.name}`);
    await pipeline(Readable.from(rows), client.query(copyFrom(COPY_SQL)));
    const t1 = performance.now();
    await client.query(defs.rows.map((d) => d.def).join(';\n'));
    const t2 = performance.now();
    for (const c of copies) await pipeline(Readable.from(c.blocks), client.query(copyFrom(c.sql)));
    const t3 = performance.now();
    await client.query('COMMIT');
    const t4 = performance.now();
    return { total: t4 - t0, parts: [t1 - t0, t2 - t1, t3 - t2, t4 - t3] };
  } finally {
    await client.end();
  }
}

function line(name: string, product: Timing, raw: Timing, scan: Timing, limit: number): string {
  return (
    `  ${name.padEnd(62)} p50 ${ms(product.p50).padStart(9)} p95 ${ms(product.p95).padStart(9)}` +
    `  raw p95 ${ms(raw.p95).padStart(9)}  scan p95 ${ms(scan.p95).padStart(10)}  target ≤ ${limit} ms ${verdict(product.p95 <= limit)}`
  );
}

async function dashboards(label: string, database: Database, n: number, url?: string): Promise<void> {
  // The whole-table scans take seconds at 3.2M rows: a few runs are enough to show the gap.
  const scanRuns = n > 1_000_000 ? 3 : 10;
  const sample = await sql<{ year: number; institution_id: string }>`
    SELECT year, institution_id FROM procurement_agg_month GROUP BY 1, 2 ORDER BY sum(records) DESC LIMIT 1`.execute(database.db);
  const s = sample.rows[0]!;
  const queries = dashboardQueries(database.db, { year: s.year, institutionId: s.institution_id });
  const pool = url ? new pg.Pool({ connectionString: url, max: 2 }) : undefined;
  const rawRun = async (q: { sql: string; params: unknown[] }) => (pool ? pool.query(q.sql, q.params) : database.pglite!.query(q.sql, q.params));
  try {
    for (const q of queries) {
      const product = await time(RUNS, () => q.run(), 20);
      const raw = await time(RUNS, () => rawRun(q.raw), 20);
      const scan = await time(scanRuns, () => rawRun(q.scan), 1);
      const limit = q.kind === 'drill-down' ? (url ? 15 : 120) : url ? 30 : 120;
      console.log(line(`${label} ${q.kind === 'drill-down' ? 'drill-down' : 'dashboard'}: ${q.name}`, product, raw, scan, limit));
    }
  } finally {
    await pool?.end();
  }
}

async function benchEngine(label: 'postgres' | 'pglite', n: number, file: string): Promise<void> {
  let database: Database;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  const dataDir = `/tmp/sehub-bench-procurement-pglite-${process.pid}`;
  if (label === 'postgres') {
    const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const name = `sehub_bench_procurement_${process.pid}_${n}`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    await admin.end();
    server.pathname = `/${name}`;
    url = server.toString();
    database = await openDatabase({ databaseUrl: url });
    drop = async () => {
      const a = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    database = await openDatabase({ dataDir });
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    await migrate(database);
    await seedSuppliers(database);
    if (url && n <= 320_000) {
      // The floor of the import itself: the server's part alone (its output made beforehand), median of 3;
      // before the imports, which empty the tables again.
      const parts: { total: number; parts: number[]; floor: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const floor = await floorCopy(database, file, url);
        parts.push({ ...(await serverPart(database, file, url)), floor });
      }
      parts.sort((a, b) => a.total / a.floor - b.total / b.floor);
      const m = parts[1]!;
      console.log(
        `${label} server part alone ${n.toLocaleString('en-US')} rows`.padEnd(40) +
          ` ${secs(m.total).padStart(8)} = COPY ${secs(m.parts[0]!)} + indexes ${secs(m.parts[1]!)} + aggregates ${secs(m.parts[2]!)} + commit ${secs(m.parts[3]!)}` +
          `   floor ${secs(m.floor)}   ratio ${(m.total / m.floor).toFixed(2)}× (the importer's rows made beforehand: an import whose Node pass cost nothing; runs ${parts.map((x) => `${(x.total / x.floor).toFixed(2)}×`).join(', ')})`,
      );
    }
    const floors: number[] = [];
    const runs: number[] = [];
    // PostgreSQL: three imports, each after its own floor, and the medians (runs on this kind of machine vary by
    // a fifth or more, the floor as much as the import); PGlite at 3.2M once (a run takes a minute).
    const times = label === 'postgres' || n <= 320_000 ? 3 : 1;
    for (let i = 0; i < times; i++) {
      floors.push(await floorCopy(database, file, url));
      runs.push(await importOnce(database, file, n));
    }
    const floor = median(floors);
    const run = median(runs);
    const rate = (t: number) => ((n / t) * 1000).toFixed(0);
    console.log(
      `${label} import ${n.toLocaleString('en-US')} rows`.padEnd(40) +
        ` ${secs(run).padStart(8)} ${rate(run).padStart(8)} rows/s   floor raw COPY ${secs(floor)} ${rate(floor)} rows/s   ratio ${(run / floor).toFixed(2)}× (≤ ${LIMIT}×) ${verdict(run / floor <= LIMIT)}` +
        (times > 1 ? `   [runs ${runs.map(secs).join(', ')}; floors ${floors.map(secs).join(', ')}]` : ''),
    );
    // What autovacuum does soon after a bulk load (the insert threshold): statistics for the planner and
    // the visibility map.
    const v0 = performance.now();
    await sql`VACUUM (ANALYZE) procurement_records`.execute(database.db);
    await sql`ANALYZE procurement_agg_month, procurement_agg_item, procurement_agg_method, procurement_agg_supplier`.execute(database.db);
    console.log(`  (VACUUM ANALYZE after the import, as autovacuum would: ${secs(performance.now() - v0)})`);
    await dashboards(`${label} ${n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`}`, database, n, url);
    if (n <= 320_000) {
      const again = await importOnce(database, file, n, 'full');
      console.log(
        `${label} import ${n.toLocaleString('en-US')} rows more`.padEnd(40) +
          ` ${secs(again).padStart(8)} ${rate(again).padStart(8)} rows/s   into a table of ${n.toLocaleString('en-US')} records (indexes kept up)   ratio ${(again / floor).toFixed(2)}× the floor`,
      );
    }
  } finally {
    await database.close();
    await drop?.();
  }
}

console.log(`sehub procurement benchmark — sizes ${SIZES.join(', ')}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
for (const n of SIZES) {
  const file = `/tmp/sehub-bench-procurement-${n}.csv`;
  if (!existsSync(file)) {
    const t0 = performance.now();
    // The directory's SEO suppliers are the bench's own (seedSuppliers names them the same way each time).
    const seo: SeoSupplier[] = Array.from({ length: SEO_ORGS }, (_, i) => ({
      name: `${['', '(주)', '사회적협동조합 '][i % 3]}벤치공익상회${i + 1}`,
      businessRegNo: withBusinessRegCheckDigit(`77${String(i).padStart(7, '0')}`),
    }));
    await writeRecordsCsv(file, { rows: n, seed: 2013, seoSuppliers: seo });
    console.log(`generated ${file} (${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB) in ${secs(performance.now() - t0)}`);
  }
  if (process.env.BENCH_ENGINE !== 'pglite') await benchEngine('postgres', n, file);
  if (process.env.BENCH_ENGINE !== 'postgres') await benchEngine('pglite', n, file);
}
console.log(`\nload average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
