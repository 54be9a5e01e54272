import { mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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
  /**
   * A query-builder transaction that may also COPY rows in (bulk imports). `copyIn(sql, source)` runs
   * `COPY … FROM STDIN` inside the transaction, feeding it the source's chunks as they come (on
   * PostgreSQL the server ingests while Node produces the next chunk), and answers the rows copied.
   * A source that throws aborts the COPY; the error leaves fn and everything rolls back.
   * While a copyIn runs, no other query may use trx (it is one connection). Chunks should end at row
   * boundaries: PGlite copies in pieces of about 16 MiB, cut only between chunks. For
   * `WITH (FORMAT binary)` the source gives rows only; copyIn adds the format's header and trailer.
   */
  copyTransaction<T>(fn: (trx: Db, copyIn: CopyIn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type CopyIn = (sql: string, source: AsyncIterable<string | Buffer>) => Promise<number>;

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
    async copyTransaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // A Kysely bound to this one client, so that the transaction's queries and the COPY share it.
        const single = {
          connect: async () => ({ query: client.query.bind(client), release: () => undefined }),
          end: async () => undefined,
        };
        const trx = new Kysely<object>({ dialect: new PostgresDialect({ pool: single as never }) }) as Db;
        const copyIn: CopyIn = async (text, source) => {
          const stream = client.query(copyFrom(text));
          await pipeline(isBinaryCopy(text) ? framedBinary(source) : source, stream);
          return stream.rowCount;
        };
        return await trx.transaction().execute((t) => fn(t as Db, copyIn));
      } catch (error) {
        // After a failed transaction (perhaps an aborted COPY) the connection is closed rather than given
        // back: one reconnect is cheap, a connection left mid-protocol would poison the pool.
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
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
    copyTransaction: (fn) =>
      // PGlite's own transaction holds the instance; a Kysely over that transaction runs the queries, and
      // COPY reads the rows from a blob attached to the query (PGlite has no STDIN).
      pglite.transaction(async (tx) => {
        const single = {
          query: tx.query.bind(tx),
          transaction: async <R>(inner: (t: typeof tx) => Promise<R>) => inner(tx),
          closed: false,
          ready: true,
          waitReady: Promise.resolve(),
          close: async () => undefined,
        };
        const trx = new Kysely<object>({ dialect: new PGliteDialect({ pglite: single as never }) }) as Db;
        const copyIn: CopyIn = async (text, source) => {
          const fromBlob = text.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
          let parts: (string | Buffer)[] = [];
          let size = 0;
          let rows = 0;
          const binary = isBinaryCopy(text);
          const flush = async () => {
            if (!size) return;
            const blob = new Blob((binary ? [COPY_BINARY_HEADER, ...parts, COPY_BINARY_TRAILER] : parts) as BlobPart[]);
            parts = [];
            size = 0;
            const r = await tx.query(fromBlob, [], { blob });
            rows += r.affectedRows ?? 0;
          };
          for await (const chunk of source) {
            parts.push(chunk);
            size += chunk.length;
            const last = typeof chunk === 'string' ? chunk.charCodeAt(chunk.length - 1) : chunk[chunk.length - 1];
            if (size >= PGLITE_COPY_PIECE && (binary || last === 10)) await flush();
          }
          await flush();
          return rows;
        };
        return fn(trx, copyIn);
      }),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Bytes (roughly: string lengths) PGlite's copyIn gathers before running one COPY of them. */
const PGLITE_COPY_PIECE = 16 * 1024 * 1024;

/**
 * COPY … WITH (FORMAT binary): the source gives the rows only, and copyIn frames them with the
 * format's header (signature, flags, no extension) and trailer — once on PostgreSQL, around each piece
 * on PGlite — so a source need not know how its rows are cut up.
 */
const isBinaryCopy = (text: string) => /\bFORMAT\s+binary\b/i.test(text);
export const COPY_BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);
async function* framedBinary(source: AsyncIterable<string | Buffer>): AsyncGenerator<string | Buffer> {
  yield COPY_BINARY_HEADER;
  yield* source;
  yield COPY_BINARY_TRAILER;
}
