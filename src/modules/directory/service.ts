import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Page } from '../../kernel/pagination.ts';
import { authorize } from '../../kernel/policy.ts';
import { notFound } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type { OrganizationRow } from './repository.ts';

export interface Organization {
  id: string;
  name: string;
  nameEn: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentOrganization(o: OrganizationRow): Organization {
  return { id: o.id, name: o.name, nameEn: o.name_en, createdAt: o.created_at.toISOString(), updatedAt: o.updated_at.toISOString() };
}

const missing = () => notFound('단체를 찾을 수 없습니다', 'Organisation not found');

export function createDirectoryService(db: Db) {
  return {
    async list(ctx: RequestContext, filter: { q?: string | undefined; page: number; pageSize: number }): Promise<Page<Organization>> {
      authorize(ctx.actor, 'organization.read', undefined);
      const { rows, total } = await repo.list(db, filter);
      return { items: rows.map(presentOrganization), total, page: filter.page, pageSize: filter.pageSize };
    },

    async get(ctx: RequestContext, id: string): Promise<Organization> {
      authorize(ctx.actor, 'organization.read', undefined);
      const o = await repo.findById(db, id);
      if (!o) throw missing();
      return presentOrganization(o);
    },

    async create(ctx: RequestContext, input: { name: string; nameEn?: string | null | undefined }): Promise<Organization> {
      authorize(ctx.actor, 'organization.create', undefined);
      return db.transaction().execute(async (trx) => {
        const o = presentOrganization(await repo.insert(trx, { name: input.name, name_en: input.nameEn ?? null }));
        await recordAudit(trx, ctx, { action: 'organization.create', entityType: 'organization', entityId: o.id, before: null, after: o });
        return o;
      });
    },

    async update(ctx: RequestContext, id: string, input: { name?: string | undefined; nameEn?: string | null | undefined }): Promise<Organization> {
      authorize(ctx.actor, 'organization.update', { organizationId: id });
      return db.transaction().execute(async (trx) => {
        const before = await repo.lockById(trx, id);
        if (!before) throw missing();
        const after = await repo.update(trx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        });
        const o = presentOrganization(after);
        await recordAudit(trx, ctx, { action: 'organization.update', entityType: 'organization', entityId: id, before: presentOrganization(before), after: o });
        return o;
      });
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
