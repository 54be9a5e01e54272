import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvWriter, xlsxWriter } from '../../kernel/tabular.ts';
import { problemResponses } from '../../server/responses.ts';
import {
  cancelBody,
  createRequestBody,
  createResourceBody,
  handoverBody,
  idParam,
  linkageQuery,
  linkageTable,
  proposeBody,
  reasonBody,
  requestPage,
  requestQuery,
  resource,
  resourceFields,
  resourcePage,
  resourceQuery,
  returnBody,
  reviewBody,
  sharingRequest,
  taxonomyResponse,
  type LinkageTable,
} from './schema.ts';
import type { SharingService } from './service.ts';

const MEDIA = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** The linkage table as a CSV or XLSX file (Korean headers with English in brackets). */
async function linkageFile(format: 'csv' | 'xlsx', t: LinkageTable): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, `자원연계 ${t.year ?? ''}`.trim());
  w.row([t.by === 'district' ? '자치구 (district)' : '분류 (category)', '연계 건수 (linkages)', '제공 단체 (giving organisations)', '이용 단체 (receiving organisations)']);
  for (const r of t.rows) w.row([r.label.ko, r.linkages, r.ownerOrganizations, r.requesterOrganizations]);
  w.row(['합계 (total)', t.total.linkages, null, null]);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}

export function sharingRoutes(sharing: SharingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['sharing'];
    app.get('/api/v1/sharing/taxonomy', { schema: { tags, summary: '자원 분류·자치구 · Resource categories and districts', response: { 200: taxonomyResponse } } }, async () =>
      sharing.taxonomy(),
    );
    app.get(
      '/api/v1/sharing/resources',
      {
        schema: {
          tags,
          summary: '공유 자원 검색 · Search shared resources',
          description: 'Korean-aware like the directory: fragments inside words, 초성, spacing ignored. Facet counts by category and district come with every page.',
          querystring: resourceQuery,
          response: { 200: resourcePage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => sharing.search(req.ctx(), req.query),
    );
    app.post(
      '/api/v1/sharing/resources',
      {
        schema: {
          tags,
          summary: '자원 등록 · Offer a resource',
          description: 'By an owner or editor of the organisation, or staff. The district defaults to the organisation’s.',
          body: createResourceBody,
          response: { 201: resource, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await sharing.create(req.ctx(), req.body)),
    );
    app.get(
      '/api/v1/sharing/resources/:id',
      { schema: { tags, summary: '자원 상세 · One resource', params: idParam, response: { 200: resource, ...problemResponses(400, 404) } } },
      async (req) => sharing.get(req.ctx(), req.params.id),
    );
    app.put(
      '/api/v1/sharing/resources/:id',
      {
        schema: { tags, summary: '자원 수정 · Edit a resource', params: idParam, body: resourceFields, response: { 200: resource, ...problemResponses(400, 401, 403, 404) } },
      },
      async (req) => sharing.update(req.ctx(), req.params.id, req.body),
    );
    app.post(
      '/api/v1/sharing/resources/:id/requests',
      {
        schema: {
          tags,
          summary: '자원 요청 · Request a resource',
          description: 'For dates (fromDate–toDate) or a quantity, on behalf of an organisation the caller belongs to — not the owning one (400).',
          params: idParam,
          body: createRequestBody,
          response: { 201: sharingRequest, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await sharing.request(req.ctx(), req.params.id, req.body)),
    );
    app.get(
      '/api/v1/sharing/requests',
      {
        schema: {
          tags,
          summary: '내 요청과 받은 요청 · My requests and my inbox',
          description: 'Requests of the organisations the caller belongs to, as requester, as owner, or both; newest change first. Each carries the actions the caller may take.',
          querystring: requestQuery,
          response: { 200: requestPage, ...problemResponses(400, 401) },
        },
      },
      async (req) => sharing.listRequests(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/sharing/requests/:id',
      { schema: { tags, summary: '요청 상세 · One request', params: idParam, response: { 200: sharingRequest, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => sharing.getRequest(req.ctx(), req.params.id),
    );

    const step = <B extends z.ZodType>(path: string, summary: string, body: B, toInput: (b: z.infer<B>) => Parameters<SharingService['act']>[2]) =>
      app.post(
        `/api/v1/sharing/requests/:id/${path}`,
        {
          schema: {
            tags,
            summary,
            description: 'A step of the request lifecycle; from any other state 409 with the reason in Korean and English.',
            params: idParam,
            body,
            response: { 200: sharingRequest, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (req) => sharing.act(req.ctx(), req.params.id, toInput(req.body as z.infer<B>)),
      );
    const empty = z.object({});
    step('accept', '요청 수락 (제공 단체) · Accept (owner)', empty, () => ({ action: 'accept' }));
    step('decline', '요청 거절 (제공 단체) · Decline with a reason (owner)', reasonBody, (b) => ({ action: 'decline', reason: b.reason }));
    step('propose', '다른 날짜 제안 (제공 단체) · Propose other dates (owner)', proposeBody, (b) => ({ action: 'propose', fromDate: b.fromDate, toDate: b.toDate, note: b.note }));
    step('accept-proposal', '제안 수락 (요청 단체) · Accept the proposed dates (requester)', empty, () => ({ action: 'accept-proposal' }));
    step('decline-proposal', '제안 거절 (요청 단체) · Decline the proposed dates (requester)', empty, () => ({ action: 'decline-proposal' }));
    step('cancel', '요청 취소 (양쪽, 전달 전) · Cancel before hand-over (either side)', cancelBody, (b) => ({ action: 'cancel', reason: b.reason }));
    step('handover', '전달 기록 (제공 단체) · Record the hand-over (owner)', handoverBody, (b) => ({ action: 'handover', on: b.on }));
    step('return', '반납 기록 (제공 단체) · Record the return and condition (owner)', returnBody, (b) => ({ action: 'return', on: b.on, condition: b.condition }));
    step('review', '후기 (양쪽, 완료 후 한 번) · Review once after completion (either side)', reviewBody, (b) => ({ action: 'review', rating: b.rating, body: b.body }));

    app.get(
      '/api/v1/sharing/linkages',
      {
        schema: {
          tags,
          summary: '자원연계 통계 · Linkages (completed requests) by district or category',
          description: 'Each completed request is one linkage, dated by its completion. With format=csv or xlsx the same table comes as a download.',
          querystring: linkageQuery,
          response: { 200: z.union([linkageTable, z.any()]), ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...f } = req.query;
        const t = await sharing.linkages(req.ctx(), f);
        if (format === 'json') return t;
        const body = await linkageFile(format, t);
        return reply
          .type(MEDIA[format])
          .header('content-disposition', `attachment; filename="sharing-linkages-${t.year ?? 'all'}-${t.by}.${format}"`)
          .send(body);
      },
    );
  };
}
