import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory as a tar file; each test file starts from a copy. */
    pgliteTemplate: string;
    /** Server URL of a reachable PostgreSQL (its maintenance database), or '' when none. */
    pgServerUrl: string;
    /** Name of a migrated template database on that server. */
    pgTemplateDb: string;
  }
}

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Prepares both engines once for the whole run: a migrated PGlite image, and — whenever
 * PostgreSQL is reachable (DATABASE_URL, else the machine's local server) — a migrated template
 * database that each test file clones. In CI, or when DATABASE_URL is set, an unreachable
 * PostgreSQL fails the run instead of quietly testing one engine.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'sehub-test-'));
  const pglite = await openDatabase({ dataDir: 'memory://' });
  await migrate(pglite);
  const tar = await pglite.pglite!.dumpDataDir('none');
  await pglite.close();
  const templatePath = join(dir, 'pglite-template.tar');
  writeFileSync(templatePath, Buffer.from(await tar.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);

  const explicit = process.env.DATABASE_URL;
  const url = explicit || LOCAL_PG;
  const why = await reachable(url);
  let templateDb = '';
  if (why) {
    if (explicit || process.env.CI) {
      throw new Error(`PostgreSQL at ${url} is not reachable (${why}); integration tests must run on it here. Start it or unset DATABASE_URL.`);
    }
    console.warn(`\n[sehub] PostgreSQL not reachable at ${url} (${why}): integration tests run on PGlite only.\n`);
  } else {
    templateDb = `sehub_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.query(`CREATE DATABASE ${templateDb} TEMPLATE template0 ENCODING 'UTF8'`);
    await admin.end();
    const tpl = await openDatabase({ databaseUrl: withDatabase(url, templateDb), poolSize: 1 });
    await migrate(tpl);
    await tpl.close();
  }
  project.provide('pgServerUrl', why ? '' : url);
  project.provide('pgTemplateDb', templateDb);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!templateDb) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [templateDb, `sehub_t_${process.pid}_%`],
    );
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
