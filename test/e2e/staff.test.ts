import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, startHub, type Hub } from './harness.ts';

const HEADER = '기업명,유형,자치구,도로명주소';
const ROWS = [
  '이투이 가람 협동조합,협동조합,마포구,서울특별시 마포구 월드컵로 11',
  '이투이 나래 사회적기업,사회적기업,{district},서울특별시 종로구 종로 22',
  '이투이 다온 마을기업,마을기업,성동구,서울특별시 성동구 왕십리로 33',
];
const csv = (district: string) => Buffer.from([HEADER, ...ROWS].join('\n').replace('{district}', district));

/** Chooses a file and asks for the preview, in whichever language the page is in. */
async function preview(page: Page, name: string, body: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await page.locator('form button[type=submit]').click();
}

async function showBadPreview(page: Page) {
  await preview(page, 'bad.csv', csv('해운대구'));
  await page.locator('tr.row-error').first().waitFor();
}

describe('the staff console', { timeout: 120_000 }, () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  }, 180_000);
  afterAll(() => hub?.close());

  it('imports a file: a bad row is shown and blocks the import; the corrected file goes in with a progress bar', async () => {
    const page = await hub.signedIn('staff');
    await page.goto('/staff/import');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('단체 일괄 가져오기');
    await expect(page.locator('nav[aria-label="센터 업무 메뉴"] a[aria-current="page"]').textContent()).resolves.toBe('일괄 가져오기');

    // The empty template downloads (a data: link, allowed under the app's CSP) with the export's headers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '빈 양식 내려받기 (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('sehub-import-template.csv');
    expect((await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '')).toMatch(/^기업명,영문명,대표자,법인형태,유형,세부유형,업종,자치구,도로명주소,위도,경도,/);

    await showBadPreview(page);
    const errorRows = page.locator('tr.row-error');
    await expect(errorRows.count()).resolves.toBe(1);
    const cells = await errorRows.first().locator('th, td').allTextContents();
    expect(cells).toEqual(['2', '자치구', '알 수 없는 자치구입니다: 해운대구']);
    await expect(page.getByText('오류가 하나라도 있으면 아무것도 가져오지 않습니다', { exact: false }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /곳 가져오기/ }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: '다른 파일 고르기' }).click();
    await preview(page, 'good.csv', csv('종로구'));
    const summary = page.locator('.staff-summary');
    await summary.waitFor();
    await expect(summary.getByText('새로 등록할 단체').locator('xpath=..').locator('dd').textContent()).resolves.toBe('3');
    await expect(page.locator('tr.row-error').count()).resolves.toBe(0);

    await page.getByRole('button', { name: '3곳 가져오기' }).click();
    await page.getByRole('status').filter({ hasText: '3곳을 새로 등록했습니다.' }).waitFor();
    const bar = page.locator('progress');
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('3 / 3행 (100%)');
    await expect(bar.evaluate((p: HTMLProgressElement) => p.value === p.max)).resolves.toBe(true);
    await expect(page.getByText('중복이라 건너뛴 행: 0개').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: '기업·단체 찾기에서 보기' }).count()).resolves.toBe(1);

    for (const name of ['이투이 가람 협동조합', '이투이 나래 사회적기업', '이투이 다온 마을기업']) {
      const found = (await (await fetch(`${hub.url}/api/v1/organizations?q=${encodeURIComponent(name)}`)).json()) as { items: { name: string; district: { code: string } | null }[] };
      expect(found.items.map((o) => o.name)).toContain(name);
    }
    await page.context().close();
  });

  it('looks right and passes axe: the import wizard with a refused row, in both languages', async () => {
    await checkPage(hub, '/staff/import', 'import', { who: 'staff', ready: showBadPreview });
  });

  it('moderates: a member proposes through the API, staff see before → after and approve or reject it', async () => {
    const member = await hub.signedIn('member');
    const session = (await (await member.request.get('/api/v1/auth/session')).json()) as { csrfToken: string; memberships: { organizationId: string }[] };
    const orgId = session.memberships[0]!.organizationId;
    const org = (await (await member.request.get(`/api/v1/organizations/${orgId}`)).json()) as { name: string; phone: string | null };
    const propose = async (changes: object, note: string) => {
      const res = await member.request.post(`/api/v1/organizations/${orgId}/proposals`, { data: { changes, note }, headers: { 'x-csrf-token': session.csrfToken } });
      expect(res.status(), await res.text()).toBe(201);
    };
    await propose({ phone: '02-6929-2013', location: { lat: 37.5665, lon: 126.978 } }, '전화번호가 바뀌었습니다');
    await propose({ website: 'https://example.kr/e2e' }, '홈페이지 추가');
    const other = ((await (await member.request.get('/api/v1/organizations?type=social_enterprise&pageSize=1')).json()) as { items: { id: string; name: string }[] }).items[0]!;
    const claim = await member.request.post(`/api/v1/organizations/${other.id}/claims`, { data: { message: '이 기업의 사무국장입니다' }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(claim.status(), await claim.text()).toBe(201);
    await member.context().close();

    await checkPage(hub, '/staff/moderation', 'moderation', { who: 'staff', ready: (p) => p.locator('.staff-item').first().waitFor() });

    const page = await hub.signedIn('staff');
    // Staff look at the profile first, then walk to the queue inside the app (the profile stays cached).
    await page.goto(`/organizations/${orgId}`);
    await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
    await expect(page.getByRole('link', { name: '02-6929-2013' }).count()).resolves.toBe(0);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole('link', { name: '센터 업무', exact: true }).click();
    await page.getByRole('link', { name: '검토 대기열' }).first().click();
    await page.waitForURL('**/staff/moderation');
    const items = page.locator('section[aria-labelledby="proposals"] .staff-item').filter({ has: page.getByRole('link', { name: org.name }) });
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe(2);
    const phoneItem = items.filter({ hasText: '02-6929-2013' });
    const row = phoneItem.locator('tr').filter({ has: page.locator('th', { hasText: '전화번호' }) });
    await expect(row.locator('td').allTextContents()).resolves.toEqual([org.phone ?? '(없음)', '02-6929-2013']);
    await expect(phoneItem.locator('tr').filter({ hasText: '위치' }).locator('td').last().textContent()).resolves.toBe('위도 37.56650, 경도 126.97800');

    await phoneItem.getByRole('button', { name: '승인' }).click();
    await page.getByRole('status').filter({ hasText: `‘${org.name}’의 수정 제안을 승인해` }).waitFor();
    await expect(items.count()).resolves.toBe(1);
    const updated = (await (await fetch(`${hub.url}/api/v1/organizations/${orgId}`)).json()) as { phone: string };
    expect(updated.phone).toBe('02-6929-2013');
    // Back on the profile (a link of the remaining proposal, no reload): the approved phone number, not the one seen before.
    await items.first().getByRole('link', { name: org.name }).click();
    await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
    await page.getByRole('link', { name: '02-6929-2013' }).waitFor({ timeout: 5_000 });
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
    await page.goBack();
    await items.first().waitFor();

    // Rejecting needs a reason: the error is tied to the field, then the proposal leaves the queue.
    const websiteItem = items.filter({ hasText: 'https://example.kr/e2e' });
    await websiteItem.getByRole('button', { name: '반려…' }).click();
    const reason = websiteItem.getByLabel('반려 사유');
    await expect(reason.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await websiteItem.getByRole('button', { name: '반려하기' }).click();
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await reason.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    expect(errorText).toContain('반려 사유를 적어 주세요.');
    await reason.fill('홈페이지 주소가 열리지 않습니다. 확인 후 다시 제안해 주세요.');
    await websiteItem.getByRole('button', { name: '반려하기' }).click();
    await page.getByRole('status').filter({ hasText: `‘${org.name}’의 수정 제안을 반려했습니다.` }).waitFor();
    await expect(items.count()).resolves.toBe(0);

    // The claim, in its own section: granted as editor, then gone from the queue.
    const claimItem = page.locator('section[aria-labelledby="claims"] .staff-item').filter({ hasText: '이 기업의 사무국장입니다' });
    await expect(claimItem.getByRole('link', { name: other.name }).count()).resolves.toBe(1);
    await claimItem.getByLabel('맡길 역할').selectOption('editor');
    await claimItem.getByRole('button', { name: '요청 승인' }).click();
    await page.getByRole('status').filter({ hasText: `‘${other.name}’의 편집자(으)로 지정했습니다.` }).waitFor();
    await expect(claimItem.count()).resolves.toBe(0);
    await page.context().close();
  });

  it('keeps members and visitors out: no permission for a member, a sign-in link for a visitor', async () => {
    const member = await hub.signedIn('member');
    await member.goto('/staff/moderation');
    await expect(member.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('센터 업무 화면을 볼 권한이 없습니다');
    await expect(member.locator('.staff-item, nav[aria-label="센터 업무 메뉴"]').count()).resolves.toBe(0);
    await member.context().close();

    const visitor = await (await hub.context({ lang: 'en' })).newPage();
    await visitor.goto('/staff/import');
    await expect(visitor.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Please sign in to use the centre console');
    await expect(visitor.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).getAttribute('href')).resolves.toBe('/login?next=%2Fstaff%2Fimport');
    await visitor.context().close();
  });
});
