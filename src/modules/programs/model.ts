/**
 * The annual performance report as data: everything the HTML, PDF, XLSX and HWPX writers need,
 * with every rate already derived and every derivation explained. The service builds it from the
 * year's rows (`buildAnnualReport`); the writers only lay it out. The API's programme detail and
 * year overview use the same shapes, so the pages and the report cannot disagree.
 *
 * Amounts are integer won; rates are percent (135.2 = 135.2 %), unrounded — writers round for
 * display (one decimal) and say so.
 */


export interface Bilingual {
  ko: string;
  en: string;
}

/**
 * How a rate was arrived at.
 * - kpi_mean: unweighted mean of the programme's KPI rates (deliverables count 100 or 0)
 * - stated: the programme records its own rate (explicit rule), with a reason
 * - ratio: result ÷ target × 100 (a quantity KPI)
 * - deliverable: done → 100, not done → 0
 * - spent_over_granted / spent_over_budget: execution rate (집행율)
 * - none: no rate can be derived (missing target, missing result, nothing granted …)
 */
export type RateRule = 'kpi_mean' | 'stated' | 'ratio' | 'deliverable' | 'spent_over_granted' | 'spent_over_budget' | 'none';

export interface DerivedRate {
  /** percent, unrounded; null when it cannot be derived */
  value: number | null;
  rule: RateRule;
  /** one sentence: how the value was derived, with the figures used */
  explanation: Bilingual;
  /** the rate a source document printed for the same thing, when one was recorded */
  reported: number | null;
  /** value − reported, when both exist */
  difference: number | null;
}

export interface ReportKpi {
  id: string;
  name: string;
  unit: string | null;
  kind: 'quantity' | 'deliverable';
  target: number | null;
  targetText: string | null;
  result: number | null;
  resultText: string | null;
  done: boolean | null;
  rate: DerivedRate;
  note: string | null;
}

export interface MoneyFigures {
  budget: number | null;
  granted: number | null;
  spent: number | null;
  /** as recorded; null when not recorded */
  returned: number | null;
  /** granted − spent (null when either is missing) */
  returnedExpected: number | null;
  interest: number | null;
}

export interface ReportBudgetLine extends MoneyFigures {
  id: string;
  parentId: string | null;
  /** 0 = a line, 1 = a sub-line of parentId */
  level: number;
  name: string;
  category: string | null;
  categoryLabel: Bilingual | null;
  execution: DerivedRate;
  note: string | null;
}

export interface ReportTransfer {
  id: string;
  date: string; // YYYY-MM-DD
  fromLine: string | null; // line name
  toLine: string | null;
  amount: number;
  reason: string;
}

export interface ReportScheduleTask {
  id: string;
  task: string;
  planned: string[]; // 'YYYY-MM'
  actual: string[];
  milestone: boolean;
  note: string | null;
}

export interface ReportPartner {
  name: string;
  role: string | null;
  organizationId: string | null;
}

export interface ReportProgram {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  tier: 'programme' | 'group' | 'sub';
  parentCode: string | null;
  counted: boolean;
  area: { code: string; name: string; nameEn: string | null } | null;
  budgetGroup: { key: string; label: Bilingual };
  period: { start: string | null; end: string | null; text: string | null }; // start/end 'YYYY-MM'
  method: string;
  goal: string;
  description: string;
  partners: ReportPartner[];
  responsibleStaff: string[];
  kpis: ReportKpi[];
  achievement: DerivedRate;
  /** the KPI mean, also when a stated rule overrides it (so pages can show both) */
  kpiMean: number | null;
  money: MoneyFigures;
  execution: DerivedRate;
  /** sum of the level-0 lines, and how far it is from the programme's own figures */
  lineTotals: { budget: number | null; spent: number | null; differenceBudget: number | null; differenceSpent: number | null };
  lines: ReportBudgetLine[];
  transfers: ReportTransfer[];
  schedule: ReportScheduleTask[];
  evaluation: { achievements: string[]; limits: string[]; nextTasks: string[] };
  notes: string[];
  source: string | null;
  version: number;
  /** reasons the programme's rates are left out of the year's means (null = included) */
  excludedFromMeans?: { achievement: string | null; execution: string | null };
}

/** One row of the year overview (개요표): the programmes of tier programme/group without a parent. */
export interface OverviewRow {
  programId: string;
  code: string;
  name: string;
  /** the area's code (its names are in AnnualReport.areas) */
  area: string | null;
  budgetGroup: string; // key
  goal: string;
  /** the KPIs' targets and results, joined for the table cell */
  targets: string;
  results: string;
  money: MoneyFigures;
  execution: DerivedRate;
  achievement: DerivedRate;
  counted: boolean;
  /** codes of programmes shown under this row (sub-programmes, group members) */
  children: string[];
  /** reasons the row's rates are left out of the year's means (null = included) */
  excludedFromMeans?: { achievement: string | null; execution: string | null };
}

export type MeanMethod = 'simple' | 'budget_weighted' | 'spent_over_granted' | 'mean_of_group_means';

export interface RollupMean {
  method: MeanMethod;
  /** mean_of_group_means only: which mean of each group is averaged */
  of?: 'simple' | 'budget_weighted';
  label: Bilingual;
  /** the formula in words and symbols, e.g. "Σ 추진율 ÷ n (n = 12)" */
  formula: Bilingual;
  value: number | null;
  /** the overview rows that entered the mean (codes) */
  programCodes: string[];
  /** the figure the source report printed for this group, when recorded */
  reported: number | null;
  difference: number | null;
  /** |difference| < 0.1 */
  reproduces: boolean | null;
}

export interface RollupGroup {
  /** 'total', 'group:<budget group key>', 'area:<area code>' */
  key: string;
  label: Bilingual;
  programCount: number;
  money: { budget: number; granted: number; spent: number; returned: number; interest: number };
  /** granted total as printed by the source report, when recorded, and the difference */
  grantedReported: number | null;
  grantedDifference: number | null;
  achievement: RollupMean[];
  execution: RollupMean[];
}

export interface YearNote {
  code: string | null;
  kind: string;
  scope: string;
  text: string;
  source: string | null;
}

/**
 * A chapter another module contributes to the annual report (insights' statistics): plain tables
 * and notes, laid out after the programmes by every writer.
 */
export interface ReportChapter {
  title: string;
  tables: { caption: string; headers: string[]; rows: (string | number | null)[][] }[];
  notes: string[];
}

export interface AnnualReport {
  year: number;
  title: string;
  organisationName: string;
  generatedAt: string; // ISO timestamp
  /** the months the schedule grids span, in order ('YYYY-MM'), at least the 12 of the year */
  months: string[];
  areas: { code: string; name: string; nameEn: string | null; budgetGroup: string }[];
  overview: OverviewRow[];
  rollups: { total: RollupGroup; byGroup: RollupGroup[]; byArea: RollupGroup[] };
  /** every programme in report order: each overview row followed by its children */
  programs: ReportProgram[];
  /** where the source's own figures disagree with each other or with sehub's computation */
  notes: YearNote[];
  source: string | null;
  /** chapters other modules contribute (e.g. the statistics of the social economy) */
  chapters?: ReportChapter[];
}

export type ReportFormat = 'html' | 'pdf' | 'xlsx' | 'hwpx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'xlsx', 'hwpx'];
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  hwpx: 'application/hwp+zip',
};
