import { check } from '@placemarkio/check-geojson';
import ExcelJS from 'exceljs';
import type { FeatureCollection } from 'geojson';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoDirectory } from '../../demo/index.ts';
import { withBusinessRegCheckDigit } from '../../kernel/korea.ts';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../test/helpers.ts';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REG1 = withBusinessRegCheckDigit('101810000');
const REG2 = withBusinessRegCheckDigit('202820000');

/** A file as Korean public data portals write them: their own headers, dotted dates, labels not keys. */
const GOOD = [
  '기업명,대표자,소재지,업종,유형,세부구분,인증일,전화번호,사업자등록번호,위도,경도',
  `함께걷는 사회적협동조합,김철수,서울특별시 마포구 월드컵로 212,건강·복지,협동조합,사회적협동조합,2013.05.20,02-333-1234,${REG1.slice(0, 3)}-${REG1.slice(3, 5)}-${REG1.slice(5)},37.5634,126.9084`,
  `두레 도시락,이영희,서울특별시 은평구 통일로 684,음식·카페,사회적기업,인증,2012-11-02,02-351-0000,${REG2},,`,
  '동네책방 마을기업,박민수,서울특별시 성동구 왕십리로 100,문화·여가,마을기업,서울시 지정,,02-2200-1111,,,',
].join('\n');

async function upload(c: TestClient, body: string | Buffer, type: string, query = '') {
  return c.request('POST', `/api/v1/directory/imports${query}`, body, { 'content-type': type });
}

