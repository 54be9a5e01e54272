import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../kernel/crypto.ts';
import type { Database, RawTx } from './engine.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: Pick<Migration, 'version' | 'name'>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** Reads `NNNN_name.sql` files in version order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: Number(match[1]), name: match[2]!, sql, checksum: sha256(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.version === m.version) {
      throw new MigrationError(`two migrations share version ${m.version}`, m);
    }
  });
  return migrations;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

async function appliedIn(tx: RawTx): Promise<Applied[]> {
  return tx.query<Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
}

function checkHistory(applied: Applied[], known: Migration[]): void {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const a of applied) {
    const m = byVersion.get(a.version);
    if (!m) {
      throw new MigrationError(
        `the database has migration ${a.version} (${a.name}) that this version of sehub does not know; it is newer than the code`,
      );
    }
    if (m.checksum !== a.checksum) {
      throw new MigrationError(`migration ${a.version} (${a.name}) was edited after it was applied`, m);
    }
  }
}

/**
 * Applies every pending migration in ONE transaction and records each in `schema_migrations`.
 * If any statement fails, nothing of this run stays: the schema is as it was before.
 * On PostgreSQL an advisory lock keeps two starting processes from migrating at once.
 */
export async function migrate(database: Database, migrations: Migration[] = loadMigrations()): Promise<Migration[]> {
  return database.rawTransaction(async (tx) => {
    if (database.engine === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sehub.migrate'))`);
    await tx.exec(LEDGER);
    const applied = await appliedIn(tx);
    checkHistory(applied, migrations);
    const done = new Set(applied.map((a) => a.version));
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const m of pending) {
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new MigrationError(
          `migration ${m.version} (${m.name}) failed: ${(error as Error).message}; nothing was applied`,
          m,
          { cause: error },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    }
    return pending;
  });
}

export interface MigrationStatus {
  applied: number[];
  pending: number[];
}

/** For /readyz and `sehub migrate --status`: what is applied and what is not. */
export async function migrationStatus(
  database: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationStatus> {
  const rows = await database.rawTransaction(async (tx) => {
    const exists = await tx.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
    return exists[0]?.t ? appliedIn(tx) : [];
  });
  const applied = rows.map((r) => r.version);
  const done = new Set(applied);
  return { applied, pending: migrations.filter((m) => !done.has(m.version)).map((m) => m.version) };
}
