import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../kernel/context.ts';
import { readTable } from '../../kernel/tabular.ts';
import { createProgramsService } from '../programs/index.ts';
import type { FigureDefinitionList, FigureRows, HeadlineFigures } from './model.ts';

const system = systemContext('test');

describeEngines('insights headline figures', (engine) => {
  let t: TestApp;
  let staff: Awaited<ReturnType<TestApp['signedIn']>>;
  let member: TestClient;
  let orgs: Record<'A' | 'B' | 'C' | 'D', { id: string; name: string }>;
  let forumId: string;
  const programs = () => createProgramsService(t.database.db);

  const program = (code: string, o: Record<string, unknown>) => ({ code, nameKo: `사업 ${code}`, budgetGroup: 'basic', ...o });

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    member = await t.signedIn('member');
    orgs = {
      A: await t.createOrganization('가온 협동조합'),
      B: await t.createOrganization('나래 사회적기업'),
      C: await t.createOrganization('다온 마을기업'),
      D: await t.createOrganization('라온 자활기업'),
    };
    // A programme year as the programs service imports it (validated there, like an upload).
    const doc = {
      format: 'sehub.programs.v1',
      year: 2013,
      title: '2013 성과',
      programs: [
        program('1-1', {
          nameKo: '네트워크 지원',
          partners: [
            { name: orgs.A.name, organizationId: orgs.A.id },
            { name: orgs.B.name, organizationId: orgs.B.id },
            { name: '디렉터리에 없는 단체', organizationId: null },
          ],
          kpis: [
            { name: '의제 포럼 개최', unit: '회', kind: 'quantity', target: 4, result: 5 },
            { name: '공공구매 설명회', unit: '회', kind: 'quantity', target: 2, result: 3 },
            { name: '현장 상담', unit: '회', kind: 'quantity', target: 10, result: 10 },
            { name: '교육 참여자', unit: '명', kind: 'quantity', target: 100, result: 120 },
            { name: '포럼 참석자', unit: '명', kind: 'quantity', target: 50, result: null },
          ],
        }),
        program('4-1', {
          nameKo: '정책 연구',
          partners: [
            { name: orgs.A.name, organizationId: orgs.A.id },
            { name: orgs.C.name, organizationId: orgs.C.id },
          ],
          kpis: [
            { name: '연구 보고서', unit: null, kind: 'deliverable', done: true },
            { name: '통계 분석', unit: '보고서', kind: 'deliverable', done: true },
            { name: '보고서 초안', unit: null, kind: 'deliverable', done: false },
            { name: '자문회의', unit: '회', kind: 'deliverable', done: true },
          ],
        }),
      ],
    };
    const report = await programs().importYear(system, doc, { dryRun: false });
    expect(report, JSON.stringify(report)).toBeDefined();
    const items = (await programs().listPrograms(system, { year: 2013 })).items;
    forumId = items.find((p) => p.code === '1-1')!.programId;
  });
  afterAll(() => t.close());

  const figures = async (c: TestClient = staff, q = 'year=2013') => {
    const res = await c.get(`/api/v1/insights/figures?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json<HeadlineFigures>().figures.map((f) => [f.key, f]));
  };
  const rows = async (key: string, q = 'year=2013') => {
    const res = await staff.get(`/api/v1/insights/figures/${key}/rows?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<FigureRows>();
  };

  it('computes each figure from the programmes and beside it the figure the 2013 report printed', async () => {
    const f = await figures();
    expect(Object.keys(f)).toEqual(['organizations_networked', 'new_participants', 'events_held', 'reports_produced']);
    expect(f.organizations_networked).toMatchObject({ value: 3, version: 2, reported: { value: 878 }, difference: 3 - 878 });
    expect(f.new_participants).toMatchObject({ value: 120, reported: { value: 2818 }, difference: 120 - 2818 });
    expect(f.events_held).toMatchObject({ value: 8, reported: { value: 326 }, difference: 8 - 326 });
    expect(f.reports_produced).toMatchObject({ value: 2, reported: { value: 29 }, difference: 2 - 29 });
    expect(f.events_held!.explanation.en).toContain("name ~ '포럼|설명회|행사|교육|워크숍'");
    expect(f.events_held!.rowsPath).toBe('/api/v1/insights/figures/events_held/rows?year=2013&version=1');
    // another year has its programmes (none) and no printed figures
    const y2014 = await figures(staff, 'year=2014');
    expect(y2014.organizations_networked).toMatchObject({ value: 0, reported: null, difference: null });
  });

  it('drills each figure down to exactly the rows it counts', async () => {
    const networked = await rows('organizations_networked');
    expect(networked.rows.map((r) => r.organizationId).sort()).toEqual([orgs.A.id, orgs.B.id, orgs.C.id].sort());
    expect(networked.value).toBe(networked.rows.length);
    expect(networked.rows.find((r) => r.organizationId === orgs.A.id)!.sources).toBe('program_partner:1-1 네트워크 지원; program_partner:4-1 정책 연구');

    const events = await rows('events_held');
    expect(events.rows.map((r) => [r.kpiName, r.result])).toEqual([
      ['의제 포럼 개최', 5],
      ['공공구매 설명회', 3],
    ]);
    expect(events.valueColumn).toBe('result');
    expect(events.value).toBe(events.rows.reduce((a, r) => a + (r.result as number), 0));

    const participants = await rows('new_participants');
    expect(participants.rows.map((r) => r.kpiName)).toEqual(['교육 참여자']); // the one without a result adds nothing and is not listed
    const reports = await rows('reports_produced');
    expect(reports.rows.map((r) => r.kpiName)).toEqual(['연구 보고서', '통계 분석']);
    expect(reports.value).toBe(2);
  });

  it('changes with the underlying data, with no recount step', async () => {
    const detail = await programs().getProgram(system, forumId);
    const input = detail.input;
    await programs().updateProgram(system, forumId, {
      ...input,
      partners: [...input.partners, { name: orgs.D.name, role: null, organizationId: orgs.D.id }],
      kpis: input.kpis.map((k) => (k.name === '의제 포럼 개최' ? { ...k, result: 7 } : k)),
    });
    const f = await figures();
    expect(f.organizations_networked!.value).toBe(4);
    expect(f.events_held!.value).toBe(10);
    expect((await rows('organizations_networked')).rows.map((r) => r.organizationId)).toContain(orgs.D.id);
    expect((await rows('events_held')).rows.map((r) => r.result)).toEqual([7, 3]);
  });

  it('edits a definition as a new version (audited), keeps the old one, and the figure follows', async () => {
    const auditBefore = await t.auditCount();
    const body = {
      label: { ko: '행사 개최 수', en: 'Events held' },
      unit: { ko: '회', en: 'events' },
      definition: {
        kind: 'sum',
        view: 'programs_kpis_v',
        column: 'result',
        where: { all: [{ field: 'unit', op: 'eq', value: '회' }, { field: 'name', op: 'matches', value: '포럼|설명회|행사|교육|워크숍|상담' }] },
      },
      note: '상담도 행사로 셉니다',
      expectedVersion: 1,
    };
    const res = await staff.put('/api/v1/insights/figure-definitions/events_held', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'events_held', version: 2, validFrom: '2000-01-01', createdBy: { userId: staff.user.id, label: 'user' } });
    expect(await t.auditCount()).toBe(auditBefore + 1);
    const audit = await sql<{ action: string; entity_id: string; actor_user_id: string; before: { version: number }; after: { version: number } }>`
      SELECT action, entity_id, actor_user_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1`.execute(t.database.db);
    expect(audit.rows[0]).toMatchObject({ action: 'insights.figure_definition.version', entity_id: 'events_held', actor_user_id: staff.user.id, before: { version: 1 }, after: { version: 2 } });

    const f = await figures();
    expect(f.events_held).toMatchObject({ version: 2, value: 7 + 3 + 10 });
    expect((await rows('events_held')).rows.map((r) => r.kpiName)).toEqual(['의제 포럼 개최', '공공구매 설명회', '현장 상담']);
    // the old version still answers when asked for
    expect((await rows('events_held', 'year=2013&version=1')).value).toBe(10);

    const list = (await staff.get('/api/v1/insights/figure-definitions')).json<FigureDefinitionList>();
    const events = list.items.find((i) => i.key === 'events_held')!;
    expect(events.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(events.current.note).toBe('상담도 행사로 셉니다');

    // an edit that started from version 1 comes too late now
    expectProblem(await staff.put('/api/v1/insights/figure-definitions/events_held', body), 409, 'conflict');
    // a definition that applies only from 2014 leaves 2013's figure alone
    const later = await staff.put('/api/v1/insights/figure-definitions/events_held', { ...body, expectedVersion: 2, validFrom: '2014-01-01', definition: { kind: 'count', view: 'programs_kpis_v' } });
    expect(later.statusCode, later.body).toBe(200);
    expect((await figures()).events_held).toMatchObject({ version: 2, value: 20 });
    expect((await figures(staff, 'year=2014')).events_held).toMatchObject({ version: 3, value: 0 });
  });

  it('adds a figure of its own as version 1 of a new key', async () => {
    const res = await staff.put('/api/v1/insights/figure-definitions/partners_listed', {
      label: { ko: '협력 단체 기록 수', en: 'Partners recorded' },
      unit: { ko: '건', en: 'entries' },
      definition: { kind: 'count', view: 'programs_partners_v', where: { field: 'program_code', op: 'in', value: ['1-1'] } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await figures()).partners_listed).toMatchObject({ version: 1, value: 4, reported: null });
    expect((await rows('partners_listed')).rows.map((r) => r.partnerName).sort()).toEqual(['가온 협동조합', '디렉터리에 없는 단체', '라온 자활기업', '나래 사회적기업'].sort());
  });

  it('refuses a definition naming what the view does not have, or a broken pattern, and changes nothing', async () => {
    const before = await staff.get('/api/v1/insights/figure-definitions');
    const bad = (where: unknown) => ({ label: { ko: '행사', en: 'Events' }, unit: { ko: '회', en: 'events' }, definition: { kind: 'sum', view: 'programs_kpis_v', column: 'result', where } });
    let body = expectProblem(await staff.put('/api/v1/insights/figure-definitions/events_held', bad({ field: 'budget', op: 'eq', value: 1 })), 400, 'validation');
    expect(body.errors!.map((e) => e.path)).toEqual(['definition.where.field']);
    body = expectProblem(await staff.put('/api/v1/insights/figure-definitions/events_held', bad({ all: [{ field: 'name', op: 'matches', value: '포럼(' }] })), 400, 'validation');
    expect(body.errors!.map((e) => e.path)).toEqual(['definition.where.all.0.value']);
    body = expectProblem(await staff.put('/api/v1/insights/figure-definitions/events_held', bad({ field: 'done', op: 'eq', value: 'yes' })), 400, 'validation');
    expect(body.errors!.map((e) => e.path)).toEqual(['definition.where.value']);
    body = expectProblem(await staff.put('/api/v1/insights/figure-definitions/Events!', bad(undefined)), 400, 'validation');
    expect(body.errors![0]!.path).toBe('path.key');
    expect((await staff.get('/api/v1/insights/figure-definitions')).body).toBe(before.body);
  });

  it('lets only staff see the figures and edit their definitions', async () => {
    const snapshot = async () => (await staff.get('/api/v1/insights/figure-definitions')).body;
    const body = { label: { ko: 'x', en: 'x' }, unit: { ko: '', en: '' }, definition: { kind: 'count', view: 'programs_kpis_v' } };
    await expectRefused(t, { method: 'PUT', url: '/api/v1/insights/figure-definitions/events_held', body }, { wrongRole: member, anonymous: t.client() }, snapshot);
    await expectRefused(t, { method: 'GET', url: '/api/v1/insights/figures?year=2013' }, { wrongRole: member, anonymous: t.client() });
    await expectRefused(t, { method: 'GET', url: '/api/v1/insights/figures/events_held/rows?year=2013' }, { wrongRole: member, anonymous: t.client() });
    await expectRefused(t, { method: 'GET', url: '/api/v1/insights/figure-definitions' }, { wrongRole: member, anonymous: t.client() });
    // the public statistics stay public
    expect((await t.client().get('/api/v1/insights/distribution')).statusCode).toBe(200);
  });

  it('downloads the figures and their rows as CSV and XLSX with the numbers of the JSON', async () => {
    const json = (await staff.get('/api/v1/insights/figures?year=2013')).json<HeadlineFigures>();
    const drill = await rows('events_held');
    for (const format of ['csv', 'xlsx'] as const) {
      const table = await readTable((await staff.get(`/api/v1/insights/figures?year=2013&format=${format}`)).rawPayload, format);
      expect(table.rows.map((r) => [r[1], Number(r[3]), r[5] === '' ? null : Number(r[5])])).toEqual(json.figures.map((f) => [f.key, f.value, f.reported?.value ?? null]));
      const rt = await readTable((await staff.get(`/api/v1/insights/figures/events_held/rows?year=2013&format=${format}`)).rawPayload, format);
      const at = drill.columns.findIndex((c) => c.key === 'result');
      expect(rt.rows.map((r) => Number(r[at]))).toEqual(drill.rows.map((r) => r.result));
    }
    expectProblem(await staff.get('/api/v1/insights/figures/nothing_here/rows?year=2013'), 404, 'not-found');
    expectProblem(await staff.get('/api/v1/insights/figures?year=13'), 400, 'validation');
  });
});
