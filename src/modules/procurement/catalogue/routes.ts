import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../../server/responses.ts';
import type { ProcurementDeps } from '../deps.ts';
import {
  createOfferingBody,
  idParam,
  matchingQuery,
  matchingResult,
  offering,
  offeringDetail,
  offeringPage,
  offeringQuery,
  opportunities,
  opportunitiesQuery,
  printQuery,
  taxonomyResponse,
  updateOfferingBody,
} from './schema.ts';
import { createCatalogueService } from './service.ts';

export function catalogueRoutes(deps: ProcurementDeps): FastifyPluginAsyncZod {
  const catalogue = createCatalogueService(deps.database.db);
  return async (app) => {
    const tags = ['procurement'];
    const base = '/api/v1/procurement/catalogue';
    app.get(
      `${base}/taxonomy`,
      { schema: { tags, summary: '카탈로그 분류·품목·인증·자치구 · Catalogue categories, items, certifications, districts', response: { 200: taxonomyResponse } } },
      async () => catalogue.taxonomy(),
    );
    app.get(
      base,
      {
        schema: {
          tags,
          summary: '공공구매 카탈로그 검색 · Search the procurement catalogue',
          description: 'Korean-aware like the directory: fragments inside words (two syllables are enough), 초성, spacing ignored. Facet counts by kind and category come with every page.',
          querystring: offeringQuery,
          response: { 200: offeringPage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => catalogue.search(req.ctx(), req.query),
    );
    app.get(
      `${base}/print.pdf`,
      {
        schema: {
          tags,
          summary: '인쇄용 카탈로그 (PDF) · Printable catalogue',
          description: 'Cover, contents by category with page numbers, each firm with its active offerings and contact. One category with `category`, else the whole catalogue.',
          querystring: printQuery,
          response: { 200: z.any(), ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const pdf = await catalogue.printPdf(req.ctx(), req.query.category);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="catalogue-${req.query.category ?? 'all'}.pdf"`)
          .send(pdf);
      },
    );
    app.post(
      base,
      {
        schema: {
          tags,
          summary: '상품·서비스 등록 · Add an offering',
          description: 'By an owner or editor of the organisation, or staff. Give priceWon, or priceBasis (견적, 시간당 …) when there is no fixed price.',
          body: createOfferingBody,
          response: { 201: offering, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await catalogue.create(req.ctx(), req.body)),
    );
    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: '상품·서비스 상세 · One offering',
          description: 'With the organisation’s contact and its delivery record: public purchases from it in the last three years of records (those the caller may see).',
          params: idParam,
          response: { 200: offeringDetail, ...problemResponses(400, 404) },
        },
      },
      async (req) => catalogue.get(req.ctx(), req.params.id),
    );
    app.put(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: '상품·서비스 수정 · Edit an offering',
          description: 'Send the version you read; if someone changed it since, 409.',
          params: idParam,
          body: updateOfferingBody,
          response: { 200: offering, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => catalogue.update(req.ctx(), req.params.id, req.body),
    );
    app.post(
      `${base}/:id/pause`,
      { schema: { tags, summary: '판매 중지 · Pause an offering', params: idParam, response: { 200: offering, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => catalogue.pause(req.ctx(), req.params.id),
    );
    app.post(
      `${base}/:id/resume`,
      { schema: { tags, summary: '판매 재개 · Resume an offering', params: idParam, response: { 200: offering, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => catalogue.resume(req.ctx(), req.params.id),
    );
    app.get(
      '/api/v1/procurement/matching',
      {
        schema: {
          tags,
          summary: '수요-공급 매칭 · Suppliers for a buyer’s need',
          description:
            'Active offerings ranked by fit: same category (30), same item (25), a keyword in the name (15) or description (8), delivers to the district (15; all of Seoul 10), public purchases from the supplier in the category (up to 20), certifications (2 each, up to 6). Each suggestion carries its reasons in Korean and English.',
          querystring: matchingQuery,
          response: { 200: matchingResult, ...problemResponses(400) },
        },
      },
      async (req) => catalogue.match(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/procurement/opportunities',
      {
        schema: {
          tags,
          summary: '공공구매 확대 기회 (직원) · Opportunities (staff)',
          description:
            'Categories ranked by public spend not yet going to social economy organisations (amount × (1 − share)), each with the organisations offering in it and those of a fitting industry that offer nothing there yet.',
          querystring: opportunitiesQuery,
          response: { 200: opportunities, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => catalogue.opportunities(req.ctx(), req.query),
    );
  };
}
