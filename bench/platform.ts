/**
 * Platform overhead: what a signed-in request costs end to end (HTTP parsing, session lookup,
 * membership load, validation, serialisation) against the raw SQL the same request needs.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set. In-process (fastify.inject), so the
 * figure is the server's own work, without the network.
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { sha256 } from '../src/kernel/crypto.ts';
import { MemoryMailer } from '../src/kernel/mail.ts';
import { buildApp } from '../src/server/app.ts';
import { onEachEngine, report, time } from './lib.ts';

const N = Number(process.env.BENCH_N ?? 2000);

async function run(label: string, database: Database) {
  await migrate(database);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), loginRatePerMinute: 10_000 };
  const app = await buildApp({ database, config, mailer: new MemoryMailer(), logger: false });
  await app.ready();
  const email = `bench-${Date.now()}@bench.sehub.kr`;
  await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: 'bench-password-1', displayName: '벤치' } });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'bench-password-1' } });
  const cookie = login.cookies.find((c) => c.name === 'sehub_session')!;
  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  const sessionId = sha256(cookie.value);

  const session = await time(N, () => app.inject({ method: 'GET', url: '/api/v1/auth/session', headers }));
  const floor = await time(N, async () => {
    const s = await sql`SELECT s.*, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ${sessionId} AND s.expires_at > now()`.execute(database.db);
    const userId = (s.rows[0] as { user_id: string }).user_id;
    await sql`SELECT organization_id, role FROM organization_members WHERE user_id = ${userId}`.execute(database.db);
    await sql`SELECT * FROM users WHERE id = ${userId}`.execute(database.db);
  });
  report(`${label}: GET /api/v1/auth/session (signed in)`, session, floor);

  const health = await time(N, () => app.inject({ method: 'GET', url: '/healthz' }));
  console.log(`${label}: GET /healthz (HTTP layer alone)`.padEnd(44), `p50 ${health.p50.toFixed(2)} ms`);
  await app.close();
}

console.log(`sehub platform benchmark — ${N} requests each, in-process\n`);
await onEachEngine('platform', run);
