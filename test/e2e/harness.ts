/**
 * Browser tests: the whole platform served on the embedded engine with the demo data (as `npm start`
 * serves it), driven by Debian's Chromium through playwright-core, checked with axe-core, with
 * screenshots a person can look at in test-output/screenshots/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { migrate } from '../../src/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/index.ts';
import { MemoryMailer } from '../../src/kernel/mail.ts';
import { buildApp } from '../../src/server/app.ts';
import { ensureWebBuild } from '../../src/server/web.ts';
import { testConfig } from '../helpers.ts';
import type { FastifyInstance } from 'fastify';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '../../test-output/screenshots');
export const WIDTHS = [390, 1280] as const;
export { DEMO_PASSWORD };

export interface Hub {
  url: string;
  app: FastifyInstance;
  database: Database;
  mailer: MemoryMailer;
  browser: Browser;
  /** A fresh browser context (its own cookies) in the given language, 1280 px wide. */
  context(opts?: { lang?: 'ko' | 'en'; width?: number }): Promise<BrowserContext>;
  /** A page signed in as a demo account (admin, staff or member). */
  signedIn(who: 'admin' | 'staff' | 'member', opts?: { lang?: 'ko' | 'en' }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A database holding exactly what `npm start` seeds (migrations + seedDemo). The first test file of a
 * run seeds it and leaves a PGlite image in the temp folder, named by a hash of the code that
 * makes it (src/), so later files load the image (~1 s) instead of seeding again (~10 s).
 */
async function openDemoDatabase(): Promise<Database> {
  const image = join(tmpdir(), `sehub-e2e-demo-${sourceHash()}.tar`);
  if (existsSync(image)) return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(image)]) });
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  await seedDemo(database);
  const tar = await database.pglite!.dumpDataDir('none');
  const partial = `${image}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
  renameSync(partial, image); // whole or not at all, should two files seed at once
  return database;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const root = join(import.meta.dirname, '../../src');
  for (const file of (readdirSync(root, { recursive: true }) as string[]).sort()) {
    const path = join(root, file);
    if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Starts the platform with demo data and a browser. One per test file. */
export async function startHub(): Promise<Hub> {
  const dist = await ensureWebBuild(() => undefined);
  if (!dist) throw new Error('the web app could not be built');
  const database = await openDemoDatabase();
  const mailer = new MemoryMailer();
  const config = testConfig();
  const app = await buildApp({ database, config: { ...config, publicUrl: 'http://127.0.0.1' }, mailer, logger: false, webDist: dist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const hub: Hub = {
    url,
    app,
    database,
    mailer,
    browser,
    async context(opts = {}) {
      const context = await browser.newContext({ baseURL: url, viewport: { width: opts.width ?? 1280, height: 900 }, locale: opts.lang === 'en' ? 'en-GB' : 'ko-KR' });
      const lang = opts.lang ?? 'ko';
      await context.addInitScript((l) => {
        if (!localStorage.getItem('sehub.lang')) localStorage.setItem('sehub.lang', l);
      }, lang);
      return context;
    },
    async signedIn(who, opts = {}) {
      const context = await hub.context(opts);
      const page = await context.newPage();
      const res = await page.request.post('/api/v1/auth/login', { data: { email: `${who}@demo.sehub.kr`, password: DEMO_PASSWORD } });
      expect(res.status(), await res.text()).toBe(200);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
  return hub;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/** axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A/AA rules and best practice). */
export async function seriousViolations(page: Page, opts: { contrast?: boolean } = {}): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
  // (an inline <script> would be refused, as the app's CSP intends).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (contrast) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    // resultTypes: only violations are reported in full; axe then skips collecting every node of the
    // passes and the incomplete results, which took most of its time on long pages.
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'], rules: { 'color-contrast': { enabled: contrast } } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  }, opts.contrast !== false);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Asserts axe finds nothing serious or critical, with the details in the failure message. */
export async function expectAccessible(page: Page, what: string, opts: { contrast?: boolean } = {}): Promise<void> {
  const v = await seriousViolations(page, opts);
  expect(v, `${what}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

/** Screenshots stop this far down the page (four screens). */
export const SHOT_MAX_HEIGHT = 3600;

/**
 * Screenshots of the page at 390 px (a phone) and 1280 px wide, as
 * test-output/screenshots/<name>-<lang>-<width>.jpg, from the top down to the page's end or
 * SHOT_MAX_HEIGHT, whichever comes first. Leaves the viewport at 1280. A full-length shot of the
 * longest pages (a programme's edit form is 16,000 px tall on a phone) took 2 to 5 s of a 2-core
 * CI run each, for screens below the fourth that repeat the same rows; JPEG rather than PNG, a fifth less.
 */
export async function screenshots(page: Page, name: string, lang: 'ko' | 'en' = 'ko'): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const files: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150); // let the layout settle (and a map redraw) after the resize
    const file = join(SCREENSHOTS, `${name}-${lang}-${width}.jpg`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, SHOT_MAX_HEIGHT) }, type: 'jpeg', quality: 80 });
    files.push(file);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return files;
}

/**
 * Looks at a page in both languages: axe finds nothing serious in either; screenshots at both widths
 * of the Korean page (the English ones cost a minute and a half of a 2-core CI run and showed the
 * same layout). The English look is the same page reloaded after choosing English (as a person
 * switches), in the same signed-in context, and leaves colour contrast to the Korean pass: the colours
 * come from the same style sheet in both languages, and the contrast rule was most of axe's time.
 */
export async function checkPage(hub: Hub, path: string, name: string, opts: { who?: 'admin' | 'staff' | 'member'; ready: (page: Page) => Promise<unknown> }): Promise<void> {
  const page = opts.who ? await hub.signedIn(opts.who, { lang: 'ko' }) : await (await hub.context({ lang: 'ko' })).newPage();
  try {
    for (const lang of ['ko', 'en'] as const) {
      if (lang === 'ko') await page.goto(path);
      else {
        await page.evaluate(() => localStorage.setItem('sehub.lang', 'en'));
        await page.reload();
      }
      await opts.ready(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.title()).not.toBe('');
      await expectAccessible(page, `${name} (${lang})`, lang === 'en' ? { contrast: false } : {});
      if (lang === 'ko') await screenshots(page, name, lang);
    }
  } finally {
    await page.context().close();
  }
}
