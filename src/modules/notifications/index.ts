// Public surface of the notifications module: in-app notices. Other modules call `notify` in the
// transaction of the change they announce.
export { createNotificationsService, notify, type NotificationsService, type NotifyInput } from './service.ts';
export { notificationsRoutes } from './routes.ts';
export type { Notification } from './schema.ts';
