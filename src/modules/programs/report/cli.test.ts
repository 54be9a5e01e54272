import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { migrate } from '../../../db/migrate.ts';
import { seedDemoPrograms } from '../../../demo/programs.ts';
import { openConfigured } from '../../../main.ts';
import { openXlsx } from './testing.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'sehub.js');

describe('sehub report annual', () => {
  let dir: string;
  const env = () => ({ ...process.env, LOG_LEVEL: 'silent', SEHUB_DATA_DIR: join(dir, 'data') });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sehub-report-'));
    const database = await openConfigured(loadConfig({ SEHUB_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }));
    await migrate(database);
    await seedDemoPrograms(database.db);
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the year’s report in the format asked for', async () => {
    const out = join(dir, 'report.xlsx');
    const { stdout } = await run(process.execPath, [BIN, 'report', 'annual', '--year', '2013', '--format', 'xlsx', '--out', out], { env: env(), timeout: 60_000 });
    expect(stdout).toContain(`wrote ${out} (xlsx`);
    const wb = await openXlsx(readFileSync(out));
    expect(wb.getWorksheet('개요')!.getCell('C2').value).toBe('사회적경제 네트워크 지원사업');
  });

  it('refuses a year that does not exist and a format it does not write, writing nothing', async () => {
    const out = join(dir, 'none.html');
    const missing = await run(process.execPath, [BIN, 'report', 'annual', '--year', '2099', '--format', 'html', '--out', out], { env: env(), timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in missing && missing.code).toBe(1);
    expect((missing as { stderr: string }).stderr).toContain('2099년 사업 연도가 없습니다');
    const format = await run(process.execPath, [BIN, 'report', 'annual', '--year', '2013', '--format', 'docx', '--out', out], { env: env(), timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect((format as { stderr: string }).stderr).toContain('Allowed choices are html, pdf, xlsx, hwpx');
    expect(() => readFileSync(out)).toThrow();
  });
});
