import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEngines, openTestDatabase } from '../../test/helpers.ts';
import type { Database } from './engine.ts';
import { loadMigrations, migrate, MigrationError, migrationStatus } from './migrate.ts';

async function tables(database: Database): Promise<string[]> {
  const r = await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(database.db);
  return r.rows.map((x) => x.t);
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sehub-mig-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

describeEngines('migrations', (engine) => {
  let database: Database;
  const dirs: string[] = [];
  beforeEach(async () => {
    database = await openTestDatabase(engine, { empty: true });
  });
  afterEach(async () => {
    await database.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('applies every migration once, records it, and applies nothing the second time', async () => {
    const all = loadMigrations();
    expect((await migrationStatus(database)).pending).toEqual(all.map((m) => m.version));
    const applied = await migrate(database);
    expect(applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
    expect(await tables(database)).toEqual(expect.arrayContaining(['audit_log', 'organizations', 'users', 'sessions', 'schema_migrations']));
    const ledger = await sql<{ version: number; checksum: string }>`SELECT version, checksum FROM schema_migrations ORDER BY version`.execute(database.db);
    expect(ledger.rows).toEqual(all.map((m) => ({ version: m.version, checksum: m.checksum })));
    expect(await migrate(database)).toEqual([]);
    expect(await migrationStatus(database)).toEqual({ applied: all.map((m) => m.version), pending: [] });
  });

  it('rolls a failing run back completely: no table of it and no ledger row remain', async () => {
    const dir = migrationsDir({
      '0001_first.sql': 'CREATE TABLE first_table (id int PRIMARY KEY);',
      '0002_broken.sql': 'CREATE TABLE second_table (id int);\nINSERT INTO second_table VALUES (1);\nCREATE TABLE oops (;',
    });
    dirs.push(dir);
    const error = await migrate(database, loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toMatchObject({ version: 2, name: 'broken' });
    expect((error as Error).message).toMatch(/nothing was applied/);
    expect(await tables(database)).toEqual([]);
    expect((await migrationStatus(database, loadMigrations(dir))).applied).toEqual([]);
  });

  it('rolls back only the new run when earlier migrations were applied before', async () => {
    const good = migrationsDir({ '0001_first.sql': 'CREATE TABLE first_table (id int PRIMARY KEY);' });
    dirs.push(good);
    await migrate(database, loadMigrations(good));
    writeFileSync(join(good, '0002_second.sql'), 'ALTER TABLE first_table ADD COLUMN name text;');
    writeFileSync(join(good, '0003_broken.sql'), 'SELECT no_such_function();');
    await expect(migrate(database, loadMigrations(good))).rejects.toThrow(/migration 3 \(broken\) failed/);
    const cols = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'first_table'`.execute(database.db);
    expect(cols.rows.map((r) => r.c)).toEqual(['id']);
    expect((await migrationStatus(database, loadMigrations(good))).applied).toEqual([1]);
  });

  it('refuses a migration edited after it was applied, and a database newer than the code', async () => {
    const dir = migrationsDir({ '0001_first.sql': 'CREATE TABLE first_table (id int);' });
    dirs.push(dir);
    await migrate(database, loadMigrations(dir));
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id bigint);');
    await expect(migrate(database, loadMigrations(dir))).rejects.toThrow(/edited after it was applied/);
    const older = migrationsDir({});
    dirs.push(older);
    await expect(migrate(database, loadMigrations(older))).rejects.toThrow(/newer than the code/);
  });

  it('lets two processes start at once: one applies every migration, the other waits and applies nothing', async () => {
    const all = loadMigrations();
    const runs = await Promise.all([migrate(database), migrate(database)]);
    expect(runs.map((r) => r.length).sort((x, y) => x - y)).toEqual([0, all.length]);
    const ledger = await sql<{ version: number }>`SELECT version FROM schema_migrations ORDER BY version`.execute(database.db);
    expect(ledger.rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
  });

  it('applies none of the pending migrations when the history is refused', async () => {
    const dir = migrationsDir({ '0001_first.sql': 'CREATE TABLE first_table (id int);' });
    dirs.push(dir);
    await migrate(database, loadMigrations(dir));
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id int, name text);');
    writeFileSync(join(dir, '0002_second.sql'), 'CREATE TABLE second_table (id int);');
    const error = await migrate(database, loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toMatchObject({ version: 1, name: 'first' });
    expect(await tables(database)).toEqual(['first_table', 'schema_migrations']);
    expect(await migrationStatus(database, loadMigrations(dir))).toEqual({ applied: [1], pending: [2] });
  });

  it('refuses badly named and duplicate migration files', () => {
    const bad = migrationsDir({ 'first.sql': 'SELECT 1;' });
    const dup = migrationsDir({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' });
    dirs.push(bad, dup);
    expect(() => loadMigrations(bad)).toThrow(/0001_name\.sql/);
    expect(() => loadMigrations(dup)).toThrow(/share version 1/);
  });
});
