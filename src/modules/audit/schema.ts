import { z } from 'zod';
import { pageQuery, pageSchema } from '../../kernel/pagination.ts';

export const auditQuery = z.object({
  entityType: z.string().max(64).optional().describe('e.g. user, organization, session'),
  entityId: z.string().max(128).optional(),
  actorId: z.uuid().optional().describe('user id of the actor'),
  action: z.string().max(64).optional().describe('action or action prefix, e.g. "user." or "organization.update"'),
  requestId: z.string().max(128).optional(),
  from: z.coerce.date().optional().describe('inclusive lower bound (ISO 8601)'),
  to: z.coerce.date().optional().describe('exclusive upper bound (ISO 8601)'),
  ...pageQuery,
});

export const auditRecord = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ userId: z.string().nullable(), tokenId: z.string().nullable(), label: z.string() }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditRecord' });

export const auditPage = pageSchema(auditRecord);
