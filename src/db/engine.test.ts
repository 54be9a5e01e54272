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
