import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../test/helpers.ts';

const JONGNO = '11110';
const SEONGDONG = '11200';
const MAPO = '11440';

const FIXTURE = [
  { name: '서울돌봄사회적협동조합', nameEn: 'Seoul Care Social Cooperative', typeKey: 'cooperative', subtypeKey: 'social_cooperative', industryKey: 'health_welfare', districtCode: JONGNO, location: { lat: 37.5735, lon: 126.979 } },
  { name: '성수 마을 공방', nameEn: 'Seongsu Village Workshop', typeKey: 'village_enterprise', subtypeKey: 'seoul_designated', industryKey: 'manufacturing', districtCode: SEONGDONG, location: { lat: 37.5446, lon: 127.0557 } },
  { name: '사회적기업 희망나눔', typeKey: 'social_enterprise', subtypeKey: 'certified', industryKey: 'living', districtCode: MAPO, location: { lat: 37.5663, lon: 126.9019 } },
  { name: '마포 협동조합 카페', typeKey: 'cooperative', subtypeKey: 'worker', industryKey: 'food_cafe', districtCode: MAPO, location: { lat: 37.5561, lon: 126.9236 } },
  { name: '협동조합 서울', typeKey: 'cooperative', subtypeKey: 'consumer', industryKey: 'retail', districtCode: JONGNO, location: { lat: 37.5702, lon: 126.9831 } },
  { name: '좌표 없는 자활사업단', typeKey: 'self_sufficiency', subtypeKey: 'project_group', industryKey: 'environment', districtCode: SEONGDONG, location: null },
];

