import { z } from 'zod';
import { isCalendarDate } from '../../kernel/korea.ts';
import { pageQuery } from '../../kernel/pagination.ts';
import { photoInput, photoOutput } from '../../kernel/images.ts';

const bilingual = z.object({ ko: z.string(), en: z.string() });

export const CATEGORIES = ['space', 'equipment', 'goods', 'used_goods', 'talent_people', 'problem_solving'] as const;
export const TERMS = ['free', 'cost_recovery', 'fee'] as const;
export const RESOURCE_STATUSES = ['available', 'paused', 'gone'] as const;
export const REQUEST_STATUSES = ['requested', 'proposed', 'accepted', 'declined', 'cancelled', 'handed_over', 'completed'] as const;
export type Category = (typeof CATEGORIES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const isoDate = z.string().refine(isCalendarDate, { message: 'Must be a date written YYYY-MM-DD', params: { ko: '날짜는 YYYY-MM-DD 형식이어야 합니다' } });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const requiredText = (max: number, ko: string, en: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => s.length > 0, { message: en, params: { ko } });

const dateRange = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { message: 'The end date comes before the start date', params: { ko: '끝나는 날이 시작하는 날보다 앞섭니다' }, path: ['to'] });

/**
 * A photo uploaded to sehub (POST /api/v1/procurement/photos) for the resource's organisation. A link to
 * another site is refused: the platform's Content-Security-Policy (img-src 'self') would not show it,
 * and it would tell that site who looks at the resource.
 */
export const photo = photoInput;

export const category = z.object({ key: z.enum(CATEGORIES), label: bilingual, returns: z.boolean() }).meta({ id: 'SharingCategory' });
export const district = z.object({ code: z.string(), name: bilingual });
const orgRef = z.object({ id: z.uuid(), name: z.string() });

export const resource = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    category,
    district: district.nullable(),
    organization: orgRef,
    photos: z.array(photoOutput),
    terms: z.enum(TERMS),
    feeWon: z.number().int().nullable().describe('integer won; null when free'),
    availability: z.string().nullable(),
    availableRanges: z.array(z.object({ from: z.string(), to: z.string() })),
    quantity: z.number().int().nullable(),
    status: z.enum(RESOURCE_STATUSES),
    isDemo: z.boolean(),
    canManage: z.boolean().describe('the caller may edit it and answer its requests'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SharingResource' });
export type Resource = z.infer<typeof resource>;

const facet = z.array(z.object({ key: z.string(), label: bilingual, count: z.number().int() }));
export const resourcePage = z
  .object({
    items: z.array(resource),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ category: facet, district: facet }).describe('counts under every other filter, for each value of the dimension'),
  })
  .meta({ id: 'SharingResourcePage' });

const list = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .optional();

export const resourceQuery = z.object({
  q: z.string().trim().max(100).optional().describe('fragment of a title or description in Korean or English, or 초성; spacing is ignored'),
  category: list(200).describe('category keys, comma-separated'),
  district: list(400).describe('5-digit 시군구 codes, comma-separated'),
  organization: z.uuid().optional().describe('only this organisation’s resources'),
  status: z
    .enum([...RESOURCE_STATUSES, 'all'])
    .default('available')
    .describe('available (default); other statuses only for the organisation’s managers and staff, with `organization`'),
  ...pageQuery,
});
export type ResourceQuery = z.infer<typeof resourceQuery>;

const resourceBase = z.object({
    title: requiredText(200, '제목을 적어 주세요', 'Give a title'),
    description: optionalText(5000),
    categoryKey: z.enum(CATEGORIES),
    districtCode: z
      .string()
      .refine((s) => /^\d{5}$/.test(s), { message: 'A district is a 5-digit code', params: { ko: '자치구는 5자리 코드입니다' } })
      .nullable()
      .optional()
      .describe('defaults to the organisation’s district'),
    photos: z.array(photo).max(10).default([]),
    terms: z.enum(TERMS),
    feeWon: z.number().int().min(0).max(1_000_000_000).nullable().optional().describe('integer won; required unless terms is free'),
    availability: optionalText(1000),
    availableRanges: z.array(dateRange).max(50).default([]),
    quantity: z.number().int().min(1).max(1_000_000).nullable().optional(),
    status: z.enum(RESOURCE_STATUSES).default('available'),
});
function feeGiven(v: { terms: string; feeWon?: number | null | undefined }, ctx: z.RefinementCtx) {
  if (v.terms !== 'free' && (v.feeWon === null || v.feeWon === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['feeWon'], message: 'Give the amount in won', params: { ko: '금액(원)을 적어 주세요' } });
  }
}
export const resourceFields = resourceBase.superRefine(feeGiven);
export const createResourceBody = resourceBase.extend({ organizationId: z.uuid() }).superRefine(feeGiven);
export type CreateResourceInput = z.infer<typeof createResourceBody>;
export type ResourceFieldsInput = z.infer<typeof resourceFields>;

