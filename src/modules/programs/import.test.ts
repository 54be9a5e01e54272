import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../test/helpers.ts';

/** A small year: two areas, a group with a member, and a programme with every part. */
function smallYear() {
  return {
    format: 'sehub.programs.v1',
    year: 2024,
    title: '2024 성과보고서',
    organisationName: '지원센터',
    source: '시험 자료',
    areas: [
      { code: 'a1', nameKo: '공유자원', budgetGroup: 'basic' },
      { code: 'a2', nameKo: '추가 위탁', budgetGroup: 'additional' },
    ],
    reported: [{ key: 'achievement.total', value: 110, label: '평균 추진율' }],
    notes: [{ code: 'N1', kind: 'sum_mismatch', scope: '1-1', text: '소계가 맞지 않습니다' }],
    programs: [
      {
        code: '1-1',
        nameKo: '네트워크 지원',
        areaCode: 'a1',
        budgetGroup: 'basic',
        periodStart: '2024-03',
        periodEnd: '2024-12',
        granted: 1_000_000,
        spent: 900_000,
        kpis: [{ name: '지원', unit: '건', kind: 'quantity', target: 10, result: 12 }],
        lines: [
          { key: 'L1', name: '운영비', category: 'operating', budget: 400_000, spent: 300_000 },
          { parentKey: 'L1', name: '회의비', budget: 100_000, spent: 80_000 },
        ],
        transfers: [{ date: '2024-06-30', fromLine: 'L1', toLine: null, amount: 50_000, reason: '조정' }],
        schedule: [{ task: '공모', planned: ['2024-03'], actual: ['2024-04'] }],
        partners: [{ name: '가온 협동조합' }],
      },
      { code: '5-1', nameKo: '경영 지원', areaCode: 'a2', budgetGroup: 'additional', tier: 'group', granted: 2_000_000, achievementStated: 100, achievementStatedNote: '보고서 기재' },
      { code: '5-1-1', nameKo: '컨설팅', areaCode: 'a2', budgetGroup: 'additional', parentCode: '5-1', kpis: [{ name: '보고서', kind: 'deliverable', done: true }] },
    ],
  };
}

