import { z } from 'zod';
import { photoInput, photoOutput } from '../../../kernel/images.ts';
import { pageQuery } from '../../../kernel/pagination.ts';

const bilingual = z.object({ ko: z.string(), en: z.string() });

export const KINDS = ['product', 'service'] as const;
export const OFFERING_STATUSES = ['active', 'paused'] as const;
/** Certifications a buyer may look for (공공구매 우선구매 대상 인증 등). */
export const CERTIFICATIONS = ['social_enterprise', 'cooperative', 'village_enterprise', 'self_sufficiency', 'women', 'disabled', 'green', 'excellent_product'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];
export const CERTIFICATION_LABELS: Record<Certification, { ko: string; en: string }> = {
  social_enterprise: { ko: '사회적기업', en: 'social enterprise' },
  cooperative: { ko: '협동조합', en: 'cooperative' },
  village_enterprise: { ko: '마을기업', en: 'village enterprise' },
  self_sufficiency: { ko: '자활기업', en: 'self-sufficiency enterprise' },
  women: { ko: '여성기업', en: 'women-owned business' },
  disabled: { ko: '장애인기업', en: 'disabled-owned business' },
  green: { ko: '녹색제품', en: 'green product' },
  excellent_product: { ko: '우수조달제품', en: 'excellent procurement product' },
};

const requiredText = (max: number, ko: string, en: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => s.length > 0, { message: en, params: { ko } });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const code = z.string().refine((s) => /^[a-z][a-z0-9_]{1,39}$/.test(s), { message: 'Not a known code', params: { ko: '알 수 없는 코드입니다' } });
const districtCode = z.string().refine((s) => /^\d{5}$/.test(s), { message: 'A district is a 5-digit code', params: { ko: '자치구는 5자리 코드입니다' } });

export const photoQuery = z.object({
  organizationId: z.uuid().optional().describe('the organisation the photo is for (its members may upload); absent: the centre’s own (staff)'),
});
export const uploadedPhoto = z
  .object({
    id: z.uuid(),
    url: z.string().describe('give it as a photo’s url in an offering or a bundle'),
    organizationId: z.uuid().nullable(),
    contentType: z.string(),
    size: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'UploadedPhoto' });
export type UploadedPhoto = z.infer<typeof uploadedPhoto>;

const term = z.object({ code: z.string(), label: bilingual });
const district = z.object({ code: z.string(), name: bilingual });
const certification = z.object({ key: z.enum(CERTIFICATIONS), label: bilingual });

export const supplierSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.object({ key: z.string(), label: bilingual }).nullable(),
    district: district.nullable(),
  })
  .meta({ id: 'CatalogueSupplier' });

export const offering = z
  .object({
    id: z.uuid(),
    organization: supplierSummary,
    kind: z.enum(KINDS),
    category: term,
    item: term.nullable(),
    name: z.string(),
    description: z.string().nullable(),
    priceWon: z.number().int().nullable().describe('integer won per unit; null when priced by priceBasis'),
    priceBasis: z.string().nullable().describe('견적, 시간당, 1인당 … when there is no fixed price'),
    unit: z.string(),
    minOrder: z.number().int(),
    deliveryArea: z.object({ allSeoul: z.boolean(), districts: z.array(district) }),
    certifications: z.array(certification),
    photos: z.array(photoOutput),
    status: z.enum(OFFERING_STATUSES),
    leadTimeDays: z.number().int().nullable(),
    version: z.number().int().describe('send it back with PUT; a stale one is refused with 409'),
    isDemo: z.boolean(),
    canManage: z.boolean().describe('the caller may edit, pause and resume it'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CatalogueOffering' });
export type Offering = z.infer<typeof offering>;

export const deliveryRecord = z
  .object({
    years: z.object({ from: z.number().int(), to: z.number().int() }).nullable().describe('the last three years of purchase records; null when there are none'),
    records: z.number().int(),
    amount: z.number().int().describe('integer won'),
    institutions: z.number().int().describe('distinct public institutions served'),
  })
  .meta({ id: 'CatalogueDeliveryRecord' });
export type DeliveryRecord = z.infer<typeof deliveryRecord>;

export const offeringDetail = offering
  .extend({
    contact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), website: z.string().nullable(), roadAddress: z.string().nullable() }),
    deliveryRecord,
  })
  .meta({ id: 'CatalogueOfferingDetail' });
export type OfferingDetail = z.infer<typeof offeringDetail>;

const facet = z.array(z.object({ key: z.string(), label: bilingual, count: z.number().int() }));
export const offeringPage = z
  .object({
    items: z.array(offering),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ kind: facet, category: facet }).describe('counts under every other filter, for each value of the dimension'),
  })
  .meta({ id: 'CatalogueOfferingPage' });

const list = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .optional();

