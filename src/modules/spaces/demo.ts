import type { Db } from '../../db/engine.ts';
import { systemContext } from '../../kernel/context.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './repository.ts';
import type { RoomInput } from './schema.ts';
import { createSpacesService } from './service.ts';
import { addDays, isoWeekday, seoulInstant } from './time.ts';

/**
 * The hub's shared rooms as the 2013 report names them (서로배움터 1-3 for the academy, seminars and
 * meetings; 스페이스류, a café-style work space by day and an event space at night and at weekends).
 * Capacities, equipment and hours are plausible inventions, so the rooms are marked as demo data.
 */
const WEEKDAYS_LATE: RoomInput['openingHours'] = { '1': ['09:00', '22:00'], '2': ['09:00', '22:00'], '3': ['09:00', '22:00'], '4': ['09:00', '22:00'], '5': ['09:00', '22:00'], '6': ['10:00', '18:00'] };
export const DEMO_ROOMS: RoomInput[] = [
  {
    name: '서로배움터 1',
    nameEn: 'Seorobaeumteo 1 (learning room)',
    description: '사회적경제 아카데미, 세미나, 강연회에 쓰는 가장 큰 교육장입니다. (데모 자료)',
    capacity: 60,
    equipment: ['빔프로젝터', '스크린', '무선 마이크', '화이트보드'],
    floor: '2층',
    openingHours: WEEKDAYS_LATE,
    rules: '음식물 반입은 다과만 가능합니다. 사용 후 책상 배치를 원래대로 돌려 주세요.',
    bookableBy: 'public',
    photos: [],
    active: true,
    sort: 1,
  },
  {
    name: '서로배움터 2',
    nameEn: 'Seorobaeumteo 2 (workshop room)',
    description: '워크숍과 모둠 활동에 알맞은 교육장입니다. (데모 자료)',
    capacity: 40,
    equipment: ['빔프로젝터', '화이트보드', '이동식 책상'],
    floor: '2층',
    openingHours: WEEKDAYS_LATE,
    rules: '음식물 반입은 다과만 가능합니다.',
    bookableBy: 'public',
    photos: [],
    active: true,
    sort: 2,
  },
  {
    name: '서로배움터 3',
    nameEn: 'Seorobaeumteo 3 (meeting room)',
    description: '회의와 소규모 세미나를 위한 방입니다. (데모 자료)',
    capacity: 30,
    equipment: ['TV 모니터', '화이트보드'],
    floor: '2층',
    openingHours: WEEKDAYS_LATE,
    rules: '회의 후 정리 정돈을 부탁드립니다.',
    bookableBy: 'members',
    photos: [],
    active: true,
    sort: 3,
  },
  {
    name: '스페이스류',
    nameEn: 'Space Ryu (café and event space)',
    description: '낮에는 카페형 업무 공간, 밤과 주말에는 콜로키움·상영회 같은 행사 공간입니다. (데모 자료)',
    capacity: 80,
    equipment: ['음향 설비', '빔프로젝터', '스크린', '무대'],
    floor: '1층',
    openingHours: { ...WEEKDAYS_LATE, '6': ['10:00', '22:00'], '7': ['10:00', '22:00'] },
    rules: '행사 대관은 저녁(18시 이후)과 주말에 받습니다.',
    bookableBy: 'public',
    photos: [],
    active: true,
    sort: 4,
  },
];

/** The 2013 report: 공간 대관 (4~12월) 서로배움터 1~3: 709건, 14,392명 / 스페이스류: 89건, 3,299명. */
export const DEMO_2013 = {
  from: '2013-04-01',
  to: '2013-12-31',
  learningRooms: { bookings: 709, attendees: 14_392, split: [260, 240, 209] },
  spaceRyu: { bookings: 89, attendees: 3_299 },
  source: 'seed/000_f3958101fa730965.txt:1234',
} as const;

const PURPOSES = ['사회적경제 아카데미', '협동조합 설립 교육', '협의회 정기 회의', '워크숍', '세미나', '네트워크 모임', '사례 발표회', '청년혁신활동가 교육', '반상회', '공개 강연'];
const EVENT_PURPOSES = ['콜로키움', '상영회', '소셜다이닝', '사회혁신기업가포럼', '공유회', 'Social Night'];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n whole numbers in [1, caps[i]] that add up to exactly `total`, shaped by random weights. */
function distribute(total: number, caps: number[], rand: () => number): number[] {
  const weights = caps.map((c) => c * (0.25 + rand()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w, i) => Math.max(1, Math.min(caps[i]!, Math.round((total * w) / sum))));
  let diff = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % out.length) {
    if (diff > 0 && out[i]! < caps[i]!) {
      out[i]!++;
      diff--;
    } else if (diff < 0 && out[i]! > 1) {
      out[i]!--;
      diff++;
    }
  }
  return out;
}

