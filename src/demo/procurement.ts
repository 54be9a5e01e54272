/**
 * The demo year's public purchases (2013), shaped on the Seoul Social Economy Support Center's 2013
 * report (서울특별시 사회적경제지원센터 2013 성과보고서, lines 1560-1731): Seoul bought 580억 won from
 * social economy organisations (SEOs) against a 500억 target (seed:1715), about 1 % of its purchases
 * (seed:1716), and the 10 priority items (서울시 재무국 10대 중점관리 품목) came out as printed in the table
 * at seed:1724-1727. The records are generated here from those few constants — deterministic, about
 * 20,000 rows — and loaded through the records importer as a CSV, like a staff import.
 *
 * Per priority item the purchases from SEOs equal the printed 백만원 figure to the won, and all purchases
 * of the item are chosen so that the SEO share is the printed percent (실내건축's 0.1 % included, which
 * makes 5.2조 won of interior works: the report's anomaly T03, kept and flagged by the analytics).
 */
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Database } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { withBusinessRegCheckDigit } from '../kernel/korea.ts';
import { PRINTED_2013 } from '../modules/procurement/analytics/labels.ts';
import { createRecordsService, supplierNameKey } from '../modules/procurement/records/index.ts';
import { prng } from './directory.ts';

export const DEMO_PROCUREMENT_YEAR = 2013;
/** All purchases from SEOs in 2013 (580억, seed:1715) and the city-wide target (500억). */
export const DEMO_SEO_TOTAL = 58_000_000_000;
export const DEMO_CITY_TARGET = 50_000_000_000;
/** All of the city's purchases: SEOs were about 1 % of them (seed:1716). */
const ALL_PURCHASES = 5_800_000_000_000;

/**
 * The buyers: the city (본청 as 서울특별시, 실·국, 사업소), the 25 구청 with their 행정표준기관코드, a few
 * agencies; weight = share of rows. Named as the orders demo names its buyers (서울특별시, 은평구청, …),
 * so that both demos share the institutions.
 */
const CITY = ['본청', '재무국', '복지건강실', '경제진흥본부', '문화관광디자인본부', '기후환경본부', '행정국', '상수도사업본부', '서울대공원', '어린이병원'];
const GU = ['종로구', '중구', '용산구', '성동구', '광진구', '동대문구', '중랑구', '성북구', '강북구', '도봉구', '노원구', '은평구', '서대문구', '마포구', '양천구', '강서구', '구로구', '금천구', '영등포구', '동작구', '관악구', '서초구', '강남구', '송파구', '강동구'];
const AGENCIES = ['서울시설공단', 'SH공사', '서울메트로', '서울의료원', '세종문화회관', '서울산업진흥원'];
/** Institutions whose records stay with their officers and the centre (records_public = false). */
export const DEMO_PRIVATE_INSTITUTIONS = ['서울특별시 어린이병원', 'SH공사'];

export const DEMO_INSTITUTIONS: { name: string; code: string; weight: number }[] = [
  ...CITY.map((c, i) => ({ name: i === 0 ? '서울특별시' : `서울특별시 ${c}`, code: i === 0 ? '6110000' : `6110000-${String(i).padStart(2, '0')}`, weight: i === 0 ? 8 : 3 })),
  ...GU.map((g, i) => ({ name: `${g}청`, code: String(3_000_000 + i * 10_000), weight: 2 })),
  ...AGENCIES.map((a, i) => ({ name: a, code: `B55${String(i + 1).padStart(4, '0')}`, weight: 2 })),
];

interface DemoItem {
  label: string;
  contractType: '물품' | '용역' | '공사';
  /** purchases from SEOs, won */
  seo: number;
  /** printed share in percent (priority items), or the weight of the item in the other purchases */
  share?: number;
  weight?: number;
}