describeEngines('year import', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    member = await t.signedIn('member');
  });
  afterAll(() => t.close());

  const exported = async () => {
    const res = await staff.get('/api/v1/program-years/2024/export');
    return res.statusCode === 200 ? res.json() : res.statusCode;
  };

  it('previews a document without saving it, then imports it in one go', async () => {
    const preview = await staff.post('/api/v1/program-years/2024/import?dryRun=true', smallYear());
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ dryRun: true, programs: 3, kpis: 2, lines: 2, errors: [] });
    expect(await exported()).toBe(404);

    const auditBefore = await t.auditCount();
    const done = await staff.post('/api/v1/program-years/2024/import', smallYear());
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ dryRun: false, programs: 3, kpis: 2, lines: 2, errors: [] });
    expect(await t.auditCount()).toBe(auditBefore + 1);
    const year = (await staff.get('/api/v1/program-years/2024')).json();
    expect(year.overview.map((r: { code: string; children: string[] }) => [r.code, r.children])).toEqual([
      ['1-1', []],
      ['5-1', ['5-1-1']],
    ]);
    expect(year.notes).toEqual([{ code: 'N1', kind: 'sum_mismatch', scope: '1-1', text: '소계가 맞지 않습니다', source: null }]);
    expect(year.rollups.total.achievement[0]).toMatchObject({ method: 'simple', value: 110, reported: 110, reproduces: true });
    const id = year.programs.find((p: { code: string }) => p.code === '1-1').id;
    const p = (await staff.get(`/api/v1/programs/${id}`)).json();
    expect(p.transfers).toEqual([expect.objectContaining({ fromLine: '운영비', toLine: null, amount: 50_000 })]);
    expect(p.lines.map((l: { name: string; level: number }) => [l.name, l.level])).toEqual([
      ['운영비', 0],
      ['회의비', 1],
    ]);
  });

  it('replaces the year on a second import: same result, no duplicates', async () => {
    const first = await exported();
    const again = await staff.post('/api/v1/program-years/2024/import', smallYear());
    expect(again.statusCode, again.body).toBe(200);
    expect(await exported()).toEqual(first);
    expect((await staff.get('/api/v1/programs?year=2024')).json().items).toHaveLength(3);
    // A changed document replaces what was there: a programme dropped from it is gone.
    const smaller = { ...smallYear(), programs: smallYear().programs.slice(0, 1) };
    expect((await staff.post('/api/v1/program-years/2024/import', smaller)).statusCode).toBe(200);
    expect((await staff.get('/api/v1/programs?year=2024')).json().items.map((r: { code: string }) => r.code)).toEqual(['1-1']);
    expect((await staff.post('/api/v1/program-years/2024/import', smallYear())).statusCode).toBe(200);
  });

  it('refuses a bad document whole, naming every field, and changes nothing', async () => {
    const before = await exported();
    const auditBefore = await t.auditCount();
    const bad = smallYear();
    bad.programs[0]!.areaCode = 'a9'; // unknown area
    bad.programs[0]!.periodEnd = '2024-13'; // bad month
    Object.assign(bad.programs[0]!.kpis![0]!, { target: -5 }); // negative target
    bad.programs[1]!.achievementStatedNote = undefined as unknown as string; // stated rate without its reason
    bad.programs[2]!.parentCode = '9-9'; // unknown parent
    const res = expectProblem(await staff.post('/api/v1/program-years/2024/import', bad), 400, 'validation');
    expect(res.errors!.map((e) => e.path).sort()).toEqual(
      ['programs[0].areaCode', 'programs[0].kpis[0].target', 'programs[0].periodEnd', 'programs[1].achievementStatedNote', 'programs[2].parentCode'].sort(),
    );
    expect(res.messages.ko).toContain('5개');
    expect(res.errors!.find((e) => e.path === 'programs[0].areaCode')!.messages).toEqual({ ko: "이 연도에 'a9' 분야가 없습니다", en: "The year has no area 'a9'" });
    expect(await exported()).toEqual(before);
    expect(await t.auditCount()).toBe(auditBefore);

    // A dry run lists the same errors without refusing, so a preview can show them.
    const preview = await staff.post('/api/v1/program-years/2024/import?dryRun=true', bad);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(res.errors!.map((e) => e.path).sort());
  });

  it('checks the document as a whole: format, year, duplicate codes, loops, categories', async () => {
    const doc = smallYear();
    const wrong = {
      ...doc,
      format: 'something-else',
      areas: [...doc.areas, { code: 'a1', nameKo: '또', budgetGroup: 'basic' }],
      programs: [
        { ...doc.programs[0]!, lines: [{ name: '기타', category: 'snacks' }], transfers: [] },
        { ...doc.programs[1]!, parentCode: '5-1-1' },
        doc.programs[2]!,
        { ...doc.programs[2]!, nameKo: '중복' },
      ],
    };
    const res = expectProblem(await staff.post('/api/v1/program-years/2024/import', wrong), 400, 'validation');
    expect(res.errors!.map((e) => e.path).sort()).toEqual(['areas[2].code', 'format', 'programs[1].parentCode', 'programs[2].parentCode', 'programs[3].code', 'programs[3].parentCode'].sort());
    // The category is checked once the document's shape is right.
    const cat = expectProblem(await staff.post('/api/v1/program-years/2024/import', { ...doc, programs: [{ ...doc.programs[0]!, lines: [{ name: '기타', category: 'snacks' }], transfers: [] }] }), 400, 'validation');
    expect(cat.errors!.map((e) => e.path)).toEqual(['programs[0].lines[0].category']);
    const otherYear = expectProblem(await staff.post('/api/v1/program-years/2025/import', doc), 400, 'validation');
    expect(otherYear.errors!.map((e) => e.path)).toEqual(['year']);
    const notAnObject = expectProblem(await staff.post('/api/v1/program-years/2024/import', [1, 2]), 400, 'validation');
    expect(notAnObject.errors!.length).toBeGreaterThan(0);
  });

  it('is staff work', async () => {
    await expectRefused(t, { method: 'POST', url: '/api/v1/program-years/2024/import', body: smallYear() }, { wrongRole: member, anonymous: t.client() }, exported);
  });
});
