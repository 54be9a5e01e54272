// Public surface of the audit module: other modules record their mutations through recordAudit.
export { recordAudit, entityHistory, createAuditService, type AuditEntry, type AuditService, type AuditRecord } from './service.ts';
export { auditRoutes } from './routes.ts';
export { count as countAuditRows } from './repository.ts';
