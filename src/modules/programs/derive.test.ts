import { describe, expect, it } from 'vitest';
import { buildRollups, executionRate, kpiRate, moneyFigures, programmeAchievement, reportOrder } from './derive.ts';
import type { DerivedRate, OverviewRow, RollupMean } from './model.ts';

describe('KPI achievement rate', () => {
  it('is result ÷ target × 100 and says so with the figures', () => {
    const r = kpiRate({ kind: 'quantity', target: 9, result: 11, rateReported: 144 });
    expect(r.rule).toBe('ratio');
    expect(r.value).toBeCloseTo(122.222, 3);
    expect(r.explanation.ko).toBe('실적 11 ÷ 목표 9 × 100 = 122.22%');
    expect(r.explanation.en).toBe('result 11 ÷ target 9 × 100 = 122.22 %');
    // The printed rate stays apart, with the difference.
    expect(r.reported).toBe(144);
    expect(r.difference).toBeCloseTo(-21.778, 3);
  });

  it('may exceed 100 %', () => {
    expect(kpiRate({ kind: 'quantity', target: 50, result: 511 }).value).toBeCloseTo(1022, 6);
  });

  it('gives no rate for a target of 0, and says why', () => {
    const r = kpiRate({ kind: 'quantity', target: 0, result: 5 });
    expect(r).toMatchObject({ value: null, rule: 'none', difference: null });
    expect(r.explanation.ko).toContain('목표가 0');
    expect(r.explanation.en).toContain('target is 0');
  });

  it('gives no rate when the target or the result is missing', () => {
    const noTarget = kpiRate({ kind: 'quantity', target: null, result: 3 });
    expect(noTarget).toMatchObject({ value: null, rule: 'none' });
    expect(noTarget.explanation.en).toContain('no numeric target');
    const noResult = kpiRate({ kind: 'quantity', target: 1500, result: null, rateReported: 80 });
    expect(noResult).toMatchObject({ value: null, rule: 'none', reported: 80, difference: null });
    expect(noResult.explanation.ko).toContain('실적 수치가 없어');
    expect(noResult.explanation.ko).toContain('1,500');
  });

  it('counts a deliverable as done 100, not done 0, unknown none', () => {
    expect(kpiRate({ kind: 'deliverable', done: true })).toMatchObject({ value: 100, rule: 'deliverable' });
    expect(kpiRate({ kind: 'deliverable', done: false })).toMatchObject({ value: 0, rule: 'deliverable' });
    expect(kpiRate({ kind: 'deliverable', done: null })).toMatchObject({ value: null, rule: 'none' });
  });
});

describe('programme achievement rate', () => {
  const rates = [kpiRate({ kind: 'quantity', target: 15, result: 17 }), kpiRate({ kind: 'quantity', target: 20, result: 22 }), kpiRate({ kind: 'deliverable', done: null })];

  it('is the mean of the KPI rates that exist, naming the ones left out', () => {
    const { achievement, kpiMean } = programmeAchievement({}, rates);
    expect(achievement.rule).toBe('kpi_mean');
    expect(achievement.value).toBeCloseTo((113.333 + 110) / 2, 2);
    expect(kpiMean).toBe(achievement.value);
    expect(achievement.explanation.ko).toBe('KPI 2개 추진율의 평균: (113.33 + 110) ÷ 2 = 111.67% (추진율을 구할 수 없는 KPI 1개 제외)');
  });

  it('follows a stated rule over the KPI mean, keeping both to show', () => {
    const { achievement, kpiMean } = programmeAchievement({ achievementStated: 420, achievementStatedNote: '총괄표 기재', achievementReported: 420 }, rates);
    expect(achievement).toMatchObject({ value: 420, rule: 'stated', reported: 420, difference: 0 });
    expect(achievement.explanation.ko).toContain('총괄표 기재');
    expect(achievement.explanation.ko).toContain('KPI 추진율 평균은 111.67%');
    expect(kpiMean).toBeCloseTo(111.667, 2);
  });

  it('is none without KPI rates or a rule', () => {
    expect(programmeAchievement({}, []).achievement).toMatchObject({ value: null, rule: 'none' });
    expect(programmeAchievement({}, [kpiRate({ kind: 'deliverable' })])).toMatchObject({ achievement: { value: null, rule: 'none' }, kpiMean: null });
  });
});

