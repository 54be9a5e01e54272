import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { demoProgramYear, removeDemoPrograms, seedDemoPrograms } from '../../demo/programs.ts';
import type { OverviewRow, RollupGroup, RollupMean } from './model.ts';

/**
 * The seed's summary table (summary.json summary_table_rows, seed:123-163) as printed: code,
 * 교부액, 집행율, 추진율. 3-3's 교부액 is printed "139,25,140"; the seed reads 139,225,140 from the
 * section (seed:2817). 5-6 is two rows, imported as 5-6-1 and 5-6-2.
 */
const PRINTED: [code: string, granted: number | null, execution: number | null, achievement: number | null][] = [
  ['1-1', 336_075_370, 93.2, 144],
  ['1-2', 6_962_500, 87.7, 100],
  ['1-3', 87_240_700, 98.3, 185],
  ['1-4', 178_800_850, 99.9, 100],
  ['2-1', 20_070_000, 79.9, 100],
  ['2-2', 92_257_700, 96.2, 100],
  ['2-3', 37_060_000, 54.5, 100],
  ['2-4', 183_150_000, 57.0, 75.0],
  ['3-1', 89_984_160, 63.7, 96.6],
  ['3-2', null, null, 106],
  ['3-3', 139_225_140, 99.9, 153],
  ['4-1', 110_029_200, 95.0, 420],
  ['4-2', 138_921_700, 96.1, null],
  ['5-1', 357_593_800, 95.3, 107],
  ['5-2', 168_041_000, 97.3, 92],
  ['5-3', 792_323_000, 76.6, 192],
  ['5-4', 479_726_940, 94.3, 130],
  ['5-5', 1_998_758_640, 97.1, 100],
  ['5-6-1', 20_000_000, 100, 169],
  ['5-6-2', 102_000_000, 84.3, 100],
];

// Printed averages and totals (summary.json headline and budget_breakdown, seed:94,124-125,149,162-163).
const AVG_ACHIEVEMENT = 135.2;
const AVG_EXECUTION = 90.1;
const BASIC = { amount: 1_431_037_320, execution: 88.0, achievement: 139.9 };
const ADDITIONAL = { amount: 3_918_443_380, execution: 92.1, achievement: 127.1 };
const TOTAL_BUDGET = 6_340_171_770;
const PERSONNEL = 714_909_390;
const UNLABELLED = 275_781_680;
// summary.json anomalies S01 and S02: area 1 is 11,260,000 above its rows; area 3 repeats area 4's subtotal (rows: 229,209,300).
const AREA_1_GAP = 11_260_000;
const AREA_3_ROWS = 229_209_300;
const AREA_3_PRINTED = 248_950_900;

const mean = (list: RollupMean[], method: RollupMean['method'], of?: RollupMean['of']) => list.find((m) => m.method === method && m.of === of)!;

