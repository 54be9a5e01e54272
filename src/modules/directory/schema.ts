import { z } from 'zod';
import { isCalendarDate, KOREA_BBOX, normalizeBusinessRegNo } from '../../kernel/korea.ts';
import { pageQuery } from '../../kernel/pagination.ts';

const bilingual = z.object({ ko: z.string(), en: z.string() });
const term = z.object({ key: z.string(), label: bilingual }).meta({ id: 'Term' });

export const STATUS_EVENT_KINDS = ['designated', 'certified', 'converted', 'cancelled', 'closed'] as const;
export const ORGANIZATION_STATUSES = ['operating', 'closed'] as const;
export const SORTS = ['relevance', 'name', 'newest', 'founded'] as const;

const isoDate = z.string().refine(isCalendarDate, { message: 'Must be a date written YYYY-MM-DD', params: { ko: '날짜는 YYYY-MM-DD 형식이어야 합니다' } });

export const organizationSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameEn: z.string().nullable(),
    type: term.nullable(),
    subtype: term.nullable(),
    industry: term.nullable(),
    district: z.object({ code: z.string(), name: bilingual }).nullable(),
    roadAddress: z.string().nullable(),
    location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
    status: z.enum(ORGANIZATION_STATUSES),
    isDemo: z.boolean(),
  })
  .meta({ id: 'OrganizationSummary' });

export const statusEvent = z.object({ kind: z.enum(STATUS_EVENT_KINDS), on: z.string(), note: z.string().nullable() }).meta({ id: 'StatusEvent' });

