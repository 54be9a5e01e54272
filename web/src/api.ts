import type { Bilingual } from './i18n/index.tsx';

/** A field-level error from the API (RFC 9457 problem `errors`), e.g. path "rows.3.district". */
export interface FieldError {
  path: string;
  row?: number;
  messages: Bilingual;
}

/** Any answer of the API that is not a success: carries the problem's messages and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly messages: Bilingual,
    readonly errors: FieldError[] = [],
  ) {
    super(messages.en);
  }

  /** The errors of one field, by its path (or the path's last part). */
  forField(path: string): FieldError[] {
    return this.errors.filter((e) => e.path === path || e.path.endsWith(`.${path}`));
  }
}

let csrfToken: string | undefined;
/** Set from the session: cookie-authenticated writes must echo it (CSRF defence on the server). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const NETWORK: Bilingual = { ko: '서버에 연결할 수 없습니다. 인터넷 연결을 확인해 주세요.', en: 'Cannot reach the server. Check your connection.' };

async function toError(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as { type?: string; messages?: Bilingual; title?: string; errors?: FieldError[] };
    return new ApiError(res.status, p.type ?? 'about:blank', p.messages ?? { ko: p.title ?? res.statusText, en: p.title ?? res.statusText }, p.errors ?? []);
  } catch {
    return new ApiError(res.status, 'about:blank', { ko: `서버 오류 (${res.status})`, en: `Server error (${res.status})` });
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Raw body (a file) with its content type, instead of JSON. */
  raw?: { data: Blob | ArrayBuffer | string; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the API; resolves with the JSON body (undefined for 204), rejects with ApiError. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.data as BodyInit;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', NETWORK);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204 || res.status === 202) return undefined as T;
  return (await res.json()) as T;
}

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null | string[]>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) u.set(k, v.join(','));
    } else u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

// ——— shapes of the API's answers that several pages use (see /api/docs) ———

export interface Term {
  key: string;
  label: Bilingual;
}
export interface District {
  code: string;
  name: Bilingual;
}
export interface OrganizationSummary {
  id: string;
  name: string;
  nameEn: string | null;
  type: Term | null;
  subtype: Term | null;
  industry: Term | null;
  district: District | null;
  roadAddress: string | null;
  location: { lat: number; lon: number } | null;
  status: 'operating' | 'closed';
  isDemo: boolean;
}
export interface Organization extends OrganizationSummary {
  legalForm: string | null;
  representative: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  socialLinks: Record<string, string>;
  description: string | null;
  products: string | null;
  businessRegNo: string | null;
  foundedOn: string | null;
  employees: number | null;
  members: number | null;
  statusHistory: { kind: string; on: string; note: string | null }[];
  councils: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}
export interface Facet {
  key: string;
  label: Bilingual;
  count: number;
}
export interface OrganizationPage {
  items: OrganizationSummary[];
  total: number;
  page: number;
  pageSize: number;
  facets: { type: Facet[]; industry: Facet[]; district: Facet[] };
}
export interface Taxonomy {
  types: (Term & { subtypes: Term[] })[];
  industries: Term[];
  districts: { code: string; name: Bilingual; adminOrgCode: string | null; censusCode: string | null }[];
}
export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: 'ko' | 'en';
  role: 'admin' | 'staff' | 'member';
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}
export interface Session {
  user: User;
  memberships: { organizationId: string; role: 'owner' | 'editor' }[];
  csrfToken: string;
}

