import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ProcurementDeps } from '../deps.ts';

// Placeholder until the analytics part lands (issue 7).
export function analyticsRoutes(_deps: ProcurementDeps): FastifyPluginAsyncZod {
  return async () => {};
}
