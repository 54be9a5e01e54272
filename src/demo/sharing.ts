/**
 * Demo resource-sharing network shaped like the 2013 survey of four districts (seed lines
 * 1099-1113, data/seed2013/taxonomies.json `shareable_resources`): 550 resources — 도봉 58, 송파 205,
 * 은평 228, 성북 59 — with the survey's counts of spaces, equipment, talent and problem-solving help,
 * offered by demo organisations of those districts (as many of the survey's participating
 * organisations as the demo directory has there), and a few completed 2013 requests between them.
 * Deterministic: the same data on every machine.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/engine.ts';
import { systemContext } from '../kernel/context.ts';
import { createDirectoryService } from '../modules/directory/index.ts';
import { createSharingService, resourceSearchColumns, type Category } from '../modules/sharing/index.ts';
import { prng } from './directory.ts';

export const SURVEY_2013 = [
  { code: '11320', district: '도봉구', organisations: 46, space: 9, equipment: 48, talent_people: 1, problem_solving: 0 },
  { code: '11710', district: '송파구', organisations: 57, space: 8, equipment: 123, talent_people: 29, problem_solving: 45 },
  { code: '11380', district: '은평구', organisations: 35, space: 19, equipment: 131, talent_people: 33, problem_solving: 45 },
  { code: '11290', district: '성북구', organisations: 25, space: 20, equipment: 39, talent_people: 0, problem_solving: 0 },
] as const;

const TITLES: Record<Exclude<Category, 'goods' | 'used_goods'>, { titles: string[]; descriptions: string[] }> = {
  space: {
    titles: ['회의실', '교육장', '공유 부엌', '다목적 강당', '작은 창고', '마을 카페 공간', '주민 사랑방', '공방 작업실', '세미나실', '전시 공간'],
    descriptions: ['단체 모임과 교육에 쓸 수 있습니다', '평일 저녁과 주말에 비어 있습니다', '조리 시설과 식탁이 있습니다', '빔프로젝터와 음향 장비를 갖췄습니다'],
  },
  equipment: {
    titles: ['접이식 의자', '접이식 테이블', '빔프로젝터', '앰프와 마이크', '천막', '노트북', '복합기', '전동 공구 세트', '행사용 가림막', '카메라', '냉장고', '이동식 칠판', '음향 스피커', '캠핑 의자', '재봉틀'],
    descriptions: ['행사 때 빌려드립니다', '사용 후 깨끗하게 돌려주세요', '운반은 직접 하셔야 합니다', '여러 개가 있습니다'],
  },
  talent_people: {
    titles: ['회계 상담', '디자인 재능기부', '사진 촬영 봉사', '홈페이지 제작 도움', '노무 상담', '강의 재능기부', '번역 봉사', '마케팅 멘토링'],
    descriptions: ['한 달에 두 번 도와드립니다', '사회적경제 조직이면 누구나 신청하세요', '경력 10년의 활동가가 함께합니다'],
  },
  problem_solving: {
    titles: ['판로 개척 함께하기', '공동 구매 연결', '지역 주민 조사 협력', '행사 공동 기획', '공동 배송 협력', '자원봉사자 연결', '공공기관 제안서 검토'],
    descriptions: ['비슷한 고민을 가진 단체와 함께 풀어갑니다', '경험을 나누고 방법을 찾아드립니다', '필요한 사람과 기관을 이어드립니다'],
  },
};

/** Writes the demo resources and requests; returns how many of each. */
export async function seedDemoSharing(db: Db, opts: { seed?: number } = {}): Promise<{ resources: number; requests: number }> {
  const ctx = systemContext('demo');
  const directory = createDirectoryService(db);
  const rand = prng(opts.seed ?? 1107);
  const r = rand.next;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const resources: Parameters<ReturnType<typeof createSharingService>['seedDemo']>[1]['resources'] = [];
  const owners: { id: string; district: string; resourceIds: string[] }[] = [];
  for (const row of SURVEY_2013) {
    const orgs = (await directory.list(ctx, { district: [row.code], sort: 'name', page: 1, pageSize: 200 })).items.filter((o) => o.isDemo).slice(0, row.organisations);
    if (!orgs.length) continue;
    const mine = orgs.map((o) => ({ id: o.id, district: row.code, resourceIds: [] as string[] }));
    owners.push(...mine);
    let i = 0;
    for (const category of ['space', 'equipment', 'talent_people', 'problem_solving'] as const) {
      for (let k = 0; k < row[category]; k++) {
        const owner = mine[i++ % mine.length]!;
        const t = TITLES[category];
        const title = `${row.district.slice(0, 2)} ${pick(t.titles)}${category === 'equipment' ? ` ${1 + Math.floor(r() * 20)}개` : ''}`;
        const description = pick(t.descriptions);
        const terms = category === 'talent_people' || category === 'problem_solving' ? 'free' : pick(['free', 'free', 'cost_recovery', 'fee'] as const);
        const id = randomUUID();
        owner.resourceIds.push(id);
        resources.push({
          id,
          organization_id: owner.id,
          title,
          description,
          category_key: category,
          district_code: row.code,
          terms,
          fee_won: terms === 'free' ? null : (1 + Math.floor(r() * 10)) * 10_000,
          availability: category === 'space' ? '평일 10:00–18:00' : category === 'equipment' ? '필요할 때 연락 주세요' : '상담 후 일정 조율',
          quantity: category === 'equipment' ? 1 + Math.floor(r() * 20) : null,
          is_demo: true,
          ...resourceSearchColumns(title, description),
        });
      }
    }
  }
  // A few completed 2013 linkages: an organisation of one district lends to one of another.
  const requests: Parameters<ReturnType<typeof createSharingService>['seedDemo']>[1]['requests'] = [];
  const lenders = owners.filter((o) => o.resourceIds.length);
  for (let k = 0; k < 12 && lenders.length > 1; k++) {
    const lender = lenders[(k * 7) % lenders.length]!;
    const borrower = lenders[(k * 7 + 3) % lenders.length]!;
    if (borrower.id === lender.id) continue;
    const resourceId = lender.resourceIds[k % lender.resourceIds.length]!;
    const res = resources.find((x) => x.id === resourceId)!;
    const month = 9 + (k % 4);
    const day = String(2 + k).padStart(2, '0');
    const on = `2013-${String(month).padStart(2, '0')}-${day}`;
    const returns = res.category_key === 'space' || res.category_key === 'equipment';
    requests.push({
      resource_id: resourceId,
      requester_organization_id: borrower.id,
      from_date: returns ? on : null,
      to_date: returns ? on : null,
      quantity: returns ? null : 1,
      message: '2013년 자원공유망 시범 연계',
      status: 'completed',
      handed_over_on: on,
      returned_on: returns ? on : null,
      return_condition: returns ? '이상 없음' : null,
      completed_on: on,
      is_demo: true,
    });
  }
  return createSharingService({ db }).seedDemo(ctx, { resources, requests });
}

/** Removes every demo resource (and, with them, their requests). */
export function removeDemoSharing(db: Db): Promise<number> {
  return createSharingService({ db }).removeDemo(systemContext('demo'));
}
