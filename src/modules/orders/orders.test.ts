import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, uploadPhoto, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { seoulToday } from './service.ts';

type Member = TestClient & { user: { id: string; email: string } };

const inDays = (n: number) => new Date(Date.parse(`${seoulToday()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describeEngines('맺음 bundle orders', (engine) => {
  let t: TestApp;
  let staff: Member;
  let buyer: Member; // officer of 은평구청
  let otherBuyer: Member; // officer of 도봉구청
  let supplierA: Member;
  let supplierB: Member;
  let supplierC: Member;
  let broker: Member; // editor of the intermediary
  let brokerPhoto: string; // a photo the intermediary uploaded
  let outsider: Member; // editor of an unrelated organisation
  const org: Record<string, string> = {};
  let institution: string;
  let otherInstitution: string;
  let bundleId: string;
  let singleId: string;

  async function memberOf(orgId: string): Promise<Member> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = t.client();
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return Object.assign(c, { user });
  }
  async function officerOf(name: string): Promise<{ client: Member; institutionId: string }> {
    const db = t.database.db;
    const inst = await sql<{ id: string }>`INSERT INTO procurement_institutions (name, name_key, kind) VALUES (${name}, ${name}, 'district') RETURNING id`.execute(db);
    const id = inst.rows[0]!.id;
    const client = (await t.signedIn('member')) as Member;
    await sql`INSERT INTO procurement_officers (institution_id, user_id) VALUES (${id}, ${client.user.id})`.execute(db);
    return { client, institutionId: id };
  }
  const bundleBody = (over: Record<string, unknown> = {}) => ({
    code: 'MA-01',
    name: '회의용 다과 꾸러미',
    description: '떡, 과일, 음료를 한 번에',
    intermediaryId: org.broker,
    leadTimeDays: 2,
    minQuantity: 10,
    photos: [{ url: brokerPhoto, alt: '떡과 과일, 음료가 담긴 상자' }],
    components: [
      { supplierId: org.a, name: '모둠 떡', unit: '팩', quantity: 1, unitPrice: 2500 },
      { supplierId: org.b, name: '제철 과일컵', unit: '컵', quantity: 1, unitPrice: 1800 },
      { supplierId: org.c, name: '유기농 주스', unit: '병', quantity: 2, unitPrice: 900 },
    ],
    ...over,
  });
  const orderBody = (over: Record<string, unknown> = {}) => ({
    institutionId: institution,
    deliveryDate: inDays(7),
    deliveryPlace: '은평구청 3층 대회의실',
    contactName: '김담당',
    contactPhone: '02-351-1234',
    lines: [
      { bundleId, quantity: 30 },
      { bundleId: singleId, quantity: 5 },
    ],
    ...over,
  });
  const notices = async (c: TestClient) => (await c.get('/api/v1/notifications?pageSize=50')).json().items as { kind: string; title: { ko: string }; link: string }[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = (await t.signedIn('staff')) as Member;
    for (const [k, name] of [
      ['a', '은평 떡공방 협동조합'],
      ['b', '도봉 과일나눔 사회적기업'],
      ['c', '성북 마을주스 협동조합'],
      ['broker', '맺음 중간관리 협동조합'],
      ['other', '송파 다른 협동조합'],
    ] as const) {
      org[k] = (await t.createOrganization(name)).id;
    }
    supplierA = await memberOf(org.a!);
    supplierB = await memberOf(org.b!);
    supplierC = await memberOf(org.c!);
    broker = await memberOf(org.broker!);
    brokerPhoto = await uploadPhoto(broker, org.broker);
    outsider = await memberOf(org.other!);
    ({ client: buyer, institutionId: institution } = await officerOf('은평구청'));
    ({ client: otherBuyer, institutionId: otherInstitution } = await officerOf('도봉구청'));
  });
  afterAll(() => t.close());

  it('the intermediary builds a bundle whose price is the sum of its components; bad input is refused by field; others may not', async () => {
    const res = await broker.post('/api/v1/orders/bundles', bundleBody());
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    bundleId = b.id;
    expect(b).toMatchObject({ code: 'MA-01', kind: 'bundle', price: 2500 + 1800 + 2 * 900, intermediary: { id: org.broker, name: '맺음 중간관리 협동조합' }, canManage: true });
    expect(b.suppliers).toEqual(
      expect.arrayContaining([
        { id: org.a, name: '은평 떡공방 협동조합', amount: 2500 },
        { id: org.c, name: '성북 마을주스 협동조합', amount: 1800 },
      ]),
    );

    const single = await staff.post('/api/v1/orders/bundles', bundleBody({ code: 'SI-01', name: '유기농 주스 (낱개)', minQuantity: 1, components: [{ supplierId: org.c, name: '유기농 주스', unit: '병', quantity: 1, unitPrice: 900 }] }));
    expect(single.statusCode, single.body).toBe(201);
    expect(single.json()).toMatchObject({ kind: 'single', price: 900 });
    singleId = single.json().id;

    const supplierPhoto = await uploadPhoto(supplierA, org.a);
    const before = await t.auditCount();
    // A bundle shows its intermediary's own photos, uploaded to sehub: not a supplier's, not a link elsewhere.
    for (const url of [supplierPhoto, 'https://example.kr/ma01.jpg']) {
      const photo = await broker.post('/api/v1/orders/bundles', bundleBody({ code: 'MA-08', photos: [{ url, alt: '상자' }] }));
      expect(expectProblem(photo, 400, 'validation').errors!.map((e) => e.path)).toEqual(['photos.0.url']);
    }
    const bad = await broker.post('/api/v1/orders/bundles', bundleBody({ code: 'MA-01', name: ' ', components: [{ supplierId: org.other, name: '', unit: '개', quantity: 0, unitPrice: -1 }] }));
    const paths = expectProblem(bad, 400, 'validation').errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'components.0.name', 'components.0.quantity', 'components.0.unitPrice']));
    const dup = await broker.post('/api/v1/orders/bundles', bundleBody());
    expect(expectProblem(dup, 400, 'validation').errors!.find((e) => e.path === 'code')!.messages.ko).toBe('이미 쓰고 있는 상품 코드입니다');
    const unknown = await broker.post('/api/v1/orders/bundles', bundleBody({ code: 'MA-09', components: [{ supplierId: '00000000-0000-4000-8000-000000000000', name: '떡', unit: '팩', quantity: 1, unitPrice: 100 }] }));
    expect(expectProblem(unknown, 400, 'validation').errors!.map((e) => e.path)).toEqual(['components.0.supplierId']);
    expect(await t.auditCount()).toBe(before);

    // A supplier (wrong role) and a member of another organisation may not manage the intermediary's bundles.
    await expectRefused(t, { method: 'POST', url: '/api/v1/orders/bundles', body: bundleBody({ code: 'MA-02' }) }, { wrongRole: supplierA, wrongOrganization: outsider, anonymous: t.client() });
    await expectRefused(t, { method: 'PUT', url: `/api/v1/orders/bundles/${bundleId}`, body: bundleBody({ name: '탈취' }) }, { wrongRole: supplierA, wrongOrganization: outsider });
    const shop = await t.client().get('/api/v1/orders/bundles');
    expect(shop.json()).toMatchObject({ total: 2, counts: { bundle: 1, single: 1 } });
    expect(shop.json().items[0].canManage).toBe(false);
  });

  it('an officer orders; the order splits into one sub-order per supplier whose amounts add up to the total; bad orders are refused by field', async () => {
    const before = await t.auditCount();
    const bad = await buyer.post('/api/v1/orders/orders', orderBody({ deliveryDate: inDays(0), contactPhone: 'call me', lines: [{ bundleId, quantity: 3 }] }));
    const body = expectProblem(bad, 400, 'validation');
    expect(body.errors!.map((e) => e.path).sort()).toEqual(['contactPhone']);
    const bad2 = await buyer.post('/api/v1/orders/orders', orderBody({ deliveryDate: inDays(1), lines: [{ bundleId, quantity: 3 }] }));
    const e2 = expectProblem(bad2, 400, 'validation').errors!;
    expect(e2.map((e) => e.path).sort()).toEqual(['deliveryDate', 'lines.0.quantity']);
    expect(e2.find((e) => e.path === 'lines.0.quantity')!.messages.ko).toContain('10개 이상');
    expect(await t.auditCount()).toBe(before);

    // Only officers of the institution order for it.
    await expectRefused(t, { method: 'POST', url: '/api/v1/orders/orders', body: orderBody() }, { wrongRole: supplierA, wrongOrganization: otherBuyer, anonymous: t.client() });
    await expectRefused(t, { method: 'POST', url: '/api/v1/orders/orders', body: orderBody({ institutionId: otherInstitution }) }, { wrongOrganization: buyer });

    const res = await buyer.post('/api/v1/orders/orders', orderBody());
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    const year = seoulToday().slice(0, 4);
    expect(o.number).toBe(`맺음-${year}-0001`);
    expect(o.view).toBe('whole');
    expect(o.total).toBe(30 * 6100 + 5 * 900);
    expect(o.subOrders.map((s: { amount: number }) => s.amount).reduce((a: number, b: number) => a + b, 0)).toBe(o.total);
    const bySupplier = Object.fromEntries(o.subOrders.map((s: { supplier: { id: string }; amount: number; status: string }) => [s.supplier.id, s]));
    expect(bySupplier[org.a!]).toMatchObject({ amount: 30 * 2500, status: 'received' });
    expect(bySupplier[org.c!].amount).toBe(30 * 2 * 900 + 5 * 900);
    expect(bySupplier[org.c!].items).toHaveLength(2);
    expect(await t.auditCount()).toBe(before + 1);
    // Each supplier hears of it in-app.
    expect((await notices(supplierB)).some((n) => n.kind === 'orders.order.placed' && n.title.ko.includes(o.number))).toBe(true);

    const second = await buyer.post('/api/v1/orders/orders', orderBody({ lines: [{ bundleId: singleId, quantity: 2 }] }));
    expect(second.json().number).toBe(`맺음-${year}-0002`);
  });

  it('a supplier sees only its own part; another supplier’s sub-order is 403; the buyer and the intermediary see the order whole', async () => {
    const mine = (await supplierA.get('/api/v1/orders/orders?as=supplier')).json();
    expect(mine.total).toBe(1);
    const o = mine.items[0];
    expect(o.view).toBe('part');
    expect(o.total).toBeNull();
    expect(o.lines).toBeNull();
    expect(o.subOrders.map((s: { supplier: { id: string } }) => s.supplier.id)).toEqual([org.a]);

    const whole = (await buyer.get(`/api/v1/orders/orders/${o.id}`)).json();
    expect(whole.view).toBe('whole');
    expect(whole.subOrders).toHaveLength(3);
    const bSub = whole.subOrders.find((s: { supplier: { id: string } }) => s.supplier.id === org.b).id;
    expectProblem(await supplierA.get(`/api/v1/orders/sub-orders/${bSub}`), 403, 'forbidden');
    expect((await supplierB.get(`/api/v1/orders/sub-orders/${bSub}`)).statusCode).toBe(200);
    // The order of a supplier with no part in it, and of another institution, is refused.
    expectProblem(await outsider.get(`/api/v1/orders/orders/${o.id}`), 403, 'forbidden');
    expectProblem(await otherBuyer.get(`/api/v1/orders/orders/${o.id}`), 403, 'forbidden');
    expect((await otherBuyer.get('/api/v1/orders/orders?as=buyer')).json().total).toBe(0);
    expect((await broker.get(`/api/v1/orders/orders/${o.id}`)).json()).toMatchObject({ view: 'whole', total: whole.total });
    expect((await broker.get('/api/v1/orders/orders?as=intermediary')).json().total).toBe(2);
    expectProblem(await supplierA.get('/api/v1/orders/orders?as=staff'), 403, 'forbidden');
    expect((await staff.get('/api/v1/orders/orders?as=staff')).json().total).toBe(2);
  });

  it('each part goes received → confirmed → delivered → invoiced → paid by the right party; out of turn is 409 naming the state; wrong parties are refused', async () => {
    const o = (await buyer.get('/api/v1/orders/orders?as=buyer')).json().items.find((x: { number: string }) => x.number.endsWith('0001'));
    const sub = (id: string) => o.subOrders.find((s: { supplier: { id: string } }) => s.supplier.id === id);
    const a = sub(org.a!);
    const url = (id: string, action: string) => `/api/v1/orders/sub-orders/${id}/${action}`;
    const snapshot = async () => (await staff.get(`/api/v1/orders/sub-orders/${a.id}`)).json().status;

    // Supplier B may not confirm A's part; the buyer may not confirm; the intermediary may not confirm.
    await expectRefused(t, { method: 'POST', url: url(a.id, 'confirm'), body: { version: a.version } }, { wrongOrganization: supplierB, wrongRole: buyer, anonymous: t.client() }, snapshot);
    await expectRefused(t, { method: 'POST', url: url(a.id, 'confirm'), body: { version: a.version } }, { wrongRole: broker }, snapshot);
    // Out of turn: delivering a received part.
    const early = await supplierA.post(url(a.id, 'deliver'), { version: a.version });
    expect(expectProblem(early, 409, 'conflict').messages.ko).toContain("'접수'");

    const before = await t.auditCount();
    let res = await supplierA.post(url(a.id, 'confirm'), { version: a.version, note: '30세트 준비합니다' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', version: a.version + 1 });
    // A stale version is refused and changes nothing.
    const stale = await supplierA.post(url(a.id, 'deliver'), { version: a.version });
    expect(expectProblem(stale, 409, 'conflict').messages.en).toContain('confirmed');
    // The buyer cannot cancel once a part is confirmed.
    const cancel = await buyer.post(`/api/v1/orders/orders/${o.id}/cancel`, {});
    expectProblem(cancel, 409, 'conflict');

    res = await supplierA.post(url(a.id, 'deliver'), { version: a.version + 1 });
    expect(res.json()).toMatchObject({ status: 'delivered', deliveredOn: seoulToday() });
    // Invoicing belongs to the intermediary (or staff), with an invoice number.
    await expectRefused(t, { method: 'POST', url: url(a.id, 'invoice'), body: { version: a.version + 2, invoiceNo: 'INV-1' } }, { wrongRole: supplierA }, snapshot);
    expect(expectProblem(await broker.post(url(a.id, 'invoice'), { version: a.version + 2 }), 400, 'validation').errors![0]!.path).toBe('invoiceNo');
    res = await broker.post(url(a.id, 'invoice'), { version: a.version + 2, invoiceNo: 'INV-2013-001' });
    expect(res.json()).toMatchObject({ status: 'invoiced', invoiceNo: 'INV-2013-001' });
    // Payment is the centre's.
    await expectRefused(t, { method: 'POST', url: url(a.id, 'pay'), body: { version: a.version + 3 } }, { wrongRole: broker }, snapshot);
    res = await staff.post(url(a.id, 'pay'), { version: a.version + 3 });
    const paid = res.json();
    expect(paid).toMatchObject({ status: 'paid', paidOn: seoulToday() });
    expect(paid.events.map((e: { to: string; side: string }) => `${e.side}:${e.to}`)).toEqual(['buyer:received', 'supplier:confirmed', 'supplier:delivered', 'intermediary:invoiced', 'staff:paid']);
    expect(paid.events[1].note).toBe('30세트 준비합니다');
    expect(await t.auditCount()).toBe(before + 4);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id = ${a.id} ORDER BY at, id`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['orders.sub-order.confirm', 'orders.sub-order.deliver', 'orders.sub-order.invoice', 'orders.sub-order.pay']);
    // The buyer was told of each step, in-app.
    const told = (await notices(buyer)).filter((n) => n.link === `/orders/view/${o.id}`);
    expect(told.map((n) => n.title.ko)).toEqual(expect.arrayContaining([expect.stringContaining("'결제 완료'")]));

    // Staff may take any step: B's and C's parts through to paid, the intermediary recording one delivery.
    for (const id of [org.b!, org.c!]) {
      let s = sub(id);
      for (const [who, action, extra] of [
        [id === org.b ? supplierB : staff, 'confirm', {}],
        [broker, 'deliver', {}],
        [staff, 'invoice', { invoiceNo: `INV-${id.slice(0, 4)}` }],
        [staff, 'pay', {}],
      ] as const) {
        const r = await who.post(url(s.id, action), { version: s.version, ...extra });
        expect(r.statusCode, r.body).toBe(200);
        s = r.json();
      }
      expect(s.status).toBe('paid');
    }
    expect((await buyer.get(`/api/v1/orders/orders/${o.id}`)).json().status).toBe('paid');
  });

  it('the buyer cancels an order while every part is received; then nothing more may happen to it', async () => {
    const o = (await buyer.get('/api/v1/orders/orders?as=buyer')).json().items.find((x: { number: string }) => x.number.endsWith('0002'));
    expect(o.canCancel).toBe(true);
    await expectRefused(t, { method: 'POST', url: `/api/v1/orders/orders/${o.id}/cancel`, body: {} }, { wrongOrganization: otherBuyer, wrongRole: supplierC });
    const res = await buyer.post(`/api/v1/orders/orders/${o.id}/cancel`, { note: '행사 취소' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', canCancel: false });
    const s = res.json().subOrders[0];
    const late = await supplierC.post(`/api/v1/orders/sub-orders/${s.id}/confirm`, { version: s.version });
    expect(expectProblem(late, 409, 'conflict').messages.ko).toContain("'취소'");
  });

  it('two confirmations of the same version at once: one wins, the other is told the state changed; a step without a version is refused by field', async () => {
    const placed = await buyer.post('/api/v1/orders/orders', orderBody({ lines: [{ bundleId: singleId, quantity: 3 }] }));
    const s = placed.json().subOrders[0];
    const missing = await supplierC.post(`/api/v1/orders/sub-orders/${s.id}/confirm`, { note: '버전 없음' });
    expect(expectProblem(missing, 400, 'validation').errors!.map((e) => e.path)).toEqual(['version']);
    const before = await t.auditCount();
    const [a, b] = await Promise.all([
      supplierC.post(`/api/v1/orders/sub-orders/${s.id}/confirm`, { version: s.version }),
      staff.post(`/api/v1/orders/sub-orders/${s.id}/confirm`, { version: s.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await t.auditCount()).toBe(before + 1);
    const now = (await staff.get(`/api/v1/orders/sub-orders/${s.id}`)).json();
    expect(now).toMatchObject({ status: 'confirmed', version: s.version + 1 });
    expect(now.events).toHaveLength(2);
    // Staff cancel what the order's buyer may no longer: a confirmed part is past cancelling for everyone.
    expectProblem(await staff.post(`/api/v1/orders/sub-orders/${s.id}/cancel`, { version: now.version }), 409, 'conflict');
  });

  it('settlement: per supplier per month of delivery, equal to the order total; each party sees its own; CSV and XLSX downloads', async () => {
    const month = seoulToday().slice(0, 7);
    const all = (await staff.get(`/api/v1/orders/settlement?month=${month}`)).json();
    expect(all.rows).toHaveLength(3);
    expect(all.total).toEqual({ subOrders: 3, amount: 30 * 6100 + 5 * 900, invoiced: 30 * 6100 + 5 * 900, paid: 30 * 6100 + 5 * 900, outstanding: 0 });
    expect(all.rows.find((r: { supplier: { id: string } }) => r.supplier.id === org.a)).toMatchObject({ month, subOrders: 1, amount: 75000, paid: 75000, outstanding: 0 });

    const own = (await supplierA.get(`/api/v1/orders/settlement?month=${month}`)).json();
    expect(own.rows.map((r: { supplier: { id: string } }) => r.supplier.id)).toEqual([org.a]);
    expectProblem(await supplierA.get(`/api/v1/orders/settlement?month=${month}&supplierId=${org.b}`), 403, 'forbidden');
    expect((await broker.get(`/api/v1/orders/settlement?month=${month}`)).json().rows).toHaveLength(3);
    expect((await outsider.get(`/api/v1/orders/settlement?month=${month}`)).json().rows).toEqual([]);
    expect((await staff.get('/api/v1/orders/settlement?month=2013-13')).statusCode).toBe(400);
    expect((await staff.get(`/api/v1/orders/settlement?month=2013-03`)).json().rows).toEqual([]);

    const csv = await staff.get(`/api/v1/orders/settlement?month=${month}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('은평 떡공방 협동조합');
    expect(csv.body).toContain('75000');
    const xlsx = await staff.get(`/api/v1/orders/settlement?month=${month}&format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a bundle that has been ordered cannot be deleted, only retired; a retired bundle cannot be ordered', async () => {
    expectProblem(await broker.delete(`/api/v1/orders/bundles/${bundleId}`), 409, 'conflict');
    const retired = await broker.put(`/api/v1/orders/bundles/${bundleId}`, bundleBody({ status: 'retired' }));
    expect(retired.json().status).toBe('retired');
    const res = await buyer.post('/api/v1/orders/orders', orderBody({ lines: [{ bundleId, quantity: 10 }] }));
    expect(expectProblem(res, 400, 'validation').errors![0]!.path).toBe('lines.0.bundleId');
    const fresh = await broker.post('/api/v1/orders/bundles', bundleBody({ code: 'MA-03' }));
    const before = await t.auditCount();
    expect((await broker.delete(`/api/v1/orders/bundles/${fresh.json().id}`)).statusCode).toBe(204);
    expect(await t.auditCount()).toBe(before + 1);
    expectProblem(await t.client().get(`/api/v1/orders/bundles/${fresh.json().id}`), 404, 'not-found');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    for (const path of ['/api/v1/orders/bundles', '/api/v1/orders/orders', '/api/v1/orders/sub-orders/{id}/invoice', '/api/v1/orders/settlement']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/v1/orders/orders'].post.requestBody.content['application/json'].schema.properties.lines).toBeDefined();
    expect(doc.components.schemas.OrderSubOrder).toBeDefined();
  });
});
