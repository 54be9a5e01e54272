import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/kernel/png.ts';
import { checkPage, expectAccessible, startHub, type Hub } from './harness.ts';

describe('procurement catalogue pages', { timeout: 240_000 }, () => {
  let hub: Hub;
  let offeringId: string;

  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(() => hub?.close());

  it('a buyer searches by a two-syllable word and a category, opens an offering, and asks for suppliers of a need', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '공공구매 카탈로그' }).click();
    await page.getByRole('heading', { level: 1, name: '공공구매 카탈로그' }).waitFor();
    const box = page.getByRole('search', { name: '카탈로그 검색' }).getByLabel('찾을 상품·서비스');
    await box.fill('청소');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent('청소')}`);
    // The filters live in the address: wait for the tick (the router commits navigations as transitions).
    const cleaning = page.getByRole('group', { name: '분류' }).getByLabel(/^청소\/소독/);
    await cleaning.click();
    await expect.poll(() => cleaning.isChecked()).toBe(true);
    await expect.poll(() => page.url()).toContain('category=cleaning');
    const results = page.getByRole('list', { name: '찾은 상품·서비스' });
    const first = results.getByRole('link').first();
    await first.waitFor();
    const links = await results.getByRole('link').allTextContents();
    expect(links.length).toBeGreaterThan(0);
    for (const name of links) expect(name).toContain('청소');
    // The print link follows the chosen category.
    await expect(page.getByRole('link', { name: '‘청소/소독’ 카탈로그 인쇄(PDF)' }).getAttribute('href')).resolves.toBe('/api/v1/procurement/catalogue/print.pdf?category=cleaning');
    await expectAccessible(page, 'catalogue search (ko)');

    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    offeringId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: '공공기관 납품 실적' }).waitFor();
    await page.getByRole('link', { name: '조직 소개 보기' }).waitFor();
    await expectAccessible(page, 'offering page (ko)');

    // A need: training in 도봉구, in the buyer's words.
    await page.goto('/catalogue/match');
    await page.getByRole('heading', { level: 1, name: /공급 기업 찾기/ }).waitFor();
    await page.getByLabel('분류', { exact: true }).selectOption('education');
    await page.getByLabel('찾는 내용 (낱말)').fill('교육');
    await page.getByLabel('배송받을 자치구').selectOption('11320');
    await page.getByRole('button', { name: '공급 기업 찾기' }).click();
    const ranked = page.getByRole('list', { name: '알맞은 순서의 제안' });
    await ranked.getByRole('listitem').first().waitFor();
    await ranked.getByRole('listitem').first().getByText('같은 분류 (교육/상담)').waitFor();
    const scores = (await ranked.getByText(/^적합도 \d+점$/).allTextContents()).map((s) => Number(/\d+/.exec(s)![0]));
    expect(scores.length).toBeGreaterThan(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expectAccessible(page, 'matching (ko)');
    await page.context().close();
  });

  it('a member adds an offering from /me: field errors stand by their fields, then it is saved and found; an edit over someone else’s is refused as stale', async () => {
    const member = await hub.signedIn('member');
    await member.goto('/me');
    await member.getByRole('link', { name: '우리 조직 상품·서비스' }).click();
    await member.getByRole('heading', { level: 1, name: '우리 조직 상품·서비스' }).waitFor();
    await member.getByRole('link', { name: '상품·서비스 등록' }).click();
    await member.getByRole('heading', { level: 1, name: '상품·서비스 등록' }).waitFor();
    const form = member.locator('form.catalogue-form');
    await form.getByRole('button', { name: '저장' }).click();
    await member.getByText('입력한 내용을 확인해 주세요').waitFor();
    await form.getByText('상품·서비스 이름을 적어 주세요').waitFor();
    await expect.poll(() => form.getByLabel('상품·서비스 이름').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('분류', { exact: false }).first().selectOption('furniture');
    await form.getByLabel('상품·서비스 이름').fill('마을 원목 의자');
    await form.getByLabel('단위').fill('개');
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('가격(원)이나 가격 기준(견적, 시간당 등)을 적어 주세요').waitFor();
    await form.getByLabel('가격(원)').fill('90000');
    await form.getByRole('group', { name: '배송 지역' }).getByLabel('마포구').check();
    // A photo is uploaded as soon as it is chosen: a file that is not a picture is refused under the control,
    // a PNG appears with a description to write (required: saving without it is refused by the field).
    const upload = form.getByLabel('사진 올리기');
    await upload.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('의자 메모: 사진이 아님') });
    await form.getByText('사진 파일이 아닙니다 (JPEG, PNG, WebP, GIF)').waitFor();
    const png = encodePng(60, 40, (x, y) => [150 + x, 100 + y, 60]);
    await upload.setInputFiles({ name: 'chair.png', mimeType: 'image/png', buffer: png });
    const alt = form.getByLabel('사진 1 설명 (대체 텍스트)');
    await alt.waitFor();
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('사진 설명(대체 텍스트)을 적어 주세요').waitFor();
    await expect.poll(() => alt.getAttribute('aria-invalid')).toBe('true');
    await alt.fill('등받이가 둥근 원목 의자');
    await form.getByRole('button', { name: '저장' }).click();
    await member.getByRole('heading', { level: 1, name: '마을 원목 의자' }).waitFor();
    await member.getByText('90,000원 / 개').first().waitFor();
    // The photo shows: served by sehub, so the page's Content-Security-Policy lets it load.
    const photo = member.getByRole('img', { name: '등받이가 둥근 원목 의자' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(60);
    await expectAccessible(member, 'offering page of its member (ko)');

    // Someone else changes it while the member edits: saving the form read before is refused with the stale message.
    const id = new URL(member.url()).pathname.split('/').pop()!;
    await member.getByRole('link', { name: '고치기' }).click();
    await member.getByRole('heading', { level: 1, name: '상품·서비스 고치기' }).waitFor();
    const session = (await (await member.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const current = (await (await member.request.get(`/api/v1/procurement/catalogue/${id}`)).json()) as { version: number };
    const put = await member.request.put(`/api/v1/procurement/catalogue/${id}`, {
      data: { categoryCode: 'furniture', name: '마을 원목 의자 (다른 담당자)', unit: '개', priceWon: 95000, version: current.version },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(put.status()).toBe(200);
    const edit = member.locator('form.catalogue-form');
    await edit.getByLabel('가격(원)').fill('85000');
    await edit.getByRole('button', { name: '저장' }).click();
    await member.getByText('그 사이 다른 사람이 이 상품·서비스를 고쳤습니다').waitFor();
    await member.getByRole('button', { name: '새로 불러오기' }).click();
    await expect.poll(() => edit.getByLabel('상품·서비스 이름').inputValue()).toBe('마을 원목 의자 (다른 담당자)');
    await expect.poll(() => edit.getByLabel('가격(원)').inputValue()).toBe('95000');
    await member.goto(`/catalogue?q=${encodeURIComponent('원목의자')}`);
    await member.getByRole('list', { name: '찾은 상품·서비스' }).getByRole('link', { name: '마을 원목 의자' }).waitFor();
    await member.context().close();
  });

  it('the catalogue pages pass axe in Korean and English', async () => {
    await checkPage(hub, '/catalogue?category=furniture', 'catalogue-search', { ready: (p) => p.locator('.pub-org-list li').first().waitFor() });
    await checkPage(hub, `/catalogue/${offeringId}`, 'catalogue-offering', { ready: (p) => p.locator('.catalogue-detail').waitFor() });
    await checkPage(hub, `/catalogue/match?category=cleaning&q=${encodeURIComponent('청소')}`, 'catalogue-match', { ready: (p) => p.locator('.catalogue-suggestions li').first().waitFor() });
    await checkPage(hub, '/catalogue/new', 'catalogue-form', { who: 'member', ready: (p) => p.locator('form.catalogue-form').waitFor() });
    await checkPage(hub, '/staff/procurement/opportunities', 'catalogue-opportunities', { who: 'staff', ready: (p) => p.locator('.catalogue-opportunities').waitFor() });
  });
});
