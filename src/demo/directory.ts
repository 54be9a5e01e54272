import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { withBusinessRegCheckDigit } from '../kernel/korea.ts';

/**
 * A deterministic generator of plausible directory rows. It reproduces the 2013 distribution of
 * organisations by district × type (org-distribution-2013.json, seed lines 3230-3256: the parts add
 * up to 1,870, where the report's grand total elsewhere prints 1,871), scaled to any size, with Korean
 * names, road addresses and coordinates inside each district's polygon. Every row is marked demo.
 */
interface DistributionRow {
  sigungu_code: string;
  district: string;
  se_certified: number;
  se_seoul_pre: number;
  se_regional_pre: number;
  village: number;
  coop: number;
  self_sufficiency: number;
}

export const DISTRIBUTION: { rows: DistributionRow[] } = JSON.parse(readFileSync(new URL('./org-distribution-2013.json', import.meta.url), 'utf8'));
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

export interface DemoOrganization {
  name: string;
  nameEn: null;
  legalForm: string;
  typeKey: string;
  subtypeKey: string;
  industryKey: string;
  districtCode: string;
  roadAddress: string;
  location: { lat: number; lon: number };
  phone: string;
  businessRegNo: string;
  foundedOn: string;
  employees: number;
  description: string;
}

/**
 * `total` organisations (default: the 2013 count) spread like 2013 over districts and types.
 * `polygonOf` gives each district's boundary by its 5-digit 시군구 code.
 */
export function generateOrganizations(polygonOf: (code: string) => Polygon | MultiPolygon | undefined, opts: { total?: number; seed?: number } = {}): DemoOrganization[] {
  const total = opts.total ?? DISTRIBUTION_TOTAL;
  const r = prng(opts.seed ?? 2013);
  const weightSum = INDUSTRY_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  const industry = () => {
    let x = r.next() * weightSum;
    for (const [k, w] of INDUSTRY_WEIGHTS) if ((x -= w) < 0) return k;
    return 'other';
  };
  const used = new Set<string>();
  const out: DemoOrganization[] = [];
  let serial = 0;
  // Largest-remainder scaling keeps the totals exact at any size.
  const cells = DISTRIBUTION.rows.flatMap((row) => COLUMN_TYPES.map((c) => ({ row, c, exact: ((row[c.column] as number) * total) / DISTRIBUTION_TOTAL })));
  const counts = cells.map((cell) => Math.floor(cell.exact));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  [...cells.keys()].sort((a, b) => (cells[b]!.exact % 1) - (cells[a]!.exact % 1)).forEach((i) => {
    if (missing-- > 0) counts[i]!++;
  });
  cells.forEach(({ row, c }, i) => {
    const geometry = polygonOf(row.sigungu_code);
    if (!geometry) throw new Error(`no boundary for district ${row.sigungu_code}`);
    const [w, s, e, n] = bboxOf(geometry);
    const place = row.district.replace(/구$/, '');
    for (let k = 0; k < counts[i]!; k++) {
      const subtypeKey = r.pick(c.subtypes);
      const industryKey = industry();
      let name = `${r.next() < 0.5 ? place : ''}${r.pick(THEMES[industryKey]!)}${SUFFIX[c.typeKey]!(subtypeKey)}`.trim();
      if (used.has(name)) name = `${name} ${r.int(2, 99)}호점`;
      while (used.has(name)) name = `${name}${r.int(1, 9)}`;
      used.add(name);
      let lon: number;
      let lat: number;
      do {
        lon = w + r.next() * (e - w);
        lat = s + r.next() * (n - s);
      } while (!pointInPolygon(lon, lat, geometry));
      serial++;
      out.push({
        name,
        nameEn: null,
        legalForm: r.pick(LEGAL_FORMS),
        typeKey: c.typeKey,
        subtypeKey,
        industryKey,
        districtCode: row.sigungu_code,
        roadAddress: `서울특별시 ${row.district} ${place}${r.pick(ROADS)} ${r.int(1, 300)}`,
        location: { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 },
        phone: `02-${r.int(200, 999)}-${String(r.int(0, 9999)).padStart(4, '0')}`,
        businessRegNo: withBusinessRegCheckDigit(String(100_000_000 + serial * 7919 % 899_999_999).padStart(9, '0').slice(0, 9)),
        foundedOn: `${r.int(2007, 2013)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        employees: r.int(1, 60),
        description: `${row.district}에서 활동하는 ${THEMES[industryKey]![0]} 분야 사회적경제 조직입니다. (데모 데이터)`,
      });
    }
  });
  return out;
}
