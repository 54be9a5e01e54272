import { z } from 'zod';

const bilingual = z.object({ ko: z.string(), en: z.string() });

export const INSTITUTION_KINDS = ['city', 'district', 'agency', 'office', 'other'] as const;

const requiredText = (max: number, ko: string, en: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => s.length > 0, { message: en, params: { ko } });

const institutionCode = z
  .string()
  .trim()
  .refine((s) => /^[0-9A-Za-z-]{2,20}$/.test(s), { message: 'An institution code is 2 to 20 letters, digits or dashes', params: { ko: '기관코드는 영문·숫자·- 2~20자입니다' } });

export const institution = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    name: z.string(),
    kind: z.enum(INSTITUTION_KINDS),
    districtCode: z.string().nullable(),
    recordsPublic: z.boolean(),
    officer: z.boolean().describe('the caller is a purchasing officer of this institution'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProcurementInstitution' });
export type InstitutionOut = z.infer<typeof institution>;

export const institutionQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(INSTITUTION_KINDS).optional(),
});
export const institutionList = z.object({ items: z.array(institution), total: z.number().int() });

export const createInstitutionBody = z.object({
  name: requiredText(200, '기관명을 적어 주세요', 'Give the institution’s name'),
  code: institutionCode.nullable().optional(),
  kind: z.enum(INSTITUTION_KINDS),
  districtCode: z.string().regex(/^\d{5}$/).nullable().optional(),
  recordsPublic: z.boolean().optional(),
});
export const updateInstitutionBody = createInstitutionBody.partial();
export type CreateInstitutionInput = z.infer<typeof createInstitutionBody>;
export type UpdateInstitutionInput = z.infer<typeof updateInstitutionBody>;

export const idParam = z.object({ id: z.uuid() });
export const officerParam = z.object({ id: z.uuid(), userId: z.uuid() });

export const officer = z.object({ userId: z.uuid(), email: z.string(), displayName: z.string(), createdAt: z.string() }).meta({ id: 'ProcurementOfficer' });
export const officerList = z.object({ items: z.array(officer) });
export const addOfficerBody = z
  .object({ email: z.string().trim().toLowerCase().max(320).optional(), userId: z.uuid().optional() })
  .refine((b) => !!b.email !== !!b.userId, { message: 'Give either email or userId', params: { ko: '이메일이나 사용자 ID 중 하나를 적어 주세요' }, path: ['email'] });

export const taxonomy = z
  .object({
    categories: z.array(z.object({ code: z.string(), kind: z.enum(['product', 'service']), label: bilingual, sort: z.number().int() })),
    items: z.array(z.object({ code: z.string(), label: bilingual, categoryCode: z.string(), priorityOrder: z.number().int().nullable(), aliases: z.array(z.string()) })),
    methods: z.array(z.object({ key: z.string(), label: bilingual })),
    contractTypes: z.array(z.object({ key: z.string(), label: bilingual })),
  })
  .meta({ id: 'ProcurementTaxonomy' });

export const target = z
  .object({
    id: z.uuid(),
    year: z.number().int(),
    institutionId: z.uuid().nullable(),
    institutionName: z.string().nullable(),
    itemCode: z.string().nullable(),
    amount: z.number().int().describe('won'),
    note: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProcurementTarget' });
export const targetList = z.object({ items: z.array(target) });
export const targetQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  institutionId: z.uuid().optional(),
});
export const putTargetBody = z.object({
  year: z.number().int().min(2000).max(2100),
  institutionId: z.uuid().nullable().optional(),
  itemCode: z.string().max(40).nullable().optional(),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type PutTargetInput = z.infer<typeof putTargetBody>;

const unmatched = z.object({ name: z.string(), businessRegNo: z.string().nullable(), rows: z.number().int(), amount: z.number().int(), firstLine: z.number().int() });
export const importSummary = z
  .object({
    id: z.uuid().nullable().describe('null for a dry run'),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    status: z.enum(['committed', 'undone', 'dry-run']),
    rows: z.number().int(),
    amount: z.number().int(),
    matchedRows: z.number().int(),
    seoRows: z.number().int(),
    seoAmount: z.number().int(),
    years: z.array(z.number().int()),
    unmatched: z.array(unmatched).describe('suppliers the directory does not know, largest amount first'),
    unmatchedCount: z.number().int(),
    newInstitutions: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: bilingual })).describe('dry run only: the first 100 errors'),
    errorCount: z.number().int(),
    firstId: z.number().int().nullable(),
    lastId: z.number().int().nullable(),
    createdAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: 'ProcurementImport' });
export const importList = z.object({ items: z.array(importSummary) });
export const importQuery = z.object({
  fileName: z.string().trim().max(200).optional(),
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  format: z.enum(['csv', 'xlsx']).optional(),
});
export const rematchResult = z.object({ matchedRows: z.number().int(), suppliers: z.number().int(), years: z.array(z.number().int()) });
