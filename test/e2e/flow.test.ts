import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness.ts';

/**
 * The round trip the directory lives by, every step in the browser: the owner of an organisation
 * proposes an edit, it waits for the centre, staff approve it in the moderation queue, and the public
 * page shows the new details (with the change in its history).
 */
describe('an owner’s edit, approved by staff, seen by everyone', { timeout: 120_000 }, () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub();
  }, 180_000);
  afterAll(() => hub?.close());

  it('goes from the member’s form through the moderation queue to the public page', async () => {
    const products = '마을 부엌 도시락, 공유 냉장고 운영 (2026년 겨울)';

    // The owner proposes new products and services.
    const member = await hub.signedIn('member');
    await member.goto('/me');
    await member.getByRole('link', { name: /수정 제안하기/ }).click();
    await member.waitForURL('**/me/organizations/*/propose');
    const orgId = member.url().split('/')[5]!;
    const name = await member.getByLabel('단체 이름').inputValue();
    await member.getByLabel('제품·서비스').fill(products);
    await member.getByRole('button', { name: '미리 보기' }).click();
    await member.getByRole('button', { name: '센터에 보내기' }).click();
    await member.getByRole('status').filter({ hasText: '보냈습니다' }).waitFor();

    // Until staff decide, the public page is unchanged.
    const visitor = await (await hub.context()).newPage();
    await visitor.goto(`/organizations/${orgId}`);
    await visitor.getByRole('heading', { level: 1, name }).waitFor();
    expect(await visitor.locator('main').textContent()).not.toContain(products);

    // Staff see the proposal with its before → after and approve it.
    const staff = await hub.signedIn('staff');
    await staff.goto('/staff/moderation');
    const item = staff.locator('section[aria-labelledby="proposals"] .staff-item').filter({ has: staff.getByRole('link', { name }) });
    await item.first().waitFor();
    const row = item.locator('tr').filter({ has: staff.locator('th', { hasText: '제품·서비스' }) });
    await expect(row.locator('td').last().textContent()).resolves.toBe(products);
    await item.getByRole('button', { name: '승인' }).click();
    await staff.getByRole('status').filter({ hasText: `‘${name}’의 수정 제안을 승인해` }).waitFor();

    // Everyone now sees it, and the profile's history records the change.
    await visitor.reload();
    await visitor.getByRole('heading', { level: 1, name }).waitFor();
    await expect.poll(async () => visitor.locator('main').textContent()).toContain(products);
    const history = visitor.getByRole('region', { name: '정보 변경 이력' });
    await expect.poll(async () => history.textContent()).toContain('단체의 수정 제안 반영');
    expect(await history.textContent()).toContain(products);

    // The owner follows the proposal to its end.
    await member.goto('/me');
    await expect.poll(async () => member.locator('main').textContent()).toContain('반영됨');
    for (const p of [member, visitor, staff]) await p.context().close();
  });
});
