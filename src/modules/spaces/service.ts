import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { Mailer } from '../../kernel/mail.ts';
import { authorize, can, isStaff } from '../../kernel/policy.ts';
import { conflict, notFound, Problem, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { organizationExists } from '../directory/index.ts';
import { notify } from '../notifications/index.ts';
import { photoErrors } from '../procurement/index.ts';
import { renderCalendar } from './ical.ts';
import './policy.ts';
import * as repo from './repository.ts';
import {
  MAX_OCCURRENCES,
  type Booking,
  type BookingRequest,
  type BookingsQuery,
  type CalendarEntry,
  type OpeningHours,
  type Room,
  type RoomInput,
  type UsageReport,
  type UsageRow,
} from './schema.ts';
import { addDays, daysInMonth, isoWeekday, minutesOf, seoulInstant, seoulParts, seoulToday } from './time.ts';

/** Who to write to: the identity module's answers, given by the app (the spaces module reads no user table). */
export interface SpacesPeople {
  contactOf(userId: string): Promise<{ email: string; displayName: string } | undefined>;
  /** The staff users who decide bookings (active accounts): told of each request by mail and in the app. */
  staff(): Promise<{ userId: string; email: string }[]>;
}

export interface SpacesDeps {
  db: Db;
  mailer?: Mailer;
  people?: SpacesPeople;
  publicUrl?: string;
  log?: (error: unknown, msg: string) => void;
}

/** A jsonb column as the driver gives it: parsed already (pg), or its text (PGlite in some paths). */
const fromJson = <T,>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const hoursOf = (row: repo.RoomRow): OpeningHours => fromJson(row.opening_hours);

export function toRoom(row: repo.RoomRow): Room {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    capacity: row.capacity,
    equipment: row.equipment,
    floor: row.floor,
    openingHours: hoursOf(row) as Record<string, [string, string]>,
    rules: row.rules,
    bookableBy: row.bookable_by,
    photos: fromJson(row.photos),
    active: row.active,
    sort: row.sort,
    isDemo: row.is_demo,
  };
}

function toBooking(row: repo.BookingRow): Booking {
  const s = seoulParts(row.starts_at);
  const e = seoulParts(row.ends_at);
  return {
    id: row.id,
    roomId: row.room_id,
    roomName: row.room_name,
    date: s.date,
    start: s.time,
    end: e.date > s.date && e.time === '00:00' ? '24:00' : e.time,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    purpose: row.purpose,
    purposePublic: row.purpose_public,
    expectedAttendees: row.expected_attendees,
    actualAttendees: row.actual_attendees,
    requesterUserId: row.requester_user_id,
    organizationId: row.organization_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    seriesId: row.series_id,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    isDemo: row.is_demo,
  };
}

const bookingResource = (b: { requester_user_id: string | null; organization_id: string | null }) => ({
  requesterUserId: b.requester_user_id,
  organizationId: b.organization_id,
});

const isExclusionViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23P01';

