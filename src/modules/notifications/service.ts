import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { authorize } from '../../kernel/policy.ts';
import { notFound, Problem } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import './policy.ts';
import * as repo from './repository.ts';
import type { Notification } from './schema.ts';

export interface NotifyInput {
  userIds: readonly string[];
  kind: string;
  title: { ko: string; en: string };
  link?: string | null;
}

const present = (r: repo.NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: { ko: r.title_ko, en: r.title_en },
  link: r.link,
  readAt: r.read_at ? r.read_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
});

/**
 * Writes one notification per (distinct) user. Call it with the transaction of the change it
 * announces; the calling module has already authorised and audited that change.
 */
export async function notify(trx: Db, input: NotifyInput): Promise<number> {
  const users = [...new Set(input.userIds)];
  const rows = await repo.insertMany(
    trx,
    users.map((user_id) => ({ user_id, kind: input.kind, title_ko: input.title.ko, title_en: input.title.en, link: input.link ?? null })),
  );
  return rows.length;
}

function userOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new Problem('unauthenticated');
  return ctx.actor.userId;
}

export function createNotificationsService(db: Db) {
  return {
    async list(ctx: RequestContext, f: { unread: boolean; page: number; pageSize: number }) {
      authorize(ctx.actor, 'notification.read', undefined);
      const { rows, total, unread } = await repo.listFor(db, userOf(ctx), f);
      return { items: rows.map(present), total, unread, page: f.page, pageSize: f.pageSize };
    },

    async markRead(ctx: RequestContext, id: string): Promise<Notification> {
      authorize(ctx.actor, 'notification.read', undefined);
      return db.transaction().execute(async (trx) => {
        const before = await repo.find(trx, id);
        // Someone else's notification is answered as missing: its existence is not theirs to learn.
        if (!before || before.user_id !== userOf(ctx)) throw notFound('알림을 찾을 수 없습니다', 'Notification not found');
        authorize(ctx.actor, 'notification.mark', { userId: before.user_id });
        const after = await repo.markRead(trx, id);
        if (!before.read_at) {
          await recordAudit(trx, ctx, { action: 'notification.read', entityType: 'notification', entityId: id, before: present(before), after: present(after) });
        }
        return present(after);
      });
    },

    async markAllRead(ctx: RequestContext): Promise<{ marked: number }> {
      const userId = userOf(ctx);
      authorize(ctx.actor, 'notification.mark', { userId });
      return db.transaction().execute(async (trx) => {
        const marked = await repo.markAllRead(trx, userId);
        if (marked) await recordAudit(trx, ctx, { action: 'notification.read-all', entityType: 'user', entityId: userId, before: null, after: { marked } });
        return { marked };
      });
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
