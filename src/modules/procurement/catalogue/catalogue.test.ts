import { sql } from 'kysely';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, testPng, uploadPhoto, type TestApp, type TestClient } from '../../../../test/helpers.ts';

type Member = TestClient & { user: { id: string; email: string } };

/** The text of every page, items joined by spaces. */
async function pdfText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((it) => ('str' in it ? it.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  await doc.destroy();
  return pages;
}

describeEngines('procurement catalogue', (engine) => {
  let t: TestApp;
  let staff: Member;
  let deskMaker: Member; // editor of 한빛 사무가구 협동조합
  let outsider: Member; // editor of an organisation with nothing in the catalogue
  const org: Record<string, string> = {};
  const offering: Record<string, { id: string; version: number }> = {};
  let deskPhoto: string;

  const base = '/api/v1/procurement/catalogue';
  async function makeOrg(key: string, body: Record<string, unknown>) {
    const res = await staff.post('/api/v1/organizations', body);
    expect(res.statusCode, res.body).toBe(201);
    org[key] = res.json().id;
  }
  async function memberOf(orgId: string): Promise<Member> {
    const user = await t.createUser();
    await t.addMember(orgId, user.id, 'editor');
    const c = t.client();
    expect((await c.login(user.email, user.password)).statusCode).toBe(200);
    return Object.assign(c, { user });
  }
  const desk = (over: Record<string, unknown> = {}) => ({
    organizationId: org.desk,
    categoryCode: 'furniture',
    itemCode: 'furniture',
    name: '친환경 사무용 책상',
    description: '국산 원목으로 만든 1인용 책상',
    priceWon: 250000,
    unit: '개',
    minOrder: 5,
    deliveryDistricts: ['11320'],
    certifications: ['green', 'cooperative'],
    photos: [{ url: deskPhoto, alt: '밝은 원목 책상' }],
    leadTimeDays: 14,
    ...over,
  });
  const auditActions = async () =>
    (await sql<{ action: string }>`SELECT action FROM audit_log WHERE action LIKE 'procurement.offering.%' ORDER BY id`.execute(t.database.db)).rows.map((r) => r.action);
  const offeringsSnapshot = async () => (await sql`SELECT id, name, status, version FROM procurement_offerings ORDER BY id`.execute(t.database.db)).rows;

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = (await t.signedIn('staff')) as Member;
    await makeOrg('desk', { name: '한빛 사무가구 협동조합', typeKey: 'cooperative', industryKey: 'manufacturing', districtCode: '11320', phone: '02-900-1234' });
    await makeOrg('chair', { name: '서울 의자 사회적기업', typeKey: 'social_enterprise', industryKey: 'retail', districtCode: '11710' });
    await makeOrg('clean', { name: '도봉 깨끗한 자활기업', typeKey: 'self_sufficiency', industryKey: 'living', districtCode: '11320' });
    await makeOrg('prospect', { name: '성수 목공 마을기업', typeKey: 'village_enterprise', industryKey: 'manufacturing', districtCode: '11200' });
    await makeOrg('other', { name: '관계없는 협동조합', typeKey: 'cooperative', industryKey: 'finance', districtCode: '11440' });
    deskMaker = await memberOf(org.desk!);
    outsider = await memberOf(org.other!);
    deskPhoto = await uploadPhoto(deskMaker, org.desk);

    // Purchase records of two institutions, one of which keeps its records to its officers and staff.
    const db = t.database.db;
    const inst = async (name: string, pub: boolean) =>
      (await sql<{ id: string }>`INSERT INTO procurement_institutions (name, name_key, kind, records_public) VALUES (${name}, ${name}, 'district', ${pub}) RETURNING id`.execute(db)).rows[0]!.id;
    const pub = await inst('도봉구청', true);
    const priv = await inst('비공개 공단', false);
    const record = (i: number, institution: string, year: number, amount: number, category = 'furniture') =>
      sql`INSERT INTO procurement_records (line, institution_id, purchased_on, year, month, item_name, item_no, category_code, supplier_name, supplier_org_id, supplier_type, seo, amount, method, contract_type)
          VALUES (${i}, ${institution}, ${`${year}-05-01`}, ${year}, 5, '책상', (SELECT no FROM procurement_items WHERE code = 'furniture'), ${category}, '한빛 사무가구 협동조합', ${org.desk}, 'cooperative', true, ${amount}, 'single_source', 'goods')`.execute(db);
    for (let i = 0; i < 10; i++) await record(i + 2, pub, 2013, 1_000_000);
    for (let i = 0; i < 2; i++) await record(i + 12, priv, 2012, 5_000_000);
    await record(14, pub, 2009, 9_000_000); // older than the last three years
    const agg = (category: string, type: string, amount: number, records: number) =>
      sql`INSERT INTO procurement_agg_item (year, institution_id, category_code, item_code, supplier_type, amount, records) VALUES (2013, ${pub}, ${category}, '', ${type}, ${amount}, ${records})`.execute(db);
    await agg('furniture', 'cooperative', 20_000_000, 10);
    await agg('furniture', '', 80_000_000, 40);
    await agg('cleaning', 'self_sufficiency', 40_000_000, 20);
    await agg('cleaning', '', 10_000_000, 5);
    await agg('food', '', 60_000_000, 30);
  });
  afterAll(() => t.close());

  it('a member adds an offering for their organisation; bad input is refused field by field in Korean and English and changes nothing', async () => {
    const res = await deskMaker.post(base, desk());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: '친환경 사무용 책상',
      kind: 'product',
      category: { code: 'furniture', label: { ko: '가구' } },
      item: { code: 'furniture' },
      organization: { id: org.desk, name: '한빛 사무가구 협동조합', type: { key: 'cooperative' }, district: { code: '11320' } },
      priceWon: 250000,
      unit: '개',
      minOrder: 5,
      deliveryArea: { allSeoul: false, districts: [{ code: '11320', name: { ko: '도봉구' } }] },
      certifications: [
        { key: 'cooperative', label: { ko: '협동조합' } },
        { key: 'green', label: { ko: '녹색제품' } },
      ],
      status: 'active',
      version: 1,
      canManage: true,
    });
    offering.desk = { id: res.json().id, version: 1 };
    expect(await auditActions()).toEqual(['procurement.offering.create']);

    const before = await offeringsSnapshot();
    const bad = await deskMaker.post(
      base,
      desk({ name: ' ', priceWon: null, unit: '', minOrder: 0, certifications: ['gold'], photos: [{ url: 'http://example.kr/x.jpg', alt: '' }], deliveryDistricts: ['abc'] }),
    );
    const paths = expectProblem(bad, 400, 'validation').errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'unit', 'minOrder', 'certifications.0', 'photos.0.url', 'photos.0.alt', 'deliveryDistricts.0']));
    const noPrice = expectProblem(await deskMaker.post(base, desk({ priceWon: null })), 400, 'validation');
    expect(noPrice.errors!.find((e) => e.path === 'priceWon')!.messages).toEqual({ ko: '가격(원)이나 가격 기준(견적, 시간당 등)을 적어 주세요', en: expect.stringMatching(/price/) });
    // A service category for a product, an item of another category, an unknown district.
    const refs = expectProblem(await deskMaker.post(base, desk({ kind: 'service', itemCode: 'toner', deliveryDistricts: ['99999'] })), 400, 'validation');
    expect(refs.errors!.map((e) => e.path).sort()).toEqual(['deliveryDistricts.0', 'itemCode', 'kind']);
    expect(refs.errors!.find((e) => e.path === 'kind')!.messages.ko).toMatch(/물품/);
    expect(await offeringsSnapshot()).toEqual(before);
    expect(await auditActions()).toEqual(['procurement.offering.create']);

    // Someone of another organisation may not offer in its name; a visitor must sign in.
    await expectRefused(t, { method: 'POST', url: base, body: desk() }, { wrongOrganization: outsider, anonymous: t.client() }, offeringsSnapshot);
  });

  it('photos are uploaded to sehub and served from it; only images, only by the organisation’s members or staff, and an offering shows only its organisation’s', async () => {
    const photos = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_photos`.execute(t.database.db)).rows[0]!.n;
    const upload = (c: TestClient, body: Buffer | string, type: string, organizationId: string | null = org.desk!) =>
      c.post(`/api/v1/procurement/photos${organizationId ? `?organizationId=${organizationId}` : ''}`, body, { 'content-type': type });
    const png = testPng(40, 200);
    const auditBefore = await t.auditCount();
    const res = await upload(deskMaker, png, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const up = res.json();
    expect(up).toMatchObject({ organizationId: org.desk, contentType: 'image/png', size: png.length, width: 40, height: 40 });
    expect(up.url).toBe(`/api/v1/procurement/photos/${up.id}`);
    expect(await t.auditCount()).toBe(auditBefore + 1);
    const row = (await sql<{ action: string; entity_id: string; after: Record<string, unknown> }>`SELECT action, entity_id, after FROM audit_log ORDER BY id DESC LIMIT 1`.execute(t.database.db)).rows[0]!;
    expect(row).toMatchObject({ action: 'procurement.photo.upload', entity_id: up.id, after: { organization_id: org.desk, content_type: 'image/png', size: png.length } });
    expect(row.after).not.toHaveProperty('bytes');

    // Anyone may look at it (it is shown in the public catalogue), byte for byte, cached for good.
    const got = await t.client().get(up.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toContain('immutable');
    expect(got.rawPayload.equals(png)).toBe(true);
    expect((await t.client().get(up.url, { 'if-none-match': String(got.headers.etag) })).statusCode).toBe(304);
    expectProblem(await t.client().get('/api/v1/procurement/photos/00000000-0000-4000-8000-000000000000'), 404, 'not-found');

    // Refused, with nothing stored: not an image (whatever the header says), SVG, too large, the wrong
    // type of body, nobody signed in, a member of another organisation, an organisation that does not exist.
    const before = await photos();
    const auditFrom = await t.auditCount();
    const notImage = expectProblem(await upload(deskMaker, Buffer.from('안녕하세요, 사진이 아닙니다'), 'image/png'), 400, 'validation');
    expect(notImage.errors).toEqual([{ path: 'file', messages: { ko: expect.stringContaining('사진 파일이 아닙니다'), en: expect.stringContaining('Not a photo file') } }]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(expectProblem(await upload(deskMaker, svg, 'application/octet-stream'), 400, 'validation').errors![0]!.messages.en).toMatch(/cannot be uploaded: svg/);
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    expect(expectProblem(await upload(deskMaker, big, 'image/png'), 400, 'validation').errors![0]!.messages).toEqual({ ko: '사진은 5MB 이하로 올려 주세요', en: 'A photo is at most 5 MB' });
    expectProblem(await upload(deskMaker, Buffer.alloc(11 * 1024 * 1024), 'image/png'), 413, 'payload-too-large');
    expectProblem(await upload(deskMaker, 'hello', 'text/plain'), 415, 'unsupported-media-type');
    expectProblem(await upload(deskMaker, { url: 'https://example.kr/x.jpg' } as never, 'application/json'), 415, 'unsupported-media-type');
    expectProblem(await upload(t.client(), png, 'image/png'), 401, 'unauthenticated');
    expectProblem(await upload(outsider, png, 'image/png'), 403, 'forbidden');
    expectProblem(await upload(deskMaker, png, 'image/png', null), 403, 'forbidden'); // the centre's own: staff only
    expectProblem(await upload(staff, png, 'image/png', '00000000-0000-4000-8000-000000000000'), 400, 'validation');
    expect(await photos()).toBe(before);
    expect(await t.auditCount()).toBe(auditFrom);

    // An offering may show its own organisation's uploads only; links elsewhere are refused.
    const otherPhoto = await uploadPhoto(outsider, org.other);
    const centrePhoto = await uploadPhoto(staff);
    const offeringsBefore = await offeringsSnapshot();
    for (const url of [otherPhoto, centrePhoto, '/api/v1/procurement/photos/00000000-0000-4000-8000-000000000000', 'https://example.kr/desk.jpg']) {
      const refused = expectProblem(await deskMaker.post(base, desk({ name: '사진 검사용 책상', photos: [{ url: deskPhoto, alt: '책상' }, { url, alt: '다른 사진' }] })), 400, 'validation');
      expect(refused.errors!.map((e) => e.path)).toEqual(['photos.1.url']);
    }
    expect(await offeringsSnapshot()).toEqual(offeringsBefore);
    // Staff upload for an organisation, and that organisation's offering may use the photo.
    const byStaff = await uploadPhoto(staff, org.desk);
    const ok = await deskMaker.put(`${base}/${offering.desk!.id}`, desk({ photos: [{ url: byStaff, alt: '위에서 본 책상' }], version: offering.desk!.version }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().photos).toEqual([{ url: byStaff, alt: '위에서 본 책상' }]);
    offering.desk = { id: offering.desk!.id, version: ok.json().version };
  });

  it('staff add offerings for other organisations: priced by quote, delivered across Seoul; the kind comes from the category', async () => {
    const chair = await staff.post(base, desk({ organizationId: org.chair, itemCode: null, name: '사무용 의자', description: '허리를 받쳐 주는 의자', priceWon: 120000, deliveryDistricts: [], certifications: [], photos: [] }));
    expect(chair.statusCode, chair.body).toBe(201);
    expect(chair.json().deliveryArea).toEqual({ allSeoul: true, districts: [] });
    offering.chair = { id: chair.json().id, version: 1 };
    const clean = await staff.post(base, {
      organizationId: org.clean,
      categoryCode: 'cleaning',
      itemCode: 'cleaning',
      name: '사무실 청소 용역',
      description: '주 3회 사무실과 화장실 청소',
      priceBasis: '견적',
      unit: '회',
    });
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json()).toMatchObject({ kind: 'service', priceWon: null, priceBasis: '견적', minOrder: 1 });
    offering.clean = { id: clean.json().id, version: 1 };
    const repair = await deskMaker.post(base, desk({ name: '책상 수리', itemCode: null, description: '낡은 책상을 고칩니다', priceBasis: '견적', priceWon: null }));
    offering.repair = { id: repair.json().id, version: 1 };
  });

  it('edits carry the version read: a stale one is refused with 409; pause and resume are audited and hide the offering from buyers', async () => {
    const { id } = offering.repair!;
    const edited = await deskMaker.put(`${base}/${id}`, { ...desk({ name: '책상 수리 서비스', itemCode: null, priceBasis: '견적', priceWon: null }), organizationId: undefined, version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '책상 수리 서비스', version: 2 });
    const stale = expectProblem(await deskMaker.put(`${base}/${id}`, { ...desk({ name: '옛 이름', priceBasis: '견적' }), organizationId: undefined, version: 1 }), 409, 'conflict');
    expect(stale.messages.ko).toMatch(/다른 사람이/);
    await expectRefused(t, { method: 'PUT', url: `${base}/${id}`, body: { ...desk(), organizationId: undefined, version: 2 } }, { wrongOrganization: outsider, anonymous: t.client() }, offeringsSnapshot);
    await expectRefused(t, { method: 'POST', url: `${base}/${id}/pause` }, { wrongOrganization: outsider, anonymous: t.client() }, offeringsSnapshot);

    const paused = await deskMaker.post(`${base}/${id}/pause`);
    expect(paused.json()).toMatchObject({ status: 'paused', version: 3 });
    expectProblem(await t.client().get(`${base}/${id}`), 404, 'not-found');
    expect((await deskMaker.get(`${base}/${id}`)).json().status).toBe('paused');
    const mine = (await deskMaker.get(`${base}?organizationId=${org.desk}&status=all`)).json();
    expect(mine.items.map((o: { name: string }) => o.name).sort()).toEqual(['책상 수리 서비스', '친환경 사무용 책상']);
    expectProblem(await outsider.get(`${base}?organizationId=${org.desk}&status=paused`), 403, 'forbidden');
    expect((await deskMaker.post(`${base}/${id}/resume`)).json().status).toBe('active');
    expect((await deskMaker.post(`${base}/${id}/pause`)).json().status).toBe('paused');
    expect(await auditActions()).toEqual([
      'procurement.offering.create',
      'procurement.offering.update', // the desk's photo, by the photos test
      'procurement.offering.create',
      'procurement.offering.create',
      'procurement.offering.create',
      'procurement.offering.update',
      'procurement.offering.pause',
      'procurement.offering.resume',
      'procurement.offering.pause',
    ]);
  });

  it('buyers search by a two-syllable word, by category, district and certification, with counts by kind and category', async () => {
    const names = async (qs: string) => ((await t.client().get(`${base}?${qs}`)).json().items as { name: string }[]).map((o) => o.name).sort();
    expect(await names(`q=${encodeURIComponent('책상')}`)).toEqual(['친환경 사무용 책상']); // the paused repair is not listed
    expect(await names(`q=${encodeURIComponent('청소')}`)).toEqual(['사무실 청소 용역']);
    expect(await names(`q=${encodeURIComponent('ㅊㅅㅇㅇ')}`)).toEqual(['사무실 청소 용역']); // 초성 of 청소 용역
    expect(await names('category=furniture')).toEqual(['사무용 의자', '친환경 사무용 책상']);
    expect(await names('kind=service')).toEqual(['사무실 청소 용역']);
    // 송파구: the chair (all of Seoul) delivers there, the desk (도봉구 only) does not.
    expect(await names('category=furniture&district=11710')).toEqual(['사무용 의자']);
    expect(await names('certification=green')).toEqual(['친환경 사무용 책상']);
    const page = (await t.client().get(`${base}?category=furniture`)).json();
    expect(page.total).toBe(2);
    expect(page.facets.kind).toEqual([{ key: 'product', label: { ko: '물품', en: 'products' }, count: 2 }]);
    expect(page.facets.category).toEqual([
      { key: 'furniture', label: { ko: '가구', en: 'furniture' }, count: 2 },
      { key: 'cleaning', label: { ko: '청소/소독', en: 'cleaning and disinfection' }, count: 1 },
    ]);
    expectProblem(await t.client().get(`${base}?kind=spaceship`), 400, 'validation');
    const tax = (await t.client().get(`${base}/taxonomy`)).json();
    expect(tax.categories).toHaveLength(27);
    expect(tax.districts).toHaveLength(25);
  });

  it('an offering shows its organisation, contact and delivery record of the last three years, counting only institutions the reader may see', async () => {
    const anon = (await t.client().get(`${base}/${offering.desk!.id}`)).json();
    expect(anon.contact.phone).toBe('02-900-1234');
    expect(anon.deliveryRecord).toEqual({ years: { from: 2011, to: 2013 }, records: 10, amount: 10_000_000, institutions: 1 });
    const seen = (await staff.get(`${base}/${offering.desk!.id}`)).json();
    expect(seen.deliveryRecord).toEqual({ years: { from: 2011, to: 2013 }, records: 12, amount: 20_000_000, institutions: 2 });
    expect((await t.client().get(`${base}/${offering.chair!.id}`)).json().deliveryRecord).toEqual({ years: { from: 2011, to: 2013 }, records: 0, amount: 0, institutions: 0 });
  });

  it('matching ranks a need’s suppliers by fit with reasons in Korean and English', async () => {
    const res = await t.client().get(`/api/v1/procurement/matching?category=furniture&item=furniture&q=${encodeURIComponent('책상')}&district=11320`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.suggestions.map((s: { offering: { name: string } }) => s.offering.name)).toEqual(['친환경 사무용 책상', '사무용 의자']);
    const [first, second] = m.suggestions;
    expect(first.reasons.map((r: { label: { ko: string } }) => r.label.ko)).toEqual([
      '같은 분류 (가구)',
      '같은 품목',
      "이름에 '책상'",
      '해당 자치구 배송',
      '공공기관 납품 10건',
      '인증: 협동조합, 녹색제품',
    ]);
    expect(first.score).toBe(30 + 25 + 15 + 15 + 17 + 4);
    expect(second.reasons.map((r: { label: { en: string } }) => r.label.en)).toEqual(['same category (furniture)', 'delivers across Seoul']);
    expect(second.score).toBe(40);
    expect(m.suppliers.map((s: { organization: { name: string } }) => s.organization.name)).toEqual(['한빛 사무가구 협동조합', '서울 의자 사회적기업']);
    // Keywords alone find the cleaning service; a need with nothing to match on is a field error.
    const words = (await t.client().get(`/api/v1/procurement/matching?q=${encodeURIComponent('화장실 청소')}`)).json();
    expect(words.suggestions.map((s: { offering: { name: string } }) => s.offering.name)).toEqual(['사무실 청소 용역']);
    expect(expectProblem(await t.client().get('/api/v1/procurement/matching?district=11320'), 400, 'validation').errors![0]!.path).toBe('category');
    expect(expectProblem(await t.client().get('/api/v1/procurement/matching?category=rockets'), 400, 'validation').errors![0]!.path).toBe('category');
  });

  it('opportunities rank categories by spend not yet going to social economy organisations, with suppliers and prospects (staff only)', async () => {
    await expectRefused(t, { method: 'GET', url: '/api/v1/procurement/opportunities' }, { wrongRole: deskMaker, anonymous: t.client() });
    const o = (await staff.get('/api/v1/procurement/opportunities?year=2013')).json();
    expect(o.year).toBe(2013);
    expect(o.rows.map((r: { category: { code: string } }) => r.category.code)).toEqual(['furniture', 'food', 'cleaning']);
    const furniture = o.rows[0];
    expect(furniture).toMatchObject({ amount: 100_000_000, seoAmount: 20_000_000, share: 0.2, score: 80_000_000, records: 50 });
    expect(furniture.suppliers).toEqual([
      expect.objectContaining({ organization: expect.objectContaining({ name: '한빛 사무가구 협동조합' }), offerings: 1, deliveryRecord: { records: 10, amount: 10_000_000 } }),
      expect.objectContaining({ organization: expect.objectContaining({ name: '서울 의자 사회적기업' }), offerings: 1, deliveryRecord: { records: 0, amount: 0 } }),
    ]);
    // A manufacturing village enterprise with no furniture offering is a prospect; the desk maker is not (it offers already).
    expect(furniture.prospects.map((p: { name: string }) => p.name)).toEqual(['성수 목공 마을기업']);
    expect((await staff.get('/api/v1/procurement/opportunities')).json().year).toBe(2013);
  });

  it('prints the category’s catalogue as a PDF listing exactly its active offerings, with contents and page numbers', async () => {
    const res = await t.client().get(`${base}/print.pdf?category=furniture`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await pdfText(res.rawPayload);
    const all = pages.join('\n');
    expect(pages[0]).toContain('사회적경제 기업 공공구매 상품·서비스 카탈로그');
    expect(pages[1]).toMatch(/^목차 가구 \(2곳\) 3/);
    for (const name of ['한빛 사무가구 협동조합', '서울 의자 사회적기업', '친환경 사무용 책상', '사무용 의자', '250,000원', '02-900-1234', '도봉구']) expect(all).toContain(name);
    expect((all.match(/• /g) ?? []).length).toBe(2);
    for (const absent of ['책상 수리', '사무실 청소 용역', '도봉 깨끗한 자활기업']) expect(all).not.toContain(absent);
    pages.slice(1).forEach((text, i) => expect(text).toContain(`${i + 2} / ${pages.length}`));
    expectProblem(await t.client().get(`${base}/print.pdf?category=rockets`), 400, 'validation');
  });

  it('documents its routes and shapes in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    for (const path of ['/api/v1/procurement/catalogue', '/api/v1/procurement/catalogue/{id}', '/api/v1/procurement/catalogue/{id}/pause', '/api/v1/procurement/catalogue/print.pdf', '/api/v1/procurement/matching', '/api/v1/procurement/opportunities']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/procurement/catalogue'].post.requestBody.content['application/json'].schema.properties.priceBasis).toBeDefined();
    for (const schema of ['CatalogueOffering', 'CatalogueOfferingDetail', 'CatalogueMatching', 'CatalogueOpportunities']) expect(doc.components.schemas[schema], schema).toBeDefined();
  });
});