describeEngines('directory import and export', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
  });
  afterAll(() => t.close());

  const orgCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations`.execute(t.database.db)).rows[0]!.n);

  it('previews, then imports a public-data style file in one go; the same file again adds nothing', async () => {
    const preview = await upload(staff, GOOD, CSV, '?dryRun=true');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, rows: 3, created: 3, duplicates: [], errors: [] });
    expect(await orgCount()).toBe(0);

    const before = await t.auditCount();
    const done = await upload(staff, GOOD, CSV, '?filename=seoul.csv');
    expect(done.json()).toMatchObject({ dryRun: false, rows: 3, created: 3 });
    expect(await t.auditCount()).toBe(before + 1);
    const found = (await t.client().get(`/api/v1/organizations?q=${encodeURIComponent('함께걷는')}`)).json().items[0];
    const full = (await t.client().get(`/api/v1/organizations/${found.id}`)).json();
    expect(full).toMatchObject({
      representative: '김철수',
      type: { key: 'cooperative' },
      subtype: { key: 'social_cooperative' },
      industry: { key: 'health_welfare' },
      district: { code: '11440' }, // derived from the address
      businessRegNo: REG1,
      location: { lat: 37.5634, lon: 126.9084 },
      statusHistory: [{ kind: 'certified', on: '2013-05-20' }],
    });

    const again = (await upload(staff, GOOD, CSV)).json();
    expect(again.created).toBe(0);
    expect(again.duplicates.map((d: { row: number; reason: string }) => [d.row, d.reason])).toEqual([
      [1, 'businessRegNo'],
      [2, 'businessRegNo'],
      [3, 'nameAndAddress'],
    ]);
    expect(await orgCount()).toBe(3);
  });

  it('reports every bad row and field in Korean and English and imports nothing', async () => {
    const bad = [
      '기업명,유형,설립일,위도,경도,자치구',
      ',협동조합,2013-01-01,,,',
      '유형 모름,우주기업,,,,',
      '날짜 틀림,협동조합,2013-02-30,,,',
      '런던 좌표,협동조합,,51.5,-0.12,',
      '없는 구,협동조합,,,,해운대구',
      '멀쩡한 단체,협동조합,2013-01-01,,,마포구',
    ].join('\n');
    const n = await orgCount();
    const audit = await t.auditCount();
    const body = expectProblem(await upload(staff, bad, CSV), 400, 'validation');
    expect(body.messages.ko).toContain('아무것도 가져오지 않았습니다');
    const byRow = body.errors!.map((e) => `${e.row}:${e.path}`);
    expect(byRow).toEqual(['1:rows.1.name', '2:rows.2.type', '3:rows.3.foundedOn', '4:rows.4.location.lat', '4:rows.4.location.lon', '5:rows.5.district']);
    for (const e of body.errors!) {
      expect(e.messages.ko).toMatch(/[가-힣]/);
      expect(e.messages.en).toMatch(/[a-z]/i);
    }
    expect(await orgCount()).toBe(n);
    expect(await t.auditCount()).toBe(audit);
    const preview = (await upload(staff, bad, CSV, '?dryRun=true')).json();
    expect(preview).toMatchObject({ rows: 6, created: 0 });
    expect(preview.errors).toHaveLength(6);
  });

  it('refuses files it cannot read, and members', async () => {
    const noName = expectProblem(await upload(staff, '상호없음,업종\n가,나', CSV), 400, 'validation');
    expect(noName.errors![0]!.path).toBe('headers');
    expectProblem(await upload(staff, Buffer.from('not a zip'), XLSX), 400, 'validation');
    const member = await t.signedIn('member');
    const n = await orgCount();
    const audit = await t.auditCount();
    expectProblem(await upload(member, GOOD, CSV), 403, 'forbidden');
    expectProblem(await upload(t.client(), GOOD, CSV), 401, 'unauthenticated');
    expect([await orgCount(), await t.auditCount()]).toEqual([n, audit]);
    const mapped = (await upload(staff, '단체 이름,분류\n매핑 협동조합,협동조합', CSV, `?dryRun=true&mapping=${encodeURIComponent(JSON.stringify({ '단체 이름': 'name', 분류: 'type' }))}`)).json();
    expect(mapped).toMatchObject({ created: 1, errors: [] });
  });

  it('round-trips through CSV and XLSX exports into another hub, with formulas defused in the CSV', async () => {
    // Text that a spreadsheet would run as a formula (CSV injection) goes out as '=…, and comes back whole.
    const target = (await t.client().get('/api/v1/organizations?sort=name')).json().items[0];
    const formula = '=HYPERLINK("http://evil.example","클릭")';
    expect((await staff.patch(`/api/v1/organizations/${target.id}`, { description: formula, products: '+82 수출, 꾸러미' })).statusCode).toBe(200);
    const csv = await t.client().get('/api/v1/organizations/export?format=csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""클릭"")"`);
    expect(csv.body).toContain(`"'+82 수출, 꾸러미"`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="organizations-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const xlsx = await t.client().get('/api/v1/organizations/export?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('기업명');

    const source = (await t.client().get('/api/v1/organizations?pageSize=200&sort=name')).json().items;
    const view = async (app: TestApp, id: string) => {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = (await app.client().get(`/api/v1/organizations/${id}`)).json();
      return rest;
    };
    for (const [format, body, type] of [
      ['csv', csv.rawPayload, CSV],
      ['xlsx', xlsx.rawPayload, XLSX],
    ] as const) {
      const other = await createTestApp(engine);
      try {
        const s = await other.signedIn('staff');
        const res = await upload(s, body, type);
        expect(res.statusCode, `${format}: ${res.body}`).toBe(200);
        expect(res.json().created).toBe(source.length);
        const copied = (await other.client().get('/api/v1/organizations?pageSize=200&sort=name')).json().items;
        expect(copied.map((o: { name: string }) => o.name)).toEqual(source.map((o: { name: string }) => o.name));
        for (let i = 0; i < source.length; i++) expect(await view(other, copied[i].id), format).toEqual(await view(t, source[i].id));
      } finally {
        await other.close();
      }
    }
  });

  it('exports valid RFC 7946 GeoJSON and a schema.org JSON-LD graph for a filtered list', async () => {
    const geo = await t.client().get('/api/v1/organizations/export?format=geojson&type=cooperative');
    expect(geo.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = check(geo.body) as FeatureCollection; // throws on anything RFC 7946 does not allow
    expect(fc.features.map((f) => f.properties!.name)).toEqual(['함께걷는 사회적협동조합']);
    expect((fc.features[0]!.geometry as { coordinates: number[] }).coordinates).toEqual([126.9084, 37.5634]);
    const ld = (await t.client().get('/api/v1/organizations/export?format=jsonld')).json();
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@graph']).toHaveLength(3);
    expect(ld['@graph'][0]['@type']).toBe('Organization');
    expectProblem(await t.client().get('/api/v1/organizations/export?format=pdf'), 400, 'validation');
  });

  it('exports every organisation of a large directory once, in name order, with its councils', async () => {
    const big = await createTestApp(engine);
    try {
      const total = await seedDemoDirectory(big.database.db, { total: 2300 });
      const s = await big.signedIn('staff');
      const [council, member] = (await big.client().get('/api/v1/organizations?sort=name&pageSize=2')).json().items;
      expect((await s.patch(`/api/v1/organizations/${member.id}`, { councilIds: [council.id] })).statusCode).toBe(200);
      const graph = (await big.client().get('/api/v1/organizations/export?format=jsonld')).json()['@graph'] as { '@id': string; name: string; memberOf?: { name: string }[] }[];
      expect(graph).toHaveLength(total);
      expect(new Set(graph.map((g) => g['@id'])).size).toBe(total);
      const names = graph.map((g) => g.name);
      const inDbOrder = (await sql<{ name: string }>`SELECT name FROM organizations ORDER BY name, id`.execute(big.database.db)).rows.map((r) => r.name);
      expect(names).toEqual(inDbOrder);
      expect(graph.find((g) => g['@id'].endsWith(member.id))!.memberOf).toEqual([expect.objectContaining({ name: council.name })]);
    } finally {
      await big.close();
    }
  });
});
