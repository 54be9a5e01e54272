import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startHub, type Hub } from './harness.ts';

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

  it('answers an unknown page with a not-found page people can use, under the app\'s CSP', async () => {
    const page = await (await hub.context()).newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      // (A signed-out visitor's session probe answers 401: expected, and not what this looks for.)
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: '찾으시는 페이지가 없습니다.' }).count()).resolves.toBe(1);
    expect(await page.title()).toContain('찾으시는 페이지가 없습니다.');
    await expectAccessible(page, 'not found');
    expect(blocked).toEqual([]);
    await page.context().close();
  });

  it('keeps API paths as problem+json 404s, not the app', async () => {
    const res = await fetch(`${hub.url}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
