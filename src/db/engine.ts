import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

/**
 * The query layer every module uses. Modules type their own tables with `db.withTables<T>()`
 * in their repository; this handle itself knows no table.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Db = Kysely<{}>;

export type EngineName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: EngineName;
  /** The PGlite instance, for backup (dumpDataDir) and COPY; undefined on PostgreSQL. */
  pglite?: PGlite;
  /**
   * Runs raw multi-statement SQL scripts in one transaction outside the query builder (migrations,
   * restores). On PGlite it takes the engine's own lock, so it waits for queries in flight.
   */
  rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RawTx {
  /** Runs a script of one or more statements, without parameters. */
  exec(script: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

/**
 * Contrib extensions sehub uses. PGlite must be given the same set at every open or queries on
 * tables whose indexes use them fail; PostgreSQL ships them in its contrib package.
 */
const PGLITE_EXTENSIONS = { pg_trgm, btree_gist };

// int8 (20) as number: counts and won amounts stay exact up to 2^53 (9 경 won), checked here.
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}
// date (1082) as the 'YYYY-MM-DD' text itself: a calendar date has no time zone to shift it.
const keepText = (value: string) => value;

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** A PGlite data-directory tarball to start from (restore, test templates). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === 20) return parseInt8;
        if (oid === 1082) return keepText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, fail-over, idle_session_timeout, pg_terminate_backend)
  // is reported here; the pool has already dropped it and the next query opens a new one. Without a
  // listener, Node turns the event into an uncaught exception that takes the whole server down.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    // All date arithmetic in SQL happens in Seoul time (DESIGN: dates in Asia/Seoul).
    client.query(`SET TIME ZONE 'Asia/Seoul'`).catch(() => undefined);
  });
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) }) as Db;
  await sql`select 1`.execute(db);
  return {
    db,
    engine: 'postgres',
    async rawTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (script) => void (await client.query(script)),
          query: async (text, params) => (await client.query(text, params)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    extensions: PGLITE_EXTENSIONS,
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [pgliteTypes.DATE]: keepText, [pgliteTypes.INT8]: parseInt8 },
  });
  await pglite.exec(`SET TIME ZONE 'Asia/Seoul'`);
  // PGlite is one connection; Kysely queues its use (its PGlite adapter reports no multiple
  // connections), so a transaction holds it and other requests wait. engine.test.ts checks this.
  const db = new Kysely<object>({ dialect: new PGliteDialect({ pglite }) }) as Db;
  return {
    db,
    engine: 'pglite',
    pglite,
    rawTransaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (script) => void (await tx.exec(script)),
          query: async (text, params) => (await tx.query(text, params)).rows as never[],
        }),
      ),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
