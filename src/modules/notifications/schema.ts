import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination.ts';

export const notification = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('what happened, e.g. sharing.request.accepted'),
    title: z.object({ ko: z.string(), en: z.string() }),
    link: z.string().nullable().describe('path in the web app to the thing it is about'),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notification>;

export const notificationQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('only unread ones'),
  ...pageQuery,
});

export const notificationPage = z
  .object({
    items: z.array(notification),
    total: z.number().int(),
    unread: z.number().int().describe('unread notifications of the user, whatever the filter'),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });

export const notificationParam = z.object({ id: z.uuid() });
