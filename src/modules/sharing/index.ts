// Public surface of the sharing module: the resource-sharing network (resources, requests,
// linkages). Its linkages are published for insights as the view sharing_linkages_v.
export { createSharingService, TRANSITIONS, STATUS_LABELS, type SharingService, type SharingDeps, type RequestAction } from './service.ts';
export { sharingRoutes } from './routes.ts';
export { CATEGORIES, type Category, type Resource, type SharingRequest } from './schema.ts';
export { resourceSearchColumns } from './repository.ts';
