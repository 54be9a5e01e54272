/**
 * Demo procurement catalogue shaped like the 2013 printed catalogue of 565 firms: offerings of demo
 * social economy organisations spread over the product and service categories in proportion to
 * the 2013 table of companies per category (seed lines 1809-1845, data/seed2013/taxonomies.json
 * `procurement_categories`, copied below). Organisations whose industry fits a category are
 * chosen for it first. Deterministic: the same catalogue on every machine.
 */
import type { Db } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import { createCatalogueService, INDUSTRY_FIT, offeringSearchColumns, type OfferingInsert } from '../modules/procurement/index.ts';
import { prng } from './directory.ts';
import { demoPicture } from './pictures.ts';

/**
 * Companies per category in 2013 (seed:1811-1820 products, seed:1828-1844 services; totals 261
 * and 793 at seed:1821 and 1845 — a firm may be counted in several categories). The seed's
 * garbled labels 파목 (seed:1818) and 세자/차량관리 (seed:1833) are read as 피복 and 세차/차량관리.
 */
export const COMPANIES_2013: Record<string, number> = {
  furniture: 6,
  office_supplies: 9,
  household: 37,
  food: 60,
  printing: 31,
  computer_consumables: 4,
  electronics: 8,
  clothing: 20,
  agri_products: 44,
  other_goods: 42,
  care: 26,
  facility_management: 42,
  advertising: 37,
  education: 165,
  media: 32,
  car_care: 10,
  food_beverage: 50,
  energy: 9,
  research: 13,
  laundry: 8,
  logistics: 108,
  staffing: 34,
  recycling: 50,
  events: 50,
  it: 10,
  cleaning: 41,
  other_services: 108,
};

/** Firms in the 2013 printed catalogue (seed). */
export const FIRMS_2013 = 565;

const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];

