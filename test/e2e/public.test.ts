import { getChoseong } from 'es-hangul';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, startHub, type Hub } from './harness.ts';

const ko = new Intl.NumberFormat('ko-KR');

/** The parts of GET /api/v1/organizations this test reads. */
interface OrganizationSummary {
  id: string;
  name: string;
  district: { code: string; name: { ko: string; en: string } } | null;
  roadAddress: string | null;
  location: { lat: number; lon: number } | null;
}
interface OrganizationPage {
  items: OrganizationSummary[];
  total: number;
  facets: Record<'type' | 'industry' | 'district', { key: string; count: number }[]>;
}

describe('public pages: home, directory, organisation profile', { timeout: 120_000 }, () => {
  let hub: Hub;
  /** A real demo organisation, a 2-syllable fragment from the middle of its name, and the 초성 of its first word. */
  let org: OrganizationSummary;
  let fragment: string;
  let initials: string;

  const apiList = async (query: string): Promise<OrganizationPage> => (await fetch(`${hub.url}/api/v1/organizations?${query}`)).json() as Promise<OrganizationPage>;

  beforeAll(async () => {
    hub = await startHub();
    // Names sorted from the middle of the alphabet, so as not to pick the member's own cooperative.
    const { items } = await apiList('sort=name&page=3&pageSize=50');
    for (const o of items) {
      const word = o.name.split(' ')[0]!;
      if (word.length < 4) continue;
      const mid = Math.floor(word.length / 2);
      const frag = word.slice(mid - 1, mid + 1);
      const cho = getChoseong(word);
      // The search must rank it within the first page for the UI check to be about the UI.
      const [a, b] = await Promise.all([apiList(`q=${encodeURIComponent(frag)}`), apiList(`q=${encodeURIComponent(cho)}`)]);
      if (a.items.some((i) => i.id === o.id) && b.items.some((i) => i.id === o.id)) {
        [org, fragment, initials] = [o, frag, cho];
        break;
      }
    }
    expect(org, 'a demo organisation found by a fragment and by its 초성').toBeDefined();
    expect(initials).toMatch(/^[ㄱ-ㅎ]+$/);
  }, 180_000);
  afterAll(() => hub?.close());

  const foundText = (page: Page) => page.getByRole('status').filter({ hasText: /찾았습니다|found/ });
  const resultLinks = (page: Page) => page.getByRole('list', { name: '검색 결과' }).getByRole('link');

  async function search(page: Page, words: string) {
    const box = page.getByRole('searchbox', { name: '기업·단체 이름' });
    await box.fill(words);
    await box.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === words);
  }

  it('finds an organisation by a Korean fragment and by 초성, then opens its page with its district and pin', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/organizations');
    await expect.poll(() => foundText(page).textContent()).toMatch(/[\d,]+곳을 찾았습니다/);

    await search(page, fragment);
    const apiTotal = (await apiList(`q=${encodeURIComponent(fragment)}`)).total;
    await expect.poll(() => foundText(page).textContent()).toContain(`${ko.format(apiTotal)}곳을 찾았습니다`);
    await expect.poll(() => resultLinks(page).allTextContents()).toContain(org.name);
    // The hint tells people that fragments and 초성 work.
    expect(await page.getByText(/초성/).first().textContent()).toContain('ㅅㅎㅈ');

    await search(page, initials);
    await expect.poll(() => resultLinks(page).allTextContents()).toContain(org.name);
    expect(await page.getByRole('searchbox', { name: '기업·단체 이름' }).inputValue()).toBe(initials);

    await resultLinks(page).getByText(org.name, { exact: true }).first().click();
    await page.waitForURL(`**/organizations/${org.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(org.name);
    expect(await page.title()).toContain(org.name);
    const district = org.district!.name.ko;
    const details = page.getByRole('region', { name: '기본 정보' });
    expect(await details.getByText(district, { exact: true }).count()).toBe(1);
    const pin = page.getByRole('img', { name: new RegExp(`${district} 지도`) });
    await pin.waitFor();
    expect(await pin.getAttribute('aria-label')).toContain(org.roadAddress!);
    expect(await pin.locator('.pub-pin-marker').count()).toBe(1);
    const mapHref = await page.getByRole('link', { name: '지도에서 보기' }).getAttribute('href');
    expect(mapHref).toBe(`/map?lat=${org.location!.lat}&lon=${org.location!.lon}&zoom=16&org=${org.id}`);
    // The map opens there with this organisation's card already open.
    await page.getByRole('link', { name: '지도에서 보기' }).click();
    await page.waitForURL('**/map?**');
    const card = page.getByRole('region', { name: org.name });
    await card.waitFor();
    expect(await card.getByRole('link', { name: `${org.name} 자세히 보기` }).getAttribute('href')).toBe(`/organizations/${org.id}`);
    await page.context().close();
  });

  it('filters by district in the URL, shows only that district with the API total, and goes back', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/organizations');
    const all = (await apiList('')).total;
    await expect.poll(() => foundText(page).textContent()).toBe(`${ko.format(all)}곳을 찾았습니다`);

    const districts = page.getByRole('group', { name: '자치구' });
    const jongno = districts.getByRole('checkbox', { name: /^종로구/ });
    // By keyboard: the filter applies on change, without a separate button.
    await jongno.focus();
    await page.keyboard.press('Space');
    await page.waitForURL((u) => u.searchParams.get('district') === '11110');
    const inJongno = (await apiList('district=11110')).total;
    expect(inJongno).toBeGreaterThan(0);
    expect(inJongno).toBeLessThan(all);
    await expect.poll(() => foundText(page).textContent()).toBe(`${ko.format(inJongno)}곳을 찾았습니다`);
    const shown = await page.locator('.pub-org dd.pub-district').allTextContents();
    expect(shown.length).toBe(Math.min(20, inJongno));
    expect(new Set(shown)).toEqual(new Set(['종로구']));
    // The checkbox keeps its focus and shows its state.
    expect(await jongno.isChecked()).toBe(true);
    expect(await jongno.evaluate((el) => el === document.activeElement)).toBe(true);

    // A second page keeps the filter; a new filter goes back to page 1.
    if (inJongno > 20) {
      await page.getByRole('link', { name: '다음' }).click();
      await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('district') === '11110');
      // The next page starts at its first result, not at the bottom where the link was.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('검색 결과');
      expect(await page.locator('.pub-org dd.pub-district').allTextContents()).toEqual(Array(Math.min(20, inJongno - 20)).fill('종로구'));
      await page.goBack();
    }

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('district'));
    await expect.poll(() => foundText(page).textContent()).toBe(`${ko.format(all)}곳을 찾았습니다`);
    expect(await jongno.isChecked()).toBe(false);
    await page.context().close();
  });

  it('on a 390 px phone: filters fold away, open on demand, and lead back down to the results', async () => {
    const page = await (await hub.context({ width: 390 })).newPage();
    await page.goto('/organizations');
    await foundText(page).filter({ hasText: /\d/ }).waitFor();
    const jongno = page.getByRole('checkbox', { name: /^종로구/ });
    expect(await jongno.isVisible()).toBe(false);
    await page.getByText('검색 조건', { exact: true }).click();
    await jongno.click();
    await page.waitForURL((u) => u.searchParams.get('district') === '11110');
    const inJongno = (await apiList('district=11110')).total;
    await page.getByRole('button', { name: `결과 ${ko.format(inJongno)}곳 보기` }).click();
    await expect.poll(() => page.getByRole('region', { name: '검색 결과' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.pub-org').first().isVisible()).toBe(true);
    await page.context().close();
  });

  it('lets a signed-in person ask to manage an organisation, and its managers propose edits', async () => {
    const page = await hub.signedIn('member');
    await page.goto(`/organizations/${org.id}`);
    const claim = page.getByRole('region', { name: '이 단체 관리하기' });
    await claim.getByRole('textbox', { name: /단체와의 관계/ }).fill('사무국장입니다.');
    await claim.getByRole('button', { name: '관리 요청 보내기' }).click();
    await expect.poll(() => claim.getByRole('status').textContent()).toContain('관리 요청을 보냈습니다');
    // Coming back, the request is shown as waiting rather than offered again.
    await page.reload();
    await expect.poll(() => claim.textContent()).toContain('센터 직원이 확인하고 있습니다');
    expect(await claim.getByRole('button', { name: '관리 요청 보내기' }).count()).toBe(0);

    // The member's own cooperative (the first cooperative by name) offers an edit proposal instead.
    const own = (await apiList('type=cooperative&sort=name&pageSize=1')).items[0]!;
    await page.goto(`/organizations/${own.id}`);
    const link = page.getByRole('region', { name: '이 단체 관리하기' }).getByRole('link', { name: '정보 수정 제안하기' });
    expect(await link.getAttribute('href')).toBe(`/me/organizations/${own.id}/propose`);
    await page.context().close();

    const anonymous = await (await hub.context()).newPage();
    await anonymous.goto(`/organizations/${org.id}`);
    const signIn = anonymous.getByRole('link', { name: '로그인하고 관리 요청하기' });
    expect(await signIn.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/organizations/${org.id}`)}`);
    await anonymous.goto('/organizations/00000000-0000-4000-8000-000000000000');
    await expect.poll(() => anonymous.getByRole('heading', { level: 1 }).textContent()).toBe('찾으시는 단체가 없습니다');
    await anonymous.context().close();
  });

  it('home: live counts that lead into the filtered directory', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/');
    const facets = (await apiList('pageSize=1')).facets;
    const coop = facets.type.find((f) => f.key === 'cooperative')!;
    const link = page.getByRole('link', { name: new RegExp(`^협동조합 ${ko.format(coop.count)}곳$`) });
    await link.click();
    await page.waitForURL((u) => u.pathname === '/organizations' && u.searchParams.get('type') === 'cooperative');
    await expect.poll(() => foundText(page).textContent()).toBe(`${ko.format(coop.count)}곳을 찾았습니다`);
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: '기업·단체 이름' });
    await box.fill(fragment);
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/organizations' && u.searchParams.get('q') === fragment);
    await page.context().close();
  });

  it("shows a profile's certification history and what changed, field by field", async () => {
    // Centre staff edit the profile and record a certification, as the console would.
    const staff = await hub.signedIn('staff');
    const { csrfToken } = (await (await staff.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const before = (await (await staff.request.get(`/api/v1/organizations/${org.id}`)).json()) as { phone: string | null; statusHistory: unknown[] };
    const edit = await staff.request.patch(`/api/v1/organizations/${org.id}`, { headers, data: { phone: '02-2133-0000', products: '방과후 돌봄\n주말 체험 교실', website: 'https://example.org/' } });
    expect(edit.status(), await edit.text()).toBe(200);
    const event = await staff.request.post(`/api/v1/organizations/${org.id}/status-events`, { headers, data: { kind: 'certified', on: '2013-07-15', note: '고용노동부 인증' } });
    expect(event.status(), await event.text()).toBe(201);
    await staff.context().close();

    const page = await (await hub.context()).newPage();
    await page.goto(`/organizations/${org.id}`);
    const certifications = page.getByRole('region', { name: '지정·인증 이력' });
    // The demo organisation may carry a designation history already; the new event is listed in date order among it.
    await expect.poll(() => certifications.getByRole('listitem').count()).toBe(before.statusHistory.length + 1);
    expect(await certifications.getByRole('listitem').allTextContents()).toContain('2013. 7. 15. 인증 고용노동부 인증');
    expect(await page.getByRole('region', { name: '제품과 서비스' }).textContent()).toContain('주말 체험 교실');
    expect(await page.getByRole('region', { name: '기본 정보' }).getByRole('link', { name: 'example.org' }).getAttribute('href')).toBe('https://example.org/');
    const changes = page.getByRole('region', { name: '정보 변경 이력' }).getByRole('listitem');
    await expect.poll(() => changes.count()).toBe(2);
    // Newest first: the certification, then the staff edit with the phone before and after.
    expect(await changes.nth(0).textContent()).toContain('지정·인증 이력 기록');
    const phone = changes.nth(1).locator('div').filter({ hasText: '전화' });
    expect(await phone.locator('.pub-before').textContent()).toBe(before.phone ?? '(없음)');
    expect(await phone.locator('.pub-after').textContent()).toBe('02-2133-0000');
    await page.context().close();
  });

  it('is accessible and fits a phone, in Korean and English', async () => {
    const pages = [
      { path: '/', name: 'home', ready: (p: Page) => p.locator('.pub-count-grid a').first().waitFor() },
      { path: `/organizations?q=${encodeURIComponent(fragment)}`, name: 'directory', ready: (p: Page) => p.locator('.pub-org').first().waitFor() },
      { path: `/organizations/${org.id}`, name: 'organization', ready: (p: Page) => p.locator('.pub-pin').waitFor() },
    ];
    const settled = (p: Page) => p.waitForFunction(() => !document.querySelector('main .spinner'));
    /** No sideways scrolling on a 390 px phone (checked in each language before the screenshots). */
    const fitsPhone = async (p: Page, name: string) => {
      await p.setViewportSize({ width: 390, height: 900 });
      await p.waitForTimeout(100);
      expect(await p.evaluate(() => document.documentElement.scrollWidth), `${name} at 390 px`).toBeLessThanOrEqual(390);
      await p.setViewportSize({ width: 1280, height: 900 });
    };
    for (const { path, name, ready } of pages) {
      await checkPage(hub, path, name, { ready: async (p) => (await ready(p), await settled(p), await fitsPhone(p, name)) });
    }
  });
});