describe('money and execution', () => {
  it('derives returned = granted − spent, apart from the recorded returned and interest', () => {
    expect(moneyFigures({ budget: 9_846_940, granted: 6_962_500, spent: 6_111_550, returned: 850_950, interest: 12 })).toEqual({
      budget: 9_846_940,
      granted: 6_962_500,
      spent: 6_111_550,
      returned: 850_950,
      returnedExpected: 850_950,
      interest: 12,
    });
    expect(moneyFigures({ granted: 20_311_700, spent: 18_900_000, returned: 1_100_000 }).returnedExpected).toBe(1_411_700);
    expect(moneyFigures({ granted: 100, spent: null }).returnedExpected).toBeNull();
  });

  it('is spent ÷ granted, naming both amounts', () => {
    const r = executionRate({ budget: 9_846_940, granted: 6_962_500, spent: 6_111_550, executionReported: 87.7 });
    expect(r.rule).toBe('spent_over_granted');
    expect(r.value).toBeCloseTo(87.778, 3); // 6,111,550 ÷ 6,962,500 = 0.877781
    expect(r.explanation.ko).toBe('집행액 6,111,550원 ÷ 교부액 6,962,500원 × 100 = 87.78%');
    expect(r.difference).toBeCloseTo(0.078, 3);
  });

  it('is spent ÷ budget when nothing was granted, and may exceed 100 %', () => {
    const r = executionRate({ budget: 1_000_000, granted: 0, spent: 1_250_000 });
    expect(r).toMatchObject({ rule: 'spent_over_budget', value: 125 });
    expect(r.explanation.ko).toContain('교부액이 0원이라 예산액 기준');
    expect(executionRate({ budget: 200, spent: 50 })).toMatchObject({ rule: 'spent_over_budget', value: 25 });
  });

  it('uses a stated rate only while spent is unknown', () => {
    expect(executionRate({ granted: 92_257_700, executionStated: 96.2, executionStatedNote: '집행액 미기재' })).toMatchObject({ rule: 'stated', value: 96.2 });
    expect(executionRate({ granted: 100, spent: 50, executionStated: 96.2, executionStatedNote: 'x' })).toMatchObject({ rule: 'spent_over_granted', value: 50 });
    expect(executionRate({ granted: 100 })).toMatchObject({ rule: 'none', value: null });
    expect(executionRate({ spent: 100 })).toMatchObject({ rule: 'none', value: null });
  });
});

// ——— rollups on a small year, computed by hand ———

const rate = (value: number | null): DerivedRate => ({ value, rule: value === null ? 'none' : 'stated', explanation: { ko: '', en: '' }, reported: null, difference: null });
function row(code: string, group: string, area: string, granted: number | null, spent: number | null, achievement: number | null, execution: number | null, exclude?: string): OverviewRow {
  return {
    programId: code,
    code,
    name: code,
    area,
    budgetGroup: group,
    goal: '',
    targets: '',
    results: '',
    money: { budget: null, granted, spent, returned: null, returnedExpected: null, interest: null },
    execution: rate(execution),
    achievement: rate(achievement),
    counted: true,
    children: [],
    excludedFromMeans: { achievement: exclude ?? null, execution: null },
  };
}

