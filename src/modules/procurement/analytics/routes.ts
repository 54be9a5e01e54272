import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../../kernel/context.ts';
import { problemResponses } from '../../../server/responses.ts';
import type { ProcurementDeps } from '../deps.ts';
import { ocdsExport } from './ocds.ts';
import {
  byCategory,
  byInstitution,
  byItem,
  byMethod,
  figureQuery,
  type FigureQuery,
  institutionItems,
  institutionItemsQuery,
  institutionParam,
  ocdsQuery,
  priorityItems,
  recordsPage,
  recordsQuery,
  summary,
  summaryQuery,
  targets,
} from './schema.ts';
import { createAnalyticsService } from './service.ts';
import { sheetFile, sheets, type Sheet } from './tables.ts';

const MEDIA = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const P = '/api/v1/procurement/analytics';
const VISIBILITY =
  'Anyone may read. Institutions whose records are not public are merged into one row for callers who are neither their officers nor staff; city-wide totals include them. Asking for such an institution → 403.';

export function analyticsRoutes(deps: ProcurementDeps): FastifyPluginAsyncZod {
  const analytics = createAnalyticsService(deps.database.db);
  return async (app) => {
    const tags = ['procurement'];

    /** A table route: JSON, or ?format=csv|xlsx as a download of the same table. */
    function table<T>(
      path: string,
      summaryText: string,
      description: string,
      response: z.ZodType,
      load: (ctx: RequestContext, query: FigureQuery) => Promise<T>,
      toSheet: (t: T) => Sheet,
    ) {
      app.get(
        `${P}/${path}`,
        {
          schema: { tags, summary: summaryText, description: `${description} ${VISIBILITY}`, querystring: figureQuery, response: { 200: z.union([response, z.any()]), ...problemResponses(400, 403) } },
        },
        async (req, reply) => {
          const t = await load(req.ctx(), req.query);
          if (req.query.format === 'json') return t;
          const body = await sheetFile(req.query.format, toSheet(t));
          const suffix = req.query.institutionId ? `-${req.query.institutionId}` : '';
          return reply
            .type(MEDIA[req.query.format])
            .header('content-disposition', `attachment; filename="procurement-${path}-${req.query.year}${suffix}.${req.query.format}"`)
            .send(body);
        },
      );
    }

    app.get(
      `${P}/summary`,
      {
        schema: {
          tags,
          summary: '공공구매 현황 요약 · Purchases of a year at a glance',
          description: `Totals, purchases from social economy organisations (SEOs) and their share, the overall target and its achievement, months, supplier types, and supplier concentration (top 10 share, HHI). ${VISIBILITY}`,
          querystring: summaryQuery,
          response: { 200: summary, ...problemResponses(400, 403) },
        },
      },
      async (req) => analytics.summary(req.ctx(), req.query),
    );
    table(
      'by-institution',
      '기관별 구매실적 · Purchases by institution',
      'Ordered by amount, each with its overall target of the year and achievement.',
      byInstitution,
      (ctx, query) => analytics.byInstitution(ctx, query),
      sheets.byInstitution,
    );
    table('by-category', '분류별 구매실적 · Purchases by category', 'All 27 product and service categories, zero rows included.', byCategory, (ctx, query) => analytics.byCategory(ctx, query), sheets.byCategory);
    table('by-item', '품목별 구매실적 · Purchases and SEO share by item', "SEO share per item = purchases from SEOs ÷ all purchases of the item. itemCode '' rows: items not recognised, per category.", byItem, (ctx, query) => analytics.byItem(ctx, query), sheets.byItem);
    table('by-method', '계약방법별 구매실적 · Purchases by contract method and type', 'Per method (수의계약, 일반경쟁, …) and contract type (물품, 용역, …).', byMethod, (ctx, query) => analytics.byMethod(ctx, query), sheets.byMethod);
    table(
      'priority-items',
      '10대 중점관리 품목 · The 10 priority items',
      "The seed report's table computed from the records, with the printed 2013 figures, the differences and the report's own inconsistencies beside it (city-wide, year 2013).",
      priorityItems,
      (ctx, query) => analytics.priorityItems(ctx, query),
      sheets.priorityItems,
    );
    table('targets', '구매목표 달성 · Target achievement', 'Every target of the year (city-wide and per institution, overall and per item) with the purchases from SEOs counted against it.', targets, (ctx, query) => analytics.targets(ctx, query), sheets.targets);

    app.get(
      `${P}/records`,
      {
        schema: {
          tags,
          summary: '구매 기록 (드릴다운) · The records behind a figure',
          description: `Every figure of the tables drills down here with the same filters; sum is their amount. Records of institutions hidden from the caller are left out and counted in hidden. ${VISIBILITY}`,
          querystring: recordsQuery,
          response: { 200: recordsPage, ...problemResponses(400, 403) },
        },
      },
      async (req) => analytics.records(req.ctx(), req.query),
    );
    app.get(
      `${P}/institutions/:id/items`,
      {
        schema: {
          tags,
          summary: '기관의 품목별 구매실적 · One institution, one year, by item',
          description: `From the institution's records. ${VISIBILITY} Unknown institution → 404.`,
          params: institutionParam,
          querystring: institutionItemsQuery,
          response: { 200: z.union([institutionItems, z.any()]), ...problemResponses(400, 403, 404) },
        },
      },
      async (req, reply) => {
        const t = await analytics.institutionItems(req.ctx(), req.params.id, req.query);
        if (req.query.format === 'json') return t;
        const body = await sheetFile(req.query.format, sheets.byItem(t));
        return reply
          .type(MEDIA[req.query.format])
          .header('content-disposition', `attachment; filename="procurement-institution-${t.institution.id}-${t.year}.${req.query.format}"`)
          .send(body);
      },
    );
    app.get(
      `${P}/export.ocds.json`,
      {
        schema: {
          tags,
          summary: 'OCDS 내보내기 · Records as an OCDS 1.1 release package',
          description: `One release per contract (records sharing a contract number within an institution), else per record; ocid ocds-sehub-<institution code or id>-<contract number or r<record id>>; buyer and supplier parties (identifier scheme KR-BRN when the registration number is known); award and contract values in KRW; items classified by sehub-procurement-category. Streamed. ${VISIBILITY}`,
          querystring: ocdsQuery,
          response: { 200: z.any(), ...problemResponses(400, 403) },
        },
      },
      async (req, reply) => {
        const base = deps.publicUrl.replace(/\/$/, '');
        const query = new URLSearchParams({ year: String(req.query.year), ...(req.query.institutionId ? { institutionId: req.query.institutionId } : {}) });
        const stream = await ocdsExport(deps.database.db, analytics, req.ctx(), {
          year: req.query.year,
          institutionId: req.query.institutionId,
          uri: `${base}${P}/export.ocds.json?${query}`,
          publicUrl: base,
        });
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="procurement-${req.query.year}.ocds.json"`)
          .send(Readable.from(stream));
      },
    );
  };
}
