import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { streamProgress, wantsNdjson } from '../../server/ndjson.ts';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from './exchange.ts';
import { z } from 'zod';
import { problemResponses } from '../../server/responses.ts';
import { organizationJsonLd, prefersJsonLd } from './jsonld.ts';
import type { MapClusters } from './map.ts';
import {
  createOrganizationBody,
  filterQuery,
  historyPage,
  importQuery,
  importReport,
  historyQuery,
  mapQuery,
  organization,
  organizationPage,
  organizationParam,
  organizationQuery,
  proposal,
  proposalBody,
  proposalPage,
  proposalParam,
  proposalQuery,
  rejectBody,
  statusEventBody,
  taxonomy,
  updateOrganizationBody,
} from './schema.ts';
import type { DirectoryService } from './service.ts';

const geojson = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }).meta({ id: 'FeatureCollection', description: 'RFC 7946 GeoJSON' });

export function directoryRoutes(directory: DirectoryService, map: MapClusters, opts: { publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['directory'];
    app.get(
      '/api/v1/directory/taxonomy',
      { schema: { tags, summary: '유형·업종·자치구 목록 · Types, industries and districts', response: { 200: taxonomy } } },
      async () => directory.taxonomy(),
    );
    app.get(
      '/api/v1/organizations',
      {
        schema: {
          tags,
          summary: '단체 검색 · Search organisations',
          description: 'Korean-aware: fragments inside words, 초성 (ㅅㅎㅈ), spacing ignored; ranked by relevance. Facet counts by type, industry and district come with every page.',
          querystring: organizationQuery,
          response: { 200: organizationPage, ...problemResponses(400) },
        },
      },
      async (req) => directory.list(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/organizations/map',
      {
        schema: {
          tags,
          summary: '지도용 클러스터 · Clustered map points',
          description: 'GeoJSON computed on the server: clusters carry count and expansionZoom, single points id, name, type and industry.',
          querystring: mapQuery,
          response: { 200: geojson, ...problemResponses(400) },
        },
      },
      async (req) => {
        const { bbox, zoom, ...filters } = req.query;
        return map.clusters(filters, bbox, zoom);
      },
    );
    app.get(
      '/api/v1/organizations/export',
      {
        schema: {
          tags,
          summary: '단체 목록 내려받기 · Export organisations',
          description: 'Any filtered list as CSV or XLSX (the import layout, Korean headers), GeoJSON (RFC 7946) or JSON-LD (schema.org), streamed.',
          querystring: z.object({ ...filterQuery, format: z.enum(Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]]).default('csv') }),
          response: { 200: z.any(), ...problemResponses(400) },
        },
      },
      async (req, reply) => {
        const { format, ...filters } = req.query;
        const rows = directory.exportOrganizations(req.ctx(), filters);
        // Pull the first row before answering, so that a refusal still becomes a problem response.
        const first = await rows.next();
        async function* all() {
          if (first.done) return;
          yield first.value;
          yield* rows;
        }
        const out = new PassThrough();
        writeExport(format, all(), out, opts.publicUrl).catch((error: unknown) => {
          req.log.error({ err: error }, 'export failed midway');
          out.destroy(error as Error);
        });
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .type(EXPORT_FORMATS[format].type)
          .header('content-disposition', `attachment; filename="organizations-${date}.${EXPORT_FORMATS[format].ext}"`)
          .send(out);
      },
    );
    app.register(async (scope) => {
      const imports = scope.withTypeProvider<ZodTypeProvider>();
      // Files arrive as the request body itself: text/csv or an XLSX workbook, up to 20 MiB.
      imports.addContentTypeParser([...Object.values(IMPORT_TYPES), 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
      imports.post(
        '/api/v1/directory/imports',
        {
          schema: {
            tags,
            summary: '단체 일괄 가져오기 (직원) · Import organisations from CSV or XLSX (staff)',
            description:
              'Send the file as the body (Content-Type text/csv or the XLSX type). With dryRun=true the answer is a preview: rows, what would be created, likely duplicates, and each row\'s field errors. Without it the file is committed in one transaction, or refused whole (400 with every row\'s errors). Likely duplicates are skipped. With `Accept: application/x-ndjson` the answer is streamed: {"type":"progress","rows","total"} lines as batches are read, then {"type":"result",…report} or {"type":"error","problem":{…}}; refusals before the first line keep their status.',
            querystring: importQuery,
            response: { 200: importReport, ...problemResponses(400, 401, 403, 413, 415) },
          },
        },
        async (req, reply) => {
          const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
          const format = req.query.format ?? (type === IMPORT_TYPES.xlsx ? 'xlsx' : 'csv');
          const file = {
            data: Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? '')),
            format,
            mapping: req.query.mapping,
            dryRun: req.query.dryRun,
            source: req.query.filename ?? `upload.${format}`,
          };
          if (!wantsNdjson(req.headers.accept)) return directory.importOrganizations(req.ctx(), file);
          return streamProgress(req, reply, (onProgress: (p: { rows: number; total: number }) => Promise<void>) => directory.importOrganizations(req.ctx(), file, (rows, total) => onProgress({ rows, total })), (report) => report);
        },
      );
    });
    app.get(
      '/api/v1/districts',
      {
        schema: {
          tags,
          summary: '자치구 경계와 단체 수 · District polygons with organisation counts',
          querystring: z.object(filterQuery),
          response: { 200: geojson, ...problemResponses(400) },
        },
      },
      async (req) => directory.districts(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags,
          summary: '단체 상세 · One organisation',
          description: 'With `Accept: application/ld+json`, a schema.org Organization and Place.',
          params: organizationParam,
          response: { 200: organization, ...problemResponses(400, 404) },
        },
      },
      async (req, reply) => {
        const o = await directory.get(req.ctx(), req.params.id);
        if (prefersJsonLd(req.headers.accept)) {
          return reply.type('application/ld+json; charset=utf-8').serializer(JSON.stringify).send(organizationJsonLd(o, opts.publicUrl) as never);
        }
        return o;
      },
    );
    app.get(
      '/api/v1/organizations/:id/history',
      {
        schema: {
          tags,
          summary: '단체 정보 변경 이력 · Change history of a profile',
          params: organizationParam,
          querystring: historyQuery,
          response: { 200: historyPage, ...problemResponses(400, 404) },
        },
      },
      async (req) => directory.history(req.ctx(), req.params.id, req.query.page, req.query.pageSize),
    );
    app.post(
      '/api/v1/organizations',
      {
        schema: {
          tags,
          summary: '단체 등록 (직원) · Register an organisation (staff)',
          body: createOrganizationBody,
          response: { 201: organization, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await directory.create(req.ctx(), req.body)),
    );
    app.patch(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags,
          summary: '단체 정보 직접 수정 (직원) · Edit an organisation directly (staff)',
          description: 'Owners and editors of the organisation propose edits instead (POST …/proposals).',
          params: organizationParam,
          body: updateOrganizationBody,
          response: { 200: organization, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => directory.update(req.ctx(), req.params.id, req.body),
    );
    app.post(
      '/api/v1/organizations/:id/proposals',
      {
        schema: {
          tags,
          summary: '단체 정보 수정 제안 (단체 관리자) · Propose an edit (owners and editors)',
          description: 'The edit waits for staff to approve or reject it.',
          params: organizationParam,
          body: proposalBody,
          response: { 201: proposal, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.code(201).send(await directory.propose(req.ctx(), req.params.id, req.body)),
    );
    app.get(
      '/api/v1/organizations/:id/proposals',
      {
        schema: {
          tags,
          summary: '단체의 수정 제안과 처리 상태 · An organisation\'s proposals and their status',
          params: organizationParam,
          querystring: proposalQuery,
          response: { 200: proposalPage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => directory.proposals(req.ctx(), { ...req.query, organizationId: req.params.id }),
    );
    app.get(
      '/api/v1/directory/proposals',
      {
        schema: {
          tags,
          summary: '수정 제안 검토 대기열 (직원) · Moderation queue (staff)',
          querystring: proposalQuery,
          response: { 200: proposalPage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => directory.proposals(req.ctx(), req.query),
    );
    app.post(
      '/api/v1/directory/proposals/:id/approve',
      {
        schema: {
          tags,
          summary: '수정 제안 승인 (직원) · Approve and apply a proposal (staff)',
          params: proposalParam,
          response: { 200: organization, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => directory.approve(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/directory/proposals/:id/reject',
      {
        schema: {
          tags,
          summary: '수정 제안 반려 (직원) · Reject a proposal with a reason (staff)',
          params: proposalParam,
          body: rejectBody,
          response: { 200: proposal, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => directory.reject(req.ctx(), req.params.id, req.body.reason),
    );
    app.post(
      '/api/v1/organizations/:id/status-events',
      {
        schema: {
          tags,
          summary: '지정·인증·전환·취소·폐업 기록 (직원) · Record a dated status change (staff)',
          params: organizationParam,
          body: statusEventBody,
          response: { 201: organization, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.code(201).send(await directory.addStatusEvent(req.ctx(), req.params.id, req.body)),
    );
  };
}

export const IMPORT_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

