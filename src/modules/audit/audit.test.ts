import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, TestClient, testPng, type TestApp } from '../../../test/helpers.ts';
import { seoulToday } from '../orders/service.ts';

interface Row {
  id: number;
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

type Signed = TestClient & { user: { id: string; email: string; password: string } };
type Json = Record<string, unknown>;

/** One mutating route, as the OpenAPI document names it, and what its single audit row must say. */
interface Mutation {
  route: string;
  status: number;
  send(): Promise<LightMyRequestResponse>;
  /** The state the route is about to change, read before it runs. */
  prior?(): Promise<unknown>;
  check(row: Row, res: LightMyRequestResponse, prior: unknown): void | Promise<void>;
}

/** Matches a request against an OpenAPI route such as "PATCH /api/v1/organizations/{id}". */
function routeOf(res: LightMyRequestResponse, routes: string[]): string | undefined {
  const method = res.raw.req.method;
  const path = new URL(res.raw.req.url!, 'http://x').pathname;
  return routes.find((r) => {
    const [m, template] = r.split(' ') as [string, string];
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return m === method && pattern.test(path);
  });
}

describeEngines('audit trail', (engine) => {
  let t: TestApp;
  let mutatingRoutes: string[];
  beforeAll(async () => {
    t = await createTestApp(engine);
    const doc = (await t.client().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    mutatingRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t.close());

  async function rowsAfter(id: number): Promise<Row[]> {
    const r = await sql<Row>`SELECT * FROM audit_log WHERE id > ${id} ORDER BY id`.execute(t.database.db);
    return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  }
  async function lastId(): Promise<number> {
    const r = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(t.database.db);
    return Number(r.rows[0]!.id ?? 0);
  }
  async function wholeLog(): Promise<string> {
    const r = await sql<{ text: string | null }>`SELECT string_agg(row_to_json(a)::text, E'\n') AS text FROM audit_log a`.execute(t.database.db);
    return r.rows[0]!.text ?? '';
  }
  const org = async (id: string) => (await t.client().get(`/api/v1/organizations/${id}`)).json() as Json;
  const mailedToken = (to: string) => new URL(/https?:\/\/\S+/.exec(t.mailer.last(to)!.text)![0]).searchParams.get('token')!;

  it('writes exactly one row, with before and after, for every mutating route', async () => {
    const admin = (await t.signedIn('admin')) as Signed;
    const staff = (await t.signedIn('staff')) as Signed;
    const claimant = (await t.signedIn('member')) as Signed;
    const claimant2 = (await t.signedIn('member')) as Signed;
    const visitor = t.client();
    const member = new TestClient(t.app);
    const email = 'audit.member@example.kr';
    // Everything secret that passes through these requests; none of it may reach the log.
    const secrets: string[] = [admin.user.password, staff.user.password, claimant.user.password, claimant2.user.password, 'audit password 1', 'audit password 2', 'audit password 3', 'wrong password 1'];
    const s: { memberId: string; second: string; orgId: string; proposalId: string; requestId: string; tokenId: string; staffToken: string; userRows: Json[] } = {
      memberId: '',
      requestId: '',
      second: '',
      orgId: '',
      proposalId: '',
      tokenId: '',
      staffToken: '',
      userRows: [],
    };
    // The audit view of the member, each time it changes: every row's before must be the last after.
    const lastUserView = () => s.userRows.at(-1)!;
    const userChange = (action: string, actor: () => string | null, changed: (before: Json, after: Json) => void) => (row: Row) => {
      expect(row).toMatchObject({ action, entity_type: 'user', entity_id: s.memberId, actor_user_id: actor() });
      expect(row.before).toEqual(lastUserView());
      changed(row.before as Json, row.after as Json);
      s.userRows.push(row.after as Json);
    };

    // The organisations of the new modules' cases: one offers a resource (and books a room), the other asks for it.
    const giving = await t.createOrganization('감사 나눔 협동조합');
    const taking = await t.createOrganization('감사 이용 마을기업');
    const memberOf = async (organizationId: string): Promise<Signed> => {
      const user = await t.createUser();
      await t.addMember(organizationId, user.id, 'editor');
      const c = Object.assign(new TestClient(t.app), { user });
      expect((await c.login(user.email, user.password)).statusCode).toBe(200);
      secrets.push(user.password);
      return c;
    };
    const giver = await memberOf(giving.id);
    const taker = await memberOf(taking.id);
    /** The date `days` from today; every case keeps two weeks away from today, so time zones do not matter. */
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const everyDay = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, ['09:00', '21:00']]));
    const n: { programId: string; roomId: string; bookingId: string; resourceId: string; requestId: string; notificationId: string } = {
      programId: '',
      roomId: '',
      bookingId: '',
      resourceId: '',
      requestId: '',
      notificationId: '',
    };
    const program = async (id: string) => (await staff.get(`/api/v1/programs/${id}`)).json() as Json & { input: Json };
    const yearDocument = async (year: number) => (await staff.get(`/api/v1/program-years/${year}/export`)).json() as Json;
    const definition = async (key: string) => ((await staff.get('/api/v1/insights/figure-definitions')).json().items as { key: string; current: Json }[]).find((d) => d.key === key)?.current;
    const booking = async (id: string) => (await staff.get(`/api/v1/spaces/bookings/${id}`)).json() as Json;
    const sharingRequest = async (id: string) => (await giver.get(`/api/v1/sharing/requests/${id}`)).json() as Json;
    // The audit view of each sharing resource and request as last recorded: a row's before must be the last after.
    const sharingViews = new Map<string, unknown>();
    /** One step of a sharing request, by `who`, whose row must say `after` and whose answer `shown`. */
    const sharingStep = (path: string, who: () => Signed, body: Json, after: Json, shown: Json): Mutation => ({
      route: `POST /api/v1/sharing/requests/{id}/${path}`,
      status: 200,
      prior: () => sharingRequest(n.requestId),
      send: () => who().post(`/api/v1/sharing/requests/${n.requestId}/${path}`, body),
      check(row, res, prior) {
        expect(row).toMatchObject({ action: `sharing.request.${path}`, entity_type: 'sharing_request', entity_id: n.requestId, actor_user_id: who().user.id });
        expect(row.before).toEqual(sharingViews.get(n.requestId));
        expect(row.before).toMatchObject({ id: n.requestId, status: (prior as Json).status });
        expect(row.after).toMatchObject({ ...(row.before as Json), ...after, updated_at: expect.any(String) });
        expect(res.json()).toMatchObject({ id: n.requestId, status: (row.after as Json).status, ...shown });
        sharingViews.set(n.requestId, row.after);
      },
    });
    const requestResource = (body: Json): Mutation => ({
      route: 'POST /api/v1/sharing/resources/{id}/requests',
      status: 201,
      send: () => taker.post(`/api/v1/sharing/resources/${n.resourceId}/requests`, { requesterOrganizationId: taking.id, ...body }),
      check(row, res) {
        n.requestId = res.json().id;
        expect(row).toMatchObject({ action: 'sharing.request.create', entity_type: 'sharing_request', entity_id: n.requestId, actor_user_id: taker.user.id, before: null });
        expect(row.after).toMatchObject({ id: n.requestId, resource_id: n.resourceId, requester_organization_id: taking.id, requested_by: taker.user.id, status: 'requested', message: body.message ?? null });
        expect(res.json()).toMatchObject({ id: n.requestId, status: 'requested', requester: { id: taking.id }, owner: { id: giving.id }, message: body.message ?? null });
        sharingViews.set(n.requestId, row.after);
      },
    });

    // ——— procurement and 맺음 orders: staff keep the institutions, one of whose officers orders a bundle
    // the giving organisation runs, made of the taking and the giving organisation's goods ———
    const buyer = (await t.signedIn('member')) as Signed;
    secrets.push(buyer.user.password);
    const p: { institutionId: string; targetId: string; importId: string; offeringId: string; photoUrl: string; bundleId: string; orderId: string; subOrderId: string } = {
      institutionId: '',
      targetId: '',
      importId: '',
      offeringId: '',
      photoUrl: '',
      bundleId: '',
      orderId: '',
      subOrderId: '',
    };
    const institution = async (id: string) => (await staff.get(`/api/v1/procurement/institutions/${id}`)).json() as Json;
    const target = async (id: string) => ((await staff.get('/api/v1/procurement/targets')).json().items as Json[]).find((x) => x.id === id);
    const offering = async (id: string) => (await giver.get(`/api/v1/procurement/catalogue/${id}`)).json() as Json;
    const subOrder = async (id: string) => (await staff.get(`/api/v1/orders/sub-orders/${id}`)).json() as Json;
    // The audit view of each offering, bundle and sub-order as last recorded: a row's before must be the last after.
    const recorded = new Map<string, Json>();
    const deskBody = (over: Json = {}) => ({
      categoryCode: 'furniture',
      itemCode: 'furniture',
      name: '감사 원목 책상',
      priceWon: 250_000,
      unit: '개',
      minOrder: 2,
      deliveryDistricts: ['11320'],
      certifications: ['cooperative'],
      photos: [{ url: p.photoUrl, alt: '원목 책상' }],
      leadTimeDays: 14,
      ...over,
    });
    const components = [
      { supplierId: taking.id, name: '모둠 떡', unit: '팩', quantity: 1, unitPrice: 2500 },
      { supplierId: giving.id, name: '제철 과일컵', unit: '컵', quantity: 2, unitPrice: 1500 },
    ];
    const bundleBody = (code: string, over: Json = {}) => ({ code, name: '감사 회의 다과 꾸러미', intermediaryId: giving.id, leadTimeDays: 2, minQuantity: 1, components, ...over });
    /** A bundle's components as their rows, as the update's before holds them. */
    const componentRows = (bundleId: string, list: typeof components) =>
      list.map((c, i) => ({ bundle_id: bundleId, position: i + 1, supplier_org_id: c.supplierId, offering_id: null, name: c.name, unit: c.unit, quantity: c.quantity, unit_price: c.unitPrice }));
    const placeOrder = (): Mutation => ({
      route: 'POST /api/v1/orders/orders',
      status: 201,
      send: () =>
        buyer.post('/api/v1/orders/orders', {
          institutionId: p.institutionId,
          deliveryDate: day(20),
          deliveryPlace: '감사 구매기관 2층 회의실',
          contactName: '감사 담당',
          contactPhone: '02-100-2000',
          lines: [{ bundleId: p.bundleId, quantity: 10 }],
        }),
      check(row, res) {
        const o = res.json();
        p.orderId = o.id;
        p.subOrderId = (o.subOrders as Json[]).find((s) => (s.supplier as Json).id === taking.id)!.id as string;
        expect(row).toMatchObject({ action: 'orders.order.place', entity_type: 'order', entity_id: o.id, actor_user_id: buyer.user.id, before: null });
        expect(row.after).toMatchObject({ id: o.id, number: o.number, institution_id: p.institutionId, ordered_by: buyer.user.id, delivery_date: day(20), intermediary_org_ids: [giving.id] });
        expect((row.after as Json).lines).toEqual([expect.objectContaining({ line_no: 1, bundle_id: p.bundleId, quantity: 10, unit_price: 2500 + 2 * 1500 })]);
        const byId = (a: Json, b: Json) => String(a.id).localeCompare(String(b.id));
        expect([...((row.after as Json).subOrders as Json[])].sort(byId)).toEqual((o.subOrders as Json[]).map((s) => ({ id: s.id, supplier: (s.supplier as Json).id, amount: s.amount })).sort(byId));
        expect(o).toMatchObject({ total: 10 * (2500 + 2 * 1500), status: 'received' });
      },
    });
    /** One step of the taking organisation's part of the order, by `who`, whose row must show `changed`. */
    const subOrderStep = (action: string, who: () => Signed, body: Json, changed: () => Json): Mutation => ({
      route: `POST /api/v1/orders/sub-orders/{id}/${action}`,
      status: 200,
      prior: () => subOrder(p.subOrderId),
      send: async () => who().post(`/api/v1/orders/sub-orders/${p.subOrderId}/${action}`, { version: (await subOrder(p.subOrderId)).version, ...body }),
      check(row, res, prior) {
        const before = row.before as Json;
        expect(row).toMatchObject({ action: `orders.sub-order.${action}`, entity_type: 'order_sub_order', entity_id: p.subOrderId, actor_user_id: who().user.id });
        expect(before).toMatchObject({ id: p.subOrderId, order_id: p.orderId, supplier_org_id: taking.id, status: (prior as Json).status, version: (prior as Json).version, amount: (prior as Json).amount });
        if (recorded.has(p.subOrderId)) expect(before).toEqual(recorded.get(p.subOrderId));
        const { note, ...after } = row.after as Json;
        expect(note).toBe(body.note ?? null);
        expect(after).toEqual({ ...before, ...changed(), version: (before.version as number) + 1, updated_at: expect.any(String) });
        expect(res.json()).toMatchObject({ id: p.subOrderId, status: after.status, version: after.version });
        recorded.set(p.subOrderId, after);
      },
    });
    /** The purchase records file: one row from the giving organisation, one from a supplier the directory does not know yet. */
    const recordsFile = [
      '기관명,기관코드,구매일자,품목,분류,업체명,사업자등록번호,금액,계약방법,계약유형,계약번호',
      `서울특별시 감사구,,2013-04-01,복사용지,,${giving.name},,120000,수의계약,물품,`,
      '서울특별시 감사구,,2013-04-02,도시락,,감사 도시락 협동조합,,50000,수의계약,물품,',
    ].join('\n');

    const mutations: Mutation[] = [
      {
        route: 'POST /api/v1/auth/register',
        status: 201,
        send: () => visitor.post('/api/v1/auth/register', { email, password: 'audit password 1', displayName: '감사 회원' }),
        check(row, res) {
          s.memberId = res.json().user.id;
          expect(row).toMatchObject({ action: 'user.register', entity_type: 'user', entity_id: s.memberId, actor_user_id: null, actor_label: 'anonymous', before: null });
          expect(row.after).toEqual({ ...res.json().user, lockedUntil: undefined, createdAt: undefined, hasPassword: true, passwordChangedAt: expect.any(String) });
          s.userRows.push(row.after as Json);
        },
      },
      {
        route: 'POST /api/v1/auth/login',
        status: 200,
        send: () => member.login(email, 'audit password 1'),
        check(row) {
          expect(row).toMatchObject({ action: 'auth.login', entity_type: 'user', entity_id: s.memberId, actor_user_id: null, before: null });
          expect(row.after).toMatchObject({ sessionExpiresAt: expect.any(String) });
        },
      },
      {
        route: 'POST /api/v1/auth/login',
        status: 401,
        send: () => t.client().login(email, 'wrong password 1'),
        check(row) {
          expect(row).toMatchObject({
            action: 'auth.login_failed',
            entity_id: s.memberId,
            actor_user_id: null,
            before: { failedLoginCount: 0, lockedUntil: null },
            after: { failedLoginCount: 1, lockedUntil: null },
          });
        },
      },
      {
        route: 'POST /api/v1/auth/password',
        status: 204,
        send: () => member.post('/api/v1/auth/password', { currentPassword: 'audit password 1', newPassword: 'audit password 2' }),
        check: userChange('user.password_change', () => s.memberId, (before, after) => {
          expect(after).toEqual({ ...before, passwordChangedAt: expect.any(String) });
          expect(Date.parse(after.passwordChangedAt as string)).toBeGreaterThan(Date.parse(before.passwordChangedAt as string));
        }),
      },
      {
        route: 'PATCH /api/v1/users/{id}',
        status: 200,
        send: () => member.patch(`/api/v1/users/${s.memberId}`, { displayName: '감사 회원 2' }),
        check: userChange('user.update', () => s.memberId, (before, after) => expect(after).toEqual({ ...before, displayName: '감사 회원 2' })),
      },
      {
        route: 'POST /api/v1/users',
        status: 201,
        send: () => admin.post('/api/v1/users', { email: 'audit.staff@example.kr', displayName: '감사 직원', role: 'staff' }),
        check(row, res) {
          s.second = res.json().id;
          expect(row).toMatchObject({ action: 'user.create', entity_type: 'user', entity_id: s.second, actor_user_id: admin.user.id, actor_label: 'user', before: null });
          expect(row.after).toEqual({ ...res.json(), lockedUntil: undefined, createdAt: undefined, hasPassword: false, passwordChangedAt: null });
        },
      },
      {
        route: 'PATCH /api/v1/users/{id}',
        status: 200,
        send: () => admin.patch(`/api/v1/users/${s.second}`, { role: 'admin' }),
        check(row) {
          expect(row).toMatchObject({ action: 'user.update', entity_id: s.second, actor_user_id: admin.user.id, before: { role: 'staff' } });
          expect(row.after).toEqual({ ...(row.before as Json), role: 'admin' });
        },
      },
      {
        route: 'POST /api/v1/organizations',
        status: 201,
        send: () => staff.post('/api/v1/organizations', { name: '감사 협동조합', typeKey: 'cooperative' }),
        check(row, res) {
          s.orgId = res.json().id;
          expect(row).toMatchObject({ action: 'organization.create', entity_type: 'organization', entity_id: s.orgId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(res.json());
        },
      },
      {
        route: 'PATCH /api/v1/organizations/{id}',
        status: 200,
        prior: () => org(s.orgId),
        send: () => staff.patch(`/api/v1/organizations/${s.orgId}`, { name: '감사 사회적협동조합' }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'organization.update', entity_type: 'organization', entity_id: s.orgId, actor_user_id: staff.user.id, actor_token_id: null });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ name: '감사 사회적협동조합' });
        },
      },
      {
        route: 'POST /api/v1/me/tokens',
        status: 201,
        send: () => staff.post('/api/v1/me/tokens', { name: '감사 쓰기 토큰', scopes: ['directory:write'] }),
        check(row, res) {
          const { token, ...shown } = res.json();
          s.staffToken = token;
          secrets.push(token);
          expect(row).toMatchObject({ action: 'api_token.create', entity_type: 'api_token', entity_id: shown.id, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(shown);
        },
      },
      {
        // The same route through an API token: the row names both the person and the token.
        route: 'PATCH /api/v1/organizations/{id}',
        status: 200,
        prior: () => org(s.orgId),
        send: () => t.client().patch(`/api/v1/organizations/${s.orgId}`, { phone: '02-123-0000' }, { authorization: `Bearer ${s.staffToken}` }),
        check(row, res, prior) {
          const tokenId = (row.actor_token_id ?? '') as string;
          expect(row).toMatchObject({ action: 'organization.update', actor_user_id: staff.user.id, actor_label: 'api-token' });
          expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
        },
      },
      {
        route: 'POST /api/v1/directory/imports',
        status: 200,
        send: () => staff.request('POST', '/api/v1/directory/imports?filename=audit.csv', '기업명,전화번호\n감사 가져오기 협동조합,02-100-0001\n감사 가져오기 마을기업,02-100-0002\n', { 'content-type': 'text/csv' }),
        async check(row, res) {
          expect(res.json()).toMatchObject({ dryRun: false, rows: 2, created: 2 });
          expect(row).toMatchObject({ action: 'organization.import', entity_type: 'organization', entity_id: null, actor_user_id: staff.user.id, before: null });
          const after = row.after as { ids: string[] };
          expect(after).toEqual({ source: 'audit.csv', rows: 2, created: 2, skippedDuplicates: 0, ids: [expect.any(String), expect.any(String)] });
          expect((await Promise.all(after.ids.map(org))).map((o) => o.name).sort()).toEqual(['감사 가져오기 마을기업', '감사 가져오기 협동조합']);
        },
      },
      {
        route: 'POST /api/v1/organizations/{id}/status-events',
        status: 201,
        prior: () => org(s.orgId),
        send: () => staff.post(`/api/v1/organizations/${s.orgId}/status-events`, { kind: 'certified', on: '2013-06-01' }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'organization.status_event', entity_id: s.orgId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ statusHistory: [{ kind: 'certified', on: '2013-06-01', note: null }] });
        },
      },
      {
        route: 'PUT /api/v1/organizations/{organizationId}/members/{userId}',
        status: 200,
        send: () => staff.put(`/api/v1/organizations/${s.orgId}/members/${s.memberId}`, { role: 'owner' }),
        check(row) {
          expect(row).toMatchObject({
            action: 'membership.create',
            entity_type: 'organization_member',
            entity_id: `${s.orgId}:${s.memberId}`,
            actor_user_id: staff.user.id,
            before: null,
            after: { organizationId: s.orgId, userId: s.memberId, role: 'owner' },
          });
        },
      },
      {
        // An owner names a second owner…
        route: 'PUT /api/v1/organizations/{organizationId}/members/{userId}',
        status: 200,
        send: () => member.put(`/api/v1/organizations/${s.orgId}/members/${s.second}`, { role: 'owner' }),
        check(row) {
          expect(row).toMatchObject({ action: 'membership.create', actor_user_id: s.memberId, before: null, after: { role: 'owner' } });
        },
      },
      {
        // …makes them an editor…
        route: 'PUT /api/v1/organizations/{organizationId}/members/{userId}',
        status: 200,
        send: () => member.put(`/api/v1/organizations/${s.orgId}/members/${s.second}`, { role: 'editor' }),
        check(row) {
          expect(row).toMatchObject({
            action: 'membership.update',
            entity_id: `${s.orgId}:${s.second}`,
            actor_user_id: s.memberId,
            before: { role: 'owner' },
            after: { organizationId: s.orgId, userId: s.second, role: 'editor' },
          });
        },
      },
      {
        // …and removes them.
        route: 'DELETE /api/v1/organizations/{organizationId}/members/{userId}',
        status: 204,
        send: () => member.delete(`/api/v1/organizations/${s.orgId}/members/${s.second}`),
        check(row) {
          expect(row).toMatchObject({
            action: 'membership.delete',
            entity_id: `${s.orgId}:${s.second}`,
            actor_user_id: s.memberId,
            before: { organizationId: s.orgId, userId: s.second, role: 'editor' },
            after: null,
          });
        },
      },
      {
        route: 'POST /api/v1/organizations/{organizationId}/claims',
        status: 201,
        send: () => claimant.post(`/api/v1/organizations/${s.orgId}/claims`, { message: '이 단체의 사무국장입니다' }),
        check(row, res) {
          s.requestId = res.json().id;
          expect(row).toMatchObject({ action: 'membership_request.create', entity_type: 'membership_request', entity_id: s.requestId, actor_user_id: claimant.user.id, before: null });
          expect(row.after).toMatchObject({ id: s.requestId, organizationId: s.orgId, userId: claimant.user.id, status: 'pending', message: '이 단체의 사무국장입니다' });
        },
      },
      {
        route: 'POST /api/v1/membership-requests/{id}/approve',
        status: 200,
        send: () => staff.post(`/api/v1/membership-requests/${s.requestId}/approve`, { role: 'editor' }),
        check(row) {
          expect(row).toMatchObject({
            action: 'membership_request.approve',
            entity_id: s.requestId,
            actor_user_id: staff.user.id,
            before: { id: s.requestId, status: 'pending', grantedRole: null },
            after: { id: s.requestId, status: 'approved', grantedRole: 'editor', decidedBy: staff.user.id },
          });
        },
      },
      {
        route: 'POST /api/v1/organizations/{organizationId}/claims',
        status: 201,
        send: () => claimant2.post(`/api/v1/organizations/${s.orgId}/claims`, {}),
        check(row, res) {
          s.requestId = res.json().id;
          expect(row).toMatchObject({ action: 'membership_request.create', entity_id: s.requestId, actor_user_id: claimant2.user.id });
        },
      },
      {
        route: 'POST /api/v1/membership-requests/{id}/reject',
        status: 200,
        send: () => staff.post(`/api/v1/membership-requests/${s.requestId}/reject`, { reason: '확인할 수 없습니다' }),
        check(row) {
          expect(row).toMatchObject({
            action: 'membership_request.reject',
            entity_id: s.requestId,
            actor_user_id: staff.user.id,
            before: { id: s.requestId, status: 'pending', reason: null },
            after: { id: s.requestId, status: 'rejected', reason: '확인할 수 없습니다', grantedRole: null },
          });
        },
      },
      {
        route: 'POST /api/v1/organizations/{id}/proposals',
        status: 201,
        send: () => member.post(`/api/v1/organizations/${s.orgId}/proposals`, { changes: { website: 'https://audit.example.kr' } }),
        check(row, res) {
          s.proposalId = res.json().id;
          expect(row).toMatchObject({ action: 'organization_proposal.create', entity_type: 'organization_proposal', entity_id: s.proposalId, actor_user_id: s.memberId, before: null });
          expect(row.after).toEqual(res.json());
        },
      },
      {
        route: 'POST /api/v1/directory/proposals/{id}/approve',
        status: 200,
        prior: () => org(s.orgId),
        send: () => staff.post(`/api/v1/directory/proposals/${s.proposalId}/approve`),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'organization.proposal_approved', entity_type: 'organization', entity_id: s.orgId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual({ ...res.json(), proposalId: s.proposalId });
          expect(row.after).toMatchObject({ website: 'https://audit.example.kr' });
        },
      },
      {
        route: 'POST /api/v1/organizations/{id}/proposals',
        status: 201,
        send: () => member.post(`/api/v1/organizations/${s.orgId}/proposals`, { changes: { phone: '02-999-9999' } }),
        check(row, res) {
          s.proposalId = res.json().id;
          expect(row).toMatchObject({ action: 'organization_proposal.create', entity_id: s.proposalId });
        },
      },
      {
        route: 'POST /api/v1/directory/proposals/{id}/reject',
        status: 200,
        send: () => staff.post(`/api/v1/directory/proposals/${s.proposalId}/reject`, { reason: '번호를 확인할 수 없습니다' }),
        check(row, res) {
          expect(row).toMatchObject({
            action: 'organization_proposal.reject',
            entity_id: s.proposalId,
            actor_user_id: staff.user.id,
            before: { id: s.proposalId, status: 'pending', reason: null },
          });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ status: 'rejected', reason: '번호를 확인할 수 없습니다' });
        },
      },
      {
        route: 'POST /api/v1/me/tokens',
        status: 201,
        send: () => member.post('/api/v1/me/tokens', { name: '감사 토큰', scopes: ['directory:read'] }),
        check(row, res) {
          const { token, ...shown } = res.json();
          secrets.push(token);
          s.tokenId = shown.id;
          expect(row).toMatchObject({ action: 'api_token.create', entity_id: s.tokenId, actor_user_id: s.memberId, before: null });
          expect(row.after).toEqual(shown);
        },
      },
      {
        route: 'DELETE /api/v1/tokens/{id}',
        status: 200,
        prior: async () => (await member.get('/api/v1/me/tokens')).json().find((x: { id: string }) => x.id === s.tokenId),
        send: () => member.delete(`/api/v1/tokens/${s.tokenId}`),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'api_token.revoke', entity_type: 'api_token', entity_id: s.tokenId, actor_user_id: s.memberId });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(prior as Json), revokedAt: expect.any(String) });
        },
      },
      {
        route: 'POST /api/v1/auth/password-reset',
        status: 202,
        send: () => t.client().post('/api/v1/auth/password-reset', { email }),
        check(row) {
          secrets.push(mailedToken(email));
          expect(row).toMatchObject({ action: 'user.password_reset_request', entity_type: 'user', entity_id: s.memberId, actor_user_id: null, before: null });
          expect(row.after).toEqual({ resetExpiresAt: expect.any(String) });
        },
      },
      {
        route: 'POST /api/v1/auth/password-reset/confirm',
        status: 204,
        send: () => t.client().post('/api/v1/auth/password-reset/confirm', { token: mailedToken(email), newPassword: 'audit password 3' }),
        check: userChange('user.password_reset', () => null, (before, after) => {
          expect(after).toEqual({ ...before, passwordChangedAt: expect.any(String) });
          expect(after.passwordChangedAt).not.toBe(before.passwordChangedAt);
        }),
      },
      {
        route: 'POST /api/v1/auth/logout',
        status: 204,
        async send() {
          await member.login(email, 'audit password 3');
          return member.post('/api/v1/auth/logout');
        },
        check(row) {
          expect(row).toMatchObject({ action: 'auth.logout', entity_type: 'user', entity_id: s.memberId, actor_user_id: s.memberId, after: null });
          expect(row.before).toEqual({ sessionCreatedAt: expect.any(String) });
        },
      },
      // ——— programmes (staff) ———
      {
        route: 'POST /api/v1/program-years',
        status: 201,
        send: () => staff.post('/api/v1/program-years', { year: 2031, title: '2031 감사 성과보고서', organisationName: '감사 지원센터', areas: [{ code: 'a1', nameKo: '감사 분야', budgetGroup: 'basic' }] }),
        check(row, res) {
          expect(row).toMatchObject({ action: 'program_year.create', entity_type: 'program_year', entity_id: '2031', actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ year: 2031, title: '2031 감사 성과보고서', areas: [{ code: 'a1', nameKo: '감사 분야', budgetGroup: 'basic', sort: 0 }] });
        },
      },
      {
        route: 'POST /api/v1/program-years/{year}/programs',
        status: 201,
        send: () =>
          staff.post('/api/v1/program-years/2031/programs', {
            code: '1-1',
            nameKo: '감사 네트워크 사업',
            areaCode: 'a1',
            budgetGroup: 'basic',
            granted: 1_000_000,
            spent: 800_000,
            kpis: [{ name: '공동사업 지원', unit: '건', target: 4, result: 3 }],
            lines: [{ key: 'ops', name: '운영비', category: 'operating', budget: 1_000_000, spent: 800_000 }],
            partners: [{ name: giving.name, organizationId: giving.id }],
          }),
        check(row, res) {
          const p = res.json();
          n.programId = p.id;
          expect(row).toMatchObject({ action: 'program.create', entity_type: 'program', entity_id: p.id, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual({ id: p.id, year: 2031, ...p.input });
          expect(row.after).toMatchObject({ code: '1-1', version: 1, kpis: [{ name: '공동사업 지원', target: 4, result: 3 }], partners: [{ organizationId: giving.id }] });
        },
      },
      {
        route: 'PUT /api/v1/programs/{id}',
        status: 200,
        prior: () => program(n.programId),
        send: async () => staff.put(`/api/v1/programs/${n.programId}`, { ...(await program(n.programId)).input, nameKo: '감사 네트워크 지원사업', spent: 900_000 }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'program.update', entity_type: 'program', entity_id: n.programId, actor_user_id: staff.user.id });
          expect(row.before).toEqual({ id: n.programId, year: 2031, ...(prior as { input: Json }).input });
          expect(row.after).toEqual({ id: n.programId, year: 2031, ...res.json().input });
          expect(row.after).toEqual({ ...(row.before as Json), nameKo: '감사 네트워크 지원사업', spent: 900_000, version: 2 });
        },
      },
      {
        // A whole year replaced by a document: 1-1 gives way to 2-1.
        route: 'POST /api/v1/program-years/{year}/import',
        status: 200,
        prior: () => yearDocument(2031),
        send: () =>
          staff.post('/api/v1/program-years/2031/import', {
            format: 'sehub.programs.v1',
            year: 2031,
            title: '2031 감사 성과보고서 (고침)',
            organisationName: '감사 지원센터',
            areas: [{ code: 'a1', nameKo: '감사 분야', budgetGroup: 'basic' }],
            programs: [{ code: '2-1', nameKo: '가져온 교육 사업', areaCode: 'a1', budgetGroup: 'basic', kpis: [{ name: '교육', unit: '회', target: 2, result: 2 }] }],
          }),
        async check(row, res, prior) {
          expect(res.json()).toEqual({ dryRun: false, programs: 1, kpis: 1, lines: 0, errors: [] });
          expect(row).toMatchObject({ action: 'program_year.import', entity_type: 'program_year', entity_id: '2031', actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.before).toMatchObject({ title: '2031 감사 성과보고서', programs: [{ code: '1-1', nameKo: '감사 네트워크 지원사업' }] });
          expect(row.after).toEqual(await yearDocument(2031));
          expect(row.after).toMatchObject({ title: '2031 감사 성과보고서 (고침)', programs: [{ code: '2-1' }] });
        },
      },
      {
        route: 'DELETE /api/v1/programs/{id}',
        status: 204,
        async prior() {
          n.programId = ((await staff.get('/api/v1/program-years/2031')).json().programs as { id: string; code: string }[]).find((p) => p.code === '2-1')!.id;
          return program(n.programId);
        },
        send: () => staff.delete(`/api/v1/programs/${n.programId}`),
        async check(row, _res, prior) {
          expect(row).toMatchObject({ action: 'program.delete', entity_type: 'program', entity_id: n.programId, actor_user_id: staff.user.id, after: null });
          expect(row.before).toEqual({ id: n.programId, year: 2031, ...(prior as { input: Json }).input });
          expect((await staff.get(`/api/v1/programs/${n.programId}`)).statusCode).toBe(404);
        },
      },
      // ——— figure definitions (staff) ———
      {
        route: 'PUT /api/v1/insights/figure-definitions/{key}',
        status: 200,
        send: () =>
          staff.put('/api/v1/insights/figure-definitions/audit_kpis', {
            label: { ko: '감사 성과지표 수', en: 'KPIs audited' },
            unit: { ko: '개', en: 'KPIs' },
            definition: { kind: 'count', view: 'programs_kpis_v' },
            expectedVersion: 0,
          }),
        check(row, res) {
          expect(row).toMatchObject({ action: 'insights.figure_definition.version', entity_type: 'insights_figure_definition', entity_id: 'audit_kpis', actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ key: 'audit_kpis', version: 1, createdBy: { userId: staff.user.id, label: 'user' } });
        },
      },
      {
        route: 'PUT /api/v1/insights/figure-definitions/{key}',
        status: 200,
        prior: () => definition('audit_kpis'),
        send: () =>
          staff.put('/api/v1/insights/figure-definitions/audit_kpis', {
            label: { ko: '감사 성과지표 수', en: 'KPIs audited' },
            unit: { ko: '개', en: 'KPIs' },
            definition: { kind: 'count', view: 'programs_kpis_v', where: { field: 'unit', op: 'eq', value: '회' } },
            note: '횟수로 센 지표만',
            expectedVersion: 1,
          }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'insights.figure_definition.version', entity_id: 'audit_kpis', actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.before).toMatchObject({ version: 1, note: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ version: 2, note: '횟수로 센 지표만' });
        },
      },
      // ——— rooms and bookings ———
      {
        route: 'POST /api/v1/spaces/rooms',
        status: 201,
        send: () => staff.post('/api/v1/spaces/rooms', { name: '감사 회의실', capacity: 12, equipment: ['화이트보드'], openingHours: everyDay }),
        check(row, res) {
          n.roomId = res.json().id;
          expect(row).toMatchObject({ action: 'space_room.create', entity_type: 'space_room', entity_id: n.roomId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ name: '감사 회의실', capacity: 12, bookableBy: 'public' });
        },
      },
      {
        route: 'PUT /api/v1/spaces/rooms/{id}',
        status: 200,
        prior: async () => (await t.client().get(`/api/v1/spaces/rooms/${n.roomId}`)).json(),
        send: () => staff.put(`/api/v1/spaces/rooms/${n.roomId}`, { name: '감사 회의실', capacity: 16, openingHours: everyDay, bookableBy: 'members' }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'space_room.update', entity_type: 'space_room', entity_id: n.roomId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), capacity: 16, equipment: [], bookableBy: 'members' });
        },
      },
      {
        // A member books for their organisation…
        route: 'POST /api/v1/spaces/rooms/{id}/bookings',
        status: 201,
        send: () => taker.post(`/api/v1/spaces/rooms/${n.roomId}/bookings`, { date: day(14), start: '10:00', end: '12:00', purpose: '감사 이용 모임', expectedAttendees: 8, organizationId: taking.id }),
        check(row, res) {
          const [made, ...more] = res.json().items;
          n.bookingId = made.id;
          expect(more).toEqual([]);
          expect(row).toMatchObject({ action: 'space_booking.request', entity_type: 'space_booking', entity_id: n.bookingId, actor_user_id: taker.user.id, before: null });
          expect(row.after).toEqual(made);
          expect(row.after).toMatchObject({ status: 'requested', date: day(14), requesterUserId: taker.user.id, organizationId: taking.id });
        },
      },
      {
        // …staff approve it…
        route: 'POST /api/v1/spaces/bookings/{id}/decision',
        status: 200,
        prior: () => booking(n.bookingId),
        send: () => staff.post(`/api/v1/spaces/bookings/${n.bookingId}/decision`, { approve: true }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'space_booking.approve', entity_type: 'space_booking', entity_id: n.bookingId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), status: 'approved', decidedAt: expect.any(String) });
        },
      },
      {
        // …and the member calls it off.
        route: 'POST /api/v1/spaces/bookings/{id}/cancel',
        status: 200,
        prior: () => booking(n.bookingId),
        send: () => taker.post(`/api/v1/spaces/bookings/${n.bookingId}/cancel`),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'space_booking.cancel', entity_type: 'space_booking', entity_id: n.bookingId, actor_user_id: taker.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), status: 'cancelled' });
        },
      },
      {
        // Staff enter a meeting that took place two weeks ago, approve it and record who came.
        route: 'POST /api/v1/spaces/rooms/{id}/bookings',
        status: 201,
        send: () => staff.post(`/api/v1/spaces/rooms/${n.roomId}/bookings`, { date: day(-14), start: '14:00', end: '16:00', purpose: '감사 지난 교육', expectedAttendees: 10 }),
        check(row, res) {
          const [made] = res.json().items;
          n.bookingId = made.id;
          expect(row).toMatchObject({ action: 'space_booking.request', entity_id: n.bookingId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(made);
        },
      },
      {
        route: 'POST /api/v1/spaces/bookings/{id}/decision',
        status: 200,
        prior: () => booking(n.bookingId),
        send: () => staff.post(`/api/v1/spaces/bookings/${n.bookingId}/decision`, { approve: true, reason: '지난 행사 기록' }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'space_booking.approve', entity_id: n.bookingId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ status: 'approved', decisionReason: '지난 행사 기록' });
        },
      },
      {
        route: 'PUT /api/v1/spaces/bookings/{id}/attendance',
        status: 200,
        prior: () => booking(n.bookingId),
        send: () => staff.put(`/api/v1/spaces/bookings/${n.bookingId}/attendance`, { actualAttendees: 9 }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'space_booking.attendance', entity_type: 'space_booking', entity_id: n.bookingId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), status: 'completed', actualAttendees: 9 });
        },
      },
      // ——— sharing: a member of one organisation offers, a member of another asks ———
      {
        route: 'POST /api/v1/sharing/resources',
        status: 201,
        send: () =>
          giver.post('/api/v1/sharing/resources', {
            organizationId: giving.id,
            title: '감사 나눔 회의실',
            categoryKey: 'space',
            terms: 'free',
            availableRanges: [{ from: day(30), to: day(90) }],
          }),
        check(row, res) {
          n.resourceId = res.json().id;
          expect(row).toMatchObject({ action: 'sharing.resource.create', entity_type: 'sharing_resource', entity_id: n.resourceId, actor_user_id: giver.user.id, before: null });
          expect(row.after).toMatchObject({ id: n.resourceId, organization_id: giving.id, title: res.json().title, category_key: 'space', terms: 'free', fee_won: null, status: 'available' });
          expect(row.after).toMatchObject({ available_ranges: res.json().availableRanges, created_at: res.json().createdAt });
          sharingViews.set(n.resourceId, row.after);
        },
      },
      {
        route: 'PUT /api/v1/sharing/resources/{id}',
        status: 200,
        prior: async () => (await t.client().get(`/api/v1/sharing/resources/${n.resourceId}`)).json(),
        send: () =>
          giver.put(`/api/v1/sharing/resources/${n.resourceId}`, {
            title: '감사 나눔 회의실 (12석)',
            categoryKey: 'space',
            terms: 'cost_recovery',
            feeWon: 10_000,
            availableRanges: [{ from: day(30), to: day(90) }],
          }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'sharing.resource.update', entity_type: 'sharing_resource', entity_id: n.resourceId, actor_user_id: giver.user.id });
          expect(row.before).toEqual(sharingViews.get(n.resourceId));
          expect(row.before).toMatchObject({ title: (prior as Json).title, terms: (prior as Json).terms, updated_at: (prior as Json).updatedAt });
          expect(row.after).toMatchObject({ title: res.json().title, terms: 'cost_recovery', fee_won: res.json().feeWon, updated_at: res.json().updatedAt });
          expect(res.json()).toMatchObject({ title: '감사 나눔 회의실 (12석)', feeWon: 10_000 });
          sharingViews.set(n.resourceId, row.after);
        },
      },
      // Dates proposed, taken, handed over, returned, reviewed.
      requestResource({ fromDate: day(40), toDate: day(41), message: '총회 장소로 쓰고 싶습니다' }),
      sharingStep('propose', () => giver, { fromDate: day(42), toDate: day(43), note: '그 주는 다른 일정이 있습니다' }, { status: 'proposed', proposed_from: day(42), proposed_to: day(43), proposal_note: '그 주는 다른 일정이 있습니다' }, {
        proposal: { fromDate: day(42), toDate: day(43), note: '그 주는 다른 일정이 있습니다' },
      }),
      sharingStep('accept-proposal', () => taker, {}, { status: 'accepted', from_date: day(42), to_date: day(43) }, { fromDate: day(42), toDate: day(43) }),
      sharingStep('handover', () => giver, { on: day(42) }, { status: 'handed_over', handed_over_on: day(42) }, { handedOverOn: day(42) }),
      sharingStep('return', () => giver, { on: day(43), condition: '깨끗하게 돌려받음' }, { status: 'completed', returned_on: day(43), return_condition: '깨끗하게 돌려받음', completed_on: day(43) }, {
        returnedOn: day(43),
        completedOn: day(43),
      }),
      {
        route: 'POST /api/v1/sharing/requests/{id}/review',
        status: 200,
        send: () => taker.post(`/api/v1/sharing/requests/${n.requestId}/review`, { rating: 5, body: '잘 썼습니다' }),
        check(row, res) {
          expect(row).toMatchObject({ action: 'sharing.request.review', entity_type: 'sharing_request', entity_id: n.requestId, actor_user_id: taker.user.id, before: null });
          expect(row.after).toMatchObject({ request_id: n.requestId, side: 'requester', rating: 5, body: '잘 썼습니다', author_id: taker.user.id });
          expect(res.json().reviews).toEqual([{ side: 'requester', rating: 5, body: '잘 썼습니다', createdAt: (row.after as Json).created_at }]);
        },
      },
      // Declined.
      requestResource({ quantity: 1 }),
      sharingStep('decline', () => giver, { reason: '수리 중입니다' }, { status: 'declined', decline_reason: '수리 중입니다' }, { declineReason: '수리 중입니다' }),
      // Other dates proposed, and turned down.
      requestResource({ fromDate: day(50), toDate: day(50) }),
      sharingStep('propose', () => giver, { fromDate: day(51), toDate: day(51) }, { status: 'proposed', proposed_from: day(51), proposed_to: day(51), proposal_note: null }, {}),
      sharingStep('decline-proposal', () => taker, {}, { status: 'declined', decline_reason: null }, { declineReason: null }),
      // Accepted, then called off by the side that asked.
      requestResource({ fromDate: day(60), toDate: day(61), message: '교육 장소' }),
      sharingStep('accept', () => giver, {}, { status: 'accepted' }, {}),
      sharingStep('cancel', () => taker, { reason: '교육이 미뤄졌습니다' }, { status: 'cancelled', cancel_reason: '교육이 미뤄졌습니다', cancelled_by: 'requester' }, { cancelReason: '교육이 미뤄졌습니다', cancelledBy: 'requester' }),
      // ——— notifications: the giving side was told of each request and of the requester's steps ———
      {
        route: 'POST /api/v1/notifications/{id}/read',
        status: 200,
        async prior() {
          const unread = (await giver.get('/api/v1/notifications?unread=true')).json().items as Json[];
          n.notificationId = unread.at(-1)!.id as string;
          return unread.at(-1);
        },
        send: () => giver.post(`/api/v1/notifications/${n.notificationId}/read`),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'notification.read', entity_type: 'notification', entity_id: n.notificationId, actor_user_id: giver.user.id });
          expect(row.before).toEqual(prior);
          expect(row.before).toMatchObject({ kind: 'sharing.request.created', readAt: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), readAt: expect.any(String) });
        },
      },
      {
        route: 'POST /api/v1/notifications/read-all',
        status: 200,
        prior: async () => (await giver.get('/api/v1/notifications')).json().unread,
        send: () => giver.post('/api/v1/notifications/read-all'),
        async check(row, res, prior) {
          expect(prior).toBeGreaterThan(0);
          expect(res.json()).toEqual({ marked: prior });
          expect(row).toMatchObject({ action: 'notification.read-all', entity_type: 'user', entity_id: giver.user.id, actor_user_id: giver.user.id, before: null, after: { marked: prior } });
          expect((await giver.get('/api/v1/notifications')).json().unread).toBe(0);
        },
      },
      // ——— procurement records (staff): an institution, its officers, targets, an import ———
      {
        route: 'POST /api/v1/procurement/institutions',
        status: 201,
        send: () => staff.post('/api/v1/procurement/institutions', { name: '감사 구매기관', kind: 'office', code: 'AUDIT-01' }),
        check(row, res) {
          p.institutionId = res.json().id;
          expect(row).toMatchObject({ action: 'procurement.institution.create', entity_type: 'procurement_institution', entity_id: p.institutionId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual(res.json());
          expect(row.after).toMatchObject({ name: '감사 구매기관', kind: 'office', code: 'AUDIT-01', recordsPublic: true, officer: false });
        },
      },
      {
        route: 'PATCH /api/v1/procurement/institutions/{id}',
        status: 200,
        prior: () => institution(p.institutionId),
        send: () => staff.patch(`/api/v1/procurement/institutions/${p.institutionId}`, { districtCode: '11110', recordsPublic: false }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'procurement.institution.update', entity_type: 'procurement_institution', entity_id: p.institutionId, actor_user_id: staff.user.id });
          expect(row.before).toEqual(prior);
          expect(row.after).toEqual(res.json());
          expect(row.after).toEqual({ ...(row.before as Json), districtCode: '11110', recordsPublic: false, updatedAt: expect.any(String) });
        },
      },
      {
        // The officer who orders below…
        route: 'POST /api/v1/procurement/institutions/{id}/officers',
        status: 201,
        send: () => staff.post(`/api/v1/procurement/institutions/${p.institutionId}/officers`, { email: buyer.user.email }),
        check(row, res) {
          expect(row).toMatchObject({ action: 'procurement.officer.add', entity_type: 'procurement_institution', entity_id: p.institutionId, actor_user_id: staff.user.id, before: null, after: { userId: buyer.user.id } });
          expect(res.json()).toMatchObject({ userId: buyer.user.id, email: buyer.user.email });
        },
      },
      {
        // …and one named by mistake…
        route: 'POST /api/v1/procurement/institutions/{id}/officers',
        status: 201,
        send: () => staff.post(`/api/v1/procurement/institutions/${p.institutionId}/officers`, { userId: claimant.user.id }),
        check(row) {
          expect(row).toMatchObject({ action: 'procurement.officer.add', entity_id: p.institutionId, actor_user_id: staff.user.id, before: null, after: { userId: claimant.user.id } });
        },
      },
      {
        // …and removed again.
        route: 'DELETE /api/v1/procurement/institutions/{id}/officers/{userId}',
        status: 204,
        prior: async () => ((await staff.get(`/api/v1/procurement/institutions/${p.institutionId}/officers`)).json().items as Json[]).map((o) => o.userId).sort(),
        send: () => staff.delete(`/api/v1/procurement/institutions/${p.institutionId}/officers/${claimant.user.id}`),
        async check(row, _res, prior) {
          expect(prior).toEqual([buyer.user.id, claimant.user.id].sort());
          expect(row).toMatchObject({ action: 'procurement.officer.remove', entity_type: 'procurement_institution', entity_id: p.institutionId, actor_user_id: staff.user.id, before: { userId: claimant.user.id }, after: null });
          expect(((await staff.get(`/api/v1/procurement/institutions/${p.institutionId}/officers`)).json().items as Json[]).map((o) => o.userId)).toEqual([buyer.user.id]);
        },
      },
      {
        route: 'PUT /api/v1/procurement/targets',
        status: 200,
        send: () => staff.put('/api/v1/procurement/targets', { year: 2031, institutionId: p.institutionId, itemCode: 'copy_paper', amount: 5_000_000 }),
        check(row, res) {
          p.targetId = res.json().id;
          expect(row).toMatchObject({ action: 'procurement.target.create', entity_type: 'procurement_target', entity_id: p.targetId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual({ year: 2031, institutionId: p.institutionId, itemCode: 'copy_paper', amount: 5_000_000, note: null });
          expect(res.json()).toMatchObject({ ...(row.after as Json), institutionName: '감사 구매기관' });
        },
      },
      {
        // The same target again: an update of the one there.
        route: 'PUT /api/v1/procurement/targets',
        status: 200,
        prior: () => target(p.targetId),
        send: () => staff.put('/api/v1/procurement/targets', { year: 2031, institutionId: p.institutionId, itemCode: 'copy_paper', amount: 6_000_000, note: '증액' }),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'procurement.target.update', entity_type: 'procurement_target', entity_id: p.targetId, actor_user_id: staff.user.id });
          expect(row.before).toEqual({ amount: (prior as Json).amount, note: (prior as Json).note });
          expect(row.before).toEqual({ amount: 5_000_000, note: null });
          expect(row.after).toEqual({ year: 2031, institutionId: p.institutionId, itemCode: 'copy_paper', amount: 6_000_000, note: '증액' });
          expect(res.json()).toMatchObject({ id: p.targetId, amount: 6_000_000, note: '증액' });
        },
      },
      {
        route: 'DELETE /api/v1/procurement/targets/{id}',
        status: 204,
        prior: () => target(p.targetId),
        send: () => staff.delete(`/api/v1/procurement/targets/${p.targetId}`),
        async check(row, _res, prior) {
          const was = prior as Json;
          expect(row).toMatchObject({ action: 'procurement.target.delete', entity_type: 'procurement_target', entity_id: p.targetId, actor_user_id: staff.user.id, after: null });
          expect(row.before).toEqual({ year: was.year, institution_id: was.institutionId, item_code: was.itemCode, amount: was.amount });
          expect(await target(p.targetId)).toBeUndefined();
        },
      },
      {
        route: 'POST /api/v1/procurement/imports',
        status: 200,
        send: () => staff.post('/api/v1/procurement/imports?fileName=audit-2013.csv', recordsFile, { 'content-type': 'text/csv; charset=utf-8' }),
        check(row, res) {
          const summary = res.json();
          p.importId = summary.id;
          expect(summary).toMatchObject({ status: 'committed', rows: 2, amount: 170_000, matchedRows: 1, seoRows: 0, seoAmount: 0, unmatchedCount: 1, years: [2013], newInstitutions: [{ name: '서울특별시 감사구' }] });
          expect(row).toMatchObject({ action: 'procurement.import', entity_type: 'procurement_import', entity_id: p.importId, actor_user_id: staff.user.id, before: null });
          expect(row.after).toEqual({
            fileName: 'audit-2013.csv',
            format: 'csv',
            rows: 2,
            amount: 170_000,
            matchedRows: 1,
            seoRows: summary.seoRows,
            seoAmount: summary.seoAmount,
            years: [2013],
            firstId: summary.firstId,
            lastId: summary.lastId,
            newInstitutions: [{ id: summary.newInstitutions[0].id, name: '서울특별시 감사구', kind: 'district' }],
            unmatchedSuppliers: 1,
          });
        },
      },
      {
        // Once the directory knows the second supplier, its row is matched.
        route: 'POST /api/v1/procurement/rematch',
        status: 200,
        prior: () => t.createOrganization('감사 도시락 협동조합'),
        send: () => staff.post('/api/v1/procurement/rematch'),
        check(row, res) {
          expect(res.json()).toEqual({ matchedRows: 1, suppliers: 1, years: [2013] });
          expect(row).toMatchObject({ action: 'procurement.rematch', entity_type: 'procurement_records', entity_id: null, actor_user_id: staff.user.id, before: null, after: res.json() });
        },
      },
      {
        route: 'POST /api/v1/procurement/imports/{id}/undo',
        status: 200,
        prior: async () => (await staff.get(`/api/v1/procurement/imports/${p.importId}`)).json(),
        send: () => staff.post(`/api/v1/procurement/imports/${p.importId}/undo`),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'procurement.import.undo', entity_type: 'procurement_import', entity_id: p.importId, actor_user_id: staff.user.id });
          expect(row.before).toEqual({ status: (prior as Json).status, rows: (prior as Json).rows });
          expect(row.before).toEqual({ status: 'committed', rows: 2 });
          expect(row.after).toEqual({ status: 'undone', deletedRows: 2, years: [2013] });
          expect(res.json()).toMatchObject({ id: p.importId, status: 'undone', undoneAt: expect.any(String) });
        },
      },
      // ——— the procurement catalogue: a member of the giving organisation uploads a photo and offers a desk ———
      {
        route: 'POST /api/v1/procurement/photos',
        status: 201,
        send: () => giver.post(`/api/v1/procurement/photos?organizationId=${giving.id}`, testPng(16), { 'content-type': 'image/png' }),
        check(row, res) {
          p.photoUrl = res.json().url;
          expect(row).toMatchObject({ action: 'procurement.photo.upload', entity_type: 'procurement_photo', entity_id: res.json().id, actor_user_id: giver.user.id, before: null });
          expect(row.after).toMatchObject({ id: res.json().id, organization_id: giving.id, content_type: 'image/png', width: 16, height: 16, size: testPng(16).length });
          expect(row.after).not.toHaveProperty('bytes');
        },
      },
      {
        route: 'POST /api/v1/procurement/catalogue',
        status: 201,
        send: () => giver.post('/api/v1/procurement/catalogue', deskBody({ organizationId: giving.id })),
        check(row, res) {
          p.offeringId = res.json().id;
          expect(row).toMatchObject({ action: 'procurement.offering.create', entity_type: 'procurement_offering', entity_id: p.offeringId, actor_user_id: giver.user.id, before: null });
          expect(row.after).toMatchObject({ id: p.offeringId, organization_id: giving.id, name: '감사 원목 책상', price_won: 250_000, min_order: 2, status: 'active', version: 1, created_at: res.json().createdAt });
          expect(row.after).not.toHaveProperty('search_text');
          expect(res.json()).toMatchObject({ organization: { id: giving.id }, name: '감사 원목 책상', priceWon: 250_000, status: 'active', version: 1 });
          recorded.set(p.offeringId, row.after as Json);
        },
      },
      {
        route: 'PUT /api/v1/procurement/catalogue/{id}',
        status: 200,
        prior: () => offering(p.offeringId),
        send: () => giver.put(`/api/v1/procurement/catalogue/${p.offeringId}`, deskBody({ priceWon: 270_000, minOrder: 1, version: 1 })),
        check(row, res, prior) {
          expect(row).toMatchObject({ action: 'procurement.offering.update', entity_type: 'procurement_offering', entity_id: p.offeringId, actor_user_id: giver.user.id });
          expect(row.before).toEqual(recorded.get(p.offeringId));
          expect(row.before).toMatchObject({ price_won: (prior as Json).priceWon, version: (prior as Json).version });
          expect(row.after).toEqual({ ...(row.before as Json), price_won: 270_000, min_order: 1, version: 2, updated_at: res.json().updatedAt });
          expect(res.json()).toMatchObject({ priceWon: 270_000, minOrder: 1, version: 2 });
          recorded.set(p.offeringId, row.after as Json);
        },
      },
      ...(['pause', 'resume'] as const).map(
        (action): Mutation => ({
          route: `POST /api/v1/procurement/catalogue/{id}/${action}`,
          status: 200,
          prior: () => offering(p.offeringId),
          send: () => giver.post(`/api/v1/procurement/catalogue/${p.offeringId}/${action}`),
          check(row, res, prior) {
            const [from, to] = action === 'pause' ? ['active', 'paused'] : ['paused', 'active'];
            const version = (prior as Json).version as number;
            expect(row).toMatchObject({ action: `procurement.offering.${action}`, entity_type: 'procurement_offering', entity_id: p.offeringId, actor_user_id: giver.user.id });
            expect(row.before).toEqual({ status: from, version });
            expect(prior).toMatchObject({ status: from });
            expect(row.after).toEqual({ status: to, version: version + 1 });
            expect(res.json()).toMatchObject({ id: p.offeringId, status: to, version: version + 1 });
          },
        }),
      ),
      // ——— 맺음: a bundle made, edited and deleted before anyone orders it ———
      {
        route: 'POST /api/v1/orders/bundles',
        status: 201,
        send: () => giver.post('/api/v1/orders/bundles', bundleBody('AUDIT-01')),
        check(row, res) {
          p.bundleId = res.json().id;
          expect(row).toMatchObject({ action: 'orders.bundle.create', entity_type: 'order_bundle', entity_id: p.bundleId, actor_user_id: giver.user.id, before: null });
          expect(row.after).toMatchObject({ id: p.bundleId, code: 'AUDIT-01', name: '감사 회의 다과 꾸러미', intermediary_org_id: giving.id, status: 'active', lead_time_days: 2, components });
          expect(res.json()).toMatchObject({ id: p.bundleId, kind: 'bundle', price: 2500 + 2 * 1500, intermediary: { id: giving.id } });
          recorded.set(p.bundleId, row.after as Json);
        },
      },
      {
        route: 'PUT /api/v1/orders/bundles/{id}',
        status: 200,
        send: () => giver.put(`/api/v1/orders/bundles/${p.bundleId}`, bundleBody('AUDIT-01', { name: '감사 다과 꾸러미', components: components.slice(0, 1) })),
        check(row, res) {
          const { components: was, ...before } = row.before as Json;
          const { components: recordedComponents, ...last } = recorded.get(p.bundleId)!;
          expect(row).toMatchObject({ action: 'orders.bundle.update', entity_type: 'order_bundle', entity_id: p.bundleId, actor_user_id: giver.user.id });
          expect(before).toEqual(last);
          expect(was).toEqual(componentRows(p.bundleId, recordedComponents as typeof components));
          expect(row.after).toEqual({ ...before, name: '감사 다과 꾸러미', updated_at: expect.any(String), components: components.slice(0, 1) });
          expect(res.json()).toMatchObject({ name: '감사 다과 꾸러미', kind: 'single', price: 2500 });
          recorded.set(p.bundleId, row.after as Json);
        },
      },
      {
        route: 'DELETE /api/v1/orders/bundles/{id}',
        status: 204,
        send: () => giver.delete(`/api/v1/orders/bundles/${p.bundleId}`),
        async check(row) {
          const { components: _, ...last } = recorded.get(p.bundleId)!;
          expect(row).toMatchObject({ action: 'orders.bundle.delete', entity_type: 'order_bundle', entity_id: p.bundleId, actor_user_id: giver.user.id, after: null });
          expect(row.before).toEqual(last);
          expect((await t.client().get(`/api/v1/orders/bundles/${p.bundleId}`)).statusCode).toBe(404);
        },
      },
      // The bundle that is ordered; the officer's order splits into the taking and the giving organisation's parts.
      {
        route: 'POST /api/v1/orders/bundles',
        status: 201,
        send: () => giver.post('/api/v1/orders/bundles', bundleBody('AUDIT-02')),
        check(row, res) {
          p.bundleId = res.json().id;
          expect(row).toMatchObject({ action: 'orders.bundle.create', entity_id: p.bundleId, actor_user_id: giver.user.id, before: null });
          expect(row.after).toMatchObject({ id: p.bundleId, code: 'AUDIT-02', components });
        },
      },
      // The taking organisation's part goes received → confirmed → delivered → invoiced → paid.
      placeOrder(),
      subOrderStep('confirm', () => taker, { note: '10세트 준비합니다' }, () => ({ status: 'confirmed', confirmed_at: expect.any(String) })),
      subOrderStep('deliver', () => giver, {}, () => ({ status: 'delivered', delivered_on: seoulToday() })),
      subOrderStep('invoice', () => giver, { invoiceNo: 'AUDIT-INV-1' }, () => ({ status: 'invoiced', invoice_no: 'AUDIT-INV-1', invoiced_on: seoulToday() })),
      subOrderStep('pay', () => staff, {}, () => ({ status: 'paid', paid_on: seoulToday() })),
      // A second order: the buyer calls off one part, then the rest of the order.
      placeOrder(),
      subOrderStep('cancel', () => buyer, { note: '떡은 필요 없습니다' }, () => ({ status: 'cancelled', cancelled_at: expect.any(String) })),
      {
        route: 'POST /api/v1/orders/orders/{id}/cancel',
        status: 200,
        prior: async () => (await buyer.get(`/api/v1/orders/orders/${p.orderId}`)).json(),
        send: () => buyer.post(`/api/v1/orders/orders/${p.orderId}/cancel`, { note: '행사가 미뤄졌습니다' }),
        check(row, res, prior) {
          const open = ((prior as Json).subOrders as Json[]).filter((s) => s.status === 'received');
          expect(open.map((s) => (s.supplier as Json).id)).toEqual([giving.id]);
          expect(row).toMatchObject({ action: 'orders.order.cancel', entity_type: 'order', entity_id: p.orderId, actor_user_id: buyer.user.id });
          expect(row.before).toEqual({ subOrders: open.map((s) => ({ id: s.id, status: 'received' })) });
          expect(row.after).toEqual({ status: 'cancelled', note: '행사가 미뤄졌습니다' });
          expect(res.json()).toMatchObject({ id: p.orderId, status: 'cancelled', canCancel: false });
          expect((res.json().subOrders as Json[]).map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
        },
      },
    ];

    const covered = new Set<string>();
    for (const m of mutations) {
      const prior = await m.prior?.();
      const from = await lastId();
      // The logout case signs in first; only the row of the route itself counts.
      const res = await m.send();
      const rows = (await rowsAfter(from)).filter((r) => r.action !== 'auth.login' || m.route !== 'POST /api/v1/auth/logout');
      expect(res.statusCode, `${m.route}: ${res.body}`).toBe(m.status);
      expect(routeOf(res, mutatingRoutes), 'the case drives the route it names').toBe(m.route);
      expect(rows, `${m.route} (answer ${res.statusCode}) writes exactly one audit row`).toHaveLength(1);
      const row = rows[0]!;
      expect(row.request_id).toBe(res.headers['x-request-id']);
      await m.check(row, res, prior);
      covered.add(m.route);
      for (const c of [visitor, member, admin, staff, claimant, claimant2, giver, taker, buyer]) secrets.push(...c.cookies.values(), ...(c.csrfToken ? [c.csrfToken] : []));
    }

    // Every mutating route the API offers is in the table above: a new one must say what it audits.
    expect([...covered].sort()).toEqual([...mutatingRoutes].sort());

    const log = await wholeLog();
    expect(log).not.toContain('scrypt$');
    for (const secret of new Set(secrets)) expect(log.includes(secret), `a secret (${secret.slice(0, 6)}…) reached the audit log`).toBe(false);
    // Some ninety cases in a row, each with its reads: more than the default 30 s on a busy machine.
  }, 120_000);

  it('writes nothing, and changes nothing, for refused, invalid or failed mutations', async () => {
    const member = await t.signedIn('member');
    const staff = await t.signedIn('staff');
    const o = await t.createOrganization('바뀌지 않는 협동조합');
    const before = { org: await org(o.id), total: (await t.client().get('/api/v1/organizations')).json().total, me: (await member.get(`/api/v1/users/${member.user.id}`)).json() };
    const from = await lastId();
    expectProblem(await member.post('/api/v1/organizations', { name: '권한 없음' }), 403, 'forbidden');
    expectProblem(await member.patch(`/api/v1/organizations/${o.id}`, { name: '권한 없음' }), 403, 'forbidden');
    expectProblem(await member.patch(`/api/v1/users/${member.user.id}`, { role: 'admin' }), 403, 'forbidden');
    expectProblem(await t.client().patch(`/api/v1/organizations/${o.id}`, { name: '로그인 안 함' }), 401, 'unauthenticated');
    expectProblem(await member.patch(`/api/v1/users/${member.user.id}`, { displayName: 'CSRF 없음' }, { 'x-csrf-token': 'wrong' }), 403, 'csrf-token-missing');
    expectProblem(await staff.post('/api/v1/organizations', { name: '   ' }), 400, 'validation');
    expectProblem(await staff.patch(`/api/v1/organizations/${o.id}`, { name: '' }), 400, 'validation');
    expectProblem(await member.patch(`/api/v1/users/${member.user.id}`, { locale: 'fr' }), 400, 'validation');
    expectProblem(await staff.patch('/api/v1/organizations/00000000-0000-4000-8000-000000000000', { name: '없는 단체' }), 404, 'not-found');
    expectProblem(await t.client().post('/api/v1/auth/login', { email: 'nobody@example.kr', password: 'whatever it is' }), 401, 'invalid-credentials');
    expectProblem(await t.client().post('/api/v1/auth/register', { email: member.user.email, password: 'another password', displayName: '중복' }), 400, 'validation');
    // A preview of an import changes nothing.
    const preview = await staff.request('POST', '/api/v1/directory/imports?dryRun=true', '기업명\n미리보기 협동조합\n', { 'content-type': 'text/csv' });
    expect(preview.json()).toMatchObject({ dryRun: true, created: 1 });
    // Answered like a known address, but nothing happened, so nothing is recorded.
    expect((await t.client().post('/api/v1/auth/password-reset', { email: 'nobody@example.kr' })).statusCode).toBe(202);
    // Revoking a token twice changes nothing the second time.
    const token = (await member.post('/api/v1/me/tokens', { name: '두 번 폐기', scopes: ['directory:read'] })).json();
    expect((await member.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(200);
    const afterRevoke = await lastId();
    expect((await member.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(200);
    expect(await lastId()).toBe(afterRevoke);

    expect((await rowsAfter(from)).map((r) => r.action)).toEqual(['api_token.create', 'api_token.revoke']);
    expect({ org: await org(o.id), total: (await t.client().get('/api/v1/organizations')).json().total, me: (await member.get(`/api/v1/users/${member.user.id}`)).json() }).toEqual(before);
  });

  it('rolls the change back with its audit row when the change itself fails', async () => {
    const staff = await t.signedIn('staff');
    const o = (await staff.post('/api/v1/organizations', { name: '롤백 협동조합' })).json();
    // A constraint the database enforces but the API schema lets through makes the update fail inside its transaction.
    await sql`ALTER TABLE organizations ADD CONSTRAINT test_no_x CHECK (name <> 'X')`.execute(t.database.db);
    try {
      const from = await lastId();
      expectProblem(await staff.patch(`/api/v1/organizations/${o.id}`, { name: 'X' }), 500, 'internal');
      expect(await rowsAfter(from)).toEqual([]);
      expect(await org(o.id)).toEqual(o);
    } finally {
      await sql`ALTER TABLE organizations DROP CONSTRAINT test_no_x`.execute(t.database.db);
    }
  });

  it('rolls the change back when its audit row cannot be written', async () => {
    const staff = await t.signedIn('staff');
    const member = await t.signedIn('member');
    const o = (await staff.post('/api/v1/organizations', { name: '기록 실패 협동조합' })).json();
    // The audit insert is the last statement of each of these transactions; make it fail.
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_refuse CHECK (action NOT IN ('organization.update', 'user.update', 'user.register')) NOT VALID`.execute(t.database.db);
    try {
      const from = await lastId();
      expectProblem(await staff.patch(`/api/v1/organizations/${o.id}`, { name: '기록 안 된 이름' }), 500, 'internal');
      expectProblem(await member.patch(`/api/v1/users/${member.user.id}`, { displayName: '기록 안 된 이름' }), 500, 'internal');
      expectProblem(await t.client().post('/api/v1/auth/register', { email: 'unrecorded@example.kr', password: 'unrecorded password', displayName: '기록 없음' }), 500, 'internal');
      expect(await rowsAfter(from)).toEqual([]);
      expect(await org(o.id)).toEqual(o);
      expect((await member.get(`/api/v1/users/${member.user.id}`)).json().displayName).toBe(member.user.displayName);
      expectProblem(await t.client().post('/api/v1/auth/login', { email: 'unrecorded@example.kr', password: 'unrecorded password' }), 401, 'invalid-credentials');
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_refuse`.execute(t.database.db);
    }
    // Once the log accepts rows again, the same sign-up goes through: nothing of the failed one stayed.
    expect((await t.client().post('/api/v1/auth/register', { email: 'unrecorded@example.kr', password: 'unrecorded password', displayName: '기록 없음' })).statusCode).toBe(201);
  });

  it('is append-only', async () => {
    const n = await t.auditCount();
    expect(n).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    expect(await t.auditCount()).toBe(n);
    const tampered = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'tampered'`.execute(t.database.db);
    expect(tampered.rows[0]!.n).toBe(0);
  });

  it('lets staff list and filter the log, newest first; refuses members, visitors and tokens without audit:read', async () => {
    const staff = await t.signedIn('staff');
    const start = new Date(Date.now() - 1000).toISOString();
    const o = (await staff.post('/api/v1/organizations', { name: '필터 협동조합' })).json();
    await staff.patch(`/api/v1/organizations/${o.id}`, { name: '필터 사회적협동조합' });
    const q = async (query: string) => {
      const res = await staff.get(`/api/v1/audit?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { action: string; entityId: string; requestId: string; before: unknown; actor: { userId: string } }[]; total: number; page: number; pageSize: number };
    };

    const byEntity = await q(`entityType=organization&entityId=${o.id}`);
    expect(byEntity.items.map((r) => r.action)).toEqual(['organization.update', 'organization.create']);
    expect(byEntity.items[0]!.before).toMatchObject({ name: '필터 협동조합' });
    expect(byEntity.items[0]!.actor.userId).toBe(staff.user.id);
    expect((await q('entityType=organization')).items.every((r) => r.action.startsWith('organization.'))).toBe(true);

    const byActor = await q(`actorId=${staff.user.id}&action=organization.`);
    expect(byActor.total).toBe(2);
    expect((await q(`actorId=${staff.user.id}&action=organization.update`)).items.map((r) => r.entityId)).toEqual([o.id]);
    // The action is a prefix, not a pattern: LIKE's wildcards are taken literally.
    expect((await q(`actorId=${staff.user.id}&action=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await q(`actorId=${staff.user.id}&action=${encodeURIComponent('organization_')}`)).total).toBe(0);
    const paged = await q(`actorId=${staff.user.id}&action=organization.&pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((r) => r.action)).toEqual(['organization.create']);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await q(`entityId=${o.id}&from=${encodeURIComponent(future)}`)).total).toBe(0);
    expect((await q(`entityId=${o.id}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(future)}`)).total).toBe(2);
    expect((await q(`entityId=${o.id}&to=${encodeURIComponent(start)}`)).total).toBe(0);
    const reqId = byEntity.items[0]!.requestId;
    expect((await q(`requestId=${reqId}`)).items.map((r) => r.action)).toEqual(['organization.update']);
    const bad = expectProblem(await staff.get('/api/v1/audit?actorId=nope&from=yesterday'), 400, 'validation');
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['query.actorId', 'query.from']);

    expectProblem(await (await t.signedIn('member')).get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await t.client().get('/api/v1/audit'), 401, 'unauthenticated');
    const noScope = (await staff.post('/api/v1/me/tokens', { name: 'x', scopes: ['directory:read'] })).json().token;
    expectProblem(await t.client().get('/api/v1/audit', { authorization: `Bearer ${noScope}` }), 403, 'insufficient-scope');
    const withScope = (await staff.post('/api/v1/me/tokens', { name: 'y', scopes: ['audit:read'] })).json().token;
    const viaToken = await t.client().get(`/api/v1/audit?entityId=${o.id}`, { authorization: `Bearer ${withScope}` });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json().total).toBe(2);
    // A member's token with audit:read is still a member's: the scope widens nothing.
    const member = await t.signedIn('member');
    const memberToken = (await member.post('/api/v1/me/tokens', { name: 'z', scopes: ['audit:read'] })).json().token;
    expectProblem(await t.client().get('/api/v1/audit', { authorization: `Bearer ${memberToken}` }), 403, 'forbidden');
  });
});
