import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByInstitution, InstitutionItems, PriorityItems, RecordsPage, Summary } from '../../src/modules/procurement/analytics/schema.ts';
import { checkPage, expectAccessible, startHub, type Hub } from './harness.ts';

const ko = new Intl.NumberFormat('ko-KR');
const pct = new Intl.NumberFormat('ko-KR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const YEAR = 2013;
const DASHBOARD = `/procurement?year=${YEAR}`;
const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];

describe('public procurement pages and the staff import wizard', { timeout: 240_000 }, () => {
  let hub: Hub;
  /** The 2013 total before the wizard's import (the undo brings it back). */
  let totalBeforeImport: Summary['total'] | undefined;

  const get = async <T,>(path: string): Promise<T> => {
    const res = await fetch(`${hub.url}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const summary = () => get<Summary>(`/api/v1/procurement/analytics/summary?year=${YEAR}`);
  const recordCount = async () => {
    const r = await sql<{ n: string }>`SELECT count(*)::text AS n FROM procurement_records`.execute(hub.database.db);
    return Number(r.rows[0]!.n);
  };

  /** A demo social economy organisation with a registration number: the file's matched supplier. */
  const seoSupplier = async () => {
    const r = await sql<{ name: string; business_reg_no: string }>`
      SELECT name, business_reg_no FROM organizations
      WHERE type_key IN (${sql.join(SEO_TYPES)}) AND business_reg_no IS NOT NULL AND status = 'operating'
      ORDER BY name LIMIT 1`.execute(hub.database.db);
    return r.rows[0]!;
  };

  const chooseFile = (page: Page, name: string, text: string) =>
    page.getByLabel(/구매실적 파일/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });

  beforeAll(async () => {
    hub = await startHub();
  }, 240_000);
  afterAll(() => hub?.close());

  it('the public page shows the 2013 priority-items table with the printed figures (복사용지 3,106 and 49 %), and a figure drills down to records whose sum equals it', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '공공구매', exact: true }).click();
    await page.waitForURL('**/procurement');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('공공구매 현황');
    // Without a year in the address the page shows the latest year with records: the demo's 2013.
    const yearSelect = page.getByLabel('연도', { exact: true });
    await expect.poll(() => yearSelect.inputValue()).toBe(String(YEAR));
    await expect(page.getByRole('status').filter({ hasText: '2013년 · 모든 기관' }).count()).resolves.toBe(1);

    const api = await get<PriorityItems>(`/api/v1/procurement/analytics/priority-items?year=${YEAR}`);
    const paper = api.rows.find((r) => r.itemCode === 'copy_paper')!;
    expect(paper.printed).toEqual({ seoAmount: 3_106_000_000, share: 49 });

    const row = page.locator('table.procurement-priority tbody tr[data-item="copy_paper"]');
    await row.waitFor();
    await expect(row.locator('th').textContent()).resolves.toContain('복사용지');
    await expect(row.locator('[data-col="printed-seo"]').textContent()).resolves.toBe('3,106');
    await expect(row.locator('[data-col="printed-share"]').textContent()).resolves.toBe('49 %');
    // The computed figure beside it, from the records (백만원).
    // (The link says what it counts to screen readers after the figure.)
    await expect(row.locator('[data-col="seo"]').textContent()).resolves.toBe(`${ko.format(Math.round(paper.seoAmount / 1e6))} (백만원, 복사용지 사회적경제기업 구매실적의 구매 기록 보기)`);
    // The report's own inconsistencies are listed.
    await expect(page.locator('.procurement-anomalies li').count()).resolves.toBeGreaterThanOrEqual(3);

    // The SEO figure of 복사용지 opens its records: with those of institutions that keep their records
    // private (listed apart for a visitor), their sum is the figure.
    await row.locator('[data-col="seo"] a').click();
    await page.waitForURL((u) => u.pathname === '/procurement/records' && u.searchParams.get('itemCode') === 'copy_paper' && u.searchParams.get('seo') === 'true');
    const sum = page.locator('.procurement-sum');
    const drill = await get<RecordsPage>(`/api/v1/procurement/analytics/records?year=${YEAR}&itemCode=copy_paper&seo=true&pageSize=200`);
    expect(drill.sum + (drill.hidden?.amount ?? 0)).toBe(paper.seoAmount);
    await expect.poll(() => sum.getAttribute('data-sum')).toBe(String(drill.sum));
    await expect(sum.textContent()).resolves.toBe(`${ko.format(drill.total)}건 · 합계 ${ko.format(drill.sum)}원`);
    if (drill.hidden) await expect(page.locator('.procurement-hidden').textContent()).resolves.toContain(`합치면 ${ko.format(paper.seoAmount)}원`);
    // The first page's rows are records of SEO suppliers only.
    const rows = page.locator('table.procurement-record-table tbody tr');
    expect(await rows.count()).toBe(Math.min(50, drill.total));
    expect(await page.locator('table.procurement-record-table tbody tr .procurement-seo').count()).toBe(await rows.count());
    await page.context().close();

    // Staff see every institution's records: the list's own sum is the figure.
    const staff = await hub.signedIn('staff');
    await staff.goto(`/procurement/records?year=${YEAR}&itemCode=copy_paper&seo=true`);
    await expect.poll(() => staff.locator('.procurement-sum').getAttribute('data-sum')).toBe(String(paper.seoAmount));
    await expect(staff.locator('.procurement-hidden').count()).resolves.toBe(0);
    await staff.context().close();
  });

  it('by institution: a visitor sees the private institutions as one merged row, opens a public institution and its items add up to its figure', async () => {
    const api = await get<ByInstitution>(`/api/v1/procurement/analytics/by-institution?year=${YEAR}`);
    const merged = api.rows.find((r) => r.institutionId === null)!;
    expect(merged.name.ko).toBe('비공개 기관 2곳');
    const page = await (await hub.context()).newPage();
    await page.goto(`${DASHBOARD}&tab=institution`);
    const privateRow = page.locator('tr[data-private="true"]');
    await expect.poll(() => privateRow.locator('th').textContent()).toBe('비공개 기관 2곳');
    // It links nowhere: its records are not public.
    expect(await privateRow.locator('a').count()).toBe(0);

    const first = api.rows.find((r) => r.institutionId !== null)!;
    await page.getByRole('link', { name: first.name.ko, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/procurement/institutions/${first.institutionId}`);
    await page.getByRole('heading', { level: 1, name: first.name.ko }).waitFor();
    const itemsApi = await get<InstitutionItems>(`/api/v1/procurement/analytics/institutions/${first.institutionId}/items?year=${YEAR}`);
    expect(itemsApi.total.amount).toBe(first.amount);
    expect(itemsApi.rows.reduce((n, r) => n + r.amount, 0)).toBe(first.amount);
    const items = page.locator(`section[aria-labelledby="items-${first.institutionId}"] table tbody tr`);
    await expect.poll(() => items.count()).toBe(itemsApi.rows.length);
    // The headline card: the institution's total, written in full under it.
    await expect.poll(() => page.locator('.procurement-card').first().textContent()).toContain(`${ko.format(first.amount)}원`);
    await expectAccessible(page, 'institution page (ko)');
    await page.context().close();
  });

  it('staff import a small CSV through the wizard: progress to the end, a summary with the one unknown supplier, then the dashboard total grows by the file amount', async () => {
    const before = await summary();
    totalBeforeImport = before.total;
    const supplier = await seoSupplier();
    const lines = [
      '기관명,구매일자,품목,업체명,사업자등록번호,금액,계약방법,계약유형',
      `서울특별시 시험사업소,2013-11-05,복사용지,${supplier.name},${supplier.business_reg_no},"1,250,000",수의계약,물품`,
      `서울특별시 시험사업소,2013.11.20,청소용역,${supplier.name},${supplier.business_reg_no},3400000,제한경쟁,용역`,
      '서울특별시 시험사업소,20131201,화장지,어디에도없는상사,,777000,일반경쟁,물품',
    ];
    const amount = 1_250_000 + 3_400_000 + 777_000;
    const page = await hub.signedIn('staff');
    await page.goto('/staff');
    await page.getByRole('navigation', { name: '센터 업무 메뉴' }).getByRole('link', { name: '공공구매', exact: true }).click();
    await page.waitForURL('**/staff/procurement');
    await page.getByRole('heading', { name: '구매실적 가져오기', level: 2 }).waitFor();
    await chooseFile(page, 'purchases-2013-test.csv', lines.join('\r\n'));
    await page.getByRole('button', { name: '미리 확인하기' }).click();

    await page.getByRole('heading', { name: 'purchases-2013-test.csv 확인 결과' }).waitFor();
    await expect(page.locator('[data-summary="rows"]').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-summary="amount"]').textContent()).resolves.toBe(`${ko.format(amount)}원`);
    await expect(page.locator('[data-summary="years"]').textContent()).resolves.toBe('2013');
    const unmatched = page.locator('table.procurement-unmatched tbody tr');
    expect(await unmatched.count()).toBe(1);
    await expect(unmatched.locator('th').textContent()).resolves.toBe('어디에도없는상사');
    await expect(page.locator('.procurement-new-institutions').textContent()).resolves.toContain('서울특별시 시험사업소');
    // A dry run: nothing changed yet.
    expect((await summary()).total.amount).toBe(before.total.amount);
    await expectAccessible(page, 'import wizard summary (ko)');

    await page.getByRole('button', { name: '3줄 가져오기' }).click();
    await page.getByRole('heading', { name: '가져오기를 마쳤습니다' }).waitFor();
    const bar = page.getByLabel('가져오기 끝');
    await expect(bar.getAttribute('value')).resolves.toBe('100');
    await expect(page.getByRole('status').filter({ hasText: '구매 기록 3줄을 가져왔습니다.' }).count()).resolves.toBe(1);

    const after = await summary();
    expect(after.total.amount).toBe(before.total.amount + amount);
    expect(after.total.records).toBe(before.total.records + 3);
    expect(after.seo.amount).toBe(before.seo.amount + 1_250_000 + 3_400_000);

    // The dashboard shows the new total (the card's formula writes it in full).
    await page.getByRole('link', { name: '공공구매 현황 보기' }).click();
    await page.waitForURL((u) => u.pathname === '/procurement' && u.searchParams.get('year') === String(YEAR));
    await expect.poll(() => page.locator('[data-figure="total"]').textContent()).toContain(`${ko.format(after.total.amount)}원`);
    await page.context().close();
  });

  it('a bad file shows each error with its line and column, and changes nothing', async () => {
    const before = await summary();
    const count = await recordCount();
    const page = await hub.signedIn('staff');
    await page.goto('/staff/procurement');
    await page.getByRole('heading', { name: '구매실적 가져오기', level: 2 }).waitFor();
    await chooseFile(
      page,
      'bad.csv',
      [
        '기관명,구매일자,품목,업체명,금액,계약방법,계약유형',
        '서울특별시 시험사업소,2013-03-02,복사용지,좋은상사,1000,수의계약,물품',
        '서울특별시 시험사업소,2013-02-30,복사용지,좋은상사,1000,수의계약,물품',
        '서울특별시 시험사업소,2013-03-04,복사용지,좋은상사,천원,수의계약,물품',
      ].join('\n'),
    );
    await page.getByRole('button', { name: '미리 확인하기' }).click();
    await page.getByRole('heading', { name: '가져올 수 없습니다' }).waitFor();
    const errors = page.locator('table.procurement-errors tbody tr');
    await expect.poll(() => errors.count()).toBe(2);
    await expect(errors.nth(0).getAttribute('data-line')).resolves.toBe('3');
    await expect(errors.nth(0).locator('th').textContent()).resolves.toBe('3번째 줄');
    await expect(errors.nth(0).getAttribute('data-field')).resolves.toMatch(/date|구매일자/);
    await expect(errors.nth(1).getAttribute('data-line')).resolves.toBe('4');
    await expect(errors.nth(1).getAttribute('data-field')).resolves.toMatch(/amount|금액/);
    await expect(page.getByText('아무것도 바뀌지 않았습니다', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'import wizard errors (ko)');
    expect((await summary()).total).toEqual(before.total);
    expect(await recordCount()).toBe(count);
    await page.context().close();
  });

  it('staff undo the wizard’s import from the history after confirming in a dialog, and the dashboard total is back', async () => {
    expect(totalBeforeImport).toBeDefined();
    const page = await hub.signedIn('staff');
    await page.goto('/staff/procurement');
    await page.getByRole('navigation', { name: '공공구매 관리 메뉴' }).getByRole('link', { name: '가져오기 기록' }).click();
    await page.waitForURL('**/staff/procurement/imports');
    const row = page.locator('table.procurement-history tbody tr', { hasText: 'purchases-2013-test.csv' });
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('committed');
    await row.getByRole('button', { name: /되돌리기/ }).click();
    const dialog = page.getByRole('dialog', { name: '이 가져오기를 되돌릴까요?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('3줄');
    // Keeping it changes nothing…
    await dialog.getByRole('button', { name: '그대로 두기' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await summary()).total.records).toBe(totalBeforeImport!.records + 3);
    // …undoing it takes its records out of every figure.
    await row.getByRole('button', { name: /되돌리기/ }).click();
    await dialog.getByRole('button', { name: '되돌리기', exact: true }).click();
    await page.getByText('purchases-2013-test.csv의 기록 3줄을 되돌렸습니다.').waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toBe('undone');
    expect((await summary()).total).toEqual(totalBeforeImport);
    await expectAccessible(page, 'import history (ko)');
    await page.context().close();
  });

  it('staff make a member a buyer officer of an institution; the member finds the institution on /me and its dashboard, with the ways to buy', async () => {
    const staff = await hub.signedIn('staff');
    await staff.goto('/staff/procurement/institutions');
    await staff.getByLabel('기관 이름', { exact: true }).fill('종로구');
    const row = staff.locator('table.procurement-institutions-admin tbody tr[data-institution]').filter({ hasText: '종로구' }).first();
    await row.waitFor();
    const name = (await row.locator('th').textContent())!.trim();
    await row.getByRole('button', { name: /고치기·담당자/ }).click();
    await staff.getByLabel('담당자 이메일').fill('member@demo.sehub.kr');
    await staff.getByRole('button', { name: '담당자 추가' }).click();
    await staff.locator('.procurement-officer-list li', { hasText: 'member@demo.sehub.kr' }).waitFor();
    await expectAccessible(staff, 'institutions admin (ko)');
    await staff.context().close();

    const member = await hub.signedIn('member');
    await member.goto('/me');
    const section = member.getByRole('region', { name: '우리 기관 공공구매' });
    await expect.poll(() => section.textContent()).toContain(name);
    await section.getByRole('link', { name: '우리 기관 공공구매 보기' }).click();
    await member.waitForURL('**/procurement/mine');
    await member.getByRole('heading', { level: 2, name: `${name} · 2013년` }).waitFor();
    for (const link of ['상품·서비스 찾기', '필요한 것 알려 주고 업체 추천받기', '우리 묶음 주문']) await member.getByRole('link', { name: link }).waitFor();
    await expect(member.getByRole('link', { name: '우리 묶음 주문' }).getAttribute('href')).resolves.toBe('/orders/mine');
    await member.locator('.procurement-card').first().waitFor();
    await expectAccessible(member, 'buyer dashboard (ko)');
    await member.context().close();
  });

  it('staff change the city-wide 2013 target in place; its achievement beside it and the dashboard follow', async () => {
    const before = await summary();
    // The demo: 580억 from SEOs against a target of 500억.
    expect(before.target?.amount).toBe(50_000_000_000);
    expect(before.target?.achievement).toBeCloseTo((before.seo.amount / 50_000_000_000) * 100, 9);
    const page = await hub.signedIn('staff');
    await page.goto('/staff/procurement/targets');
    // No records this year yet: the page opens on the latest year with records.
    await expect.poll(() => page.getByLabel('연도', { exact: true }).inputValue()).toBe(String(YEAR));
    const amount = page.getByLabel('서울시 전체 · 전체 목표 (원)');
    await expect.poll(() => amount.inputValue()).toBe('50000000000');
    const row = page.locator('tr[data-target]', { has: amount });
    await expect(row.locator('td.num').last().textContent()).resolves.toBe(`${pct.format(before.target!.achievement!)} %`);
    await amount.fill(String(before.seo.amount));
    await row.getByRole('button', { name: /저장/ }).click();
    await expect.poll(() => row.locator('td.num').last().textContent()).toBe('100.0 %');
    const after = await summary();
    expect(after.target?.amount).toBe(before.seo.amount);
    expect(after.target?.achievement).toBeCloseTo(100, 9);
    await page.goto(DASHBOARD);
    await expect.poll(() => page.locator('[data-figure="target"] .procurement-card-value').textContent()).toBe('100.0 %');
    await page.context().close();
  });

  it('the dashboard and the import wizard pass axe in Korean and English', async () => {
    await checkPage(hub, DASHBOARD, 'procurement-dashboard', { ready: (page) => page.locator('table.procurement-priority tbody tr').first().waitFor() });
    await checkPage(hub, `${DASHBOARD}&tab=concentration`, 'procurement-concentration', { ready: (page) => page.locator('#concentration').waitFor() });
    await checkPage(hub, '/staff/procurement', 'procurement-import', { who: 'staff', ready: (page) => page.locator('#records-import').waitFor() });
    // The wizard's summary and its error table, in English (dry runs: nothing changes).
    const en = await hub.signedIn('staff', { lang: 'en' });
    await en.goto('/staff/procurement');
    await en.getByLabel(/Purchase-record file/).setInputFiles({
      name: 'check.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('institution,date,item,supplier,amount,method,contract_type\n서울특별시,2013-05-02,복사용지,어디에도없는상사,1000,open_tender,goods\n', 'utf8'),
    });
    await en.getByRole('button', { name: 'Check first' }).click();
    await en.getByRole('heading', { name: 'What check.csv holds' }).waitFor();
    await expectAccessible(en, 'import wizard summary (en)');
    await en.getByRole('button', { name: 'Cancel' }).click();
    await en.getByLabel(/Purchase-record file/).setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('institution,date,item,supplier,amount,method,contract_type\n서울특별시,2013-13-02,복사용지,좋은상사,1000,open_tender,goods\n', 'utf8'),
    });
    await en.getByRole('button', { name: 'Check first' }).click();
    await en.getByRole('heading', { name: 'The file cannot be imported' }).waitFor();
    await expect(en.locator('table.procurement-errors tbody tr').first().locator('th').textContent()).resolves.toBe('Line 2');
    await expectAccessible(en, 'import wizard errors (en)');
    await en.context().close();
    await checkPage(hub, '/staff/procurement/targets', 'procurement-targets', { who: 'staff', ready: (page) => page.locator('#new-target').waitFor() });
    await checkPage(hub, `/procurement/records?year=${YEAR}&itemCode=copy_paper`, 'procurement-records', { ready: (page) => page.locator('table.procurement-record-table tbody tr').first().waitFor() });
  });
});
