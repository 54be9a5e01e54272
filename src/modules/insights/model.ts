/**
 * The insights API contract: paths, query parameters and response shapes. Type-only and
 * dependency-free, so the web app can `import type` it. The zod schemas in schema.ts validate
 * the same shapes at the edge; this file is what pages are written against.
 *
 * Routes (all GET answer JSON by default; `?format=csv|xlsx` downloads the same numbers as a
 * table, one sheet, Korean headers with English in brackets):
 *
 *   GET /api/v1/insights/distribution         DistributionQuery       → DistributionTable        public
 *   GET /api/v1/insights/growth               GrowthQuery             → GrowthTable              public
 *   GET /api/v1/insights/survival             SurvivalQuery           → SurvivalReport           public
 *   GET /api/v1/insights/survival/curve       SurvivalQuery           → SurvivalReport           public (csv/xlsx: the curves' steps)
 *   GET /api/v1/insights/location-quotients   LocationQuotientQuery   → LocationQuotientTable    public
 *   GET /api/v1/insights/figures              FiguresQuery            → HeadlineFigures          staff
 *   GET /api/v1/insights/figures/:key/rows    FiguresQuery            → FigureRows               staff
 *   GET /api/v1/insights/figure-definitions                           → FigureDefinitionList     staff
 *   PUT /api/v1/insights/figure-definitions/:key  FigureDefinitionBody → FigureDefinitionVersion staff, audited
 *
 * Bad query parameters (a date that is not YYYY-MM-DD, an unknown dimension, type or format)
 * answer 400 application/problem+json with `errors: [{ path, messages: { ko, en } }]`.
 * Staff-only routes answer 401 to anonymous visitors and 403 to members.
 *
 * Counts are integers; rates and shares are percent, unrounded (64.63 = 64.63 %); LQ values are
 * unrounded ratios. Dates are YYYY-MM-DD (Asia/Seoul).
 */

export interface Bilingual {
  ko: string;
  en: string;
}

export type DownloadFormat = 'json' | 'csv' | 'xlsx';

/**
 * Which organisations a table counts as of `asOf`:
 * - operating (default): registered on or before asOf and not closed or cancelled on or before it;
 * - registered: every organisation registered on or before asOf, closed or not — the basis of the
 *   2013 report's table (its 656 social enterprises are all ever designated: the survival table's
 *   designated total, of which 424 still operated).
 * "Registered" = the first designation/certification for types that exist by designation (social
 * enterprise, village enterprise), otherwise the founding date (or the first status event).
 * Organisations with no date at all count at every date (see `undated`).
 */
export type CountBasis = 'operating' | 'registered';

// ─── distribution ────────────────────────────────────────────────────────────────────────────

/** GET /api/v1/insights/distribution?asOf=2013-12-31&basis=registered&dimension=type&format=json */
export interface DistributionQuery {
  /** YYYY-MM-DD, default today */
  asOf?: string;
  /** default 'operating' */
  basis?: CountBasis;
  /** columns: 'type' (default; the report's layout) or 'industry' (the 13 map-legend industries) */
  dimension?: 'type' | 'industry';
  /** comma-separated type keys; restricts the rows counted (useful with dimension=industry) */
  type?: string;
  format?: DownloadFormat;
}

export interface DistributionColumn {
  /**
   * dimension=type: se_certified, se_seoul_pre, se_regional_pre, [se_pre_unknown], se_subtotal,
   * village, coop, self_sufficiency, [intermediary, council, untyped], total — bracketed columns
   * appear only when some organisation falls in them.
   * dimension=industry: the industry keys (living, culture_leisure, …), [unknown], total.
   */
  key: string;
  label: Bilingual;
  /** count: a cell of its own; subtotal: sum of `parts`; total: the row's sum */
  kind: 'count' | 'subtotal' | 'total';
  parts?: string[];
}

export interface DistributionRow {
  /** district: a Seoul district (code = 5-digit 시군구 code); region: organisations outside Seoul
   * without a district, by the 시도 their address names (e.g. 경기도, code = 2-digit 시도 code '41');
   * unknown: neither a district nor a region is known (code null) */
  kind: 'district' | 'region' | 'unknown';
  code: string | null;
  label: Bilingual;
  /** column key → count (every column, subtotals and total included) */
  cells: Record<string, number>;
}

export interface DistributionTable {
  asOf: string;
  basis: CountBasis;
  dimension: 'type' | 'industry';
  columns: DistributionColumn[];
  /** the 25 districts in 가나다 order as the report lists them (all, zeros included), then regions, then unknown */
  rows: DistributionRow[];
  /** column totals over all rows (the report's 계 row) */
  totals: Record<string, number>;
  /** mean of the 25 Seoul districts per column (the report's 평균 row), unrounded */
  seoulMean: Record<string, number>;
  /** organisations counted with no founding or status date at all */
  undated: number;
  notes: Bilingual[];
}

// ─── growth ──────────────────────────────────────────────────────────────────────────────────