describeEngines('directory search, facets and map', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    for (const o of FIXTURE) {
      const res = await staff.post('/api/v1/organizations', o);
      expect(res.statusCode, res.body).toBe(201);
      ids[o.name] = res.json().id;
    }
  });
  afterAll(() => t.close());

  const names = async (query: string) => {
    const res = await t.client().get(`/api/v1/organizations?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((o: { name: string }) => o.name) as string[];
  };
  const q = (s: string) => `q=${encodeURIComponent(s)}`;

  it('finds 2-syllable fragments inside words', async () => {
    expect(await names(q('돌봄'))).toEqual(['서울돌봄사회적협동조합']);
    expect(await names(q('공방'))).toEqual(['성수 마을 공방']);
    expect(await names(q('희망나'))).toEqual(['사회적기업 희망나눔']);
  });

  it('ignores spacing in both the query and the names', async () => {
    expect(await names(q('성수마을'))).toEqual(['성수 마을 공방']);
    expect(await names(q('서울 돌봄'))).toEqual(['서울돌봄사회적협동조합']);
    expect(await names(q('마을 공'))).toEqual(['성수 마을 공방']);
  });

  it('finds names by their 초성', async () => {
    expect((await names(q('ㅅㅎㅈ'))).sort()).toEqual(['사회적기업 희망나눔', '서울돌봄사회적협동조합'].sort());
    expect(await names(q('ㅅㅅㅁㅇ'))).toEqual(['성수 마을 공방']);
    expect(await names(q('ㄷㅂ'))).toEqual(['서울돌봄사회적협동조합']);
  });

  it('finds English names whatever their case, and one-character queries', async () => {
    expect(await names(q('WORKSHOP'))).toEqual(['성수 마을 공방']);
    expect((await names(q('카'))).length).toBe(1);
  });

  it('ranks names that start with the query before names that contain it', async () => {
    const ranked = await names(q('협동조합'));
    expect(ranked[0]).toBe('협동조합 서울');
    expect(ranked).toHaveLength(3);
    expect(ranked.slice(1).sort()).toEqual(['마포 협동조합 카페', '서울돌봄사회적협동조합'].sort());
  });

  it('filters by type, subtype, industry and district, with facet counts under the other filters', async () => {
    const res = (await t.client().get(`/api/v1/organizations?type=cooperative&district=${MAPO}`)).json();
    expect(res.items.map((o: { name: string }) => o.name)).toEqual(['마포 협동조합 카페']);
    expect(res.total).toBe(1);
    const typeFacet = Object.fromEntries(res.facets.type.map((f: { key: string; count: number }) => [f.key, f.count]));
    // Type counts ignore the type filter (so the other types stay choosable) but keep the district filter.
    expect(typeFacet).toEqual({ cooperative: 1, social_enterprise: 1 });
    const districtFacet = Object.fromEntries(res.facets.district.map((f: { key: string; count: number }) => [f.key, f.count]));
    expect(districtFacet).toEqual({ [JONGNO]: 2, [MAPO]: 1 });
    expect(res.facets.type.find((f: { key: string }) => f.key === 'cooperative').label).toEqual({ ko: '협동조합', en: 'cooperative' });
    expect(await names(`type=cooperative,village_enterprise&industry=manufacturing`)).toEqual(['성수 마을 공방']);
    expect(await names(`subtype=consumer`)).toEqual(['협동조합 서울']);
    expect((await names(`${q('협동')}&district=${JONGNO}`)).sort()).toEqual(['서울돌봄사회적협동조합', '협동조합 서울'].sort());
  });

  it('pages and sorts', async () => {
    const page1 = (await t.client().get('/api/v1/organizations?pageSize=4&page=1&sort=name')).json();
    const page2 = (await t.client().get('/api/v1/organizations?pageSize=4&page=2&sort=name')).json();
    expect(page1.total).toBe(FIXTURE.length);
    expect(page1.items).toHaveLength(4);
    expect(page2.items).toHaveLength(2);
    const all = [...page1.items, ...page2.items].map((o: { name: string }) => o.name);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(FIXTURE.length);
    expect((await t.client().get('/api/v1/organizations?page=9')).json().items).toEqual([]);
  });

  it('names bad query parameters', async () => {
    const body = expectProblem(await t.client().get('/api/v1/organizations?sort=random&status=open&pageSize=0'), 400, 'validation');
    expect(body.errors!.map((e) => e.path).sort()).toEqual(['query.pageSize', 'query.sort', 'query.status']);
  });

  it('clusters all of Seoul at zoom 11 and opens to single points when zoomed in', async () => {
    const seoul = (await t.client().get('/api/v1/organizations/map?zoom=11')).json();
    expect(seoul.type).toBe('FeatureCollection');
    const total = seoul.features.reduce((n: number, f: { properties: { cluster: boolean; count?: number } }) => n + (f.properties.cluster ? f.properties.count! : 1), 0);
    expect(total).toBe(FIXTURE.filter((o) => o.location).length);

    const mapo = (await t.client().get('/api/v1/organizations/map?bbox=126.88,37.54,126.94,37.58&zoom=16')).json();
    const points = mapo.features.filter((f: { properties: { cluster: boolean } }) => !f.properties.cluster);
    expect(points.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(['마포 협동조합 카페', '사회적기업 희망나눔'].sort());
    expect(points[0].properties).toEqual(expect.objectContaining({ id: expect.any(String), type: expect.any(String), industry: expect.any(String) }));
    expect(points[0].geometry.type).toBe('Point');

    const coops = (await t.client().get('/api/v1/organizations/map?zoom=16&type=cooperative')).json();
    expect(coops.features).toHaveLength(3);
    expectProblem(await t.client().get('/api/v1/organizations/map?bbox=1,2,3'), 400, 'validation');
  });

  it('refreshes clusters after a change', async () => {
    const before = (await t.client().get('/api/v1/organizations/map?zoom=18&type=self_sufficiency')).json();
    expect(before.features).toHaveLength(0);
    await staff.patch(`/api/v1/organizations/${ids['좌표 없는 자활사업단']}`, { location: { lat: 37.55, lon: 127.04 } });
    const after = (await t.client().get('/api/v1/organizations/map?zoom=18&type=self_sufficiency')).json();
    expect(after.features).toHaveLength(1);
    await staff.patch(`/api/v1/organizations/${ids['좌표 없는 자활사업단']}`, { location: null });
  });

  it('returns the 25 district polygons with organisation counts', async () => {
    const res = await t.client().get('/api/v1/districts');
    const fc = res.json();
    expect(fc.features).toHaveLength(25);
    const byCode = Object.fromEntries(fc.features.map((f: { properties: { code: string; count: number } }) => [f.properties.code, f.properties]));
    expect(byCode[MAPO]).toMatchObject({ count: 2, name: { ko: '마포구', en: 'Mapo-gu' }, censusCode: '11140' });
    expect(byCode[JONGNO].count).toBe(2);
    expect(byCode['11380'].count).toBe(0);
    expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);
    const coops = (await t.client().get('/api/v1/districts?type=cooperative')).json();
    expect(coops.features.find((f: { properties: { code: string } }) => f.properties.code === JONGNO).properties.count).toBe(2);
  });

  it('lists the taxonomy with Korean and English labels', async () => {
    const tx = (await t.client().get('/api/v1/directory/taxonomy')).json();
    expect(tx.types.map((x: { key: string }) => x.key)).toEqual(['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency', 'intermediary', 'council']);
    expect(tx.industries).toHaveLength(13);
    expect(tx.industries[0].label).toEqual({ ko: '생활편의', en: 'daily-life services' });
    expect(tx.districts).toHaveLength(25);
    expect(tx.districts[0]).toEqual({ code: '11110', name: { ko: '종로구', en: 'Jongno-gu' }, adminOrgCode: '3000000', censusCode: '11010' });
  });
});