const PRIORITY_LABELS: Record<string, [string, DemoItem['contractType']]> = {
  copy_paper: ['복사용지', '물품'],
  office_supplies: ['사무용품', '물품'],
  toilet_tissue: ['화장지', '물품'],
  detergent: ['세제', '물품'],
  food: ['식품', '물품'],
  printing: ['인쇄', '용역'],
  care: ['간병', '용역'],
  interior: ['실내건축', '공사'],
  events: ['행사·공연', '용역'],
  cleaning: ['청소', '용역'],
};
const PRIORITY: DemoItem[] = PRINTED_2013.items.map((p) => ({ label: PRIORITY_LABELS[p.itemCode]![0], contractType: PRIORITY_LABELS[p.itemCode]![1], seo: p.seoAmount, share: p.share }));

/** The other items: purchases from SEOs (adding up to 580억 with the priority items' 297.7억) and a weight for all purchases. */
const OTHER: DemoItem[] = [
  { label: '도시락·다과', contractType: '물품', seo: 4_000_000_000, weight: 3 },
  { label: '농산물', contractType: '물품', seo: 3_500_000_000, weight: 4 },
  { label: '교육', contractType: '용역', seo: 3_000_000_000, weight: 5 },
  { label: '시설관리', contractType: '용역', seo: 3_000_000_000, weight: 20 },
  { label: '광고·홍보', contractType: '용역', seo: 2_500_000_000, weight: 8 },
  { label: '가구', contractType: '물품', seo: 2_200_000_000, weight: 5 },
  { label: '재활용', contractType: '용역', seo: 1_800_000_000, weight: 4 },
  { label: '영상제작', contractType: '용역', seo: 1_500_000_000, weight: 3 },
  { label: '세탁', contractType: '용역', seo: 1_200_000_000, weight: 1 },
  { label: '방역·소독', contractType: '용역', seo: 1_000_000_000, weight: 2 },
  { label: '피복·근무복', contractType: '물품', seo: 1_000_000_000, weight: 2 },
  { label: '출판', contractType: '물품', seo: 1_000_000_000, weight: 2 },
  { label: '인력파견', contractType: '용역', seo: 800_000_000, weight: 6 },
  { label: '토너·잉크', contractType: '물품', seo: 700_000_000, weight: 2 },
  { label: '세차', contractType: '용역', seo: 530_000_000, weight: 1 },
  { label: '운송', contractType: '용역', seo: 500_000_000, weight: 3 },
  { label: '전자제품', contractType: '물품', seo: 0, weight: 6 },
  { label: '정보시스템 유지보수', contractType: '용역', seo: 0, weight: 12 },
  { label: '연구용역', contractType: '용역', seo: 0, weight: 5 },
  { label: '에너지효율화', contractType: '공사', seo: 0, weight: 6 },
];

/** Per-institution targets of 2013 (overall, and one per item), besides the city-wide 500억. */
export const DEMO_TARGETS: { institution: string | null; itemCode: string | null; amount: number }[] = [
  { institution: null, itemCode: null, amount: DEMO_CITY_TARGET },
  { institution: null, itemCode: 'copy_paper', amount: 3_000_000_000 },
  { institution: '서울특별시', itemCode: null, amount: 9_000_000_000 },
  { institution: '종로구청', itemCode: null, amount: 1_000_000_000 },
  { institution: '강동구청', itemCode: null, amount: 1_500_000_000 },
  { institution: '강동구청', itemCode: 'cleaning', amount: 100_000_000 },
  { institution: 'SH공사', itemCode: null, amount: 1_200_000_000 },
];

const PRIVATE_FIRST = ['한결', '새빛', '동진', '태양', '청림', '대원', '성진', '유진', '금성', '한라', '백두', '명성', '삼화', '경일', '보람', '정우'];
const PRIVATE_SECOND = ['상사', '산업', '유통', '종합건설', '인테리어', '기획', '인쇄', '테크', '물산', '식품', '환경', '시스템'];
const FORMS = ['(주)', '주식회사 ', '', '(유)'];
const SEO_METHODS = ['수의계약', '수의계약', '수의계약', '수의계약', '제한경쟁', '일반경쟁'];
const OTHER_METHODS = ['수의계약', '수의계약', '일반경쟁', '일반경쟁', '일반경쟁', '제한경쟁', '지명경쟁', '기타'];

