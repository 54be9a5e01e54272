import { z } from 'zod';
import { isCalendarDate } from '../../kernel/korea.ts';

/**
 * The programs module's API shapes. Inputs (ProgramInput, YearDocument) carry no transforms, so the
 * same schemas document requests and responses (the programme detail returns its stored input for
 * edit forms, the export returns a YearDocument). Empty optional text is stored as null by the service.
 */

export const BUDGET_GROUPS = ['basic', 'additional', 'operations', 'personnel'] as const;
export const TIERS = ['programme', 'group', 'sub'] as const;
export const KPI_KINDS = ['quantity', 'deliverable'] as const;
export const YEAR_DOCUMENT_FORMAT = 'sehub.programs.v1';

const bilingual = z.object({ ko: z.string(), en: z.string() });

const custom = (en: string, ko: string) => ({ message: en, params: { ko } });

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string): boolean => MONTH.test(s);
const month = z.string().trim().refine(isMonth, custom('A month is written YYYY-MM (e.g. 2013-03)', '월은 YYYY-MM 형식으로 적습니다 (예: 2013-03)'));
const isoDate = z.string().trim().refine(isCalendarDate, custom('A date is written YYYY-MM-DD', '날짜는 YYYY-MM-DD 형식으로 적습니다'));

/** Integer won, never negative. */
const won = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Integer won that may be negative (a line spent beyond its budget returns less than nothing). */
const signedWon = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/** A percentage; may exceed 100. */
const percent = z.number().min(0).max(1_000_000);
const text = (max: number) => z.string().trim().max(max);
const name = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => text(max).nullish();
const texts = (max: number, items = 200) => z.array(text(max)).max(items).default([]);

export const programCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((s) => !/\s/.test(s), custom('A code has no spaces (e.g. 1-1, 4-1-2)', '코드에는 공백이 없어야 합니다 (예: 1-1, 4-1-2)'));

export const kpiInput = z.object({
  name: name(300),
  unit: optText(40),
  kind: z.enum(KPI_KINDS).default('quantity').describe('quantity: rate = result ÷ target × 100; deliverable ("보고서 1식"): done or not done'),
  target: z.number().min(0).max(1e15).nullish(),
  targetText: optText(1000).describe('the target as written, when it is more than a number'),
  result: z.number().min(0).max(1e15).nullish(),
  resultText: optText(2000),
  done: z.boolean().nullish().describe('deliverables: done (100 %) / not done (0 %) / unknown'),
  rateReported: z.number().min(0).max(1_000_000).nullish().describe('the rate a source document printed, for comparison only'),
  note: optText(2000),
});

export const lineInput = z.object({
  key: optText(60).describe('a key other lines and transfers refer to (parentKey, fromLine, toLine)'),
  parentKey: optText(60).describe('the key of the line this is a sub-line of (one level only)'),
  name: name(300),
  category: optText(40).describe('a budget category key (program-taxonomy budgetCategories)'),
  budget: won.nullish(),
  granted: won.nullish(),
  spent: won.nullish(),
  returned: signedWon.nullish(),
  interest: won.nullish(),
  note: optText(2000),
});

export const transferInput = z.object({
  date: isoDate,
  fromLine: optText(300).describe('the line the money left: its key or its name'),
  toLine: optText(300).describe('the line the money went to: its key or its name'),
  amount: won.refine((n) => n > 0, custom('A transfer moves more than 0 won', '전용 금액은 0원보다 커야 합니다')),
  reason: name(2000),
});

export const scheduleInput = z.object({
  task: name(300),
  planned: z.array(month).max(120).default([]),
  actual: z.array(month).max(120).default([]),
  milestone: z.boolean().default(false),
  note: optText(1000),
});

export const partnerInput = z.object({
  name: name(300),
  role: optText(1000),
  organizationId: z.uuid().nullish().describe('a directory organisation; its members may read the programme'),
});

export const evaluationInput = z.object({
  achievements: texts(2000),
  limits: texts(2000),
  nextTasks: texts(2000),
});

type Issue = { path: (string | number)[]; en: string; ko: string };

