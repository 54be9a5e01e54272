/**
 * Demo 맺음 service shaped like the 2013 report (seed lines 2038-2125): 8 supplier organisations
 * of the demo directory and one intermediary, 28 bundles and 55 single items of office and event
 * refreshments (rice cakes, fruit, drinks, snacks, lunch boxes …), and 95 orders from March to
 * December 2013 by demo buying institutions — most paid, a few still in progress — for sales of
 * about 1.6 million won a month (월 평균 160만원). Deterministic: the same data on every machine.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { normalizeForSearch } from '../kernel/hangul.ts';
import { MemoryMailer } from '../kernel/mail.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import { createIdentityService, DEFAULT_IDENTITY_CONFIG } from '../modules/identity/index.ts';
import { createOrdersService, type SubOrderStatus } from '../modules/orders/index.ts';
import { createCatalogueService } from '../modules/procurement/index.ts';
import { prng } from './directory.ts';
import { demoPicture } from './pictures.ts';

/** Demo buying institutions (created when procurement has none of these names yet). */
export const DEMO_INSTITUTIONS = [
  { name: '서울특별시', kind: 'city', district: null },
  { name: '은평구청', kind: 'district', district: '11380' },
  { name: '도봉구청', kind: 'district', district: '11320' },
  { name: '성북구청', kind: 'district', district: '11290' },
  { name: '송파구청', kind: 'district', district: '11710' },
  { name: '서울시설공단', kind: 'agency', district: null },
] as const;

/** Each supplier's line of products: name, unit, unit price in won. */
const SUPPLIERS: { theme: string; items: [string, string, number][] }[] = [
  { theme: '떡', items: [['모둠 설기', '팩', 2500], ['꿀떡', '팩', 2000], ['인절미', '팩', 2300], ['약식', '개', 1800], ['바람떡', '팩', 2000], ['송편', '팩', 2800], ['영양찰떡', '개', 1500]] },
  { theme: '과일', items: [['제철 과일컵', '컵', 1800], ['방울토마토 컵', '컵', 1500], ['사과 조각', '팩', 1600], ['귤', '봉', 3000], ['포도', '송이', 3500], ['모둠 과일 도시락', '개', 4500], ['바나나', '개', 700]] },
  { theme: '음료', items: [['유기농 사과주스', '병', 900], ['배도라지차', '병', 1200], ['생수', '병', 400], ['식혜', '병', 1300], ['오미자차', '병', 1400], ['매실음료', '병', 1100], ['두유', '팩', 800]] },
  { theme: '과자', items: [['수제 쿠키', '봉', 1500], ['우리밀 머핀', '개', 2000], ['쌀과자', '봉', 1000], ['마들렌', '개', 1300], ['누룽지 과자', '봉', 1200], ['양갱', '개', 1100], ['파운드 케이크', '조각', 1800]] },
  { theme: '도시락', items: [['제육 도시락', '개', 7000], ['채식 비빔 도시락', '개', 6500], ['불고기 도시락', '개', 7500], ['김밥', '줄', 2500], ['주먹밥', '개', 1800], ['유부초밥', '팩', 3000], ['샐러드', '개', 4500]] },
  { theme: '커피', items: [['공정무역 드립백', '개', 900], ['원두커피 (1리터)', '병', 9000], ['유기농 녹차', '티백', 300], ['보리차', '병', 700], ['핫초코', '잔', 1500], ['허브차', '티백', 400], ['콜드브루', '병', 2500]] },
  { theme: '한과', items: [['유과', '봉', 2200], ['약과', '개', 1000], ['견과 한 줌', '봉', 1200], ['강정', '봉', 1800], ['곶감', '개', 1500], ['호두정과', '봉', 2500], ['전통 다식', '상자', 4000]] },
  { theme: '빵', items: [['우리밀 샌드위치', '개', 3500], ['모닝빵', '개', 700], ['소보로빵', '개', 1200], ['베이글', '개', 1800], ['카스텔라', '조각', 1500], ['치즈 스콘', '개', 2200]] },
];

