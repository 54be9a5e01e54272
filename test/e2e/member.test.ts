import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, DEMO_PASSWORD, expectAccessible, screenshots, startHub, type Hub } from './harness.ts';

interface ProposalPage {
  items: { status: string; changes: Record<string, unknown> }[];
  total: number;
}

/** The text of the element(s) an input's aria-describedby points to. */
const describedText = (page: Page, name: string) =>
  page.evaluate((n) => {
    const input = document.querySelector(`[name="${n}"]`);
    return (input?.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | ');
  }, name);

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? null);

describe('sign-in and member pages', { timeout: 120_000 }, () => {
  let hub: Hub;
  let page: Page;
  let orgId: string;
  let orgName: string;
  const proposals = async () => (await (await page.request.get(`/api/v1/organizations/${orgId}/proposals`)).json()) as ProposalPage;

  beforeAll(async () => {
    hub = await startHub();
  }, 180_000);
  afterAll(() => hub?.close());

  it('signs the demo member in through the form: a wrong password is refused at the form, the right one lands on /me', async () => {
    page = await (await hub.context()).newPage();
    await page.goto('/me');
    const main = page.locator('main');
    await main.getByRole('link', { name: '로그인' }).click();
    await page.waitForURL('**/login?next=%2Fme');

    await page.getByLabel('이메일').fill('member@demo.sehub.kr');
    await page.getByLabel('비밀번호').fill('not-the-password');
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    const alert = main.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('이메일 또는 비밀번호가 맞지 않습니다');
    // The form names the alert as its description, so it is read with the form.
    expect(await page.locator('form').getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('비밀번호').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/me');

    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { memberships: { organizationId: string; role: string }[] };
    expect(session.memberships).toHaveLength(1);
    orgId = session.memberships[0]!.organizationId;
    orgName = ((await (await page.request.get(`/api/v1/organizations/${orgId}`)).json()) as { name: string }).name;
    const card = main.locator('.org-card');
    await card.getByRole('heading', { level: 3 }).getByRole('link', { name: orgName, exact: true }).waitFor();
    expect(await card.getByRole('link', { name: orgName, exact: true }).getAttribute('href')).toBe(`/organizations/${orgId}`);
    expect(await card.textContent()).toContain('대표 관리자');
    expect(await card.textContent()).toContain('아직 보낸 수정 제안이 없습니다');
  });

  it('proposes a new phone and products: the preview shows exactly those two, before and after; /me then shows it pending', async () => {
    await page.getByRole('link', { name: /수정 제안하기/ }).click();
    await page.waitForURL(`**/me/organizations/${orgId}/propose`);
    const phone = page.getByLabel('전화번호');
    const products = page.getByLabel('제품·서비스');
    await phone.waitFor();
    expect(await page.getByLabel('단체 이름').inputValue()).toBe(orgName);
    const oldPhone = await phone.inputValue();
    await phone.fill('02-2013-0413');
    await products.fill('마을 도시락, 협동조합 교육');
    await expectAccessible(page, 'propose form');
    await screenshots(page, 'propose', 'ko');

    await page.getByRole('button', { name: '미리 보기' }).click();
    const heading = page.getByRole('heading', { name: '미리 보기: 바뀌는 내용' });
    await heading.waitFor();
    expect(await focusedName(page)).toBe('preview-heading');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.locator('th').allTextContents()).toEqual(['전화번호', '제품·서비스']);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([oldPhone || '(비어 있음)', '→ 02-2013-0413']);
    expect((await rows.nth(1).locator('td').allTextContents())[1]).toBe('→ 마을 도시락, 협동조합 교육');
    await expectAccessible(page, 'propose preview');
    await screenshots(page, 'propose-preview', 'ko');

    await page.getByRole('button', { name: '센터에 보내기' }).click();
    const status = page.getByRole('status').filter({ hasText: '보냈습니다' });
    await status.waitFor();
    expect(await status.textContent()).toContain('센터 직원이 검토한 뒤 반영합니다');
    const sent = await proposals();
    expect(sent.total).toBe(1);
    expect(sent.items[0]!.status).toBe('pending');
    expect(sent.items[0]!.changes).toEqual({ phone: '02-2013-0413', products: '마을 도시락, 협동조합 교육' });

    await page.getByRole('link', { name: '내 단체에서 상태 보기' }).click();
    await page.waitForURL((u) => u.pathname === '/me');
    const item = page.locator('.proposal-list li');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    const text = await item.first().textContent();
    expect(text).toContain('대기 중');
    expect(text).toContain('전화번호, 제품·서비스');
  });

  it('sends an invalid e-mail: the API refuses it at the e-mail field, which gets the focus; nothing is proposed', async () => {
    await page.goto(`/me/organizations/${orgId}/propose`);
    const email = page.getByLabel('이메일');
    await email.waitFor();

    // Nothing changed: said so, and nothing to send.
    await page.getByRole('button', { name: '미리 보기' }).click();
    await page.getByText('바뀐 내용이 없어 보낼 것이 없습니다').waitFor();
    expect(await page.getByRole('button', { name: '센터에 보내기' }).count()).toBe(0);
    await page.getByRole('button', { name: '다시 고치기' }).click();

    await email.fill('not-an-email');
    await page.getByRole('button', { name: '미리 보기' }).click();
    await page.getByRole('button', { name: '센터에 보내기' }).click();
    await page.locator('[name="email"][aria-invalid="true"]').waitFor();
    expect(await focusedName(page)).toBe('email');
    const described = await describedText(page, 'email');
    expect(described).toContain('단체 대표 이메일'); // the hint
    expect(described.split(' | ')[1]?.length).toBeGreaterThan(3); // and the API's error
    expect(await page.locator('.field.has-error').count()).toBe(1);
    expect(await page.locator('.field.has-error input').getAttribute('name')).toBe('email');
    expect(await page.getByRole('alert').textContent()).toContain('고쳐야 할 항목이 있습니다');
    expect((await proposals()).total).toBe(1);

    // Someone else's organisation: no permission.
    const other = (await (await page.request.get('/api/v1/organizations?pageSize=2&sort=name')).json()) as { items: { id: string }[] };
    const otherId = other.items.find((o) => o.id !== orgId)!.id;
    await page.goto(`/me/organizations/${otherId}/propose`);
    await page.getByText('이 단체의 정보 수정을 제안할 권한이 없습니다').waitFor();
    expect(await page.getByRole('button', { name: '미리 보기' }).count()).toBe(0);
  });

  it('answers a reset request the same whether or not the address has an account; the mailed link sets a new password once', async () => {
    const reset = await (await hub.context()).newPage();
    const ask = async (address: string) => {
      await reset.goto('/password-reset');
      await reset.getByLabel('이메일').fill(address);
      await reset.getByRole('button', { name: '재설정 링크 받기' }).click();
      const status = reset.getByRole('status').filter({ hasText: '계정이 있다면' });
      await status.waitFor();
      return (await status.textContent())!.replace(address, '…');
    };
    const known = await ask('staff@demo.sehub.kr');
    expect(await ask('nobody@example.org')).toBe(known);

    const mail = hub.mailer.last('staff@demo.sehub.kr');
    const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const path = link!.slice(link!.indexOf('/reset-password'));
    await reset.goto(path);
    await reset.getByLabel('새 비밀번호', { exact: false }).first().fill('a-new-staff-password');
    await reset.getByLabel('새 비밀번호 확인').fill('something-else-entirely');
    await reset.getByRole('button', { name: '비밀번호 바꾸기' }).click();
    await reset.locator('[name="confirmPassword"][aria-invalid="true"]').waitFor();
    expect(await describedText(reset, 'confirmPassword')).toContain('두 비밀번호가 서로 다릅니다');
    expect(await focusedName(reset)).toBe('confirmPassword');

    await reset.getByLabel('새 비밀번호 확인').fill('a-new-staff-password');
    await reset.getByRole('button', { name: '비밀번호 바꾸기' }).click();
    await reset.getByRole('status').filter({ hasText: '비밀번호를 바꿨습니다' }).waitFor();
    expect(await reset.getByRole('link', { name: '새 비밀번호로 로그인' }).getAttribute('href')).toBe('/login');

    // The link works once.
    await reset.goto(path);
    await reset.getByLabel('새 비밀번호', { exact: false }).first().fill('another-password-1');
    await reset.getByLabel('새 비밀번호 확인').fill('another-password-1');
    await reset.getByRole('button', { name: '비밀번호 바꾸기' }).click();
    const refused = reset.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('재설정 링크가 올바르지 않거나 만료되었습니다');
    expect(await refused.getByRole('link', { name: '재설정 링크 다시 요청하기' }).getAttribute('href')).toBe('/password-reset');

    // The new password signs in, and a `next` leading off the site is ignored.
    await reset.getByRole('link', { name: '재설정 링크 다시 요청하기' }).click();
    expect(await reset.getByRole('link', { name: '로그인 화면으로' }).getAttribute('href')).toBe('/login');
    await reset.goto(`/login?next=${encodeURIComponent('//evil.example/')}`);
    await reset.getByLabel('이메일').fill('staff@demo.sehub.kr');
    await reset.getByLabel('비밀번호').fill('a-new-staff-password');
    await reset.getByRole('button', { name: '로그인', exact: true }).click();
    await reset.waitForURL((u) => u.pathname === '/me');
    expect(new URL(reset.url()).host).toBe(new URL(hub.url).host);
    await reset.context().close();
  });

  it('signs up: the password rule is checked at its field, then the new account lands on /me in the language it chose', async () => {
    const p = await (await hub.context({ lang: 'en' })).newPage();
    await p.goto('/register');
    await p.getByLabel('Name').fill('New person');
    await p.getByRole('textbox', { name: /^E-mail/ }).fill('new.person@example.org');
    await p.getByLabel('Password').fill('short');
    await p.getByRole('button', { name: 'Sign up' }).click();
    await p.locator('[name="password"][aria-invalid="true"]').waitFor();
    expect(await describedText(p, 'password')).toContain('at least 10 characters');
    expect(await focusedName(p)).toBe('password');
    await expectAccessible(p, 'register with an error (en)');

    await p.getByLabel('Password').fill('a-long-enough-password');
    await p.getByLabel('Language', { exact: true }).selectOption('ko');
    await p.getByRole('button', { name: 'Sign up' }).click();
    await p.waitForURL((u) => u.pathname === '/me');
    // No organisation yet: how to claim one, in the language chosen at sign-up.
    await p.getByText('아직 관리하는 단체가 없습니다').waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await p.locator('main').getByRole('link', { name: '기업·단체 찾기' }).getAttribute('href')).toBe('/organizations');
    await expectAccessible(p, '/me without organisations');
    await p.context().close();
  });

  it('looks right and passes axe in both languages: /login, and /me for the member', async () => {
    await checkPage(hub, '/login', 'login', { ready: (p) => p.locator('form input[name="password"]').waitFor() });
    await checkPage(hub, '/me', 'mine', { who: 'member', ready: (p) => p.locator('.proposal-list li').first().waitFor() });
  });
});
