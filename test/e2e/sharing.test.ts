import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/kernel/context.ts';
import { encodePng } from '../../src/kernel/png.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../../src/modules/identity/index.ts';
import { checkPage, expectAccessible, startHub, type Hub } from './harness.ts';

interface Resource {
  id: string;
  title: string;
  organization: { id: string; name: string };
}

describe('resource sharing pages', { timeout: 240_000 }, () => {
  let hub: Hub;
  let space: Resource;
  const ownerEmail = 'dobong-owner@test.sehub.kr';
  const password = 'correct horse battery';

  beforeAll(async () => {
    hub = await startHub();
    const ctx = systemContext('e2e');
    const identity = createIdentityService(hub.database.db, hub.mailer, DEFAULT_IDENTITY_CONFIG);
    const member = await hub.signedIn('member');
    const session = (await (await member.request.get('/api/v1/auth/session')).json()) as { memberships: { organizationId: string }[] };
    const mine = new Set(session.memberships.map((m) => m.organizationId));
    // A space in 도봉구 offered by an organisation the demo member does not belong to; its owner gets an account.
    const found = (await (await member.request.get('/api/v1/sharing/resources?category=space&district=11320&pageSize=50')).json()) as { items: Resource[] };
    space = found.items.find((r) => !mine.has(r.organization.id))!;
    expect(space).toBeDefined();
    await member.context().close();
    const owner = await identity.createUser(ctx, { email: ownerEmail, displayName: '도봉 공간 담당자', role: 'member', locale: 'ko', password });
    await identity.setMember(ctx, space.organization.id, { userId: owner.id, role: 'editor' });
  }, 300_000);
  afterAll(() => hub?.close());

  it('a member finds a space by district, requests it; the owner accepts it; the requester is notified', async () => {
    // The demo member (who manages a cooperative) searches for spaces in 도봉구.
    const requester = await hub.signedIn('member');
    await requester.goto('/');
    await requester.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자원 공유' }).click();
    await requester.getByRole('heading', { level: 1, name: '자원 공유' }).waitFor();
    // The filters live in the address: a box shows its tick once the router's navigation (a React
    // transition) has committed, which a busy machine may delay past Playwright's check().
    for (const box of [requester.getByRole('group', { name: '분류' }).getByLabel(/^공간/), requester.getByRole('group', { name: '자치구' }).getByLabel(/^도봉구/)]) {
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await expect.poll(() => requester.url()).toContain('district=11320');
    const results = requester.getByRole('list', { name: '찾은 자원' });
    await results.getByRole('link', { name: space.title }).first().waitFor();
    // The category facet counts 도봉's 9 surveyed spaces under the district filter.
    await expect.poll(() => requester.getByRole('status').filter({ hasText: '자원' }).textContent()).toContain('9');
    await expectAccessible(requester, 'sharing search (ko)');

    await requester.goto(`/sharing/resources/${space.id}`);
    await requester.getByRole('heading', { level: 1, name: space.title }).waitFor();
    const form = requester.getByRole('region', { name: '이 자원 요청하기' });
    // Neither dates nor a quantity: the field says so, in Korean.
    await form.getByRole('button', { name: '요청 보내기' }).click();
    await form.getByText('기간이나 수량을 적어 주세요').waitFor();
    await form.getByLabel('시작일').fill('2014-03-10');
    await form.getByLabel('종료일').fill('2014-03-11');
    await form.getByLabel('전할 말').fill('마을 총회 장소로 쓰고 싶습니다');
    await form.getByRole('button', { name: '요청 보내기' }).click();
    await form.getByText('요청을 보냈습니다').waitFor();
    await expectAccessible(requester, 'resource page after the request (ko)');

    // The owner's member signs in and accepts it from the inbox.
    const ownerContext = await hub.context();
    const owner = await ownerContext.newPage();
    expect((await owner.request.post('/api/v1/auth/login', { data: { email: ownerEmail, password } })).status()).toBe(200);
    await owner.goto('/');
    await owner.getByRole('link', { name: /알림 1/ }).waitFor();
    await owner.goto('/me/requests');
    const inbox = owner.getByRole('region', { name: '받은 요청' });
    const card = inbox.getByRole('listitem').filter({ hasText: space.title });
    await card.getByText('요청됨', { exact: true }).waitFor();
    await card.getByRole('button', { name: '수락', exact: true }).click();
    await card.getByRole('button', { name: '보내기: 수락' }).click();
    await card.getByText('수락됨', { exact: true }).waitFor();
    await expectAccessible(owner, 'my requests, owner inbox (ko)');
    await ownerContext.close();

    // The requester sees the notification in the header and on the list.
    await requester.goto('/');
    await requester.getByRole('link', { name: /알림 1/ }).click();
    await requester.getByRole('heading', { level: 1, name: '알림' }).waitFor();
    await requester.getByRole('link', { name: `'${space.title}' 요청이 수락되었습니다` }).waitFor();
    await expectAccessible(requester, 'notifications (ko)');
    await requester.goto('/me/requests');
    await requester.getByRole('region', { name: '보낸 요청' }).getByText('수락됨', { exact: true }).waitFor();
    await requester.context().close();

    // The owner was mailed when the request came in.
    expect(hub.mailer.outbox.some((m) => m.to === ownerEmail && m.subject.includes(space.title))).toBe(true);
  });

  it('the owner offers a resource: errors stand by their fields, then it is saved and found', async () => {
    const context = await hub.context();
    const owner = await context.newPage();
    expect((await owner.request.post('/api/v1/auth/login', { data: { email: ownerEmail, password } })).status()).toBe(200);
    await owner.goto('/me/requests');
    await owner.getByRole('link', { name: '자원 등록' }).click();
    await owner.getByRole('heading', { level: 1, name: '자원 등록' }).waitFor();
    const form = owner.locator('form.sharing-form');
    await form.getByLabel('분류').selectOption('equipment');
    await form.getByLabel('조건', { exact: true }).selectOption('fee');
    await form.getByRole('button', { name: '저장' }).click();
    await owner.getByText('고칠 곳이 있습니다').waitFor();
    await form.getByText('제목을 적어 주세요').waitFor();
    await expect.poll(() => form.getByLabel('제목').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('제목').fill('행사용 천막 3동');
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('금액(원)을 적어 주세요').waitFor();
    await form.getByLabel('금액 (원)').fill('20000');
    await form.getByLabel('이용 가능 기간 시작').fill('2014-04-01');
    await form.getByLabel('이용 가능 기간 끝').fill('2014-03-01');
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('끝나는 날이 시작하는 날보다 앞섭니다').waitFor();
    await form.getByLabel('이용 가능 기간 끝').fill('2014-10-31');
    // A photo is uploaded to sehub for the organisation; saved without its description, that field is named.
    await form.getByLabel('사진 올리기').setInputFiles({ name: 'tent.png', mimeType: 'image/png', buffer: encodePng(48, 32, (x, y) => [200, 120 + x, 60 + y]) });
    await form.getByLabel('사진 1 설명 (대체 텍스트)').waitFor();
    await form.getByRole('button', { name: '저장' }).click();
    await form.getByText('사진 설명(대체 텍스트)을 적어 주세요').waitFor();
    await form.getByLabel('사진 1 설명 (대체 텍스트)').fill('공원에 세운 흰 천막 세 동');
    await form.getByRole('button', { name: '저장' }).click();
    await owner.getByRole('heading', { level: 1, name: '행사용 천막 3동' }).waitFor();
    await owner.getByText('유료 · 20,000원').waitFor();
    // Served by sehub itself, the photo shows under the page's Content-Security-Policy.
    const photo = owner.getByRole('img', { name: '공원에 세운 흰 천막 세 동' });
    await expect.poll(() => photo.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth === 48)).toBe(true);
    await expectAccessible(owner, 'resource page of its owner (ko)');
    await owner.goto(`/sharing?q=${encodeURIComponent('ㅎㅅㅇㅊㅁ')}`);
    await owner.getByRole('list', { name: '찾은 자원' }).getByRole('link', { name: '행사용 천막 3동' }).waitFor();
    await context.close();
  });

  it('/me links to my resource-sharing requests and my notifications', async () => {
    const member = await hub.signedIn('member');
    await member.goto('/me');
    const shortcuts = member.getByRole('navigation', { name: '내 요청과 알림' });
    await shortcuts.getByRole('link', { name: '내 알림' }).waitFor();
    await expect(shortcuts.getByRole('link', { name: '내 알림' }).getAttribute('href')).resolves.toBe('/me/notifications');
    await shortcuts.getByRole('link', { name: /자원 공유 요청/ }).click();
    await member.getByRole('heading', { level: 1, name: '자원 요청' }).waitFor();
    expect(new URL(member.url()).pathname).toBe('/me/requests');
    await member.getByRole('region', { name: '보낸 요청' }).waitFor();
    await member.context().close();
  });

  it('the sharing pages pass axe in Korean and English', async () => {
    await checkPage(hub, '/sharing?category=space&district=11320', 'sharing-search', { ready: (p) => p.locator('.pub-org-list li').first().waitFor() });
    await checkPage(hub, `/sharing/resources/${space.id}`, 'sharing-resource', { who: 'member', ready: (p) => p.locator('form button[type=submit]').waitFor() });
    await checkPage(hub, '/me/requests', 'sharing-my-requests', { who: 'member', ready: (p) => p.locator('.sharing-request').first().waitFor() });
    await checkPage(hub, '/me/notifications', 'notifications', { who: 'member', ready: (p) => p.locator('.sharing-notes li').first().waitFor() });
  });
});