const WEEKDAY_KO = ['', '월', '화', '수', '목', '금', '토', '일'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "서로배움터 1 예약(12월 8일 10:00)" and "서로배움터 1 (8 Dec 10:00)": a booking as named in a notice. */
function noticeSlot(b: Pick<Booking, 'roomName' | 'date' | 'start'>, more = 0) {
  const [, m, d] = b.date.split('-').map(Number) as [number, number, number];
  return {
    ko: `${m}월 ${d}일 ${b.start}${more ? ` 외 ${more}회` : ''}`,
    en: `${d} ${MONTH_EN[m - 1]} ${b.start}${more ? ` and ${more} more week${more > 1 ? 's' : ''}` : ''}`,
  };
}

/** In-app notices of a booking's steps (the mail says the same, at more length). */
const NOTICE = {
  requested: (b: Booking, more: number) => {
    const at = noticeSlot(b, more);
    return { ko: `${b.roomName} 예약 신청(${at.ko})이 들어왔습니다`, en: `New booking request: ${b.roomName} (${at.en})` };
  },
  approved: (b: Booking) => {
    const at = noticeSlot(b);
    return { ko: `${b.roomName} 예약(${at.ko})이 승인되었습니다`, en: `Your booking of ${b.roomName} (${at.en}) is approved` };
  },
  rejected: (b: Booking) => {
    const at = noticeSlot(b);
    return { ko: `${b.roomName} 예약(${at.ko})이 거절되었습니다`, en: `Your booking request for ${b.roomName} (${at.en}) was declined` };
  },
  cancelled: (b: Booking) => {
    const at = noticeSlot(b);
    return { ko: `${b.roomName} 예약(${at.ko})이 취소되었습니다`, en: `Your booking of ${b.roomName} (${at.en}) was cancelled` };
  },
};
const WEEKDAY_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function roomRow(input: RoomInput): Omit<repo.RoomInsert, 'id'> {
  const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    name: input.name.trim(),
    name_en: clean(input.nameEn),
    description: input.description,
    capacity: input.capacity,
    equipment: input.equipment,
    floor: clean(input.floor),
    opening_hours: input.openingHours,
    rules: input.rules,
    bookable_by: input.bookableBy,
    photos: input.photos,
    active: input.active,
    sort: input.sort,
  };
}

/** Open hours of a room in one month (sum over its days of the weekday's opening span). */
function openHoursInMonth(hours: OpeningHours, year: number, month: number): number {
  let minutes = 0;
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  for (let d = 0; d < daysInMonth(year, month); d++) {
    const span = hours[String(isoWeekday(addDays(first, d))) as keyof OpeningHours];
    if (span) minutes += minutesOf(span[1]) - minutesOf(span[0]);
  }
  return minutes / 60;
}

const ratio = (booked: number, open: number) => (open > 0 ? booked / open : null);