/** A page of a list the API pages (items with their total). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** An edit proposal (directory schema `EditProposal`). */
export interface Proposal {
  id: string;
  organizationId: string;
  organizationName: string | null;
  status: 'pending' | 'approved' | 'rejected';
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
  note: string | null;
  reason: string | null;
  proposedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A request to manage an organisation (identity schema `MembershipRequest`); `user` only in staff lists. */
export interface MembershipRequest {
  id: string;
  organizationId: string;
  userId: string;
  user?: { email: string; displayName: string };
  message: string | null;
  status: 'pending' | 'approved' | 'rejected';
  grantedRole: 'owner' | 'editor' | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

// ——— programmes (server: src/modules/programs/model.ts and schema.ts; mirrored by hand) ———

/**
 * How a rate was arrived at: kpi_mean (mean of the KPI rates), stated (the programme's own rule,
 * with its reason), ratio (result ÷ target × 100), deliverable (done 100 / not done 0),
 * spent_over_granted / spent_over_budget (execution), none (cannot be derived).
 */
export type RateRule = 'kpi_mean' | 'stated' | 'ratio' | 'deliverable' | 'spent_over_granted' | 'spent_over_budget' | 'none';

/** A rate in percent (unrounded), how it was derived, and what the source printed for it. */
export interface DerivedRate {
  value: number | null;
  rule: RateRule;
  explanation: Bilingual;
  reported: number | null;
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

/** Integer won; returnedExpected = granted − spent. */
export interface MoneyFigures {
  budget: number | null;
  granted: number | null;
  spent: number | null;
  returned: number | null;
  returnedExpected: number | null;
  interest: number | null;
}

export interface ReportBudgetLine extends MoneyFigures {
  id: string;
  parentId: string | null;
  level: number;
  name: string;
  category: string | null;
  categoryLabel: Bilingual | null;
  execution: DerivedRate;
  note: string | null;
}

export interface ReportTransfer {
  id: string;
  date: string;
  fromLine: string | null;
  toLine: string | null;
  amount: number;
  reason: string;
}

export interface ReportScheduleTask {
  id: string;
  task: string;
  planned: string[];
  actual: string[];
  milestone: boolean;
  note: string | null;
}

export interface ReportPartner {
  name: string;
  role: string | null;
  organizationId: string | null;
}

export type ProgramTier = 'programme' | 'group' | 'sub';
export type BudgetGroupKey = 'basic' | 'additional' | 'operations' | 'personnel';

export interface ReportProgram {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  tier: ProgramTier;
  parentCode: string | null;
  counted: boolean;
  area: { code: string; name: string; nameEn: string | null } | null;
  budgetGroup: { key: string; label: Bilingual };
  period: { start: string | null; end: string | null; text: string | null };
  method: string;
  goal: string;
  description: string;
  partners: ReportPartner[];
  responsibleStaff: string[];
  kpis: ReportKpi[];
  achievement: DerivedRate;
  kpiMean: number | null;
  money: MoneyFigures;
  execution: DerivedRate;
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

/** A row of a year's overview table (tier programme/group without a parent); `area` is the area's code. */
export interface OverviewRow {
  programId: string;
  code: string;
  name: string;
  area: string | null;
  budgetGroup: string;
  goal: string;
  targets: string;
  results: string;
  money: MoneyFigures;
  execution: DerivedRate;
  achievement: DerivedRate;
  counted: boolean;
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
  formula: Bilingual;
  value: number | null;
  programCodes: string[];
  reported: number | null;
  difference: number | null;
  reproduces: boolean | null;
}

/** Totals and means of a group of overview rows: key 'total', 'group:<key>' or 'area:<code>'. */
export interface RollupGroup {
  key: string;
  label: Bilingual;
  programCount: number;
  money: { budget: number; granted: number; spent: number; returned: number; interest: number };
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

export interface ProgramArea {
  code: string;
  nameKo: string;
  nameEn?: string | null;
  budgetGroup: BudgetGroupKey;
  sort?: number;
}

/** GET /api/v1/program-years */
export interface ProgramYearSummary {
  year: number;
  title: string;
  programCount: number;
  granted: number;
  spent: number;
  isDemo: boolean;
}

/** GET /api/v1/program-years/:year */
export interface ProgramYear {
  year: number;
  title: string;
  organisationName: string;
  source: string | null;
  areas: ProgramArea[];
  overview: OverviewRow[];
  rollups: { total: RollupGroup; byGroup: RollupGroup[]; byArea: RollupGroup[] };
  notes: YearNote[];
  programs: { id: string; code: string; name: string; tier: ProgramTier; parentCode: string | null }[];
}

/** GET /api/v1/program-taxonomy */
export interface ProgramTaxonomy {
  budgetGroups: { key: string; labelKo: string; labelEn: string }[];
  budgetCategories: { key: string; labelKo: string; labelEn: string }[];
}

/** What staff send to create or replace a programme (schema `ProgramInput`); empty values are left out. */
export interface ProgramInput {
  code: string;
  nameKo: string;
  nameEn?: string | null;
  areaCode?: string | null;
  budgetGroup: BudgetGroupKey;
  parentCode?: string | null;
  tier: ProgramTier;
  counted: boolean;
  sort?: number | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  periodText?: string | null;
  method: string;
  goal: string;
  description: string;
  responsibleStaff: string[];
  achievementStated?: number | null;
  achievementStatedNote?: string | null;
  executionStated?: number | null;
  executionStatedNote?: string | null;
  /** when set, the rate is left out of the year's means, for this reason */
  achievementExcludedNote?: string | null;
  executionExcludedNote?: string | null;
  achievementReported?: number | null;
  executionReported?: number | null;
  budget?: number | null;
  granted?: number | null;
  spent?: number | null;
  returned?: number | null;
  interest?: number | null;
  evaluation: { achievements: string[]; limits: string[]; nextTasks: string[] };
  notes: string[];
  source?: string | null;
  kpis: {
    name: string;
    unit?: string | null;
    kind: 'quantity' | 'deliverable';
    target?: number | null;
    targetText?: string | null;
    result?: number | null;
    resultText?: string | null;
    done?: boolean | null;
    rateReported?: number | null;
    note?: string | null;
  }[];
  lines: {
    key?: string | null;
    parentKey?: string | null;
    name: string;
    category?: string | null;
    budget?: number | null;
    granted?: number | null;
    spent?: number | null;
    returned?: number | null;
    interest?: number | null;
    note?: string | null;
  }[];
  transfers: { date: string; fromLine?: string | null; toLine?: string | null; amount: number; reason: string }[];
  schedule: { task: string; planned: string[]; actual: string[]; milestone: boolean; note?: string | null }[];
  partners: { name: string; role?: string | null; organizationId?: string | null }[];
  version?: number;
}

/** GET /api/v1/programs/:id: the programme as the report shows it, and its stored values for the edit form. */
export interface ProgramDetail extends ReportProgram {
  year: number;
  input: ProgramInput;
}

/** POST /api/v1/program-years/:year/import: what an import found (dry run) or did. */
export interface ProgramImportReport {
  dryRun: boolean;
  programs: number;
  kpis: number;
  lines: number;
  errors: FieldError[];
}
