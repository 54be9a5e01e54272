/**
 * A hand-built annual report for the writers' tests: five programmes shaped like the 2013 ones and
 * chosen to cover what the writers must handle — a stated rate rule, a KPI mean, deliverable KPIs
 * (done and not done), a KPI whose target is 0 and one without a result, a programme with nothing
 * granted or spent, transfers between budget lines, sub-lines, interest, a schedule that runs into
 * the next year with planned and actual months apart, a milestone, and a sub-programme. Rates are
 * derived here with the model's formulas so the figures agree with each other.
 */
import type {
  AnnualReport,
  DerivedRate,
  MoneyFigures,
  OverviewRow,
  ReportBudgetLine,
  ReportKpi,
  ReportProgram,
  RollupGroup,
  RollupMean,
} from '../model.ts';

const diff = (value: number | null, reported: number | null) => (value !== null && reported !== null ? value - reported : null);

function ratio(target: number | null, result: number | null, reported: number | null = null): DerivedRate {
  if (target === null || target === 0 || result === null) {
    const why = target === 0 ? { ko: '목표가 0이라 추진율을 구할 수 없음', en: 'the target is 0, so no rate can be derived' } : target === null ? { ko: '목표 수치가 없어 추진율을 구할 수 없음', en: 'no numeric target' } : { ko: '실적이 기록되지 않아 추진율을 구할 수 없음', en: 'no result recorded' };
    return { value: null, rule: 'none', explanation: why, reported, difference: null };
  }
  const value = (result / target) * 100;
  return { value, rule: 'ratio', explanation: { ko: `실적 ${result} ÷ 목표 ${target} × 100`, en: `result ${result} ÷ target ${target} × 100` }, reported, difference: diff(value, reported) };
}

function deliverable(done: boolean, reported: number | null = null): DerivedRate {
  const value = done ? 100 : 0;
  return { value, rule: 'deliverable', explanation: done ? { ko: '산출물 완료 → 100', en: 'deliverable done → 100' } : { ko: '산출물 미완료 → 0', en: 'deliverable not done → 0' }, reported, difference: diff(value, reported) };
}

function execution(m: MoneyFigures, reported: number | null = null): DerivedRate {
  if (m.spent === null) return { value: null, rule: 'none', explanation: { ko: '집행액이 기록되지 않아 집행율을 구할 수 없음', en: 'no spent amount recorded' }, reported, difference: null };
  if (m.granted) {
    const value = (m.spent / m.granted) * 100;
    return { value, rule: 'spent_over_granted', explanation: { ko: `집행액 ${m.spent.toLocaleString('en-US')} ÷ 교부액 ${m.granted.toLocaleString('en-US')} × 100`, en: 'spent ÷ granted × 100' }, reported, difference: diff(value, reported) };
  }
  if (m.budget) {
    const value = (m.spent / m.budget) * 100;
    return { value, rule: 'spent_over_budget', explanation: { ko: `교부액이 없어 집행액 ÷ 예산액 × 100`, en: 'nothing granted: spent ÷ budget × 100' }, reported, difference: diff(value, reported) };
  }
  return { value: null, rule: 'none', explanation: { ko: '교부액과 예산액이 없어 집행율을 구할 수 없음', en: 'nothing granted or budgeted' }, reported, difference: null };
}

function kpi(id: string, name: string, unit: string | null, target: number | null, result: number | null, reported: number | null = null, extra: Partial<ReportKpi> = {}): ReportKpi {
  return { id, name, unit, kind: 'quantity', target, targetText: null, result, resultText: null, done: null, rate: ratio(target, result, reported), note: null, ...extra };
}

function deliverableKpi(id: string, name: string, unit: string, target: number, done: boolean, reported: number | null = null, extra: Partial<ReportKpi> = {}): ReportKpi {
  return { id, name, unit, kind: 'deliverable', target, targetText: `${target}${unit}`, result: done ? target : 0, resultText: null, done, rate: deliverable(done, reported), note: null, ...extra };
}

