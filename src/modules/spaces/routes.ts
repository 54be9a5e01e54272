import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PassThrough } from 'node:stream';
import { csvWriter, xlsxWriter, type TabularFormat } from '../../kernel/tabular.ts';
import { problemResponses } from '../../server/responses.ts';
import {
  attendanceBody,
  booking,
  bookingCreated,
  bookingRequest,
  bookingsQuery,
  calendarEntry,
  calendarQuery,
  decisionBody,
  idParam,
  room,
  roomInput,
  usageQuery,
  usageReport,
  type UsageReport,
} from './schema.ts';
import type { SpacesService } from './service.ts';

const MEDIA_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A small table as a CSV or XLSX file in memory. */
async function writeTable(format: TabularFormat, t: { name: string; headers: string[]; rows: string[][] }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, t.name.slice(0, 31));
  w.row(t.headers);
  for (const r of t.rows) w.row(r);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}

export interface SpacesRouteOptions {
  /** Limit for the booking form, which visitors may use without signing in (as the other public forms). */
  publicRateLimit: { max: number; timeWindow: number };
}

function usageTable(u: UsageReport) {
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);
  return {
    name: `공간 이용 ${u.year}`,
    headers: ['공간 (room)', '월 (month)', '예약 건수 (bookings)', '인원 (attendees)', '예약 시간 (booked hours)', '이용 가능 시간 (open hours)', '가동률 % (occupancy)'],
    rows: [
      ...u.rows.map((r) => [r.roomName, String(r.month), String(r.bookings), String(r.attendees), String(r.bookedHours), String(r.openHours), r.occupancy === null ? '' : String(pct(r.occupancy))]),
      ...u.byRoom.map((r) => [r.roomName, '계 (total)', String(r.bookings), String(r.attendees), String(r.bookedHours), String(r.openHours), r.occupancy === null ? '' : String(pct(r.occupancy))]),
      ['전체 (all rooms)', '계 (total)', String(u.total.bookings), String(u.total.attendees), String(u.total.bookedHours), String(u.total.openHours), u.total.occupancy === null ? '' : String(pct(u.total.occupancy))],
    ],
  };
}