export const offeringQuery = z.object({
  q: z.string().trim().max(100).optional().describe('fragment of a name or description in Korean or English, or 초성; two syllables are enough'),
  kind: z.enum(KINDS).optional(),
  category: list(600).describe('category codes, comma-separated'),
  item: z.string().max(40).optional().describe('item code'),
  district: z.string().max(5).optional().describe('5-digit district code: offerings that deliver there (or to all of Seoul)'),
  certification: list(300).describe('certification keys, comma-separated (any of them)'),
  organizationId: z.uuid().optional(),
  status: z.enum([...OFFERING_STATUSES, 'all']).default('active').describe('paused offerings only for the organisation’s managers and staff, with organizationId'),
  ...pageQuery,
});
export type OfferingQuery = z.infer<typeof offeringQuery>;

const fieldsBase = z.object({
  kind: z.enum(KINDS).optional().describe('must be the category’s kind; taken from the category when absent'),
  categoryCode: code,
  itemCode: code.nullable().optional(),
  name: requiredText(200, '상품·서비스 이름을 적어 주세요', 'Give the product or service a name'),
  description: optionalText(5000),
  priceWon: z.number().int().min(0).max(100_000_000_000).nullable().optional().describe('integer won per unit'),
  priceBasis: optionalText(40).describe('견적, 시간당, 1인당 …; required when there is no price'),
  unit: requiredText(20, '단위를 적어 주세요 (개, 박스, 식, 회, 시간 …)', 'Give the unit (piece, box, set, session, hour …)'),
  minOrder: z.number().int().min(1).max(1_000_000).default(1),
  deliveryDistricts: z.array(districtCode).max(30).default([]).describe('district codes it delivers to; empty = all of Seoul'),
  certifications: z.array(z.enum(CERTIFICATIONS)).max(CERTIFICATIONS.length).default([]),
  photos: z.array(photoInput).max(10).default([]),
  leadTimeDays: z.number().int().min(0).max(365).nullable().optional(),
});
function priceGiven(v: { priceWon?: number | null | undefined; priceBasis?: string | null | undefined }, ctx: z.RefinementCtx) {
  if ((v.priceWon === null || v.priceWon === undefined) && !v.priceBasis) {
    ctx.addIssue({ code: 'custom', path: ['priceWon'], message: 'Give a price in won, or how it is priced (e.g. 견적)', params: { ko: '가격(원)이나 가격 기준(견적, 시간당 등)을 적어 주세요' } });
  }
}
export const createOfferingBody = fieldsBase.extend({ organizationId: z.uuid() }).superRefine(priceGiven);
export const updateOfferingBody = fieldsBase.extend({ version: z.number().int().min(1).describe('the version read') }).superRefine(priceGiven);
export type CreateOfferingInput = z.infer<typeof createOfferingBody>;
export type UpdateOfferingInput = z.infer<typeof updateOfferingBody>;
export type OfferingFields = z.infer<typeof fieldsBase>;

export const idParam = z.object({ id: z.uuid() });

export const taxonomyResponse = z
  .object({
    categories: z.array(z.object({ code: z.string(), kind: z.enum(KINDS), label: bilingual, items: z.array(term) })),
    certifications: z.array(certification),
    districts: z.array(district),
  })
  .meta({ id: 'CatalogueTaxonomy' });

export const printQuery = z.object({
  category: z.string().max(40).optional().describe('one category code; the whole catalogue when absent'),
});

// ——— matching ———

export const matchingQuery = z.object({
  category: z.string().max(40).optional(),
  item: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional().describe('keywords, separated by spaces'),
  district: z.string().max(5).optional().describe('5-digit district code to deliver to'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type MatchingQuery = z.infer<typeof matchingQuery>;

const reason = z.object({ key: z.string(), points: z.number(), label: bilingual });
export const matchingResult = z
  .object({
    suggestions: z.array(z.object({ score: z.number(), reasons: z.array(reason), offering, deliveryRecord: z.object({ records: z.number().int(), amount: z.number().int() }) })),
    suppliers: z.array(z.object({ organization: supplierSummary, score: z.number(), offerings: z.number().int() })).describe('distinct suppliers, best suggestion first'),
  })
  .meta({ id: 'CatalogueMatching' });
export type MatchingResult = z.infer<typeof matchingResult>;

// ——— opportunities ———

export const opportunitiesQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('the latest year with purchase records when absent'),
  limit: z.coerce.number().int().min(1).max(27).default(10),
});

const candidate = z.object({
  organization: supplierSummary,
  offerings: z.number().int().describe('active offerings in the category'),
  deliveryRecord: z.object({ records: z.number().int(), amount: z.number().int() }).describe('public purchases from it in the category, that year'),
});
export const opportunities = z
  .object({
    year: z.number().int().nullable(),
    rows: z.array(
      z.object({
        category: term.extend({ kind: z.enum(KINDS) }),
        amount: z.number().int().describe('public spend in the category, integer won'),
        seoAmount: z.number().int().describe('of which from social economy organisations'),
        share: z.number().describe('seoAmount / amount, 0–1'),
        score: z.number().int().describe('amount × (1 − share): spend not yet going to social economy organisations'),
        records: z.number().int(),
        suppliers: z.array(candidate).describe('social economy organisations with active offerings in the category'),
        prospects: z.array(supplierSummary).describe('social economy organisations of a fitting industry with no offering in the category yet'),
      }),
    ),
  })
  .meta({ id: 'CatalogueOpportunities' });
export type Opportunities = z.infer<typeof opportunities>;
