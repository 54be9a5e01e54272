import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ProcurementDeps } from '../deps.ts';

// Placeholder until the records part lands (issue 7).
export function recordsRoutes(_deps: ProcurementDeps): FastifyPluginAsyncZod {
  return async () => {};
}
