import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../kernel/context.ts';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../../test/helpers.ts';
import { createSpacesService, DEMO_2013, seedDemoSpaces } from './index.ts';

describeEngines('spaces demo 2013', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('reproduces the report’s room use for April–December 2013 and is removable', async () => {
    expect(await seedDemoSpaces(database.db)).toEqual({ rooms: 4, bookings: 798 });
    expect(await seedDemoSpaces(database.db)).toEqual({ rooms: 0, bookings: 0 });
    const spaces = createSpacesService({ db: database.db });
    const ctx = systemContext('test');
    const u = await spaces.usage(ctx, 2013);
    const room = (name: string) => u.byRoom.find((r) => r.roomName === name)!;
    const learning = ['서로배움터 1', '서로배움터 2', '서로배움터 3'].map(room);
    expect(learning.reduce((a, r) => a + r.bookings, 0)).toBe(DEMO_2013.learningRooms.bookings); // 709
    expect(learning.reduce((a, r) => a + r.attendees, 0)).toBe(DEMO_2013.learningRooms.attendees); // 14,392
    expect(room('스페이스류')).toMatchObject({ bookings: 89, attendees: 3_299 });
    expect(u.total).toMatchObject({ bookings: 798, attendees: 17_691 });
    // Nothing before April; every booking within its room's capacity and hours (the service's own rules).
    expect(u.rows.filter((r) => r.month < 4).every((r) => r.bookings === 0)).toBe(true);
    expect(u.rows.every((r) => r.occupancy === null || (r.occupancy >= 0 && r.occupancy <= 1))).toBe(true);
    const rooms = await spaces.listRooms(ctx);
    for (const r of rooms) {
      const bookings = await spaces.listBookings(ctx, { roomId: r.id, from: '2013-01-01', to: '2013-12-31', limit: 500 });
      for (const b of bookings) {
        expect(b.actualAttendees!).toBeLessThanOrEqual(r.capacity);
        const span = r.openingHours[String(((new Date(`${b.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1)]!;
        expect(b.start >= span[0] && b.end <= span[1], `${r.name} ${b.date} ${b.start}`).toBe(true);
      }
    }

    expect(await spaces.removeDemo(ctx)).toEqual({ bookings: 798, rooms: 4 });
    expect((await spaces.usage(ctx, 2013)).total.bookings).toBe(0);
  });
});
