import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../server/responses.ts';
import { createOrganizationBody, organization, organizationPage, organizationParam, organizationQuery, updateOrganizationBody } from './schema.ts';
import type { DirectoryService } from './service.ts';

export function directoryRoutes(directory: DirectoryService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['directory'];
    app.get(
      '/api/v1/organizations',
      { schema: { tags, summary: '단체 목록 · List organisations', querystring: organizationQuery, response: { 200: organizationPage, ...problemResponses(400) } } },
      async (req) => directory.list(req.ctx(), req.query),
    );
    app.get(
      '/api/v1/organizations/:id',
      { schema: { tags, summary: '단체 상세 · One organisation', params: organizationParam, response: { 200: organization, ...problemResponses(400, 404) } } },
      async (req) => directory.get(req.ctx(), req.params.id),
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
          summary: '단체 정보 수정 (직원·단체 관리자) · Edit an organisation (staff, its owners and editors)',
          params: organizationParam,
          body: updateOrganizationBody,
          response: { 200: organization, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => directory.update(req.ctx(), req.params.id, req.body),
    );
  };
}
