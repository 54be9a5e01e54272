/**
 * Deterministic purchase-records files for the bench, the tests and the demo: a seeded PRNG writes the
 * same CSV for the same options. ~500 buying institutions (서울특별시 본청 and its 실·국, the 25
 * 구청, agencies, 동 주민센터), the taxonomy's items with plausible amounts, ~6 % of rows from social
 * economy suppliers the caller passes in (directory names and registration numbers) and the rest from
 * generated private suppliers with valid 사업자등록번호; some rows leave the number out (matched by
 * name), and a few suppliers match nothing at all.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { withBusinessRegCheckDigit } from '../../kernel/korea.ts';
import { prng } from '../../demo/directory.ts';

export const DISTRICT_OFFICES = [
  '종로구', '중구', '용산구', '성동구', '광진구', '동대문구', '중랑구', '성북구', '강북구', '도봉구', '노원구', '은평구', '서대문구',
  '마포구', '양천구', '강서구', '구로구', '금천구', '영등포구', '동작구', '관악구', '서초구', '강남구', '송파구', '강동구',
].map((g) => `서울특별시 ${g}`);

const CITY_BUREAUS = [
  '본청', '기획조정실', '재무국', '경제진흥본부', '복지정책실', '여성가족정책실', '문화본부', '관광체육국', '기후환경본부', '푸른도시국',
  '도시교통실', '도시계획국', '주택정책실', '안전총괄실', '행정국', '시민소통기획관', '평생교육국', '민생사법경찰단',
].map((b) => `서울특별시 ${b}`);

const AGENCIES = [
  '서울시설공단', '서울메트로', 'SH공사', '서울교통공사', '서울농수산식품공사', '서울의료원', '세종문화회관', '서울산업진흥원',
  '서울신용보증재단', '서울문화재단', '서울여성가족재단', '서울복지재단', '서울디자인재단', '서울관광재단', '서울시립대학교',
  '서울연구원', '서울시50플러스재단', '서울사회서비스원', '서울에너지공사', '서울특별시 상수도사업본부',
];

const DONG_SYLLABLES = ['청운', '삼청', '사직', '가회', '혜화', '신당', '약수', '후암', '이촌', '한남', '왕십리', '성수', '화양', '구의', '회기', '면목', '돈암', '길음', '수유', '번동', '창동', '상계', '중계', '불광', '응암', '연희', '홍제', '망원', '합정', '목동', '신월', '화곡', '등촌', '개봉', '가산', '독산', '신길', '대림', '노량진', '흑석', '봉천', '신림', '반포', '방배', '역삼', '대치', '잠실', '가락', '천호', '길동'];

/** The institutions of a generated file: name, code (행정표준기관코드-like, for some) and a weight. */
export function generatedInstitutions(count = 500): { name: string; code: string | null; weight: number }[] {
  const out: { name: string; code: string | null; weight: number }[] = [];
  CITY_BUREAUS.forEach((name, i) => out.push({ name, code: `6110000-${String(i + 1).padStart(3, '0')}`, weight: i === 0 ? 40 : 12 }));
  DISTRICT_OFFICES.forEach((name, i) => out.push({ name, code: `3${String(i * 10 + 1000).padStart(4, '0')}000`, weight: 20 }));
  AGENCIES.forEach((name) => out.push({ name, code: null, weight: 8 }));
  for (let i = 0; out.length < count; i++) {
    const gu = DISTRICT_OFFICES[i % 25]!.replace('서울특별시 ', '');
    const dong = DONG_SYLLABLES[Math.floor(i / 25) % DONG_SYLLABLES.length]!;
    const n = Math.floor(i / (25 * DONG_SYLLABLES.length));
    out.push({ name: `${gu} ${dong}${n ? n + 1 : ''}동 주민센터`, code: null, weight: 1 });
  }
  return out;
}