type Template = [name: string, unit: string, price: number | string, item?: string];
/** What a firm of each category offers: name, unit, price in won (or how it is priced), item. */
const TEMPLATES: Record<string, Template[]> = {
  furniture: [['원목 사무용 책상', '개', 280000, 'furniture'], ['회의용 테이블', '개', 420000, 'furniture'], ['사무용 의자', '개', 130000, 'furniture'], ['재활용 목재 책장', '개', 190000]],
  office_supplies: [['재생 복사용지 A4', '박스', 24000, 'copy_paper'], ['친환경 문구 세트', '세트', 15000, 'office_supplies'], ['사무용 파일·바인더', '묶음', 9000, 'office_supplies']],
  household: [['두루마리 화장지', '박스', 28000, 'toilet_tissue'], ['친환경 주방세제', '박스', 32000, 'detergent'], ['천연 비누 선물세트', '세트', 18000], ['면 수건', '장', 3500]],
  food: [['친환경 식자재 납품', '식', '견적', 'food'], ['전통 장류 세트', '박스', 45000, 'food'], ['지역 농산 가공식품', '박스', 30000, 'food'], ['떡·한과 선물세트', '세트', 25000]],
  printing: [['홍보물 인쇄', '식', '견적', 'printing'], ['책자·보고서 인쇄', '부', 4500, 'printing'], ['현수막 제작', '장', 35000, 'printing'], ['간행물 편집·출판', '식', '견적', 'publishing']],
  computer_consumables: [['재생 토너 카트리지', '개', 38000, 'toner'], ['재생 잉크', '개', 12000, 'toner']],
  electronics: [['LED 조명기구', '개', 45000, 'electronics'], ['재생 PC', '대', 350000, 'electronics'], ['소형 가전 수리', '회', '견적']],
  clothing: [['근무복 제작', '벌', 48000, 'uniforms'], ['작업복', '벌', 39000, 'uniforms'], ['에코백 제작', '개', 6000]],
  agri_products: [['친환경 쌀 10kg', '포대', 38000, 'produce'], ['제철 과일 꾸러미', '박스', 30000, 'produce'], ['유기농 채소 꾸러미', '박스', 25000, 'produce']],
  other_goods: [['공정무역 커피 원두', 'kg', 32000], ['실내 화분', '개', 20000], ['수제 기념품', '개', 12000]],
  care: [['간병 서비스', '시간', '시간당', 'care'], ['가사 돌봄 서비스', '회', 50000, 'care'], ['산모·신생아 돌봄', '일', '견적', 'care']],
  facility_management: [['실내 인테리어 공사', '식', '견적', 'interior'], ['시설물 유지관리', '월', '견적', 'facility_care'], ['집수리', '회', '견적', 'facility_care'], ['조경 관리', '월', '견적', 'facility_care']],
  advertising: [['홍보물 디자인', '건', '견적', 'advertising'], ['온라인 홍보 대행', '월', 1500000, 'advertising'], ['캠페인 기획', '건', '견적', 'advertising']],
  education: [['사회적경제 교육 강의', '회', 300000, 'training'], ['직무 역량 교육', '명', '1인당', 'training'], ['심리 상담', '회', 60000, 'training'], ['청소년 진로 교육', '회', 250000, 'training']],
  media: [['홍보 영상 제작', '편', '견적', 'video'], ['행사 사진 촬영', '회', 300000, 'video'], ['팟캐스트 제작', '편', '견적']],
  car_care: [['출장 손세차', '대', 25000, 'car_wash'], ['차량 실내 소독', '대', 40000, 'car_wash']],
  food_beverage: [['행사 도시락', '개', 8000, 'catering'], ['다과 케이터링', '명', '1인당', 'catering'], ['회의용 커피 배달', '잔', 2500, 'catering']],
  energy: [['LED 교체 공사', '식', '견적', 'energy_efficiency'], ['건물 에너지 진단', '건', '견적', 'energy_efficiency'], ['미니 태양광 설치', '식', '견적']],
  research: [['지역 실태조사 연구용역', '식', '견적', 'research'], ['만족도 조사', '건', '견적', 'research']],
  laundry: [['근무복 세탁', '벌', 3000, 'laundry'], ['침구·커튼 세탁', 'kg', 4000, 'laundry']],
  logistics: [['물품 배송', '건', 15000, 'transport'], ['사무실 이전·운반', '회', '견적', 'transport'], ['공동 물류 대행', '월', '견적', 'transport']],
  staffing: [['행사 인력 지원', '명', '1인당', 'staffing'], ['건물 경비 용역', '월', '견적', 'staffing'], ['주차 관리 인력', '월', '견적', 'staffing']],
  recycling: [['폐기물 수거·재활용', '회', '견적', 'recycling'], ['폐가전 회수', '대', 10000, 'recycling'], ['현수막 재활용 제품', '개', 15000]],
  events: [['행사 기획·운영', '식', '견적', 'events'], ['문화 공연', '회', '견적', 'events'], ['전시 설치·운영', '식', '견적', 'events']],
  it: [['정보시스템 유지보수', '월', '견적', 'it_maintenance'], ['홈페이지 제작', '식', '견적'], ['전산 장비 관리', '월', 500000, 'it_maintenance']],
  cleaning: [['사무실 청소 용역', '회', '견적', 'cleaning'], ['방역·소독', '회', 150000, 'disinfection'], ['계단·화장실 청소', '월', 400000, 'cleaning']],
  other_services: [['번역·통역', '건', '견적'], ['행정 서류 대행', '건', 30000], ['공간 대관 운영', '시간', '시간당']],
};

const DESCRIPTIONS = [
  '사회적경제 기업이 직접 만들고 책임지고 납품합니다',
  '공공기관 납품 경험이 있습니다. 견적과 일정은 상담 후 정합니다',
  '취약계층 일자리를 만드는 기업의 상품·서비스입니다',
  '지역에서 함께 만들어 지역에 공급합니다',
  '소량 주문도 받습니다. 정기 납품은 할인합니다',
];

const CERTS_OF_TYPE: Record<string, string> = { cooperative: 'cooperative', social_enterprise: 'social_enterprise', village_enterprise: 'village_enterprise', self_sufficiency: 'self_sufficiency' };
const EXTRA_CERTS = ['women', 'disabled', 'green', 'excellent_product'] as const;

