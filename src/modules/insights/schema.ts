import { z } from 'zod';
import { isCalendarDate } from '../../kernel/korea.ts';
import type * as M from './model.ts';

/**
 * The insights API's zod schemas: queries and bodies validated at the edge, responses documented
 * in OpenAPI. They describe the shapes of model.ts (the contract the web pages use); the type
 * checks at the end of this file keep the two from drifting apart.
 */

const custom = (en: string, ko: string) => ({ message: en, params: { ko } });
const bilingual = z.object({ ko: z.string(), en: z.string() });

const isoDate = z.string().trim().refine(isCalendarDate, custom('A date is written YYYY-MM-DD (e.g. 2013-12-31)', '날짜는 YYYY-MM-DD 형식으로 적습니다 (예: 2013-12-31)'));
const year = z.coerce
  .number({ message: 'A year is a number such as 2013', params: { ko: '연도는 2013 같은 숫자입니다' } } as never)
  .int()
  .min(2000)
  .max(2100);
const typeList = z
  .string()
  .max(400)
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .optional()
  .describe('type keys, comma-separated (social_enterprise, cooperative, village_enterprise, self_sufficiency, intermediary, council)');

export const DOWNLOAD_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const BASES = ['operating', 'registered'] as const;
const format = z.enum(DOWNLOAD_FORMATS).default('json').describe('json (default), or a download: csv (UTF-8 with BOM) or xlsx');
const asOf = isoDate.optional().describe('reference date YYYY-MM-DD (default: today, Asia/Seoul)');
const basis = z
  .enum(BASES)
  .default('operating')
  .describe("operating: registered and not closed or cancelled by asOf (default); registered: every organisation registered by asOf, closed or not (the 2013 report's basis)");

export const distributionQuery = z.object({
  asOf,
  basis,
  dimension: z.enum(['type', 'industry']).default('type').describe('columns: type (the report\'s layout) or industry (the 13 map-legend industries)'),
  type: typeList,
  format,
});
export const growthQuery = z
  .object({
    from: year.optional().describe('first year (default: the earliest in the data)'),
    to: year.optional().describe('last year (default: this year)'),
    type: typeList,
    format,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    ...custom('The last year comes after the first', '마지막 연도는 첫 연도보다 뒤여야 합니다'),
  });
export const survivalQuery = z.object({
  asOf,
  type: z.string().trim().max(50).default('social_enterprise').describe('the type whose designation cohorts are compared'),
  format,
});
export const locationQuotientQuery = z.object({ asOf, basis, type: typeList, format });
export const figuresQuery = z.object({
  year: year.describe('the year the figures count'),
  version: z.coerce.number().int().min(1).max(100000).optional().describe('use this version of each definition instead of the one valid for the year'),
  format,
});
export const figureKeyParam = z.object({
  key: z
    .string()
    .refine((s) => /^[a-z][a-z0-9_]{1,49}$/.test(s), custom('A figure key is 2-50 lower-case letters, digits or _', '지표 키는 영문 소문자·숫자·_ 2-50자입니다')),
});

// ─── figure definitions ──────────────────────────────────────────────────────────────────────

export const FIGURE_VIEWS = ['programs_partners_v', 'programs_kpis_v', 'sharing_linkages_v', 'spaces_bookings_v'] as const;

export const figureCondition: z.ZodType<M.FigureCondition, M.FigureCondition> = z.lazy(() =>
  z.union([
    z.object({ field: z.string().min(1).max(50), op: z.literal('eq'), value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]) }).strict(),
    z.object({ field: z.string().min(1).max(50), op: z.literal('in'), value: z.array(z.union([z.string().max(500), z.number()])).min(1).max(100) }).strict(),
    z.object({ field: z.string().min(1).max(50), op: z.literal('matches'), value: z.string().min(1).max(500) }).strict(),
    z.object({ any: z.array(figureCondition).min(1).max(20) }).strict(),
    z.object({ all: z.array(figureCondition).min(1).max(20) }).strict(),
  ]),
).meta({ id: 'InsightsFigureCondition', description: 'a row filter: { field, op: eq | in | matches, value } or { any: [...] } / { all: [...] }' }) as z.ZodType<M.FigureCondition, M.FigureCondition>;

const view = z.enum(FIGURE_VIEWS);
export const figureDefinitionSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('distinct_organizations'), sources: z.array(z.object({ view, where: figureCondition.optional() }).strict()).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('sum'), view: z.literal('programs_kpis_v'), column: z.literal('result'), where: figureCondition.optional() }).strict(),
  z.object({ kind: z.literal('count'), view, where: figureCondition.optional() }).strict(),
]);