/** Checks that concern one programme only (its own fields, lines and transfers). */
export function programIssues(p: z.input<typeof programFields>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], en: string, ko: string) => issues.push({ path, en, ko });
  if (p.achievementStated !== null && p.achievementStated !== undefined && !p.achievementStatedNote?.trim()) {
    add(['achievementStatedNote'], 'A stated achievement rate needs its reason', '기록한 추진율에는 그 근거를 적어야 합니다');
  }
  if (p.executionStated !== null && p.executionStated !== undefined && !p.executionStatedNote?.trim()) {
    add(['executionStatedNote'], 'A stated execution rate needs its reason', '기록한 집행율에는 그 근거를 적어야 합니다');
  }
  if (p.periodStart && p.periodEnd && isMonth(p.periodStart.trim()) && isMonth(p.periodEnd.trim()) && p.periodEnd.trim() < p.periodStart.trim()) {
    add(['periodEnd'], 'The period ends before it starts', '종료 월이 시작 월보다 앞섭니다');
  }
  if (p.tier === 'sub' && !p.parentCode?.trim()) add(['parentCode'], 'A sub-programme names the programme it belongs to', '세부 사업에는 상위 사업 코드가 필요합니다');
  if (p.parentCode?.trim() && p.parentCode.trim() === p.code?.trim()) add(['parentCode'], 'A programme cannot be its own parent', '자기 자신을 상위 사업으로 둘 수 없습니다');
  const lines = p.lines ?? [];
  const keys = new Map<string, number>();
  lines.forEach((l, i) => {
    const k = l.key?.trim();
    if (!k) return;
    if (keys.has(k)) add(['lines', i, 'key'], `The line key '${k}' is used twice`, `예산 항목 키 '${k}'가 두 번 쓰였습니다`);
    else keys.set(k, i);
  });
  lines.forEach((l, i) => {
    const pk = l.parentKey?.trim();
    if (!pk) return;
    const at = keys.get(pk);
    if (at === undefined) add(['lines', i, 'parentKey'], `No line has the key '${pk}'`, `키가 '${pk}'인 예산 항목이 없습니다`);
    else if (at === i) add(['lines', i, 'parentKey'], 'A line cannot be its own parent', '예산 항목을 자기 자신의 하위로 둘 수 없습니다');
    else if (lines[at]!.parentKey?.trim()) add(['lines', i, 'parentKey'], 'Sub-lines go one level deep: the parent line is itself a sub-line', '하위 항목은 한 단계까지만 둘 수 있습니다 (상위 항목이 이미 하위 항목입니다)');
  });
  const lineRef = (ref: string) => keys.has(ref) || lines.some((l) => l.name?.trim() === ref);
  (p.transfers ?? []).forEach((t, i) => {
    for (const side of ['fromLine', 'toLine'] as const) {
      const ref = t[side]?.trim();
      if (ref && !lineRef(ref)) add(['transfers', i, side], `No budget line has the key or name '${ref}'`, `키나 이름이 '${ref}'인 예산 항목이 없습니다`);
    }
    if (t.fromLine?.trim() && t.fromLine.trim() === t.toLine?.trim()) add(['transfers', i, 'toLine'], 'A transfer goes between two different lines', '전용은 서로 다른 항목 사이에서만 할 수 있습니다');
  });
  return issues;
}

const programFields = z.object({
  code: programCode.describe('the report numbering, e.g. 1-1, 4-1-2; unique within the year'),
  nameKo: name(300),
  nameEn: optText(300),
  areaCode: optText(40).describe('a strategic area of the year'),
  budgetGroup: z.enum(BUDGET_GROUPS),
  parentCode: optText(40).describe('the programme (or group) this one belongs to'),
  tier: z.enum(TIERS).default('programme').describe('programme: a row of the overview; group: a row grouping programmes; sub: part of a programme'),
  counted: z.boolean().default(true).describe('counted among the year\'s programmes'),
  sort: z.number().int().min(-1_000_000).max(1_000_000).nullish(),
  periodStart: month.nullish(),
  periodEnd: month.nullish(),
  periodText: optText(300),
  method: text(5000).default(''),
  goal: text(5000).default(''),
  description: text(20000).default(''),
  responsibleStaff: z.array(name(100)).max(50).default([]),
  achievementStated: percent.nullish().describe('an explicit rule: this rate instead of the mean of the KPI rates (needs achievementStatedNote)'),
  achievementStatedNote: optText(2000),
  executionStated: percent.nullish().describe('used only while spent is unknown (needs executionStatedNote)'),
  executionStatedNote: optText(2000),
  achievementExcludedNote: optText(2000).describe('when set, the achievement rate is left out of the year\'s means, for this reason'),
  executionExcludedNote: optText(2000).describe('when set, the execution rate is left out of the year\'s means, for this reason'),
  achievementReported: z.number().min(0).max(1_000_000).nullish().describe('as printed by a source document, for reconciliation only'),
  executionReported: z.number().min(0).max(1_000_000).nullish().describe('as printed by a source document, for reconciliation only'),
  budget: won.nullish(),
  granted: won.nullish(),
  spent: won.nullish(),
  returned: signedWon.nullish(),
  interest: won.nullish(),
  evaluation: evaluationInput.default({ achievements: [], limits: [], nextTasks: [] }),
  notes: texts(5000),
  source: optText(500),
  kpis: z.array(kpiInput).max(200).default([]),
  lines: z.array(lineInput).max(1000).default([]),
  transfers: z.array(transferInput).max(500).default([]),
  schedule: z.array(scheduleInput).max(300).default([]),
  partners: z.array(partnerInput).max(500).default([]),
  version: z.number().int().min(1).optional().describe('the version read; required to replace a programme (PUT)'),
});

