import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { DEMO_ACCOUNTS, removeDemoDirectory, seedDemo } from './index.ts';
import { DISTRIBUTION, DISTRIBUTION_TOTAL, generateOrganizations, pointInPolygon } from './directory.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import type { MultiPolygon, Polygon } from 'geojson';

describeEngines('demo data', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('reproduces the 2013 distribution by district and type, inside each district, and can be removed', async () => {
    const accounts = await seedDemo(database);
    expect(accounts!.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(await seedDemo(database)).toBeUndefined(); // only into an empty database

    const counts = await sql<{ district_code: string; type_key: string; n: number }>`
      SELECT district_code, type_key, count(*)::int AS n FROM organizations WHERE is_demo GROUP BY 1, 2`.execute(database.db);
    const got = new Map(counts.rows.map((r) => [`${r.district_code}/${r.type_key}`, r.n]));
    for (const row of DISTRIBUTION.rows) {
      expect(got.get(`${row.sigungu_code}/social_enterprise`) ?? 0).toBe(row.se_certified + row.se_seoul_pre + row.se_regional_pre);
      expect(got.get(`${row.sigungu_code}/cooperative`) ?? 0).toBe(row.coop);
      expect(got.get(`${row.sigungu_code}/village_enterprise`) ?? 0).toBe(row.village);
      expect(got.get(`${row.sigungu_code}/self_sufficiency`) ?? 0).toBe(row.self_sufficiency);
    }
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(DISTRIBUTION_TOTAL);
    expect(DISTRIBUTION_TOTAL).toBe(1871); // with the one organisation registered in 경기도 (no Seoul district)

    const directory = createDirectoryService(database.db);
    const gangnam = (await directory.boundaryOf('11680')) as Polygon | MultiPolygon;
    const points = await sql<{ lat: number; lon: number }>`SELECT lat, lon FROM organizations WHERE district_code = '11680'`.execute(database.db);
    expect(points.rows.length).toBeGreaterThan(100);
    for (const p of points.rows) expect(pointInPolygon(p.lon, p.lat, gangnam)).toBe(true);

    expect(await removeDemoDirectory(database.db)).toBe(DISTRIBUTION_TOTAL);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('generates the same rows for the same seed and scales to any size exactly', async () => {
    const directory = createDirectoryService(database.db);
    const polygons = new Map<string, Polygon | MultiPolygon>();
    for (const r of DISTRIBUTION.rows) if (r.sigungu_code) polygons.set(r.sigungu_code, (await directory.boundaryOf(r.sigungu_code))!);
    const a = generateOrganizations((c) => polygons.get(c), { total: 500, seed: 7 });
    const b = generateOrganizations((c) => polygons.get(c), { total: 500, seed: 7 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(500);
    expect(new Set(a.map((o) => o.name)).size).toBe(500);
    expect(new Set(a.map((o) => o.businessRegNo)).size).toBe(500);
  });
});
