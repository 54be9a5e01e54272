import { z } from 'zod';

// Zod schemas of the analytics API (prefix /api/v1/procurement/analytics). Amounts are integer won;
// shares and achievements are percentages (0–100, not rounded; null when the denominator is 0).

const bilingual = z.object({ ko: z.string(), en: z.string() });
const won = z.number().int().describe('integer won');
const percent = z.number().nullable().describe('percent (0–100, unrounded); null when the denominator is 0');

const year = z
  .string()
  .trim()
  .refine((v) => /^\d{4}$/.test(v), { message: 'Write the year as four digits, e.g. 2013', params: { ko: '연도는 2013처럼 네 자리 숫자로 적어 주세요' }, abort: true })
  .transform(Number)
  .pipe(z.number().int().min(2000).max(2100))
  .describe('calendar year of the purchases (required)');
const uuid = z.uuid();
const format = z.enum(['json', 'csv', 'xlsx']).default('json').describe('json, or the same table as a CSV or XLSX download');

export const figureQuery = z.object({
  year,
  institutionId: uuid.optional().describe('one institution; its figures only (403 if its records are not public to the caller)'),
  format,
});
export type FigureQuery = z.infer<typeof figureQuery>;
export const summaryQuery = figureQuery.omit({ format: true });
export const ocdsQuery = figureQuery.omit({ format: true });
export const institutionParam = z.object({ id: uuid });
export const institutionItemsQuery = figureQuery.omit({ institutionId: true });

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const month = z
  .string()
  .refine((v) => /^\d{1,2}$/.test(v), { message: 'A month is 1 to 12', params: { ko: '월은 1부터 12까지입니다' }, abort: true })
  .transform(Number)
  .pipe(z.number().int().min(1).max(12));
const code = z.string().trim().max(40);
const positive = (max: number) =>
  z
    .string()
    .refine((v) => /^\d+$/.test(v), { message: 'Write a whole number', params: { ko: '숫자로 적어 주세요' }, abort: true })
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

export const recordsQuery = z.object({
  year,
  institutionId: uuid.optional(),
  itemCode: code.optional().describe("an item code; '' = records whose item was not recognised"),
  categoryCode: code.optional(),
  supplierType: code.optional().describe("a directory type key; '' = suppliers that matched no organisation"),
  seo: bool.optional().describe('true: purchases from social economy organisations only; false: the others'),
  month: month.optional(),
  method: code.optional(),
  contractType: code.optional(),
  page: positive(100_000).default(1),
  pageSize: positive(200).default(50).describe('rows per page (max 200)'),
});
export type RecordsQuery = z.infer<typeof recordsQuery>;

const concentration = z.object({
  suppliers: z.number().int(),
  amount: won,
  top10Amount: won,
  top10Share: percent.describe('top 10 suppliers’ amount ÷ all suppliers’ amount × 100'),
  hhi: z.number().nullable().describe('Herfindahl–Hirschman index: Σ (supplier share in %)², 0–10,000'),
});
export type Concentration = z.infer<typeof concentration>;

export const summary = z
  .object({
    year: z.number().int(),
    institution: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }).nullable(),
    years: z.array(z.number().int()).describe('years with records (for the institution when one is asked)'),
    total: z.object({ amount: won, records: z.number().int() }),
    seo: z.object({ amount: won, records: z.number().int(), share: percent.describe('seo.amount ÷ total.amount × 100') }),
    target: z
      .object({ amount: won, achievement: percent.describe('seo.amount ÷ target.amount × 100') })
      .nullable()
      .describe('the city-wide (or the institution’s) overall target of the year'),
    byMonth: z.array(z.object({ month: z.number().int(), amount: won, seoAmount: won })).describe('12 rows'),
    bySupplierType: z.array(z.object({ type: z.string(), label: bilingual, seo: z.boolean(), amount: won, records: z.number().int() })),
    concentration: z.object({ all: concentration, seo: concentration }),
  })
  .meta({ id: 'ProcurementSummary' });
export type Summary = z.infer<typeof summary>;

export const institutionRow = z.object({
  institutionId: z.uuid().nullable().describe('null: the merged row of institutions whose records the caller may not see'),
  name: bilingual,
  kind: z.string().nullable(),
  institutions: z.number().int().describe('institutions in the row (1, or n for the merged row)'),
  amount: won,
  seoAmount: won,
  share: percent,
  target: won.nullable(),
  achievement: percent,
});
export const byInstitution = z.object({ year: z.number().int(), rows: z.array(institutionRow) }).meta({ id: 'ProcurementByInstitution' });
export type ByInstitution = z.infer<typeof byInstitution>;

export const byCategory = z
  .object({
    year: z.number().int(),
    rows: z.array(z.object({ code: z.string(), kind: z.enum(['product', 'service']), label: bilingual, amount: won, seoAmount: won, share: percent, records: z.number().int() })),
  })
  .meta({ id: 'ProcurementByCategory' });