export const programInput = programFields
  .superRefine((p, ctx) => {
    for (const i of programIssues(p)) ctx.addIssue({ code: 'custom', path: i.path, message: i.en, params: { ko: i.ko } });
  })
  .meta({ id: 'ProgramInput', description: 'A programme as staff enter it: stored values only, every rate is derived on read' });
export type ProgramInput = z.output<typeof programInput>;

export const areaInput = z.object({
  code: programCode,
  nameKo: name(300),
  nameEn: optText(300),
  budgetGroup: z.enum(BUDGET_GROUPS),
  sort: z.number().int().min(-1_000_000).max(1_000_000).nullish(),
});
export type AreaInput = z.output<typeof areaInput>;

export const reportedInput = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe("e.g. 'achievement.total', 'achievement.group:basic', 'execution.area:area-1', 'granted.total', 'granted.group:additional'"),
  value: z.number().min(-1e15).max(1e15),
  label: optText(500),
  source: optText(500),
});

export const yearNoteInput = z.object({
  code: optText(40),
  kind: text(60).default('note'),
  scope: text(500).default(''),
  text: name(10000),
  source: optText(500),
});

export const yearDocument = z
  .object({
    format: z.literal(YEAR_DOCUMENT_FORMAT),
    year: z.number().int().min(2000).max(2100),
    title: name(300),
    organisationName: text(300).default(''),
    source: optText(2000),
    areas: z.array(areaInput).max(100).default([]),
    reported: z.array(reportedInput).max(1000).default([]),
    notes: z.array(yearNoteInput).max(2000).default([]),
    programs: z.array(programInput).max(2000).default([]),
  })
  .meta({ id: 'YearDocument', description: "A year's programme data as one JSON document (format sehub.programs.v1): import, export, demo data" });
export type YearDocument = z.output<typeof yearDocument>;

/**
 * Checks across a document's parts: unique codes, areas and parents that exist, no parent cycles.
 * Written against the raw input, so that they run (and report) even where other fields fail.
 */
export function documentIssues(raw: unknown): Issue[] {
  const issues: Issue[] = [];
  if (!raw || typeof raw !== 'object') return issues;
  const doc = raw as { areas?: unknown; programs?: unknown; reported?: unknown };
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const areas = Array.isArray(doc.areas) ? (doc.areas as Record<string, unknown>[]) : [];
  const programs = Array.isArray(doc.programs) ? (doc.programs as Record<string, unknown>[]) : [];
  const areaCodes = new Set<string>();
  areas.forEach((a, i) => {
    const c = str(a?.code);
    if (!c) return;
    if (areaCodes.has(c)) issues.push({ path: ['areas', i, 'code'], en: `The area code '${c}' is used twice`, ko: `분야 코드 '${c}'가 두 번 쓰였습니다` });
    areaCodes.add(c);
  });
  const reportedKeys = new Set<string>();
  (Array.isArray(doc.reported) ? (doc.reported as Record<string, unknown>[]) : []).forEach((r, i) => {
    const k = str(r?.key);
    if (!k) return;
    if (reportedKeys.has(k)) issues.push({ path: ['reported', i, 'key'], en: `The key '${k}' is used twice`, ko: `키 '${k}'가 두 번 쓰였습니다` });
    reportedKeys.add(k);
  });
  const codes = new Map<string, number>();
  programs.forEach((p, i) => {
    const c = str(p?.code);
    if (!c) return;
    if (codes.has(c)) issues.push({ path: ['programs', i, 'code'], en: `The programme code '${c}' is used twice`, ko: `사업 코드 '${c}'가 두 번 쓰였습니다` });
    else codes.set(c, i);
  });
  programs.forEach((p, i) => {
    const area = str(p?.areaCode);
    if (area && !areaCodes.has(area)) issues.push({ path: ['programs', i, 'areaCode'], en: `The year has no area '${area}'`, ko: `이 연도에 '${area}' 분야가 없습니다` });
    const parent = str(p?.parentCode);
    if (parent && parent !== str(p?.code) && !codes.has(parent)) {
      issues.push({ path: ['programs', i, 'parentCode'], en: `The year has no programme '${parent}'`, ko: `이 연도에 '${parent}' 사업이 없습니다` });
    }
  });
  // A chain of parents must end: a → b → a would make neither an overview row nor anyone's child.
  programs.forEach((p, i) => {
    const seen = new Set<string>([str(p?.code)]);
    let parent = str(p?.parentCode);
    while (parent && codes.has(parent)) {
      if (seen.has(parent)) {
        issues.push({ path: ['programs', i, 'parentCode'], en: 'The parent codes form a loop', ko: '상위 사업 코드가 순환합니다' });
        break;
      }
      seen.add(parent);
      parent = str(programs[codes.get(parent)!]?.parentCode);
    }
  });
  return issues;
}

