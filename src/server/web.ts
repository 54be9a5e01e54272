import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const run = promisify(execFile);

/** The React app's sources and its build (web/, built by Vite into web/dist). */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../web');
export const WEB_DIST = join(WEB_DIR, 'dist');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.build')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than any file of web/ (sources, index.html, config). */
export function webBuildStale(webDir = WEB_DIR): boolean {
  const index = join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  return newestSource(webDir) > statSync(index).mtimeMs;
}

/**
 * Builds the web app when its build is missing or stale (`npm start` on a fresh clone), with Vite,
 * which `npm ci` installs. Without Vite (an install without dev dependencies) an existing build is
 * served as it is, and without one the server runs the API alone and says so.
 *
 * One build at a time (a lock directory), written aside and then moved in: assets are added next to
 * the previous build's (their names carry a hash), index.html is replaced in one rename, and assets
 * older than an hour that the new build does not use are removed. A page loaded from the previous
 * build can still fetch its lazy chunks meanwhile.
 */
export async function ensureWebBuild(log: (msg: string) => void, webDir = WEB_DIR): Promise<string | undefined> {
  const dist = join(webDir, 'dist');
  if (!webBuildStale(webDir)) return dist;
  let viteBin: string;
  try {
    viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    if (existsSync(join(dist, 'index.html'))) return dist;
    log('web app not built and Vite is not installed (run `npm ci`): serving the API only / 웹 화면 없이 API만 제공합니다');
    return undefined;
  }
  const lock = join(webDir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else builds; a lock left by a crashed build expires after two minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (!webBuildStale(webDir)) return dist;
    log('building the web app… / 웹 화면을 빌드합니다…');
    const out = join(webDir, `.build-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    // In a process of its own with NODE_ENV=production: a production build (React's production JSX
    // runtime included) whatever the calling process's NODE_ENV is — vitest's is "test".
    await run(process.execPath, [viteBin, 'build', '--config', join(webDir, 'vite.config.ts'), '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: webDir,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    mkdirSync(join(dist, 'assets'), { recursive: true });
    const fresh = new Set(existsSync(join(out, 'assets')) ? readdirSync(join(out, 'assets')) : []);
    for (const f of fresh) cpSync(join(out, 'assets', f), join(dist, 'assets', f));
    for (const f of readdirSync(out)) {
      if (f === 'assets') continue;
      renameSync(join(out, f), join(dist, f));
    }
    const hourAgo = Date.now() - 3_600_000;
    for (const f of readdirSync(join(dist, 'assets'))) {
      if (!fresh.has(f) && statSync(join(dist, 'assets', f)).mtimeMs < hourAgo) rmSync(join(dist, 'assets', f), { force: true });
    }
    rmSync(out, { recursive: true, force: true });
    return dist;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Serves the built app: hashed assets cached for a year, index.html for every other page path
 * (the app routes on the client), never for /api/ paths, which keep their problem+json 404.
 */
export async function registerWeb(app: FastifyInstance, dist: string): Promise<(req: FastifyRequest, reply: FastifyReply) => boolean> {
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (_req: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', dist);
  app.get('/', { schema: { hide: true } }, page);
  // The fallback for client-side routes, used by the not-found handler.
  return (req, reply) => {
    const path = req.url.split('?')[0]!;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) return false;
    if (!(req.headers.accept ?? '').includes('text/html')) return false;
    void page(req, reply);
    return true;
  };
}
