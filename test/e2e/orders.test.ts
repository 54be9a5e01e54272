import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/kernel/context.ts';
import { encodePng } from '../../src/kernel/png.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../../src/modules/identity/index.ts';
import { createOrdersService } from '../../src/modules/orders/index.ts';
import { DEMO_PASSWORD, expectAccessible, screenshots, startHub, type Hub } from './harness.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Bundle {
  id: string;
  code: string;
  name: string;
  price: number;
  minQuantity: number;
  intermediary: { id: string; name: string };
  suppliers: { id: string; name: string; amount: number }[];
}

/**
 * The Done-when for 맺음: a buyer officer orders a bundle of 3 suppliers; each supplier confirms
 * and delivers its own part (seeing no other); the intermediary invoices; the centre records payment;
 * the month's settlement per supplier adds up to the order total. axe on the shop, the order page and
 * the settlement, in Korean and English.
 */
describe('맺음 bundle orders', { timeout: 300_000 }, () => {
  let hub: Hub;
  let bundle: Bundle;
  const password = 'correct horse battery';
  const suppliers: { email: string; id: string; name: string; amount: number }[] = [];
  const brokerEmail = 'maeum-broker@test.sehub.kr';
  const quantity = 20;
  let orderId = '';
  let orderNumber = '';

  async function signIn(email: string, lang: 'ko' | 'en' = 'ko', pw = password): Promise<Page> {
    const context = await hub.context({ lang });
    const page = await context.newPage();
    const res = await page.request.post('/api/v1/auth/login', { data: { email, password: pw } });
    expect(res.status(), await res.text()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    hub = await startHub();
    const anon = await (await hub.context()).newPage();
    const list = (await (await anon.request.get('/api/v1/orders/bundles?kind=bundle&pageSize=100')).json()) as { items: Bundle[] };
    await anon.context().close();
    bundle = list.items.find((b) => b.suppliers.length === 3)!;
    expect(bundle).toBeDefined();
    const ctx = systemContext('e2e');
    const identity = createIdentityService(hub.database.db, hub.mailer, DEFAULT_IDENTITY_CONFIG);
    for (const [i, s] of bundle.suppliers.entries()) {
      const email = `maeum-supplier${i + 1}@test.sehub.kr`;
      const user = await identity.createUser(ctx, { email, displayName: `공급처 담당자 ${i + 1}`, role: 'member', locale: 'ko', password });
      await identity.setMember(ctx, s.id, { userId: user.id, role: 'editor' });
      suppliers.push({ email, ...s, amount: s.amount * quantity });
    }
    const broker = await identity.createUser(ctx, { email: brokerEmail, displayName: '중간관리 담당자', role: 'member', locale: 'ko', password });
    await identity.setMember(ctx, bundle.intermediary.id, { userId: broker.id, role: 'editor' });
  }, 300_000);
  afterAll(() => hub?.close());

  it('a buyer orders a bundle of 3 suppliers; each supplier confirms and delivers its own part; the intermediary invoices; staff records payment; settlement adds up', async () => {
    // ——— the buyer (an officer of 서울특별시) finds the bundle in the shop and orders it ———
    const buyer = await signIn('buyer@demo.sehub.kr', 'ko', DEMO_PASSWORD);
    await buyer.goto('/');
    await buyer.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '맺음 주문' }).click();
    await buyer.getByRole('heading', { level: 1, name: '맺음 꾸러미 상품' }).waitFor();
    await buyer.getByRole('link', { name: bundle.name }).waitFor();
    await expectAccessible(buyer, 'shop (ko)');
    await screenshots(buyer, 'orders-shop', 'ko');
    await buyer.getByRole('link', { name: bundle.name }).click();
    await buyer.getByRole('heading', { level: 1, name: bundle.name }).waitFor();
    const form = buyer.getByRole('region', { name: '주문하기' });
    await form.getByLabel('수량 (개)').fill(String(quantity));
    // A missing place is named in Korean next to its field (the server's field error).
    await form.getByLabel('받는 분').fill('김담당');
    await form.getByLabel('연락처').fill('02-2133-1234');
    await form.getByRole('button', { name: '주문하기' }).click();
    await form.getByText('배송 장소를 적어 주세요').waitFor();
    await form.getByLabel('배송 장소').fill('서울시청 본관 3층 대회의실');
    await form.getByRole('button', { name: '주문하기' }).click();
    await buyer.getByRole('heading', { level: 1, name: /^주문 맺음-\d{4}-\d{4}$/ }).waitFor();
    orderId = buyer.url().split('/orders/view/')[1]!.split('?')[0]!;
    orderNumber = (await buyer.getByRole('heading', { level: 1 }).textContent())!.replace('주문 ', '');
    await buyer.getByText('공급처 3곳에 나뉘어 전달되었습니다').waitFor();
    const total = bundle.price * quantity;
    expect(suppliers.reduce((s, x) => s + x.amount, 0)).toBe(total);
    await buyer.getByRole('row', { name: new RegExp(`주문 합계.*${total.toLocaleString('ko-KR')}원`) }).waitFor();
    expect(await buyer.locator('section.ord-sub').count()).toBe(3);
    await expectAccessible(buyer, 'order page (ko)');
    await screenshots(buyer, 'orders-order', 'ko');

    // ——— each supplier sees and advances only its own part ———
    for (const s of suppliers) {
      const page = await signIn(s.email);
      await page.goto(`/orders/view/${orderId}`);
      await page.getByRole('heading', { level: 1, name: `주문 ${orderNumber}` }).waitFor();
      await page.getByText('우리 공급처 부분만 보입니다').waitFor();
      const parts = page.locator('section.ord-sub');
      expect(await parts.count()).toBe(1);
      const body = (await page.locator('main').textContent())!;
      for (const other of suppliers.filter((x) => x !== s)) expect(body).not.toContain(other.name);
      expect(body).not.toContain('주문 합계');
      await parts.getByRole('button', { name: `주문 확인 (${s.name})` }).click();
      await parts.getByText('상태: 확인').waitFor();
      await parts.getByRole('button', { name: `납품 완료 기록 (${s.name})` }).click();
      await parts.getByText('상태: 납품 완료').waitFor();
      // The stepper says it in words, not colour alone.
      await parts.getByRole('list', { name: `${s.name} 진행 단계` }).getByText('(현재 단계)').waitFor();
      // Another supplier's part, asked for directly, is refused.
      const order = (await (await page.request.get(`/api/v1/orders/orders/${orderId}`)).json()) as { subOrders: { id: string }[]; total: number | null };
      expect(order.subOrders).toHaveLength(1);
      expect(order.total).toBeNull();
      await page.context().close();
    }
    const whole = (await (await buyer.request.get(`/api/v1/orders/orders/${orderId}`)).json()) as { subOrders: { id: string; supplier: { id: string } }[] };
    const supplierPage = await signIn(suppliers[0]!.email);
    const foreign = whole.subOrders.find((x) => x.supplier.id !== suppliers[0]!.id)!;
    expect((await supplierPage.request.get(`/api/v1/orders/sub-orders/${foreign.id}`)).status()).toBe(403);
    await supplierPage.context().close();

    // ——— the intermediary invoices each part ———
    const broker = await signIn(brokerEmail);
    await broker.goto(`/orders/view/${orderId}`);
    for (const [i, s] of suppliers.entries()) {
      const part = broker.locator(`section.ord-sub[data-supplier="${s.name}"]`);
      await part.getByLabel('청구서 번호').fill(`맺음-청구-${i + 1}`);
      await part.getByRole('button', { name: `청구서 발행 (${s.name})` }).click();
      await part.getByText('상태: 청구').waitFor();
    }
    await broker.context().close();

    // ——— the centre records payment; the month's settlement equals the order total ———
    const staff = await hub.signedIn('staff');
    await staff.goto('/staff/orders');
    await staff.getByRole('heading', { level: 1, name: '맺음 주문 관리' }).waitFor();
    const card = staff.locator('li.ord-order').filter({ has: staff.getByRole('link', { name: orderNumber }) });
    for (const s of suppliers) {
      const part = card.locator(`section.ord-sub[data-supplier="${s.name}"]`);
      await part.getByRole('button', { name: `결제 기록 (${s.name})` }).click();
      await part.getByText('상태: 결제 완료').waitFor();
    }
    const table = staff.getByRole('table', { name: /공급처별 정산/ });
    await table.waitFor();
    for (const s of suppliers) {
      await table.getByRole('row', { name: new RegExp(`^${escape(s.name)}\\s+1\\s+${s.amount.toLocaleString('ko-KR')}원`) }).waitFor();
    }
    await table.getByRole('row', { name: new RegExp(`^합계\\s+3\\s+${total.toLocaleString('ko-KR')}원.*0원$`) }).waitFor();
    await expectAccessible(staff, 'staff orders and settlement (ko)');
    await screenshots(staff, 'orders-settlement', 'ko');
    await staff.context().close();

    // Every part reached paid, as the buyer sees it.
    await buyer.goto(`/orders/view/${orderId}`);
    await buyer.getByRole('heading', { level: 1, name: `주문 ${orderNumber}` }).waitFor();
    for (const s of suppliers) await buyer.locator(`section.ord-sub[data-supplier="${s.name}"]`).getByText('상태: 결제 완료').waitFor();
    await buyer.context().close();
  });

  it('the shop, the order page and the settlement are accessible in English too; a visitor is told why they cannot order', async () => {
    const anon = await (await hub.context({ lang: 'en' })).newPage();
    await anon.goto('/orders');
    await anon.getByRole('heading', { level: 1, name: '맺음 bundles' }).waitFor();
    await anon.getByRole('link', { name: bundle.name }).waitFor();
    await expectAccessible(anon, 'shop (en)');
    await anon.goto(`/orders/bundles/${bundle.id}`);
    await anon.getByText('Sign in as an officer of a buying institution to order.').waitFor();
    await expectAccessible(anon, 'bundle page, signed out (en)');
    await anon.context().close();

    const member = await hub.signedIn('member', { lang: 'en' });
    await member.goto(`/orders/bundles/${bundle.id}`);
    await member.getByText('Only officers registered for a buying institution may order.', { exact: false }).waitFor();
    await member.context().close();

    const buyer = await signIn('buyer@demo.sehub.kr', 'en', DEMO_PASSWORD);
    await buyer.goto(`/orders/view/${orderId}`);
    await buyer.getByRole('heading', { level: 1, name: `Order ${orderNumber}` }).waitFor();
    await expectAccessible(buyer, 'order page (en)');
    await screenshots(buyer, 'orders-order', 'en');
    await buyer.context().close();

    const staff = await hub.signedIn('staff', { lang: 'en' });
    await staff.goto('/staff/orders');
    await staff.getByRole('table', { name: /Settlement per supplier/ }).waitFor();
    await expectAccessible(staff, 'staff orders and settlement (en)');
    await screenshots(staff, 'orders-settlement', 'en');
    await staff.context().close();
  });

  it('the intermediary edits its bundle in a form, adding a photo; a new bundle with blanks is refused field by field', async () => {
    const broker = await signIn(brokerEmail);
    await broker.goto(`/orders/bundles/${bundle.id}`);
    await broker.getByRole('heading', { level: 1, name: bundle.name }).waitFor();
    // Photos are served by sehub itself, so the page's Content-Security-Policy lets them show.
    const loaded = (page: Page) => page.locator('.ord-photos img').evaluateAll((imgs: HTMLImageElement[]) => imgs.map((i) => i.complete && i.naturalWidth > 0));
    await expect.poll(() => loaded(broker)).toEqual([true]);
    await broker.getByRole('link', { name: '상품 수정' }).click();
    await broker.getByRole('heading', { level: 1, name: `${bundle.name} 수정` }).waitFor();
    expect(await broker.locator('fieldset.ord-component').count()).toBe(3);
    await broker.getByLabel('상품 이름').fill(`${bundle.name} (2014)`);
    // The demo photo is there with its description; a second one is uploaded for the intermediary and described.
    await expect.poll(() => broker.getByLabel('사진 1 설명 (대체 텍스트)').inputValue()).toContain(bundle.name);
    await broker.getByLabel('사진 올리기').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: encodePng(48, 32, (x, y) => [90 + x, 140, 90 + y]) });
    await broker.getByLabel('사진 2 설명 (대체 텍스트)').fill('떡과 과일이 담긴 종이 상자');
    await expectAccessible(broker, 'bundle form (ko)');
    await broker.getByRole('button', { name: '저장' }).click();
    await broker.getByRole('heading', { level: 1, name: `${bundle.name} (2014)` }).waitFor();
    // The price is still the sum of the same components, and both photos show.
    await broker.getByText(`${bundle.price.toLocaleString('ko-KR')}원`).first().waitFor();
    await broker.getByRole('img', { name: '떡과 과일이 담긴 종이 상자' }).waitFor();
    await expect.poll(() => loaded(broker)).toEqual([true, true]);

    await broker.goto('/orders/bundles/new');
    await broker.getByRole('heading', { level: 1, name: '꾸러미 상품 등록' }).waitFor();
    await broker.getByRole('button', { name: '저장' }).click();
    await broker.getByText('고칠 칸이 있습니다').waitFor();
    await broker.getByText('코드는 영문·숫자·하이픈 2–30자입니다').waitFor();
    await broker.getByText('상품 이름을 적어 주세요').waitFor();
    await broker.context().close();
  });

  it('a buyer adds other products to the order on a bundle page, even one past the first 200 on sale: the total is the sum, the same product twice is refused next to it, and the order holds every line', async () => {
    const buyer = await signIn('buyer@demo.sehub.kr', 'ko', DEMO_PASSWORD);
    const firstPage = async () => (await (await buyer.request.get('/api/v1/orders/bundles?kind=all&status=active&pageSize=200')).json()) as { items: Bundle[]; total: number };
    const supplier = (await firstPage()).items.flatMap((b) => b.suppliers).find((s) => !bundle.suppliers.some((x) => x.id === s.id))!;
    expect(supplier).toBeDefined();
    // More products on sale than the API gives in one page (200): the form reads them all.
    const orders = createOrdersService({ db: hub.database.db });
    const ctx = systemContext('e2e');
    let other!: Bundle;
    for (let i = 1; i <= 200; i++) {
      const code = `E2E-${String(i).padStart(3, '0')}`;
      other = (await orders.createBundle(ctx, { code, name: `시험 단품 ${code}`, photos: [], status: 'active', leadTimeDays: 2, minQuantity: 1, components: [{ supplierId: supplier.id, name: `시험 단품 ${code}`, unit: '개', quantity: 1, unitPrice: 1000 + i }] })) as Bundle;
    }
    const page1 = await firstPage();
    expect(page1.total).toBeGreaterThan(200);
    expect(page1.items.map((b) => b.id)).not.toContain(other.id);
    await buyer.goto(`/orders/bundles/${bundle.id}`);
    await buyer.getByRole('heading', { level: 1, name: bundle.name }).waitFor();
    const form = buyer.getByRole('region', { name: '주문하기' });
    await form.getByLabel(/^수량 \(개\)/).fill('10');
    const sum = form.locator('p.ord-sum strong');
    await expect.poll(() => sum.textContent()).toBe(`${(bundle.price * 10).toLocaleString('ko-KR')}원`);

    // Another product, and then the same bundle again on a third line.
    await form.getByRole('button', { name: '상품 추가' }).click();
    await form.getByLabel('상품 2', { exact: true }).selectOption(other.id);
    await form.getByLabel('상품 2 수량 (개)').fill(String(other.minQuantity + 2));
    const expected = bundle.price * 10 + other.price * (other.minQuantity + 2);
    await expect.poll(() => sum.textContent()).toBe(`${expected.toLocaleString('ko-KR')}원`);
    await form.getByRole('button', { name: '상품 추가' }).click();
    await form.getByLabel('상품 3', { exact: true }).waitFor();
    await expectAccessible(buyer, 'order form with added products (ko)');
    await screenshots(buyer, 'orders-form-more', 'ko');
    await form.getByLabel('배송 장소').fill('서울시청 서소문청사 1층');
    await form.getByLabel('받는 분').fill('김담당');
    await form.getByLabel('연락처').fill('02-2133-1234');
    // A line added and left empty is pointed out before anything is sent.
    await form.getByRole('button', { name: '주문하기' }).click();
    await form.getByText('상품을 골라 주세요. 필요 없으면 이 줄을 빼 주세요.').waitFor();
    await form.getByLabel('상품 3', { exact: true }).selectOption(other.id);
    await form.getByRole('button', { name: '주문하기' }).click();
    await form.getByText('같은 상품이 두 줄에 있습니다. 수량을 합쳐 주세요').waitFor();
    expect(buyer.url()).toContain(`/orders/bundles/${bundle.id}`);

    // Without the repeated line the order goes in, with both products and the sum as its total.
    await form.getByRole('button', { name: '상품 3 빼기' }).click();
    await expect.poll(() => form.getByLabel('상품 3', { exact: true }).count()).toBe(0);
    await form.getByRole('button', { name: '주문하기' }).click();
    await buyer.getByRole('heading', { level: 1, name: /^주문 맺음-\d{4}-\d{4}$/ }).waitFor();
    const lines = buyer.locator('section[aria-labelledby="ord-lines"] tbody tr');
    await expect.poll(() => lines.count()).toBe(2);
    await buyer.getByRole('row', { name: new RegExp(`주문 합계.*${escape(expected.toLocaleString('ko-KR'))}원`) }).waitFor();
    expect(await buyer.locator('section.ord-sub').count()).toBe(bundle.suppliers.length + other.suppliers.length);
    await buyer.context().close();
  });
});
