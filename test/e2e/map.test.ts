import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, startHub, type Hub } from './harness.ts';

interface Rendered {
  clusters: { label: string; count: number; text: string }[];
  points: { label: string; id: string }[];
}
interface Answer {
  features: { properties: { cluster: boolean; count?: number; id?: string; name?: string } }[];
}

/** What the map shows: its cluster and point buttons. */
function rendered(page: Page): Promise<Rendered> {
  return page.evaluate(() => ({
    clusters: [...document.querySelectorAll<HTMLButtonElement>('.leaflet-marker-pane button.map-cluster')].map((b) => ({
      label: b.textContent ?? '',
      count: Number(b.dataset.count),
      text: [...b.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''), // what is seen
    })),
    points: [...document.querySelectorAll<HTMLButtonElement>('.leaflet-marker-pane button.map-point')].map((b) => ({ label: b.getAttribute('aria-label') ?? '', id: b.dataset.id ?? '' })),
  }));
}
const total = (r: Rendered) => r.clusters.reduce((s, c) => s + c.count, 0) + r.points.length;
const urlZoom = (page: Page) => Number(new URL(page.url()).searchParams.get('zoom'));

/** Waits until the organisations of the view in the URL are drawn: the status names that zoom, nothing is loading. */
async function settled(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const zoom = new URL(location.href).searchParams.get('zoom');
    const status = document.querySelector('.map-status')?.textContent ?? '';
    return !!zoom && !document.querySelector('[aria-busy="true"]') && new RegExp(`^(확대 수준|Zoom level) ${zoom.replace('.', '\\.')} · `).test(status);
  });
  return urlZoom(page);
}

/** Clicks, with the mouse, the first of these buttons that nothing covers (controls and other markers can). */
async function clickUncovered(page: Page, selector: string, order: 'largest' | 'first' = 'first'): Promise<string> {
  const target = await page.evaluate(
    ({ selector, order }) => {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>(selector)];
      if (order === 'largest') buttons.sort((a, b) => Number(b.dataset.count) - Number(a.dataset.count));
      for (const b of buttons) {
        const r = b.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === b || b.contains(hit))) return { x, y, label: b.getAttribute('aria-label') ?? b.textContent ?? '' };
      }
      return null;
    },
    { selector, order },
  );
  expect(target, `an uncovered ${selector}`).not.toBeNull();
  await page.mouse.click(target!.x, target!.y);
  return target!.label;
}