// ——— queries and parameters ———

export const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const programParam = z.object({ id: z.uuid() });
export const programsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  area: z.string().trim().max(40).optional().describe('an area code'),
  group: z.enum(BUDGET_GROUPS).optional(),
  q: z.string().trim().max(100).optional().describe('code or name fragment'),
});
export type ProgramsQuery = z.infer<typeof programsQuery>;
export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export const exportQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json').describe('json: a YearDocument; xlsx: a workbook with a sheet per entity') });
export const createYearBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: name(300),
    organisationName: text(300).default(''),
    areas: z.array(areaInput).max(100).default([]).describe("the year's strategic areas (핵심 분야); an import replaces them"),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.areas.forEach((a, i) => {
      if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'code'], message: `The area code '${a.code}' is used twice`, params: { ko: `분야 코드 '${a.code}'가 두 번 쓰였습니다` } });
      seen.add(a.code);
    });
  });

// ——— responses (model.ts shapes) ———

const fieldError = z.object({ path: z.string(), row: z.number().int().optional(), messages: bilingual });

export const taxonomyResponse = z
  .object({
    budgetGroups: z.array(z.object({ key: z.string(), labelKo: z.string(), labelEn: z.string() })),
    budgetCategories: z.array(z.object({ key: z.string(), labelKo: z.string(), labelEn: z.string() })),
  })
  .meta({ id: 'ProgramTaxonomy' });

export const yearSummary = z
  .object({ year: z.number().int(), title: z.string(), programCount: z.number().int(), granted: z.number(), spent: z.number(), isDemo: z.boolean() })
  .meta({ id: 'ProgramYearSummary' });

export const yearCreated = z
  .object({
    year: z.number().int(),
    title: z.string(),
    organisationName: z.string(),
    source: z.string().nullable(),
    isDemo: z.boolean(),
    areas: z.array(z.object({ code: z.string(), nameKo: z.string(), nameEn: z.string().nullable(), budgetGroup: z.string(), sort: z.number().int() })),
  })
  .meta({ id: 'ProgramYearCreated' });

export const derivedRate = z
  .object({
    value: z.number().nullable(),
    rule: z.enum(['kpi_mean', 'stated', 'ratio', 'deliverable', 'spent_over_granted', 'spent_over_budget', 'none']),
    explanation: bilingual,
    reported: z.number().nullable(),
    difference: z.number().nullable(),
  })
  .meta({ id: 'DerivedRate' });

const moneyShape = {
  budget: z.number().nullable(),
  granted: z.number().nullable(),
  spent: z.number().nullable(),
  returned: z.number().nullable(),
  returnedExpected: z.number().nullable(),
  interest: z.number().nullable(),
};
export const moneyFigures = z.object(moneyShape).meta({ id: 'MoneyFigures' });

