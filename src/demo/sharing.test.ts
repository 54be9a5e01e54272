import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { systemContext } from '../kernel/context.ts';
import { createSharingService } from '../modules/sharing/index.ts';
import { seedDemoDirectory } from './index.ts';
import { removeDemoSharing, seedDemoSharing, SURVEY_2013 } from './sharing.ts';

describeEngines('demo sharing network', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedDemoDirectory(database.db);
  });
  afterAll(() => database.close());

  it('offers the 2013 survey’s 550 resources by district and category, from demo organisations of those districts, and can be removed', async () => {
    const n = await seedDemoSharing(database.db);
    expect(n.resources).toBe(550);
    const sharing = createSharingService({ db: database.db });
    const ctx = systemContext('test');
    for (const row of SURVEY_2013) {
      const page = await sharing.search(ctx, { district: [row.code], status: 'available', page: 1, pageSize: 1 });
      expect(page.total, row.district).toBe(row.space + row.equipment + row.talent_people + row.problem_solving);
      const byCategory = Object.fromEntries(page.facets.category.map((f) => [f.key, f.count]));
      expect(byCategory.space ?? 0).toBe(row.space);
      expect(byCategory.equipment ?? 0).toBe(row.equipment);
      expect(byCategory.talent_people ?? 0).toBe(row.talent_people);
      expect(byCategory.problem_solving ?? 0).toBe(row.problem_solving);
    }
    // Owners sit in the resource's district; the demo organisations there number at most the survey's.
    const owners = await sql<{ district_code: string; n: number; wrong: number }>`
      SELECT r.district_code, count(DISTINCT r.organization_id)::int AS n, count(*) FILTER (WHERE o.district_code <> r.district_code OR NOT o.is_demo)::int AS wrong
      FROM sharing_resources r JOIN organizations o ON o.id = r.organization_id GROUP BY 1`.execute(database.db);
    for (const o of owners.rows) {
      expect(o.wrong).toBe(0);
      expect(o.n).toBeLessThanOrEqual(SURVEY_2013.find((s) => s.code === o.district_code)!.organisations);
    }
    // Searching in Korean finds them.
    expect((await sharing.search(ctx, { q: '회의실', status: 'available', page: 1, pageSize: 5 })).total).toBeGreaterThan(0);
    const linkages = await sharing.linkages(ctx, { year: 2013, by: 'district' });
    expect(linkages.total.linkages).toBe(n.requests);
    expect(n.requests).toBeGreaterThan(5);

    expect(await removeDemoSharing(database.db)).toBe(550);
    expect((await sharing.linkages(ctx, { year: 2013, by: 'category' })).total.linkages).toBe(0);
  });
});