export const organization = organizationSummary
  .extend({
    legalForm: z.string().nullable(),
    representative: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    socialLinks: z.record(z.string(), z.string()),
    description: z.string().nullable(),
    products: z.string().nullable(),
    businessRegNo: z.string().nullable(),
    foundedOn: z.string().nullable(),
    employees: z.number().int().nullable(),
    members: z.number().int().nullable(),
    statusHistory: z.array(statusEvent),
    councils: z.array(z.object({ id: z.uuid(), name: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organization' });

const facet = z.array(z.object({ key: z.string(), label: bilingual, count: z.number().int() }));
export const organizationPage = z
  .object({
    items: z.array(organizationSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ type: facet, industry: facet, district: facet }).describe('counts under every other filter, for each value of the dimension'),
  })
  .meta({ id: 'OrganizationPage' });

const list = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .optional();

export const filterQuery = {
  q: z.string().trim().max(100).optional().describe('name fragment in Korean or English, or 초성 such as ㅅㅎㅈ; spacing is ignored'),
  type: list(200).describe('type keys, comma-separated (cooperative, social_enterprise, …)'),
  subtype: list(400).describe('subtype keys, comma-separated'),
  industry: list(400).describe('industry keys, comma-separated'),
  district: list(400).describe('5-digit 시군구 codes, comma-separated'),
  status: z.enum(ORGANIZATION_STATUSES).optional(),
};
export const organizationQuery = z.object({
  ...filterQuery,
  sort: z.enum(SORTS).optional().describe('relevance (default with q), name (default otherwise), newest, founded'),
  ...pageQuery,
});
export type OrganizationQuery = z.infer<typeof organizationQuery>;
export type OrganizationFilter = Pick<OrganizationQuery, 'q' | 'type' | 'subtype' | 'industry' | 'district' | 'status'>;

const nullableText = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable();

/** Limits and patterns of the profile fields, shared with the import's quick check (importer.ts). */
export const FIELD_LIMITS = {
  name: 200,
  nameEn: 200,
  legalForm: 100,
  representative: 100,
  termKey: 50,
  roadAddress: 300,
  description: 5000,
  products: 5000,
  employees: 1_000_000,
  members: 10_000_000,
} as const;
export const DISTRICT_CODE = /^\d{5}$/;
export const PHONE = /^[0-9+\-() ]{7,20}$/;

/** The fields a profile is made of; shared by create, staff edit and members' proposals. */
export const organizationFields = z.object({
  name: z.string().trim().min(1).max(FIELD_LIMITS.name).describe('Korean name, as registered'),
  nameEn: nullableText(FIELD_LIMITS.nameEn),
  legalForm: nullableText(FIELD_LIMITS.legalForm).describe('e.g. 주식회사, 사단법인, 협동조합'),
  representative: nullableText(FIELD_LIMITS.representative).describe('대표자'),
  typeKey: z.string().max(FIELD_LIMITS.termKey).nullable(),
  subtypeKey: z.string().max(FIELD_LIMITS.termKey).nullable(),
  industryKey: z.string().max(FIELD_LIMITS.termKey).nullable(),
  districtCode: z
    .string()
    .refine((s) => DISTRICT_CODE.test(s), { message: 'A district is a 5-digit code', params: { ko: '자치구는 5자리 코드입니다' } })
    .nullable(),
  roadAddress: nullableText(FIELD_LIMITS.roadAddress),
  location: z
    .object({
      lat: z.number().min(KOREA_BBOX.minLat).max(KOREA_BBOX.maxLat),
      lon: z.number().min(KOREA_BBOX.minLon).max(KOREA_BBOX.maxLon),
    })
    .nullable()
    .describe('WGS 84; must fall within Korea'),
  phone: z
    .string()
    .trim()
    .refine((s) => PHONE.test(s), { message: 'Not a phone number', params: { ko: '전화번호 형식이 아닙니다' } })
    .nullable(),
  email: z.email().max(254).nullable(),
  website: z.url({ protocol: /^https?$/ }).max(500).nullable(),
  socialLinks: z.record(z.string().max(30), z.url({ protocol: /^https?$/ }).max(500)),
  description: nullableText(FIELD_LIMITS.description),
  products: nullableText(FIELD_LIMITS.products).describe('products and services'),
  businessRegNo: z
    .string()
    .trim()
    .transform((s, ctx) => {
      const v = normalizeBusinessRegNo(s);
      if (!v) ctx.addIssue({ code: 'custom', message: 'Not a valid business registration number (10 digits with its check digit)', params: { ko: '사업자등록번호가 올바르지 않습니다 (검증 숫자 포함 10자리)' } });
      return v ?? s;
    })
    .nullable(),
  foundedOn: isoDate.nullable(),
  status: z.enum(ORGANIZATION_STATUSES),
  employees: z.number().int().min(0).max(FIELD_LIMITS.employees).nullable(),
  members: z.number().int().min(0).max(FIELD_LIMITS.members).nullable(),
  councilIds: z.array(z.uuid()).max(50),
});
export type OrganizationFields = z.infer<typeof organizationFields>;

export const createOrganizationBody = organizationFields.partial().required({ name: true });
export const updateOrganizationBody = organizationFields
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change', params: { ko: '바꿀 내용이 없습니다' } });
export type OrganizationPatch = z.infer<typeof updateOrganizationBody>;

export const statusEventBody = z.object({ kind: z.enum(STATUS_EVENT_KINDS), on: isoDate, note: nullableText(500).optional() });

export const organizationParam = z.object({ id: z.uuid() });

export const mapQuery = z.object({
  ...filterQuery,
  bbox: z
    .string()
    .transform((s, ctx) => {
      const n = s.split(',').map(Number);
      if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! >= n[2]! || n[1]! >= n[3]!) {
        ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees', params: { ko: 'bbox는 서,남,동,북 경위도입니다' } });
        return z.NEVER;
      }
      return n as [number, number, number, number];
    })
    .default([126.7, 37.4, 127.3, 37.75])
    .describe('west,south,east,north (default: all of Seoul)'),
  zoom: z.coerce.number().int().min(0).max(20).default(11),
});

export const taxonomy = z
  .object({
    types: z.array(term.extend({ subtypes: z.array(term) })),
    industries: z.array(term),
    districts: z.array(z.object({ code: z.string(), name: bilingual, adminOrgCode: z.string().nullable(), censusCode: z.string().nullable() })),
  })
  .meta({ id: 'DirectoryTaxonomy' });

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const proposal = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string().nullable(),
    status: z.enum(PROPOSAL_STATUSES),
    changes: z.record(z.string(), z.unknown()).describe('the proposed fields'),
    before: z.record(z.string(), z.unknown()).describe('those fields as they were when proposed'),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    proposedBy: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'EditProposal' });
export const proposalPage = z.object({ items: z.array(proposal), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const proposalBody = z.object({ changes: updateOrganizationBody, note: nullableText(1000).optional() });
export const proposalQuery = z.object({ status: z.enum(PROPOSAL_STATUSES).optional(), ...pageQuery });
export const proposalParam = z.object({ id: z.uuid() });
export const rejectBody = z.object({
  reason: z.string().trim().max(1000).refine((s) => s.length > 0, { message: 'Say why it is rejected', params: { ko: '반려 사유를 적어 주세요' } }),
});

export const historyPage = z
  .object({
    items: z.array(z.object({ at: z.string(), action: z.string(), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'OrganizationHistory' });
export const historyQuery = z.object({ ...pageQuery });

export const importQuery = z.object({
  format: z.enum(['csv', 'xlsx']).optional().describe('default: from the Content-Type'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  filename: z.string().max(200).optional(),
  mapping: z
    .string()
    .max(10_000)
    .transform((s, ctx) => {
      try {
        const m = JSON.parse(s) as unknown;
        if (m && typeof m === 'object' && !Array.isArray(m) && Object.values(m).every((v) => typeof v === 'string')) return m as Record<string, string>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'mapping is a JSON object from column header to field name', params: { ko: 'mapping은 열 제목 → 필드 이름의 JSON 객체입니다' } });
      return z.NEVER;
    })
    .optional()
    .describe('JSON object: {"column header": "field"} for layouts the built-in headers do not cover'),
});
const fieldError = z.object({ path: z.string(), row: z.number().int().optional(), messages: bilingual });
export const importReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int().describe('organisations created (or that would be, in a dry run)'),
    duplicates: z.array(
      z.object({ row: z.number().int(), name: z.string(), reason: z.enum(['businessRegNo', 'nameAndAddress', 'nameAndPhone', 'nameOnly']), existingId: z.string().optional(), sameAsRow: z.number().int().optional() }),
    ),
    errors: z.array(fieldError),
  })
  .meta({ id: 'ImportReport' });
