import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistributionTable, FigureDefinitionList, FigureRows, HeadlineFigures, LocationQuotientTable, SurvivalReport } from '../../src/modules/insights/model.ts';
import { checkPage, startHub, type Hub } from './harness.ts';

const ko = new Intl.NumberFormat('ko-KR');
const pct = new Intl.NumberFormat('ko-KR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('ko-KR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat('ko-KR', { signDisplay: 'exceptZero' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 2013 report's table: 1,871 organisations, counting every one registered by the end of 2013. */
const REPORT_2013 = '/statistics?asOf=2013-12-31&basis=registered';

const cellTexts = (row: Locator) => row.locator('th, td').allTextContents();

describe('statistics pages and headline figures', { timeout: 180_000 }, () => {
  let hub: Hub;

  const get = async <T,>(path: string, page?: Page): Promise<T> => {
    if (page) {
      const res = await page.request.get(path);
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    }
    const res = await fetch(`${hub.url}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  /** The distribution table as the page shows it: header, body rows and the totals row, cell by cell. */
  const shownTable = async (page: Page) => {
    const table = page.locator('table.insights-distribution');
    return {
      head: await table.locator('thead th').allTextContents(),
      rows: await Promise.all((await table.locator('tbody tr').all()).map(cellTexts)),
      totals: await cellTexts(table.locator('tfoot tr.insights-totals')),
    };
  };
  /** The same table written from the API's answer the way the page writes numbers (ko-KR). */
  const expectedTable = (d: DistributionTable) => ({
    head: ['지역', ...d.columns.map((c) => c.label.ko)],
    rows: d.rows.map((r) => [`${r.label.ko}${r.kind === 'region' ? '서울 밖' : ''}`, ...d.columns.map((c) => ko.format(r.cells[c.key] ?? 0))]),
    totals: ['계', ...d.columns.map((c) => ko.format(d.totals[c.key] ?? 0))],
  });

  beforeAll(async () => {
    hub = await startHub();
  }, 240_000);
  afterAll(() => hub?.close());

  it('a visitor opens 통계 from the menu, picks 2013년 말 and the report basis, and sees the district × type table equal to the API (1,871), on the map too; another date changes the figures', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '통계' }).click();
    await page.waitForURL('**/statistics');
    // (The page is a chunk of its own: the home page stays until it arrives.)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('통계');

    await page.getByRole('button', { name: '2013년 말' }).click();
    // (A click, not check(): the radio follows the address, which changes a moment later.)
    await page.getByRole('radio', { name: /등록된 조직 모두/ }).click();
    await page.waitForURL((u) => u.searchParams.get('asOf') === '2013-12-31' && u.searchParams.get('basis') === 'registered');
    await expect.poll(() => page.getByRole('radio', { name: /등록된 조직 모두/ }).isChecked()).toBe(true);
    await expect(page.getByRole('button', { name: '2013년 말' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByLabel('기준일', { exact: true }).inputValue()).resolves.toBe('2013-12-31');

    const api2013 = await get<DistributionTable>('/api/v1/insights/distribution?asOf=2013-12-31&basis=registered');
    // The seed's table (org_distribution_2013.json) counts 1,871 organisations as of 2013-12-31.
    expect(api2013.totals.total).toBe(1871);
    const expected = expectedTable(api2013);
    await expect.poll(async () => (await shownTable(page)).totals).toEqual(expected.totals);
    expect(await shownTable(page)).toEqual(expected);
    await expect(page.getByRole('status').filter({ hasText: '기준 · 등록된 조직 모두' }).textContent()).resolves.toContain('2013');

    // The choropleth: each Seoul district is an image named with its count, the same as the table's.
    const gangnam = api2013.rows.find((r) => r.label.ko === '강남구')!;
    const districts = page.locator('svg.insights-map-svg path[role="img"]');
    await expect.poll(() => districts.count()).toBe(25);
    await expect(page.getByRole('img', { name: `강남구: ${ko.format(gangnam.cells.total!)}곳` }).count()).resolves.toBe(1);
    // Colouring by 협동조합 renames every district with its cooperatives.
    await page.getByLabel('지도에 칠할 항목').selectOption('coop');
    await expect.poll(() => page.getByRole('img', { name: `강남구: ${ko.format(gangnam.cells.coop!)}곳` }).count()).toBe(1);
    await expect(page.locator('.insights-map figcaption').textContent()).resolves.toContain('협동조합');

    // The bar chart is drawn (ECharts, SVG) and hidden from assistive technology; the growth table is beside its chart.
    await page.locator('.insights-chart svg').first().waitFor();
    await expect(page.locator('.insights-chart').first().getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(page.locator('table.insights-growth tbody tr').count()).resolves.toBeGreaterThan(0);

    // Another reference date: the figures follow, the address keeps it.
    await page.getByLabel('기준일', { exact: true }).fill('2012-12-31');
    await page.waitForURL((u) => u.searchParams.get('asOf') === '2012-12-31');
    const api2012 = await get<DistributionTable>('/api/v1/insights/distribution?asOf=2012-12-31&basis=registered');
    expect(api2012.totals.total).toBeLessThan(api2013.totals.total!);
    await expect.poll(async () => (await shownTable(page)).totals).toEqual(expectedTable(api2012).totals);
    expect(await shownTable(page)).toEqual(expectedTable(api2012));
    await expect(page.getByRole('button', { name: '2013년 말' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await page.context().close();
  });

  it('cooperatives by district × industry: the table on screen downloads as CSV (same numbers) and XLSX, with the same parameters', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(REPORT_2013);
    const section = page.locator('section[aria-labelledby="distribution"]');
    await section.locator('table.insights-distribution tbody tr').first().waitFor();
    await page.getByLabel('열', { exact: true }).selectOption('industry');
    await page.getByLabel('조직 유형').selectOption('cooperative');
    await page.waitForURL((u) => u.searchParams.get('dim') === 'industry' && u.searchParams.get('dtype') === 'cooperative');
    const api = await get<DistributionTable>('/api/v1/insights/distribution?asOf=2013-12-31&basis=registered&dimension=industry&type=cooperative');
    await expect.poll(async () => (await shownTable(page)).totals).toEqual(expectedTable(api).totals);
    expect(await shownTable(page)).toEqual(expectedTable(api));
    await expect(section.locator('caption').first().textContent()).resolves.toContain('협동조합');

    const csvLink = section.getByRole('link', { name: /^CSV 내려받기/ });
    const href = (await csvLink.getAttribute('href'))!;
    expect(href).toBe('/api/v1/insights/distribution?asOf=2013-12-31&basis=registered&dimension=industry&type=cooperative&format=csv');
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const csv = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    // Every district's row of the file holds the numbers of the page's row.
    for (const row of api.rows.filter((r) => r.kind === 'district')) {
      const line = csv.find((l) => l[0] === row.code);
      expect(line, row.code ?? '').toBeDefined();
      expect(line!.slice(-api.columns.length).map(Number)).toEqual(api.columns.map((c) => row.cells[c.key]));
    }
    // The browser downloads it as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect((await readFile((await download.path())!)).length).toBeGreaterThan(100);

    const xlsx = await page.request.get((await section.getByRole('link', { name: /^엑셀\(XLSX\) 내려받기/ }).getAttribute('href'))!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain(XLSX);
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.context().close();
  });

  it('the survival tab shows each cohort as the API counts it (64.6 % of the designated still operating at the end of 2013) and a Kaplan–Meier chart with its table', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(REPORT_2013);
    await page.getByRole('navigation', { name: '통계 항목' }).getByRole('link', { name: '생존율' }).click();
    await page.waitForURL((u) => u.searchParams.get('tab') === 'survival' && u.searchParams.get('asOf') === '2013-12-31');
    const api = await get<SurvivalReport>('/api/v1/insights/survival?asOf=2013-12-31');
    const table = page.locator('table.insights-survival');
    await table.locator('tbody tr').first().waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(api.cohorts.length);
    for (const c of api.cohorts) {
      const cells = await cellTexts(table.locator(`tbody tr[data-cohort="${c.key}"]`));
      expect(cells.slice(0, 4)).toEqual([c.label.ko, ko.format(c.designated), ko.format(c.operating), `${pct.format(c.operatingRate!)} %`]);
    }
    const total = await cellTexts(table.locator('tfoot tr'));
    expect(total[3]).toBe(`${pct.format(api.total.operatingRate!)} %`);
    expect(total[3]).toBe('64.6 %');
    await page.locator('.insights-chart svg').first().waitFor();
    await expect(page.locator('table.insights-km tbody tr').count()).resolves.toBe(api.curves.length);
    await page.context().close();
  });

  it('the location quotient table shows the formula and marks values of 1.2 or more in bold with ▲ and words, exactly where the API says', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(`${REPORT_2013}&tab=lq`);
    const api = await get<LocationQuotientTable>('/api/v1/insights/location-quotients?asOf=2013-12-31&basis=registered');
    const table = page.locator('table.insights-lq');
    await table.locator('tbody tr').first().waitFor();
    await expect(page.locator('.insights-formula code').textContent()).resolves.toBe(api.formula.text);
    const high = api.rows.flatMap((r) => r.cells.filter((c) => c.high).map((c) => ({ code: r.code, ...c })));
    expect(high.length).toBeGreaterThan(0);
    await expect(table.locator('td.insights-high').count()).resolves.toBe(high.length);
    const first = high[0]!;
    const cell = table.locator(`tr[data-code="${first.code}"] td[data-industry="${first.industry}"]`);
    await expect(cell.locator('strong').count()).resolves.toBe(1);
    await expect(cell.textContent()).resolves.toBe(`${two.format(first.lq!)} ▲ (1.2 이상, 특화)`);
    await expect(cell.locator('.visually-hidden').textContent()).resolves.toContain('1.2 이상');
    const low = api.rows.flatMap((r) => r.cells.filter((c) => !c.high && c.lq !== null).map((c) => ({ code: r.code, ...c })))[0]!;
    const lowCell = table.locator(`tr[data-code="${low.code}"] td[data-industry="${low.industry}"]`);
    await expect(lowCell.textContent()).resolves.toBe(two.format(low.lq!));
    await expect(lowCell.locator('strong').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('staff see the year’s headline figures beside the reported ones, drill down to the rows counted, and a new definition version changes the figure with no recount', async () => {
    const page = await hub.signedIn('staff');
    await page.goto('/staff');
    await page.locator('nav[aria-label="센터 업무 메뉴"]').getByRole('link', { name: '성과 지표' }).click();
    await page.waitForURL('**/staff/insights');
    const api = await get<HeadlineFigures>('/api/v1/insights/figures?year=2013', page);
    const cards = page.locator('.insights-figure-card');
    await expect.poll(() => cards.count()).toBe(api.figures.length);
    await expect(page.getByLabel('연도', { exact: true }).inputValue()).resolves.toBe('2013');
    const figure = api.figures.find((f) => f.key === 'new_participants')!;
    const card = page.locator('.insights-figure-card[data-key="new_participants"]');
    await expect(card.locator('.insights-figure-value strong').textContent()).resolves.toBe(ko.format(figure.value));
    await expect(card.textContent()).resolves.toContain(`${ko.format(figure.reported!.value)} 명`);
    await expect(card.locator('dd').nth(1).textContent()).resolves.toBe(signed.format(figure.difference!));

    // The drill-down lists exactly the rows the figure counts, and they add up to it.
    await card.getByRole('link', { name: /세는 행 보기/ }).click();
    await page.waitForURL('**/staff/insights/figures/new_participants?year=2013&version=1');
    const rows = await get<FigureRows>('/api/v1/insights/figures/new_participants/rows?year=2013&version=1', page);
    const body = page.locator('table.insights-rows tbody tr');
    await body.first().waitFor();
    await expect(body.count()).resolves.toBe(rows.rows.length);
    await expect(body.first().textContent()).resolves.toContain(String(rows.rows[0]!.kpiName));
    await expect(page.locator('table.insights-rows tfoot td.num').textContent()).resolves.toBe(ko.format(figure.value));

    // A new version of the definition: first a value the field cannot take, named beside the field…
    await page.getByRole('link', { name: '← 성과 지표' }).click();
    await page.getByRole('link', { name: '새 판 만들기 (신규 참여자 수)' }).click();
    await page.waitForURL('**/staff/insights/definitions/new_participants/edit');
    const condition = page.getByRole('group', { name: '조건 1' });
    await condition.getByLabel('항목').selectOption('result');
    await condition.getByLabel('값').fill('많이');
    await page.getByRole('button', { name: '새 판 저장하기' }).click();
    const value = condition.getByLabel('값');
    await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await value.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    expect(described).toContain('숫자');
    const unchanged = await get<FigureDefinitionList>('/api/v1/insights/figure-definitions', page);
    expect(unchanged.items.find((i) => i.key === 'new_participants')!.versions).toHaveLength(1);

    // …then people counted in 명 or 인: saved as version 2, and the figure follows at once.
    await condition.getByLabel('항목').selectOption('unit');
    await condition.getByLabel('비교').selectOption('in');
    await condition.getByLabel('값').fill('명, 인');
    await page.getByLabel('고친 까닭').fill('단위가 ‘인’인 실적도 사람 수입니다.');
    await page.getByRole('button', { name: '새 판 저장하기' }).click();
    await page.waitForURL('**/staff/insights');
    await page.getByRole('status').filter({ hasText: '저장했습니다: 신규 참여자 수 2판' }).waitFor();
    const after = (await get<HeadlineFigures>('/api/v1/insights/figures?year=2013', page)).figures.find((f) => f.key === 'new_participants')!;
    expect(after.version).toBe(2);
    await expect.poll(() => card.locator('.insights-figure-value strong').textContent()).toBe(ko.format(after.value));
    await expect(card.textContent()).resolves.toContain('2판');
    const defs = page.locator('.insights-definitions li[data-key="new_participants"]');
    await expect(defs.textContent()).resolves.toContain('단위 ∈ {‘명’, ‘인’}');
    await defs.getByText(/모든 판 보기 \(2개\)/).click();
    await expect.poll(() => defs.locator('tbody tr').count()).toBe(2);
    await page.context().close();
  });

  it('passes axe in Korean and English: distribution, survival, location quotients, figures, drill-down, definition form', async () => {
    await checkPage(hub, REPORT_2013, 'insights-distribution', {
      ready: async (p) => {
        await p.locator('table.insights-distribution tbody tr').first().waitFor();
        await p.locator('svg.insights-map-svg path').first().waitFor();
        await p.locator('.insights-chart svg').nth(1).waitFor();
      },
    });
    await checkPage(hub, `${REPORT_2013}&tab=survival`, 'insights-survival', {
      ready: async (p) => {
        await p.locator('table.insights-km tbody tr').first().waitFor();
        await p.locator('.insights-chart svg').first().waitFor();
      },
    });
    await checkPage(hub, `${REPORT_2013}&tab=lq&counts=1`, 'insights-lq', { ready: (p) => p.locator('table.insights-lq td.insights-high').first().waitFor() });
    await checkPage(hub, '/staff/insights?year=2013', 'insights-figures', { who: 'staff', ready: (p) => p.locator('.insights-definitions li').first().waitFor() });
    await checkPage(hub, '/staff/insights/figures/events_held?year=2013', 'insights-rows', { who: 'staff', ready: (p) => p.locator('table.insights-rows tbody tr').first().waitFor() });
    await checkPage(hub, '/staff/insights/definitions/reports_produced/edit', 'insights-definition', { who: 'staff', ready: (p) => p.locator('.insights-clause').first().waitFor() });
  });
});
