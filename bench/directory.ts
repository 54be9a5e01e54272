/**
 * bench/directory: 50,000 generated organisations (the 2013 distribution, scaled), then
 *  - search: 200 queries (2- and 3-syllable fragments, 2- and 3-letter 초성, with filters, deep pages),
 *    through the HTTP route with its facet counts, against the same SQL run bare;
 *  - map: all of Seoul at zoom 11 and one district at zooms 14 and 16, against the bare supercluster call.
 * On PGlite, and on PostgreSQL (a throw-away database) when DATABASE_URL is set.
 * Import throughput is not measured yet: the importer is not built (see the directory issue).
 */
import { sql } from 'kysely';
import Supercluster from 'supercluster';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoDirectory } from '../src/demo/index.ts';
import { prng } from '../src/demo/directory.ts';
import { bigrams, initialsOf, normalizeForSearch } from '../src/kernel/hangul.ts';
import { MemoryMailer } from '../src/kernel/mail.ts';
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
  const pieces = bigrams(m.q);
  const like = `%${m.q}%`;
  const where = sql`search_grams @> ${sql.val(pieces)}::text[] AND ${col} LIKE ${like}`;
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

async function run(label: string, database: Database) {
  await migrate(database);
  const t0 = performance.now();
  await seedDemoDirectory(database.db, { total: N });
  console.log(`${label}: generated and inserted ${N} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await sql`ANALYZE organizations`.execute(database.db);
  const app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), mailer: new MemoryMailer(), logger: false });
  await app.ready();

  const names = (await sql<{ name: string }>`SELECT name FROM organizations ORDER BY id LIMIT 5000`.execute(database.db)).rows.map((r) => r.name);
  const mix = queryMix(names);
  const search = await time(mix.length, (i) => app.inject({ method: 'GET', url: mix[i]!.url }), 20);
  const floor = await time(mix.length, (i) => rawSearch(database, mix[i]!), 20);
  report(`${label}: search + facets (${QUERIES} queries)`, search, floor);

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
  await app.close();
}

console.log(`sehub directory benchmark — ${N} organisations\n`);
await onEachEngine('directory', run);