export const idParam = z.object({ id: z.uuid() });

// ——— requests ———

export const review = z.object({ side: z.enum(['owner', 'requester']), rating: z.number().int(), body: z.string().nullable(), createdAt: z.string() });

export const sharingRequest = z
  .object({
    id: z.uuid(),
    resource: z.object({ id: z.uuid(), title: z.string(), category, district: district.nullable() }),
    owner: orgRef,
    requester: orgRef,
    fromDate: z.string().nullable(),
    toDate: z.string().nullable(),
    quantity: z.number().int().nullable(),
    message: z.string().nullable(),
    status: z.enum(REQUEST_STATUSES),
    proposal: z.object({ fromDate: z.string(), toDate: z.string(), note: z.string().nullable() }).nullable(),
    declineReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    cancelledBy: z.enum(['owner', 'requester']).nullable(),
    handedOverOn: z.string().nullable(),
    returnedOn: z.string().nullable(),
    returnCondition: z.string().nullable(),
    completedOn: z.string().nullable(),
    reviews: z.array(review),
    /** What the caller may do next; the web app shows these buttons. */
    actions: z.array(z.string()).describe('transitions the caller may make now'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SharingRequest' });
export type SharingRequest = z.infer<typeof sharingRequest>;

export const createRequestBody = z
  .object({
    requesterOrganizationId: z.uuid().describe('the organisation the request is made for; the caller must belong to it'),
    fromDate: isoDate.optional(),
    toDate: isoDate.optional(),
    quantity: z.number().int().min(1).max(1_000_000).optional(),
    message: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.fromDate && !v.toDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'Give the end date', params: { ko: '끝나는 날을 적어 주세요' } });
    if (v.toDate && !v.fromDate) ctx.addIssue({ code: 'custom', path: ['fromDate'], message: 'Give the start date', params: { ko: '시작하는 날을 적어 주세요' } });
    if (v.fromDate && v.toDate && v.fromDate > v.toDate) {
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'The end date comes before the start date', params: { ko: '끝나는 날이 시작하는 날보다 앞섭니다' } });
    }
    if (!v.fromDate && !v.toDate && v.quantity === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromDate'], message: 'Give dates or a quantity', params: { ko: '기간이나 수량을 적어 주세요' } });
    }
  });
export type CreateRequestInput = z.infer<typeof createRequestBody>;

export const requestQuery = z.object({
  role: z.enum(['requester', 'owner', 'all']).default('all').describe('as requester, as owner (the inbox), or both; staff with `all` see every request'),
  status: list(200).describe('request statuses, comma-separated'),
  ...pageQuery,
});
export type RequestQuery = z.infer<typeof requestQuery>;

export const requestPage = z
  .object({ items: z.array(sharingRequest), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'SharingRequestPage' });

export const reasonBody = z.object({ reason: requiredText(1000, '사유를 적어 주세요', 'Give a reason') });
export const cancelBody = z.object({ reason: optionalText(1000) });
export const proposeBody = z
  .object({ fromDate: isoDate, toDate: isoDate, note: optionalText(1000) })
  .refine((v) => v.fromDate <= v.toDate, { message: 'The end date comes before the start date', params: { ko: '끝나는 날이 시작하는 날보다 앞섭니다' }, path: ['toDate'] });
export const handoverBody = z.object({ on: isoDate.describe('date of the hand-over') });
export const returnBody = z.object({ on: isoDate.describe('date of the return'), condition: requiredText(1000, '돌려받은 상태를 적어 주세요', 'Describe the condition it came back in') });
export const reviewBody = z.object({
  rating: z.number().int().min(1).max(5),
  body: optionalText(1000),
});

// ——— linkages ———

export const linkageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('calendar year of completion; all years when absent'),
  by: z.enum(['district', 'category']).default('category'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export const linkageTable = z
  .object({
    year: z.number().int().nullable(),
    by: z.enum(['district', 'category']),
    rows: z.array(
      z.object({
        key: z.string().nullable(),
        label: bilingual,
        linkages: z.number().int(),
        ownerOrganizations: z.number().int().describe('distinct organisations that gave'),
        requesterOrganizations: z.number().int().describe('distinct organisations that received'),
      }),
    ),
    total: z.object({ linkages: z.number().int(), organizations: z.number().int().describe('distinct organisations on either side') }),
  })
  .meta({ id: 'SharingLinkages' });
export type LinkageTable = z.infer<typeof linkageTable>;

export const taxonomyResponse = z.object({ categories: z.array(category), districts: z.array(district) });