describe('the map', { timeout: 120_000 }, () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  }, 180_000);
  afterAll(() => hub?.close());

  const api = async <T,>(path: string) => (await (await fetch(`${hub.url}${path}`)).json()) as T;

  it('draws the districts and server clusters, zooms into clusters down to organisations, and opens their pages', async () => {
    const page = await (await hub.context()).newPage();
    const outside: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(hub.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    let lastAnswer = '';
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/organizations/map?')) lastAnswer = r.url().slice(hub.url.length);
    });

    await page.goto('/map');
    await page.getByRole('heading', { level: 1, name: '지도로 찾기' }).waitFor();
    await page.locator('.leaflet-overlay-pane path').nth(24).waitFor({ state: 'attached' });
    await page.locator('.leaflet-marker-pane button.map-cluster').first().waitFor();
    let zoom = await settled(page);

    // All of Seoul in view at first: every organisation is in some cluster or point, as the API says.
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBe(25);
    const districts = await api<{ features: { properties: { count: number } }[] }>('/api/v1/districts');
    const all = districts.features.reduce((s, f) => s + f.properties.count, 0);
    expect(all).toBe(1870);
    let shown = await rendered(page);
    expect(shown.clusters.length).toBeGreaterThan(0);
    const first = shown.clusters[0]!;
    expect(first.text).toBe(first.count.toLocaleString('en'));
    expect(first.label).toMatch(new RegExp(`일대 ${first.count.toLocaleString('en')}곳 — 확대$`));
    expect(total(shown)).toBe(all);
    const answer = await api<Answer>(lastAnswer);
    expect(lastAnswer).toContain(`zoom=${Math.floor(zoom)}`);
    expect(answer.features.reduce((s, f) => s + (f.properties.cluster ? f.properties.count! : 1), 0)).toBe(total(shown));
    await expect(page.locator('.map-status').textContent()).resolves.toContain(`${all.toLocaleString('en')}곳`);

    // The district table says the same as the choropleth, and the legend states its ranges.
    await expect(page.locator('.map-districts tbody tr').count()).resolves.toBe(25);
    await expect(page.locator('.map-districts tfoot td').first().textContent()).resolves.toBe(all.toLocaleString('en'));
    await expect(page.locator('.map-legend').first().locator('li').allTextContents()).resolves.toEqual(['0–29곳', '30–59곳', '60–89곳', '90–119곳', '120곳 이상']);

    // The list beside the map holds the same clusters and points.
    const more = page.getByRole('button', { name: /나머지 .*개도 보기/ });
    if (await more.count()) await more.click();
    const listed = await page.locator('.map-entries button').evaluateAll((bs) => bs.map((b) => b.textContent ?? ''));
    expect(listed.sort()).toEqual(shown.clusters.map((c) => c.label).sort());
    expect(await page.locator('.map-entries a').count()).toBe(shown.points.length);

    // A click on a cluster zooms to where it splits, centred on it; the clusters change.
    const before = shown;
    await clickUncovered(page, '.leaflet-marker-pane button.map-cluster', 'largest');
    await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get('zoom')) > z, zoom);
    zoom = await settled(page);
    shown = await rendered(page);
    expect(shown.clusters.map((c) => c.label)).not.toEqual(before.clusters.map((c) => c.label));
    expect(await page.locator('.map-status').textContent()).toContain(`확대 수준 ${zoom} · `);
    let check = await api<Answer>(lastAnswer);
    expect(check.features.length).toBe(shown.clusters.length + shown.points.length);

    // Keyboard: Tab reaches a cluster, Enter zooms, and focus stays on the map.
    await page.locator('.leaflet-marker-pane button.map-cluster').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get('zoom')) > z, zoom);
    zoom = await settled(page);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('leaflet-container'))).toBe(true);

    // Down to single organisations.
    for (let i = 0; i < 6 && (await rendered(page)).points.length === 0; i++) {
      const list = page.locator('.map-entries button').first();
      await list.click();
      await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get('zoom')) > z, zoom);
      zoom = await settled(page);
    }
    shown = await rendered(page);
    expect(shown.points.length).toBeGreaterThan(0);
    check = await api<Answer>(lastAnswer);
    expect(total(shown)).toBe(check.features.reduce((s, f) => s + (f.properties.cluster ? f.properties.count! : 1), 0));

    // A marker opens a card with the organisation's name and a link to its page; the list has it too.
    const label = await clickUncovered(page, '.leaflet-marker-pane button.map-point');
    const point = shown.points.find((p) => p.label === label)!;
    const name = check.features.find((f) => f.properties.id === point.id)!.properties.name!;
    expect(label.startsWith(`${name}, `)).toBe(true);
    await expect.poll(() => page.locator('#map-card-name').textContent()).toBe(name);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map-card-name');
    await expect(page.locator(`.map-entries a[data-id="${point.id}"]`).textContent()).resolves.toBe(name);
    const link = page.getByRole('link', { name: `${name} 자세히 보기` });
    expect(await link.getAttribute('href')).toBe(`/organizations/${point.id}`);
    const viewUrl = page.url();
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/organizations/${point.id}`);

    // Back: the view comes from the URL, as a shared link would.
    await page.goBack();
    expect(page.url()).toBe(viewUrl);
    expect(await settled(page)).toBe(zoom);
    expect((await rendered(page)).points.map((p) => p.id)).toContain(point.id);

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('opens at a shared view, filters by type and industry in the URL, and counts as the API does', async () => {
    const page = await (await hub.context({ lang: 'en' })).newPage();
    await page.goto('/map?lat=37.5563&lon=126.9236&zoom=16');
    expect(await settled(page)).toBe(16);
    await expect(page.locator('.map-status').textContent()).resolves.toMatch(/^Zoom level 16 · /);
    expect((await rendered(page)).points.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Show all of Seoul' }).click();
    await page.waitForFunction(() => Number(new URL(location.href).searchParams.get('zoom')) < 16);
    await settled(page);
    await page.getByLabel('Type').selectOption('cooperative');
    await page.getByLabel('Industry').selectOption('food_cafe');
    await page.waitForURL(/type=cooperative.*industry=food_cafe|industry=food_cafe.*type=cooperative/);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const expected = await api<{ total: number }>('/api/v1/organizations?type=cooperative&industry=food_cafe&pageSize=1');
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(1870);
    await expect.poll(async () => total(await rendered(page))).toBe(expected.total);
    await expect.poll(() => page.locator('.map-districts tfoot td').first().textContent()).toBe(expected.total.toLocaleString('en'));
    await expect(page.locator('.map-status').textContent()).resolves.toContain(`${expected.total} in view`);
    // Every point drawn is a cooperative.
    expect(await page.locator('.leaflet-marker-pane button.map-point').evaluateAll((bs) => bs.every((b) => (b as HTMLElement).dataset.type === 'cooperative'))).toBe(true);
    await page.context().close();
  });

  it('passes axe in Korean and English, with screenshots', async () => {
    await checkPage(hub, '/map', 'map', {
      ready: async (page) => {
        await page.locator('.leaflet-marker-pane button.map-cluster').first().waitFor();
        await page.locator('.leaflet-overlay-pane path').nth(24).waitFor({ state: 'attached' });
        await settled(page);
      },
    });
  });
});