/** The 28 bundles: each names [supplier index, item index, quantity] parts. */
const BUNDLES: { name: string; parts: [number, number, number][]; min: number; lead: number }[] = [
  { name: '회의 다과 꾸러미 (기본)', parts: [[0, 0, 1], [1, 0, 1], [2, 0, 1]], min: 10, lead: 2 },
  { name: '회의 다과 꾸러미 (전통)', parts: [[0, 1, 1], [6, 1, 1], [2, 1, 1]], min: 10, lead: 2 },
  { name: '회의 다과 꾸러미 (제과)', parts: [[3, 0, 1], [3, 1, 1], [5, 0, 1]], min: 10, lead: 2 },
  { name: '오전 회의 빵 꾸러미', parts: [[7, 0, 1], [2, 6, 1], [1, 1, 1]], min: 10, lead: 2 },
  { name: '행사 도시락 꾸러미 A', parts: [[4, 0, 1], [2, 2, 1], [1, 0, 1]], min: 20, lead: 3 },
  { name: '행사 도시락 꾸러미 B (채식)', parts: [[4, 1, 1], [2, 4, 1], [1, 2, 1]], min: 20, lead: 3 },
  { name: '행사 도시락 꾸러미 C', parts: [[4, 2, 1], [2, 3, 1], [6, 1, 1]], min: 20, lead: 3 },
  { name: '김밥 간식 꾸러미', parts: [[4, 3, 1], [2, 2, 1], [3, 2, 1]], min: 20, lead: 2 },
  { name: '워크숍 하루 꾸러미', parts: [[4, 0, 1], [0, 0, 1], [1, 0, 1], [5, 0, 2]], min: 15, lead: 4 },
  { name: '교육 간식 꾸러미', parts: [[3, 4, 1], [2, 6, 1], [6, 2, 1]], min: 20, lead: 2 },
  { name: '전통 다과상 꾸러미', parts: [[6, 0, 1], [6, 3, 1], [0, 5, 1], [2, 3, 1]], min: 10, lead: 3 },
  { name: '명절 인사 꾸러미', parts: [[6, 6, 1], [0, 5, 1], [2, 4, 1]], min: 10, lead: 5 },
  { name: '과일 건강 꾸러미', parts: [[1, 5, 1], [2, 1, 1], [6, 2, 1]], min: 10, lead: 2 },
  { name: '커피 브레이크 꾸러미', parts: [[5, 1, 1], [3, 3, 2], [7, 5, 1]], min: 1, lead: 2 },
  { name: '차 한 잔 꾸러미', parts: [[5, 2, 2], [6, 1, 1], [3, 5, 1]], min: 10, lead: 2 },
  { name: '아침 샌드위치 꾸러미', parts: [[7, 0, 1], [2, 0, 1], [1, 6, 1]], min: 10, lead: 2 },
  { name: '베이커리 모둠 꾸러미', parts: [[7, 1, 2], [7, 2, 1], [3, 6, 1], [5, 0, 1]], min: 10, lead: 2 },
  { name: '어린이 행사 꾸러미', parts: [[3, 0, 1], [1, 1, 1], [2, 6, 1]], min: 20, lead: 2 },
  { name: '어르신 행사 꾸러미', parts: [[0, 2, 1], [2, 1, 1], [1, 3, 1]], min: 20, lead: 3 },
  { name: '현장 방문 간식 꾸러미', parts: [[4, 4, 2], [2, 2, 1], [6, 2, 1]], min: 10, lead: 2 },
  { name: '세미나 다과 꾸러미', parts: [[3, 1, 1], [6, 4, 1], [5, 0, 1]], min: 10, lead: 2 },
  { name: '주민 총회 꾸러미', parts: [[0, 3, 1], [3, 2, 1], [2, 5, 1]], min: 30, lead: 3 },
  { name: '박람회 시식 꾸러미', parts: [[0, 6, 1], [3, 4, 1], [6, 5, 1], [2, 2, 1]], min: 30, lead: 4 },
  { name: '여름 행사 꾸러미', parts: [[5, 6, 1], [1, 4, 1], [3, 2, 1]], min: 10, lead: 2 },
  { name: '겨울 행사 꾸러미', parts: [[5, 4, 1], [6, 4, 1], [0, 4, 1]], min: 10, lead: 2 },
  { name: '유기농 건강 꾸러미', parts: [[2, 0, 1], [4, 6, 1], [7, 3, 1]], min: 10, lead: 3 },
  { name: '점심 회의 꾸러미', parts: [[4, 5, 1], [4, 6, 1], [2, 2, 1], [1, 0, 1]], min: 10, lead: 3 },
  { name: '귀빈 접대 꾸러미', parts: [[6, 6, 1], [5, 1, 1], [1, 5, 1], [0, 5, 1]], min: 5, lead: 4 },
];

