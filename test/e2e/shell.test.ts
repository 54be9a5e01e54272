import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness.ts';

describe('the web app shell', { timeout: 120_000 }, () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  }, 180_000);
  afterAll(() => hub?.close());

  it('serves the app at every page path, Korean first, and switches to English', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/organizations?q=test');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await expect(page.getByRole('link', { name: '본문 바로가기' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect(page.getByRole('link', { name: 'Skip to main content' }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it('keeps API paths as problem+json 404s, not the app', async () => {
    const res = await fetch(`${hub.url}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
