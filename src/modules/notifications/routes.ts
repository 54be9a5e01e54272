import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../server/responses.ts';
import { notification, notificationPage, notificationParam, notificationQuery } from './schema.ts';
import type { NotificationsService } from './service.ts';

export function notificationsRoutes(notifications: NotificationsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/api/v1/notifications',
      {
        schema: {
          tags,
          summary: '내 알림 · My notifications',
          description: 'Newest first, with the number still unread.',
          querystring: notificationQuery,
          response: { 200: notificationPage, ...problemResponses(400, 401) },
        },
      },
      async (req) => notifications.list(req.ctx(), req.query),
    );
    app.post(
      '/api/v1/notifications/read-all',
      {
        schema: { tags, summary: '모든 알림 읽음 표시 · Mark all as read', response: { 200: z.object({ marked: z.number().int() }), ...problemResponses(401, 403) } },
      },
      async (req) => notifications.markAllRead(req.ctx()),
    );
    app.post(
      '/api/v1/notifications/:id/read',
      {
        schema: { tags, summary: '알림 읽음 표시 · Mark one as read', params: notificationParam, response: { 200: notification, ...problemResponses(400, 401, 403, 404) } },
      },
      async (req) => notifications.markRead(req.ctx(), req.params.id),
    );
  };
}
