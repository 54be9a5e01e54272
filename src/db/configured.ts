import type { Config } from '../config.ts';
import { lockDataDir, pgliteDir } from './datadir.ts';
import { openDatabase, type Database } from './engine.ts';

/**
 * Opens the configured database — PostgreSQL at DATABASE_URL, else the embedded one in the data folder,
 * locked against a second sehub process — and returns it with the lock released on close. Migrations
 * are the caller's (`migrate`). Kept apart from main.ts so that the CLI opens a database without
 * loading the server.
 */
export async function openConfigured(config: Config): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl });
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: pgliteDir(config.dataDir) });
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
