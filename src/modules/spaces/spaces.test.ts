import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/engine.ts';
import { systemContext, type RequestContext } from '../../kernel/context.ts';
import { createTestApp, describeEngines, expectProblem, expectRefused, uploadPhoto, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { createSpacesService } from './service.ts';
import { addDays, isoWeekday, seoulToday } from './time.ts';

type Signed = TestClient & { user: { id: string; email: string; password: string } };

/** The first Monday at least `weeksAhead` weeks from today (Seoul). */
function futureMonday(weeksAhead: number): string {
  let d = addDays(seoulToday(), weeksAhead * 7);
  while (isoWeekday(d) !== 1) d = addDays(d, 1);
  return d;
}

const HOURS = { '1': ['09:00', '22:00'], '2': ['09:00', '22:00'], '3': ['09:00', '22:00'], '4': ['09:00', '22:00'], '5': ['09:00', '22:00'], '6': ['10:00', '18:00'] };

const roomBody = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: '세미나실',
  capacity: 30,
  equipment: ['빔프로젝터'],
  floor: '2층',
  openingHours: HOURS,
  rules: '다과만 가능',
  bookableBy: 'public',
  ...extra,
});

describeEngines('spaces', (engine) => {
  let t: TestApp;
  let staff: Signed;
  let admin: Signed;
  let memberA: Signed; // member of orgA
  let memberA2: Signed; // another member of orgA
  let memberB: Signed; // member of orgB
  let orgA: { id: string };
  let orgB: { id: string };
  let roomId: string;
  let membersRoomId: string;
  const monday = futureMonday(3);

  async function signedInMemberOf(orgId: string): Promise<Signed> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = Object.assign(t.client(), { user });
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return c;
  }
  type Notice = { kind: string; title: { ko: string; en: string }; link: string | null; readAt: string | null };
  const notices = async (c: TestClient) => (await c.get('/api/v1/notifications')).json() as { items: Notice[]; unread: number; total: number };
  /** "12월 8일" for 2025-12-08, as notices name a day. */
  const koDay = (date: string) => `${Number(date.slice(5, 7))}월 ${Number(date.slice(8, 10))}일`;
  const countBookings = async () => (await staff.get('/api/v1/spaces/bookings?limit=500')).json().items.length as number;
  const book = (c: TestClient, body: Record<string, unknown>, room = roomId) => c.post(`/api/v1/spaces/rooms/${room}/bookings`, { purpose: '협동조합 교육', expectedAttendees: 10, ...body });

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    admin = await t.signedIn('admin');
    orgA = await t.createOrganization('가온 협동조합');
    orgB = await t.createOrganization('나래 사회적협동조합');
    memberA = await signedInMemberOf(orgA.id);
    memberA2 = await signedInMemberOf(orgA.id);
    memberB = await signedInMemberOf(orgB.id);
  });
  afterAll(() => t.close());

  it('lets staff add rooms, refuses bad rooms by field and refuses everyone else', async () => {
    const res = await staff.post('/api/v1/spaces/rooms', roomBody('서로배움터 1'));
    expect(res.statusCode, res.body).toBe(201);
    roomId = res.json().id;
    expect(res.json()).toMatchObject({ name: '서로배움터 1', capacity: 30, bookableBy: 'public', openingHours: { '1': ['09:00', '22:00'] }, active: true, isDemo: false });
    membersRoomId = (await staff.post('/api/v1/spaces/rooms', roomBody('서로배움터 3', { bookableBy: 'members' }))).json().id;

    const bad = expectProblem(await staff.post('/api/v1/spaces/rooms', roomBody('', { capacity: 0, openingHours: { '1': ['18:00', '09:00'] } })), 400, 'validation');
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['capacity', 'name', 'openingHours.1']);
    expect(expectProblem(await staff.post('/api/v1/spaces/rooms', roomBody('서로배움터 1')), 400, 'validation').errors![0]!.path).toBe('name');

    const rooms = async () => (await t.client().get('/api/v1/spaces/rooms')).json();
    await expectRefused(t, { method: 'POST', url: '/api/v1/spaces/rooms', body: roomBody('몰래 만든 방') }, { wrongRole: memberA, anonymous: t.client() }, rooms);
    expect((await rooms()).items.map((r: { name: string }) => r.name)).toEqual(['서로배움터 1', '서로배움터 3']);
  });

  it('shows a room\'s photos, the centre\'s own uploads; a link, an unknown upload or an organisation\'s is refused by field, changing nothing', async () => {
    const centre = await uploadPhoto(staff);
    const photos = [{ url: centre, alt: '창가에 긴 책상이 놓인 세미나실' }];
    const saved = await staff.put(`/api/v1/spaces/rooms/${roomId}`, roomBody('서로배움터 1', { photos }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().photos).toEqual(photos);
    expect((await t.client().get(`/api/v1/spaces/rooms/${roomId}`)).json().photos).toEqual(photos);
    expect((await t.client().get(centre)).statusCode).toBe(200);

    const before = await t.auditCount();
    const members = await uploadPhoto(memberA, orgA.id);
    for (const [url, ko] of [
      [members, '다른 조직이 올린 사진은 쓸 수 없습니다'],
      ['https://example.kr/room.jpg', '사진을 먼저 올린 뒤 그 주소를 적어 주세요'],
      ['/api/v1/procurement/photos/00000000-0000-4000-8000-000000000000', '올린 사진을 찾을 수 없습니다. 사진을 다시 올려 주세요'],
    ] as const) {
      const body = roomBody('서로배움터 1', { photos: [{ url, alt: '사진' }] });
      const edit = expectProblem(await staff.put(`/api/v1/spaces/rooms/${roomId}`, body), 400, 'validation');
      expect(edit.errors!.find((e) => e.path === 'photos.0.url')!.messages.ko).toBe(ko);
      const created = expectProblem(await staff.post('/api/v1/spaces/rooms', { ...body, name: '사진 방' }), 400, 'validation');
      expect(created.errors!.map((e) => e.path)).toEqual(['photos.0.url']);
    }
    const noAlt = expectProblem(await staff.put(`/api/v1/spaces/rooms/${roomId}`, roomBody('서로배움터 1', { photos: [{ url: centre, alt: ' ' }] })), 400, 'validation');
    expect(noAlt.errors!.map((e) => e.path)).toEqual(['photos.0.alt']);
    // One upload (the member's) was audited; the refused saves wrote nothing.
    expect(await t.auditCount()).toBe(before + 1);
    expect((await t.client().get(`/api/v1/spaces/rooms/${roomId}`)).json().photos).toEqual(photos);
    expect((await t.client().get('/api/v1/spaces/rooms')).json().items.map((r: { name: string }) => r.name)).not.toContain('사진 방');
  });

  it('takes a member’s request for their organisation, tells staff, and holds the slot on the public calendar', async () => {
    t.mailer.outbox.length = 0;
    const res = await book(memberA, { date: monday, start: '10:00', end: '12:00', organizationId: orgA.id, purpose: '조합원 총회', purposePublic: true });
    expect(res.statusCode, res.body).toBe(201);
    const [b] = res.json().items;
    expect(b).toMatchObject({ status: 'requested', date: monday, start: '10:00', end: '12:00', organizationId: orgA.id, requesterUserId: memberA.user.id, contactEmail: memberA.user.email });
    expect(t.mailer.last(staff.user.email)?.subject).toContain(`서로배움터 1 ${monday} 10:00–12:00`);
    // Staff also find it among their notifications, pointing at the approval queue.
    expect((await notices(staff)).items[0]).toMatchObject({
      kind: 'space.booking.requested',
      title: { ko: `서로배움터 1 예약 신청(${koDay(monday)} 10:00)이 들어왔습니다` },
      link: '/staff/spaces',
      readAt: null,
    });

    const cal = await t.client().get(`/api/v1/spaces/rooms/${roomId}/calendar?from=${monday}&to=${addDays(monday, 6)}`);
    expect(cal.json().items).toEqual([{ id: b.id, date: monday, start: '10:00', end: '12:00', status: 'requested', title: '조합원 총회' }]);

    // A member books only for their own organisation.
    const before = await countBookings();
    expectProblem(await book(memberB, { date: monday, start: '13:00', end: '14:00', organizationId: orgA.id }), 403, 'forbidden');
    expect(await countBookings()).toBe(before);
  });

  it('refuses a booking outside the rules, by field, and books nothing', async () => {
    const before = await countBookings();
    const cases: [Record<string, unknown>, string][] = [
      [{ date: monday, start: '10:15', end: '12:00' }, 'start'],
      [{ date: monday, start: '07:00', end: '09:00' }, 'start'],
      [{ date: addDays(monday, 6), start: '10:00', end: '12:00' }, 'date'], // Sunday: closed
      [{ date: monday, start: '14:00', end: '13:00' }, 'end'],
      [{ date: monday, start: '14:00', end: '15:00', expectedAttendees: 31 }, 'expectedAttendees'],
      [{ date: addDays(seoulToday(), -1), start: '14:00', end: '15:00' }, 'date'],
      [{ date: '2025-02-30', start: '14:00', end: '15:00' }, 'date'],
      [{ date: monday, start: '14:00', end: '15:00', repeatWeeklyUntil: addDays(monday, 7 * 30) }, 'repeatWeeklyUntil'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await book(memberA, body), 400, 'validation');
      expect(p.errors!.map((e) => e.path), JSON.stringify(body)).toContain(field);
    }
    expect(await countBookings()).toBe(before);
  });

  it('asks visitors who they are, keeps members-only rooms for members, and books for a visitor who says', async () => {
    const visitor = t.client();
    const before = await countBookings();
    const p = expectProblem(await book(visitor, { date: monday, start: '14:00', end: '16:00' }), 400, 'validation');
    expect(p.errors!.map((e) => e.path).sort()).toEqual(['contactEmail', 'contactName', 'contactPhone']);
    expect(p.errors![0]!.messages.ko).toMatch(/[가-힣]/);
    expectProblem(await book(visitor, { date: monday, start: '14:00', end: '16:00', contactName: '김시민', contactEmail: 'citizen@example.org', contactPhone: '010-1234-5678' }, membersRoomId), 401, 'unauthenticated');
    expect(await countBookings()).toBe(before);
    const ok = await book(visitor, { date: monday, start: '14:00', end: '16:00', contactName: '김시민', contactEmail: 'citizen@example.org', contactPhone: '010-1234-5678' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items[0]).toMatchObject({ requesterUserId: null, contactName: '김시민', contactPhone: '010-1234-5678' });
  });

  it('never books a held slot twice: 409 naming it; a rejected request frees it', async () => {
    const p = expectProblem(await book(memberB, { date: monday, start: '11:00', end: '13:00' }), 409, 'conflict');
    expect(p.messages.ko).toContain(`서로배움터 1 ${monday} 11:00–13:00`);
    expect(p.messages.en).toContain(`${monday} 11:00–13:00`);
    // Touching ends are fine: 12:00–13:00 after 10:00–12:00.
    const touching = await book(memberB, { date: monday, start: '12:00', end: '13:00' });
    expect(touching.statusCode, touching.body).toBe(201);
    const id = touching.json().items[0].id;
    expectProblem(await staff.post(`/api/v1/spaces/bookings/${id}/decision`, { approve: false }), 400, 'validation');
    t.mailer.outbox.length = 0;
    const rejected = await staff.post(`/api/v1/spaces/bookings/${id}/decision`, { approve: false, reason: '행사 준비로 사용 불가' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '행사 준비로 사용 불가' });
    expect(t.mailer.last(memberB.user.email)?.text).toContain('행사 준비로 사용 불가');
    expectProblem(await staff.post(`/api/v1/spaces/bookings/${id}/decision`, { approve: true }), 409, 'conflict');
    expect((await book(memberA2, { date: monday, start: '12:00', end: '13:00' })).statusCode).toBe(201);
  });

  it('books a weekly series all or nothing, naming the conflicting date', async () => {
    const first = addDays(monday, 7);
    // Someone holds the third Monday at 19:00.
    expect((await book(memberB, { date: addDays(first, 14), start: '19:30', end: '20:30' })).statusCode).toBe(201);
    const before = await countBookings();
    const p = expectProblem(await book(memberA, { date: first, start: '19:00', end: '21:00', repeatWeeklyUntil: addDays(first, 28) }), 409, 'conflict');
    expect(p.messages.ko).toContain(addDays(first, 14));
    expect(p.errors![0]!.messages.en).toContain(addDays(first, 14));
    expect(await countBookings()).toBe(before);
    const ok = await book(memberA, { date: first, start: '17:00', end: '19:00', repeatWeeklyUntil: addDays(first, 28) });
    expect(ok.statusCode, ok.body).toBe(201);
    const items = ok.json().items as { date: string; seriesId: string }[];
    expect(items.map((b) => b.date)).toEqual([0, 7, 14, 21, 28].map((d) => addDays(first, d)));
    expect(new Set(items.map((b) => b.seriesId)).size).toBe(1);
    // One notice to staff for the whole series, not five.
    const staffNotices = (await notices(staff)).items.filter((n) => n.kind === 'space.booking.requested' && n.title.ko.includes(koDay(first)));
    expect(staffNotices.map((n) => n.title.ko)).toEqual([`서로배움터 1 예약 신청(${koDay(first)} 17:00 외 4회)이 들어왔습니다`]);
  });

  it('tells a signed-in requester in the app when staff approve, reject or cancel their booking, and no one else', async () => {
    const requester = await signedInMemberOf(orgA.id);
    const colleague = await signedInMemberOf(orgA.id);
    const saturday = addDays(monday, 5);
    const ask = async (start: string, end: string) => {
      const res = await book(requester, { date: saturday, start, end, organizationId: orgA.id });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().items[0].id as string;
    };
    const first = await ask('10:00', '11:00');
    const second = await ask('11:00', '12:00');
    expect(await notices(requester)).toMatchObject({ items: [], unread: 0 });

    expect((await staff.post(`/api/v1/spaces/bookings/${first}/decision`, { approve: true })).statusCode).toBe(200);
    const afterApproval = await notices(requester);
    expect(afterApproval.unread).toBe(1);
    expect(afterApproval.items).toEqual([
      expect.objectContaining({
        kind: 'space.booking.approved',
        title: { ko: `서로배움터 1 예약(${koDay(saturday)} 10:00)이 승인되었습니다`, en: expect.stringContaining('서로배움터 1') },
        link: `/spaces/${roomId}`,
        readAt: null,
      }),
    ]);
    // A decision refused as already made tells nobody anything.
    expectProblem(await staff.post(`/api/v1/spaces/bookings/${first}/decision`, { approve: false, reason: '다시' }), 409, 'conflict');
    expect((await notices(requester)).total).toBe(1);

    expect((await staff.post(`/api/v1/spaces/bookings/${second}/decision`, { approve: false, reason: '시설 점검' })).statusCode).toBe(200);
    const afterRejection = await notices(requester);
    expect(afterRejection.unread).toBe(2);
    expect(afterRejection.items[0]).toMatchObject({
      kind: 'space.booking.rejected',
      title: { ko: `서로배움터 1 예약(${koDay(saturday)} 11:00)이 거절되었습니다` },
      link: `/spaces/${roomId}`,
      readAt: null,
    });

    expect((await staff.post(`/api/v1/spaces/bookings/${first}/cancel`)).statusCode).toBe(200);
    const afterCancel = await notices(requester);
    expect(afterCancel.unread).toBe(3);
    expect(afterCancel.items[0]).toMatchObject({ kind: 'space.booking.cancelled', title: { ko: `서로배움터 1 예약(${koDay(saturday)} 10:00)이 취소되었습니다` }, link: `/spaces/${roomId}` });

    // The colleague of the same organisation (who may see these bookings) is told nothing.
    expect(await notices(colleague)).toMatchObject({ items: [], unread: 0, total: 0 });
    // The requester cancelling their own booking is not told of it.
    const third = await ask('13:00', '14:00');
    expect((await requester.post(`/api/v1/spaces/bookings/${third}/cancel`)).statusCode).toBe(200);
    expect((await notices(requester)).total).toBe(3);
  });

  it('shows and cancels a booking only for its requester, their organisation and staff; approval mails the requester', async () => {
    const res = await book(memberA, { date: addDays(monday, 1), start: '10:00', end: '12:00', organizationId: orgA.id });
    const id = res.json().items[0].id;
    const state = async () => (await staff.get(`/api/v1/spaces/bookings/${id}`)).json();
    await expectRefused(t, { method: 'POST', url: `/api/v1/spaces/bookings/${id}/cancel` }, { wrongOrganization: memberB, anonymous: t.client() }, state);
    await expectRefused(t, { method: 'GET', url: `/api/v1/spaces/bookings/${id}` }, { wrongOrganization: memberB, anonymous: t.client() }, state);
    await expectRefused(t, { method: 'POST', url: `/api/v1/spaces/bookings/${id}/decision`, body: { approve: true } }, { wrongRole: memberA, anonymous: t.client() }, state);
    expect((await memberA2.get(`/api/v1/spaces/bookings/${id}`)).statusCode).toBe(200);
    const mine = (await memberA2.get('/api/v1/spaces/bookings/mine')).json().items.map((b: { id: string }) => b.id);
    expect(mine).toContain(id);
    expect((await memberB.get('/api/v1/spaces/bookings/mine')).json().items.map((b: { id: string }) => b.id)).not.toContain(id);

    t.mailer.outbox.length = 0;
    const approved = await staff.post(`/api/v1/spaces/bookings/${id}/decision`, { approve: true });
    expect(approved.json().status).toBe('approved');
    expect(t.mailer.last(memberA.user.email)?.subject).toContain('승인');

    const audits = async () => (await admin.get(`/api/v1/audit?entityType=space_booking&entityId=${id}`)).json().items.map((a: { action: string }) => a.action);
    const cancelled = await memberA.post(`/api/v1/spaces/bookings/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expectProblem(await memberA.post(`/api/v1/spaces/bookings/${id}/cancel`), 409, 'conflict');
    expect((await audits()).sort()).toEqual(['space_booking.approve', 'space_booking.cancel', 'space_booking.request']);
    // The slot is free again.
    expect((await book(memberB, { date: addDays(monday, 1), start: '10:00', end: '12:00' })).statusCode).toBe(201);
  });

  it('lets staff record attendance once a booking has begun; then it is completed', async () => {
    const past = addDays(seoulToday(), -14);
    const pastMonday = (() => {
      let d = past;
      while (isoWeekday(d) !== 1) d = addDays(d, -1);
      return d;
    })();
    const res = await book(staff, { date: pastMonday, start: '10:00', end: '12:00', expectedAttendees: 20 });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().items[0].id;
    expectProblem(await staff.put(`/api/v1/spaces/bookings/${id}/attendance`, { actualAttendees: 18 }), 409, 'conflict');
    await staff.post(`/api/v1/spaces/bookings/${id}/decision`, { approve: true });
    await expectRefused(t, { method: 'PUT', url: `/api/v1/spaces/bookings/${id}/attendance`, body: { actualAttendees: 18 } }, { wrongRole: memberA });
    const done = await staff.put(`/api/v1/spaces/bookings/${id}/attendance`, { actualAttendees: 18 });
    expect(done.json()).toMatchObject({ status: 'completed', actualAttendees: 18, expectedAttendees: 20 });
    const future = (await book(memberA, { date: addDays(monday, 2), start: '10:00', end: '11:00' })).json().items[0].id;
    await staff.post(`/api/v1/spaces/bookings/${future}/decision`, { approve: true });
    expectProblem(await staff.put(`/api/v1/spaces/bookings/${future}/attendance`, { actualAttendees: 3 }), 400, 'validation');
  });

  it('publishes approved bookings as iCalendar that an independent parser reads', async () => {
    const room = (await staff.post('/api/v1/spaces/rooms', roomBody('스페이스류', { capacity: 80 }))).json();
    const day = addDays(monday, 3);
    const purpose = '콜로키움: 일본의 커뮤니티개발, 사례; 그리고 아주 긴 제목이 여러 줄로 접혀야 하는 사회적경제 협동조합 네트워크 행사';
    const a = (await book(memberA, { date: day, start: '19:00', end: '21:30', purpose, purposePublic: true }, room.id)).json().items[0];
    const b = (await book(memberB, { date: addDays(day, 1), start: '10:00', end: '12:00', purpose: '비공개 회의' }, room.id)).json().items[0];
    await book(memberB, { date: addDays(day, 1), start: '14:00', end: '15:00', purpose: '승인 전' }, room.id);
    for (const x of [a, b]) await staff.post(`/api/v1/spaces/bookings/${x.id}/decision`, { approve: true });

    const res = await t.client().get(`/api/v1/spaces/rooms/${room.id}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const lines = res.body.split('\r\n');
    expect(res.body.replace(/\r\n/g, '')).not.toMatch(/\n/);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);

    const cal = new ICAL.Component(ICAL.parse(res.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const byUid = new Map(events.map((e) => [e.uid.split('@')[0], e]));
    const ea = byUid.get(a.id)!;
    expect(ea.summary).toBe(purpose);
    expect(ea.startDate.toJSDate().toISOString()).toBe(a.startsAt);
    expect(ea.endDate.toJSDate().toISOString()).toBe(a.endsAt);
    expect(byUid.get(b.id)!.summary).toBe('예약됨');
    expect(ea.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
  });

  it('counts usage by room and month as a hand computation does, and downloads the same table', async () => {
    // A room of its own, open Monday to Friday 10:00–18:00 (8 h), with bookings in 2020 booked as staff.
    const room = (await staff.post('/api/v1/spaces/rooms', roomBody('통계용 회의실', { openingHours: { '1': ['10:00', '18:00'], '2': ['10:00', '18:00'], '3': ['10:00', '18:00'], '4': ['10:00', '18:00'], '5': ['10:00', '18:00'] } }))).json();
    const mk = async (date: string, start: string, end: string, expected: number, decide: 'approve' | 'reject' | 'none', actual?: number) => {
      const id = (await book(staff, { date, start, end, expectedAttendees: expected }, room.id)).json().items[0].id;
      if (decide !== 'none') await staff.post(`/api/v1/spaces/bookings/${id}/decision`, decide === 'approve' ? { approve: true } : { approve: false, reason: '불가' });
      if (actual !== undefined) await staff.put(`/api/v1/spaces/bookings/${id}/attendance`, { actualAttendees: actual });
    };
    await mk('2020-03-02', '10:00', '12:00', 10, 'approve', 12); // Mon: 2 h, 12 came
    await mk('2020-03-03', '13:00', '16:30', 20, 'approve'); // Tue: 3.5 h, 20 expected
    await mk('2020-03-04', '10:00', '11:00', 5, 'reject'); // not counted
    await mk('2020-03-05', '10:00', '11:00', 5, 'none'); // still requested: not counted
    await mk('2020-07-01', '10:00', '18:00', 25, 'approve', 22); // Wed: 8 h
    const u = (await staff.get('/api/v1/spaces/usage?year=2020')).json();
    const rows = u.rows.filter((r: { roomId: string }) => r.roomId === room.id);
    // March 2020 has 22 weekdays, July 2020 has 23: 8 h each.
    expect(rows.find((r: { month: number }) => r.month === 3)).toEqual({ roomId: room.id, roomName: '통계용 회의실', month: 3, bookings: 2, attendees: 32, bookedHours: 5.5, openHours: 176, occupancy: 5.5 / 176 });
    expect(rows.find((r: { month: number }) => r.month === 7)).toMatchObject({ bookings: 1, attendees: 22, bookedHours: 8, openHours: 184, occupancy: 8 / 184 });
    expect(u.byRoom.find((r: { roomId: string }) => r.roomId === room.id)).toMatchObject({ bookings: 3, attendees: 54, bookedHours: 13.5 });
    const csv = await staff.get('/api/v1/spaces/usage?year=2020&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('통계용 회의실,3,2,32,5.5,176,3.13');
    const xlsx = await staff.get('/api/v1/spaces/usage?year=2020&format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await expectRefused(t, { method: 'GET', url: '/api/v1/spaces/usage?year=2020' }, { wrongRole: memberA, anonymous: t.client() });
    expectProblem(await staff.get('/api/v1/spaces/usage?year=abc'), 400, 'validation');
  });

  it('gives exactly one of 50 simultaneous requests for one slot (the rest 409), over HTTP', async () => {
    const date = addDays(monday, 4);
    const clients = [memberA, memberA2, memberB];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => book(clients[i % 3]!, { date, start: '15:00', end: '16:00', purpose: `동시 신청 ${i}` })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const cal = (await t.client().get(`/api/v1/spaces/rooms/${roomId}/calendar?from=${date}&to=${date}`)).json().items;
    expect(cal.filter((e: { start: string }) => e.start === '15:00')).toHaveLength(1);
  });

  it('gives exactly one of 50 simultaneous requests through separate database connections', async () => {
    // On PostgreSQL each request gets its own connection from a pool of 50, so the inserts really race.
    const database = engine === 'postgres' ? await openDatabase({ databaseUrl: t.database.url!, poolSize: 50 }) : t.database;
    try {
      const spaces = createSpacesService({ db: database.db });
      const date = addDays(monday, 4);
      const ctx: RequestContext = systemContext('race');
      const settled = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => spaces.requestBooking(ctx, roomId, { date, start: '18:00', end: '19:30', purpose: `경합 ${i}`, purposePublic: false, expectedAttendees: 5, contactName: '경합', contactEmail: 'race@example.org' })),
      );
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      const reasons = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => (s.reason as { type?: string }).type);
      expect(reasons).toEqual(Array(49).fill('conflict'));
      const rows = await spaces.calendar(ctx, roomId, date, date);
      expect(rows.filter((e) => e.start === '18:00')).toHaveLength(1);
    } finally {
      if (database !== t.database) await database.close();
    }
  });
});
