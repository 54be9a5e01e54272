import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../test/helpers.ts';

type Signed = TestClient & { user: { id: string; email: string; password: string } };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A programme as a staff member would enter it. */
function networkProgramme(partnerOrganizationId: string | null) {
  return {
    code: '1-1',
    nameKo: '사회적경제 네트워크 지원사업',
    areaCode: 'a1',
    budgetGroup: 'basic',
    tier: 'programme',
    counted: true,
    periodStart: '2024-03',
    periodEnd: '2025-02',
    method: '공모',
    goal: '협의회 9곳 지원',
    description: '',
    responsibleStaff: ['김담당'],
    budget: 10_000_000,
    granted: 8_000_000,
    spent: 6_000_000,
    returned: 2_000_000,
    interest: 1_200,
    evaluation: { achievements: ['협의회 11곳 지원'], limits: ['지원 기간 부족'], nextTasks: ['2025년 공동사업 발굴 필요'] },
    notes: [],
    kpis: [
      { name: '공동사업 지원', unit: '건', kind: 'quantity', target: 9, result: 11 },
      { name: '성과 보고서', kind: 'deliverable', done: false },
      { name: '토론회', unit: '회', kind: 'quantity', target: 0, result: 2 },
    ],
    lines: [
      { key: 'ops', name: '운영비', category: 'operating', budget: 2_000_000, granted: 2_000_000, spent: 1_500_000 },
      { parentKey: 'ops', name: '회의비', budget: 500_000, spent: 700_000 },
      { key: 'grants', name: '지원사업비', category: 'programme', budget: 8_000_000, granted: 6_000_000, spent: 4_500_000 },
    ],
    transfers: [{ date: '2024-09-01', fromLine: 'grants', toLine: '운영비', amount: 300_000, reason: '회의 증가' }],
    schedule: [
      { task: '공모', planned: ['2024-03', '2024-04'], actual: ['2024-04'], milestone: false },
      { task: '성과 공유회', planned: ['2025-02'], actual: [], milestone: true },
    ],
    partners: [{ name: '가온 협동조합', role: '수행기관', organizationId: partnerOrganizationId }],
  };
}

