import pg from 'pg';
import { openDatabase, type Database } from '../src/db/engine.ts';
/** Small timing helpers shared by the benchmarks: percentiles over repeated async calls. */
export interface Timing {
  n: number;
  p50: number;
  p95: number;
  perSecond: number;
}

export async function time(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(50, n)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { n, p50: at(0.5), p95: at(0.95), perSecond: (n / total) * 1000 };
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

export function report(name: string, product: Timing, floor: Timing): void {
  console.log(
    `${name.padEnd(44)} p50 ${ms(product.p50).padStart(9)}  p95 ${ms(product.p95).padStart(9)}  ${product.perSecond.toFixed(0).padStart(6)}/s` +
      `   floor p50 ${ms(floor.p50).padStart(8)} p95 ${ms(floor.p95).padStart(9)}  ratio p50 ${(product.p50 / floor.p50).toFixed(1)}× p95 ${(product.p95 / floor.p95).toFixed(1)}×`,
  );
}

/**
 * Runs a benchmark on PGlite (in memory), then on PostgreSQL when DATABASE_URL is set — in a
 * throw-away database on that server, so a benchmark never writes into a real one.
 */
export async function onEachEngine(name: string, run: (label: string, database: Database, url?: string) => Promise<void>): Promise<void> {
  // BENCH_ENGINE=pglite|postgres runs one engine only, while working on it.
  if (process.env.BENCH_ENGINE !== 'postgres') {
    const pglite = await openDatabase({ dataDir: 'memory://' });
    try {
      await run('pglite', pglite);
    } finally {
      await pglite.close();
    }
  }
  if (process.env.BENCH_ENGINE === 'pglite') return;
  if (!process.env.DATABASE_URL) return;
  const server = new URL(process.env.DATABASE_URL);
  const db = `sehub_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db} TEMPLATE template0`);
  try {
    server.pathname = `/${db}`;
    const database = await openDatabase({ databaseUrl: server.toString() });
    try {
      await run('postgres', database, server.toString());
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}
