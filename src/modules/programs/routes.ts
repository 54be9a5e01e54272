import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../server/responses.ts';
import {
  createYearBody,
  exportQuery,
  importQuery,
  importReport,
  programDetail,
  programInput,
  programListItem,
  programParam,
  programsQuery,
  taxonomyResponse,
  yearCreated,
  yearDetail,
  yearDocument,
  yearParam,
  yearSummary,
} from './schema.ts';
import type { ProgramsService } from './service.ts';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES } from './model.ts';
import { renderReport, reportFileName, reportMediaType } from './report/index.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reportQuery = z.object({ format: z.enum(REPORT_FORMATS).default('pdf').describe('html | pdf | xlsx | hwpx') });

export function programsRoutes(programs: ProgramsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['programs'];
    app.get(
      '/api/v1/program-taxonomy',
      { schema: { tags, summary: '예산 구분·비목 목록 · Budget groups and categories', response: { 200: taxonomyResponse, ...problemResponses(401) } } },
      async (req) => programs.taxonomy(req.ctx()),
    );
    app.get(
      '/api/v1/program-years',
      { schema: { tags, summary: '사업 연도 목록 (직원) · Programme years (staff)', response: { 200: z.object({ items: z.array(yearSummary) }), ...problemResponses(401, 403) } } },
      async (req) => programs.listYears(req.ctx()),
    );
    app.post(
      '/api/v1/program-years',
      {
        schema: {
          tags,
          summary: '사업 연도 만들기 (직원) · Create a programme year (staff)',
          body: createYearBody,
          response: { 201: yearCreated, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await programs.createYear(req.ctx(), req.body)),
    );
    app.get(
      '/api/v1/program-years/:year',
      {
        schema: {
          tags,
          summary: '연도 개요·집계 (직원) · A year: overview, rollups and notes (staff)',
          description:
            'The overview rows (programmes and groups without a parent) with their derived achievement and execution rates, and the rollups for the whole year, each budget group and each area: simple and budget-weighted means, total spent ÷ total granted, and for the total the mean of the group means — each with its formula, the programmes it counts, and the figure the source printed with the difference.',
          params: yearParam,
          response: { 200: yearDetail, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => programs.getYear(req.ctx(), req.params.year),
    );
    app.get(
      '/api/v1/programs',
      {
        schema: {
          tags,
          summary: '사업 목록 · Programmes',
          description: 'Staff see every programme; a member sees the programmes a partner organisation of theirs takes part in.',
          querystring: programsQuery,
          response: { 200: z.object({ items: z.array(programListItem) }), ...problemResponses(400, 401) },
        },
      },
      async (req) => programs.listPrograms(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/programs/:id',
      {
        schema: {
          tags,
          summary: '사업 상세 · One programme',
          description: 'The programme as the report shows it (every rate derived, with how), and `input`: its stored values with their version, for edit forms.',
          params: programParam,
          response: { 200: programDetail, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => programs.getProgram(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/program-years/:year/programs',
      {
        schema: {
          tags,
          summary: '사업 등록 (직원) · Add a programme (staff)',
          params: yearParam,
          body: programInput,
          response: { 201: programDetail, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.code(201).send(await programs.createProgram(req.ctx(), req.params.year, req.body)),
    );
    app.put(
      '/api/v1/programs/:id',
      {
        schema: {
          tags,
          summary: '사업 고치기 (직원) · Replace a programme (staff)',
          description: 'Send the whole programme with the `version` you read; KPIs, budget lines, transfers, schedule and partners are replaced in one transaction. A stale version answers 409.',
          params: programParam,
          body: programInput,
          response: { 200: programDetail, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => programs.updateProgram(req.ctx(), req.params.id, req.body),
    );
    app.delete(
      '/api/v1/programs/:id',
      {
        schema: {
          tags,
          summary: '사업 지우기 (직원) · Delete a programme (staff)',
          description: 'A programme with programmes under it is refused (409) until they are moved or deleted.',
          params: programParam,
          response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await programs.deleteProgram(req.ctx(), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/v1/program-years/:year/export',
      {
        schema: {
          tags,
          summary: '연도 자료 내보내기 (직원) · Export a year as a document (staff)',
          params: yearParam,
          querystring: exportQuery,
          response: { 200: yearDocument, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        if (req.query.format === 'xlsx') {
          const data = await programs.exportYearWorkbook(req.ctx(), req.params.year);
          // A Buffer is sent as it is (Fastify does not serialise it); the 200 schema documents the JSON form.
          return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="sehub-programs-${req.params.year}.xlsx"`).send(data as never);
        }
        const doc = await programs.exportYear(req.ctx(), req.params.year);
        return reply.header('content-disposition', `attachment; filename="sehub-programs-${req.params.year}.json"`).send(doc);
      },
    );
    app.get(
      '/api/v1/program-years/:year/report',
      {
        schema: {
          tags,
          summary: '연간 성과보고서 내려받기 (직원) · The annual performance report as a file (staff)',
          description:
            "The year's annual report — overview table with area subtotals, rollups (each mean with its formula, the printed figure and the difference), the source's inconsistencies, and per programme its overview, KPIs, budget, transfers, month schedule and evaluation — as HTML (self-contained page), PDF (embedded Korean font, contents with page numbers), XLSX (rate cells as formulas) or HWPX (OWPML, for Hangul).",
          params: yearParam,
          querystring: reportQuery,
          produces: Object.values(REPORT_MEDIA_TYPES),
          response: { 200: z.unknown().describe('the report file in the format asked for'), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const report = await programs.buildAnnualReport(req.ctx(), req.params.year);
        const data = await renderReport(report, req.query.format);
        return reply
          .type(reportMediaType(req.query.format))
          .header('content-disposition', `attachment; filename="${reportFileName(report.year, req.query.format)}"`)
          .send(data);
      },
    );
    app.register(async (scope) => {
      // A workbook arrives as the request body itself (the XLSX type), up to 20 MiB; JSON as usual.
      scope.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/v1/program-years/:year/import',
        {
          // A year's document with every section can exceed the default body limit.
          bodyLimit: 20 * 1024 * 1024,
          schema: {
            tags,
            summary: '연도 자료 가져오기 (직원) · Import a year from a document (staff)',
            description:
              'The body is a YearDocument (format sehub.programs.v1, application/json) for the year in the path, or the year\'s XLSX workbook (a sheet per entity, as the export writes it; errors then name sheet[row].column). With dryRun=true the answer lists every field error (paths like programs[3].kpis[1].target) and what would be imported. Otherwise the year\'s programme data is replaced in one transaction, or — on any error — refused whole (400 listing every field error) and nothing changes.',
            params: yearParam,
            querystring: importQuery,
            // Checked by the service, so that a dry run can list every error instead of the first refusal.
            body: z.unknown().describe('A YearDocument (see the YearDocument schema)'),
            response: { 200: importReport, ...problemResponses(400, 401, 403, 413, 415) },
          },
        },
        async (req) =>
          Buffer.isBuffer(req.body)
            ? programs.importYearWorkbook(req.ctx(), req.body, { dryRun: req.query.dryRun, year: req.params.year })
            : programs.importYear(req.ctx(), req.body, { dryRun: req.query.dryRun, year: req.params.year }),
      );
    });
  };
}