type Slot = { date: string; start: string; end: string };

function candidateSlots(kind: 'learning' | 'event'): Slot[] {
  const slots: Slot[] = [];
  for (let d: string = DEMO_2013.from; d <= DEMO_2013.to; d = addDays(d, 1)) {
    const w = isoWeekday(d);
    if (kind === 'learning') {
      if (w <= 5) slots.push({ date: d, start: '10:00', end: '12:00' }, { date: d, start: '14:00', end: '17:00' }, { date: d, start: '19:00', end: '21:30' });
      else if (w === 6) slots.push({ date: d, start: '10:00', end: '13:00' }, { date: d, start: '14:00', end: '17:00' });
    } else if (w <= 5) slots.push({ date: d, start: '19:00', end: '21:30' });
    else slots.push({ date: d, start: '14:00', end: '18:00' });
  }
  return slots;
}

function pick<T>(xs: T[], n: number, rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/** The demo bookings for the given rooms (in DEMO_ROOMS order), deterministic for a seed. */
export function generateDemoBookings(rooms: { id: string; capacity: number }[], seed = 1234): repo.BookingInsert[] {
  const rand = mulberry32(seed);
  const rows: repo.BookingInsert[] = [];
  const plan: { room: { id: string; capacity: number }; slots: Slot[]; purposes: string[] }[] = [];
  const learning = candidateSlots('learning');
  DEMO_2013.learningRooms.split.forEach((n, i) => plan.push({ room: rooms[i]!, slots: pick(learning, n, rand), purposes: PURPOSES }));
  plan.push({ room: rooms[3]!, slots: pick(candidateSlots('event'), DEMO_2013.spaceRyu.bookings, rand), purposes: EVENT_PURPOSES });
  const learningCaps = plan.slice(0, 3).flatMap((p) => p.slots.map(() => p.room.capacity));
  const learningCounts = distribute(DEMO_2013.learningRooms.attendees, learningCaps, rand);
  const ryuCounts = distribute(DEMO_2013.spaceRyu.attendees, plan[3]!.slots.map(() => rooms[3]!.capacity), rand);
  const counts = [...learningCounts, ...ryuCounts];
  let k = 0;
  for (const p of plan) {
    for (const s of [...p.slots].sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start))) {
      const n = counts[k++]!;
      const purpose = p.purposes[Math.floor(rand() * p.purposes.length)]!;
      const org = 1 + Math.floor(rand() * 60);
      rows.push({
        room_id: p.room.id,
        starts_at: seoulInstant(s.date, s.start).toISOString(),
        ends_at: seoulInstant(s.date, s.end).toISOString(),
        status: 'completed',
        requester_user_id: null,
        organization_id: null,
        contact_name: `데모 단체 ${org}`,
        contact_email: `booking${org}@demo.sehub.kr`,
        contact_phone: null,
        purpose,
        purpose_public: rand() < 0.5,
        expected_attendees: n,
        actual_attendees: n,
        series_id: null,
        decision_reason: null,
        decided_by: null,
        decided_at: new Date(seoulInstant(addDays(s.date, -3), '10:00')),
        cancelled_at: null,
        is_demo: true,
      });
    }
  }
  return rows;
}

/**
 * Adds the demo rooms and their April–December 2013 bookings (completed, with attendance), unless
 * demo rooms are there already. Returns how many bookings were added.
 */
export async function seedDemoSpaces(db: Db): Promise<{ rooms: number; bookings: number }> {
  const ctx = systemContext('demo');
  const spaces = createSpacesService({ db });
  const existing = await spaces.listRooms(ctx, { all: true });
  if (existing.some((r) => r.isDemo)) return { rooms: 0, bookings: 0 };
  const rooms = [];
  for (const r of DEMO_ROOMS) rooms.push(existing.find((x) => x.name === r.name) ?? (await spaces.createRoom(ctx, r, { isDemo: true })));
  const rows = generateDemoBookings(rooms);
  await db.transaction().execute(async (trx) => {
    await repo.insertDemoBookings(trx, rows);
    await recordAudit(trx, ctx, { action: 'space.demo_seed', entityType: 'space_booking', entityId: null, before: null, after: { bookings: rows.length, source: DEMO_2013.source } });
  });
  return { rooms: rooms.length, bookings: rows.length };
}