function mean(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function kpiMean(kpis: ReportKpi[], reported: number | null): DerivedRate {
  const rates = kpis.map((k) => k.rate.value);
  const value = mean(rates);
  const n = rates.filter((r) => r !== null).length;
  return {
    value,
    rule: value === null ? 'none' : 'kpi_mean',
    explanation: { ko: `지표 ${kpis.length}개 중 추진율이 있는 ${n}개의 평균`, en: `mean of the ${n} KPI rates that can be derived (of ${kpis.length})` },
    reported,
    difference: diff(value, reported),
  };
}

function money(budget: number | null, granted: number | null, spent: number | null, returned: number | null, interest: number | null): MoneyFigures {
  return { budget, granted, spent, returned, returnedExpected: granted !== null && spent !== null ? granted - spent : null, interest };
}

function line(id: string, name: string, category: string | null, m: MoneyFigures, extra: Partial<ReportBudgetLine> = {}): ReportBudgetLine {
  const labels: Record<string, { ko: string; en: string }> = {
    personnel: { ko: '인건비', en: 'personnel' },
    operating: { ko: '운영비', en: 'operating' },
    programme: { ko: '사업비', en: 'programme costs' },
    direct: { ko: '직접경비', en: 'direct costs' },
  };
  return { id, parentId: null, level: 0, name, category, categoryLabel: category ? (labels[category] ?? null) : null, ...m, execution: execution(m), note: null, ...extra };
}

function sumLevel0(lines: ReportBudgetLine[], key: 'budget' | 'spent'): number | null {
  const top = lines.filter((l) => l.level === 0);
  if (!top.length) return null;
  return top.reduce((a, l) => a + (l[key] ?? 0), 0);
}

interface ProgramInput extends Partial<ReportProgram> {
  id: string;
  code: string;
  name: string;
  kpis: ReportKpi[];
  money: MoneyFigures;
}

function program(p: ProgramInput, achievementReported: number | null, executionReported: number | null, stated?: { value: number; why: string }): ReportProgram {
  const mean = kpiMean(p.kpis, achievementReported);
  const achievement: DerivedRate = stated
    ? { value: stated.value, rule: 'stated', explanation: { ko: stated.why, en: 'the programme records its own rate' }, reported: achievementReported, difference: diff(stated.value, achievementReported) }
    : mean;
  const lines = p.lines ?? [];
  const lb = sumLevel0(lines, 'budget');
  const ls = sumLevel0(lines, 'spent');
  return {
    nameEn: null,
    tier: 'programme',
    parentCode: null,
    counted: true,
    area: null,
    budgetGroup: { key: 'basic', label: { ko: '기본사업', en: 'basic programmes' } },
    period: { start: null, end: null, text: null },
    method: '',
    goal: '',
    description: '',
    partners: [],
    responsibleStaff: [],
    transfers: [],
    schedule: [],
    evaluation: { achievements: [], limits: [], nextTasks: [] },
    notes: [],
    source: null,
    version: 1,
    ...p,
    lines,
    achievement,
    kpiMean: mean.value,
    execution: execution(p.money, executionReported),
    lineTotals: {
      budget: lb,
      spent: ls,
      differenceBudget: lb !== null && p.money.granted !== null ? lb - (p.money.granted ?? p.money.budget ?? 0) : null,
      differenceSpent: ls !== null && p.money.spent !== null ? ls - p.money.spent : null,
    },
  };
}

const AREA1 = { code: 'A1', name: '시민사회 협동 촉진을 통한 공유자원 확대', nameEn: 'Shared resources through civic cooperation' };
const AREA2 = { code: 'A2', name: '지속 가능한 생태계 조성', nameEn: 'A sustainable ecosystem' };
const AREA3 = { code: 'A3', name: '사회적경제 주체 형성 및 공감대 확산', nameEn: 'New actors and public understanding' };
const ADDITIONAL = { key: 'additional', label: { ko: '추가위탁사업', en: 'additionally commissioned programmes' } };

const networkLines: ReportBudgetLine[] = [
  line('l-1', '협의회 공동사업 지원금', 'programme', money(240_000_000, 240_000_000, 231_450_000, 8_550_000, null)),
  line('l-1-1', '부문별 협의회 (11개)', 'programme', money(200_000_000, 200_000_000, 193_450_000, 6_550_000, null), { parentId: 'l-1', level: 1 }),
  line('l-1-2', '업종 간담회', 'programme', money(40_000_000, 40_000_000, 38_000_000, 2_000_000, null), { parentId: 'l-1', level: 1 }),
  line('l-2', '정책토론회 운영비', 'operating', money(60_000_000, 60_000_000, 52_272_245, 7_727_755, null)),
  line('l-3', '사업 인건비', 'personnel', money(36_075_370, 36_075_370, 29_500_000, 6_575_370, 120_530), { note: '이자 120,530원은 반납액과 따로 반납' }),
];

export const networkSupport = program(
  {
    id: 'p-network',
    code: '1-1',
    name: '사회적경제 네트워크 지원사업',
    nameEn: 'Sector and industry network support',
    area: AREA1,
    period: { start: '2013-03', end: '2014-02', text: '2013. 3 ~ 2014. 2' },
    method: '공모를 통해 부문·업종 협의회의 공동사업을 선정하고 사업비를 지원',
    goal: '네트워크 확대 및 공동사업 9건',
    description: '부문·업종 협의회의 회원 확대, 공동사업, 정책토론회와 업종 간담회를 지원한다.',
    partners: [
      { name: '서울사회적기업협의회', role: '공동사업 수행기관', organizationId: 'org-1' },
      { name: '서울지역협동조합협의회', role: '공동사업 수행기관', organizationId: null },
    ],
    responsibleStaff: ['김지원', '이협력'],
    kpis: [
      kpi('k-1', '네트워크 공동사업', '건', 9, 13, 144),
      kpi('k-2', '부문별 협의회 회원사 증가', '개', 20, 26, null, { note: '지역 협의회 120개 → 138개' }),
    ],
    money: money(340_000_000, 336_075_370, 313_222_245, 22_853_125, 120_530),
    lines: networkLines,
    transfers: [
      { id: 't-1', date: '2013-09-02', fromLine: '정책토론회 운영비', toLine: '협의회 공동사업 지원금', amount: 12_000_000, reason: '공동사업 선정 수 증가(10 → 12)' },
      { id: 't-2', date: '2013-11-20', fromLine: '사업 인건비', toLine: '정책토론회 운영비', amount: 3_924_630, reason: '자치구 청책토론회 추가 개최' },
    ],
    schedule: [
      { id: 's-1', task: '공동사업 공모 및 선정', planned: ['2013-03', '2013-04'], actual: ['2013-04', '2013-05'], milestone: false, note: null },
      { id: 's-2', task: '공동사업 수행 및 점검', planned: ['2013-05', '2013-06', '2013-07', '2013-08', '2013-09', '2013-10', '2013-11'], actual: ['2013-06', '2013-07', '2013-08', '2013-09', '2013-10', '2013-11', '2013-12'], milestone: false, note: null },
      { id: 's-3', task: '정책토론회', planned: ['2013-06', '2013-09', '2013-12'], actual: [], milestone: false, note: null },
      { id: 's-4', task: '결과 보고 및 정산', planned: ['2014-01', '2014-02'], actual: ['2014-02'], milestone: true, note: '정산 2014. 2. 28.' },
    ],
    evaluation: {
      achievements: ['협의회 회원사 26개 증가', '공동사업 13건 수행'],
      limits: ['사업비가 8월 이후 교부되어 수행 기간이 짧았음'],
      nextTasks: ['협의회 간 상호거래 활성화', '다년도 공동사업 지원 체계'],
    },
    notes: ['추진율 144%는 요약표에 인쇄된 값'],
    source: 'seed:127-128,241-780',
  },
  144,
  93.2,
  { value: 144, why: '요약표의 추진율 144%를 사업 추진율로 정함 (공동사업 13건 ÷ 목표 9건 기준)' },
);

export const agendaForum = program(
  {
    id: 'p-agenda',
    code: '1-1a',
    name: '사회적경제 의제 포럼',
    tier: 'sub',
    parentCode: '1-1',
    counted: false,
    area: AREA1,
    period: { start: '2013-02', end: '2014-02', text: null },
    method: '포럼 조직위원회 구성, 월례 포럼',
    goal: '의제 포럼 6회, 의제 보고서 1식',
    partners: [{ name: '사회적경제 의제 포럼 조직위원회', role: '주관', organizationId: null }],
    responsibleStaff: ['박포럼'],
    kpis: [
      kpi('k-3', '의제 포럼 개최', '회', 6, 8),
      deliverableKpi('k-4', '의제 보고서', '식', 1, true),
      kpi('k-5', '참여 인원', '명', 300, 240, 80),
    ],
    money: money(30_434_930, 30_434_930, 29_826_231, 608_699, null),
    lines: [],
    schedule: [
      { id: 's-5', task: '조직위원회 구성', planned: ['2013-02', '2013-03'], actual: ['2013-02', '2013-03'], milestone: false, note: null },
      { id: 's-6', task: '월례 포럼', planned: ['2013-04', '2013-06', '2013-08', '2013-10', '2013-12'], actual: ['2013-05', '2013-06', '2013-08', '2013-10', '2013-11', '2013-12'], milestone: false, note: null },
      { id: 's-7', task: '의제 보고서 발간', planned: ['2014-01', '2014-02'], actual: ['2014-02'], milestone: true, note: null },
    ],
    evaluation: { achievements: ['포럼 8회, 240명 참여'], limits: [], nextTasks: ['포럼 의제를 정책 제안으로 연결'] },
  },
  null,
  98,
);

export const procurementManual = program(
  {
    id: 'p-manual',
    code: '2-1',
    name: '공공구매 매뉴얼 보급 및 교육 상담',
    area: AREA2,
    period: { start: '2013-02', end: '2014-01', text: '2013. 2 ~ 2014. 1' },
    method: '공공기관용·사회적경제 조직용 매뉴얼 개발, 설명회와 교육',
    goal: '매뉴얼 2식 (사회적경제 조직용, 공공기관용)',
    description: '공공구매 매뉴얼과 카탈로그를 만들어 배포하고 설명회와 교육을 연다.',
    responsibleStaff: ['최구매'],
    kpis: [
      deliverableKpi('k-6', '공공구매 매뉴얼', '식', 2, true, 100),
      kpi('k-7', '설명회 및 교육', '회', 10, 12, 100, { note: '보고서는 목표 달성을 100%로 표기' }),
      deliverableKpi('k-8', '공공구매 카탈로그 개정판', '식', 1, false, null),
    ],
    money: money(20_070_000, 20_070_000, 16_035_930, 4_034_070, null),
    lines: [
      line('l-4', '매뉴얼 제작', 'programme', money(12_000_000, 12_000_000, 11_475_000, 525_000, null)),
      line('l-5', '설명회 운영', 'operating', money(8_070_000, 8_070_000, 4_560_930, 3_509_070, null)),
    ],
    evaluation: { achievements: ['매뉴얼 2식 2,400부 배포'], limits: ['카탈로그 개정판은 2014년으로 미룸'], nextTasks: ['자치구 구매 담당 교육'] },
  },
  100,
  79.9,
);

export const youthInnovators = program(
  {
    id: 'p-youth',
    code: '3-2',
    name: '청년혁신활동가 양성 사업',
    area: AREA3,
    period: { start: '2013-02', end: '2013-12', text: '비계획 사업' },
    method: '서울시 뉴딜일자리 예산으로 27개 기관에서 일자리 경험 제공',
    goal: '청년혁신활동가 60명',
    responsibleStaff: [],
    kpis: [
      kpi('k-9', '청년활동가 선발', '명', 60, 71),
      kpi('k-10', '취업·창업 연계', '명', 0, 29, null, { note: '목표 없이 실적만 기록' }),
      kpi('k-11', '교육·워크숍 시간', '시간', 90, null),
    ],
    money: money(null, null, null, null, null),
    lines: [],
    evaluation: { achievements: [], limits: [], nextTasks: [] },
    notes: ['센터 예산이 아닌 서울시 뉴딜일자리 예산으로 수행: 교부액과 집행액이 없음'],
  },
  106,
  null,
);

const consultingLines: ReportBudgetLine[] = [
  line('l-6', '컨설턴트 인건비', 'personnel', money(150_000_000, 150_000_000, 149_120_000, 880_000, null)),
  line('l-7', '컨설팅 운영비', 'operating', money(57_593_800, 57_593_800, 49_466_891, 8_126_909, null)),
  line('l-8', '컨설팅 사업비', 'programme', money(130_000_000, 130_000_000, 124_600_000, 5_400_000, null)),
  line('l-8-1', '피어컨설팅', 'programme', money(70_000_000, 70_000_000, 68_100_000, 1_900_000, null), { parentId: 'l-8', level: 1 }),
  line('l-8-2', '전문·인증·기초컨설팅', 'programme', money(60_000_000, 60_000_000, 56_500_000, 3_500_000, null), { parentId: 'l-8', level: 1 }),
  line('l-9', 'IT 헬프데스크', 'direct', money(20_000_000, 20_000_000, 17_600_000, 2_400_000, 412_000)),
];

export const seManagement = program(
  {
    id: 'p-consulting',
    code: '5-1',
    name: '(예비)사회적기업 맞춤형 경영지원',
    nameEn: 'Tailored management support for (pre-)certified social enterprises',
    budgetGroup: ADDITIONAL,
    area: null,
    period: { start: '2013-06', end: '2014-01', text: '2013. 6 ~ 2014. 1' },
    method: '피어·전문·인증·기초 컨설팅을 기업별로 배정',
    goal: '피어컨설팅 60개 / 전문컨설팅 20개 / 인증컨설팅 20개 / 기초컨설팅 20개',
    description: '컨설팅 사업 수진기업 88개, 컨설팅 353회, 회계프로그램 지원, IT 헬프데스크',
    partners: [{ name: '한국사회적기업진흥원', role: '컨설팅 기관 협력', organizationId: null }],
    responsibleStaff: ['정경영'],
    kpis: [
      kpi('k-12', '피어컨설팅', '개 기업', 60, 53),
      kpi('k-13', '전문컨설팅', '개 기업', 20, 24),
      kpi('k-14', '인증컨설팅', '개 기업', 20, 26),
      kpi('k-15', '기초컨설팅', '개 기업', 20, 15),
    ],
    money: money(357_593_800, 357_593_800, 340_786_891, 16_806_909, 412_000),
    lines: consultingLines,
    schedule: [
      { id: 's-8', task: '수진기업 모집 및 진단', planned: ['2013-06', '2013-07'], actual: ['2013-06', '2013-07'], milestone: false, note: null },
      { id: 's-9', task: '컨설팅 수행', planned: ['2013-08', '2013-09', '2013-10', '2013-11', '2013-12'], actual: ['2013-08', '2013-09', '2013-10', '2013-11', '2013-12'], milestone: false, note: null },
      { id: 's-10', task: '성과평가 보고서', planned: ['2014-01'], actual: ['2014-01'], milestone: true, note: null },
    ],
    evaluation: { achievements: ['88개 기업 353회 컨설팅'], limits: ['피어컨설팅 모집 미달(53/60)'], nextTasks: ['컨설팅 이후 사후관리'] },
  },
  107,
  95.3,
);

export const fixturePrograms: ReportProgram[] = [networkSupport, agendaForum, procurementManual, youthInnovators, seManagement];

function overviewRow(p: ReportProgram, children: string[] = []): OverviewRow {
  const targets = p.kpis.map((k) => `${k.name} ${k.targetText ?? (k.target !== null ? `${k.target}${k.unit ?? ''}` : '–')}`).join(' / ');
  const results = p.kpis.map((k) => `${k.name} ${k.resultText ?? (k.kind === 'deliverable' ? (k.done ? '완료' : '미완료') : k.result !== null ? `${k.result}${k.unit ?? ''}` : '–')}`).join(' / ');
  return { programId: p.id, code: p.code, name: p.name, area: p.area?.code ?? null, budgetGroup: p.budgetGroup.key, goal: p.goal, targets, results, money: p.money, execution: p.execution, achievement: p.achievement, counted: p.counted, children };
}

export const fixtureOverview: OverviewRow[] = [overviewRow(networkSupport, ['1-1a']), overviewRow(procurementManual), overviewRow(youthInnovators), overviewRow(seManagement)];

function rollupMean(method: RollupMean['method'], rows: OverviewRow[], pick: 'achievement' | 'execution', reported: number | null): RollupMean {
  let value: number | null;
  let formula: { ko: string; en: string };
  const entered = rows.filter((r) => r[pick].value !== null);
  if (method === 'simple') {
    value = mean(entered.map((r) => r[pick].value));
    formula = { ko: `Σ ${pick === 'achievement' ? '추진율' : '집행율'} ÷ n (n = ${entered.length})`, en: `Σ rate ÷ n (n = ${entered.length})` };
  } else if (method === 'budget_weighted') {
    const w = entered.filter((r) => r.money.granted);
    const sw = w.reduce((a, r) => a + r.money.granted!, 0);
    value = sw ? w.reduce((a, r) => a + r.money.granted! * r[pick].value!, 0) / sw : null;
    formula = { ko: `Σ(교부액 × 추진율) ÷ Σ교부액 (n = ${w.length})`, en: `Σ(granted × rate) ÷ Σ granted (n = ${w.length})` };
  } else {
    const w = rows.filter((r) => r.money.granted && r.money.spent !== null);
    const g = w.reduce((a, r) => a + r.money.granted!, 0);
    value = g ? (w.reduce((a, r) => a + r.money.spent!, 0) / g) * 100 : null;
    formula = { ko: 'Σ집행액 ÷ Σ교부액 × 100', en: 'Σ spent ÷ Σ granted × 100' };
  }
  const difference = diff(value, reported);
  const labels: Record<RollupMean['method'], { ko: string; en: string }> = {
    simple: { ko: '단순 평균', en: 'simple mean' },
    budget_weighted: { ko: '교부액 가중 평균', en: 'budget-weighted mean' },
    spent_over_granted: { ko: '집행액 합계 ÷ 교부액 합계', en: 'total spent ÷ total granted' },
    mean_of_group_means: { ko: '구분별 평균의 평균', en: 'mean of group means' },
  };
  return { method, label: labels[method], formula, value, programCodes: (method === 'simple' ? entered : rows).map((r) => r.code), reported, difference, reproduces: difference === null ? null : Math.abs(difference) < 0.1 };
}

function rollup(key: string, label: { ko: string; en: string }, rows: OverviewRow[], reported: { achievement?: number; execution?: number; granted?: number } = {}): RollupGroup {
  const sum = (k: keyof MoneyFigures) => rows.reduce((a, r) => a + (r.money[k] ?? 0), 0);
  const granted = sum('granted');
  return {
    key,
    label,
    programCount: rows.filter((r) => r.counted).length,
    money: { budget: sum('budget'), granted, spent: sum('spent'), returned: sum('returned'), interest: sum('interest') },
    grantedReported: reported.granted ?? null,
    grantedDifference: reported.granted !== undefined ? granted - reported.granted : null,
    achievement: [rollupMean('simple', rows, 'achievement', reported.achievement ?? null), rollupMean('budget_weighted', rows, 'achievement', null)],
    execution: [rollupMean('spent_over_granted', rows, 'execution', reported.execution ?? null), rollupMean('simple', rows, 'execution', null)],
  };
}

const basicRows = fixtureOverview.filter((r) => r.budgetGroup === 'basic');
const additionalRows = fixtureOverview.filter((r) => r.budgetGroup === 'additional');
const simpleTotal = mean(fixtureOverview.map((r) => r.achievement.value))!;

const byGroup = [
  rollup('group:basic', { ko: '기본사업', en: 'basic programmes' }, basicRows, { achievement: 139.9, execution: 88.0 }),
  rollup('group:additional', ADDITIONAL.label, additionalRows, { achievement: 127.1, execution: 92.1 }),
];
const total = rollup('total', { ko: '총계', en: 'total' }, fixtureOverview, { achievement: Math.round(simpleTotal * 10) / 10, execution: 90.1, granted: 713_739_170 });
// the total also as the mean of the two groups' simple means, as the 2013 report's basic/additional split invites
const groupMeans = byGroup.map((g) => g.achievement[0]!.value!);
const meanOfGroups = groupMeans.reduce((a, b) => a + b, 0) / groupMeans.length;
total.achievement.push({
  method: 'mean_of_group_means',
  label: { ko: '예산 구분별 단순 평균의 평균', en: 'mean of the groups’ simple means' },
  formula: { ko: `(${groupMeans.map((v) => v.toFixed(2)).join(' + ')}) ÷ ${groupMeans.length}`, en: 'mean of group means' },
  value: meanOfGroups,
  programCodes: fixtureOverview.map((r) => r.code),
  reported: null,
  difference: null,
  reproduces: null,
});

export const fixtureReport: AnnualReport = {
  year: 2013,
  title: '2013 사회적경제지원센터 성과보고서',
  organisationName: '서울특별시 사회적경제지원센터',
  generatedAt: '2025-03-04T01:30:00.000Z',
  months: ['2013-01', '2013-02', '2013-03', '2013-04', '2013-05', '2013-06', '2013-07', '2013-08', '2013-09', '2013-10', '2013-11', '2013-12', '2014-01', '2014-02'],
  areas: [
    { ...AREA1, budgetGroup: 'basic' },
    { ...AREA2, budgetGroup: 'basic' },
    { ...AREA3, budgetGroup: 'basic' },
  ],
  overview: fixtureOverview,
  rollups: {
    // the total's simple mean is given as the source printed it (rounded), so it reproduces; its execution does not
    total,
    byGroup,
    byArea: [
      rollup('area:A1', { ko: AREA1.name, en: AREA1.nameEn }, basicRows.filter((r) => r.area === 'A1'), { granted: 347_335_370 }),
      rollup('area:A2', { ko: AREA2.name, en: AREA2.nameEn }, basicRows.filter((r) => r.area === 'A2')),
      rollup('area:A3', { ko: AREA3.name, en: AREA3.nameEn }, basicRows.filter((r) => r.area === 'A3')),
    ],
  },
  programs: fixturePrograms,
  notes: [
    { code: 'S02', kind: 'copy_error', scope: '분야 3 소계', text: '분야 3 소계가 분야 4 소계와 같은 248,950,900원으로 인쇄됨; 행의 합은 229,209,300원', source: 'seed:139-145' },
    { code: 'A050', kind: 'programme_rate_vs_kpis', scope: '5-3 아카데미 · 추진율', text: '요약표 추진율 192%가 지표 추진율 평균 136.5%와 다름', source: 'seed:153,3964-3967' },
    { code: null, kind: 'rounding', scope: '기본사업 추진율', text: '139.967을 139.9로 절사하여 인쇄', source: null },
  ],
  source: 'seed/000_f3958101fa730965.txt',
};
