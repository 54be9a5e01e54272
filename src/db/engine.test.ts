import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';

describeEngines('database engine', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await sql`CREATE TABLE engine_probe (id serial PRIMARY KEY, label text NOT NULL, amount bigint, day date, data jsonb)`.execute(database.db);
  });
  afterAll(() => database.close());

  it('keeps a concurrent query out of another request\'s open transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedInTx = new Promise<void>((r) => (inserted = r));

    const tx = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO engine_probe (label) VALUES ('inside')`.execute(trx);
        inserted();
        await held;
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);

    await insertedInTx;
    // Issued while the transaction is open: it must neither see 'inside' nor be swept into the rollback.
    const outside = sql`INSERT INTO engine_probe (label) VALUES ('outside') RETURNING (SELECT count(*) FROM engine_probe WHERE label = 'inside') AS seen`.execute(database.db);
    setTimeout(release, 50);
    expect(await tx).toBe('roll back');
    const seen = (await outside).rows[0] as { seen: number | string };
    expect(Number(seen.seen)).toBe(0);
    const labels = await sql<{ label: string }>`SELECT label FROM engine_probe ORDER BY id`.execute(database.db);
    expect(labels.rows.map((r) => r.label)).toEqual(['outside']);
  });

  it('returns won amounts as exact numbers, dates as calendar strings, jsonb as objects', async () => {
    const r = await sql<{ amount: number; day: string; data: unknown }>`
      INSERT INTO engine_probe (label, amount, day, data)
      VALUES ('types', ${58_000_000_000}, '2013-12-31', ${JSON.stringify({ 예산: 1, list: [1, 2] })})
      RETURNING amount, day, data`.execute(database.db);
    expect(r.rows[0]).toEqual({ amount: 58_000_000_000, day: '2013-12-31', data: { 예산: 1, list: [1, 2] } });
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM engine_probe`.execute(database.db);
    expect(count.rows[0]!.n).toBeTypeOf('number');
    await expect(sql`SELECT 9007199254740993::bigint AS big`.execute(database.db)).rejects.toThrow(/safe integer/);
  });

  it('has Korean-capable trigram search and works in Seoul time', async () => {
    const trgm = await sql<{ n: number }>`SELECT cardinality(show_trgm('사회적기업')) AS n`.execute(database.db);
    expect(trgm.rows[0]!.n).toBeGreaterThan(0);
    const tz = await sql<{ tz: string }>`SELECT current_setting('TimeZone') AS tz`.execute(database.db);
    expect(tz.rows[0]!.tz).toBe('Asia/Seoul');
  });

  it('copies rows in within a transaction, and a transaction that then throws leaves none of them', async () => {
    await sql`CREATE TABLE copy_probe (id integer PRIMARY KEY, label text NOT NULL)`.execute(database.db);
    async function* rows(from: number, n: number) {
      for (let i = from; i < from + n; i += 100) {
        let chunk = '';
        for (let k = i; k < Math.min(from + n, i + 100); k++) chunk += `${k}\t이름 ${k}\n`;
        yield chunk;
      }
    }
    const copied = await database.copyTransaction(async (trx, copyIn) => {
      const n = await copyIn('COPY copy_probe (id, label) FROM STDIN', rows(1, 1000));
      await sql`INSERT INTO copy_probe VALUES (0, 'after the copy')`.execute(trx);
      return n;
    });
    expect(copied).toBe(1000);
    const failed = await database
      .copyTransaction(async (trx, copyIn) => {
        await copyIn('COPY copy_probe (id, label) FROM STDIN', rows(2001, 500));
        await sql`INSERT INTO copy_probe VALUES (-1, 'inside')`.execute(trx);
        throw new Error('bad row later in the file');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('bad row later in the file');
    // A source that fails midway aborts the COPY itself.
    const aborted = await database
      .copyTransaction(async (_trx, copyIn) => {
        async function* broken() {
          yield* rows(3001, 200);
          throw new Error('line 201: not a date');
        }
        return copyIn('COPY copy_probe (id, label) FROM STDIN', broken());
      })
      .catch((e: Error) => e.message);
    expect(aborted).toMatch(/not a date/);
    const r = await sql<{ n: number; max: number }>`SELECT count(*)::int AS n, max(id) AS max FROM copy_probe`.execute(database.db);
    expect(r.rows[0]).toEqual({ n: 1001, max: 1000 });
    // The engine still answers afterwards (the aborted COPY left no connection mid-protocol).
    const again = await database.copyTransaction((_trx, copyIn) => copyIn('COPY copy_probe (id, label) FROM STDIN', rows(5001, 10)));
    expect(again).toBe(10);
  });

  it('copies binary rows given without the format header, framed once or per piece (PGlite cuts pieces at 16 MiB)', async () => {
    await sql`CREATE TABLE copy_binary_probe (id bigint PRIMARY KEY, label text NOT NULL, day date)`.execute(database.db);
    // 300,000 rows of ~60 bytes: more than one PGlite piece, each of which needs its own header and trailer.
    const label = Buffer.from('사회적기업 행복한 밥상 협동조합');
    function row(out: Buffer, o: number, id: number): number {
      out.writeInt16BE(3, o);
      out.writeInt32BE(8, o + 2);
      out.writeInt32BE(0, o + 6);
      out.writeInt32BE(id, o + 10);
      out.writeInt32BE(label.length, o + 14);
      label.copy(out, o + 18);
      o += 18 + label.length;
      if (id % 2) {
        out.writeInt32BE(-1, o); // NULL
        return o + 4;
      }
      out.writeInt32BE(4, o);
      out.writeInt32BE(4_753, o + 4); // 2013-01-05: days from 2000-01-01
      return o + 8;
    }
    async function* rows(n: number) {
      for (let i = 1; i <= n; i += 10_000) {
        const out = Buffer.alloc(10_000 * 80);
        let o = 0;
        for (let k = i; k < Math.min(n + 1, i + 10_000); k++) o = row(out, o, k);
        yield out.subarray(0, o);
      }
    }
    const copied = await database.copyTransaction((_trx, copyIn) => copyIn('COPY copy_binary_probe (id, label, day) FROM STDIN WITH (FORMAT binary)', rows(300_000)));
    expect(copied).toBe(300_000);
    const r = await sql<{ n: number; max: number; days: number; label: string }>`
      SELECT count(*)::int AS n, max(id) AS max, count(DISTINCT day)::int AS days, min(label) AS label FROM copy_binary_probe`.execute(database.db);
    expect(r.rows[0]).toEqual({ n: 300_000, max: 300_000, days: 1, label: label.toString() });
    const day = await sql<{ day: string }>`SELECT day FROM copy_binary_probe WHERE id = 2`.execute(database.db);
    expect(day.rows[0]!.day).toBe('2013-01-05');
  });

  if (engine === 'postgres') it('survives the server ending its idle connections, and reconnects', async () => {
    await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.01)`.execute(database.db)));
    const name = new URL(database.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    try {
      // What a PostgreSQL restart, a fail-over or idle_session_timeout does to a pool's idle connections.
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await sleep(300);
    const r = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(r.rows).toEqual([{ one: 1 }]);
  });
});