describe('year rollups', () => {
  // basic: A (100 granted, achv 100, exec 80), B (300, achv 200, exec 90), C (no grant, achv 150, no exec), X (200, achv 60 left out, exec 50)
  // additional: D (600, achv 120, exec 100)
  const rows = [
    row('A', 'basic', 'a1', 100, 80, 100, 80),
    row('B', 'basic', 'a1', 300, 270, 200, 90),
    row('C', 'basic', 'a2', null, null, 150, null),
    row('X', 'basic', 'a2', 200, 100, 60, 50, '원 보고서 평균에서 제외'),
    row('D', 'additional', 'a3', 600, 600, 120, 100),
  ];
  const labels = {
    groups: [
      { key: 'basic', label: { ko: '기본사업', en: 'Basic' } },
      { key: 'additional', label: { ko: '추가 위탁사업', en: 'Additional' } },
      { key: 'personnel', label: { ko: '인건비', en: 'Personnel' } },
    ],
    areas: [
      { code: 'a1', label: { ko: '분야 1', en: 'Area 1' } },
      { code: 'a2', label: { ko: '분야 2', en: 'Area 2' } },
      { code: 'a3', label: { ko: '분야 3', en: 'Area 3' } },
    ],
  };
  const reported = new Map<string, number>([
    ['achievement.total', 142.5],
    ['execution.group:basic', 88.0],
    ['granted.total', 1_300],
    ['granted.group:personnel', 500],
  ]);
  const r = buildRollups(rows, labels, reported);
  const m = (list: RollupMean[], method: string, of?: string) => list.find((x) => x.method === method && x.of === of)!;

  it('takes the simple mean over the rows with a rate, leaving out excluded ones', () => {
    const s = m(r.total.achievement, 'simple');
    expect(s.value).toBeCloseTo((100 + 200 + 150 + 120) / 4, 10); // 142.5
    expect(s.programCodes).toEqual(['A', 'B', 'C', 'D']);
    expect(s.formula.ko).toContain('제외: X');
    expect(s).toMatchObject({ reported: 142.5, reproduces: true });
    expect(s.difference).toBeCloseTo(0, 10);
    // X's execution is not excluded: it counts there.
    expect(m(r.total.execution, 'simple').value).toBeCloseTo((80 + 90 + 50 + 100) / 4, 10); // 80
  });

  it('weights by the granted amount over rows that have one', () => {
    const w = m(r.total.achievement, 'budget_weighted');
    expect(w.value).toBeCloseTo((100 * 100 + 300 * 200 + 600 * 120) / 1000, 10); // 142
    expect(w.programCodes).toEqual(['A', 'B', 'D']);
    expect(m(r.total.execution, 'budget_weighted').value).toBeCloseTo((100 * 80 + 300 * 90 + 200 * 50 + 600 * 100) / 1200, 10); // 87.5
  });

  it('divides total spent by total granted over rows with both', () => {
    const sg = m(r.total.execution, 'spent_over_granted');
    expect(sg.value).toBeCloseTo(((80 + 270 + 100 + 600) / 1200) * 100, 10); // 87.5
    expect(sg.programCodes).toEqual(['A', 'B', 'X', 'D']);
  });

  it('averages the group means for the total, of simple and of weighted means', () => {
    // basic simple achievement = (100 + 200 + 150) / 3 = 150; additional = 120 → 135
    expect(m(r.total.achievement, 'mean_of_group_means', 'simple').value).toBeCloseTo(135, 10);
    // basic weighted achievement = (100·100 + 300·200) / 400 = 175; additional 120 → 147.5
    expect(m(r.total.achievement, 'mean_of_group_means', 'budget_weighted').value).toBeCloseTo(147.5, 10);
    // basic simple execution = (80 + 90 + 50) / 3 = 73.33; additional 100 → 86.67
    expect(m(r.total.execution, 'mean_of_group_means', 'simple').value).toBeCloseTo((220 / 3 + 100) / 2, 10);
  });

  it('compares each group with its printed figure and sums its money', () => {
    const basic = r.byGroup.find((g) => g.key === 'group:basic')!;
    expect(basic.programCount).toBe(4);
    expect(basic.money).toEqual({ budget: 0, granted: 600, spent: 450, returned: 0, interest: 0 });
    const exec = m(basic.execution, 'simple');
    expect(exec.value).toBeCloseTo(220 / 3, 10);
    expect(exec).toMatchObject({ reported: 88, reproduces: false });
    expect(r.total.money.granted).toBe(1_200);
    expect(r.total).toMatchObject({ grantedReported: 1_300, grantedDifference: -100 });
    // A group with a printed figure and no programme is still shown, so the total's gap is explained.
    expect(r.byGroup.map((g) => g.key)).toEqual(['group:basic', 'group:additional', 'group:personnel']);
    expect(r.byGroup[2]).toMatchObject({ programCount: 0, grantedReported: 500, grantedDifference: -500 });
    expect(r.byArea.map((a) => [a.key, a.programCount, a.money.granted])).toEqual([
      ['area:a1', 2, 400],
      ['area:a2', 2, 200],
      ['area:a3', 1, 600],
    ]);
  });
});

describe('report order', () => {
  it('puts each overview row before the programmes under it', () => {
    const p = (code: string, parentCode: string | null, tier = 'programme', sort = 0) => ({ code, parentCode, tier, sort });
    const { rows, ordered, descendants } = reportOrder([p('4-1-2', '4-1'), p('2-1', null), p('4-1', null, 'group'), p('4-1-1', '4-1'), p('1-1a', '1-1', 'sub'), p('1-1', null), p('10-1', null)]);
    expect(rows.map((x) => x.code)).toEqual(['1-1', '2-1', '4-1', '10-1']);
    expect(ordered.map((x) => x.code)).toEqual(['1-1', '1-1a', '2-1', '4-1', '4-1-1', '4-1-2', '10-1']);
    expect(descendants.get('4-1')).toEqual(['4-1-1', '4-1-2']);
  });
});
