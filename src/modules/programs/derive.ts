/**
 * Every formula of the programs module (DOMAIN.md "Formulas"), as pure functions: no database,
 * no I/O. Each returns the value with the rule it followed and a sentence, in Korean and English,
 * that names the figures used, so that pages and reports can show how a number came about.
 */
import type {
  Bilingual,
  DerivedRate,
  MeanMethod,
  MoneyFigures,
  OverviewRow,
  ReportBudgetLine,
  ReportKpi,
  ReportProgram,
  RollupGroup,
  RollupMean,
} from './model.ts';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const rateFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
/** 6111550 → "6,111,550" */
export const fmtNumber = (n: number): string => numberFormat.format(n);
/** 87.7777 → "87.78" (explanations show two decimals; writers round for display) */
export const fmtRate = (n: number): string => rateFormat.format(n);

/** |difference| below this counts as reproducing a printed figure (printed rates have one decimal). */
export const REPRODUCES_WITHIN = 0.1;

const bi = (ko: string, en: string): Bilingual => ({ ko, en });

function derived(value: number | null, rule: DerivedRate['rule'], explanation: Bilingual, reported: number | null | undefined): DerivedRate {
  const r = reported ?? null;
  return { value, rule, explanation, reported: r, difference: value !== null && r !== null ? value - r : null };
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

// ——— KPIs ———

export interface KpiFigures {
  kind: 'quantity' | 'deliverable';
  target?: number | null;
  result?: number | null;
  done?: boolean | null;
  rateReported?: number | null;
}

/** A KPI's achievement rate: result ÷ target × 100 (may exceed 100), or done 100 / not done 0. */
export function kpiRate(k: KpiFigures): DerivedRate {
  const reported = k.rateReported;
  if (k.kind === 'deliverable') {
    if (k.done === true) return derived(100, 'deliverable', bi('산출물 완료 → 100%', 'Deliverable done → 100 %'), reported);
    if (k.done === false) return derived(0, 'deliverable', bi('산출물 미완료 → 0%', 'Deliverable not done → 0 %'), reported);
    return derived(null, 'none', bi('완료 여부가 기록되지 않아 추진율을 구할 수 없습니다', 'Whether the deliverable was done is not recorded, so no rate can be derived'), reported);
  }
  const target = k.target ?? null;
  const result = k.result ?? null;
  if (target === null) return derived(null, 'none', bi('목표 수치가 없어 추진율을 구할 수 없습니다', 'There is no numeric target, so no rate can be derived'), reported);
  if (target === 0) return derived(null, 'none', bi('목표가 0이라 추진율(실적 ÷ 목표)을 구할 수 없습니다', 'The target is 0, so no rate (result ÷ target) can be derived'), reported);
  if (result === null) return derived(null, 'none', bi(`실적 수치가 없어 추진율을 구할 수 없습니다 (목표 ${fmtNumber(target)})`, `There is no numeric result, so no rate can be derived (target ${fmtNumber(target)})`), reported);
  const value = (result / target) * 100;
  return derived(
    value,
    'ratio',
    bi(`실적 ${fmtNumber(result)} ÷ 목표 ${fmtNumber(target)} × 100 = ${fmtRate(value)}%`, `result ${fmtNumber(result)} ÷ target ${fmtNumber(target)} × 100 = ${fmtRate(value)} %`),
    reported,
  );
}

// ——— programme achievement ———

export interface AchievementFigures {
  achievementStated?: number | null;
  achievementStatedNote?: string | null;
  achievementReported?: number | null;
}

/**
 * A programme's achievement rate: its explicit rule (a stated rate, with its reason) when it has
 * one, else the unweighted mean of the KPI rates that can be derived, else none. The KPI mean is
 * returned in every case, so a page can show both when the rule overrides it.
 */
export function programmeAchievement(p: AchievementFigures, kpiRates: readonly DerivedRate[]): { achievement: DerivedRate; kpiMean: number | null } {
  const rates = kpiRates.map((r) => r.value).filter((v): v is number => v !== null);
  const kpiMean = rates.length ? mean(rates) : null;
  const skipped = kpiRates.length - rates.length;
  const reported = p.achievementReported;
  if (p.achievementStated !== null && p.achievementStated !== undefined) {
    const note = p.achievementStatedNote?.trim() || '—';
    const alsoKo = kpiMean !== null ? ` · KPI 추진율 평균은 ${fmtRate(kpiMean)}%` : '';
    const alsoEn = kpiMean !== null ? ` · the mean of the KPI rates is ${fmtRate(kpiMean)} %` : '';
    return {
      achievement: derived(
        p.achievementStated,
        'stated',
        bi(`사업이 정한 추진율 ${fmtRate(p.achievementStated)}% (근거: ${note})${alsoKo}`, `The programme's own rule: ${fmtRate(p.achievementStated)} % (reason: ${note})${alsoEn}`),
        reported,
      ),
      kpiMean,
    };
  }
  if (kpiMean !== null) {
    const terms = rates.map(fmtRate).join(' + ');
    const skipKo = skipped ? ` (추진율을 구할 수 없는 KPI ${skipped}개 제외)` : '';
    const skipEn = skipped ? ` (${skipped} KPI${skipped > 1 ? 's' : ''} without a rate left out)` : '';
    return {
      achievement: derived(
        kpiMean,
        'kpi_mean',
        bi(
          `KPI ${rates.length}개 추진율의 평균: (${terms}) ÷ ${rates.length} = ${fmtRate(kpiMean)}%${skipKo}`,
          `Mean of ${rates.length} KPI rate${rates.length > 1 ? 's' : ''}: (${terms}) ÷ ${rates.length} = ${fmtRate(kpiMean)} %${skipEn}`,
        ),
        reported,
      ),
      kpiMean,
    };
  }
  const why = kpiRates.length
    ? bi('어느 KPI에서도 추진율을 구할 수 없고, 사업이 정한 추진율도 없습니다', 'No KPI has a rate and the programme states no rate of its own')
    : bi('KPI가 없고, 사업이 정한 추진율도 없습니다', 'The programme has no KPIs and states no rate of its own');
  return { achievement: derived(null, 'none', why, reported), kpiMean };
}

// ——— money and execution ———

export interface MoneyInput {
  budget?: number | null;
  granted?: number | null;
  spent?: number | null;
  returned?: number | null;
  interest?: number | null;
}

/** The amounts as recorded, plus returnedExpected = granted − spent. */
export function moneyFigures(m: MoneyInput): MoneyFigures {
  const granted = m.granted ?? null;
  const spent = m.spent ?? null;
  return {
    budget: m.budget ?? null,
    granted,
    spent,
    returned: m.returned ?? null,
    returnedExpected: granted !== null && spent !== null ? granted - spent : null,
    interest: m.interest ?? null,
  };
}

export interface ExecutionFigures extends MoneyInput {
  executionStated?: number | null;
  executionStatedNote?: string | null;
  executionReported?: number | null;
}

/**
 * Execution rate (집행율): spent ÷ granted × 100, or spent ÷ budget × 100 where nothing was granted;
 * while spent is unknown, the stated rate (with its reason) if there is one; else none.
 */
export function executionRate(m: ExecutionFigures): DerivedRate {
  const { spent = null, granted = null, budget = null } = m;
  const reported = m.executionReported;
  if (spent !== null && granted !== null && granted > 0) {
    const v = (spent / granted) * 100;
    return derived(
      v,
      'spent_over_granted',
      bi(`집행액 ${fmtNumber(spent)}원 ÷ 교부액 ${fmtNumber(granted)}원 × 100 = ${fmtRate(v)}%`, `spent ₩${fmtNumber(spent)} ÷ granted ₩${fmtNumber(granted)} × 100 = ${fmtRate(v)} %`),
      reported,
    );
  }
  if (spent !== null && budget !== null && budget > 0) {
    const v = (spent / budget) * 100;
    const whyKo = granted === 0 ? '교부액이 0원이라' : '교부액이 없어';
    const whyEn = granted === 0 ? 'nothing was granted' : 'no granted amount is recorded';
    return derived(
      v,
      'spent_over_budget',
      bi(
        `집행액 ${fmtNumber(spent)}원 ÷ 예산액 ${fmtNumber(budget)}원 × 100 = ${fmtRate(v)}% (${whyKo} 예산액 기준)`,
        `spent ₩${fmtNumber(spent)} ÷ budget ₩${fmtNumber(budget)} × 100 = ${fmtRate(v)} % (${whyEn}, so against the budget)`,
      ),
      reported,
    );
  }
  if (spent === null && m.executionStated !== null && m.executionStated !== undefined) {
    const note = m.executionStatedNote?.trim() || '—';
    return derived(
      m.executionStated,
      'stated',
      bi(`기록된 집행율 ${fmtRate(m.executionStated)}% (근거: ${note})`, `Stated execution rate ${fmtRate(m.executionStated)} % (reason: ${note})`),
      reported,
    );
  }
  if (spent === null) return derived(null, 'none', bi('집행액이 기록되지 않아 집행율을 구할 수 없습니다', 'No spent amount is recorded, so no execution rate can be derived'), reported);
  return derived(
    null,
    'none',
    bi(`집행액 ${fmtNumber(spent)}원은 있으나 교부액과 예산액이 없어 집행율을 구할 수 없습니다`, `₩${fmtNumber(spent)} was spent but neither a granted amount nor a budget is recorded, so no execution rate can be derived`),
    reported,
  );
}

// ——— a programme as the report shows it ———

export interface StoredKpi extends KpiFigures {
  id: string;
  name: string;
  unit: string | null;
  targetText: string | null;
  resultText: string | null;
  note: string | null;
}

export interface StoredLine extends MoneyInput {
  id: string;
  parentId: string | null;
  key: string | null;
  name: string;
  category: string | null;
  note: string | null;
}

export interface StoredProgram extends ExecutionFigures, AchievementFigures {
  id: string;
  year: number;
  code: string;
  nameKo: string;
  nameEn: string | null;
  areaCode: string | null;
  budgetGroup: string;
  parentCode: string | null;
  tier: 'programme' | 'group' | 'sub';
  counted: boolean;
  sort: number;
  periodStart: string | null;
  periodEnd: string | null;
  periodText: string | null;
  method: string;
  goal: string;
  description: string;
  responsibleStaff: string[];
  achievementExcludedNote: string | null;
  executionExcludedNote: string | null;
  evaluation: { achievements: string[]; limits: string[]; nextTasks: string[] };
  notes: string[];
  source: string | null;
  version: number;
  kpis: StoredKpi[];
  lines: StoredLine[];
  transfers: { id: string; date: string; fromLineId: string | null; toLineId: string | null; amount: number; reason: string }[];
  schedule: { id: string; task: string; planned: string[]; actual: string[]; milestone: boolean; note: string | null }[];
  partners: { name: string; role: string | null; organizationId: string | null }[];
}

export interface Labels {
  areas: Map<string, { code: string; nameKo: string; nameEn: string | null; budgetGroup: string; sort: number }>;
  groups: Map<string, Bilingual>;
  categories: Map<string, Bilingual>;
}

const sumOf = (xs: (number | null | undefined)[]): number | null => {
  let s: number | null = null;
  for (const x of xs) if (x !== null && x !== undefined) s = (s ?? 0) + x;
  return s;
};

export function toReportProgram(p: StoredProgram, labels: Labels): ReportProgram {
  const kpis: ReportKpi[] = p.kpis.map((k) => ({
    id: k.id,
    name: k.name,
    unit: k.unit,
    kind: k.kind,
    target: k.target ?? null,
    targetText: k.targetText,
    result: k.result ?? null,
    resultText: k.resultText,
    done: k.done ?? null,
    rate: kpiRate(k),
    note: k.note,
  }));
  const { achievement, kpiMean } = programmeAchievement(p, kpis.map((k) => k.rate));
  // Lines in display order: each line followed by its sub-lines.
  const top = p.lines.filter((l) => !l.parentId || !p.lines.some((x) => x.id === l.parentId));
  const ordered: { line: StoredLine; level: number }[] = [];
  for (const l of top) {
    ordered.push({ line: l, level: 0 });
    for (const s of p.lines) if (s.parentId === l.id) ordered.push({ line: s, level: 1 });
  }
  const lines: ReportBudgetLine[] = ordered.map(({ line: l, level }) => ({
    ...moneyFigures(l),
    id: l.id,
    parentId: level ? l.parentId : null,
    level,
    name: l.name,
    category: l.category,
    categoryLabel: (l.category && labels.categories.get(l.category)) || null,
    execution: executionRate(l),
    note: l.note,
  }));
  // A line's allotment is its budget, or what was granted to it where no budget is recorded.
  const lineBudget = sumOf(top.map((l) => l.budget ?? l.granted));
  const lineSpent = sumOf(top.map((l) => l.spent));
  const ownBudget = p.budget ?? p.granted ?? null;
  const ownSpent = p.spent ?? null;
  const lineName = new Map(p.lines.map((l) => [l.id, l.name]));
  const area = p.areaCode ? labels.areas.get(p.areaCode) : undefined;
  return {
    id: p.id,
    code: p.code,
    name: p.nameKo,
    nameEn: p.nameEn,
    tier: p.tier,
    parentCode: p.parentCode,
    counted: p.counted,
    area: area ? { code: area.code, name: area.nameKo, nameEn: area.nameEn } : null,
    budgetGroup: { key: p.budgetGroup, label: labels.groups.get(p.budgetGroup) ?? bi(p.budgetGroup, p.budgetGroup) },
    period: { start: p.periodStart, end: p.periodEnd, text: p.periodText },
    method: p.method,
    goal: p.goal,
    description: p.description,
    partners: p.partners.map((x) => ({ name: x.name, role: x.role, organizationId: x.organizationId })),
    responsibleStaff: p.responsibleStaff,
    kpis,
    achievement,
    kpiMean,
    money: moneyFigures(p),
    execution: executionRate(p),
    lineTotals: {
      budget: lineBudget,
      spent: lineSpent,
      differenceBudget: lineBudget !== null && ownBudget !== null ? lineBudget - ownBudget : null,
      differenceSpent: lineSpent !== null && ownSpent !== null ? lineSpent - ownSpent : null,
    },
    lines,
    transfers: p.transfers.map((t) => ({
      id: t.id,
      date: t.date,
      fromLine: (t.fromLineId && lineName.get(t.fromLineId)) || null,
      toLine: (t.toLineId && lineName.get(t.toLineId)) || null,
      amount: t.amount,
      reason: t.reason,
    })),
    schedule: p.schedule.map((s) => ({ id: s.id, task: s.task, planned: s.planned, actual: s.actual, milestone: s.milestone, note: s.note })),
    evaluation: p.evaluation,
    notes: p.notes,
    source: p.source,
    version: p.version,
    excludedFromMeans: { achievement: p.achievementExcludedNote, execution: p.executionExcludedNote },
  };
}

/** Codes like 1-1, 1-1a, 4-1-2, 10-1 in their natural order. */
export const compareCodes = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

const byPosition = (a: { sort: number; code: string }, b: { sort: number; code: string }) => a.sort - b.sort || compareCodes(a.code, b.code);

/**
 * The report's order: each overview row (tier programme/group without a parent) followed by the
 * programmes under it, depth first. Programmes whose parent is missing come last.
 */
export function reportOrder<P extends { code: string; parentCode: string | null; tier: string; sort: number }>(programs: readonly P[]): { rows: P[]; ordered: P[]; descendants: Map<string, string[]> } {
  const codes = new Set(programs.map((p) => p.code));
  const childrenOf = new Map<string, P[]>();
  for (const p of programs) {
    if (!p.parentCode || !codes.has(p.parentCode)) continue;
    const list = childrenOf.get(p.parentCode) ?? [];
    list.push(p);
    childrenOf.set(p.parentCode, list);
  }
  for (const list of childrenOf.values()) list.sort(byPosition);
  const roots = programs.filter((p) => !p.parentCode || !codes.has(p.parentCode)).sort(byPosition);
  const ordered: P[] = [];
  const seen = new Set<string>();
  const descendants = new Map<string, string[]>();
  const walk = (p: P, into: string[] | null) => {
    if (seen.has(p.code)) return;
    seen.add(p.code);
    ordered.push(p);
    into?.push(p.code);
    for (const c of childrenOf.get(p.code) ?? []) walk(c, into);
  };
  for (const r of roots) {
    const under: string[] = [];
    ordered.push(r);
    seen.add(r.code);
    for (const c of childrenOf.get(r.code) ?? []) walk(c, under);
    descendants.set(r.code, under);
  }
  for (const p of programs) if (!seen.has(p.code)) walk(p, null);
  const rows = roots.filter((p) => !p.parentCode && p.tier !== 'sub');
  return { rows, ordered, descendants };
}

const kpiTarget = (k: ReportKpi) => k.targetText ?? (k.target !== null ? `${fmtNumber(k.target)}${k.unit ?? ''}` : '');
const kpiResult = (k: ReportKpi) => k.resultText ?? (k.result !== null ? `${fmtNumber(k.result)}${k.unit ?? ''}` : k.done === true ? '완료' : k.done === false ? '미완료' : '');

export function toOverviewRow(p: ReportProgram, children: string[]): OverviewRow {
  const join = (xs: string[]) => xs.filter(Boolean).join('; ');
  return {
    programId: p.id,
    code: p.code,
    name: p.name,
    area: p.area?.code ?? null,
    budgetGroup: p.budgetGroup.key,
    goal: p.goal,
    targets: join(p.kpis.map((k) => (k.name && kpiTarget(k) ? `${k.name}: ${kpiTarget(k)}` : kpiTarget(k)))),
    results: join(p.kpis.map((k) => (k.name && kpiResult(k) ? `${k.name}: ${kpiResult(k)}` : kpiResult(k)))),
    money: p.money,
    execution: p.execution,
    achievement: p.achievement,
    counted: p.counted,
    children,
    excludedFromMeans: p.excludedFromMeans ?? { achievement: null, execution: null },
  };
}

// ——— year rollups ———

export type RateKind = 'achievement' | 'execution';

const RATE_WORD: Record<RateKind, Bilingual> = { achievement: bi('추진율', 'achievement rate'), execution: bi('집행율', 'execution rate') };

const METHOD_LABEL: Record<Exclude<MeanMethod, 'mean_of_group_means'>, Bilingual> = {
  simple: bi('단순 평균', 'Simple mean'),
  budget_weighted: bi('교부액 가중 평균', 'Mean weighted by the granted amount'),
  spent_over_granted: bi('총 집행액 ÷ 총 교부액', 'Total spent ÷ total granted'),
};

interface Reported {
  get(key: string): number | undefined;
}

function withReported(m: Omit<RollupMean, 'reported' | 'difference' | 'reproduces'>, reported: number | undefined): RollupMean {
  const r = reported ?? null;
  const difference = m.value !== null && r !== null ? m.value - r : null;
  return { ...m, reported: r, difference, reproduces: difference === null ? null : Math.abs(difference) < REPRODUCES_WITHIN };
}

function excludedNote(rows: readonly OverviewRow[], kind: RateKind): Bilingual {
  const out = rows.filter((r) => r[kind].value !== null && r.excludedFromMeans?.[kind]).map((r) => r.code);
  return out.length ? bi(`; 평균에서 제외: ${out.join(', ')}`, `; left out of the means: ${out.join(', ')}`) : bi('', '');
}

/** Rows whose rate enters the means: it exists and the programme does not leave it out. */
const entering = (rows: readonly OverviewRow[], kind: RateKind) => rows.filter((r) => r[kind].value !== null && !r.excludedFromMeans?.[kind]);

export function simpleMean(rows: readonly OverviewRow[], kind: RateKind): Omit<RollupMean, 'reported' | 'difference' | 'reproduces'> {
  const used = entering(rows, kind);
  const w = RATE_WORD[kind];
  const ex = excludedNote(rows, kind);
  if (!used.length) {
    return { method: 'simple', label: METHOD_LABEL.simple, formula: bi(`Σ ${w.ko} ÷ n (n = 0: ${w.ko}이 있는 사업 없음)${ex.ko}`, `Σ ${w.en} ÷ n (n = 0: no programme has one)${ex.en}`), value: null, programCodes: [] };
  }
  const sum = used.reduce((s, r) => s + r[kind].value!, 0);
  const v = sum / used.length;
  return {
    method: 'simple',
    label: METHOD_LABEL.simple,
    formula: bi(`Σ ${w.ko} ÷ n = ${fmtRate(sum)} ÷ ${used.length} = ${fmtRate(v)}%${ex.ko}`, `Σ ${w.en} ÷ n = ${fmtRate(sum)} ÷ ${used.length} = ${fmtRate(v)} %${ex.en}`),
    value: v,
    programCodes: used.map((r) => r.code),
  };
}

export function weightedMean(rows: readonly OverviewRow[], kind: RateKind): Omit<RollupMean, 'reported' | 'difference' | 'reproduces'> {
  const withRate = entering(rows, kind);
  const used = withRate.filter((r) => (r.money.granted ?? 0) > 0);
  const w = RATE_WORD[kind];
  const left = withRate.filter((r) => !used.includes(r)).map((r) => r.code);
  const ex = excludedNote(rows, kind);
  const noGrantKo = left.length ? `; 교부액 없는 ${left.join(', ')} 제외` : '';
  const noGrantEn = left.length ? `; ${left.join(', ')} without a granted amount left out` : '';
  if (!used.length) {
    return {
      method: 'budget_weighted',
      label: METHOD_LABEL.budget_weighted,
      formula: bi(`Σ(교부액 × ${w.ko}) ÷ Σ 교부액 (n = 0)${noGrantKo}${ex.ko}`, `Σ(granted × ${w.en}) ÷ Σ granted (n = 0)${noGrantEn}${ex.en}`),
      value: null,
      programCodes: [],
    };
  }
  const num = used.reduce((s, r) => s + r.money.granted! * r[kind].value!, 0);
  const den = used.reduce((s, r) => s + r.money.granted!, 0);
  const v = num / den;
  return {
    method: 'budget_weighted',
    label: METHOD_LABEL.budget_weighted,
    formula: bi(
      `Σ(교부액 × ${w.ko}) ÷ Σ 교부액 = ${fmtNumber(Math.round(num / 100))}원 ÷ ${fmtNumber(den)}원 × 100 = ${fmtRate(v)}% (n = ${used.length}${noGrantKo})${ex.ko}`,
      `Σ(granted × ${w.en}) ÷ Σ granted = ₩${fmtNumber(Math.round(num / 100))} ÷ ₩${fmtNumber(den)} × 100 = ${fmtRate(v)} % (n = ${used.length}${noGrantEn})${ex.en}`,
    ),
    value: v,
    programCodes: used.map((r) => r.code),
  };
}

export function spentOverGranted(rows: readonly OverviewRow[]): Omit<RollupMean, 'reported' | 'difference' | 'reproduces'> {
  const used = rows.filter((r) => r.money.spent !== null && (r.money.granted ?? 0) > 0 && !r.excludedFromMeans?.execution);
  const left = rows.length - used.length;
  const leftKo = left ? `; 집행액이나 교부액이 없는 ${left}개 제외` : '';
  const leftEn = left ? `; ${left} without a spent or granted amount left out` : '';
  if (!used.length) {
    return { method: 'spent_over_granted', label: METHOD_LABEL.spent_over_granted, formula: bi(`Σ 집행액 ÷ Σ 교부액 × 100 (n = 0${leftKo})`, `Σ spent ÷ Σ granted × 100 (n = 0${leftEn})`), value: null, programCodes: [] };
  }
  const spent = used.reduce((s, r) => s + r.money.spent!, 0);
  const granted = used.reduce((s, r) => s + r.money.granted!, 0);
  const v = (spent / granted) * 100;
  return {
    method: 'spent_over_granted',
    label: METHOD_LABEL.spent_over_granted,
    formula: bi(
      `Σ 집행액 ÷ Σ 교부액 × 100 = ${fmtNumber(spent)}원 ÷ ${fmtNumber(granted)}원 × 100 = ${fmtRate(v)}% (n = ${used.length}${leftKo})`,
      `Σ spent ÷ Σ granted × 100 = ₩${fmtNumber(spent)} ÷ ₩${fmtNumber(granted)} × 100 = ${fmtRate(v)} % (n = ${used.length}${leftEn})`,
    ),
    value: v,
    programCodes: used.map((r) => r.code),
  };
}

export function meanOfGroupMeans(
  groups: { label: Bilingual; mean: Omit<RollupMean, 'reported' | 'difference' | 'reproduces'> }[],
  of: 'simple' | 'budget_weighted',
): Omit<RollupMean, 'reported' | 'difference' | 'reproduces'> & { of: 'simple' | 'budget_weighted' } {
  const used = groups.filter((g) => g.mean.value !== null);
  const base = METHOD_LABEL[of];
  const names = bi(used.map((g) => g.label.ko).join('·'), used.map((g) => g.label.en).join(', '));
  const label = bi(`${names.ko || '예산 구분'}별 ${base.ko}의 평균`, `Mean of the ${base.en.toLowerCase()}s of ${names.en || 'the budget groups'}`);
  if (!used.length) return { method: 'mean_of_group_means', of, label, formula: bi('구분별 평균이 없습니다', 'No group has a mean'), value: null, programCodes: [] };
  const v = mean(used.map((g) => g.mean.value!));
  return {
    method: 'mean_of_group_means',
    of,
    label,
    formula: bi(
      `(${used.map((g) => `${g.label.ko} ${fmtRate(g.mean.value!)}%`).join(' + ')}) ÷ ${used.length} = ${fmtRate(v)}%`,
      `(${used.map((g) => `${g.label.en} ${fmtRate(g.mean.value!)} %`).join(' + ')}) ÷ ${used.length} = ${fmtRate(v)} %`,
    ),
    value: v,
    programCodes: used.flatMap((g) => g.mean.programCodes),
  };
}

const money0 = () => ({ budget: 0, granted: 0, spent: 0, returned: 0, interest: 0 });

function rollup(key: string, label: Bilingual, rows: readonly OverviewRow[], reported: Reported, extra?: { achievement: RollupMean[]; execution: RollupMean[] }): RollupGroup {
  const money = money0();
  for (const r of rows) {
    money.budget += r.money.budget ?? 0;
    money.granted += r.money.granted ?? 0;
    money.spent += r.money.spent ?? 0;
    money.returned += r.money.returned ?? 0;
    money.interest += r.money.interest ?? 0;
  }
  const grantedReported = reported.get(`granted.${key}`) ?? null;
  const rep = (kind: RateKind) => reported.get(`${kind}.${key}`);
  return {
    key,
    label,
    programCount: rows.length,
    money,
    grantedReported,
    grantedDifference: grantedReported !== null ? money.granted - grantedReported : null,
    achievement: [simpleMean(rows, 'achievement'), weightedMean(rows, 'achievement')].map((m) => withReported(m, rep('achievement'))).concat(extra?.achievement ?? []),
    execution: [simpleMean(rows, 'execution'), weightedMean(rows, 'execution'), spentOverGranted(rows)].map((m) => withReported(m, rep('execution'))).concat(extra?.execution ?? []),
  };
}

export interface RollupLabels {
  /** budget groups in their order, with labels */
  groups: { key: string; label: Bilingual }[];
  /** the year's areas in their order */
  areas: { code: string; label: Bilingual }[];
}

/**
 * Totals and means of the overview rows for the whole year, each budget group and each area.
 * Every mean is compared with the figure the source printed for the same group, when one was
 * recorded (keys `achievement.total`, `execution.group:basic`, `granted.area:area-1` …).
 */
export function buildRollups(rows: readonly OverviewRow[], labels: RollupLabels, reported: Reported): { total: RollupGroup; byGroup: RollupGroup[]; byArea: RollupGroup[] } {
  const groupRows = (key: string) => rows.filter((r) => r.budgetGroup === key);
  const hasReported = (key: string) => ['granted', 'achievement', 'execution'].some((k) => reported.get(`${k}.${key}`) !== undefined);
  const groups = labels.groups.filter((g) => groupRows(g.key).length > 0 || hasReported(`group:${g.key}`));
  const byGroup = groups.map((g) => rollup(`group:${g.key}`, g.label, groupRows(g.key), reported));
  const extra = { achievement: [] as RollupMean[], execution: [] as RollupMean[] };
  for (const kind of ['achievement', 'execution'] as const) {
    for (const of of ['simple', 'budget_weighted'] as const) {
      const perGroup = groups
        .filter((g) => groupRows(g.key).length > 0)
        .map((g) => ({ label: g.label, mean: of === 'simple' ? simpleMean(groupRows(g.key), kind) : weightedMean(groupRows(g.key), kind) }));
      extra[kind].push(withReported(meanOfGroupMeans(perGroup, of), reported.get(`${kind}.total`)));
    }
  }
  const total = rollup('total', bi('전체', 'All programmes'), rows, reported, extra);
  const byArea = labels.areas.map((a) => rollup(`area:${a.code}`, a.label, rows.filter((r) => r.area === a.code), reported));
  return { total, byGroup, byArea };
}