/** Items as files name them (label or an alias), with the kind of contract and a typical amount range in won. */
const ITEMS: { names: string[]; category: string; type: '물품' | '용역' | '공사'; min: number; max: number }[] = [
  { names: ['복사용지', 'A4용지', '복사지'], category: '사무용품', type: '물품', min: 50_000, max: 5_000_000 },
  { names: ['사무용품', '문구류'], category: '사무용품', type: '물품', min: 20_000, max: 3_000_000 },
  { names: ['화장지', '두루마리화장지'], category: '생활용품', type: '물품', min: 30_000, max: 2_000_000 },
  { names: ['세제', '주방세제'], category: '생활용품', type: '물품', min: 20_000, max: 1_000_000 },
  { names: ['식품', '식자재'], category: '식품/식자재', type: '물품', min: 100_000, max: 20_000_000 },
  { names: ['인쇄', '인쇄물'], category: '인쇄/출판', type: '용역', min: 100_000, max: 30_000_000 },
  { names: ['간병', '돌봄'], category: '가사/간병', type: '용역', min: 500_000, max: 80_000_000 },
  { names: ['실내건축', '인테리어'], category: '주택/시설관리', type: '공사', min: 1_000_000, max: 200_000_000 },
  { names: ['행사·공연', '행사'], category: '전시/공연/행사', type: '용역', min: 500_000, max: 100_000_000 },
  { names: ['청소', '청소용역'], category: '청소/소독', type: '용역', min: 300_000, max: 150_000_000 },
  { names: ['가구', '사무가구'], category: '가구', type: '물품', min: 200_000, max: 50_000_000 },
  { names: ['토너·잉크', '토너'], category: '전산소모품', type: '물품', min: 50_000, max: 10_000_000 },
  { names: ['전자제품'], category: '전자제품', type: '물품', min: 100_000, max: 30_000_000 },
  { names: ['근무복', '피복'], category: '피복', type: '물품', min: 200_000, max: 40_000_000 },
  { names: ['농산물', '친환경농산물'], category: '농/수/축산물', type: '물품', min: 100_000, max: 30_000_000 },
  { names: ['광고·홍보', '홍보'], category: '광고/홍보', type: '용역', min: 300_000, max: 80_000_000 },
  { names: ['교육', '교육용역'], category: '교육/상담', type: '용역', min: 300_000, max: 50_000_000 },
  { names: ['영상제작', '홍보영상'], category: '미디어', type: '용역', min: 1_000_000, max: 60_000_000 },
  { names: ['세차'], category: '세차/차량관리', type: '용역', min: 20_000, max: 3_000_000 },
  { names: ['도시락·다과', '도시락'], category: '식음료', type: '물품', min: 50_000, max: 5_000_000 },
  { names: ['연구용역'], category: '연구', type: '용역', min: 5_000_000, max: 200_000_000 },
  { names: ['방역·소독', '방역'], category: '청소/소독', type: '용역', min: 100_000, max: 20_000_000 },
  { names: ['시설관리', '조경'], category: '주택/시설관리', type: '용역', min: 1_000_000, max: 300_000_000 },
  { names: ['정보시스템 유지보수'], category: '정보화(IT)', type: '용역', min: 2_000_000, max: 300_000_000 },
  // Not in the taxonomy: recorded with no item code, category from the file or the contract type.
  { names: ['기념품', '현수막 제작', '차량 임차'], category: '', type: '물품', min: 50_000, max: 10_000_000 },
];

const METHODS = ['수의계약', '수의계약', '수의계약', '수의계약', '수의계약', '수의계약', '일반경쟁', '일반경쟁', '일반경쟁', '제한경쟁', '지명경쟁', '기타', 'single_source', 'open_tender'];

const FIRST = ['한빛', '대한', '우리', '새솔', '푸른', '동방', '삼성', '미래', '하나', '태평', '대성', '신한', '금강', '청솔', '세림', '아름', '동아', '서울', '한결', '다솜', '누리', '으뜸', '해오름', '늘찬', '바른', '참'];
const SECOND = ['상사', '산업', '유통', '기획', '디자인', '인쇄', '실업', '테크', '시스템', '종합건설', '푸드', '물산', '컴퍼니', '미디어', '서비스', '환경', '개발', '통상'];
const FORMS = ['(주)', '주식회사 ', '', '', '', '(유)'];

export interface SeoSupplier {
  name: string;
  businessRegNo: string | null;
}

export interface GenerateOptions {
  rows: number;
  years?: number[];
  seed?: number;
  /** Social economy organisations of the directory, to buy from (name and registration number). */
  seoSuppliers?: SeoSupplier[];
  /** Share of rows bought from them (default 0.06). */
  seoShare?: number;
  privateSuppliers?: number;
  institutions?: number;
  /** Also return each row's values, so tests can compute totals independently. */
  withRows?: boolean;
}

export interface GeneratedRow {
  line: number;
  institution: string;
  date: string;
  item: string;
  supplier: string;
  businessRegNo: string;
  amount: number;
  method: string;
  contractType: string;
  /** Bought from one of the given SEO suppliers. */
  seo: boolean;
}

export const GENERATED_HEADER = '기관명,기관코드,구매일자,품목,분류,업체명,사업자등록번호,금액,계약방법,계약유형,계약번호';

