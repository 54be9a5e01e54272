import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { BookingStatus, OpeningHours } from './schema.ts';

/** The spaces module's tables (0014_spaces.sql). */
export type SpaceTables = {
  space_rooms: {
    id: Generated<string>;
    name: string;
    name_en: string | null;
    description: Generated<string>;
    capacity: number;
    equipment: Generated<string[]>;
    floor: string | null;
    opening_hours: OpeningHours | string;
    rules: Generated<string>;
    bookable_by: Generated<'members' | 'public'>;
    photos: { url: string; alt: string }[] | string;
    active: Generated<boolean>;
    sort: Generated<number>;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  space_bookings: {
    id: Generated<string>;
    room_id: string;
    during: string;
    status: Generated<BookingStatus>;
    requester_user_id: string | null;
    organization_id: string | null;
    contact_name: string;
    contact_email: string;
    contact_phone: string | null;
    purpose: string;
    purpose_public: Generated<boolean>;
    expected_attendees: number;
    actual_attendees: number | null;
    series_id: string | null;
    decision_reason: string | null;
    decided_by: string | null;
    decided_at: Date | null;
    cancelled_at: Date | null;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
};

const t = (db: Db) => db.withTables<SpaceTables>();

export type RoomRow = Selectable<SpaceTables['space_rooms']>;
export type RoomInsert = Insertable<SpaceTables['space_rooms']>;
type BookingColumns = Omit<Selectable<SpaceTables['space_bookings']>, 'during'>;
export type BookingRow = BookingColumns & { starts_at: Date; ends_at: Date; room_name: string };
export type BookingInsert = Omit<Insertable<SpaceTables['space_bookings']>, 'during'> & { starts_at: string; ends_at: string };

export async function listRooms(db: Db, opts: { includeInactive: boolean }): Promise<RoomRow[]> {
  let q = t(db).selectFrom('space_rooms').selectAll();
  if (!opts.includeInactive) q = q.where('active', '=', true);
  return q.orderBy('sort').orderBy('name').execute();
}

export function findRoom(db: Db, id: string): Promise<RoomRow | undefined> {
  return t(db).selectFrom('space_rooms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRoomForUpdate(db: Db, id: string): Promise<RoomRow | undefined> {
  return t(db).selectFrom('space_rooms').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function roomNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let q = t(db).selectFrom('space_rooms').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst().then(Boolean);
}

export function insertRoom(db: Db, row: RoomInsert): Promise<RoomRow> {
  return t(db)
    .insertInto('space_rooms')
    .values({ ...row, opening_hours: JSON.stringify(row.opening_hours), photos: JSON.stringify(row.photos) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateRoom(db: Db, id: string, row: Omit<RoomInsert, 'id'>): Promise<RoomRow> {
  return t(db)
    .updateTable('space_rooms')
    .set({ ...row, opening_hours: JSON.stringify(row.opening_hours), photos: JSON.stringify(row.photos), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function bookings(db: Db) {
  return t(db)
    .selectFrom('space_bookings as b')
    .innerJoin('space_rooms as r', 'r.id', 'b.room_id')
    .select([
      'b.id',
      'b.room_id',
      'b.status',
      'b.requester_user_id',
      'b.organization_id',
      'b.contact_name',
      'b.contact_email',
      'b.contact_phone',
      'b.purpose',
      'b.purpose_public',
      'b.expected_attendees',
      'b.actual_attendees',
      'b.series_id',
      'b.decision_reason',
      'b.decided_by',
      'b.decided_at',
      'b.cancelled_at',
      'b.is_demo',
      'b.created_at',
      'b.updated_at',
      'r.name as room_name',
      sql<Date>`lower(b.during)`.as('starts_at'),
      sql<Date>`upper(b.during)`.as('ends_at'),
    ]);
}

/**
 * Inserts one booking. The exclusion constraint refuses an overlap with a pending or approved
 * booking of the same room (SQLSTATE 23P01), whatever else is running at the same time.
 */
export async function insertBooking(db: Db, row: BookingInsert): Promise<string> {
  const { starts_at, ends_at, ...rest } = row;
  const r = await t(db)
    .insertInto('space_bookings')
    .values({ ...rest, during: sql<string>`tstzrange(${starts_at}::timestamptz, ${ends_at}::timestamptz, '[)')` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function findBooking(db: Db, id: string): Promise<BookingRow | undefined> {
  return bookings(db).where('b.id', '=', id).executeTakeFirst();
}

export async function lockBooking(db: Db, id: string): Promise<void> {
  await t(db).selectFrom('space_bookings').select('id').where('id', '=', id).forUpdate().execute();
}

export interface BookingFilter {
  ids?: string[];
  status?: BookingStatus[];
  roomId?: string;
  /** Bookings overlapping [from, to). */
  from?: string;
  to?: string;
  requesterOrOrganizations?: { userId: string; organizationIds: string[] };
  limit?: number;
  order?: 'start' | 'created';
}

export function listBookings(db: Db, f: BookingFilter): Promise<BookingRow[]> {
  let q = bookings(db);
  if (f.ids) q = q.where('b.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.status?.length) q = q.where('b.status', 'in', f.status);
  if (f.roomId) q = q.where('b.room_id', '=', f.roomId);
  if (f.from) q = q.where(sql<boolean>`upper(b.during) > ${f.from}::timestamptz`);
  if (f.to) q = q.where(sql<boolean>`lower(b.during) < ${f.to}::timestamptz`);
  if (f.requesterOrOrganizations) {
    const { userId, organizationIds } = f.requesterOrOrganizations;
    q = q.where((eb) =>
      eb.or([eb('b.requester_user_id', '=', userId), ...(organizationIds.length ? [eb('b.organization_id', 'in', organizationIds)] : [])]),
    );
  }
  q = f.order === 'created' ? q.orderBy('b.created_at', 'desc').orderBy('b.id') : q.orderBy(sql`lower(b.during)`).orderBy('r.sort');
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

export async function updateBooking(
  db: Db,
  id: string,
  set: { status?: BookingStatus; decision_reason?: string | null; decided_at?: Date; cancelled_at?: Date; actual_attendees?: number; decided_by?: string | null },
): Promise<void> {
  await t(db)
    .updateTable('space_bookings')
    .set({ ...(set as object), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Bookings that count in the statistics (approved or held), per room and Seoul month of a year. */
export async function usageByRoomMonth(db: Db, year: number) {
  const { rows } = await sql<{ room_id: string; month: number; bookings: number; attendees: number; minutes: number }>`
    SELECT b.room_id,
           extract(month FROM lower(b.during) AT TIME ZONE 'Asia/Seoul')::int AS month,
           count(*)::int AS bookings,
           coalesce(sum(coalesce(b.actual_attendees, b.expected_attendees)), 0)::int AS attendees,
           coalesce(sum(extract(epoch FROM upper(b.during) - lower(b.during)) / 60), 0)::int AS minutes
      FROM space_bookings b
     WHERE b.status IN ('approved', 'completed')
       AND lower(b.during) >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Seoul')
       AND lower(b.during) < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Seoul')
     GROUP BY 1, 2`.execute(t(db));
  return rows;
}

export async function deleteDemo(db: Db): Promise<{ bookings: number; rooms: number }> {
  const b = await t(db).deleteFrom('space_bookings').where('is_demo', '=', true).executeTakeFirst();
  // A demo room someone has really booked stays, with its real bookings.
  const r = await t(db)
    .deleteFrom('space_rooms')
    .where('is_demo', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('space_bookings as x').select('x.id').whereRef('x.room_id', '=', 'space_rooms.id'))))
    .executeTakeFirst();
  return { bookings: Number(b.numDeletedRows), rooms: Number(r.numDeletedRows) };
}

export async function insertDemoBookings(db: Db, rows: BookingInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map(({ starts_at, ends_at, ...rest }) => ({
      ...rest,
      during: sql<string>`tstzrange(${starts_at}::timestamptz, ${ends_at}::timestamptz, '[)')`,
    }));
    await t(db).insertInto('space_bookings').values(chunk).execute();
  }
}
