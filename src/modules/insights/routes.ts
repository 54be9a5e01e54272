import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../server/responses.ts';
import {
  distributionQuery,
  distributionTable,
  figureDefinitionBody,
  figureDefinitionList,
  figureDefinitionVersion,
  figureKeyParam,
  figureRows,
  figuresQuery,
  growthQuery,
  growthTable,
  headlineFigures,
  locationQuotientQuery,
  locationQuotientTable,
  survivalQuery,
  survivalReport,
} from './schema.ts';
import type { InsightsService } from './service.ts';
import * as tables from './tables.ts';

const FORMAT_NOTE = 'With format=csv or xlsx the same numbers come as a download (one sheet, Korean headers with English in brackets; rates unrounded).';

/** Answers JSON, or the same statistic as a CSV/XLSX download. */
async function answer<T>(reply: FastifyReply, format: 'json' | 'csv' | 'xlsx', data: T, table: (d: T) => tables.FlatTable) {
  if (format === 'json') return data;
  const t = table(data);
  const body = await tables.writeTable(format, t);
  return reply
    .type(tables.MEDIA_TYPES[format])
    .header('content-disposition', `attachment; filename="insights-${t.name}.${format}"`)
    .send(body);
}

export function insightsRoutes(insights: InsightsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['insights'];
    app.get(
      '/api/v1/insights/distribution',
      {
        schema: {
          tags,
          summary: '자치구 × 유형(업종) 조직 분포 · Organisations by district and type (or industry) as of a date',
          description: `Types as of asOf follow each organisation's status history. Rows: the 25 districts, then regions outside Seoul, then unknown. ${FORMAT_NOTE}`,
          querystring: distributionQuery,
          response: { 200: distributionTable, ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.distribution(req.ctx(), q), tables.distributionTable);
      },
    );
    app.get(
      '/api/v1/insights/growth',
      {
        schema: { tags, summary: '연도별 설립·지정·인증·폐업 · Growth by year', description: FORMAT_NOTE, querystring: growthQuery, response: { 200: growthTable, ...problemResponses(400) } },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.growth(req.ctx(), q), tables.growthTable);
      },
    );
    app.get(
      '/api/v1/insights/survival',
      {
        schema: {
          tags,
          summary: '지정 유형별 생존(운영)률 · Survival by designation cohort',
          description: `Designated, still operating, operating rate and shares per cohort; shares after 1, 2 and 3 years; Kaplan–Meier curves with at-risk counts. ${FORMAT_NOTE} (format=csv|xlsx gives the cohort table.)`,
          querystring: survivalQuery,
          response: { 200: survivalReport, ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.survival(req.ctx(), q), tables.survivalTable);
      },
    );
    app.get(
      '/api/v1/insights/survival/curve',
      {
        schema: {
          tags,
          summary: '생존 곡선 단계 내려받기 · Kaplan–Meier steps as a table',
          querystring: survivalQuery,
          response: { 200: survivalReport, ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.survival(req.ctx(), q), tables.survivalCurveTable);
      },
    );
    app.get(
      '/api/v1/insights/location-quotients',
      {
        schema: {
          tags,
          summary: '자치구 × 업종 입지계수 · Location quotients by district and industry',
          description: `LQ(d, i) = (n(d,i) / n(d)) ÷ (n(i) / n); values ≥ 1.2 are flagged. ${FORMAT_NOTE}`,
          querystring: locationQuotientQuery,
          response: { 200: locationQuotientTable, ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.locationQuotients(req.ctx(), q), tables.locationQuotientTable);
      },
    );
    app.get(
      '/api/v1/insights/figures',
      {
        schema: {
          tags,
          summary: '연간 핵심 성과 지표 (직원) · Headline figures of a year (staff)',
          description: `Computed live from the published views with the definition valid for the year, beside the figure a source report printed. ${FORMAT_NOTE}`,
          querystring: figuresQuery,
          response: { 200: headlineFigures, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.figures(req.ctx(), q), tables.figuresTable);
      },
    );
    app.get(
      '/api/v1/insights/figures/:key/rows',
      {
        schema: {
          tags,
          summary: '지표가 세는 행 (직원) · The rows a headline figure counts (staff)',
          description: FORMAT_NOTE,
          params: figureKeyParam,
          querystring: figuresQuery,
          response: { 200: figureRows, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        return answer(reply, format, await insights.figureRows(req.ctx(), req.params.key, q), tables.figureRowsTable);
      },
    );
    app.get(
      '/api/v1/insights/figure-definitions',
      { schema: { tags, summary: '지표 정의와 판 (직원) · Figure definitions with every version (staff)', response: { 200: figureDefinitionList, ...problemResponses(401, 403) } } },
      async (req) => insights.definitions(req.ctx()),
    );
    app.put(
      '/api/v1/insights/figure-definitions/:key',
      {
        schema: {
          tags,
          summary: '지표 정의 새 판 (직원) · Save a new version of a figure definition (staff)',
          description: 'Creates the next version (version 1 of a new key); earlier versions are kept. Audited.',
          params: figureKeyParam,
          body: figureDefinitionBody,
          response: { 200: figureDefinitionVersion, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (req) => insights.saveDefinition(req.ctx(), req.params.key, req.body),
    );
  };
}