/** `total` won in `n` integer parts of random sizes (a multiple of 1,000 each but the last). */
function split(r: ReturnType<typeof prng>, total: number, n: number): number[] {
  const w = Array.from({ length: n }, () => 0.3 + r.next() * r.next() * 4);
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum / 1000) * 1000);
  parts[n - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

export interface DemoPurchase {
  institution: string;
  code: string;
  date: string;
  item: string;
  supplier: string;
  regNo: string;
  amount: number;
  method: string;
  contractType: string;
  contractNo: string;
  seo: boolean;
}

/**
 * The year's purchases. `seoSuppliers`: directory organisations of SEO types (name, registration
 * number); `taken`: registration numbers and name keys of every directory organisation, which the
 * generated private suppliers must not match.
 */
export function generateDemoPurchases(seoSuppliers: { name: string; regNo: string }[], taken: { regNos: Set<string>; nameKeys: Set<string> }, seed = 2013): DemoPurchase[] {
  const r = prng(seed);
  const weights: number[] = [];
  let wsum = 0;
  for (const i of DEMO_INSTITUTIONS) weights.push((wsum += i.weight));
  const institution = () => {
    const x = r.next() * wsum;
    return DEMO_INSTITUTIONS[weights.findIndex((w) => w > x)]!;
  };
  const privates: { name: string; regNo: string }[] = [];
  for (let i = 0; privates.length < 600; i++) {
    const name = `${r.pick(FORMS)}${r.pick(PRIVATE_FIRST)}${r.pick(PRIVATE_SECOND)}${i >= 100 ? Math.floor(i / 100) + 1 : ''}`;
    const regNo = withBusinessRegCheckDigit(String(r.int(101, 899)) + String(r.int(81, 88)) + String(r.int(0, 9999)).padStart(4, '0'));
    if (taken.regNos.has(regNo) || taken.nameKeys.has(supplierNameKey(name)) || privates.some((p) => p.regNo === regNo)) continue;
    privates.push({ name, regNo });
  }
  const day = () => {
    const m = r.int(1, 12);
    return `${DEMO_PROCUREMENT_YEAR}-${String(m).padStart(2, '0')}-${String(r.int(1, m === 2 ? 28 : 30)).padStart(2, '0')}`;
  };
  const out: DemoPurchase[] = [];
  const add = (item: DemoItem, amounts: number[], seo: boolean) => {
    for (const amount of amounts) {
      const inst = institution();
      const s = seo ? r.pick(seoSuppliers) : privates[Math.floor(r.next() ** 2 * privates.length)]!;
      out.push({
        institution: inst.name,
        code: inst.code,
        date: day(),
        item: item.label,
        supplier: s.name,
        regNo: s.regNo,
        amount,
        method: r.pick(seo ? SEO_METHODS : OTHER_METHODS),
        contractType: item.contractType,
        contractNo: `${DEMO_PROCUREMENT_YEAR}-${String(out.length + 1).padStart(6, '0')}`,
        seo,
      });
    }
  };
  // SEO purchases: about one record per 2,000만 won.
  const seoRows = (won: number) => Math.max(3, Math.round(won / 20_000_000));
  // Priority items: all purchases = SEO ÷ printed share, so that the share is the printed one.
  let priorityTotal = 0;
  const others: [DemoItem, number][] = [];
  for (const it of PRIORITY) {
    const total = Math.round(it.seo / (it.share! / 100));
    priorityTotal += total;
    others.push([it, total - it.seo]);
  }
  const rest = ALL_PURCHASES - priorityTotal - OTHER.reduce((a, i) => a + i.seo, 0);
  const wAll = OTHER.reduce((a, i) => a + i.weight!, 0);
  OTHER.forEach((it, k) => others.push([it, k === OTHER.length - 1 ? rest - others.slice(PRIORITY.length).reduce((a, [, n]) => a + n, 0) : Math.round((rest * it.weight!) / wAll)]));
  // Non-SEO records: ~17,000 spread by the square root of each item's amount.
  const roots = others.reduce((a, [, n]) => a + Math.sqrt(n), 0);
  for (const [it, n] of others) add(it, split(r, n, Math.max(5, Math.round((17_000 * Math.sqrt(n)) / roots))), false);
  for (const it of [...PRIORITY, ...OTHER]) if (it.seo > 0) add(it, split(r, it.seo, seoRows(it.seo)), true);
  // In date order, as a purchasing system would export them.
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function demoPurchasesCsv(rows: DemoPurchase[]): string {
  const lines = ['기관명,기관코드,구매일자,품목,업체명,사업자등록번호,금액,계약방법,계약유형,계약번호'];
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const p of rows) lines.push([p.institution, p.code, p.date, p.item, q(p.supplier), p.regNo, p.amount, p.method, p.contractType, p.contractNo].join(','));
  return `${lines.join('\n')}\n`;
}

const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];