/** GET /api/v1/insights/growth?from=2007&to=2013&type=social_enterprise */
export interface GrowthQuery {
  /** first year (default: the earliest year in the data) */
  from?: number;
  /** last year (default: this year) */
  to?: number;
  /** comma-separated type keys */
  type?: string;
  format?: DownloadFormat;
}

export interface GrowthYear {
  year: number;
  /** organisations whose founding date falls in the year */
  founded: number;
  /** status events of each kind dated in the year */
  designated: number;
  certified: number;
  converted: number;
  cancelled: number;
  closed: number;
  /** at 31 December of the year: registered so far, and operating then */
  registeredAtYearEnd: number;
  operatingAtYearEnd: number;
}

export interface GrowthTable {
  from: number;
  to: number;
  types: string[] | null;
  years: GrowthYear[];
  notes: Bilingual[];
}

// ─── survival ────────────────────────────────────────────────────────────────────────────────

/** GET /api/v1/insights/survival?asOf=2013-12-31&type=social_enterprise */
export interface SurvivalQuery {
  asOf?: string;
  /** the type whose designation cohorts are compared (default social_enterprise) */
  type?: string;
  format?: DownloadFormat;
}

export interface SurvivalAfter {
  years: 1 | 2 | 3;
  /** designated at least `years` before asOf (with a dated designation) */
  eligible: number;
  /** of those, not closed or cancelled within `years` of designation */
  surviving: number;
  /** surviving ÷ eligible × 100; null when nobody is eligible */
  share: number | null;
}

export interface SurvivalCohort {
  /**
   * The subtype the organisation last held (as of asOf, or when it closed): for social
   * enterprises certified, seoul_pre_certified, regional_pre_certified, or pre_certified when the
   * history does not say which pre-certification; 'total' for the all-cohorts row.
   */
  key: string;
  label: Bilingual;
  /** ever designated (or certified) on or before asOf */
  designated: number;
  /** of those, neither closed nor cancelled on or before asOf */
  operating: number;
  /** operating ÷ designated × 100 */
  operatingRate: number | null;
  /** designated ÷ all designated × 100 */
  shareOfDesignated: number | null;
  /** operating ÷ all operating × 100 */
  shareOfOperating: number | null;
  after: SurvivalAfter[];
  /** closed (status) with no dated closure event: counted as not operating, left out of `after` and the curve */
  undatedClosures: number;
}

export interface KaplanMeierStep {
  /** months since designation (whole months) */
  month: number;
  /** organisations still designated and observed at the start of this month */
  atRisk: number;
  /** closures/cancellations at this month */
  events: number;
  /** observations censored at this month (still operating at asOf) */
  censored: number;
  /** S(t) after this month's events, 0…1 */
  survival: number;
}

export interface KaplanMeierCurve {
  cohort: string;
  label: Bilingual;
  /** month 0 first (atRisk = everyone, survival 1), then every month with an event or censoring */
  steps: KaplanMeierStep[];
  /** at-risk counts every 12 months (0, 12, 24, …) for the table under the chart */
  atRiskEvery12: { month: number; atRisk: number }[];
}

export interface SurvivalReport {
  asOf: string;
  type: string;
  /** cohorts in the report's order (서울형 예비, 인증, 지역형 예비, then others), then the total row */
  cohorts: SurvivalCohort[];
  total: SurvivalCohort;
  curves: KaplanMeierCurve[];
  formulas: {
    operatingRate: Bilingual;
    after: Bilingual;
    kaplanMeier: Bilingual;
  };
  notes: Bilingual[];
}

// ─── location quotients ──────────────────────────────────────────────────────────────────────

/** GET /api/v1/insights/location-quotients?asOf=2013-12-31&basis=operating&type=social_enterprise */
export interface LocationQuotientQuery {
  asOf?: string;
  basis?: CountBasis;
  type?: string;
  format?: DownloadFormat;
}

export interface LocationQuotientCell {
  industry: string;
  /** n(d, i) */
  count: number;
  /** (n(d,i)/n(d)) ÷ (n(i)/n); null when n(d) or n(i) is 0 */
  lq: number | null;
  /** lq ≥ threshold */
  high: boolean;
}

export interface LocationQuotientTable {
  asOf: string;
  basis: CountBasis;
  types: string[] | null;
  formula: { text: string; explanation: Bilingual };
  /** 1.2 */
  threshold: number;
  industries: { key: string; label: Bilingual; count: number }[];
  /** the 25 Seoul districts; organisations outside Seoul or without an industry are left out (see notes) */
  rows: { code: string; label: Bilingual; count: number; cells: LocationQuotientCell[] }[];
  /** n: organisations in the matrix */
  total: number;
  notes: Bilingual[];
}

// ─── headline figures (staff) ────────────────────────────────────────────────────────────────

/** GET /api/v1/insights/figures?year=2013 ; GET /api/v1/insights/figures/:key/rows?year=2013 */
export interface FiguresQuery {
  year: number;
  /** compute with this version of the definition instead of the one valid for the year */
  version?: number;
  format?: DownloadFormat;
}