describeEngines('programmes', (engine) => {
  let t: TestApp;
  let staff: Signed;
  let admin: Signed;
  let memberOfA: Signed; // a member of the partner organisation
  let memberOfB: Signed; // a member of an organisation that partners in nothing
  let orgA: { id: string };
  let programmeId: string;
  let otherId: string;

  async function signedInMemberOf(orgId: string): Promise<Signed> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = Object.assign(t.client(), { user });
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return c;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    admin = await t.signedIn('admin');
    orgA = await t.createOrganization('가온 협동조합');
    const orgB = await t.createOrganization('나래 사회적협동조합');
    memberOfA = await signedInMemberOf(orgA.id);
    memberOfB = await signedInMemberOf(orgB.id);
  });
  afterAll(() => t.close());

  const detail = async (id: string) => (await staff.get(`/api/v1/programs/${id}`)).json();
  const auditOf = async (entityType: string, entityId?: string) =>
    (await admin.get(`/api/v1/audit?entityType=${entityType}${entityId ? `&entityId=${entityId}` : ''}&pageSize=100`)).json().items as { action: string; before: unknown; after: unknown; entityId: string }[];

  it('lets staff open a year with its areas and add a programme whose rates are derived on read', async () => {
    const year = await staff.post('/api/v1/program-years', { year: 2024, title: '2024 성과보고서', organisationName: '지원센터', areas: [{ code: 'a1', nameKo: '공유자원 확대', budgetGroup: 'basic' }] });
    expect(year.statusCode, year.body).toBe(201);
    expect(year.json()).toMatchObject({ year: 2024, isDemo: false, areas: [{ code: 'a1', nameKo: '공유자원 확대', budgetGroup: 'basic', sort: 0 }] });
    expectProblem(await staff.post('/api/v1/program-years', { year: 2024, title: '또' }), 409, 'conflict');

    const res = await staff.post('/api/v1/program-years/2024/programs', networkProgramme(orgA.id));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    programmeId = p.id;
    expect(p).toMatchObject({ year: 2024, code: '1-1', tier: 'programme', area: { code: 'a1', name: '공유자원 확대' }, version: 1 });
    // KPIs: 11 ÷ 9; a deliverable not done counts 0; a target of 0 gives no rate.
    expect(p.kpis.map((k: { rate: { value: number | null; rule: string } }) => [k.rate.rule, k.rate.value])).toEqual([
      ['ratio', (11 / 9) * 100],
      ['deliverable', 0],
      ['none', null],
    ]);
    expect(p.achievement).toMatchObject({ rule: 'kpi_mean', value: ((11 / 9) * 100 + 0) / 2 });
    expect(p.execution).toMatchObject({ rule: 'spent_over_granted', value: 75 });
    expect(p.money).toMatchObject({ granted: 8_000_000, spent: 6_000_000, returned: 2_000_000, returnedExpected: 2_000_000, interest: 1_200 });
    // Lines with a sub-line; the sub-line spent more than its budget (no grant): 140 % of its budget.
    expect(p.lines.map((l: { name: string; level: number }) => [l.name, l.level])).toEqual([
      ['운영비', 0],
      ['회의비', 1],
      ['지원사업비', 0],
    ]);
    expect(p.lines[1].execution).toMatchObject({ rule: 'spent_over_budget', value: 140 });
    expect(p.lines[0].categoryLabel).toEqual({ ko: '운영비', en: 'Operating' });
    expect(p.lineTotals).toMatchObject({ budget: 10_000_000, spent: 6_000_000, differenceBudget: 0, differenceSpent: 0 });
    expect(p.transfers).toEqual([expect.objectContaining({ date: '2024-09-01', fromLine: '지원사업비', toLine: '운영비', amount: 300_000 })]);
    expect(p.schedule[1]).toMatchObject({ task: '성과 공유회', planned: ['2025-02'], milestone: true });
    expect(p.input).toMatchObject({ code: '1-1', version: 1, lines: [{ key: 'ops' }, { parentKey: 'ops' }, { key: 'grants' }] });
    expect(await detail(programmeId)).toEqual(p);

    const other = await staff.post('/api/v1/program-years/2024/programs', { code: '1-2', nameKo: '자원 공유망', budgetGroup: 'basic', achievementStated: 100, achievementStatedNote: '총괄표 기재' });
    expect(other.statusCode, other.body).toBe(201);
    otherId = other.json().id;
    expect(other.json().achievement).toMatchObject({ rule: 'stated', value: 100 });
  });

  it('shows the year with its overview, rollups and programmes to staff', async () => {
    const y = (await staff.get('/api/v1/program-years/2024')).json();
    expect(y.overview.map((r: { code: string }) => r.code)).toEqual(['1-1', '1-2']);
    expect(y.rollups.total.achievement[0]).toMatchObject({ method: 'simple', programCodes: ['1-1', '1-2'] });
    expect(y.rollups.byArea).toEqual([expect.objectContaining({ key: 'area:a1', programCount: 1 })]);
    expect((await staff.get('/api/v1/program-years')).json().items).toEqual([{ year: 2024, title: '2024 성과보고서', programCount: 2, granted: 8_000_000, spent: 6_000_000, isDemo: false }]);
    const tax = (await memberOfB.get('/api/v1/program-taxonomy')).json();
    expect(tax.budgetGroups.map((g: { key: string }) => g.key)).toEqual(['basic', 'additional', 'operations', 'personnel']);
    expect(tax.budgetCategories[0]).toEqual({ key: 'personnel', labelKo: '인건비', labelEn: 'Personnel' });
  });

  it('replaces a programme with its parts when the version matches, and refuses a stale one with 409', async () => {
    const before = await detail(programmeId);
    const edited = { ...before.input, kpis: [{ name: '공동사업 지원', unit: '건', kind: 'quantity', target: 9, result: 12 }], lines: [], transfers: [] };
    const res = await staff.put(`/api/v1/programs/${programmeId}`, edited);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, lines: [], transfers: [], kpis: [{ name: '공동사업 지원', rate: { value: (12 / 9) * 100 } }] });
    expect(res.json().achievement.value).toBeCloseTo((12 / 9) * 100, 10);

    const stale = expectProblem(await staff.put(`/api/v1/programs/${programmeId}`, { ...edited, goal: '다른 목표' }), 409, 'conflict');
    expect(stale.messages.ko).toContain('다른 사람');
    expect((await detail(programmeId)).goal).toBe(before.goal);
    const noVersion = expectProblem(await staff.put(`/api/v1/programs/${programmeId}`, { ...edited, version: undefined }), 400, 'validation');
    expect(noVersion.errors!.map((e) => e.path)).toEqual(['version']);
    expectProblem(await staff.put(`/api/v1/programs/${UNKNOWN_ID}`, { ...edited, version: 1 }), 404, 'not-found');
  });

  it('names each bad field in Korean and English and saves nothing', async () => {
    const auditBefore = await t.auditCount();
    const bad = {
      ...networkProgramme(null),
      code: '9-9',
      areaCode: 'nowhere',
      periodStart: '2024-13',
      achievementStated: 120,
      kpis: [{ name: '지표', kind: 'quantity', target: -1 }],
      lines: [{ name: '하위', parentKey: 'missing' }],
      transfers: [{ date: '2024-02-30', fromLine: '없는 항목', amount: 0, reason: '' }],
    };
    const route = expectProblem(await staff.post('/api/v1/program-years/2024/programs', bad), 400, 'validation');
    // Every field at once: the shapes, and the checks across fields (the stated rate's reason, the
    // sub-line's parent, the transfer's line).
    expect(route.errors!.map((e) => e.path).sort()).toEqual(
      ['achievementStatedNote', 'kpis.0.target', 'lines.0.parentKey', 'periodStart', 'transfers.0.amount', 'transfers.0.date', 'transfers.0.fromLine', 'transfers.0.reason'].sort(),
    );
    for (const e of route.errors!) {
      expect(e.messages.ko).toMatch(/[가-힣]/);
      expect(e.messages.en).toMatch(/[a-z]/i);
    }
    expect(route.errors!.find((e) => e.path === 'achievementStatedNote')!.messages).toEqual({ ko: '기록한 추진율에는 그 근거를 적어야 합니다', en: 'A stated achievement rate needs its reason' });
    // What only the year can tell: a code already taken, an unknown parent, area, category or organisation.
    const references = expectProblem(
      await staff.post('/api/v1/program-years/2024/programs', { ...networkProgramme(UNKNOWN_ID), code: '1-2', areaCode: 'nowhere', parentCode: '7-7', lines: [{ name: '기타', category: 'snacks' }], transfers: [] }),
      400,
      'validation',
    );
    expect(references.errors!.map((e) => e.path).sort()).toEqual(['areaCode', 'code', 'lines.0.category', 'parentCode', 'partners.0.organizationId']);
    expectProblem(await staff.post('/api/v1/program-years/2031/programs', networkProgramme(null)), 404, 'not-found');
    expect(await t.auditCount()).toBe(auditBefore);
    expect((await staff.get('/api/v1/programs?year=2024')).json().items).toHaveLength(2);
  });

  it('lets a member of a partner organisation read that programme only, and never edit', async () => {
    const own = await memberOfA.get(`/api/v1/programs/${programmeId}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().partners).toEqual([{ name: '가온 협동조합', role: '수행기관', organizationId: orgA.id }]);
    expectProblem(await memberOfA.get(`/api/v1/programs/${otherId}`), 403, 'forbidden');
    expectProblem(await memberOfB.get(`/api/v1/programs/${programmeId}`), 403, 'forbidden');
    expect((await memberOfA.get('/api/v1/programs')).json().items.map((r: { programId: string }) => r.programId)).toEqual([programmeId]);
    expect((await memberOfB.get('/api/v1/programs')).json().items).toEqual([]);

    const snapshot = () => detail(programmeId);
    const input = (await detail(programmeId)).input;
    await expectRefused(t, { method: 'PUT', url: `/api/v1/programs/${programmeId}`, body: { ...input, goal: '바꿈' } }, { wrongRole: memberOfA, wrongOrganization: memberOfB, anonymous: t.client() }, snapshot);
    await expectRefused(t, { method: 'DELETE', url: `/api/v1/programs/${programmeId}` }, { wrongRole: memberOfA, anonymous: t.client() }, snapshot);
    await expectRefused(t, { method: 'POST', url: '/api/v1/program-years/2024/programs', body: { ...networkProgramme(null), code: '3-1' } }, { wrongRole: memberOfA, anonymous: t.client() }, () =>
      staff.get('/api/v1/programs?year=2024').then((r) => r.json()),
    );
    // Years, rollups and export are staff work; anonymous visitors get nothing.
    for (const url of ['/api/v1/program-years', '/api/v1/program-years/2024', '/api/v1/program-years/2024/export']) {
      expectProblem(await memberOfA.get(url), 403, 'forbidden');
      expectProblem(await t.client().get(url), 401, 'unauthenticated');
    }
    for (const url of ['/api/v1/programs', `/api/v1/programs/${programmeId}`, '/api/v1/program-taxonomy']) expectProblem(await t.client().get(url), 401, 'unauthenticated');
  });

  it('deletes a programme but not one with programmes under it, and audits every change', async () => {
    const sub = await staff.post('/api/v1/program-years/2024/programs', { code: '1-2a', nameKo: '세부', budgetGroup: 'basic', tier: 'sub', parentCode: '1-2' });
    expect(sub.statusCode, sub.body).toBe(201);
    // A programme cannot move under its own sub-programme.
    const loop = expectProblem(await staff.put(`/api/v1/programs/${otherId}`, { ...(await detail(otherId)).input, parentCode: '1-2a' }), 400, 'validation');
    expect(loop.errors!.map((e) => e.path)).toEqual(['parentCode']);
    const refused = expectProblem(await staff.delete(`/api/v1/programs/${otherId}`), 409, 'conflict');
    expect(refused.messages.ko).toContain('1-2a');
    expect((await staff.delete(`/api/v1/programs/${sub.json().id}`)).statusCode).toBe(204);
    expect((await staff.delete(`/api/v1/programs/${otherId}`)).statusCode).toBe(204);
    expectProblem(await staff.get(`/api/v1/programs/${otherId}`), 404, 'not-found');

    const trail = await auditOf('program', programmeId);
    expect(trail.map((r) => r.action).sort()).toEqual(['program.create', 'program.update']);
    const update = trail.find((r) => r.action === 'program.update')!;
    expect(update.before).toMatchObject({ id: programmeId, version: 1, kpis: [{ result: 11 }, {}, {}] });
    expect(update.after).toMatchObject({ id: programmeId, version: 2, kpis: [{ result: 12 }] });
    const deleted = await auditOf('program', otherId);
    expect(deleted.map((r) => r.action).sort()).toEqual(['program.create', 'program.delete']);
    expect(deleted.find((r) => r.action === 'program.delete')).toMatchObject({ before: { code: '1-2' }, after: null });
    expect((await auditOf('program_year', '2024')).map((r) => r.action)).toEqual(['program_year.create']);
  });
});
