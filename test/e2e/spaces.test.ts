import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, expectAccessible, startHub, type Hub } from './harness.ts';

interface Room {
  id: string;
  name: string;
  capacity: number;
}

const OFFSET = 9 * 3_600_000;
const seoulToday = () => new Date(Date.now() + OFFSET).toISOString().slice(0, 10);
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
/** Monday of next week (Seoul): one "next week" click away on the room calendar. */
function nextMonday(): string {
  const today = seoulToday();
  const w = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  return addDays(today, 8 - w);
}

describe('room booking pages', { timeout: 180_000 }, () => {
  let hub: Hub;
  let room: Room;
  const monday = nextMonday();
  const tuesday = addDays(monday, 1);

  beforeAll(async () => {
    hub = await startHub();
    const res = await hub.app.inject({ method: 'GET', url: '/api/v1/spaces/rooms' });
    room = (res.json().items as Room[]).find((r) => r.name === '서로배움터 1')!;
    expect(room).toBeTruthy();
  }, 240_000);
  afterAll(() => hub?.close());

  it('a member books a room, staff approve it, and it shows on the room’s calendar', async () => {
    const member = await hub.signedIn('member');
    await member.goto('/');
    await member.locator('nav[aria-label="주 메뉴"]').getByRole('link', { name: '공간 예약' }).click();
    await member.getByRole('heading', { level: 1, name: '공간 예약' }).waitFor();
    await member.getByRole('link', { name: '서로배움터 1' }).click();
    await member.getByRole('heading', { level: 2, name: '예약 신청' }).waitFor();
    await member.getByLabel('날짜').fill(monday);
    await member.getByLabel('시작 시각').selectOption('14:00');
    await member.getByLabel('끝 시각').selectOption('16:00');
    await member.getByRole('textbox', { name: '사용 목적' }).fill('협동조합 설립 교육');
    await member.getByLabel('일정표에 사용 목적을 공개합니다').check();
    await member.getByLabel('예상 인원').fill('25');
    await member.getByRole('button', { name: '예약 신청하기' }).click();
    await member.getByText('1건의 예약을 신청했습니다').waitFor();
    // My bookings on /me, awaiting approval.
    await member.goto('/me');
    const mine = member.locator('table', { has: member.locator('caption', { hasText: '내 공간 예약' }) });
    await mine.locator('tbody tr', { hasText: '협동조합 설립 교육' }).getByText('승인 대기').waitFor();
    await member.context().close();

    expect(hub.mailer.outbox.some((m) => m.to === 'staff@demo.sehub.kr' && m.subject.includes(`서로배움터 1 ${monday} 14:00–16:00`))).toBe(true);

    const staff = await hub.signedIn('staff');
    await staff.goto('/staff');
    await staff.locator('nav[aria-label="센터 업무 메뉴"]').getByRole('link', { name: '공간 대관' }).click();
    const card = staff.locator('.spaces-queue li', { hasText: '협동조합 설립 교육' });
    await card.getByRole('button', { name: '승인' }).click();
    await card.waitFor({ state: 'detached' });
    await staff.context().close();
    expect(hub.mailer.last('member@demo.sehub.kr')?.subject).toContain('승인');

    const visitor = await (await hub.context()).newPage();
    await visitor.goto(`/spaces/${room.id}`);
    await visitor.getByRole('button', { name: '다음 주' }).click();
    const day = visitor.locator('.spaces-days > li', { hasText: '14:00–16:00' });
    await day.getByText('협동조합 설립 교육').waitFor();
    await expect(day.locator('.badge').textContent()).resolves.toBe('승인');
    await visitor.context().close();
  });

  it('asks a visitor for their contact details by field, explains server refusals and a taken slot', async () => {
    const page = await (await hub.context()).newPage();
    await page.goto(`/spaces/${room.id}`);
    await page.getByLabel('날짜').fill(tuesday);
    await page.getByRole('textbox', { name: '사용 목적' }).fill('동네 모임');
    await page.getByLabel('예상 인원').fill(String(room.capacity + 10));
    await page.getByRole('textbox', { name: '이름' }).fill('김시민');
    await page.getByLabel('이메일').fill('citizen@example.org');
    await page.getByRole('button', { name: '예약 신청하기' }).click();
    // The phone is missing: said under the field, which is marked invalid.
    const phone = page.getByLabel('전화번호');
    await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
    const phoneError = await phone.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${phoneError}"]`).textContent()).resolves.toContain('꼭 적어 주세요');
    // Too many people: the server's message under the attendees field.
    await phone.fill('010-1234-5678');
    await page.getByRole('button', { name: '예약 신청하기' }).click();
    const attendees = page.getByLabel('예상 인원');
    await page.locator('.field-error', { hasText: `서로배움터 1의 정원은 ${room.capacity}명입니다` }).waitFor();
    await expect(attendees.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'booking form with field errors');
    // Booked once; asking for an overlapping time then is refused, naming the slot.
    await attendees.fill('10');
    await page.getByLabel('시작 시각').selectOption('14:00');
    await page.getByLabel('끝 시각').selectOption('16:00');
    await page.getByRole('button', { name: '예약 신청하기' }).click();
    await page.getByText('1건의 예약을 신청했습니다').waitFor();
    await page.getByRole('textbox', { name: '사용 목적' }).fill('동네 모임 2부');
    await page.getByLabel('시작 시각').selectOption('15:00');
    await page.getByLabel('끝 시각').selectOption('17:00');
    await page.getByRole('button', { name: '예약 신청하기' }).click();
    await page.getByRole('alert').filter({ hasText: `서로배움터 1 ${tuesday} 15:00–17:00` }).waitFor();
    await expectAccessible(page, 'booking form with a conflict');
    await page.context().close();
  });

  it('the room pages, my bookings and the staff console are accessible in Korean and English', async () => {
    await checkPage(hub, '/spaces', 'spaces-rooms', { ready: (p) => p.locator('.spaces-rooms li').first().waitFor() });
    await checkPage(hub, `/spaces/${room.id}`, 'spaces-room', { ready: (p) => p.locator('.spaces-days').waitFor() });
    await checkPage(hub, '/me', 'spaces-mine', { who: 'member', ready: (p) => p.locator('.spaces-mine table').waitFor() });
    await checkPage(hub, '/staff/spaces', 'spaces-staff', { who: 'staff', ready: (p) => p.locator('table.spaces-usage').waitFor() });
  });
});
