// Public surface of the orders module (맺음 bundle orders).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/engine.ts';
import type { Mailer } from '../../kernel/mail.ts';

export interface OrdersDeps {
  database: Database;
  mailer: Mailer;
  publicUrl: string;
}

// Placeholder until the orders part lands (issue 7).
export function ordersRoutes(_deps: OrdersDeps): FastifyPluginAsyncZod {
  return async () => {};
}
