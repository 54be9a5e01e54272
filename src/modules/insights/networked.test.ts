import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { seedDemoDirectory, seedDemoPrograms, seedDemoSharing } from '../../demo/index.ts';
import { systemContext } from '../../kernel/context.ts';
import { createProgramsService } from '../programs/index.ts';
import { createSpacesService, seedDemoSpaces } from '../spaces/index.ts';
import type { FigureDefinitionList, FigureRows, HeadlineFigure, HeadlineFigures } from './model.ts';

/**
 * "Organisations networked" (issue 8): distinct organisations touched by a programme, a resource
 * linkage or a room booking in the year — version 2 of the figure, which reads the views sharing
 * and spaces publish (sharing_linkages_v, spaces_bookings_v) beside the programmes' partners.
 */

const system = systemContext('test');
type Member = TestClient & { user: { id: string } };

async function figureOf(c: TestClient, year: number, version?: number): Promise<HeadlineFigure> {
  const res = await c.get(`/api/v1/insights/figures?year=${year}${version ? `&version=${version}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<HeadlineFigures>().figures.find((f) => f.key === 'organizations_networked')!;
}
async function rowsOf(c: TestClient, year: number, version?: number, key = 'organizations_networked'): Promise<FigureRows> {
  const res = await c.get(`/api/v1/insights/figures/${key}/rows?year=${year}${version ? `&version=${version}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FigureRows>();
}

describeEngines('insights: organisations networked through programmes, linkages and bookings', (engine) => {
  let t: TestApp;
  let staff: Member;
  // A: programme partner and offers a resource; B: requests it and books a room too;
  // C: books a room that staff approve; D: books one that staff reject, and asks for another.
  let orgs: Record<'A' | 'B' | 'C' | 'D', { id: string; name: string }>;
  let year: number;
  let roomId: string;
  const spaces = () => createSpacesService({ db: t.database.db });

  async function memberOf(orgId: string): Promise<Member> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = t.client();
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return Object.assign(c, { user });
  }
  const book = (organizationId: string | null, date: string, start: string, end: string) =>
    spaces()
      .requestBooking(system, roomId, {
        date,
        start,
        end,
        purpose: '협의회 정기 회의',
        purposePublic: false,
        expectedAttendees: 12,
        organizationId,
        contactName: '담당자',
        contactEmail: 'contact@test.sehub.kr',
      })
      .then((b) => b[0]!);
  const sourcesOf = (r: FigureRows, id: string) => r.rows.find((x) => x.organizationId === id)?.sources;

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = (await t.signedIn('staff')) as Member;
    orgs = {
      A: await t.createOrganization('가람 나눔협동조합'),
      B: await t.createOrganization('누리 마을카페'),
      C: await t.createOrganization('다솜 사회적기업'),
      D: await t.createOrganization('라움 자활기업'),
    };
    // Version 2 applies to every year (valid from 2000): any year counts all three sources.
    const defs = (await staff.get('/api/v1/insights/figure-definitions')).json<FigureDefinitionList>();
    const v2 = defs.items.find((i) => i.key === 'organizations_networked')!.versions.find((v) => v.version === 2)!;
    expect(v2.validFrom).toBe('2000-01-01');
    year = 2026;
    await createProgramsService(t.database.db).importYear(
      system,
      {
        format: 'sehub.programs.v1',
        year,
        title: `${year} 성과`,
        programs: [{ code: '1-1', nameKo: '네트워크 지원', budgetGroup: 'basic', partners: [{ name: orgs.A.name, organizationId: orgs.A.id }], kpis: [] }],
      },
      { dryRun: false },
    );
    const room = await spaces().createRoom(system, {
      name: '서로배움터 테스트',
      description: '',
      capacity: 30,
      equipment: [],
      openingHours: { '1': ['09:00', '22:00'], '2': ['09:00', '22:00'], '3': ['09:00', '22:00'], '4': ['09:00', '22:00'], '5': ['09:00', '22:00'], '6': ['09:00', '22:00'], '7': ['09:00', '22:00'] },
      rules: '',
      bookableBy: 'public',
      photos: [],
      active: true,
      sort: 0,
    });
    roomId = room.id;
  });
  afterAll(() => t.close());

  it('lists the three sources in a new version that applies to every year, and keeps version 1 as history', async () => {
    const defs = (await staff.get('/api/v1/insights/figure-definitions')).json<FigureDefinitionList>();
    const item = defs.items.find((i) => i.key === 'organizations_networked')!;
    expect(item.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(item.current.definition).toEqual({
      kind: 'distinct_organizations',
      sources: [{ view: 'programs_partners_v' }, { view: 'sharing_linkages_v' }, { view: 'spaces_bookings_v' }],
    });
    expect(item.versions[1]!.definition).toEqual({ kind: 'distinct_organizations', sources: [{ view: 'programs_partners_v' }] });
    expect(await figureOf(staff, year)).toMatchObject({ version: 2, value: 1 });
    expect((await figureOf(staff, year)).explanation.en).toContain('sharing_linkages_v, spaces_bookings_v');
    expect(await figureOf(staff, 2013)).toMatchObject({ version: 2 });
    expect(await figureOf(staff, 2013, 1)).toMatchObject({ version: 1, value: 0 });
  });

  it('counts both organisations of a completed resource linkage, once each, the moment it completes', async () => {
    const owner = await memberOf(orgs.A.id);
    const requester = await memberOf(orgs.B.id);
    const res = await owner.post('/api/v1/sharing/resources', {
      organizationId: orgs.A.id,
      title: '사무용 복사지 10박스',
      categoryKey: 'goods',
      terms: 'free',
      feeWon: null,
      quantity: 10,
    });
    expect(res.statusCode, res.body).toBe(201);
    const req = (await requester.post(`/api/v1/sharing/resources/${res.json().id}/requests`, { requesterOrganizationId: orgs.B.id, quantity: 2 })).json();
    expect((await owner.post(`/api/v1/sharing/requests/${req.id}/accept`)).statusCode).toBe(200);
    // Accepted is not yet a linkage.
    expect((await figureOf(staff, year)).value).toBe(1);

    const handed = await owner.post(`/api/v1/sharing/requests/${req.id}/handover`, { on: `${year}-06-15` });
    expect(handed.json().status, handed.body).toBe('completed');
    expect(await figureOf(staff, year)).toMatchObject({ version: 2, value: 2 });
    const r = await rowsOf(staff, year);
    expect(r.value).toBe(r.rows.length);
    expect(r.rows.map((x) => x.organization)).toEqual([orgs.A.name, orgs.B.name]);
    // A is a programme partner and the linkage's owner: one row, both touches named.
    expect(sourcesOf(r, orgs.A.id)).toBe(`program_partner:1-1 네트워크 지원; linkage:goods ${year}-06-15`);
    expect(sourcesOf(r, orgs.B.id)).toBe(`linkage:goods ${year}-06-15`);
    // The linkage belongs to its year: version 2 computed for the year before does not see it.
    expect((await figureOf(staff, year - 1, 2)).value).toBe(0);
  });

  it('counts an organisation whose room booking is approved, not one whose booking is rejected or still waiting', async () => {
    const c = await book(orgs.C.id, `${year}-06-17`, '10:00', '12:00');
    const d = await book(orgs.D.id, `${year}-06-17`, '14:00', '16:00');
    const waiting = await book(orgs.D.id, `${year}-06-18`, '14:00', '16:00');
    const visitor = await book(null, `${year}-06-18`, '18:00', '20:00');
    expect((await figureOf(staff, year)).value).toBe(2);

    expect((await staff.post(`/api/v1/spaces/bookings/${c.id}/decision`, { approve: true })).statusCode).toBe(200);
    expect((await staff.post(`/api/v1/spaces/bookings/${d.id}/decision`, { approve: false, reason: '그날은 내부 행사가 있습니다' })).statusCode).toBe(200);
    await spaces().decide(system, visitor.id, { approve: true });
    expect(waiting.status).toBe('requested');

    expect((await figureOf(staff, year)).value).toBe(3);
    const r = await rowsOf(staff, year);
    expect(r.rows.map((x) => x.organizationId)).toEqual([orgs.A.id, orgs.B.id, orgs.C.id]);
    expect(sourcesOf(r, orgs.C.id)).toBe(`booking:서로배움터 테스트 ${year}-06-17`);
    expect(sourcesOf(r, orgs.D.id)).toBeUndefined();
    // The visitor's approved booking names no organisation and adds no row.
    expect(r.rows.every((x) => x.organizationId !== null)).toBe(true);
    expect(r.value).toBe(r.rows.length);
  });

  it('counts an organisation touched through two sources once, listing both touches', async () => {
    const b = await book(orgs.B.id, `${year}-06-19`, '10:00', '12:00');
    await spaces().decide(system, b.id, { approve: true });
    const r = await rowsOf(staff, year);
    expect(r.value).toBe(3);
    expect(r.rows.filter((x) => x.organizationId === orgs.B.id)).toHaveLength(1);
    expect(sourcesOf(r, orgs.B.id)).toBe(`linkage:goods ${year}-06-15; booking:서로배움터 테스트 ${year}-06-19`);
    expect((await figureOf(staff, year)).value).toBe(3);
  });

  it('counts rows of the new views and filters them by their own columns', async () => {
    const save = (key: string, definition: unknown) =>
      staff.put(`/api/v1/insights/figure-definitions/${key}`, { label: { ko: key, en: key }, unit: { ko: '건', en: 'rows' }, definition });
    let res = await save('goods_linkages', { kind: 'count', view: 'sharing_linkages_v', where: { field: 'category_key', op: 'eq', value: 'goods' } });
    expect(res.statusCode, res.body).toBe(200);
    const linkages = await rowsOf(staff, year, undefined, 'goods_linkages');
    expect(linkages.value).toBe(1);
    expect(linkages.rows[0]).toMatchObject({ category: 'goods', completedOn: `${year}-06-15`, ownerOrganization: orgs.A.name, requesterOrganization: orgs.B.name });

    res = await save('organizations_in_rooms', {
      kind: 'distinct_organizations',
      sources: [{ view: 'spaces_bookings_v', where: { all: [{ field: 'status', op: 'eq', value: 'approved' }, { field: 'attendees', op: 'eq', value: 12 }] } }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await rowsOf(staff, year, undefined, 'organizations_in_rooms')).rows.map((x) => x.organizationId)).toEqual([orgs.B.id, orgs.C.id]);

    res = await save('bookings_held', { kind: 'count', view: 'spaces_bookings_v' });
    expect(res.statusCode, res.body).toBe(200);
    const bookings = await rowsOf(staff, year, undefined, 'bookings_held');
    // The approved ones (C's, the visitor's, B's); the rejected and the waiting one are not in the view.
    expect(bookings.rows.map((x) => [x.date, x.organizationId, x.status, x.attendees])).toEqual([
      [`${year}-06-17`, orgs.C.id, 'approved', 12],
      [`${year}-06-18`, null, 'approved', 12],
      [`${year}-06-19`, orgs.B.id, 'approved', 12],
    ]);
  });

  it('refuses sources naming columns their view does not have, or no organisation, by field in Korean and English, and changes nothing', async () => {
    const before = (await staff.get('/api/v1/insights/figure-definitions')).body;
    const res = await staff.put('/api/v1/insights/figure-definitions/organizations_networked', {
      label: { ko: '네트워크 조직 수', en: 'Organisations networked' },
      unit: { ko: '개', en: 'organisations' },
      definition: {
        kind: 'distinct_organizations',
        sources: [
          { view: 'sharing_linkages_v', where: { field: 'room_name', op: 'eq', value: '서로배움터 1' } },
          { view: 'spaces_bookings_v', where: { all: [{ field: 'category_key', op: 'eq', value: 'space' }, { field: 'attendees', op: 'eq', value: 'many' }] } },
          { view: 'programs_kpis_v' },
          { view: 'spaces_bookings_v', where: { field: 'attendees', op: 'matches', value: '1' } },
        ],
      },
      expectedVersion: 2,
    });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors!.map((e) => e.path).sort()).toEqual(
      [
        'definition.sources.0.where.field',
        'definition.sources.1.where.all.0.field',
        'definition.sources.1.where.all.1.value',
        'definition.sources.2.view',
        'definition.sources.3.where.op',
      ].sort(),
    );
    const linkageField = body.errors!.find((e) => e.path === 'definition.sources.0.where.field')!.messages;
    expect(linkageField.ko).toBe('이 뷰에 없는 항목입니다: room_name (가능: category_key, district_code, is_demo)');
    expect(linkageField.en).toBe('The view has no field room_name (known: category_key, district_code, is_demo)');
    expect(body.errors!.find((e) => e.path === 'definition.sources.1.where.all.0.field')!.messages.en).toBe('The view has no field category_key (known: room_name, status, attendees, is_demo)');
    expect(body.errors!.find((e) => e.path === 'definition.sources.1.where.all.1.value')!.messages).toEqual({ ko: 'attendees의 값은 숫자여야 합니다', en: 'attendees takes a number value' });
    expect(body.errors!.find((e) => e.path === 'definition.sources.2.view')!.messages.en).toMatch(/^programs_kpis_v names no organisation/);
    // An unknown view is refused by the schema, under its field.
    const unknown = await staff.put('/api/v1/insights/figure-definitions/organizations_networked', {
      label: { ko: 'x', en: 'x' },
      unit: { ko: '', en: '' },
      definition: { kind: 'distinct_organizations', sources: [{ view: 'procurement_orders_v' }] },
    });
    expect(expectProblem(unknown, 400, 'validation').errors!.map((e) => e.path)).toEqual(['definition.sources.0.view']);
    expect((await staff.get('/api/v1/insights/figure-definitions')).body).toBe(before);
  });
});

