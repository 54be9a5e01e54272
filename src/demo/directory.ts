import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { withBusinessRegCheckDigit } from '../kernel/korea.ts';

/**
 * A deterministic generator of plausible directory rows. It reproduces the 2013 distribution of
 * organisations by district × type (org-distribution-2013.json, seed lines 3230-3256: 1,871, of
 * which one is registered with a 경기도 address and has no Seoul district), scaled to any size, with
 * Korean names, road addresses and coordinates inside each district's polygon, and dated status
 * histories: as of 2013-12-31 every organisation has been founded and designated, and the social
 * enterprises still operating reproduce the report's survival table (seed lines 3273-3277:
 * 서울형 예비 323/112, 인증 219/212, 지역형 예비 114/100, 64.6 % overall). Every row is marked demo.
 */
interface DistributionRow {
  /** null: a row outside Seoul (the 경기도 row), by its `region` */
  sigungu_code: string | null;
  district: string;
  region?: string;
  se_certified: number;
  se_seoul_pre: number;
  se_regional_pre: number;
  village: number;
  coop: number;
  self_sufficiency: number;
}

interface SurvivalRow {
  column: 'se_certified' | 'se_seoul_pre' | 'se_regional_pre';
  designated: number;
  operating: number;
}

export const DISTRIBUTION: { rows: DistributionRow[]; survival: { rows: SurvivalRow[] } } = JSON.parse(readFileSync(new URL('./org-distribution-2013.json', import.meta.url), 'utf8'));
export const DISTRIBUTION_TOTAL = DISTRIBUTION.rows.reduce((n, r) => n + r.se_certified + r.se_seoul_pre + r.se_regional_pre + r.village + r.coop + r.self_sufficiency, 0);

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const COLUMN_TYPES: { column: keyof DistributionRow; typeKey: string; subtypes: string[] }[] = [
  { column: 'se_certified', typeKey: 'social_enterprise', subtypes: ['certified'] },
  { column: 'se_seoul_pre', typeKey: 'social_enterprise', subtypes: ['seoul_pre_certified'] },
  { column: 'se_regional_pre', typeKey: 'social_enterprise', subtypes: ['regional_pre_certified'] },
  { column: 'village', typeKey: 'village_enterprise', subtypes: ['ministry_designated', 'seoul_designated'] },
  { column: 'coop', typeKey: 'cooperative', subtypes: ['consumer', 'producer', 'worker', 'worker', 'multi_stakeholder', 'social_cooperative'] },
  { column: 'self_sufficiency', typeKey: 'self_sufficiency', subtypes: ['enterprise', 'enterprise', 'project_group'] },
];

const THEMES: Record<string, string[]> = {
  living: ['늘봄', '행복나눔', '이웃사랑', '든든살림', '함께집수리'],
  culture_leisure: ['마을극장', '동네책방', '어울림문화', '소리나무', '예술공방'],
  health_welfare: ['돌봄', '건강한이웃', '희망케어', '늘푸른돌봄', '다정한손'],
  food_cafe: ['마을밥상', '착한카페', '두레부엌', '햇살도시락', '공정커피'],
  education: ['배움터', '꿈나무학교', '청소년놀이', '마을학교', '숲교실'],
  finance: ['나눔신용', '마을금고', '공동체기금', '사회투자', '상호부조'],
  retail: ['생활협동', '공정무역', '로컬푸드', '착한가게', '나눔장터'],
  publishing_media: ['마을신문', '동네방송', '그림책', '독립출판', '미디어공방'],
  environment: ['초록살림', '자원순환', '햇빛발전', '맑은물', '재활용센터'],
  construction_facilities: ['집수리', '마을건축', '에너지효율', '녹색시공', '주거복지'],
  manufacturing: ['봉제공방', '목공소', '수제품', '장인공방', '도시제조'],
  admin_intermediary: ['지원센터', '네트워크', '협의체', '상생연대', '사회적경제허브'],
  other: ['세탁', '택배', '청소', '이사나눔', '공유주방'],
};
const INDUSTRY_WEIGHTS: [string, number][] = [
  ['living', 14], ['culture_leisure', 10], ['health_welfare', 12], ['food_cafe', 11], ['education', 10], ['finance', 2],
  ['retail', 9], ['publishing_media', 5], ['environment', 8], ['construction_facilities', 5], ['manufacturing', 8],
  ['admin_intermediary', 2], ['other', 4],
];
const SUFFIX: Record<string, (sub: string) => string> = {
  social_enterprise: () => '',
  village_enterprise: () => ' 마을기업',
  cooperative: (sub) => (sub === 'social_cooperative' ? ' 사회적협동조합' : ' 협동조합'),
  self_sufficiency: (sub) => (sub === 'project_group' ? ' 자활사업단' : ' 자활기업'),
};
const ROADS = ['마을로', '희망길', '나눔로', '새싹길', '공원로', '시장길', '학교로', '느티나무길', '햇살로', '은행나무길', '한강대로', '중앙로'];
const LEGAL_FORMS = ['주식회사', '협동조합', '사단법인', '비영리민간단체', '사회적협동조합', '유한회사'];

function pointInRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(lon: number, lat: number, geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(([outer, ...holes]) => pointInRing(lon, lat, outer!) && !holes.some((h) => pointInRing(lon, lat, h)));
}

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const pts = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2) as [number, number][];
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

export interface DemoStatusEvent {
  kind: 'designated' | 'certified' | 'cancelled' | 'closed';
  on: string;
  note: string | null;
}

export interface DemoOrganization {
  name: string;
  nameEn: null;
  legalForm: string;
  typeKey: string;
  subtypeKey: string;
  industryKey: string;
  /** null for the organisation outside Seoul */
  districtCode: string | null;
  roadAddress: string;
  location: { lat: number; lon: number } | null;
  phone: string;
  businessRegNo: string;
  foundedOn: string;
  employees: number;
  description: string;
  /** dated designations, certifications, cancellations and closures, oldest first (all on or before 2013-12-31) */
  statusHistory: DemoStatusEvent[];
}

/** The reference date the demo reproduces the report at. */
export const DEMO_AS_OF = '2013-12-31';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayMs = 86_400_000;
const at = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** A day between two dates (inclusive), from the generator. */
const dayBetween = (r: ReturnType<typeof prng>, from: string, to: string) => iso(at(from) + r.int(0, Math.round((at(to) - at(from)) / dayMs)) * dayMs);
const monthsBefore = (date: string, months: number) => {
  const d = new Date(at(date));
  d.setUTCMonth(d.getUTCMonth() - months);
  return iso(d.getTime());
};

const DESIGNATION_NOTE: Record<string, string> = {
  seoul_pre_certified: '서울형 예비사회적기업 지정',
  regional_pre_certified: '지역형 예비사회적기업 지정',
  ministry_designated: '안전행정부 마을기업 지정',
  seoul_designated: '서울시 마을기업 지정',
};

/**
 * Founding date and status history of one organisation, consistent with the reference date:
 * founded on or before its first designation, designated on or before 2013-12-31, and — when
 * `exits` — closed or its designation cancelled on or before 2013-12-31, after its last designation.
 */
function history(h: ReturnType<typeof prng>, typeKey: string, subtypeKey: string, drawn: [number, number, number], exits: boolean): { foundedOn: string; statusHistory: DemoStatusEvent[]; status: 'operating' | 'closed' } {
  const [year, month, day] = drawn;
  const drawnDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const events: DemoStatusEvent[] = [];
  // An organisation that closes was last designated early enough to have operated a while.
  const lastBy = exits ? '2013-06-30' : '2013-12-20';
  if (typeKey === 'social_enterprise') {
    if (subtypeKey === 'certified') {
      const certified = dayBetween(h, '2008-01-01', lastBy);
      // About half were pre-certified first (Seoul-designated from 2010, regional from 2011).
      const pre = h.next() < 0.5 ? (h.next() < 0.6 ? 'seoul_pre_certified' : 'regional_pre_certified') : null;
      const designated = pre ? monthsBefore(certified, h.int(6, 30)) : null;
      if (pre && designated! >= (pre === 'seoul_pre_certified' ? '2010-01-01' : '2011-01-01')) events.push({ kind: 'designated', on: designated!, note: DESIGNATION_NOTE[pre]! });
      events.push({ kind: 'certified', on: certified, note: '고용노동부 사회적기업 인증' });
    } else {
      const from = subtypeKey === 'seoul_pre_certified' ? '2010-01-01' : '2011-01-01';
      events.push({ kind: 'designated', on: dayBetween(h, from, lastBy), note: DESIGNATION_NOTE[subtypeKey] ?? null });
    }
  } else if (typeKey === 'village_enterprise') {
    events.push({ kind: 'designated', on: dayBetween(h, subtypeKey === 'seoul_designated' ? '2012-03-01' : '2011-03-01', lastBy), note: DESIGNATION_NOTE[subtypeKey] ?? null });
  }
  let foundedOn: string;
  if (events.length) foundedOn = monthsBefore(events[0]!.on, h.int(0, 36));
  // Cooperatives: the Framework Act on Cooperatives took effect on 2012-12-01.
  else if (typeKey === 'cooperative') foundedOn = iso(at('2012-12-01') + (((year - 2007) * 372 + month * 31 + day) % 396) * dayMs);
  else foundedOn = drawnDate;
  let status: 'operating' | 'closed' = 'operating';
  if (exits) {
    const last = events[events.length - 1]!.on;
    // Pre-certified designations mostly lapse or are cancelled; certified ones mostly close.
    const kind = subtypeKey === 'certified' ? (h.next() < 0.3 ? 'cancelled' : 'closed') : h.next() < 0.7 ? 'cancelled' : 'closed';
    events.push({ kind, on: dayBetween(h, iso(at(last) + 30 * dayMs), DEMO_AS_OF), note: kind === 'cancelled' ? '지정 취소' : '폐업' });
    if (kind === 'closed') status = 'closed';
  }
  return { foundedOn, statusHistory: events, status };
}