export function createSpacesService(deps: SpacesDeps) {
  const { db } = deps;

  async function roomOr404(trx: Db, id: string): Promise<repo.RoomRow> {
    const row = await repo.findRoom(trx, id);
    if (!row) throw notFound('공간을 찾을 수 없습니다', 'No such room');
    return row;
  }
  async function bookingOr404(trx: Db, id: string): Promise<repo.BookingRow> {
    const row = await repo.findBooking(trx, id);
    if (!row) throw notFound('예약을 찾을 수 없습니다', 'No such booking');
    return row;
  }

  /** Sends after the change has committed; a mail failure never undoes a booking. */
  async function sendMail(messages: { to: string; subject: string; text: string }[]) {
    if (!deps.mailer) return;
    for (const m of messages) {
      try {
        await deps.mailer.send(m);
      } catch (error) {
        deps.log?.(error, `mail to ${m.to} failed`);
      }
    }
  }
  /** A room's name is its own; its photos are the centre's uploads (rooms are the centre's). */
  async function checkRoom(trx: Db, input: RoomInput, id: string | null) {
    const errors: FieldError[] = [];
    if (await repo.roomNameTaken(trx, input.name.trim(), id ?? undefined)) {
      errors.push({ path: 'name', messages: { ko: `'${input.name.trim()}' 공간이 이미 있습니다`, en: `A room named '${input.name.trim()}' already exists` } });
    }
    errors.push(...(await photoErrors(trx, input.photos, null)));
    if (errors.length) throw validationProblem(errors);
  }
  const link = (path: string) => `${deps.publicUrl ?? ''}${path}`;
  const slotText = (b: Booking) => `${b.roomName} ${b.date} ${b.start}–${b.end}`;

  return {
    async listRooms(ctx: RequestContext, opts: { all?: boolean } = {}): Promise<Room[]> {
      authorize(ctx.actor, 'space.room.read', undefined);
      const includeInactive = Boolean(opts.all) && can(ctx.actor, 'space.room.manage', undefined);
      return (await repo.listRooms(db, { includeInactive })).map(toRoom);
    },

    async getRoom(ctx: RequestContext, id: string): Promise<Room> {
      authorize(ctx.actor, 'space.room.read', undefined);
      const row = await roomOr404(db, id);
      if (!row.active && !can(ctx.actor, 'space.room.manage', undefined)) throw notFound('공간을 찾을 수 없습니다', 'No such room');
      return toRoom(row);
    },

    async createRoom(ctx: RequestContext, input: RoomInput, opts: { isDemo?: boolean } = {}): Promise<Room> {
      authorize(ctx.actor, 'space.room.manage', undefined);
      return db.transaction().execute(async (trx) => {
        await checkRoom(trx, input, null);
        const row = await repo.insertRoom(trx, { ...roomRow(input), is_demo: opts.isDemo ?? false });
        const room = toRoom(row);
        await recordAudit(trx, ctx, { action: 'space_room.create', entityType: 'space_room', entityId: room.id, before: null, after: room });
        return room;
      });
    },

    async updateRoom(ctx: RequestContext, id: string, input: RoomInput): Promise<Room> {
      authorize(ctx.actor, 'space.room.manage', undefined);
      return db.transaction().execute(async (trx) => {
        const before = await repo.findRoomForUpdate(trx, id);
        if (!before) throw notFound('공간을 찾을 수 없습니다', 'No such room');
        await checkRoom(trx, input, id);
        const room = toRoom(await repo.updateRoom(trx, id, roomRow(input)));
        await recordAudit(trx, ctx, { action: 'space_room.update', entityType: 'space_room', entityId: id, before: toRoom(before), after: room });
        return room;
      });
    },

    /**
     * Asks for a booking, or a weekly series of them. Every occurrence is checked against the room's
     * hours and capacity; then all are inserted in one transaction, and the first one the database
     * refuses as overlapping refuses the whole series (409 naming its date and time).
     */
    async requestBooking(ctx: RequestContext, roomId: string, input: BookingRequest): Promise<Booking[]> {
      const organizationId = input.organizationId ?? null;
      authorize(ctx.actor, 'space.booking.request', { organizationId });
      const actor = ctx.actor;
      const staff = actor.kind === 'system' || (actor.kind === 'user' && isStaff(actor));
      const room = await roomOr404(db, roomId);
      if (!room.active) throw notFound('공간을 찾을 수 없습니다', 'No such room');
      if (room.bookable_by === 'members' && actor.kind === 'anonymous') {
        throw new Problem('unauthenticated', { ko: `${room.name}은(는) 회원만 예약할 수 있습니다. 로그인하세요`, en: `${room.name} can be booked by members only; please sign in` });
      }

      const errors: FieldError[] = [];
      const err = (path: string, ko: string, en: string) => errors.push({ path, messages: { ko, en } });

      // Who asks: a signed-in user is known; a visitor says who they are.
      let contact: { name: string; email: string; phone: string | null };
      let requesterUserId: string | null = null;
      if (actor.kind === 'user') {
        requesterUserId = actor.userId;
        const who = await deps.people?.contactOf(actor.userId);
        contact = { name: input.contactName?.trim() || who?.displayName || '', email: input.contactEmail?.trim() || who?.email || '', phone: input.contactPhone?.trim() || null };
      } else {
        contact = { name: input.contactName?.trim() ?? '', email: input.contactEmail?.trim() ?? '', phone: input.contactPhone?.trim() || null };
        if (actor.kind === 'anonymous') {
          if (!contact.name) err('contactName', '이름을 적어 주세요', 'Please give your name');
          if (!contact.email) err('contactEmail', '이메일을 적어 주세요', 'Please give your e-mail address');
          if (!contact.phone) err('contactPhone', '연락처(전화번호)를 적어 주세요', 'Please give a phone number');
        }
      }
      if (organizationId && !(await organizationExists(db, organizationId))) err('organizationId', '등록되지 않은 단체입니다', 'No such organisation');
      if (input.expectedAttendees > room.capacity) {
        err('expectedAttendees', `${room.name}의 정원은 ${room.capacity}명입니다`, `${room.name} holds at most ${room.capacity} people`);
      }
      for (const f of ['start', 'end'] as const) {
        if (minutesOf(input[f]) % 30 !== 0) err(f, '시각은 30분 단위로 고릅니다 (예: 09:00, 09:30)', 'Times go in 30-minute steps (e.g. 09:00, 09:30)');
      }
      if (!staff && input.date < seoulToday()) err('date', '지난 날짜는 예약할 수 없습니다', 'A past date cannot be booked');
      const weekday = isoWeekday(input.date);
      const span = hoursOf(room)[String(weekday) as keyof OpeningHours];
      if (!span) {
        err('date', `${room.name}은(는) ${WEEKDAY_KO[weekday]}요일에 열지 않습니다`, `${room.name} is closed on ${WEEKDAY_EN[weekday]}days`);
      } else if (input.start < span[0] || input.end > span[1]) {
        err('start', `${WEEKDAY_KO[weekday]}요일 이용 시간은 ${span[0]}–${span[1]}입니다`, `On ${WEEKDAY_EN[weekday]}days the room is open ${span[0]}–${span[1]}`);
      }
      const dates = [input.date];
      if (input.repeatWeeklyUntil) {
        if (input.repeatWeeklyUntil < input.date) {
          err('repeatWeeklyUntil', '반복 종료일은 첫 날짜 이후여야 합니다', 'The repeat end date must not be before the first date');
        } else {
          for (let d = addDays(input.date, 7); d <= input.repeatWeeklyUntil && dates.length <= MAX_OCCURRENCES; d = addDays(d, 7)) dates.push(d);
          if (dates.length > MAX_OCCURRENCES) {
            err('repeatWeeklyUntil', `반복 예약은 최대 ${MAX_OCCURRENCES}회까지입니다`, `A weekly booking has at most ${MAX_OCCURRENCES} occurrences`);
          }
        }
      }
      if (errors.length) throw validationProblem(errors);

      // Staff hear of the request by mail after it commits and in the app within its transaction;
      // staff booking for themselves are not told of their own request in the app.
      const staffUsers = (await deps.people?.staff()) ?? [];
      const seriesId = dates.length > 1 ? randomUUID() : null;
      const ids = await db.transaction().execute(async (trx) => {
        const made: string[] = [];
        for (const date of dates) {
          try {
            made.push(
              await repo.insertBooking(trx, {
                room_id: room.id,
                starts_at: seoulInstant(date, input.start).toISOString(),
                ends_at: seoulInstant(date, input.end).toISOString(),
                requester_user_id: requesterUserId,
                organization_id: organizationId,
                contact_name: contact.name || contact.email,
                contact_email: contact.email,
                contact_phone: contact.phone,
                purpose: input.purpose,
                purpose_public: input.purposePublic,
                expected_attendees: input.expectedAttendees,
                actual_attendees: null,
                series_id: seriesId,
                decision_reason: null,
                decided_by: null,
                decided_at: null,
                cancelled_at: null,
              }),
            );
          } catch (error) {
            if (!isExclusionViolation(error)) throw error;
            const slot = `${room.name} ${date} ${input.start}–${input.end}`;
            throw new Problem(
              'conflict',
              {
                ko: `${slot}에는 이미 예약(또는 승인 대기 중인 신청)이 있습니다${dates.length > 1 ? '. 반복 예약 전체가 접수되지 않았습니다' : ''}`,
                en: `${slot} is already booked or held by a pending request${dates.length > 1 ? '; none of the weekly bookings was made' : ''}`,
              },
              [{ path: 'date', messages: { ko: `${date} ${input.start}–${input.end}은(는) 이미 예약되어 있습니다`, en: `${date} ${input.start}–${input.end} is already taken` } }],
            );
          }
        }
        const rows = await repo.listBookings(trx, { ids: made });
        for (const row of rows) {
          await recordAudit(trx, ctx, { action: 'space_booking.request', entityType: 'space_booking', entityId: row.id, before: null, after: toBooking(row) });
        }
        const first = rows.map(toBooking).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]!;
        await notify(trx, {
          userIds: staffUsers.map((u) => u.userId).filter((u) => u !== requesterUserId),
          kind: 'space.booking.requested',
          title: NOTICE.requested(first, rows.length - 1),
          link: '/staff/spaces',
        });
        return made;
      });
      const created = (await repo.listBookings(db, { ids })).map(toBooking);
      const first = created[0]!;
      await sendMail(
        staffUsers.map(({ email: to }) => ({
          to,
          subject: `[sehub] 공간 예약 신청: ${slotText(first)}${created.length > 1 ? ` 외 ${created.length - 1}회` : ''}`,
          text: [
            `${first.contactName} (${first.contactEmail})님이 공간 예약을 신청했습니다. / A room booking was requested.`,
            '',
            ...created.map((b) => `- ${slotText(b)}`),
            `목적 / Purpose: ${first.purpose}`,
            `예상 인원 / Expected attendees: ${first.expectedAttendees}`,
            '',
            `승인 대기 목록 / Approval queue: ${link('/staff/spaces')}`,
          ].join('\n'),
        })),
      );
      return created;
    },

    async getBooking(ctx: RequestContext, id: string): Promise<Booking> {
      const row = await bookingOr404(db, id);
      authorize(ctx.actor, 'space.booking.read', bookingResource(row));
      return toBooking(row);
    },

    /** The signed-in user's bookings and those of their organisations, newest first. */
    async myBookings(ctx: RequestContext): Promise<Booking[]> {
      authorize(ctx.actor, 'space.booking.mine', undefined);
      if (ctx.actor.kind !== 'user') return [];
      const rows = await repo.listBookings(db, {
        requesterOrOrganizations: { userId: ctx.actor.userId, organizationIds: ctx.actor.memberships.map((m) => m.organizationId) },
        order: 'created',
        limit: 500,
      });
      return rows.map(toBooking);
    },

    async listBookings(ctx: RequestContext, q: BookingsQuery): Promise<Booking[]> {
      authorize(ctx.actor, 'space.booking.list', undefined);
      const rows = await repo.listBookings(db, {
        ...(q.status ? { status: [q.status] } : {}),
        ...(q.roomId ? { roomId: q.roomId } : {}),
        ...(q.from ? { from: seoulInstant(q.from, '00:00').toISOString() } : {}),
        ...(q.to ? { to: seoulInstant(addDays(q.to, 1), '00:00').toISOString() } : {}),
        limit: q.limit,
      });
      return rows.map(toBooking);
    },

    async decide(ctx: RequestContext, id: string, decision: { approve: boolean; reason?: string | null | undefined }): Promise<Booking> {
      authorize(ctx.actor, 'space.booking.decide', undefined);
      const after = await db.transaction().execute(async (trx) => {
        await repo.lockBooking(trx, id);
        const before = await bookingOr404(trx, id);
        if (before.status !== 'requested') {
          throw conflict('이미 처리된 신청입니다', `This request was already decided (it is ${before.status})`);
        }
        await repo.updateBooking(trx, id, {
          status: decision.approve ? 'approved' : 'rejected',
          decision_reason: decision.reason?.trim() || null,
          decided_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          decided_at: new Date(),
        });
        const after = toBooking(await bookingOr404(trx, id));
        await recordAudit(trx, ctx, { action: decision.approve ? 'space_booking.approve' : 'space_booking.reject', entityType: 'space_booking', entityId: id, before: toBooking(before), after });
        // A signed-in requester is also told in the app; a visitor without an account by mail only.
        if (after.requesterUserId) {
          await notify(trx, {
            userIds: [after.requesterUserId],
            kind: decision.approve ? 'space.booking.approved' : 'space.booking.rejected',
            title: decision.approve ? NOTICE.approved(after) : NOTICE.rejected(after),
            link: `/spaces/${after.roomId}`,
          });
        }
        return after;
      });
      await sendMail([
        {
          to: after.contactEmail,
          subject: decision.approve ? `[sehub] 공간 예약이 승인되었습니다: ${slotText(after)}` : `[sehub] 공간 예약이 거절되었습니다: ${slotText(after)}`,
          text: [
            decision.approve
              ? `${slotText(after)} 예약이 승인되었습니다. / Your booking of ${slotText(after)} is approved.`
              : `${slotText(after)} 예약 신청이 거절되었습니다. / Your booking request for ${slotText(after)} was declined.`,
            ...(after.decisionReason ? ['', `사유 / Reason: ${after.decisionReason}`] : []),
            '',
            `내 예약 / My bookings: ${link('/me')}`,
          ].join('\n'),
        },
      ]);
      return after;
    },

    async cancel(ctx: RequestContext, id: string): Promise<Booking> {
      return db.transaction().execute(async (trx) => {
        await repo.lockBooking(trx, id);
        const before = await bookingOr404(trx, id);
        authorize(ctx.actor, 'space.booking.cancel', bookingResource(before));
        if (before.status !== 'requested' && before.status !== 'approved') {
          throw conflict('취소할 수 없는 예약입니다', `A ${before.status} booking cannot be cancelled`);
        }
        if (before.ends_at <= new Date()) throw conflict('이미 끝난 예약은 취소할 수 없습니다', 'A booking that has ended cannot be cancelled');
        await repo.updateBooking(trx, id, { status: 'cancelled', cancelled_at: new Date() });
        const after = toBooking(await bookingOr404(trx, id));
        await recordAudit(trx, ctx, { action: 'space_booking.cancel', entityType: 'space_booking', entityId: id, before: toBooking(before), after });
        // Called off by someone else (staff, or a colleague of the organisation): the requester is told.
        const requester = after.requesterUserId;
        if (requester && !(ctx.actor.kind === 'user' && ctx.actor.userId === requester)) {
          await notify(trx, { userIds: [requester], kind: 'space.booking.cancelled', title: NOTICE.cancelled(after), link: `/spaces/${after.roomId}` });
        }
        return after;
      });
    },

    /** Staff record how many came, once the booking has begun; the booking is then completed. */
    async recordAttendance(ctx: RequestContext, id: string, actualAttendees: number): Promise<Booking> {
      authorize(ctx.actor, 'space.booking.attendance', undefined);
      return db.transaction().execute(async (trx) => {
        await repo.lockBooking(trx, id);
        const before = await bookingOr404(trx, id);
        if (before.status !== 'approved' && before.status !== 'completed') {
          throw conflict('승인된 예약만 참석 인원을 기록할 수 있습니다', `Attendance is recorded for approved bookings only (this one is ${before.status})`);
        }
        if (before.starts_at > new Date()) {
          throw validationProblem([{ path: 'actualAttendees', messages: { ko: '참석 인원은 행사가 시작된 뒤에 기록합니다', en: 'Attendance is recorded once the booking has begun' } }]);
        }
        await repo.updateBooking(trx, id, { status: 'completed', actual_attendees: actualAttendees });
        const after = toBooking(await bookingOr404(trx, id));
        await recordAudit(trx, ctx, { action: 'space_booking.attendance', entityType: 'space_booking', entityId: id, before: toBooking(before), after });
        return after;
      });
    },

    /** A room's calendar for anyone: pending and approved bookings, purposes only where made public. */
    async calendar(ctx: RequestContext, roomId: string, from: string, to: string): Promise<CalendarEntry[]> {
      authorize(ctx.actor, 'space.room.read', undefined);
      await this.getRoom(ctx, roomId);
      if (addDays(from, 62) < to) throw validationProblem([{ path: 'to', messages: { ko: '한 번에 62일까지 볼 수 있습니다', en: 'At most 62 days at a time' } }]);
      const rows = await repo.listBookings(db, {
        roomId,
        status: ['requested', 'approved', 'completed'],
        from: seoulInstant(from, '00:00').toISOString(),
        to: seoulInstant(addDays(to, 1), '00:00').toISOString(),
      });
      return rows.map((r) => {
        const b = toBooking(r);
        return { id: b.id, date: b.date, start: b.start, end: b.end, status: b.status as CalendarEntry['status'], title: b.purposePublic ? b.purpose : null };
      });
    },

    /** The room's approved (and held) bookings as an iCalendar feed. */
    async calendarFeed(ctx: RequestContext, roomId: string): Promise<string> {
      const room = await this.getRoom(ctx, roomId);
      const rows = await repo.listBookings(db, { roomId, status: ['approved', 'completed'] });
      return renderCalendar(
        room,
        rows.map((r) => ({
          id: r.id,
          start: r.starts_at,
          end: r.ends_at,
          updated: r.updated_at,
          summary: r.purpose_public ? r.purpose : '예약됨',
        })),
        { host: new URL(deps.publicUrl ?? 'http://localhost').host },
      );
    },

    /** Bookings, attendees (actual, else expected) and occupancy (booked ÷ open hours) by room and month. */
    async usage(ctx: RequestContext, year: number): Promise<UsageReport> {
      authorize(ctx.actor, 'space.usage.read', undefined);
      const rooms = await repo.listRooms(db, { includeInactive: true });
      const counted = await repo.usageByRoomMonth(db, year);
      const at = new Map(counted.map((c) => [`${c.room_id}:${c.month}`, c]));
      const rows: UsageRow[] = [];
      for (const room of rooms) {
        const hours = hoursOf(room);
        for (let month = 1; month <= 12; month++) {
          const c = at.get(`${room.id}:${month}`);
          const bookedHours = (c?.minutes ?? 0) / 60;
          const openHours = openHoursInMonth(hours, year, month);
          rows.push({ roomId: room.id, roomName: room.name, month, bookings: c?.bookings ?? 0, attendees: c?.attendees ?? 0, bookedHours, openHours, occupancy: ratio(bookedHours, openHours) });
        }
      }
      const sum = (xs: UsageRow[]) => {
        const t = xs.reduce((a, r) => ({ bookings: a.bookings + r.bookings, attendees: a.attendees + r.attendees, bookedHours: a.bookedHours + r.bookedHours, openHours: a.openHours + r.openHours }), {
          bookings: 0,
          attendees: 0,
          bookedHours: 0,
          openHours: 0,
        });
        return { ...t, occupancy: ratio(t.bookedHours, t.openHours) };
      };
      return {
        year,
        rows,
        byRoom: rooms.map((r) => ({ roomId: r.id, roomName: r.name, ...sum(rows.filter((x) => x.roomId === r.id)) })),
        total: sum(rows),
        definitions: {
          ko: '예약: 승인·완료된 예약 건수. 인원: 실제 참석 인원(기록 전에는 예상 인원)의 합. 가동률: 예약 시간 ÷ 이용 가능 시간(요일별 운영 시간의 합).',
          en: 'Bookings: approved and completed bookings. Attendees: actual attendees (expected until recorded). Occupancy: booked hours ÷ open hours (the opening hours of each day of the month).',
        },
      };
    },

    /** Removes demo bookings and the demo rooms nobody else has booked. */
    async removeDemo(ctx: RequestContext): Promise<{ bookings: number; rooms: number }> {
      authorize(ctx.actor, 'space.room.manage', undefined);
      return db.transaction().execute(async (trx) => {
        const removed = await repo.deleteDemo(trx);
        await recordAudit(trx, ctx, { action: 'space.demo_remove', entityType: 'space_room', entityId: null, before: removed, after: null });
        return removed;
      });
    },
  };
}

export type SpacesService = ReturnType<typeof createSpacesService>;