/** The file, chunk by chunk (each chunk whole lines), header first. */
export function* generateRecordsChunks(opts: GenerateOptions, onRow?: (r: GeneratedRow) => void): Generator<string> {
  const r = prng(opts.seed ?? 2013);
  const years = opts.years ?? [2013];
  const seoShare = opts.seoShare ?? 0.06;
  const seo = opts.seoSuppliers ?? [];
  const institutions = generatedInstitutions(opts.institutions ?? 500);
  const cumulative: number[] = [];
  let total = 0;
  for (const i of institutions) cumulative.push((total += i.weight));
  const pickInstitution = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return institutions[lo]!;
  };
  const seoRegNos = new Set(seo.map((s) => s.businessRegNo).filter(Boolean));
  const privateCount = opts.privateSuppliers ?? 20_000;
  const privates: { name: string; regNo: string }[] = [];
  for (let i = 0; i < privateCount; i++) {
    let regNo: string;
    do regNo = withBusinessRegCheckDigit(String(r.int(101, 899)) + String(r.int(81, 88)) + String(r.int(0, 9999)).padStart(4, '0'));
    while (seoRegNos.has(regNo));
    const base = `${r.pick(FIRST)}${r.pick(SECOND)}${i >= FIRST.length * SECOND.length ? Math.floor(i / (FIRST.length * SECOND.length)) + 1 : ''}`;
    privates.push({ name: `${r.pick(FORMS)}${base}`, regNo });
  }
  yield `${GENERATED_HEADER}\n`;
  let out = '';
  let line = 1;
  for (let n = 0; n < opts.rows; n++) {
    line++;
    const inst = pickInstitution();
    const year = years[n % years.length]!;
    const month = r.int(1, 12);
    const day = r.int(1, month === 2 ? 28 : 30);
    const mm = String(month).padStart(2, '0');
    const dd = String(day).padStart(2, '0');
    const fmt = r.next();
    const date = fmt < 0.9 ? `${year}-${mm}-${dd}` : fmt < 0.95 ? `${year}.${mm}.${dd}` : `${year}${mm}${dd}`;
    const item = ITEMS[r.int(0, ITEMS.length - 1)]!;
    const itemName = r.pick(item.names);
    const amount = Math.round(Math.exp(Math.log(item.min) + r.next() * (Math.log(item.max) - Math.log(item.min))) / 10) * 10;
    const fromSeo = seo.length > 0 && r.next() < seoShare;
    let supplier: string;
    let regNo: string;
    if (fromSeo) {
      const s = r.pick(seo);
      supplier = s.name;
      regNo = s.businessRegNo && r.next() < 0.85 ? s.businessRegNo : '';
    } else if (r.next() < 0.002) {
      // A few suppliers nobody knows, without a number.
      supplier = `개인사업자 ${r.int(1, 40)}호`;
      regNo = '';
    } else {
      const p = privates[Math.floor(Math.pow(r.next(), 2) * privates.length)]!;
      supplier = p.name;
      regNo = r.next() < 0.9 ? p.regNo : '';
    }
    const regText = regNo && r.next() < 0.3 ? `${regNo.slice(0, 3)}-${regNo.slice(3, 5)}-${regNo.slice(5)}` : regNo;
    const method = r.pick(METHODS);
    const category = item.category && r.next() < 0.5 ? item.category : '';
    const withCommas = r.next() < 0.05;
    const amountText = withCommas ? `"${amount.toLocaleString('en-US')}"` : String(amount);
    const contractNo = r.next() < 0.7 ? `${year}-${String(n + 1).padStart(7, '0')}` : '';
    out += `${inst.name},${inst.code && r.next() < 0.5 ? inst.code : ''},${date},${itemName},${category},${supplier.includes(',') ? `"${supplier}"` : supplier},${regText},${amountText},${method},${item.type},${contractNo}\n`;
    if (onRow) onRow({ line, institution: inst.name, date: `${year}-${mm}-${dd}`, item: itemName, supplier, businessRegNo: regNo, amount, method, contractType: item.type, seo: fromSeo });
    if (out.length >= 256 * 1024) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

/** A whole generated file as one string (small sizes: tests, the demo), with its rows when asked. */
export function generateRecordsCsv(opts: GenerateOptions): { csv: string; rows: GeneratedRow[] } {
  const rows: GeneratedRow[] = [];
  const csv = [...generateRecordsChunks(opts, opts.withRows ? (x) => rows.push(x) : undefined)].join('');
  return { csv, rows };
}

/** Writes a generated file to disk (the bench's 3.2 million rows do not fit one string). */
export async function writeRecordsCsv(path: string, opts: GenerateOptions): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const chunk of generateRecordsChunks(opts)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
