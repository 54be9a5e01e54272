import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, uploadPhoto, type TestApp, type TestClient } from '../../../test/helpers.ts';

type Member = TestClient & { user: { id: string; email: string } };

describeEngines('resource sharing', (engine) => {
  let t: TestApp;
  let staff: Member;
  let owner: Member; // editor of 도봉 나눔협동조합, which offers resources
  let requester: Member; // editor of 은평 마을카페, which asks for them
  let outsider: Member; // editor of a third organisation
  let ownerOrg: string;
  let requesterOrg: string;
  let outsiderOrg: string;

  async function org(name: string, districtCode: string) {
    const res = await staff.post('/api/v1/organizations', { name, districtCode });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  async function memberOf(orgId: string): Promise<Member> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = t.client();
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return Object.assign(c, { user });
  }
  const resourceBody = (over: Record<string, unknown> = {}) => ({
    organizationId: ownerOrg,
    title: '다목적 회의실 대여',
    description: '20명이 들어가는 회의실, 빔프로젝터 포함',
    categoryKey: 'space',
    terms: 'cost_recovery',
    feeWon: 30000,
    availability: '평일 오전 10시–오후 6시',
    availableRanges: [{ from: '2013-10-01', to: '2013-12-31' }],
    photos: [],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = (await t.signedIn('staff')) as Member;
    ownerOrg = await org('도봉 나눔협동조합', '11320');
    requesterOrg = await org('은평 마을카페', '11380');
    outsiderOrg = await org('송파 공유센터', '11710');
    owner = await memberOf(ownerOrg);
    requester = await memberOf(requesterOrg);
    outsider = await memberOf(outsiderOrg);
  });
  afterAll(() => t.close());

  it('an organisation offers a resource in its own district by default, and bad input is refused by field in Korean and English', async () => {
    const res = await owner.post('/api/v1/sharing/resources', resourceBody());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: '다목적 회의실 대여',
      category: { key: 'space', label: { ko: '공간', en: 'Space' } },
      district: { code: '11320', name: { ko: '도봉구' } },
      organization: { id: ownerOrg, name: '도봉 나눔협동조합' },
      terms: 'cost_recovery',
      feeWon: 30000,
      status: 'available',
      canManage: true,
    });

    const before = await t.auditCount();
    const bad = await owner.post('/api/v1/sharing/resources', resourceBody({ title: ' ', terms: 'fee', feeWon: null, categoryKey: 'spaceship', photos: [{ url: 'ftp://x', alt: '' }] }));
    const body = expectProblem(bad, 400, 'validation');
    const paths = body.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['title', 'categoryKey', 'photos.0.url', 'photos.0.alt']));
    const fee = await owner.post('/api/v1/sharing/resources', resourceBody({ terms: 'fee', feeWon: null }));
    expect(expectProblem(fee, 400, 'validation').errors!.find((e) => e.path === 'feeWon')!.messages.ko).toBe('금액(원)을 적어 주세요');
    expect(await t.auditCount()).toBe(before);

    // Someone outside the organisation may not offer in its name, nor edit its resources.
    await expectRefused(t, { method: 'POST', url: '/api/v1/sharing/resources', body: resourceBody() }, { wrongOrganization: outsider, anonymous: t.client() });
    const id = res.json().id;
    await expectRefused(t, { method: 'PUT', url: `/api/v1/sharing/resources/${id}`, body: resourceBody({ organizationId: undefined, title: '탈취' }) }, { wrongOrganization: outsider });
    const edited = await owner.put(`/api/v1/sharing/resources/${id}`, { ...resourceBody({ title: '다목적 회의실 (20명)' }), organizationId: undefined });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('다목적 회의실 (20명)');
  });

  it('finds resources Korean-aware (fragments, 초성, spacing) with category and district facets', async () => {
    await owner.post('/api/v1/sharing/resources', resourceBody({ title: '접이식 의자 30개', categoryKey: 'equipment', terms: 'free', feeWon: null, quantity: 30, description: null }));
    await outsider.post('/api/v1/sharing/resources', resourceBody({ organizationId: outsiderOrg, title: '마을 공유 부엌', description: '조리 도구가 갖춰진 공간' }));
    const anon = t.client();
    const search = async (qs: string) => (await anon.get(`/api/v1/sharing/resources?${qs}`)).json();

    expect((await search('q=' + encodeURIComponent('회의'))).items.map((r: { title: string }) => r.title)).toEqual(['다목적 회의실 (20명)']);
    expect((await search('q=' + encodeURIComponent('ㅈㅇㅅ'))).items.map((r: { title: string }) => r.title)).toEqual(['접이식 의자 30개']);
    expect((await search('q=' + encodeURIComponent('공유부엌'))).items.map((r: { title: string }) => r.title)).toEqual(['마을 공유 부엌']);

    const spaces = await search('category=space');
    expect(spaces.total).toBe(2);
    // The category facet counts under the other filters, not under its own.
    expect(spaces.facets.category).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'space', count: 2 }), expect.objectContaining({ key: 'equipment', count: 1 })]),
    );
    expect(spaces.facets.district).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: '11320', count: 1, label: { ko: '도봉구', en: expect.any(String) } }), expect.objectContaining({ key: '11710', count: 1 })]),
    );
    const dobongSpaces = await search('category=space&district=11320');
    expect(dobongSpaces.items.map((r: { title: string }) => r.title)).toEqual(['다목적 회의실 (20명)']);
    expect(dobongSpaces.items[0].canManage).toBe(false);

    // Paused resources disappear from search and are visible to their own organisation only.
    const chairs = (await search('q=' + encodeURIComponent('의자'))).items[0];
    await owner.put(`/api/v1/sharing/resources/${chairs.id}`, { ...resourceBody({ title: '접이식 의자 30개', categoryKey: 'equipment', terms: 'free', feeWon: null, quantity: 30 }), organizationId: undefined, status: 'paused' });
    expect((await search('q=' + encodeURIComponent('의자'))).total).toBe(0);
    expectProblem(await anon.get(`/api/v1/sharing/resources/${chairs.id}`), 404, 'not-found');
    expect((await owner.get(`/api/v1/sharing/resources?organization=${ownerOrg}&status=all`)).json().total).toBe(2);
    expectProblem(await outsider.get(`/api/v1/sharing/resources?organization=${ownerOrg}&status=all`), 403, 'forbidden');
  });

  async function spaceId(): Promise<string> {
    return (await t.client().get(`/api/v1/sharing/resources?category=space&district=11320`)).json().items[0].id;
  }

  it('walks a request through its whole life: request, proposal, acceptance, hand-over, return, reviews — notifying and mailing the other side', async () => {
    const id = await spaceId();
    const mailsBefore = t.mailer.outbox.length;
    const created = await requester.post(`/api/v1/sharing/resources/${id}/requests`, {
      requesterOrganizationId: requesterOrg,
      fromDate: '2013-11-04',
      toDate: '2013-11-05',
      message: '마을 총회 장소로 쓰고 싶습니다',
    });
    expect(created.statusCode, created.body).toBe(201);
    const req = created.json();
    expect(req).toMatchObject({ status: 'requested', owner: { id: ownerOrg }, requester: { id: requesterOrg }, fromDate: '2013-11-04', actions: ['cancel'] });

    // The owner's inbox has it, with the owner's actions; a notification and a mail reached the owner.
    const inbox = (await owner.get('/api/v1/sharing/requests?role=owner')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toEqual([req.id]);
    expect(inbox.items[0].actions).toEqual(['accept', 'decline', 'propose', 'cancel']);
    const notes = (await owner.get('/api/v1/notifications')).json();
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: 'sharing.request.created', title: { ko: expect.stringContaining('다목적 회의실') }, link: `/me/requests?id=${req.id}` });
    expect(t.mailer.outbox.slice(mailsBefore).map((m) => m.to)).toEqual([owner.user.email]);

    // Wrong steps for the state are 409 in both languages; nothing changes.
    const audit = await t.auditCount();
    const early = expectProblem(await owner.post(`/api/v1/sharing/requests/${req.id}/handover`, { on: '2013-11-04' }), 409, 'conflict');
    expect(early.messages.ko).toBe("'요청됨' 상태의 요청은 전달을 기록할 수 없습니다");
    expectProblem(await requester.post(`/api/v1/sharing/requests/${req.id}/accept-proposal`), 409, 'conflict');
    expect(await t.auditCount()).toBe(audit);

    const proposed = await owner.post(`/api/v1/sharing/requests/${req.id}/propose`, { fromDate: '2013-11-11', toDate: '2013-11-12', note: '4일은 이미 예약되어 있습니다' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({ status: 'proposed', proposal: { fromDate: '2013-11-11', toDate: '2013-11-12' } });
    expect((await requester.get('/api/v1/notifications?unread=true')).json().items[0].kind).toBe('sharing.request.propose');

    const accepted = (await requester.post(`/api/v1/sharing/requests/${req.id}/accept-proposal`)).json();
    expect(accepted).toMatchObject({ status: 'accepted', fromDate: '2013-11-11', toDate: '2013-11-12' });

    const handed = (await owner.post(`/api/v1/sharing/requests/${req.id}/handover`, { on: '2013-11-11' })).json();
    expect(handed).toMatchObject({ status: 'handed_over', handedOverOn: '2013-11-11' });
    // Nobody cancels after the hand-over.
    expectProblem(await requester.post(`/api/v1/sharing/requests/${req.id}/cancel`, {}), 409, 'conflict');
    // A space comes back: the return completes it, not before the hand-over.
    const early2 = expectProblem(await owner.post(`/api/v1/sharing/requests/${req.id}/return`, { on: '2013-11-10', condition: '깨끗함' }), 400, 'validation');
    expect(early2.errors![0]!.path).toBe('on');
    const done = (await owner.post(`/api/v1/sharing/requests/${req.id}/return`, { on: '2013-11-12', condition: '깨끗하게 정리됨' })).json();
    expect(done).toMatchObject({ status: 'completed', returnedOn: '2013-11-12', completedOn: '2013-11-12', returnCondition: '깨끗하게 정리됨' });
    expect(done.actions).toEqual(['review']);

    expect((await requester.post(`/api/v1/sharing/requests/${req.id}/review`, { rating: 5, body: '친절하게 안내해 주셨어요' })).statusCode).toBe(200);
    expectProblem(await requester.post(`/api/v1/sharing/requests/${req.id}/review`, { rating: 4 }), 409, 'conflict');
    expectProblem(await owner.post(`/api/v1/sharing/requests/${req.id}/review`, { rating: 6 }), 400, 'validation');
    const final = (await owner.post(`/api/v1/sharing/requests/${req.id}/review`, { rating: 4, body: '깔끔하게 써 주셨습니다' })).json();
    expect(final.reviews.map((r: { side: string; rating: number }) => [r.side, r.rating])).toEqual([
      ['requester', 5],
      ['owner', 4],
    ]);
    expect(final.actions).toEqual([]);
  });

  it('refuses users outside the owning organisation to answer, and outside the requesting one to cancel or review', async () => {
    const id = await spaceId();
    const req = (await requester.post(`/api/v1/sharing/resources/${id}/requests`, { requesterOrganizationId: requesterOrg, fromDate: '2013-12-02', toDate: '2013-12-02' })).json();
    const snapshot = async () => (await staff.get(`/api/v1/sharing/requests/${req.id}`)).json().status;
    for (const step of ['accept', 'decline', 'propose', 'handover']) {
      const body = step === 'decline' ? { reason: '안 됩니다' } : step === 'propose' ? { fromDate: '2013-12-03', toDate: '2013-12-03' } : step === 'handover' ? { on: '2013-12-02' } : {};
      // The requester cannot answer its own request, nor can a third organisation.
      await expectRefused(t, { method: 'POST', url: `/api/v1/sharing/requests/${req.id}/${step}`, body }, { wrongOrganization: outsider, wrongRole: requester, anonymous: t.client() }, snapshot);
    }
    await expectRefused(t, { method: 'POST', url: `/api/v1/sharing/requests/${req.id}/cancel`, body: {} }, { wrongOrganization: outsider }, snapshot);
    expectProblem(await outsider.get(`/api/v1/sharing/requests/${req.id}`), 403, 'forbidden');

    // Requesting for an organisation one does not belong to, or one's own organisation's resource.
    await expectRefused(t, { method: 'POST', url: `/api/v1/sharing/resources/${id}/requests`, body: { requesterOrganizationId: requesterOrg, quantity: 1 } }, { wrongOrganization: outsider });
    const own = expectProblem(await owner.post(`/api/v1/sharing/resources/${id}/requests`, { requesterOrganizationId: ownerOrg, quantity: 1 }), 400, 'validation');
    expect(own.errors![0]).toMatchObject({ path: 'requesterOrganizationId', messages: { ko: '자기 단체의 자원은 요청할 수 없습니다' } });
    const noDates = expectProblem(await requester.post(`/api/v1/sharing/resources/${id}/requests`, { requesterOrganizationId: requesterOrg }), 400, 'validation');
    expect(noDates.errors![0]!.path).toBe('fromDate');

    // The owner declines with a reason; the requester cancels another before hand-over.
    const declined = (await owner.post(`/api/v1/sharing/requests/${req.id}/decline`, { reason: '그 주는 공사 중입니다' })).json();
    expect(declined).toMatchObject({ status: 'declined', declineReason: '그 주는 공사 중입니다' });
    const second = (await requester.post(`/api/v1/sharing/resources/${id}/requests`, { requesterOrganizationId: requesterOrg, fromDate: '2013-12-09', toDate: '2013-12-09' })).json();
    await expectRefused(t, { method: 'POST', url: `/api/v1/sharing/requests/${second.id}/review`, body: { rating: 3 } }, { wrongOrganization: outsider });
    const cancelled = (await requester.post(`/api/v1/sharing/requests/${second.id}/cancel`, { reason: '일정이 바뀌었습니다' })).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'requester' });
  });

  it('counts each completed request as one linkage per year, district and category, as CSV and XLSX too', async () => {
    // Goods complete at hand-over; a 2014 linkage does not count in 2013.
    const goods = (await outsider.post('/api/v1/sharing/resources', resourceBody({ organizationId: outsiderOrg, title: '사무용 복사지 10박스', categoryKey: 'goods', terms: 'free', feeWon: null, quantity: 10 }))).json();
    const done: { year: number }[] = [];
    for (const [on, qty] of [
      ['2013-12-20', 2],
      ['2014-01-06', 3],
    ] as const) {
      const r = (await requester.post(`/api/v1/sharing/resources/${goods.id}/requests`, { requesterOrganizationId: requesterOrg, quantity: qty })).json();
      await outsider.post(`/api/v1/sharing/requests/${r.id}/accept`);
      const h = (await outsider.post(`/api/v1/sharing/requests/${r.id}/handover`, { on })).json();
      expect(h.status).toBe('completed');
      done.push({ year: Number(on.slice(0, 4)) });
    }
    // Expected from the requests the tests completed: 1 space in 도봉 (2013-11), 1 goods in 송파 (2013-12), 1 goods in 송파 (2014).
    const byCategory = (await t.client().get('/api/v1/sharing/linkages?year=2013&by=category')).json();
    expect(byCategory.rows.map((r: { key: string; linkages: number }) => [r.key, r.linkages])).toEqual([
      ['space', 1],
      ['goods', 1],
    ]);
    expect(byCategory.total).toEqual({ linkages: 2, organizations: 3 });
    const byDistrict = (await t.client().get('/api/v1/sharing/linkages?year=2013&by=district')).json();
    expect(byDistrict.rows.map((r: { label: { ko: string }; linkages: number }) => [r.label.ko, r.linkages])).toEqual([
      ['도봉구', 1],
      ['송파구', 1],
    ]);
    const all = (await t.client().get('/api/v1/sharing/linkages?by=category')).json();
    expect(all.total.linkages).toBe(3);
    expect(done.length).toBe(2);

    const csv = await t.client().get('/api/v1/sharing/linkages?year=2013&by=district&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual([
      '자치구 (district),연계 건수 (linkages),제공 단체 (giving organisations),이용 단체 (receiving organisations)',
      '도봉구,1,1,1',
      '송파구,1,1,1',
    ]);
    const xlsx = await t.client().get('/api/v1/sharing/linkages?year=2013&by=category&format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expectProblem(await t.client().get('/api/v1/sharing/linkages?by=month'), 400, 'validation');
  });

  it('marks notifications read one by one or all at once, never someone else’s', async () => {
    const list = (await owner.get('/api/v1/notifications')).json();
    expect(list.unread).toBeGreaterThan(0);
    const first = list.items[0];
    expectProblem(await outsider.post(`/api/v1/notifications/${first.id}/read`), 404, 'not-found');
    const read = (await owner.post(`/api/v1/notifications/${first.id}/read`)).json();
    expect(read.readAt).not.toBeNull();
    expect((await owner.get('/api/v1/notifications')).json().unread).toBe(list.unread - 1);
    expect((await owner.post('/api/v1/notifications/read-all')).json().marked).toBe(list.unread - 1);
    expect((await owner.get('/api/v1/notifications')).json().unread).toBe(0);
    expectProblem(await t.client().get('/api/v1/notifications'), 401, 'unauthenticated');
  });

  it('shows photos uploaded for the resource\'s organisation; a link to another site or another organisation\'s upload is refused by field, changing nothing', async () => {
    const mine = await uploadPhoto(owner, ownerOrg);
    const theirs = await uploadPhoto(outsider, outsiderOrg);
    const photos = [{ url: mine, alt: '창가에 긴 책상이 놓인 회의실' }];
    const res = await owner.post('/api/v1/sharing/resources', resourceBody({ title: '사진 있는 회의실', photos }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().photos).toEqual(photos);
    const served = await t.client().get(mine);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');

    const before = await t.auditCount();
    const refused = [
      { url: theirs, ko: '다른 조직이 올린 사진은 쓸 수 없습니다' },
      { url: 'https://example.kr/room.jpg', ko: '사진을 먼저 올린 뒤 그 주소를 적어 주세요' },
      { url: '/api/v1/procurement/photos/00000000-0000-4000-8000-000000000000', ko: '올린 사진을 찾을 수 없습니다. 사진을 다시 올려 주세요' },
    ];
    for (const { url, ko } of refused) {
      const bad = await owner.post('/api/v1/sharing/resources', resourceBody({ title: '남의 사진', photos: [{ url, alt: '사진' }] }));
      const error = expectProblem(bad, 400, 'validation').errors!.find((e) => e.path === 'photos.0.url')!;
      expect(error.messages.ko).toBe(ko);
      expect(error.messages.en).not.toBe('');
      const edit = await owner.put(`/api/v1/sharing/resources/${res.json().id}`, { ...resourceBody({ photos: [{ url, alt: '사진' }] }), organizationId: undefined });
      expect(expectProblem(edit, 400, 'validation').errors!.map((e) => e.path)).toContain('photos.0.url');
    }
    expect(await t.auditCount()).toBe(before);
    expect((await owner.get(`/api/v1/sharing/resources/${res.json().id}`)).json().photos).toEqual(photos);
    expect((await t.client().get(`/api/v1/sharing/resources?q=${encodeURIComponent('남의 사진')}`)).json().total).toBe(0);
  });
});
