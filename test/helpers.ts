import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { describe, expect, inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database, type EngineName } from '../src/db/engine.ts';
import { systemContext, type Role } from '../src/kernel/context.ts';
import { MemoryMailer } from '../src/kernel/mail.ts';
import { encodePng } from '../src/kernel/png.ts';
import { countAuditRows } from '../src/modules/audit/index.ts';
import { createDirectoryService } from '../src/modules/directory/index.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG, type PublicUser } from '../src/modules/identity/index.ts';
import { buildApp } from '../src/server/app.ts';
import { withDatabase } from './global-setup.ts';

/** The engines this run tests on: PGlite always, PostgreSQL whenever one was reachable. */
export const ENGINES: EngineName[] = inject('pgServerUrl') ? ['pglite', 'postgres'] : ['pglite'];

/** describe() once per engine; the engine's name is part of every test's title. */
export function describeEngines(name: string, body: (engine: EngineName) => void): void {
  for (const engine of ENGINES) describe(`${name} [${engine}]`, () => body(engine));
}

export interface TestDatabase extends Database {
  /** Connection string, on PostgreSQL (for CLI tests and pg_dump). */
  url?: string;
}

/**
 * A fresh database of the given engine, migrated (or `empty`, with no migration applied);
 * close() also drops it on PostgreSQL.
 */
export async function openTestDatabase(engine: EngineName, opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    if (opts.empty) return openDatabase({ dataDir: 'memory://' });
    const tar = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([tar]) });
  }
  const server = inject('pgServerUrl');
  const template = inject('pgTemplateDb');
  const name = `${template.replace('sehub_tpl_', 'sehub_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${opts.empty ? 'template0' : template}`);
  await admin.end();
  const url = withDatabase(server, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Every test signs in from the same address; the per-address limit is tested on its own.
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), loginRatePerMinute: 10_000, ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  mailer: MemoryMailer;
  config: Config;
  /** A client with no cookie: an anonymous visitor. */
  client(): TestClient;
  /** Creates a user directly (as the system) and returns it with its password. */
  createUser(opts?: { role?: Role; email?: string; password?: string; displayName?: string }): Promise<PublicUser & { password: string }>;
  /** Creates a user and returns a client signed in as them. */
  signedIn(role?: Role, opts?: { email?: string }): Promise<TestClient & { user: PublicUser & { password: string } }>;
  createOrganization(name?: string): Promise<{ id: string; name: string }>;
  addMember(organizationId: string, userId: string, role?: 'owner' | 'editor'): Promise<void>;
  auditCount(): Promise<number>;
  close(): Promise<void>;
}

let seq = 0;

export async function createTestApp(engine: EngineName, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const mailer = new MemoryMailer();
  const config = testConfig(overrides);
  const app = await buildApp({ database, config, mailer, logger: false });
  await app.ready();
  const system = systemContext('test');
  const identity = createIdentityService(database.db, mailer, { ...DEFAULT_IDENTITY_CONFIG, publicUrl: config.publicUrl });
  const directory = createDirectoryService(database.db);

  const t: TestApp = {
    app,
    database,
    mailer,
    config,
    client: () => new TestClient(app),
    async createUser(opts = {}) {
      const password = opts.password ?? 'correct horse battery';
      const user = await identity.createUser(system, {
        email: opts.email ?? `user${++seq}-${randomBytes(3).toString('hex')}@test.sehub.kr`,
        displayName: opts.displayName ?? `테스트 사용자 ${seq}`,
        role: opts.role ?? 'member',
        locale: 'ko',
        password,
      });
      return { ...user, password };
    },
    async signedIn(role = 'member', opts = {}) {
      const user = await t.createUser({ role, ...opts });
      const client = new TestClient(app);
      const res = await client.login(user.email, user.password);
      if (res.statusCode !== 200) throw new Error(`test sign-in failed: ${res.statusCode} ${res.body}`);
      return Object.assign(client, { user });
    },
    async createOrganization(name = `테스트 협동조합 ${++seq}`) {
      return directory.create(system, { name });
    },
    async addMember(organizationId, userId, role = 'editor') {
      await identity.setMember(system, organizationId, { userId, role });
    },
    auditCount: () => countAuditRows(database.db),
    async close() {
      await app.close();
      await database.close();
    },
  };
  return t;
}

/** Drives the app like a browser: keeps the session cookie and sends the CSRF token on mutations. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;
  bearer: string | undefined;
  headers: Record<string, string> = {};

  constructor(readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...this.headers, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of res.cookies) {
      const expired = c.expires && new Date(c.expires) <= new Date();
      if (!c.value || expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.statusCode === 200) this.csrfToken = res.json().csrfToken;
    return res;
  }
}

/** Asserts a response is an RFC 9457 problem of the given type, with both languages. */
export function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.type).toBe(`/problems/${type}`);
  expect(body.status).toBe(status);
  expect(body.messages.ko).toMatch(/[가-힣]/);
  expect(body.messages.en).toMatch(/[a-z]/i);
  return body as { type: string; title: string; messages: { ko: string; en: string }; errors?: { path: string; row?: number; messages: { ko: string; en: string } }[] };
}

export interface RefusalCase {
  method: InjectOptions['method'];
  url: string;
  body?: unknown;
}

/**
 * The policy test helper: asserts that a route refuses each given actor with 403 and that
 * nothing changed — no audit row was written and `snapshot()` (the state the route would touch)
 * reads the same before and after.
 */
export async function expectRefused(
  t: TestApp,
  request: RefusalCase,
  actors: { wrongRole?: TestClient; wrongOrganization?: TestClient; anonymous?: TestClient },
  snapshot: () => Promise<unknown> = async () => null,
): Promise<void> {
  const entries = Object.entries(actors).filter(([, c]) => c);
  expect(entries.length, 'expectRefused needs at least one actor').toBeGreaterThan(0);
  for (const [who, client] of entries) {
    const before = { audit: await t.auditCount(), state: await snapshot() };
    const res = await client!.request(request.method, request.url, request.body);
    if (who === 'anonymous') expectProblem(res, 401, 'unauthenticated');
    else expectProblem(res, 403, 'forbidden');
    const after = { audit: await t.auditCount(), state: await snapshot() };
    expect(after, `${who} must change nothing with ${request.method} ${request.url}`).toEqual(before);
  }
}

/** EUC-KR bytes of a text (Node decodes EUC-KR but cannot encode it): a table built by decoding every 2-byte code. */
export function eucKr(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('euc-kr');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x41; b <= 0xfe; b++) {
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no EUC-KR code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/** A small generated PNG (a colour gradient), side × side pixels. */
export const testPng = (side = 8, hue = 120): Buffer => encodePng(side, side, (x, y) => [(x * 255) / side, (y * 255) / side, hue]);

/** Uploads a generated PNG as a photo for the organisation (the centre's own when absent); answers its url. */
export async function uploadPhoto(c: TestClient, organizationId?: string, png: Buffer = testPng()): Promise<string> {
  const res = await c.post(`/api/v1/procurement/photos${organizationId ? `?organizationId=${organizationId}` : ''}`, png, { 'content-type': 'image/png' });
  if (res.statusCode !== 201) throw new Error(`photo upload refused: ${res.statusCode} ${res.body}`);
  return res.json().url as string;
}
