import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/kernel/png.ts';
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

  it('staff add a room (its capacity and hours refused by field first), edit its capacity, and it is listed on /spaces', async () => {
    const staff = await hub.signedIn('staff');
    await staff.goto('/staff/spaces');
    const admin = staff.getByRole('region', { name: '공간 관리' });
    await admin.getByRole('heading', { level: 3, name: '서로배움터 1' }).waitFor();
    await admin.getByRole('button', { name: '공간 추가' }).click();
    const form = admin.getByRole('form', { name: '새 공간' });
    await form.getByLabel('공간 이름').fill('함께마루');
    await form.getByLabel('영어 이름').fill('Hamkke Hall');
    await form.getByLabel('소개').fill('마을 모임을 위한 온돌방');
    await form.getByLabel('정원 (명)').fill('0');
    await form.getByLabel('위치', { exact: true }).fill('3층 301호');
    await form.getByLabel('비품', { exact: true }).fill('빔프로젝터\n\n좌식 탁자');
    await form.getByLabel('토요일 운영').check();
    await form.getByLabel('토요일 닫는 시각').selectOption('08:00');
    await form.getByLabel('일요일 운영').check();
    await form.getByLabel('일요일 운영').uncheck();
    await form.getByLabel('이용 수칙').fill('신발은 벗고 들어옵니다.');
    await form.getByLabel('예약할 수 있는 사람').selectOption('members');
    // The photo is uploaded to sehub as the centre's own and described for people who cannot see it.
    await form.getByLabel('사진 올리기').setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: encodePng(60, 40, (x, y) => [240, 200 + y, 150 + x]) });
    await form.getByLabel('사진 1 설명 (대체 텍스트)').fill('창이 넓은 온돌방, 좌식 탁자 6개');
    await form.getByRole('button', { name: '저장' }).click();
    // Refused by the API: each reason under its field, the fields marked invalid, nothing saved.
    const capacity = form.getByLabel('정원 (명)');
    await expect.poll(() => capacity.getAttribute('aria-invalid')).toBe('true');
    await expect(staff.locator(`[id="${await capacity.getAttribute('aria-describedby')}"]`).textContent()).resolves.toContain('1 이상');
    const saturday = form.getByLabel('토요일 닫는 시각');
    await expect(saturday.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(staff.locator(`[id="${await saturday.getAttribute('aria-describedby')}"]`).textContent()).resolves.toContain('닫는 시각은 여는 시각보다 늦어야 합니다');
    await form.getByText('입력값을 확인해 주세요').waitFor();
    await expectAccessible(staff, 'add-room form with field errors');
    const before = (await hub.app.inject({ method: 'GET', url: '/api/v1/spaces/rooms' })).json().items as Room[];
    expect(before.some((r) => r.name === '함께마루')).toBe(false);

    await capacity.fill('12');
    await saturday.selectOption('13:00');
    await form.getByRole('button', { name: '저장' }).click();
    await admin.getByRole('status').getByText('‘함께마루’ 공간을 추가했습니다.').waitFor();
    const added = ((await hub.app.inject({ method: 'GET', url: '/api/v1/spaces/rooms' })).json().items as (Room & Record<string, unknown>)[]).find((r) => r.name === '함께마루')!;
    expect(added).toMatchObject({
      nameEn: 'Hamkke Hall',
      description: '마을 모임을 위한 온돌방',
      capacity: 12,
      floor: '3층 301호',
      equipment: ['빔프로젝터', '좌식 탁자'],
      openingHours: { '1': ['09:00', '18:00'], '2': ['09:00', '18:00'], '3': ['09:00', '18:00'], '4': ['09:00', '18:00'], '5': ['09:00', '18:00'], '6': ['09:00', '13:00'] },
      rules: '신발은 벗고 들어옵니다.',
      bookableBy: 'members',
      photos: [{ url: expect.stringMatching(/^\/api\/v1\/procurement\/photos\/[0-9a-f-]{36}$/), alt: '창이 넓은 온돌방, 좌식 탁자 6개' }],
      active: true,
    });
    expect(added.openingHours).not.toHaveProperty('7');

    // Edit its capacity.
    const card = admin.getByRole('listitem').filter({ has: staff.getByRole('heading', { level: 3, name: '함께마루' }) });
    await card.getByRole('button', { name: '고치기 함께마루' }).click();
    const edit = card.getByRole('form', { name: '함께마루 고치기' });
    await expect(edit.getByLabel('정원 (명)').inputValue()).resolves.toBe('12');
    await expect(edit.getByLabel('비품', { exact: true }).inputValue()).resolves.toBe('빔프로젝터\n좌식 탁자');
    await edit.getByLabel('정원 (명)').fill('24');
    await edit.getByRole('button', { name: '저장' }).click();
    await admin.getByRole('status').getByText('‘함께마루’ 공간을 저장했습니다.').waitFor();
    await card.getByText('정원 24명').waitFor();
    await staff.context().close();

    const visitor = await (await hub.context()).newPage();
    await visitor.goto('/spaces');
    const listed = visitor.locator('.spaces-rooms > li', { has: visitor.getByRole('heading', { level: 2, name: '함께마루' }) });
    await listed.locator('.spaces-facts div', { has: visitor.locator('dt', { hasText: '정원' }) }).locator('dd', { hasText: /^24명$/ }).waitFor();
    await listed.getByText('회원 전용').waitFor();
    // The room's page shows its photo (served by sehub, so the Content-Security-Policy lets it show).
    await visitor.goto(`/spaces/${added.id}`);
    const photo = visitor.getByRole('img', { name: '창이 넓은 온돌방, 좌식 탁자 6개' });
    await expect.poll(() => photo.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth === 60)).toBe(true);
    await visitor.context().close();
  });

  it('the rooms admin, with an edit form showing a field error, passes axe in Korean and English', async () => {
    await checkPage(hub, '/staff/spaces', 'spaces-rooms-admin', {
      who: 'staff',
      ready: async (p) => {
        const room = p.locator('.spaces-admin-rooms > li').first();
        await room.locator('.spaces-admin-edit').click();
        const form = room.locator('form.spaces-room-form');
        await form.locator('input[name="capacity"]').fill('0');
        await form.locator('button[type="submit"]').click();
        await form.locator('.field-error').first().waitFor();
        await p.locator('table.spaces-usage').waitFor();
      },
    });
  });

  it('the room pages, my bookings and the staff console are accessible in Korean and English', async () => {
    await checkPage(hub, '/spaces', 'spaces-rooms', { ready: (p) => p.locator('.spaces-rooms li').first().waitFor() });
    await checkPage(hub, `/spaces/${room.id}`, 'spaces-room', { ready: (p) => p.locator('.spaces-days').waitFor() });
    await checkPage(hub, '/me', 'spaces-mine', { who: 'member', ready: (p) => p.locator('.spaces-mine table').waitFor() });
    await checkPage(hub, '/staff/spaces', 'spaces-staff', { who: 'staff', ready: (p) => p.locator('table.spaces-usage').waitFor() });
  });
});
