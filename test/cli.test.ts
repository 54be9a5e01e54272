import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startServer, type Running } from '../src/main.ts';
import { withDatabase } from './global-setup.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'sehub.js');
const PASSWORD = 'backup-test-pass-1';

function sehub(args: string[], env: Record<string, string>) {
  return run(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
}

async function failing(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await sehub(args, env);
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
  throw new Error(`sehub ${args.join(' ')} should have failed`);
}

async function serve(env: Record<string, string>): Promise<Running> {
  return startServer({ config: loadConfig({ LOG_LEVEL: 'silent', PORT: '0', ...env }) });
}

async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function createOrganization(url: string, email: string, name: string): Promise<string> {
  const { cookie, csrfToken } = await signIn(url, email);
  const res = await fetch(`${url}/api/v1/organizations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function organizationNames(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/organizations?pageSize=200`);
  return ((await res.json()) as { items: { name: string }[] }).items.map((o) => o.name).sort();
}

// Each case starts several sehub processes (WASM start-up and migrations each time): a busy 2-core machine needs more than 30 s.
describe('sehub CLI on the embedded engine', { timeout: 120_000 }, () => {
  let root: string;
  let data: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sehub-cli-'));
    data = join(root, 'data');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the first admin, and refuses bad input with a field message in both languages', async () => {
    const bad = await failing(['user', 'create', '--email', 'not-an-email', '--name', 'x', '--password', 'short'], { SEHUB_DATA_DIR: data });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/email: .*이메일.* \/ Invalid email/);
    expect(bad.stderr).toMatch(/password: 비밀번호는 10자 이상.* \/ Password must have at least 10/);
    expect(existsSync(join(data, 'pglite'))).toBe(false);

    const ok = await sehub(['user', 'create', '--email', 'Admin@Example.KR', '--name', '관리자', '--role', 'admin', '--password', PASSWORD], { SEHUB_DATA_DIR: data });
    expect(ok.stdout).toContain('created admin admin@example.kr');
    const status = await sehub(['migrate', '--status'], { SEHUB_DATA_DIR: data });
    expect(status.stdout).toMatch(/pending: -/);
  });

  it('imports organisations from a file: bad rows refused with their fields, a dry run writes nothing, a second run adds nothing', async () => {
    const dir = join(root, 'import');
    const bad = join(root, 'bad.csv');
    const good = join(root, 'good.csv');
    writeFileSync(bad, '기업명,유형,설립일\n,협동조합,2013-02-30\n좋은 단체,우주기업,\n');
    writeFileSync(good, '기업명,유형,자치구,소재지\n마포 두레 협동조합,협동조합,,서울특별시 마포구 월드컵로 1\n은평 나눔 마을기업,마을기업,은평구,\n');
    const refused = await failing(['import', 'organizations', bad], { SEHUB_DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/rows\.1\.name: .+ \/ .+/);
    expect(refused.stderr).toMatch(/rows\.1\.foundedOn: 날짜를 읽을 수 없습니다: 2013-02-30.* \/ Cannot read the date 2013-02-30/);
    expect(refused.stderr).toMatch(/rows\.2\.type: 알 수 없는 유형입니다: 우주기업 \/ Unknown type: 우주기업/);

    const preview = await sehub(['import', 'organizations', good, '--dry-run'], { SEHUB_DATA_DIR: dir });
    expect(preview.stdout).toContain('2 rows; would create 2; 0 likely duplicates; 0 errors');
    const first = await sehub(['import', 'organizations', good], { SEHUB_DATA_DIR: dir });
    expect(first.stdout).toContain('2 rows; created 2; 0 likely duplicates; 0 errors');
    const again = await sehub(['import', 'organizations', good], { SEHUB_DATA_DIR: dir });
    expect(again.stdout).toContain('2 rows; created 0; 2 likely duplicates; 0 errors');

    const running = await serve({ SEHUB_DATA_DIR: dir });
    try {
      expect(await organizationNames(running.url)).toEqual(['마포 두레 협동조합', '은평 나눔 마을기업']);
      const mapo = (await (await fetch(`${running.url}/api/v1/organizations?q=두레`)).json()) as { items: { district: { name: { ko: string } } }[] };
      expect(mapo.items[0]!.district.name.ko).toBe('마포구'); // read from the address
    } finally {
      await running.stop();
    }
  });

  it('keeps data across server restarts', async () => {
    let server = await serve({ SEHUB_DATA_DIR: data });
    await createOrganization(server.url, 'admin@example.kr', '재시작 협동조합');
    await server.stop();
    server = await serve({ SEHUB_DATA_DIR: data });
    try {
      expect(await organizationNames(server.url)).toEqual(['재시작 협동조합']);
    } finally {
      await server.stop();
    }
  });

  it('refuses to back up or open a data folder a running server holds', async () => {
    const server = await serve({ SEHUB_DATA_DIR: data });
    try {
      const busy = await failing(['backup', join(root, 'busy.tar')], { SEHUB_DATA_DIR: data });
      expect(busy.stderr).toMatch(/in use by sehub process/);
      expect(existsSync(join(root, 'busy.tar'))).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('backs up, then restores into an empty data folder an instance that serves the same data', async () => {
    const file = join(root, 'out.tar');
    const backup = await sehub(['backup', file], { SEHUB_DATA_DIR: data });
    expect(backup.stdout).toContain('backup written');
    expect(statSync(file).size).toBeGreaterThan(1_000_000);

    const fresh = join(root, 'restored');
    await sehub(['restore', file], { SEHUB_DATA_DIR: fresh });
    const server = await serve({ SEHUB_DATA_DIR: fresh });
    try {
      expect(await organizationNames(server.url)).toEqual(['재시작 협동조합']);
      await signIn(server.url, 'admin@example.kr'); // the same account, the same password
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await server.stop();
    }

    const again = await failing(['restore', file], { SEHUB_DATA_DIR: fresh });
    expect(again.stderr).toMatch(/already holds a database/);
  });
});

describe.runIf(ENGINES.includes('postgres'))('sehub CLI on PostgreSQL', { timeout: 120_000 }, () => {
  let source: TestDatabase;
  let target: string;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sehub-cli-pg-'));
    source = await openTestDatabase('postgres');
    target = `sehub_restore_${process.pid}`;
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${target}`);
    await admin.query(`CREATE DATABASE ${target} TEMPLATE template0`);
    await admin.end();
  });
  afterAll(async () => {
    await source.close();
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.end();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the same server against DATABASE_URL, and pg_dump/pg_restore carry the data over', async () => {
    await sehub(['user', 'create', '--email', 'pg-admin@example.kr', '--name', '관리자', '--role', 'admin', '--password', PASSWORD], { DATABASE_URL: source.url! });
    let server = await serve({ DATABASE_URL: source.url! });
    try {
      expect((await (await fetch(`${server.url}/readyz`)).json()) as object).toMatchObject({ engine: 'postgres' });
      await createOrganization(server.url, 'pg-admin@example.kr', '포스트그레스 협동조합');
    } finally {
      await server.stop();
    }
    const file = join(root, 'pg.tar');
    await sehub(['backup', file], { DATABASE_URL: source.url! });
    const targetUrl = withDatabase(inject('pgServerUrl'), target);
    await sehub(['restore', file], { DATABASE_URL: targetUrl });
    server = await serve({ DATABASE_URL: targetUrl });
    try {
      expect(await organizationNames(server.url)).toEqual(['포스트그레스 협동조합']);
      await signIn(server.url, 'pg-admin@example.kr');
    } finally {
      await server.stop();
    }
  });
});