const label = z.object({ ko: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
export const figureDefinitionBody = z
  .object({
    label,
    unit: z.object({ ko: z.string().trim().max(50), en: z.string().trim().max(50) }),
    definition: figureDefinitionSpec,
    validFrom: isoDate.optional(),
    note: z.string().trim().max(2000).nullish(),
    expectedVersion: z.number().int().min(0).optional().describe('the version the edit started from (0 for a new figure); 409 when another edit came first'),
  })
  .strict();

// ─── responses ───────────────────────────────────────────────────────────────────────────────

const counts = z.record(z.string(), z.number());
export const distributionTable = z
  .object({
    asOf: z.string(),
    basis: z.enum(BASES),
    dimension: z.enum(['type', 'industry']),
    columns: z.array(z.object({ key: z.string(), label: bilingual, kind: z.enum(['count', 'subtotal', 'total']), parts: z.array(z.string()).optional() })),
    rows: z.array(z.object({ kind: z.enum(['district', 'region', 'unknown']), code: z.string().nullable(), label: bilingual, cells: counts })),
    totals: counts,
    seoulMean: counts,
    undated: z.number().int(),
    notes: z.array(bilingual),
  })
  .meta({ id: 'InsightsDistribution' });

export const growthTable = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    types: z.array(z.string()).nullable(),
    years: z.array(
      z.object({
        year: z.number().int(),
        founded: z.number().int(),
        designated: z.number().int(),
        certified: z.number().int(),
        converted: z.number().int(),
        cancelled: z.number().int(),
        closed: z.number().int(),
        registeredAtYearEnd: z.number().int(),
        operatingAtYearEnd: z.number().int(),
      }),
    ),
    notes: z.array(bilingual),
  })
  .meta({ id: 'InsightsGrowth' });

const survivalCohort = z.object({
  key: z.string(),
  label: bilingual,
  designated: z.number().int(),
  operating: z.number().int(),
  operatingRate: z.number().nullable(),
  shareOfDesignated: z.number().nullable(),
  shareOfOperating: z.number().nullable(),
  after: z.array(z.object({ years: z.union([z.literal(1), z.literal(2), z.literal(3)]), eligible: z.number().int(), surviving: z.number().int(), share: z.number().nullable() })),
  undatedClosures: z.number().int(),
});
export const survivalReport = z
  .object({
    asOf: z.string(),
    type: z.string(),
    cohorts: z.array(survivalCohort),
    total: survivalCohort,
    curves: z.array(
      z.object({
        cohort: z.string(),
        label: bilingual,
        steps: z.array(z.object({ month: z.number().int(), atRisk: z.number().int(), events: z.number().int(), censored: z.number().int(), survival: z.number() })),
        atRiskEvery12: z.array(z.object({ month: z.number().int(), atRisk: z.number().int() })),
      }),
    ),
    formulas: z.object({ operatingRate: bilingual, after: bilingual, kaplanMeier: bilingual }),
    notes: z.array(bilingual),
  })
  .meta({ id: 'InsightsSurvival' });

export const locationQuotientTable = z
  .object({
    asOf: z.string(),
    basis: z.enum(BASES),
    types: z.array(z.string()).nullable(),
    formula: z.object({ text: z.string(), explanation: bilingual }),
    threshold: z.number(),
    industries: z.array(z.object({ key: z.string(), label: bilingual, count: z.number().int() })),
    rows: z.array(
      z.object({
        code: z.string(),
        label: bilingual,
        count: z.number().int(),
        cells: z.array(z.object({ industry: z.string(), count: z.number().int(), lq: z.number().nullable(), high: z.boolean() })),
      }),
    ),
    total: z.number().int(),
    notes: z.array(bilingual),
  })
  .meta({ id: 'InsightsLocationQuotients' });

export const headlineFigures = z
  .object({
    year: z.number().int(),
    figures: z.array(
      z.object({
        key: z.string(),
        label: bilingual,
        version: z.number().int(),
        value: z.number(),
        unit: bilingual,
        reported: z.object({ value: z.number(), source: z.string().nullable(), note: z.string().nullable() }).nullable(),
        difference: z.number().nullable(),
        explanation: bilingual,
        rowsPath: z.string(),
      }),
    ),
  })
  .meta({ id: 'InsightsHeadlineFigures' });

export const figureRows = z
  .object({
    key: z.string(),
    year: z.number().int(),
    version: z.number().int(),
    label: bilingual,
    value: z.number(),
    columns: z.array(z.object({ key: z.string(), label: bilingual })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
    valueColumn: z.string().nullable(),
  })
  .meta({ id: 'InsightsFigureRows' });

export const figureDefinitionVersion = z
  .object({
    key: z.string(),
    version: z.number().int(),
    label: bilingual,
    unit: bilingual,
    definition: figureDefinitionSpec,
    validFrom: z.string(),
    note: z.string().nullable(),
    createdBy: z.object({ userId: z.string().nullable(), label: z.string() }),
    createdAt: z.string(),
  })
  .meta({ id: 'InsightsFigureDefinition' });

export const figureDefinitionList = z
  .object({ items: z.array(z.object({ key: z.string(), current: figureDefinitionVersion, versions: z.array(figureDefinitionVersion) })) })
  .meta({ id: 'InsightsFigureDefinitionList' });

// ─── the schemas and the contract describe the same shapes ───────────────────────────────────

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(_: T) => undefined;
same<Same<z.output<typeof distributionTable>, M.DistributionTable>>(true);
same<Same<z.output<typeof growthTable>, M.GrowthTable>>(true);
same<Same<z.output<typeof survivalReport>, M.SurvivalReport>>(true);
same<Same<z.output<typeof locationQuotientTable>, M.LocationQuotientTable>>(true);
same<Same<z.output<typeof headlineFigures>, M.HeadlineFigures>>(true);
same<Same<z.output<typeof figureRows>, M.FigureRows>>(true);
same<Same<z.output<typeof figureDefinitionVersion>, M.FigureDefinitionVersion>>(true);
same<Same<z.output<typeof figureDefinitionList>, M.FigureDefinitionList>>(true);
same<Same<z.input<typeof figureDefinitionBody>, M.FigureDefinitionBody>>(true);
same<Same<(typeof FIGURE_VIEWS)[number], M.FigureSourceView>>(true);
