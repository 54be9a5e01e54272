import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp } from '../../../test/helpers.ts';
import { seedDemoDirectory } from '../../demo/index.ts';
import { ANONYMOUS } from '../../kernel/context.ts';
import { readTable } from '../../kernel/tabular.ts';
import { insightsChapter } from './index.ts';
import type { DistributionTable, LocationQuotientTable, SurvivalReport } from './model.ts';

/** The 2013 report's table and survival figures (seed:3230-3258, 3273-3277), copied into the repository. */
const EXPECTED: {
  columns: string[];
  rows: ({ district: string; sigungu_code: string | null } & Record<string, number>)[];
  survival: { type_ko: string; designated: number; operating: number; operating_rate_pct: number; share_of_total_pct: number; share_of_operating_pct: number }[];
} = JSON.parse(readFileSync(new URL('./fixtures/org-distribution-2013.json', import.meta.url), 'utf8'));

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

describeEngines('insights statistics on the 2013 demo directory', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemoDirectory(t.database.db);
  });
  afterAll(() => t.close());

  it('reproduces the report\'s district × type table cell for cell as of 2013-12-31, 경기도 row and 1,871 included', async () => {
    const res = await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31&basis=registered');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<DistributionTable>();
    expect(d.columns.map((c) => c.key)).toEqual(EXPECTED.columns);
    expect(d.columns.map((c) => c.label.ko)).toEqual(['인증', '서울형', '지역형', '사회적기업', '마을기업', '협동조합', '자활기업', '전체']);
    expect(d.rows).toHaveLength(EXPECTED.rows.length);
    for (const e of EXPECTED.rows) {
      const row = e.sigungu_code ? d.rows.find((r) => r.kind === 'district' && r.code === e.sigungu_code) : d.rows.find((r) => r.kind === 'region' && r.label.ko === e.district);
      expect(row, e.district).toBeDefined();
      expect(row!.label.ko).toBe(e.district);
      expect(row!.cells, e.district).toEqual(Object.fromEntries(EXPECTED.columns.map((c) => [c, e[c]])));
    }
    // the report lists the districts in 가나다 order, then 경기도
    expect(d.rows.map((r) => r.label.ko)).toEqual(EXPECTED.rows.map((r) => r.district));
    expect(d.totals).toEqual({ se_certified: 219, se_seoul_pre: 323, se_regional_pre: 114, se_subtotal: 656, village: 111, coop: 933, self_sufficiency: 171, total: 1871 });
    expect(d.seoulMean.total).toBeCloseTo(1870 / 25, 10); // the report's 평균 row: Seoul's 25 districts only
  });

  it('counts only organisations existing at the date, each under the type it then held', async () => {
    const operating = (await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31')).json<DistributionTable>();
    expect(operating.basis).toBe('operating');
    // 232 designations ended by then (656 − 424, the survival table)
    expect(operating.totals).toMatchObject({ se_certified: 212, se_seoul_pre: 112, se_regional_pre: 100, se_subtotal: 424, coop: 933, total: 1871 - 232 });
    // Cooperatives exist from the Framework Act (2012-12-01) on
    const before = (await t.client().get('/api/v1/insights/distribution?asOf=2012-11-30&basis=registered')).json<DistributionTable>();
    expect(before.totals.coop).toBe(0);
    expect(before.totals.total).toBeLessThan(1871 - 933);
    // certified organisations that were pre-certified first count as pre-certified before their certification
    const early = (await t.client().get('/api/v1/insights/distribution?asOf=2011-06-30&basis=registered')).json<DistributionTable>();
    const later = (await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31&basis=registered')).json<DistributionTable>();
    expect(early.totals.se_certified).toBeLessThan(later.totals.se_certified!);
    // by industry: the same organisations in the 13 map-legend industries; a type filter narrows them
    const byIndustry = (await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31&dimension=industry')).json<DistributionTable>();
    expect(byIndustry.columns.map((c) => c.key)).toEqual(['living', 'culture_leisure', 'health_welfare', 'food_cafe', 'education', 'finance', 'retail', 'publishing_media', 'environment', 'construction_facilities', 'manufacturing', 'admin_intermediary', 'other', 'total']);
    expect(byIndustry.totals.total).toBe(operating.totals.total);
    for (const r of byIndustry.rows) expect(r.cells.total).toBe(operating.rows.find((x) => x.label.ko === r.label.ko)!.cells.total);
    const coopsByIndustry = (await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31&dimension=industry&type=cooperative')).json<DistributionTable>();
    expect(coopsByIndustry.totals.total).toBe(933);
    const growth = (await t.client().get('/api/v1/insights/growth?from=2007&to=2013')).json<{ years: { year: number; registeredAtYearEnd: number; operatingAtYearEnd: number; certified: number; closed: number; cancelled: number }[] }>();
    const y2013 = growth.years.find((y) => y.year === 2013)!;
    expect([y2013.registeredAtYearEnd, y2013.operatingAtYearEnd]).toEqual([1871, 1871 - 232]);
    expect(growth.years.reduce((a, y) => a + y.certified, 0)).toBe(219);
    expect(growth.years.reduce((a, y) => a + y.closed + y.cancelled, 0)).toBe(232);
  });

  it('reproduces the survival table (323/112, 219/212, 114/100 → 64.6 %) as of 2013-12-31', async () => {
    const s = (await t.client().get('/api/v1/insights/survival?asOf=2013-12-31')).json<SurvivalReport>();
    expect(s.cohorts.map((c) => c.label.ko)).toEqual(EXPECTED.survival.slice(0, 3).map((r) => r.type_ko));
    for (const [i, c] of [...s.cohorts, s.total].entries()) {
      const e = EXPECTED.survival[i]!;
      expect([c.designated, c.operating], e.type_ko).toEqual([e.designated, e.operating]);
      expect([round1(c.operatingRate), round1(c.shareOfDesignated), round1(c.shareOfOperating)], e.type_ko).toEqual([e.operating_rate_pct, e.share_of_total_pct, e.share_of_operating_pct]);
    }
    expect(round1(s.total.operatingRate)).toBe(64.6);
    const total = s.curves.find((c) => c.cohort === 'total')!;
    expect(total.steps[0]).toMatchObject({ month: 0, atRisk: 656, survival: 1 });
    expect(total.steps.reduce((a, x) => a + x.events, 0)).toBe(232);
    expect(total.steps.reduce((a, x) => a + x.censored, 0)).toBe(424);
    expect(total.steps.at(-1)!.survival).toBeGreaterThan(0);
  });

  it('computes location quotients by the formula, flags ≥ 1.2 and shows the formula', async () => {
    const l = (await t.client().get('/api/v1/insights/location-quotients?asOf=2013-12-31')).json<LocationQuotientTable>();
    expect(l.formula.text).toBe('LQ(d, i) = (n(d,i) / n(d)) ÷ (n(i) / n)');
    expect(l.rows).toHaveLength(25);
    expect(l.industries).toHaveLength(13);
    // the operating organisations of the 25 districts (the one outside Seoul left out)
    const d = (await t.client().get('/api/v1/insights/distribution?asOf=2013-12-31')).json<DistributionTable>();
    expect(l.total).toBe(d.rows.filter((r) => r.kind === 'district').reduce((a, r) => a + r.cells.total!, 0));
    expect(l.rows.map((r) => r.count)).toEqual(d.rows.filter((r) => r.kind === 'district').map((r) => r.cells.total));
    let high = 0;
    for (const r of l.rows) {
      for (const c of r.cells) {
        const ni = l.industries.find((i) => i.key === c.industry)!.count;
        expect(c.lq).toBeCloseTo(c.count / r.count / (ni / l.total), 12);
        expect(c.high).toBe(c.lq! >= 1.2);
        if (c.high) high++;
      }
    }
    expect(high).toBeGreaterThan(0);
  });

  it('downloads every table as CSV and XLSX with the numbers of the JSON', async () => {
    const cases = [
      ['/api/v1/insights/distribution?asOf=2013-12-31&basis=registered', 'distribution'],
      ['/api/v1/insights/survival?asOf=2013-12-31', 'survival'],
      ['/api/v1/insights/location-quotients?asOf=2013-12-31', 'lq'],
    ] as const;
    for (const [url, kind] of cases) {
      const json = (await t.client().get(url)).json();
      for (const format of ['csv', 'xlsx'] as const) {
        const res = await t.client().get(`${url}&format=${format}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="insights-.*\\.${format}"`));
        const table = await readTable(res.rawPayload, format);
        const num = (s: string) => (s === '' ? null : Number(s));
        if (kind === 'distribution') {
          const d = json as DistributionTable;
          expect(table.headers.slice(2)).toEqual(d.columns.map((c) => `${c.label.ko} (${c.label.en})`));
          expect(table.rows.slice(0, d.rows.length).map((r) => [r[1], ...r.slice(2).map(num)])).toEqual(d.rows.map((r) => [r.label.ko, ...d.columns.map((c) => r.cells[c.key])]));
          expect(table.rows[d.rows.length]!.slice(2).map(num)).toEqual(d.columns.map((c) => d.totals[c.key]));
        } else if (kind === 'survival') {
          const s = json as SurvivalReport;
          expect(table.rows.map((r) => [r[0], num(r[1]!), num(r[3]!), num(r[5]!)])).toEqual([...s.cohorts, s.total].map((c) => [c.label.ko, c.designated, c.operating, c.operatingRate]));
        } else {
          const l = json as LocationQuotientTable;
          expect(table.rows.map((r) => r.slice(3).map(num))).toEqual(l.rows.map((r) => r.cells.map((c) => c.lq)));
        }
      }
    }
  });

  it('refuses bad parameters with field messages in Korean and English, and unknown types', async () => {
    for (const [url, path] of [
      ['/api/v1/insights/distribution?asOf=2013-13-45', 'query.asOf'],
      ['/api/v1/insights/distribution?dimension=district', 'query.dimension'],
      ['/api/v1/insights/distribution?basis=everything', 'query.basis'],
      ['/api/v1/insights/distribution?type=charity', 'query.type'],
      ['/api/v1/insights/location-quotients?format=pdf', 'query.format'],
      ['/api/v1/insights/survival?type=charity', 'query.type'],
      ['/api/v1/insights/growth?from=2013&to=2010', 'query.to'],
      ['/api/v1/insights/growth?from=soon', 'query.from'],
    ] as const) {
      const body = expectProblem(await t.client().get(url), 400, 'validation');
      const e = body.errors?.find((x) => x.path === path);
      expect(e, `${url} → ${JSON.stringify(body.errors)}`).toBeDefined();
      expect(e!.messages.ko).toMatch(/[가-힣]/);
      expect(e!.messages.en).toMatch(/[a-z]/i);
    }
  });

  it('gives the annual report a chapter; headline figures only for readers who may see them', async () => {
    const publicChapter = await insightsChapter({ actor: ANONYMOUS, requestId: 't', locale: 'ko', db: t.database.db }, 2013);
    expect(publicChapter.title).toContain('2013');
    expect(publicChapter.tables.map((x) => x.caption)).toHaveLength(4);
    const dist = publicChapter.tables[0]!;
    expect(dist.rows.find((r) => r[0] === '계')!.at(-1)).toBe(1871);
    const surv = publicChapter.tables[2]!;
    expect(surv.rows.at(-1)!.slice(0, 6)).toEqual(['전체', 656, 100, 424, 100, 64.6]);
    expect(publicChapter.notes.join(' ')).toContain('직원에게만');
    const staffChapter = await insightsChapter({ actor: { kind: 'system', name: 'report' }, requestId: 't', locale: 'ko', db: t.database.db }, 2013);
    expect(staffChapter.tables).toHaveLength(5);
    expect(staffChapter.tables[4]!.rows.map((r) => [r[0], r[3]])).toEqual([
      ['네트워크 조직 수', 878],
      ['신규 참여자 수', 2818],
      ['행사 개최 수', 326],
      ['보고서 발간 수', 29],
    ]);
  });
});
