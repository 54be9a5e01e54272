// Public surface of the procurement module: the catalogue of social economy products and services,
// public buyer institutions and their officers, purchase records (bulk import, supplier matching,
// OCDS export), targets, analytics read from aggregates kept current on import, and matching.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyticsRoutes } from './analytics/routes.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import type { ProcurementDeps } from './deps.ts';
import { recordsRoutes } from './records/routes.ts';

export type { ProcurementDeps } from './deps.ts';
// photoErrors: whether photos (kernel/images.ts photoInput) are an organisation's uploads, for 맺음 bundles and shared resources.
export { createCatalogueService, INDUSTRY_FIT, photoErrors, type CatalogueService } from './catalogue/service.ts';
export { offeringSearchColumns, type OfferingInsert } from './catalogue/repository.ts';
// Buyers for other modules (맺음 orders): who is an officer of which institution, and institutions' names.
export { institutionNames, institutionOfficers, officerInstitutionIds } from './access.ts';

export function procurementRoutes(deps: ProcurementDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(recordsRoutes(deps));
    await app.register(analyticsRoutes(deps));
    await app.register(catalogueRoutes(deps));
  };
}
