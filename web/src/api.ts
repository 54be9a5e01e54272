import type { z } from 'zod';
import type { Bilingual } from './i18n/index.tsx';
import type { importReport, programDetail, ProgramInput, taxonomyResponse, yearDetail, yearSummary } from '../../src/modules/programs/schema.ts';

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

// ——— programmes (server: src/modules/programs/model.ts and schema.ts, imported type-only) ———
// The report model (rates and how they were derived, KPIs, money, overview rows, rollups, notes) is
// the server's own src/modules/programs/model.ts; the API's requests and responses are the output
// types of the zod schemas in src/modules/programs/schema.ts (the same schemas the routes answer
// with). `import type` / `export type` only: no server code reaches the bundle, and the compiler
// tells the pages when the contract changes.

export type {
  RateRule,
  DerivedRate,
  ReportKpi,
  MoneyFigures,
  ReportBudgetLine,
  ReportTransfer,
  ReportScheduleTask,
  ReportPartner,
  ReportProgram,
  OverviewRow,
  MeanMethod,
  RollupMean,
  RollupGroup,
  YearNote,
  AnnualReport,
  ReportFormat,
} from '../../src/modules/programs/model.ts';

/** What staff send to create or replace a programme, and what the detail returns for the edit form. */
export type { ProgramInput } from '../../src/modules/programs/schema.ts';

export type ProgramTier = ProgramInput['tier'];
export type BudgetGroupKey = ProgramInput['budgetGroup'];

/** GET /api/v1/program-years (items) */
export type ProgramYearSummary = z.output<typeof yearSummary>;

/** GET /api/v1/program-years/:year */
export type ProgramYear = z.output<typeof yearDetail>;

/** GET /api/v1/program-taxonomy */
export type ProgramTaxonomy = z.output<typeof taxonomyResponse>;

/** GET /api/v1/programs/:id: the programme as the report shows it, and its stored values for the edit form. */
export type ProgramDetail = z.output<typeof programDetail>;

/** POST /api/v1/program-years/:year/import: what an import found (dry run) or did. */
export type ProgramImportReport = z.output<typeof importReport>;

