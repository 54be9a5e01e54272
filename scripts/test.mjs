#!/usr/bin/env node
// `npm test`: makes sure this machine has what the suite needs, then runs the whole suite once.
// Browser tests (test/e2e) need Debian's Chromium: installed here when running as root, otherwise
// the run stops and says what to install. Arguments are passed on to vitest.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`sehub needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}
if (!existsSync('node_modules/.bin/vitest')) {
  console.error('Dependencies are missing: run `npm ci` first.');
  process.exit(1);
}

const CHROMIUM = '/usr/bin/chromium';
const hasBrowserTests = existsSync('test/e2e') && readdirSync('test/e2e').some((f) => f.endsWith('.test.ts'));
if (hasBrowserTests && !existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  if (!root) {
    console.error(`Browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const r = spawnSync('node_modules/.bin/vitest', ['run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