/**
 * `total` organisations (default: the 2013 count) spread like 2013 over districts and types.
 * `polygonOf` gives each district's boundary by its 5-digit 시군구 code.
 */
export function generateOrganizations(polygonOf: (code: string) => Polygon | MultiPolygon | undefined, opts: { total?: number; seed?: number } = {}): (DemoOrganization & { status: 'operating' | 'closed' })[] {
  const total = opts.total ?? DISTRIBUTION_TOTAL;
  const r = prng(opts.seed ?? 2013);
  // Histories come from a generator of their own, so that names and places stay as they were.
  const h = prng((opts.seed ?? 2013) ^ 0x5eed);
  const weightSum = INDUSTRY_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const industry = () => {
    let x = r.next() * weightSum;
    for (const [k, w] of INDUSTRY_WEIGHTS) if ((x -= w) < 0) return k;
    return 'other';
  };
  const used = new Set<string>();
  const out: (Omit<DemoOrganization, 'foundedOn' | 'statusHistory'> & { column: string; drawn: [number, number, number] })[] = [];
  let serial = 0;
  // Largest-remainder scaling keeps the totals exact at any size.
  const cells = DISTRIBUTION.rows.flatMap((row) => COLUMN_TYPES.map((c) => ({ row, c, exact: ((row[c.column] as number) * total) / DISTRIBUTION_TOTAL })));
  const counts = cells.map((cell) => Math.floor(cell.exact));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  [...cells.keys()].sort((a, b) => (cells[b]!.exact % 1) - (cells[a]!.exact % 1)).forEach((i) => {
    if (missing-- > 0) counts[i]!++;
  });
  cells.forEach(({ row, c }, i) => {
    const code = row.sigungu_code;
    const geometry = code ? polygonOf(code) : undefined;
    if (code && !geometry) throw new Error(`no boundary for district ${code}`);
    const [w, s, e, n] = geometry ? bboxOf(geometry) : [0, 0, 0, 0];
    const place = code ? row.district.replace(/구$/, '') : '고양';
    for (let k = 0; k < counts[i]!; k++) {
      const subtypeKey = r.pick(c.subtypes);
      const industryKey = industry();
      let name = `${r.next() < 0.5 ? place : ''}${r.pick(THEMES[industryKey]!)}${SUFFIX[c.typeKey]!(subtypeKey)}`.trim();
      if (used.has(name)) name = `${name} ${r.int(2, 99)}호점`;
      while (used.has(name)) name = `${name}${r.int(1, 9)}`;
      used.add(name);
      let location: { lat: number; lon: number } | null = null;
      if (geometry) {
        let lon: number;
        let lat: number;
        do {
          lon = w + r.next() * (e - w);
          lat = s + r.next() * (n - s);
        } while (!pointInPolygon(lon, lat, geometry));
        location = { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
      }
      serial++;
      // An organisation outside Seoul has an address in its region and no district (and is not geocoded).
      const roadAddress = code ? `서울특별시 ${row.district} ${place}${r.pick(ROADS)} ${r.int(1, 300)}` : `${row.region ?? row.district} 고양시 덕양구 ${r.pick(ROADS)} ${r.int(1, 300)}`;
      out.push({
        name,
        nameEn: null,
        legalForm: r.pick(LEGAL_FORMS),
        typeKey: c.typeKey,
        subtypeKey,
        industryKey,
        districtCode: code,
        roadAddress,
        location,
        phone: `${code ? '02' : '031'}-${r.int(200, 999)}-${String(r.int(0, 9999)).padStart(4, '0')}`,
        businessRegNo: withBusinessRegCheckDigit(String(100_000_000 + serial * 7919 % 899_999_999).padStart(9, '0').slice(0, 9)),
        drawn: [r.int(2007, 2013), r.int(1, 12), r.int(1, 28)],
        employees: r.int(1, 60),
        description: `${row.district}에서 활동하는 ${THEMES[industryKey]![0]} 분야 사회적경제 조직입니다. (데모 데이터)`,
        column: c.column,
      });
    }
  });
  // Which social enterprises no longer operate at the reference date: as many per designation
  // type as the report's survival table says (scaled with the total), picked by the generator.
  const exits = new Set<number>();
  for (const s of DISTRIBUTION.survival.rows) {
    const members = out.flatMap((o, i) => (o.column === s.column ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = h.int(0, i);
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    const closing = Math.round((members.length * (s.designated - s.operating)) / s.designated);
    for (const m of members.slice(0, closing)) exits.add(m);
  }
  return out.map(({ column: _column, drawn, ...o }, i) => ({ ...o, ...history(h, o.typeKey, o.subtypeKey, drawn, exits.has(i)) }));
}