export type ByCategory = z.infer<typeof byCategory>;

export const itemRow = z.object({
  itemCode: z.string().describe("'' = purchases whose item was not recognised (one row per category)"),
  label: bilingual,
  categoryCode: z.string(),
  priorityOrder: z.number().int().nullable(),
  amount: won,
  seoAmount: won,
  share: percent,
  records: z.number().int(),
});
export const byItem = z.object({ year: z.number().int(), rows: z.array(itemRow) }).meta({ id: 'ProcurementByItem' });
export type ByItem = z.infer<typeof byItem>;

export const byMethod = z
  .object({
    year: z.number().int(),
    rows: z.array(
      z.object({ method: z.string(), contractType: z.string(), methodLabel: bilingual, contractTypeLabel: bilingual, amount: won, seoAmount: won, share: percent, records: z.number().int() }),
    ),
  })
  .meta({ id: 'ProcurementByMethod' });
export type ByMethod = z.infer<typeof byMethod>;

const printedRow = z.object({ seoAmount: won, share: z.number() });
const anomaly = z.object({ id: z.string(), itemCode: z.string().nullable(), text: bilingual, source: z.string() });
export const priorityItems = z
  .object({
    year: z.number().int(),
    rows: z.array(
      z.object({
        order: z.number().int(),
        itemCode: z.string(),
        categoryCode: z.string(),
        label: bilingual,
        seoAmount: won,
        totalAmount: won,
        share: percent.describe('seoAmount ÷ totalAmount × 100'),
        printed: printedRow.nullable().describe('the 2013 report’s figures (year 2013 only)'),
        difference: z
          .object({ seoAmount: won, share: z.number().nullable() })
          .nullable()
          .describe('computed − printed (won; percentage points of the share rounded as printed)'),
        anomalies: z.array(z.string()).describe('ids of the report inconsistencies that concern this row'),
      }),
    ),
    total: z.object({
      seoAmount: won,
      totalAmount: won,
      share: percent,
      printed: z.object({ seoAmount: won, share: z.number(), sumOfItems: won }).nullable(),
    }),
    headline: z.object({
      seoAmountOfItems: won.describe('purchases from SEOs of the priority items'),
      seoAmountAll: won.describe('all purchases from SEOs of the year'),
      shareOfAllSeo: percent.describe('seoAmountOfItems ÷ seoAmountAll × 100'),
      printed: z.object({ seoAmountOfItems: won, shareOfAllSeo: z.number(), seoAmountAll: won, target: won }).nullable(),
    }),
    anomalies: z.array(anomaly).describe('the report’s own inconsistencies (year 2013)'),
    source: z.string().nullable(),
  })
  .meta({ id: 'ProcurementPriorityItems' });
export type PriorityItems = z.infer<typeof priorityItems>;

export const recordItem = z.object({
  id: z.number().int(),
  line: z.number().int(),
  institution: z.object({ id: z.uuid(), name: z.string() }),
  purchasedOn: z.string(),
  itemName: z.string(),
  itemCode: z.string().nullable(),
  categoryCode: z.string(),
  supplier: z.object({ name: z.string(), businessRegNo: z.string().nullable(), organizationId: z.uuid().nullable(), type: z.string() }),
  seo: z.boolean(),
  amount: won,
  method: z.string(),
  contractType: z.string(),
  contractNo: z.string().nullable(),
});
export type RecordItem = z.infer<typeof recordItem>;
export const recordsPage = z
  .object({
    items: z.array(recordItem),
    total: z.number().int().describe('records matching the filter that the caller may see'),
    sum: won.describe('their amount'),
    page: z.number().int(),
    pageSize: z.number().int(),
    hidden: z
      .object({ records: z.number().int(), amount: won })
      .nullable()
      .describe('records of the filter in institutions the caller may not see (counted in city-wide figures); null when none'),
  })
  .meta({ id: 'ProcurementRecordsPage' });
export type RecordsPage = z.infer<typeof recordsPage>;

export const institutionItems = z
  .object({
    year: z.number().int(),
    institution: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    rows: z.array(itemRow.omit({ priorityOrder: true }).extend({ priorityOrder: z.number().int().nullable() })),
    total: z.object({ amount: won, seoAmount: won, share: percent, records: z.number().int() }),
  })
  .meta({ id: 'ProcurementInstitutionItems' });
export type InstitutionItems = z.infer<typeof institutionItems>;

export const targets = z
  .object({
    year: z.number().int(),
    rows: z.array(
      z.object({
        targetId: z.uuid(),
        institution: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('null: the city as a whole'),
        itemCode: z.string().nullable().describe('null: overall'),
        itemLabel: bilingual.nullable(),
        amount: won.describe('the target'),
        seoAmount: won.describe('purchases from SEOs counted against it'),
        achievement: percent.describe('seoAmount ÷ amount × 100'),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ProcurementTargetAchievement' });
export type Targets = z.infer<typeof targets>;
