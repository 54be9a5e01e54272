import { z } from 'zod';
import { photoInput, photoOutput } from '../../kernel/images.ts';
import { isCalendarDate } from '../../kernel/korea.ts';

/** The spaces module's API shapes: rooms, booking requests and decisions, usage statistics. */

export const BOOKING_STATUSES = ['requested', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKABLE_BY = ['members', 'public'] as const;
/** A weekly request makes at most this many bookings. */
export const MAX_OCCURRENCES = 26;
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

const custom = (en: string, ko: string) => ({ message: en, params: { ko } });
const TIME = /^([01]\d|2[0-4]):[0-5]\d$/;
export const time = z
  .string()
  .trim()
  .refine((s) => TIME.test(s) && s <= '24:00', custom('A time is written HH:MM (e.g. 09:30)', '시각은 HH:MM 형식으로 적습니다 (예: 09:30)'));
export const isoDate = z.string().trim().refine(isCalendarDate, custom('A date is written YYYY-MM-DD', '날짜는 YYYY-MM-DD 형식으로 적습니다'));
const text = (max: number) => z.string().trim().max(max);
const name = (max: number) => z.string().trim().min(1).max(max);

/** Opening hours per ISO weekday ("1" Monday … "7" Sunday); a missing weekday is closed. */
export const openingHours = z
  .partialRecord(z.enum(WEEKDAYS), z.tuple([time, time]))
  .superRefine((hours, ctx) => {
    for (const [day, span] of Object.entries(hours)) {
      if (!span) continue;
      const [open, close] = span;
      if (close <= open) ctx.addIssue({ code: 'custom', path: [day], message: 'Closing time must be after opening time', params: { ko: '닫는 시각은 여는 시각보다 늦어야 합니다' } });
    }
  });
export type OpeningHours = Partial<Record<(typeof WEEKDAYS)[number], [string, string]>>;

export const roomInput = z.object({
  name: name(100),
  nameEn: text(100).nullish(),
  description: text(4000).default(''),
  capacity: z.number().int().min(1).max(10_000),
  equipment: z.array(name(100)).max(50).default([]),
  floor: text(40).nullish(),
  openingHours: openingHours,
  rules: text(4000).default(''),
  bookableBy: z.enum(BOOKABLE_BY).default('public'),
  /** Photos uploaded to sehub for the centre (POST /api/v1/procurement/photos without an organisation), each described. */
  photos: z.array(photoInput).max(10).default([]),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export type RoomInput = z.infer<typeof roomInput>;

export const room = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string(),
    capacity: z.number().int(),
    equipment: z.array(z.string()),
    floor: z.string().nullable(),
    openingHours: z.record(z.string(), z.tuple([z.string(), z.string()])),
    rules: z.string(),
    bookableBy: z.enum(BOOKABLE_BY),
    photos: z.array(photoOutput),
    active: z.boolean(),
    sort: z.number().int(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'SpaceRoom' });
export type Room = z.infer<typeof room>;

export const bookingRequest = z
  .object({
    date: isoDate,
    start: time,
    end: time,
    purpose: name(500),
    purposePublic: z.boolean().default(false),
    expectedAttendees: z.number().int().min(1).max(10_000),
    /** For a signed-in member: the organisation the booking is for (one they belong to). */
    organizationId: z.uuid().nullish(),
    /** Weekly on the same weekday until this date (inclusive). */
    repeatWeeklyUntil: isoDate.nullish(),
    /** Visitors who are not signed in say who they are. */
    contactName: text(100).nullish(),
    contactEmail: z.email().max(254).nullish(),
    contactPhone: z
      .string()
      .trim()
      .max(40)
      .refine((s) => s === '' || /^[0-9+()\- ]{7,40}$/.test(s), custom('A phone number has digits, spaces, +, - and brackets only', '전화번호는 숫자, 공백, +, -, 괄호로만 적습니다'))
      .nullish(),
  })
  .superRefine((b, ctx) => {
    if (TIME.test(b.start) && TIME.test(b.end) && b.end <= b.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start', params: { ko: '끝나는 시각은 시작 시각보다 늦어야 합니다' } });
    }
  });
export type BookingRequest = z.infer<typeof bookingRequest>;

export const booking = z
  .object({
    id: z.uuid(),
    roomId: z.uuid(),
    roomName: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(BOOKING_STATUSES),
    purpose: z.string(),
    purposePublic: z.boolean(),
    expectedAttendees: z.number().int(),
    actualAttendees: z.number().int().nullable(),
    requesterUserId: z.uuid().nullable(),
    organizationId: z.uuid().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    seriesId: z.uuid().nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'SpaceBooking' });
export type Booking = z.infer<typeof booking>;

/** What anyone may see of a booking on a room's calendar. */
export const calendarEntry = z
  .object({ id: z.uuid(), date: z.string(), start: z.string(), end: z.string(), status: z.enum(['requested', 'approved', 'completed']), title: z.string().nullable() })
  .meta({ id: 'SpaceCalendarEntry' });
export type CalendarEntry = z.infer<typeof calendarEntry>;

export const bookingCreated = z.object({ items: z.array(booking) });

export const decisionBody = z.discriminatedUnion('approve', [
  z.object({ approve: z.literal(true), reason: text(1000).nullish() }),
  z.object({ approve: z.literal(false), reason: name(1000) }),
]);
export const attendanceBody = z.object({ actualAttendees: z.number().int().min(0).max(100_000) });

export const idParam = z.object({ id: z.uuid() });
export const calendarQuery = z
  .object({ from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { path: ['to'], ...custom('The end date must not be before the start date', '끝 날짜는 시작 날짜보다 앞설 수 없습니다') });
export const bookingsQuery = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  roomId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type BookingsQuery = z.infer<typeof bookingsQuery>;

export const usageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export const usageRow = z.object({
  roomId: z.uuid(),
  roomName: z.string(),
  month: z.number().int().min(1).max(12),
  bookings: z.number().int(),
  attendees: z.number().int(),
  bookedHours: z.number(),
  openHours: z.number(),
  /** booked hours ÷ open hours, or null when the room was not open that month. */
  occupancy: z.number().nullable(),
});
export type UsageRow = z.infer<typeof usageRow>;
export const usageTotals = z.object({ bookings: z.number().int(), attendees: z.number().int(), bookedHours: z.number(), openHours: z.number(), occupancy: z.number().nullable() });
export const usageReport = z
  .object({
    year: z.number().int(),
    rows: z.array(usageRow),
    byRoom: z.array(usageTotals.extend({ roomId: z.uuid(), roomName: z.string() })),
    total: usageTotals,
    definitions: z.object({ ko: z.string(), en: z.string() }),
  })
  .meta({ id: 'SpaceUsage' });
export type UsageReport = z.infer<typeof usageReport>;