/** The demo offerings to write, for the given organisations (demo directory). */
export function generateOfferings(
  orgs: { id: string; type: string | null; industry: string | null; district: string | null }[],
  opts: { firms?: number; seed?: number } = {},
): OfferingInsert[] {
  const rand = prng(opts.seed ?? 2013);
  const firms = Math.min(opts.firms ?? FIRMS_2013, orgs.length);
  const total = Object.values(COMPANIES_2013).reduce((a, b) => a + b, 0);
  const used = new Set<string>();
  const rows: OfferingInsert[] = [];
  const codes = Object.keys(COMPANIES_2013);
  // Categories in proportion to the 2013 counts (largest remainder, so they add up to `firms`).
  const exact = codes.map((c) => (COMPANIES_2013[c]! * firms) / total);
  const share = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; share.reduce((a, b) => a + b, 0) < firms; k++) share[order[k % order.length]![1]]! += 1;
  codes.forEach((category, ci) => {
    const fit = new Set(INDUSTRY_FIT[category] ?? []);
    const pool = [...orgs.filter((o) => !used.has(o.id) && o.industry && fit.has(o.industry)), ...orgs.filter((o) => !used.has(o.id) && !(o.industry && fit.has(o.industry)))];
    const kind = ci < 10 ? 'product' : 'service';
    const templates = TEMPLATES[category]!;
    for (const org of pool.slice(0, share[ci])) {
      used.add(org.id);
      const n = 1 + Math.floor(rand.next() * Math.min(3, templates.length));
      const start = Math.floor(rand.next() * templates.length);
      for (let k = 0; k < n; k++) {
        const [name, unit, price, item] = templates[(start + k) % templates.length]!;
        const description = rand.pick(DESCRIPTIONS);
        const certs = [CERTS_OF_TYPE[org.type ?? ''], rand.next() < 0.15 ? rand.pick(EXTRA_CERTS) : undefined].filter((c): c is string => !!c);
        const local = rand.next() < 0.4 && org.district;
        rows.push({
          organization_id: org.id,
          kind,
          category_code: category,
          item_code: item ?? null,
          name,
          description,
          price_won: typeof price === 'number' ? price : null,
          price_basis: typeof price === 'string' ? price : null,
          unit,
          min_order: unit === '박스' || unit === '개' ? rand.pick([1, 5, 10]) : 1,
          delivery_districts: local ? [org.district!] : [],
          certifications: certs,
          photos: [],
          lead_time_days: rand.pick([3, 7, 14, 30]),
          is_demo: true,
          ...offeringSearchColumns(name, description),
        });
      }
    }
  });
  return rows;
}

/** Writes the demo catalogue for the demo directory's social economy organisations; returns how many offerings. */
export async function seedDemoCatalogue(db: Db, opts: { firms?: number; seed?: number } = {}): Promise<number> {
  const ctx = systemContext('demo');
  const directory = createDirectoryService(db);
  const orgs: { id: string; type: string | null; industry: string | null; district: string | null }[] = [];
  for (let page = 1; ; page++) {
    const res = await directory.list(ctx, { type: SEO_TYPES, status: 'operating', sort: 'name', page, pageSize: 200 });
    for (const o of res.items) if (o.isDemo) orgs.push({ id: o.id, type: o.type?.key ?? null, industry: o.industry?.key ?? null, district: o.district?.code ?? null });
    if (page * 200 >= res.total) break;
  }
  // A deterministic shuffle, keeping the first cooperative by name (the demo member's) first.
  const rand = prng(opts.seed ?? 1845);
  const firstCoop = orgs.findIndex((o) => o.type === 'cooperative');
  const head = firstCoop >= 0 ? orgs.splice(firstCoop, 1) : [];
  for (let i = orgs.length - 1; i > 0; i--) {
    const j = Math.floor(rand.next() * (i + 1));
    [orgs[i], orgs[j]] = [orgs[j]!, orgs[i]!];
  }
  const rows = generateOfferings([...head, ...orgs], opts);
  const catalogue = createCatalogueService(db);
  // The first offering of each category gets a sample picture, uploaded for its organisation as a member's photo is.
  const pictured = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (pictured.has(r.category_code)) continue;
    pictured.add(r.category_code);
    const up = await catalogue.uploadPhoto(ctx, r.organization_id, demoPicture(i));
    r.photos = [{ url: up.url, alt: `${r.name}: 예시 그림 (색 도형, 실제 상품 사진 아님)` }];
  }
  return catalogue.seedDemo(ctx, rows);
}

/** Removes every demo offering. */
export function removeDemoCatalogue(db: Db): Promise<number> {
  return createCatalogueService(db).removeDemo(systemContext('demo'));
}
