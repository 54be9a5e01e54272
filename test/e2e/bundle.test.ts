import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/server/web.ts';
import { startHub, type Hub } from './harness.ts';

interface Report {
  budgetBytes: number;
  initialGzipBytes: number;
  withinBudget: boolean;
  chunks: { file: string; name: string; gzip: number; initial: boolean; packages: string[] }[];
}

/** The weight of a first visit, from the bundle report the build writes (web/vite.config.ts). */
describe('the web app build', { timeout: 120_000 }, () => {
  let hub: Hub;
  let report: Report;
  beforeAll(async () => {
    hub = await startHub(); // builds web/dist when the sources changed
    report = JSON.parse(readFileSync(join(WEB_DIST, 'bundle-report.json'), 'utf8')) as Report;
  }, 180_000);
  afterAll(() => hub?.close());

  it('ships at most 250 KB of gzipped JavaScript to a first visit, with the map loaded on demand', () => {
    expect(report.budgetBytes).toBe(250 * 1024);
    const initial = report.chunks.filter((c) => c.initial);
    expect(initial.reduce((n, c) => n + c.gzip, 0)).toBe(report.initialGzipBytes);
    expect(report.initialGzipBytes).toBeLessThanOrEqual(report.budgetBytes);
    expect(report.withinBudget).toBe(true);
    // Leaflet is in a chunk of its own that only the map page asks for.
    expect(initial.flatMap((c) => c.packages)).not.toContain('leaflet');
    expect(report.chunks.some((c) => !c.initial && c.packages.includes('leaflet'))).toBe(true);
  });

  it('serves hashed assets for a year and pages without caching, so a new build reaches everyone', async () => {
    const html = await (await fetch(`${hub.url}/`)).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const asset = await fetch(`${hub.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const page = await fetch(`${hub.url}/organizations`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
