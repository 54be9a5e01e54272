import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '../../../kernel/images.ts';
import { Problem } from '../../../kernel/problem.ts';
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
  photoQuery,
  printQuery,
  taxonomyResponse,
  updateOfferingBody,
  uploadedPhoto,
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

    app.get(
      '/api/v1/procurement/photos/:id',
      {
        schema: {
          tags,
          summary: '올린 사진 · An uploaded photo',
          description: 'The image itself (JPEG, PNG, WebP or GIF), cacheable for a year: a photo never changes (a new one is a new upload).',
          params: idParam,
          response: { 200: z.any(), 304: z.null().describe('If-None-Match named this photo'), ...problemResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const f = await catalogue.photoFile(req.ctx(), req.params.id);
        if (req.headers['if-none-match'] === f.etag) return reply.code(304).send(null);
        return reply
          .type(f.contentType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('etag', f.etag)
          .header('last-modified', f.createdAt.toUTCString())
          .send(f.bytes);
      },
    );
    app.register(async (scope) => {
      const photos = scope.withTypeProvider<ZodTypeProvider>();
      // The image is the body. Up to twice the limit is read so that a photo a little too large gets the
      // field-level message rather than a bare 413; anything not an image is refused from its bytes.
      photos.addContentTypeParser([...Object.values(IMAGE_TYPES), 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES * 2 }, (_req, body, done) => done(null, body));
      photos.post(
        '/api/v1/procurement/photos',
        {
          schema: {
            tags,
            summary: '사진 올리기 · Upload a photo',
            description:
              'The image is the body (Content-Type image/jpeg, image/png, image/webp or image/gif; at most 5 MB and 8000 pixels a side), for `organizationId` (its owners and editors, or staff; without it, the centre’s own, staff only). The answer’s `url` is what an offering’s or a bundle’s photo gives; only photos of the same organisation are accepted there. The type is read from the bytes, not from the header.',
            querystring: photoQuery,
            response: { 201: uploadedPhoto, ...problemResponses(400, 401, 403, 413, 415) },
          },
        },
        async (req, reply) => {
          if (!Buffer.isBuffer(req.body)) {
            throw new Problem('unsupported-media-type', { ko: '사진을 image/jpeg, image/png, image/webp, image/gif 형식으로 보내 주세요', en: 'Send the photo as image/jpeg, image/png, image/webp or image/gif' });
          }
          return reply.code(201).send(await catalogue.uploadPhoto(req.ctx(), req.query.organizationId, req.body));
        },
      );
    });
  };
}
