import type { Database } from '../../db/engine.ts';
import type { Mailer } from '../../kernel/mail.ts';

/** What the procurement module's parts are built from (app.ts gives it). */
export interface ProcurementDeps {
  /** The whole handle, not only the query builder: imports COPY records in through the engine. */
  database: Database;
  mailer: Mailer;
  publicUrl: string;
}