export const reportProgram = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    tier: z.enum(TIERS),
    parentCode: z.string().nullable(),
    counted: z.boolean(),
    area: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
    budgetGroup: z.object({ key: z.string(), label: bilingual }),
    period: z.object({ start: z.string().nullable(), end: z.string().nullable(), text: z.string().nullable() }),
    method: z.string(),
    goal: z.string(),
    description: z.string(),
    partners: z.array(z.object({ name: z.string(), role: z.string().nullable(), organizationId: z.string().nullable() })),
    responsibleStaff: z.array(z.string()),
    kpis: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        unit: z.string().nullable(),
        kind: z.enum(KPI_KINDS),
        target: z.number().nullable(),
        targetText: z.string().nullable(),
        result: z.number().nullable(),
        resultText: z.string().nullable(),
        done: z.boolean().nullable(),
        rate: derivedRate,
        note: z.string().nullable(),
      }),
    ),
    achievement: derivedRate,
    kpiMean: z.number().nullable(),
    money: moneyFigures,
    execution: derivedRate,
    lineTotals: z.object({ budget: z.number().nullable(), spent: z.number().nullable(), differenceBudget: z.number().nullable(), differenceSpent: z.number().nullable() }),
    lines: z.array(
      z.object({
        ...moneyShape,
        id: z.string(),
        parentId: z.string().nullable(),
        level: z.number().int(),
        name: z.string(),
        category: z.string().nullable(),
        categoryLabel: bilingual.nullable(),
        execution: derivedRate,
        note: z.string().nullable(),
      }),
    ),
    transfers: z.array(z.object({ id: z.string(), date: z.string(), fromLine: z.string().nullable(), toLine: z.string().nullable(), amount: z.number(), reason: z.string() })),
    schedule: z.array(z.object({ id: z.string(), task: z.string(), planned: z.array(z.string()), actual: z.array(z.string()), milestone: z.boolean(), note: z.string().nullable() })),
    evaluation: z.object({ achievements: z.array(z.string()), limits: z.array(z.string()), nextTasks: z.array(z.string()) }),
    notes: z.array(z.string()),
    source: z.string().nullable(),
    version: z.number().int(),
    excludedFromMeans: z.object({ achievement: z.string().nullable(), execution: z.string().nullable() }).optional(),
  })
  .meta({ id: 'ReportProgram' });

export const programDetail = reportProgram.extend({ year: z.number().int(), input: programInput }).meta({ id: 'ProgramDetail' });

export const overviewRow = z
  .object({
    programId: z.string(),
    code: z.string(),
    name: z.string(),
    area: z.string().nullable(),
    budgetGroup: z.string(),
    goal: z.string(),
    targets: z.string(),
    results: z.string(),
    money: moneyFigures,
    execution: derivedRate,
    achievement: derivedRate,
    counted: z.boolean(),
    children: z.array(z.string()),
    excludedFromMeans: z.object({ achievement: z.string().nullable(), execution: z.string().nullable() }).optional(),
  })
  .meta({ id: 'OverviewRow' });

const rollupMean = z
  .object({
    method: z.enum(['simple', 'budget_weighted', 'spent_over_granted', 'mean_of_group_means']),
    of: z.enum(['simple', 'budget_weighted']).optional(),
    label: bilingual,
    formula: bilingual,
    value: z.number().nullable(),
    programCodes: z.array(z.string()),
    reported: z.number().nullable(),
    difference: z.number().nullable(),
    reproduces: z.boolean().nullable(),
  })
  .meta({ id: 'RollupMean' });

export const rollupGroup = z
  .object({
    key: z.string(),
    label: bilingual,
    programCount: z.number().int(),
    money: z.object({ budget: z.number(), granted: z.number(), spent: z.number(), returned: z.number(), interest: z.number() }),
    grantedReported: z.number().nullable(),
    grantedDifference: z.number().nullable(),
    achievement: z.array(rollupMean),
    execution: z.array(rollupMean),
  })
  .meta({ id: 'RollupGroup' });

export const yearNote = z.object({ code: z.string().nullable(), kind: z.string(), scope: z.string(), text: z.string(), source: z.string().nullable() }).meta({ id: 'YearNote' });

export const yearDetail = z
  .object({
    year: z.number().int(),
    title: z.string(),
    organisationName: z.string(),
    source: z.string().nullable(),
    isDemo: z.boolean(),
    areas: z.array(z.object({ code: z.string(), nameKo: z.string(), nameEn: z.string().nullable(), budgetGroup: z.string(), sort: z.number().int() })),
    overview: z.array(overviewRow),
    rollups: z.object({ total: rollupGroup, byGroup: z.array(rollupGroup), byArea: z.array(rollupGroup) }),
    notes: z.array(yearNote),
    programs: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), tier: z.enum(TIERS), parentCode: z.string().nullable() })),
  })
  .meta({ id: 'ProgramYear' });

export const programListItem = overviewRow.extend({ year: z.number().int(), tier: z.enum(TIERS), parentCode: z.string().nullable() }).meta({ id: 'ProgramListItem' });

export const importReport = z
  .object({
    dryRun: z.boolean(),
    programs: z.number().int(),
    kpis: z.number().int(),
    lines: z.number().int(),
    errors: z.array(fieldError),
  })
  .meta({ id: 'ProgramImportReport' });