describeEngines('the 2013 demo year', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  let overview: OverviewRow[];
  let rollups: { total: RollupGroup; byGroup: RollupGroup[]; byArea: RollupGroup[] };
  let notes: { code: string | null }[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    const report = await seedDemoPrograms(t.database.db);
    expect(report).toMatchObject({ dryRun: false, errors: [] });
    const year = await staff.get('/api/v1/program-years/2013');
    expect(year.statusCode, year.body).toBe(200);
    ({ overview, rollups, notes } = year.json());
  });
  afterAll(() => t.close());

  it('has the 20 rows of the summary table, with its 교부액 exactly and its 추진율 as printed', () => {
    expect(overview.map((r) => r.code)).toEqual(PRINTED.map(([code]) => code));
    for (const [code, granted, , achievement] of PRINTED) {
      const row = overview.find((r) => r.code === code)!;
      expect(row.money.granted, code).toBe(granted);
      expect(row.achievement.reported, code).toBe(achievement);
      if (achievement !== null) expect(row.achievement, code).toMatchObject({ value: achievement, rule: 'stated', difference: 0 });
    }
    // 4-2: the summary prints "—"; its KPIs give a rate (3/3, 7/7, 5/5), which the year's means leave out as the report did.
    const r42 = overview.find((r) => r.code === '4-2')!;
    expect(r42.achievement).toMatchObject({ value: 100, rule: 'kpi_mean', reported: null });
    expect(r42.excludedFromMeans?.achievement).toContain('A032');
  });

  it('derives each 집행율 from spent ÷ granted within 0.1 of the printed figure, and shows the difference', () => {
    for (const [code, , execution] of PRINTED) {
      const row = overview.find((r) => r.code === code)!;
      expect(row.execution.reported, code).toBe(execution);
      if (execution === null) {
        expect(row.execution.value, code).toBeNull();
        continue;
      }
      expect(Math.abs(row.execution.value! - execution), code).toBeLessThan(0.1);
      expect(row.execution.difference, code).toBeCloseTo(row.execution.value! - execution, 10);
    }
    // e.g. 1-2: 6,111,550 ÷ 6,962,500 = 87.78 % where the report truncates to 87.7.
    const r12 = overview.find((r) => r.code === '1-2')!;
    expect(r12.execution.rule).toBe('spent_over_granted');
    expect(r12.execution.difference).toBeGreaterThan(0.05);
    expect(r12.execution.explanation.ko).toBe('집행액 6,111,550원 ÷ 교부액 6,962,500원 × 100 = 87.78%');
    // Where the report prints no spent amount, its rate is the programme's stated rate, and says so.
    expect(overview.find((r) => r.code === '2-2')!.execution).toMatchObject({ rule: 'stated', value: 96.2, difference: 0 });
  });

  it('reproduces the printed averages where the programmes do', () => {
    const total = mean(rollups.total.achievement, 'simple');
    expect(total.reported).toBe(AVG_ACHIEVEMENT);
    expect(total.reproduces).toBe(true);
    expect(total.programCodes).toHaveLength(19);
    const basic = rollups.byGroup.find((g) => g.key === 'group:basic')!;
    const additional = rollups.byGroup.find((g) => g.key === 'group:additional')!;
    expect(mean(basic.achievement, 'simple')).toMatchObject({ reported: BASIC.achievement, reproduces: true });
    expect(mean(additional.achievement, 'simple')).toMatchObject({ reported: ADDITIONAL.achievement, reproduces: true });
    expect(mean(additional.execution, 'simple')).toMatchObject({ reported: ADDITIONAL.execution, reproduces: true });
    // The printed 90.1 is a mean of the two groups' means; computed from the programmes it
    // reproduces with each group's budget-weighted mean, not with the simple ones.
    expect(mean(rollups.total.execution, 'mean_of_group_means', 'budget_weighted')).toMatchObject({ reported: AVG_EXECUTION, reproduces: true });
    expect(mean(rollups.total.execution, 'mean_of_group_means', 'simple')).toMatchObject({ reported: AVG_EXECUTION, reproduces: false });
    expect(mean(rollups.total.execution, 'simple').reproduces).toBe(false);
  });

  it('marks the basic programmes\' 88.0 % as not reproduced by any method, with the computed figures', () => {
    const basic = rollups.byGroup.find((g) => g.key === 'group:basic')!;
    expect(basic.execution.length).toBeGreaterThanOrEqual(3);
    for (const m of basic.execution) {
      expect(m.reported, m.method).toBe(BASIC.execution);
      expect(m.reproduces, m.method).toBe(false);
      expect(m.value, m.method).not.toBeNull();
      expect(m.formula.ko).toMatch(/\d/);
    }
  });

  it('shows where the printed totals differ from the rows, and the year\'s notes explain why', () => {
    const basic = rollups.byGroup.find((g) => g.key === 'group:basic')!;
    const additional = rollups.byGroup.find((g) => g.key === 'group:additional')!;
    expect(additional).toMatchObject({ grantedReported: ADDITIONAL.amount, grantedDifference: 0 });
    expect(basic).toMatchObject({ grantedReported: BASIC.amount, grantedDifference: -AREA_1_GAP });
    expect(rollups.byArea.find((a) => a.key === 'area:area-1')!.grantedDifference).toBe(-AREA_1_GAP);
    expect(rollups.byArea.find((a) => a.key === 'area:area-3')).toMatchObject({ grantedReported: AREA_3_PRINTED, grantedDifference: AREA_3_ROWS - AREA_3_PRINTED });
    // The grand total also holds personnel and operating costs, which are no programme.
    expect(rollups.total.grantedReported).toBe(TOTAL_BUDGET);
    expect(rollups.total.grantedDifference).toBe(-(PERSONNEL + UNLABELLED + AREA_1_GAP));
    expect(rollups.byGroup.find((g) => g.key === 'group:personnel')).toMatchObject({ programCount: 0, grantedReported: PERSONNEL });
    const codes = notes.map((n) => n.code);
    for (const c of ['S01', 'S02', 'S08', 'A001', 'A032']) expect(codes).toContain(c);
    expect(codes.filter((c) => c?.startsWith('A'))).toHaveLength(50);
    expect(codes.filter((c) => c?.startsWith('S'))).toHaveLength(8);
  });

  it('counts the report\'s 23 programmes and carries every section into the programme pages', async () => {
    const years = (await staff.get('/api/v1/program-years')).json().items;
    expect(years).toEqual([expect.objectContaining({ year: 2013, title: '2013 성과보고서', programCount: 23, isDemo: true })]);
    const list = (await staff.get('/api/v1/programs?year=2013')).json().items as { code: string; programId: string }[];
    expect(list).toHaveLength(29);
    const hub = (await staff.get(`/api/v1/programs/${list.find((p) => p.code === '1-3')!.programId}`)).json();
    expect(hub.lines.filter((l: { level: number }) => l.level === 1)).toHaveLength(12);
    expect(hub.lineTotals).toMatchObject({ differenceSpent: 0 });
    const policy = (await staff.get(`/api/v1/programs/${list.find((p) => p.code === '4-1')!.programId}`)).json();
    expect(policy.achievement).toMatchObject({ rule: 'stated', value: 420 });
    expect(policy.kpiMean).toBeNull();
    const online = (await staff.get(`/api/v1/programs/${list.find((p) => p.code === '3-3')!.programId}`)).json();
    // The stated 153 % and the KPI mean (237 % in the seed's own recomputation, A049) are both there.
    expect(online.achievement.value).toBe(153);
    expect(online.kpiMean).toBeGreaterThan(153);
    const report = (await staff.get('/api/v1/program-years/2013')).json();
    expect(report.programs.map((p: { code: string }) => p.code).slice(0, 3)).toEqual(['1-1', '1-1a', '1-1b']);
  });

  it('imports the same document twice to the same year, and exports what it imported', async () => {
    const first = (await staff.get('/api/v1/program-years/2013/export?format=json')).json();
    const again = await staff.post('/api/v1/program-years/2013/import', demoProgramYear());
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ dryRun: false, programs: 29, kpis: 74, lines: 104, errors: [] });
    const second = await staff.get('/api/v1/program-years/2013/export?format=json');
    expect(second.headers['content-disposition']).toContain('sehub-programs-2013.json');
    expect(second.json()).toEqual(first);
    // The export is itself an importable document: the round trip changes nothing.
    const round = await staff.post('/api/v1/program-years/2013/import', first);
    expect(round.statusCode, round.body).toBe(200);
    expect((await staff.get('/api/v1/program-years/2013/export')).json()).toEqual(first);
    expect((await staff.get('/api/v1/programs?year=2013')).json().items).toHaveLength(29);
  });

  it('is removed with the other demo data, unless staff imported over it', async () => {
    // The staff imports above made the year the centre's own data: demo removal leaves it alone.
    expect(await removeDemoPrograms(t.database.db)).toBe(0);
    expect((await staff.get('/api/v1/program-years')).json().items).toEqual([expect.objectContaining({ year: 2013, isDemo: false })]);
    await seedDemoPrograms(t.database.db);
    expect(await removeDemoPrograms(t.database.db)).toBe(1);
    expect((await staff.get('/api/v1/program-years')).json().items).toEqual([]);
    expect((await staff.get('/api/v1/programs')).json().items).toEqual([]);
  });
});
