/**
 * bench/directory: 50,000 generated organisations (the 2013 distribution, scaled), then
 *  - search: 200 queries (2- and 3-syllable fragments, 2- and 3-letter 초성, with filters, deep pages),
 *    through the HTTP route with its facet counts, against the same SQL run bare;
 *  - map: all of Seoul at zoom 11 and one district at zooms 14 and 16, against the bare supercluster call.
 *  - import: the 50,000 organisations exported as CSV (the import layout, Korean headers), then imported
 *    over HTTP by a staff user into an emptied table — parsing, validation, district from address,
 *    duplicate checks, one transaction, audit — against a raw COPY of the same file into a table of
 *    text columns.
 * On PGlite, and on PostgreSQL (a throw-away database) when DATABASE_URL is set.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import Supercluster from 'supercluster';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoDirectory } from '../src/demo/index.ts';
import { prng } from '../src/demo/directory.ts';
import { gramCodes, initialsOf, normalizeForSearch } from '../src/kernel/hangul.ts';
import { MemoryMailer } from '../src/kernel/mail.ts';
import { systemContext } from '../src/kernel/context.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../src/modules/identity/index.ts';
import { buildApp } from '../src/server/app.ts';
import { onEachEngine, report, time } from './lib.ts';

const N = Number(process.env.BENCH_ORGS ?? 50_000);
const QUERIES = 200;

function queryMix(names: string[]): { url: string; q: string; initials: boolean; type?: string; district?: string; page: number }[] {
  const r = prng(42);
  const out = [];
  const types = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];
  const districts = ['11680', '11440', '11200', '11110', '11380', '11350'];
  for (let i = 0; i < QUERIES; i++) {
    const name = normalizeForSearch(r.pick(names).split(' ')[0]!);
    const kind = i % 4;
    let q: string;
    if (kind < 2) {
      const len = kind === 0 ? 2 : 3;
      const start = r.int(0, Math.max(0, name.length - len));
      q = [...name].slice(start, start + len).join('');
    } else {
      const ini = initialsOf(name);
      const len = kind === 2 ? 2 : 3;
      const start = r.int(0, Math.max(0, ini.length - len));
      q = [...ini].slice(start, start + len).join('');
    }
    const withType = i % 3 === 0 ? r.pick(types) : undefined;
    const withDistrict = i % 5 === 0 ? r.pick(districts) : undefined;
    const page = i % 10 === 0 ? r.int(5, 30) : 1;
    const params = new URLSearchParams({ q, page: String(page), pageSize: '20' });
    if (withType) params.set('type', withType);
    if (withDistrict) params.set('district', withDistrict);
    out.push({ url: `/api/v1/organizations?${params}`, q, initials: kind >= 2, type: withType, district: withDistrict, page });
  }
  return out;
}

async function rawSearch(database: Database, m: ReturnType<typeof queryMix>[number]) {
  const col = sql.ref(m.initials ? 'search_initials' : 'search_text');
  const pieces = gramCodes(m.q);
  const like = `%${m.q}%`;
  const where = sql`search_grams @> ${sql.val(pieces)}::int4[] AND ${col} LIKE ${like}`;
  const type = m.type ? sql` AND type_key = ${m.type}` : sql``;
  const district = m.district ? sql` AND district_code = ${m.district}` : sql``;
  const db = database.db;
  await sql`SELECT * FROM organizations WHERE ${where}${type}${district}
    ORDER BY ${col} LIKE ${`${m.q}%`} DESC, strpos(${col}, ${m.q}), length(name), name, id LIMIT 20 OFFSET ${(m.page - 1) * 20}`.execute(db);
  // The same statements the service needs, run bare and one after the other: totals and the open facets in
  // one GROUPING SETS scan, and a facet of its own for each dimension the filter narrows.
  const open = [...(m.type ? [] : ['type_key']), 'industry_key', ...(m.district ? [] : ['district_code'])];
  const sets = sql.join([...open.map((c) => sql`(${sql.ref(c)})`), sql`()`]);
  await sql`SELECT ${sql.join(open.map((c) => sql`${sql.ref(c)}, grouping(${sql.ref(c)})`))}, count(*) FROM organizations
    WHERE ${where}${type}${district} GROUP BY GROUPING SETS (${sets})`.execute(db);
  if (m.type) await sql`SELECT type_key, count(*) FROM organizations WHERE ${where}${district} AND type_key IS NOT NULL GROUP BY type_key`.execute(db);
  if (m.district) await sql`SELECT district_code, count(*) FROM organizations WHERE ${where}${type} AND district_code IS NOT NULL GROUP BY district_code`.execute(db);
}

async function run(label: string, database: Database, url?: string) {
  await migrate(database);
  const t0 = performance.now();
  await seedDemoDirectory(database.db, { total: N });
  console.log(`${label}: generated and inserted ${N} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await sql`ANALYZE organizations`.execute(database.db);
  const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), mailer: new MemoryMailer(), logger: false });
  await app.ready();

  const only = process.env.BENCH_ONLY; // search | map | import: one section, while working on it
  if (!only || only === 'search') {
  const names = (await sql<{ name: string }>`SELECT name FROM organizations ORDER BY id LIMIT 5000`.execute(database.db)).rows.map((r) => r.name);
  const mix = queryMix(names);
  const search = await time(mix.length, (i) => app.inject({ method: 'GET', url: mix[i]!.url }), 20);
  const floor = await time(mix.length, (i) => rawSearch(database, mix[i]!), 20);
  report(`${label}: search + facets (${QUERIES} queries)`, search, floor);
  }
  if (!only || only === 'map') {

  const views = [
    { name: 'all of Seoul, zoom 11', bbox: [126.76, 37.41, 127.19, 37.72] as [number, number, number, number], zoom: 11 },
    { name: 'Mapo-gu, zoom 14', bbox: [126.88, 37.53, 126.97, 37.59] as [number, number, number, number], zoom: 14 },
    { name: 'Mapo-gu, zoom 16', bbox: [126.9, 37.55, 126.93, 37.57] as [number, number, number, number], zoom: 16 },
  ];
  const points = (await sql<{ lat: number; lon: number }>`SELECT lat, lon FROM organizations WHERE lat IS NOT NULL`.execute(database.db)).rows;
  const raw = new Supercluster({ radius: 60, maxZoom: 17 }).load(points.map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] }, properties: {} })));
  for (const v of views) {
    const url = `/api/v1/organizations/map?bbox=${v.bbox.join(',')}&zoom=${v.zoom}`;
    const endpoint = await time(300, () => app.inject({ method: 'GET', url }));
    const bare = await time(300, async () => raw.getClusters(v.bbox, v.zoom));
    report(`${label}: map, ${v.name}`, endpoint, { ...bare, p50: Math.max(bare.p50, 0.001) });
  }
  }
  if (!only || only === 'import') await importBench(label, database, url, app);
  await app.close();
}

/** A raw COPY of the CSV into a table of text columns: what the engine alone needs to take the rows in. */
async function rawCopy(database: Database, url: string | undefined, csv: string, columns: number): Promise<void> {
  const cols = Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ');
  await sql`DROP TABLE IF EXISTS bench_copy`.execute(database.db);
  await sql.raw(`CREATE TABLE bench_copy (${cols})`).execute(database.db);
  if (database.pglite) {
    await database.pglite.query(`COPY bench_copy FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: new Blob([csv]) });
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await pipeline(Readable.from([csv]), client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    } finally {
      await client.end();
    }
  }
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_copy`.execute(database.db);
  if (n.rows[0]!.n !== N) throw new Error(`raw COPY took ${n.rows[0]!.n} rows, expected ${N}`);
  await sql`DROP TABLE bench_copy`.execute(database.db);
}

async function importBench(label: string, database: Database, url: string | undefined, app: Awaited<ReturnType<typeof buildApp>>) {
  const identity = createIdentityService(database.db, new MemoryMailer(), DEFAULT_IDENTITY_CONFIG);
  const password = 'bench-password-1';
  const email = `staff-${Date.now()}@bench.sehub.kr`;
  await identity.createUser(systemContext('bench'), { email, displayName: '벤치 직원', role: 'staff', locale: 'ko', password });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = login.cookies.find((c) => c.name === 'sehub_session')!;
  const session = login.json<{ csrfToken: string }>();
  const headers = { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': session.csrfToken };

  let t0 = performance.now();
  const exported = await app.inject({ method: 'GET', url: '/api/v1/organizations/export?format=csv' });
  const csv = exported.body;
  const exportMs = performance.now() - t0;
  const columns = Papa.parse<string[]>(csv.slice(0, csv.indexOf('\n')).replace(/^\uFEFF/, '')).data[0]!.length;
  console.log(`${label}: export ${N} organisations as CSV (${(csv.length / 1024 / 1024).toFixed(1)} MiB) in ${(exportMs / 1000).toFixed(2)} s — ${(N / exportMs * 1000).toFixed(0)} rows/s`);

  const runs: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sql`TRUNCATE organizations CASCADE`.execute(database.db);
    t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/directory/imports?filename=bench.csv', headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }, payload: csv });
    runs.push(performance.now() - t0);
    if (process.env.BENCH_VERBOSE) console.log(`  import run ${i + 1}: ${(runs[i]! / 1000).toFixed(2)} s`);
    const body = res.json<{ created: number; duplicates: unknown[] }>();
    if (res.statusCode !== 200 || body.created !== N) throw new Error(`import answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    t0 = performance.now();
    await rawCopy(database, url, csv, columns);
    floors.push(performance.now() - t0);
  }
  // And once more over the full table: every row is a duplicate, so this is validation plus the duplicate check alone.
  t0 = performance.now();
  const again = await app.inject({ method: 'POST', url: '/api/v1/directory/imports?filename=bench.csv', headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }, payload: csv });
  const againMs = performance.now() - t0;
  const againBody = again.json<{ created: number; duplicates: unknown[] }>();
  if (againBody.created !== 0 || againBody.duplicates.length !== N) throw new Error(`second import created ${againBody.created}, skipped ${againBody.duplicates.length}`);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rate = (msTaken: number) => (N / msTaken) * 1000;
  console.log(
    `${label}: import ${N}-row CSV (median of 3)`.padEnd(44) +
      ` ${(median(runs) / 1000).toFixed(2)} s  ${rate(median(runs)).toFixed(0).padStart(6)} rows/s` +
      `   floor raw COPY ${(median(floors) / 1000).toFixed(2)} s ${rate(median(floors)).toFixed(0)} rows/s  ratio ${(median(runs) / median(floors)).toFixed(1)}×`,
  );
  console.log(`${label}: re-import of the same file (all ${N} skipped as duplicates)`.padEnd(44) + ` ${(againMs / 1000).toFixed(2)} s  ${rate(againMs).toFixed(0).padStart(6)} rows/s`);
}

console.log(`sehub directory benchmark — ${N} organisations\n`);
await onEachEngine('directory', run);
