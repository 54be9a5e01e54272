import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { ANONYMOUS, systemContext, type RequestContext } from '../kernel/context.ts';
import { createAnalyticsService, roundAs } from '../modules/procurement/analytics/service.ts';
import { seedDemoDirectory } from './index.ts';
import { DEMO_PRIVATE_INSTITUTIONS, seedDemoProcurement } from './procurement.ts';

// The 2013 report's table (seed:1724-1727), typed in again here rather than read from the module, so
// that a slip in either copy shows.
const PRINTED: [string, number, number][] = [
  ['복사용지', 3106, 49],
  ['사무용품', 2739, 25],
  ['화장지', 1383, 39],
  ['세제', 71, 10],
  ['식품', 2872, 27],
  ['인쇄', 5369, 13],
  ['간병', 2114, 24],
  ['실내건축', 5155, 0.1],
  ['행사·공연', 3221, 9],
  ['청소', 3740, 10],
];

describeEngines('demo procurement 2013', (engine) => {
  let database: TestDatabase;
  const anonymous: RequestContext = { actor: ANONYMOUS, requestId: 'test', locale: 'ko' };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedDemoDirectory(database.db);
    const n = await seedDemoProcurement(database);
    expect(n).toBeGreaterThanOrEqual(15_000);
    expect(n).toBeLessThanOrEqual(25_000);
  }, 180_000);
  afterAll(() => database?.close());

  it('the 10 priority items come out as printed: SEO purchases to the won, shares to the printed precision, 실내건축’s 0.1 % flagged', async () => {
    const p = await createAnalyticsService(database.db).priorityItems(anonymous, { year: 2013 });
    expect(p.rows.map((r) => [r.label.ko, r.seoAmount / 1_000_000, roundAs(r.share!, r.printed!.share)])).toEqual(PRINTED);
    for (const r of p.rows) expect(r.difference).toEqual({ seoAmount: 0, share: 0 });
    expect(p.rows.find((r) => r.itemCode === 'interior')!.anomalies).toEqual(['T03']);
    expect(p.total.seoAmount).toBe(29_770_000_000);
    expect(p.total.printed).toEqual({ seoAmount: 29_768_000_000, share: 21, sumOfItems: 29_770_000_000 });
    expect(p.headline.seoAmountAll).toBe(58_000_000_000);
    expect(p.anomalies.map((a) => a.id)).toEqual(['T02', 'T03', 'T04']);
    // Each number drills down to its records (as the centre's staff see them: every institution).
    const analytics = createAnalyticsService(database.db);
    for (const r of p.rows) {
      const page = await analytics.records(systemContext('test'), { year: 2013, itemCode: r.itemCode, seo: true, page: 1, pageSize: 1 });
      expect(page.sum, r.itemCode).toBe(r.seoAmount);
      expect(page.items[0]!.supplier.businessRegNo).toMatch(/^\d{10}$/);
    }
  });

  it('580억 from SEOs against the 500억 target: achievement 116 %, about 1 % of all purchases; private institutions merged for visitors', async () => {
    const analytics = createAnalyticsService(database.db);
    const s = await analytics.summary(anonymous, { year: 2013 });
    expect(s.seo.amount).toBe(58_000_000_000);
    expect(s.target).toEqual({ amount: 50_000_000_000, achievement: 116 });
    expect(Math.round(s.seo.share! * 10) / 10).toBe(1);
    expect(s.years).toEqual([2013]);
    const rows = (await analytics.byInstitution(anonymous, { year: 2013 })).rows;
    expect(rows.filter((r) => r.institutionId === null).map((r) => r.name.ko)).toEqual(['비공개 기관 2곳']);
    const staffRows = (await analytics.byInstitution(systemContext('test'), { year: 2013 })).rows;
    expect(staffRows.map((r) => r.name.ko)).toEqual(expect.arrayContaining([...DEMO_PRIVATE_INSTITUTIONS, '서울특별시', '강동구청']));
    expect(staffRows.length).toBeGreaterThanOrEqual(40);
    const targets = (await analytics.targets(anonymous, { year: 2013 })).rows;
    expect(targets.length).toBeGreaterThanOrEqual(5);
    // Every SEO supplier row carries the organisation's registration number.
    const missing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_records WHERE seo AND supplier_reg_no IS NULL`.execute(database.db);
    expect(missing.rows[0]!.n).toBe(0);
  });
});