describeEngines('insights: organisations networked on the 2013 demo', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    await seedDemoDirectory(t.database.db);
    await seedDemoPrograms(t.database.db);
    await seedDemoSharing(t.database.db);
    await seedDemoSpaces(t.database.db);
  });
  afterAll(() => t.close());

  it('gives a figure above zero that equals its drill-down, each organisation once, the linkages’ organisations among them', async () => {
    // Version 1, asked for, counts programme partners linked to the directory only (the report's
    // partners are not among the generated demo organisations)…
    const v1 = await figureOf(staff, 2013, 1);
    expect(v1).toMatchObject({ version: 1, reported: { value: 878 } });
    expect((await rowsOf(staff, 2013, 1)).rows).toHaveLength(v1.value);

    // …and version 2, the year's figure, adds the organisations of the demo's completed 2013 linkages.
    const v2 = await figureOf(staff, 2013);
    const rows = await rowsOf(staff, 2013);
    expect(v2).toMatchObject({ version: 2, reported: { value: 878 } });
    expect(v2.value).toBeGreaterThan(0);
    expect(v2.value).toBeGreaterThan(v1.value);
    expect(rows.value).toBe(v2.value);
    expect(rows.rows).toHaveLength(v2.value);
    expect(new Set(rows.rows.map((r) => r.organizationId)).size).toBe(rows.rows.length);
    const linked = rows.rows.filter((r) => String(r.sources).includes('linkage:'));
    const sharing = (await t.client().get('/api/v1/sharing/linkages?year=2013&by=category')).json<{ total: { linkages: number; organizations: number } }>();
    expect(sharing.total.linkages).toBeGreaterThan(0);
    expect(linked).toHaveLength(sharing.total.organizations);
    expect(rows.rows.every((r) => typeof r.organization === 'string' && r.organization.length > 0)).toBe(true);
  });
});
