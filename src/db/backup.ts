import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { isEmptyDir, lockDataDir, pgliteDir } from './datadir.ts';
import { openDatabase } from './engine.ts';
import { migrate } from './migrate.ts';

export class BackupError extends Error {}

/**
 * Embedded engine: the PGlite data directory as a tar file (dumpDataDir), taken with the data
 * folder locked so no server writes meanwhile. PostgreSQL: pg_dump in its tar format.
 */
export async function backup(config: Config, file: string): Promise<{ bytes: number }> {
  if (config.databaseUrl) {
    run('pg_dump', ['--format=tar', '--no-owner', `--file=${file}`, config.databaseUrl]);
    return { bytes: readFileSync(file).length };
  }
  if (isEmptyDir(pgliteDir(config.dataDir))) throw new BackupError(`no database in ${config.dataDir} to back up`);
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: pgliteDir(config.dataDir) });
    try {
      const tar = await database.pglite!.dumpDataDir('none');
      const bytes = Buffer.from(await tar.arrayBuffer());
      writeFileSync(file, bytes);
      return { bytes: bytes.length };
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

/**
 * Restores a backup into the configured data folder, which must be empty unless `force` is given
 * (then the old folder is kept beside it as pglite.before-restore-<time>). Pending migrations are
 * applied afterwards, so an older backup opens with newer code.
 */
export async function restore(config: Config, file: string, opts: { force?: boolean } = {}): Promise<void> {
  if (config.databaseUrl) {
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file]);
    return;
  }
  const bytes = readFileSync(file);
  const dir = pgliteDir(config.dataDir);
  const unlock = lockDataDir(config.dataDir);
  try {
    if (!isEmptyDir(dir)) {
      if (!opts.force) {
        throw new BackupError(
          `${dir} already holds a database; restore into an empty SEHUB_DATA_DIR or pass --force to set the current one aside`,
        );
      }
      renameSync(dir, `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    }
    mkdirSync(dir, { recursive: true });
    const database = await openDatabase({ dataDir: dir, loadDataDir: new Blob([bytes]) });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.error) throw new BackupError(`${command} could not be run (${r.error.message}); install the PostgreSQL client tools`);
  if (r.status !== 0) throw new BackupError(`${command} exited with status ${r.status}`);
}
