import { afterAll, beforeAll, expect, it } from 'vitest';
import { withBusinessRegCheckDigit } from '../../kernel/korea.ts';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../test/helpers.ts';

describeEngines('organisation profiles and moderation', (engine) => {
  let t: TestApp;
  let staff: TestClient & { user: { id: string } };
  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
  });
  afterAll(() => t.close());

  const regNo = withBusinessRegCheckDigit('123456789');

  it('keeps a full profile, and says exactly which fields are wrong in Korean and English', async () => {
    const council = (await staff.post('/api/v1/organizations', { name: '서울사회적경제네트워크', typeKey: 'council', subtypeKey: 'seoul_sector' })).json();
    const full = {
      name: '은평 자활 청소',
      nameEn: 'Eunpyeong Cleaning',
      legalForm: '주식회사',
      typeKey: 'self_sufficiency',
      subtypeKey: 'enterprise',
      industryKey: 'environment',
      districtCode: '11380',
      roadAddress: '서울특별시 은평구 통일로 684',
      location: { lat: 37.6027, lon: 126.9291 },
      phone: '02-351-0000',
      email: 'hello@example.kr',
      website: 'https://example.kr',
      socialLinks: { instagram: 'https://instagram.com/example' },
      description: '지역 주민이 함께 일하는 청소 자활기업',
      products: '건물 청소, 방역',
      businessRegNo: `${regNo.slice(0, 3)}-${regNo.slice(3, 5)}-${regNo.slice(5)}`,
      foundedOn: '2012-03-15',
      status: 'operating',
      employees: 12,
      members: 5,
      councilIds: [council.id],
    };
    const res = await staff.post('/api/v1/organizations', full);
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({
      type: { key: 'self_sufficiency', label: { ko: '자활기업' } },
      subtype: { key: 'enterprise' },
      district: { code: '11380', name: { ko: '은평구', en: 'Eunpyeong-gu' } },
      businessRegNo: regNo,
      foundedOn: '2012-03-15',
      councils: [{ id: council.id, name: '서울사회적경제네트워크' }],
      statusHistory: [],
    });

    const bad = await staff.post('/api/v1/organizations', {
      name: '잘못된 단체',
      typeKey: 'cooperative',
      subtypeKey: 'certified',
      industryKey: 'space_travel',
      districtCode: '99999',
      foundedOn: '2013-02-30',
      location: { lat: 51.5, lon: -0.12 },
      businessRegNo: '1234567890',
      website: 'ftp://example.kr',
    });
    const body = expectProblem(bad, 400, 'validation');
    const paths = body.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['businessRegNo', 'foundedOn', 'location.lat', 'location.lon', 'website']);
    expect(body.errors!.find((e) => e.path === 'foundedOn')!.messages).toEqual({ ko: '날짜는 YYYY-MM-DD 형식이어야 합니다', en: 'Must be a date written YYYY-MM-DD' });
    // References are checked once the shape is right.
    const refs = expectProblem(await staff.post('/api/v1/organizations', { name: 'x', typeKey: 'cooperative', subtypeKey: 'certified', industryKey: 'space_travel', districtCode: '99999' }), 400, 'validation');
    expect(refs.errors!.map((e) => e.path).sort()).toEqual(['districtCode', 'industryKey', 'subtypeKey']);
    expect(refs.errors!.find((e) => e.path === 'industryKey')!.messages.ko).toContain('알 수 없는 업종');
    const dup = expectProblem(await staff.post('/api/v1/organizations', { name: '같은 번호', businessRegNo: regNo }), 400, 'validation');
    expect(dup.errors![0]!.path).toBe('businessRegNo');
  });

  it('answers schema.org JSON-LD when asked for it', async () => {
    const o = (await staff.post('/api/v1/organizations', {
      name: '제이슨 협동조합',
      nameEn: 'JSON Cooperative',
      typeKey: 'cooperative',
      districtCode: '11110',
      roadAddress: '서울특별시 종로구 세종대로 175',
      location: { lat: 37.572, lon: 126.977 },
      foundedOn: '2013-01-02',
      employees: 3,
    })).json();
    const res = await t.client().get(`/api/v1/organizations/${o.id}`, { accept: 'application/ld+json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const ld = res.json();
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: '제이슨 협동조합',
      alternateName: 'JSON Cooperative',
      foundingDate: '2013-01-02',
      numberOfEmployees: { '@type': 'QuantitativeValue', value: 3 },
      address: { '@type': 'PostalAddress', streetAddress: '서울특별시 종로구 세종대로 175', addressLocality: '종로구', addressCountry: 'KR' },
      location: { '@type': 'Place', geo: { '@type': 'GeoCoordinates', latitude: 37.572, longitude: 126.977 } },
    });
    expect(ld['@id']).toBe(`${t.config.publicUrl}/api/v1/organizations/${o.id}`);
    expect((await t.client().get(`/api/v1/organizations/${o.id}`, { accept: 'application/json' })).json().name).toBe('제이슨 협동조합');
    expect((await t.client().get(`/api/v1/organizations/${o.id}`, { accept: 'application/json, application/ld+json;q=0.5' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it('records dated status changes; closing marks the profile closed', async () => {
    const o = (await staff.post('/api/v1/organizations', { name: '폐업 예정 마을기업', typeKey: 'village_enterprise' })).json();
    await staff.post(`/api/v1/organizations/${o.id}/status-events`, { kind: 'designated', on: '2012-05-01', note: '서울시 지정' });
    const closed = (await staff.post(`/api/v1/organizations/${o.id}/status-events`, { kind: 'closed', on: '2013-11-30' })).json();
    expect(closed.status).toBe('closed');
    expect(closed.statusHistory).toEqual([
      { kind: 'designated', on: '2012-05-01', note: '서울시 지정' },
      { kind: 'closed', on: '2013-11-30', note: null },
    ]);
    expect((await t.client().get('/api/v1/organizations?status=closed')).json().items.map((x: { id: string }) => x.id)).toContain(o.id);
    const bad = expectProblem(await staff.post(`/api/v1/organizations/${o.id}/status-events`, { kind: 'merged', on: '2013-13-01' }), 400, 'validation');
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['kind', 'on']);
    await expectRefused(t, { method: 'POST', url: `/api/v1/organizations/${o.id}/status-events`, body: { kind: 'certified', on: '2013-01-01' } }, { wrongRole: await t.signedIn('member') });
  });

  it('holds an owner\'s edit for approval, then applies it whole', async () => {
    const org = (await staff.post('/api/v1/organizations', { name: '제안 협동조합', typeKey: 'cooperative' })).json();
    const owner = await t.signedIn('member');
    await t.addMember(org.id, owner.user.id, 'owner');
    const p = (await owner.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { name: '제안 사회적협동조합', subtypeKey: 'social_cooperative', phone: '02-000-1111' }, note: '전환 인가를 받았습니다' })).json();
    expect(p).toMatchObject({ status: 'pending', before: { name: '제안 협동조합', subtypeKey: null, phone: null } });
    // Nothing changes until staff decide.
    expect((await t.client().get(`/api/v1/organizations/${org.id}`)).json().name).toBe('제안 협동조합');
    const queue = (await staff.get('/api/v1/directory/proposals?status=pending')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(queue.items.find((x: { id: string }) => x.id === p.id).organizationName).toBe('제안 협동조합');
    await expectRefused(t, { method: 'POST', url: `/api/v1/directory/proposals/${p.id}/approve` }, { wrongRole: owner });

    const applied = await staff.post(`/api/v1/directory/proposals/${p.id}/approve`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ name: '제안 사회적협동조합', subtype: { key: 'social_cooperative' }, phone: '02-000-1111' });
    expect((await t.client().get(`/api/v1/organizations?q=${encodeURIComponent('제안사회적')}`)).json().total).toBe(1);
    expectProblem(await staff.post(`/api/v1/directory/proposals/${p.id}/approve`), 409, 'conflict');
    const history = (await t.client().get(`/api/v1/organizations/${org.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['organization.proposal_approved', 'organization.create']);
    expect(history.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '제안 협동조합', after: '제안 사회적협동조합' },
        { field: 'phone', before: null, after: '02-000-1111' },
      ]),
    );
    expect(JSON.stringify(history)).not.toContain(staff.user.id);
    const mine = (await owner.get(`/api/v1/organizations/${org.id}/proposals`)).json();
    expect(mine.items[0]).toMatchObject({ id: p.id, status: 'approved', decidedBy: staff.user.id });
  });

  it('rejects with a reason the owner can read, and refuses bad proposals', async () => {
    const org = (await staff.post('/api/v1/organizations', { name: '반려 협동조합' })).json();
    const editor = await t.signedIn('member');
    await t.addMember(org.id, editor.user.id, 'editor');
    const bad = expectProblem(await editor.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { industryKey: 'nope' } }), 400, 'validation');
    expect(bad.errors![0]!.path).toBe('industryKey');
    expectProblem(await editor.post(`/api/v1/organizations/${org.id}/proposals`, { changes: {} }), 400, 'validation');
    const p = (await editor.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { website: 'https://wrong.example' } })).json();
    const noReason = expectProblem(await staff.post(`/api/v1/directory/proposals/${p.id}/reject`, { reason: ' ' }), 400, 'validation');
    expect(noReason.errors![0]!.messages.ko).toContain('반려 사유');
    const rejected = (await staff.post(`/api/v1/directory/proposals/${p.id}/reject`, { reason: '누리집 주소가 다릅니다' })).json();
    expect(rejected).toMatchObject({ status: 'rejected', reason: '누리집 주소가 다릅니다' });
    expect((await editor.get(`/api/v1/organizations/${org.id}/proposals`)).json().items[0].reason).toBe('누리집 주소가 다릅니다');
    expect((await t.client().get(`/api/v1/organizations/${org.id}`)).json().website).toBeNull();
    expectProblem(await editor.get('/api/v1/directory/proposals'), 403, 'forbidden');
  });
});

describeEngines('directory writes on a fresh app (single-connection engine)', (engine) => {
  it('records a status change as the very first directory request, and approves a proposal that checks references', async () => {
    // Regression: taxonomy and reference checks once read through the pool from inside a transaction,
    // which on PGlite's single connection waited for itself forever.
    const t = await createTestApp(engine);
    try {
      const org = await t.createOrganization('첫 요청 협동조합');
      const staff = await t.signedIn('staff');
      expect((await staff.post(`/api/v1/organizations/${org.id}/status-events`, { kind: 'certified', on: '2013-06-01' })).statusCode).toBe(201);
      const council = (await staff.post('/api/v1/organizations', { name: '구 협의회', typeKey: 'council', subtypeKey: 'district_coop' })).json();
      const owner = await t.signedIn('member');
      await t.addMember(org.id, owner.user.id, 'owner');
      const p = (await owner.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { businessRegNo: withBusinessRegCheckDigit('220812345'), councilIds: [council.id] } })).json();
      const approved = await staff.post(`/api/v1/directory/proposals/${p.id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().councils).toEqual([{ id: council.id, name: '구 협의회' }]);
    } finally {
      await t.close();
    }
  });
});