/**
 * Loads the demo year's purchases (after the demo directory: SEO suppliers are its organisations),
 * marks two institutions private, and sets the year's targets. Does nothing when records exist.
 * Returns the number of records loaded.
 */
export async function seedDemoProcurement(database: Database): Promise<number> {
  const { db } = database;
  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_imports`.execute(db);
  if (existing.rows[0]!.n > 0) return 0;
  const orgs = await sql<{ name: string; business_reg_no: string | null; type_key: string | null; status: string }>`
    SELECT name, business_reg_no, type_key, status FROM directory_suppliers_v ORDER BY name, id`.execute(db);
  const taken = { regNos: new Set<string>(), nameKeys: new Set<string>() };
  for (const o of orgs.rows) {
    if (o.business_reg_no) taken.regNos.add(o.business_reg_no);
    taken.nameKeys.add(supplierNameKey(o.name));
  }
  // Operating SEOs with a registration number, each name once (a name shared by two organisations would match either).
  const counts = new Map<string, number>();
  for (const o of orgs.rows) counts.set(supplierNameKey(o.name), (counts.get(supplierNameKey(o.name)) ?? 0) + 1);
  const seo = orgs.rows
    .filter((o) => o.business_reg_no && o.type_key && SEO_TYPES.includes(o.type_key) && o.status === 'operating' && counts.get(supplierNameKey(o.name)) === 1)
    .map((o) => ({ name: o.name, regNo: o.business_reg_no! }));
  if (seo.length === 0) return 0;
  const rows = generateDemoPurchases(seo.filter((_, i) => i % 3 === 0).slice(0, 400), taken);
  const ctx = systemContext('demo');
  const records = createRecordsService({ database });
  const summary = await records.importRecords(ctx, { fileName: '2013 서울시 구매실적 (데모).csv', format: 'csv', source: Readable.from([demoPurchasesCsv(rows)]) });
  if (summary.errorCount > 0) throw new Error(`demo purchases did not import: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  // What staff set up in the app, through the same service (audited as the system).
  const ids = await sql<{ id: string; name: string }>`SELECT id, name FROM procurement_institutions`.execute(db);
  const idOf = new Map(ids.rows.map((r) => [r.name, r.id]));
  for (const name of DEMO_PRIVATE_INSTITUTIONS) await records.updateInstitution(ctx, idOf.get(name)!, { recordsPublic: false });
  for (const t of DEMO_TARGETS) {
    await records.putTarget(ctx, {
      year: DEMO_PROCUREMENT_YEAR,
      institutionId: t.institution === null ? null : idOf.get(t.institution)!,
      itemCode: t.itemCode,
      amount: t.amount,
      note: t.institution === null && t.itemCode === null ? '2013 구매목표 500억 원 (성과보고서 1715행)' : '데모 목표',
    });
  }
  return summary.rows;
}
