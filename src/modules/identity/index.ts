// Public surface of the identity module.
export {
  createIdentityService,
  DEFAULT_IDENTITY_CONFIG,
  type IdentityConfig,
  type IdentityService,
  type PublicUser,
} from './service.ts';
export { identityRoutes, type IdentityRouteOptions } from './routes.ts';
export { createUserBody } from './schema.ts';