export function spacesRoutes(spaces: SpacesService, opts: SpacesRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['spaces'];
    app.get(
      '/api/v1/spaces/rooms',
      {
        schema: {
          tags,
          summary: '공간 목록 · Rooms',
          description: 'Active rooms for everyone; with all=true staff also see inactive ones.',
          querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(room) }), ...problemResponses(400) },
        },
      },
      async (req) => ({ items: await spaces.listRooms(req.ctx(), { all: req.query.all === 'true' }) }),
    );
    app.post(
      '/api/v1/spaces/rooms',
      { schema: { tags, summary: '공간 등록 (직원) · Add a room (staff)', body: roomInput, response: { 201: room, ...problemResponses(400, 401, 403) } } },
      async (req, reply) => reply.code(201).send(await spaces.createRoom(req.ctx(), req.body)),
    );
    app.get(
      '/api/v1/spaces/rooms/:id',
      { schema: { tags, summary: '공간 상세 · One room', params: idParam, response: { 200: room, ...problemResponses(400, 404) } } },
      async (req) => spaces.getRoom(req.ctx(), req.params.id),
    );
    app.put(
      '/api/v1/spaces/rooms/:id',
      { schema: { tags, summary: '공간 고치기 (직원) · Replace a room (staff)', params: idParam, body: roomInput, response: { 200: room, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => spaces.updateRoom(req.ctx(), req.params.id, req.body),
    );
    app.get(
      '/api/v1/spaces/rooms/:id/calendar',
      {
        schema: {
          tags,
          summary: '공간 일정 · A room’s bookings between two dates',
          description: 'Pending, approved and completed bookings (at most 62 days). A title is given only where the booking was made public; otherwise the slot shows as booked.',
          params: idParam,
          querystring: calendarQuery,
          response: { 200: z.object({ items: z.array(calendarEntry) }), ...problemResponses(400, 404) },
        },
      },
      async (req) => ({ items: await spaces.calendar(req.ctx(), req.params.id, req.query.from, req.query.to) }),
    );
    app.get(
      '/api/v1/spaces/rooms/:id/calendar.ics',
      {
        schema: {
          tags,
          summary: '공간 일정 iCalendar · A room’s approved bookings as iCalendar (RFC 5545)',
          params: idParam,
          produces: ['text/calendar'],
          response: { 200: z.string().describe('text/calendar'), ...problemResponses(400, 404) },
        },
      },
      async (req, reply) => reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="room-${req.params.id}.ics"`).send(await spaces.calendarFeed(req.ctx(), req.params.id)),
    );
    app.post(
      '/api/v1/spaces/rooms/:id/bookings',
      {
        config: { rateLimit: opts.publicRateLimit },
        schema: {
          tags,
          summary: '공간 예약 신청 · Ask for a booking',
          description:
            'Signed-in members (optionally for an organisation they belong to) or, for rooms open to the public, visitors who give a name, e-mail and phone. Times in Seoul, in 30-minute steps, within the opening hours; repeatWeeklyUntil makes a weekly series (all or nothing). A slot already held answers 409 naming it.',
          params: idParam,
          body: bookingRequest,
          response: { 201: bookingCreated, ...problemResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (req, reply) => reply.code(201).send({ items: await spaces.requestBooking(req.ctx(), req.params.id, req.body) }),
    );
    app.get(
      '/api/v1/spaces/bookings',
      { schema: { tags, summary: '예약 목록 (직원) · Bookings (staff)', querystring: bookingsQuery, response: { 200: z.object({ items: z.array(booking) }), ...problemResponses(400, 401, 403) } } },
      async (req) => ({ items: await spaces.listBookings(req.ctx(), req.query) }),
    );
    app.get(
      '/api/v1/spaces/bookings/mine',
      { schema: { tags, summary: '내 예약 · My bookings and my organisations’', response: { 200: z.object({ items: z.array(booking) }), ...problemResponses(401) } } },
      async (req) => ({ items: await spaces.myBookings(req.ctx()) }),
    );
    app.get(
      '/api/v1/spaces/bookings/:id',
      { schema: { tags, summary: '예약 상세 · One booking', params: idParam, response: { 200: booking, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => spaces.getBooking(req.ctx(), req.params.id),
    );
    app.post(
      '/api/v1/spaces/bookings/:id/decision',
      {
        schema: { tags, summary: '예약 승인·거절 (직원) · Approve or reject (staff)', params: idParam, body: decisionBody, response: { 200: booking, ...problemResponses(400, 401, 403, 404, 409) } },
      },
      async (req) => spaces.decide(req.ctx(), req.params.id, req.body),
    );
    app.post(
      '/api/v1/spaces/bookings/:id/cancel',
      { schema: { tags, summary: '예약 취소 · Cancel a booking', params: idParam, response: { 200: booking, ...problemResponses(400, 401, 403, 404, 409) } } },
      async (req) => spaces.cancel(req.ctx(), req.params.id),
    );
    app.put(
      '/api/v1/spaces/bookings/:id/attendance',
      {
        schema: { tags, summary: '참석 인원 기록 (직원) · Record attendance (staff)', params: idParam, body: attendanceBody, response: { 200: booking, ...problemResponses(400, 401, 403, 404, 409) } },
      },
      async (req) => spaces.recordAttendance(req.ctx(), req.params.id, req.body.actualAttendees),
    );
    app.get(
      '/api/v1/spaces/usage',
      {
        schema: {
          tags,
          summary: '공간 이용 통계 (직원) · Usage by room and month (staff)',
          description: 'JSON, or format=csv|xlsx for a download of the same table.',
          querystring: usageQuery,
          produces: ['application/json', MEDIA_TYPES.csv, MEDIA_TYPES.xlsx],
          response: { 200: usageReport, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const report = await spaces.usage(req.ctx(), req.query.year);
        if (req.query.format === 'json') return report;
        const data = await writeTable(req.query.format, usageTable(report));
        return reply
          .type(MEDIA_TYPES[req.query.format])
          .header('content-disposition', `attachment; filename="sehub-spaces-${report.year}.${req.query.format}"`)
          .send(data as never);
      },
    );
  };
}
