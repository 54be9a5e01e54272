// Public surface of the orders module (맺음 bundle orders): bundles built from several suppliers'
// items, orders split into supplier sub-orders that supplier, intermediary and centre advance, and
// settlement per supplier per month.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/engine.ts';
import type { Mailer } from '../../kernel/mail.ts';
import { ordersRoutesOf } from './routes.ts';
import { createOrdersService } from './service.ts';

export { createOrdersService, splitOrder, orderNumber, seoulToday, STATUS_LABELS, STEPS, type OrdersService } from './service.ts';
export type { Bundle, Order, SubOrder, Settlement, SubOrderStatus, SubOrderAction } from './schema.ts';

export interface OrdersDeps {
  database: Database;
  mailer: Mailer;
  publicUrl: string;
}

export function ordersRoutes(deps: OrdersDeps): FastifyPluginAsyncZod {
  return ordersRoutesOf(createOrdersService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.publicUrl }));
}
