import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the embedded engine keeps its files inside SEHUB_DATA_DIR. */
export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');
const lockFile = (dataDir: string) => join(dataDir, 'sehub.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirBusy extends Error {}

/**
 * PGlite is single-process: two processes writing one data directory corrupt it. The server and
 * the CLI take this lock before opening the directory; a lock left by a dead process is ignored.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new DataDirBusy(
        `${dataDir} is in use by sehub process ${pid}; stop it first / 다른 sehub 프로세스(${pid})가 데이터 폴더를 쓰고 있습니다. 먼저 멈추세요`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
