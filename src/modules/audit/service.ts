import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Page } from '../../kernel/pagination.ts';
import { authorize } from '../../kernel/policy.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type { AuditFilter, AuditRow } from './repository.ts';

export interface AuditEntry {
  /** What happened, as `entity.verb`: "user.create", "organization.update", "auth.login". */
  action: string;
  entityType: string;
  entityId: string | null;
  /** The entity as it was, or null when it did not exist. Never secrets. */
  before: unknown;
  /** The entity as it is now, or null when it was removed. Never secrets. */
  after: unknown;
}

function actorColumns(ctx: RequestContext) {
  const a = ctx.actor;
  if (a.kind === 'user') {
    return { actor_user_id: a.userId, actor_token_id: a.tokenId ?? null, actor_label: a.via === 'token' ? 'api-token' : 'user' };
  }
  if (a.kind === 'system') return { actor_user_id: null, actor_token_id: null, actor_label: `system:${a.name}` };
  return { actor_user_id: null, actor_token_id: null, actor_label: 'anonymous' };
}

const toJson = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the change and
 * its record commit or vanish together.
 */
export async function recordAudit(trx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await repo.insert(trx, {
    ...actorColumns(ctx),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    request_id: ctx.requestId,
    ip: ctx.ip ?? null,
  });
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: string | null; tokenId: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

function present(r: AuditRow): AuditRecord {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: { userId: r.actor_user_id, tokenId: r.actor_token_id, label: r.actor_label },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    ip: r.ip,
  };
}

/**
 * The recorded changes of one entity, newest first, for modules that show a history on their
 * own terms (and apply their own policy). Not an API by itself.
 */
export async function entityHistory(db: Db, entityType: string, entityId: string, page = 1, pageSize = 50): Promise<Page<AuditRecord>> {
  const { rows, total } = await repo.list(db, { entityType, entityId, page, pageSize });
  return { items: rows.map(present), total, page, pageSize };
}

export function createAuditService(db: Db) {
  return {
    async list(ctx: RequestContext, filter: AuditFilter): Promise<Page<AuditRecord>> {
      authorize(ctx.actor, 'audit.list', undefined);
      const { rows, total } = await repo.list(db, filter);
      return { items: rows.map(present), total, page: filter.page, pageSize: filter.pageSize };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
