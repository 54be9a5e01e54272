import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { systemContext } from '../kernel/context.ts';
import { createCatalogueService } from '../modules/procurement/index.ts';
import { COMPANIES_2013, FIRMS_2013, generateOfferings, removeDemoCatalogue, seedDemoCatalogue } from './catalogue.ts';
import { seedDemoDirectory } from './index.ts';

describeEngines('demo catalogue', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedDemoDirectory(database.db);
  });
  afterAll(() => database.close());

  it('offers the products and services of 565 demo social economy firms, by category in the 2013 proportions, quickly, and can be removed', async () => {
    const started = performance.now();
    const n = await seedDemoCatalogue(database.db);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(5000); // 0.3–0.6 s of listing and one INSERT; measured 0.8–1.9 s on a busy shared machine
    expect(n).toBeGreaterThan(FIRMS_2013);
    const firms = await sql<{ category_code: string; n: number; wrong: number }>`
      SELECT f.category_code, count(DISTINCT f.organization_id)::int AS n,
             count(*) FILTER (WHERE NOT o.is_demo OR o.type_key NOT IN ('cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'))::int AS wrong
      FROM procurement_offerings f JOIN organizations o ON o.id = f.organization_id GROUP BY 1`.execute(database.db);
    const byCategory = Object.fromEntries(firms.rows.map((r) => [r.category_code, r.n]));
    expect(firms.rows.reduce((a, r) => a + r.n, 0)).toBe(FIRMS_2013);
    expect(firms.rows.every((r) => r.wrong === 0)).toBe(true);
    // 교육/상담 had the most companies (165 of 1,054), 전산소모품 the fewest (4).
    const total = Object.values(COMPANIES_2013).reduce((a, b) => a + b, 0);
    for (const [code, companies] of Object.entries(COMPANIES_2013)) expect(Math.abs(byCategory[code]! - (companies * FIRMS_2013) / total), code).toBeLessThan(1);

    const catalogue = createCatalogueService(database.db);
    const ctx = systemContext('test');
    expect((await catalogue.search(ctx, { q: '책상', status: 'active', page: 1, pageSize: 5 })).total).toBeGreaterThan(0);
    expect((await catalogue.match(ctx, { category: 'cleaning', limit: 5 })).suggestions).toHaveLength(5);

    // The same generator gives the same catalogue.
    const orgs = [{ id: '00000000-0000-4000-8000-000000000001', type: 'cooperative', industry: 'living', district: '11110' }];
    expect(generateOfferings(orgs, { firms: 1 })).toEqual(generateOfferings(orgs, { firms: 1 }));

    expect(await removeDemoCatalogue(database.db)).toBe(n);
  });
});
