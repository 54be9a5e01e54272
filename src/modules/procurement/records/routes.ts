import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../../kernel/problem.ts';
import { streamProgress, wantsNdjson } from '../../../server/ndjson.ts';
import { problemResponses } from '../../../server/responses.ts';
import type { ProcurementDeps } from '../deps.ts';
import {
  addOfficerBody,
  createInstitutionBody,
  idParam,
  importList,
  importQuery,
  importSummary,
  institution,
  institutionList,
  institutionQuery,
  officer,
  officerList,
  officerParam,
  putTargetBody,
  rematchResult,
  target,
  targetList,
  targetQuery,
  taxonomy,
  updateInstitutionBody,
} from './schema.ts';
import { createRecordsService } from './service.ts';

export const RECORD_FILE_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function recordsRoutes(deps: ProcurementDeps): FastifyPluginAsyncZod {
  const records = createRecordsService({ database: deps.database });
  return async (app) => {
    const tags = ['procurement'];
    app.get('/api/v1/procurement/taxonomy', { schema: { tags, summary: '품목·분류·계약방법·계약유형 · Items, categories, methods, contract types', response: { 200: taxonomy } } }, async () =>
      records.taxonomy(),
    );

    app.get(
      '/api/v1/procurement/institutions',
      {
        schema: {
          tags,
          summary: '구매 기관 목록 · Buying institutions',
          description: 'Anyone. `officer` says whether the caller is a purchasing officer of the institution.',
          querystring: institutionQuery,
          response: { 200: institutionList, ...problemResponses(400) },
        },
      },
      async (req) => records.listInstitutions(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/procurement/institutions/:id',
      { schema: { tags, summary: '구매 기관 · One institution', params: idParam, response: { 200: institution, ...problemResponses(400, 404) } } },
      async (req) => records.getInstitution(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/procurement/institutions',
      {
        schema: { tags, summary: '구매 기관 추가 (직원) · Add an institution (staff)', body: createInstitutionBody, response: { 201: institution, ...problemResponses(400, 401, 403) } },
      },
      async (req, reply) => reply.code(201).send(await records.createInstitution(req.ctx(), req.body)),
    );
    app.patch(
      '/api/v1/procurement/institutions/:id',
      {
        schema: {
          tags,
          summary: '구매 기관 수정 (직원) · Edit an institution (staff)',
          params: idParam,
          body: updateInstitutionBody,
          response: { 200: institution, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => records.updateInstitution(req.ctx(), req.params.id, req.body),
    );
    app.get(
      '/api/v1/procurement/institutions/:id/officers',
      { schema: { tags, summary: '구매담당자 목록 (직원) · Purchasing officers (staff)', params: idParam, response: { 200: officerList, ...problemResponses(401, 403, 404) } } },
      async (req) => records.listOfficers(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/procurement/institutions/:id/officers',
      {
        schema: {
          tags,
          summary: '구매담당자 지정 (직원) · Make a user an officer (staff)',
          description: 'Body `{ email }` of an existing user, or `{ userId }`.',
          params: idParam,
          body: addOfficerBody,
          response: { 201: officer, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await records.addOfficer(req.ctx(), req.params.id, req.body)),
    );
    app.delete(
      '/api/v1/procurement/institutions/:id/officers/:userId',
      { schema: { tags, summary: '구매담당자 해제 (직원) · Remove an officer (staff)', params: officerParam, response: { 204: z.null(), ...problemResponses(401, 403, 404) } } },
      async (req, reply) => {
        await records.removeOfficer(req.ctx(), req.params.id, req.params.userId);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/v1/procurement/me/institutions',
      { schema: { tags, summary: '내가 구매담당자인 기관 · Institutions I am an officer of', response: { 200: institutionList } } },
      async (req) => records.myInstitutions(req.ctx()),
    );

    app.get(
      '/api/v1/procurement/targets',
      {
        schema: {
          tags,
          summary: '구매 목표 · Purchasing targets',
          description: 'City-wide targets and those of institutions with public records for anyone; officers also see their own institutions’; staff all.',
          querystring: targetQuery,
          response: { 200: targetList, ...problemResponses(400) },
        },
      },
      async (req) => records.listTargets(req.ctx(), req.query),
    );
    app.put(
      '/api/v1/procurement/targets',
      {
        schema: {
          tags,
          summary: '구매 목표 설정 (직원) · Set a target (staff)',
          description: 'Upsert by (year, institutionId or null for the city as a whole, itemCode or null for all items).',
          body: putTargetBody,
          response: { 200: target, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const ctx = req.ctx();
        const id = await records.putTarget(ctx, req.body);
        return records.getTarget(ctx, id);
      },
    );
    app.delete(
      '/api/v1/procurement/targets/:id',
      { schema: { tags, summary: '구매 목표 삭제 (직원) · Delete a target (staff)', params: idParam, response: { 204: z.null(), ...problemResponses(401, 403, 404) } } },
      async (req, reply) => {
        await records.deleteTarget(req.ctx(), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/procurement/imports',
      { schema: { tags, summary: '구매실적 가져오기 기록 (직원) · Imports, newest first (staff)', response: { 200: importList, ...problemResponses(401, 403) } } },
      async (req) => ({ items: await records.listImports(req.ctx()) }),
    );
    app.get(
      '/api/v1/procurement/imports/:id',
      { schema: { tags, summary: '가져오기 한 건 (직원) · One import (staff)', params: idParam, response: { 200: importSummary, ...problemResponses(401, 403, 404) } } },
      async (req) => records.getImport(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/procurement/imports/:id/undo',
      {
        schema: {
          tags,
          summary: '가져오기 되돌리기 (직원) · Undo an import (staff)',
          description: 'Deletes its records, recomputes the aggregates of its years from the records, and marks it undone.',
          params: idParam,
          response: { 200: importSummary, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (req) => records.undoImport(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/procurement/rematch',
      {
        schema: {
          tags,
          summary: '업체 다시 연결 (직원) · Re-match unmatched suppliers (staff)',
          description: 'Matches records whose supplier was not found against the directory again (e.g. after organisations were added) and recomputes the aggregates of the years that changed.',
          response: { 200: rematchResult, ...problemResponses(401, 403) },
        },
      },
      async (req) => records.rematch(req.ctx()),
    );

    app.register(async (scope) => {
      const imports = scope.withTypeProvider<ZodTypeProvider>();
      // The file is the request body, handed to the importer as the stream it is: a 400 MB file is
      // never held in memory (and no body limit applies).
      imports.addContentTypeParser([...Object.values(RECORD_FILE_TYPES), 'application/octet-stream'], (_req, payload, done) => done(null, payload));
      imports.post(
        '/api/v1/procurement/imports',
        {
          schema: {
            tags,
            summary: '구매실적 가져오기 (직원) · Import purchase records from CSV or XLSX (staff)',
            description:
              'The file is the body (Content-Type text/csv, or the XLSX type). Columns by Korean or English header in any order: 기관명/institution, 기관코드/institution_code, 구매일자/date, 품목/item, 분류/category, 업체명/supplier, 사업자등록번호/business_reg_no, 금액/amount, 계약방법/method, 계약유형/contract_type, 계약번호/contract_no. CSV in UTF-8 or EUC-KR. One transaction: any bad row refuses the whole file (400, every error with its line and field, the first 100). dryRun=true does everything, answers the summary with its errors and keeps nothing. With `Accept: application/x-ndjson`: {"type":"progress","rows","bytes","totalBytes","phase"} lines (phase reading, then finishing once the file is read), then {"type":"result","import":{…}} or {"type":"error","problem":{…}}.',
            querystring: importQuery,
            response: { 200: importSummary, ...problemResponses(400, 401, 403, 415) },
          },
        },
        async (req, reply) => {
          const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          const fileName = req.query.fileName ?? 'upload';
          const format = req.query.format ?? (type === RECORD_FILE_TYPES.xlsx || /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv');
          const body = req.body as Readable | undefined;
          if (!body || typeof (body as Readable).pipe !== 'function') {
            throw new Problem('unsupported-media-type', { ko: '파일을 text/csv 또는 XLSX 형식으로 보내 주세요', en: 'Send the file as text/csv or XLSX' });
          }
          const length = Number(req.headers['content-length']);
          const input = { fileName, format, source: body, dryRun: req.query.dryRun };
          if (!wantsNdjson(req.headers.accept)) return records.importRecords(req.ctx(), input);
          const totalBytes = Number.isFinite(length) ? length : null;
          return streamProgress(
            req,
            reply,
            (onProgress: (p: { rows: number; bytes: number; totalBytes: number | null; phase: 'reading' | 'finishing' }) => Promise<void>) =>
              records.importRecords(req.ctx(), { ...input, onProgress: (p) => onProgress({ rows: p.rows, bytes: p.bytes, totalBytes, phase: p.phase }) }),
            (summary) => ({ import: summary }),
          );
        },
      );
    });
  };
}
