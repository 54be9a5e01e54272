import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../server/responses.ts';
import { auditPage, auditQuery } from './schema.ts';
import type { AuditService } from './service.ts';

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '감사 기록 조회 · List the audit log (staff)',
          querystring: auditQuery,
          response: { 200: auditPage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const { actorId, ...q } = req.query;
        return audit.list(req.ctx(), { ...q, actorUserId: actorId });
      },
    );
  };
}
