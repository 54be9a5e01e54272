import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ProcurementDeps } from '../deps.ts';

// Placeholder until the catalogue part lands (issue 7).
export function catalogueRoutes(_deps: ProcurementDeps): FastifyPluginAsyncZod {
  return async () => {};
}