export interface HeadlineFigure {
  key: string;
  label: Bilingual;
  /** the definition version used */
  version: number;
  /** computed live from the published views */
  value: number;
  unit: Bilingual;
  /** a figure a source document printed for this year (e.g. the 2013 report), if recorded */
  reported: { value: number; source: string | null; note: string | null } | null;
  /** value − reported.value */
  difference: number | null;
  /** one sentence: what the definition counts */
  explanation: Bilingual;
  /** API path of the drill-down */
  rowsPath: string;
}

export interface HeadlineFigures {
  year: number;
  figures: HeadlineFigure[];
}

export interface FigureRowsColumn {
  key: string;
  label: Bilingual;
}

export interface FigureRows {
  key: string;
  year: number;
  version: number;
  label: Bilingual;
  value: number;
  /**
   * distinct_organizations: one row per organisation counted (organizationId, organization,
   * sources — every touch, e.g. "program_partner:1-1 사회적경제 네트워크 지원사업; linkage:space
   * 2013-11-12; booking:서로배움터 1 2013-05-02"), value = rows.length;
   * sum: one row per KPI summed (year, programCode, programName, kpiId, kpiName, unit, kind,
   * result, done), value = Σ `valueColumn`;
   * count: one row per row of the view counted (partners, KPIs, linkages or bookings), value = rows.length.
   */
  columns: FigureRowsColumn[];
  rows: Record<string, string | number | boolean | null>[];
  /** the column summed, for sum figures */
  valueColumn: string | null;
}

// ─── figure definitions (data, versioned) ────────────────────────────────────────────────────

/**
 * The published views a definition may read (each owned by the module that publishes it):
 * programs_partners_v and programs_kpis_v (programs), sharing_linkages_v (sharing: completed
 * resource linkages, by the year they completed), spaces_bookings_v (spaces: approved or completed
 * room bookings, by the Seoul year they start).
 */
export type FigureSourceView = 'programs_partners_v' | 'programs_kpis_v' | 'sharing_linkages_v' | 'spaces_bookings_v';

/**
 * A row filter over a view's columns. Fields per view:
 * programs_partners_v: program_code, program_name, partner_name, role;
 * programs_kpis_v: program_code, program_name, name, unit, kind ('quantity'|'deliverable'), done, result;
 * sharing_linkages_v: category_key (space, equipment, goods, …), district_code, is_demo;
 * spaces_bookings_v: room_name, status ('approved'|'completed'), attendees, is_demo.
 * `matches` is a PostgreSQL regular expression (~), e.g. "포럼|설명회|행사|교육|워크숍".
 */
export type FigureCondition =
  | { field: string; op: 'eq'; value: string | number | boolean | null }
  | { field: string; op: 'in'; value: (string | number)[] }
  | { field: string; op: 'matches'; value: string }
  | { any: FigureCondition[] }
  | { all: FigureCondition[] };

export type FigureDefinitionSpec =
  | {
      /**
       * distinct organisations over several sources: programs_partners_v (the linked organisation),
       * sharing_linkages_v (owner and requester both), spaces_bookings_v (the booking organisation);
       * purchases and orders when those modules publish views. programs_kpis_v names no organisation.
       */
      kind: 'distinct_organizations';
      sources: { view: FigureSourceView; where?: FigureCondition }[];
    }
  | { kind: 'sum'; view: 'programs_kpis_v'; column: 'result'; where?: FigureCondition }
  | { kind: 'count'; view: FigureSourceView; where?: FigureCondition };

export interface FigureDefinitionVersion {
  key: string;
  version: number;
  label: Bilingual;
  unit: Bilingual;
  definition: FigureDefinitionSpec;
  /** applies to figures of years whose 31 December is on or after this date */
  validFrom: string;
  note: string | null;
  /** the user who wrote this version (null for the system), and 'user' or 'system:<name>' */
  createdBy: { userId: string | null; label: string };
  createdAt: string;
}

export interface FigureDefinitionList {
  items: {
    key: string;
    /** the newest version */
    current: FigureDefinitionVersion;
    /** every version, newest first */
    versions: FigureDefinitionVersion[];
  }[];
}

/** PUT /api/v1/insights/figure-definitions/:key — creates the next version (or version 1 of a new key). */
export interface FigureDefinitionBody {
  label: Bilingual;
  unit: Bilingual;
  definition: FigureDefinitionSpec;
  /** default: the previous version's validFrom (a correction), or 2000-01-01 for a new key */
  validFrom?: string;
  note?: string | null;
  /** the version the editor started from; 409 if another edit came first */
  expectedVersion?: number;
}

// ─── annual report chapter (index.ts: insightsChapter(ctx, year)) ────────────────────────────

export interface InsightsChapter {
  title: string;
  tables: { caption: string; headers: string[]; rows: (string | number | null)[][] }[];
  notes: string[];
}