/** Orders a month, March to December 2013 (the service grew after its August launch). */
const ORDERS_PER_MONTH = [4, 5, 6, 7, 9, 11, 12, 13, 14, 14] as const;

const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Writes the demo 맺음 service. `accounts`: the demo users by e-mail; buyer@demo.sehub.kr becomes an
 * officer of 서울특별시 and supplier@demo.sehub.kr an owner of the first supplier, when present.
 */
export async function seedDemoOrders(db: Db, accounts: { id: string; email: string }[] = [], opts: { seed?: number } = {}): Promise<{ bundles: number; orders: number }> {
  const ctx = systemContext('demo');
  const directory = createDirectoryService(db);
  const rand = prng(opts.seed ?? 2038);

  // Suppliers: social enterprises of the demo directory; the intermediary: a cooperative.
  const ses = (await directory.list(ctx, { type: ['social_enterprise'], sort: 'name', page: 1, pageSize: 40 })).items.filter((o) => o.isDemo);
  const coops = (await directory.list(ctx, { type: ['cooperative'], sort: 'name', page: 1, pageSize: 5 })).items.filter((o) => o.isDemo);
  if (ses.length < 8 || coops.length < 2) return { bundles: 0, orders: 0 };
  // Spread over the list so that the names differ in more than their last syllable.
  const suppliers = Array.from({ length: 8 }, (_, i) => ses[i * 5]!.id);
  const intermediary = coops[1]!.id; // coops[0] is the demo member's own organisation

  for (const i of DEMO_INSTITUTIONS) {
    await sql`INSERT INTO procurement_institutions (name, name_key, kind, district_code)
      VALUES (${i.name}, ${normalizeForSearch(i.name)}, ${i.kind}, ${i.district})
      ON CONFLICT (name_key) DO NOTHING`.execute(db);
  }
  const insts = await sql<{ id: string; name: string }>`SELECT id, name FROM procurement_institutions WHERE name_key IN (${sql.join(
    DEMO_INSTITUTIONS.map((i) => normalizeForSearch(i.name)),
  )})`.execute(db);
  const institutions = DEMO_INSTITUTIONS.map((d) => insts.rows.find((r) => r.name === d.name)!).filter(Boolean);
  const buyer = accounts.find((a) => a.email === 'buyer@demo.sehub.kr');
  const city = institutions.find((i) => i.name === '서울특별시')!;
  if (buyer) await sql`INSERT INTO procurement_officers (institution_id, user_id) VALUES (${city.id}, ${buyer.id}) ON CONFLICT DO NOTHING`.execute(db);
  const supplierAccount = accounts.find((a) => a.email === 'supplier@demo.sehub.kr');
  if (supplierAccount) {
    const identity = createIdentityService(db, new MemoryMailer(), DEFAULT_IDENTITY_CONFIG);
    await identity.setMember(ctx, suppliers[0]!, { userId: supplierAccount.id, role: 'owner' });
  }

  // 28 bundles (MA-01…) and 55 single items (SI-01…).
  type Seeded = Parameters<ReturnType<typeof createOrdersService>['seedDemo']>[1]['bundles'][number];
  const bundles: (Seeded & { min: number; lead: number; price: number })[] = [];
  // Each bundle shows a sample picture uploaded for the intermediary, as its members would upload a photo.
  const catalogue = createCatalogueService(db);
  const pictures: string[] = [];
  for (let i = 0; i < BUNDLES.length; i++) pictures.push((await catalogue.uploadPhoto(ctx, intermediary, demoPicture(i + 3))).url);
  const photo = (i: number, what: string) => [{ url: pictures[i]!, alt: `${what}: 예시 그림 (색 도형, 실제 상품 사진 아님)` }];
  BUNDLES.forEach((b, i) => {
    const components = b.parts.map(([s, k, q], p) => {
      const [name, unit, price] = SUPPLIERS[s]!.items[k]!;
      return { position: p + 1, supplier_org_id: suppliers[s]!, offering_id: null, name, unit, quantity: q, unit_price: price };
    });
    const code = `MA-${String(i + 1).padStart(2, '0')}`;
    bundles.push({
      row: {
        id: randomUUID(),
        code,
        name: `맺음 ${b.name}`,
        description: `${components.map((c) => `${c.name} ${c.quantity}${c.unit}`).join(', ')} — 사회적경제기업 ${new Set(b.parts.map((p) => p[0])).size}곳이 함께 만든 꾸러미`,
        intermediary_org_id: intermediary,
        photos: photo(i, `맺음 ${b.name}`),
        lead_time_days: b.lead,
        min_quantity: b.min,
      },
      components,
      min: b.min,
      lead: b.lead,
      price: components.reduce((s, c) => s + c.quantity * c.unit_price, 0),
    });
  });
  let n = 0;
  SUPPLIERS.forEach((s, si) =>
    s.items.forEach(([name, unit, price]) => {
      n++;
      bundles.push({
        row: { id: randomUUID(), code: `SI-${String(n).padStart(2, '0')}`, name, description: `${s.theme} · ${unit} 단위 낱개 상품`, intermediary_org_id: intermediary, lead_time_days: 2, min_quantity: 5 },
        components: [{ position: 1, supplier_org_id: suppliers[si]!, offering_id: null, name, unit, quantity: 1, unit_price: price }],
        min: 5,
        lead: 2,
        price,
      });
    }),
  );
  const packs = bundles.slice(0, BUNDLES.length);
  const singles = bundles.slice(BUNDLES.length);

  const places = ['대회의실', '소회의실', '교육장', '강당', '민원실', '3층 세미나실'];
  const contacts = ['김지영', '이민호', '박서연', '최준호', '정하은', '강도윤'];
  const orders: Parameters<ReturnType<typeof createOrdersService>['seedDemo']>[1]['orders'] = [];
  const total = ORDERS_PER_MONTH.reduce((a, b) => a + b, 0);
  let k = 0;
  ORDERS_PER_MONTH.forEach((count, mi) => {
    const month = 3 + mi;
    for (let j = 0; j < count; j++, k++) {
      const on = day(2013, month, 1 + Math.floor(((j + rand.next()) * 27) / count));
      const inst = institutions[k % 5 === 0 ? 0 : rand.int(0, institutions.length - 1)]!;
      const pack = rand.pick(packs);
      const lines = [{ bundleId: pack.row.id, quantity: Math.max(pack.min, rand.int(12, 34)) }];
      if (rand.next() < 0.3) {
        const single = rand.pick(singles);
        lines.push({ bundleId: single.row.id, quantity: rand.int(10, 30) });
      }
      const delivery = plus(on, pack.lead + rand.int(0, 3));
      const left = total - k; // the last orders of December are still under way
      const cancelled = k === 61;
      const progress = (supplierId: string): { status: SubOrderStatus; deliveredOn?: string; invoicedOn?: string; invoiceNo?: string; paidOn?: string } => {
        if (cancelled) return { status: 'cancelled' };
        const stages: SubOrderStatus[] = ['received', 'confirmed', 'delivered', 'invoiced', 'paid'];
        const reached = left <= 6 ? Math.min(4, Math.max(0, 6 - left - (supplierId === suppliers[0] ? 1 : 0))) : 4;
        const status = stages[reached]!;
        const invoicedOn = plus(delivery, 3);
        return {
          status,
          ...(reached >= 2 ? { deliveredOn: delivery } : {}),
          ...(reached >= 3 ? { invoicedOn, invoiceNo: `맺음-청구-${on.slice(0, 7)}-${String(k + 1).padStart(3, '0')}` } : {}),
          ...(reached >= 4 ? { paidOn: plus(invoicedOn, 10) } : {}),
        };
      };
      orders.push({
        createdAt: new Date(`${on}T10:00:00+09:00`),
        institutionId: inst.id,
        orderedBy: inst.id === city.id && buyer ? buyer.id : null,
        deliveryDate: delivery,
        deliveryPlace: `${inst.name} ${places[k % places.length]}`,
        contactName: contacts[k % contacts.length]!,
        contactPhone: `02-${String(2100 + (k % 800)).padStart(4, '0')}-${String(1000 + ((k * 37) % 9000)).padStart(4, '0')}`,
        lines,
        progress,
      });
    }
  });
  return createOrdersService({ db }).seedDemo(ctx, { bundles: bundles.map(({ row, components }) => ({ row, components })), orders });
}

/** Removes the demo orders and bundles. */
export function removeDemoOrders(db: Db): Promise<{ orders: number; bundles: number }> {
  return createOrdersService({ db }).removeDemo(systemContext('demo'));
}
