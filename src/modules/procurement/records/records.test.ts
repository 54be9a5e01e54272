import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, eucKr, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { systemContext } from '../../../kernel/context.ts';
import { withBusinessRegCheckDigit } from '../../../kernel/korea.ts';
import { createDirectoryService } from '../../directory/index.ts';
import { generateRecordsCsv, GENERATED_HEADER, recomputeAggregates, type SeoSupplier } from './index.ts';

const CSV = { 'content-type': 'text/csv; charset=utf-8' };
const XLSX = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

describeEngines('procurement records', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  let member: TestClient;
  let anonymous: TestClient;
  let memberId: string;
  const seo: SeoSupplier[] = [];
  const seoNames = new Set<string>();

  const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);
  const auditActions = async () => (await sql<{ action: string }>`SELECT action FROM audit_log ORDER BY id`.execute(t.database.db)).rows.map((r) => r.action);
  const state = async () => ({ records: await count('procurement_records'), imports: await count('procurement_imports'), institutions: await count('procurement_institutions'), aggMonth: await count('procurement_agg_month') });

  /** The four aggregate tables, sorted, for comparing kept-up-to-date with recomputed. */
  async function aggregates() {
    const q = async (s: string) => (await sql.raw(s).execute(t.database.db)).rows;
    return {
      month: await q('SELECT year, month, institution_id, supplier_type, amount, records FROM procurement_agg_month ORDER BY 1, 2, 3, 4'),
      item: await q('SELECT year, institution_id, category_code, item_code, supplier_type, amount, records FROM procurement_agg_item ORDER BY 1, 2, 3, 4, 5'),
      method: await q('SELECT year, method, contract_type, supplier_type, amount, records FROM procurement_agg_method ORDER BY 1, 2, 3, 4'),
      supplier: await q('SELECT year, supplier_key, supplier_name, supplier_org_id, supplier_type, amount, records FROM procurement_agg_supplier ORDER BY 1, 2'),
    };
  }
  async function expectAggregatesEqualRecompute() {
    const kept = await aggregates();
    expect(kept.month.length).toBeGreaterThan(0);
    const years = (await sql<{ year: number }>`SELECT DISTINCT year FROM procurement_records UNION SELECT DISTINCT year FROM procurement_agg_month`.execute(t.database.db)).rows.map((r) => r.year);
    await t.database.db.transaction().execute(async (trx) => {
      await recomputeAggregates(trx, years);
      const recomputed = await (async () => {
        const q = async (s: string) => (await sql.raw(s).execute(trx)).rows;
        return {
          month: await q('SELECT year, month, institution_id, supplier_type, amount, records FROM procurement_agg_month ORDER BY 1, 2, 3, 4'),
          item: await q('SELECT year, institution_id, category_code, item_code, supplier_type, amount, records FROM procurement_agg_item ORDER BY 1, 2, 3, 4, 5'),
          method: await q('SELECT year, method, contract_type, supplier_type, amount, records FROM procurement_agg_method ORDER BY 1, 2, 3, 4'),
          supplier: await q('SELECT year, supplier_key, supplier_name, supplier_org_id, supplier_type, amount, records FROM procurement_agg_supplier ORDER BY 1, 2'),
        };
      })();
      expect(recomputed).toEqual(kept);
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    const m = await t.signedIn('member');
    member = m;
    memberId = m.user.id;
    anonymous = t.client();
    const directory = createDirectoryService(t.database.db);
    const sys = systemContext('test');
    const kinds = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency', 'cooperative', 'social_enterprise'];
    for (let i = 0; i < kinds.length; i++) {
      const name = `(주)착한살림${i + 1}`;
      const businessRegNo = withBusinessRegCheckDigit(`5558${String(i).padStart(5, '0')}`);
      await directory.create(sys, { name, businessRegNo, typeKey: kinds[i]! });
      seo.push({ name, businessRegNo });
      seoNames.add(name);
    }
    // An organisation of the directory that is not a social economy organisation: matched, but not SEO.
    await directory.create(sys, { name: '마을지원센터 협의회', businessRegNo: withBusinessRegCheckDigit('555899999'), typeKey: 'council' });
  });
  afterAll(() => t.close());

  it('imports a generated file: counts and sums per institution equal the file, SEO follows the directory, aggregates equal a recompute', async () => {
    const { csv, rows } = generateRecordsCsv({ rows: 3000, seed: 7, seoSuppliers: seo, seoShare: 0.1, privateSuppliers: 300, institutions: 80, withRows: true });
    const auditBefore = await t.auditCount();
    // The first import into an empty table builds the records' indexes after its COPY: the same ones as the
    // migrations made, and the planner finds an institution's records through one.
    const indexes = async () => (await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'procurement_records' ORDER BY 1`.execute(t.database.db)).rows;
    const indexesBefore = await indexes();
    expect(indexesBefore.length).toBeGreaterThanOrEqual(4);
    expect(await count('procurement_records')).toBe(0);
    const res = await staff.post('/api/v1/procurement/imports?fileName=2013.csv', csv, CSV);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    const total = rows.reduce((a, r) => a + r.amount, 0);
    expect(summary).toMatchObject({ status: 'committed', fileName: '2013.csv', format: 'csv', rows: 3000, amount: total, years: [2013], errorCount: 0 });
    const seoRows = rows.filter((r) => r.seo);
    expect(seoRows.length).toBeGreaterThan(100);
    expect(summary.seoRows).toBe(seoRows.length);
    expect(summary.seoAmount).toBe(seoRows.reduce((a, r) => a + r.amount, 0));
    expect(summary.matchedRows).toBe(seoRows.length);
    // Private suppliers are not in the directory: listed as unmatched, largest first.
    expect(summary.unmatchedCount).toBeGreaterThan(100);
    expect(summary.unmatched[0].amount).toBeGreaterThanOrEqual(summary.unmatched[1].amount);
    expect(summary.newInstitutions.length).toBe(new Set(rows.map((r) => r.institution)).size);

    const bySum = new Map<string, { n: number; amount: number }>();
    for (const r of rows) {
      const s = bySum.get(r.institution) ?? { n: 0, amount: 0 };
      s.n++;
      s.amount += r.amount;
      bySum.set(r.institution, s);
    }
    const db = await sql<{ name: string; n: number; amount: number }>`
      SELECT i.name, count(*)::int AS n, sum(r.amount)::bigint AS amount FROM procurement_records r JOIN procurement_institutions i ON i.id = r.institution_id GROUP BY i.name`.execute(t.database.db);
    expect(new Map(db.rows.map((r) => [r.name, { n: r.n, amount: Number(r.amount) }]))).toEqual(bySum);
    // The SEO flag of each record is the directory's type of its supplier, matched by number or by name.
    const flagged = await sql<{ seo: boolean; supplier_name: string; n: number }>`
      SELECT seo, supplier_name, count(*)::int AS n FROM procurement_records GROUP BY 1, 2`.execute(t.database.db);
    for (const f of flagged.rows) expect(f.seo, f.supplier_name).toBe(seoNames.has(f.supplier_name));
    const gu = await staff.get('/api/v1/procurement/institutions?kind=district');
    expect(gu.json().items.length).toBeGreaterThan(0);
    expect(gu.json().items.every((i: { name: string }) => i.name.endsWith('구'))).toBe(true);
    await expectAggregatesEqualRecompute();
    expect(await t.auditCount()).toBe(auditBefore + 1);
    expect((await auditActions()).at(-1)).toBe('procurement.import');
    expect(await indexes()).toEqual(indexesBefore);
    const institutionId = (await sql<{ id: string }>`SELECT institution_id AS id FROM procurement_records LIMIT 1`.execute(t.database.db)).rows[0]!.id;
    await sql`ANALYZE procurement_records`.execute(t.database.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM procurement_records WHERE institution_id = ${institutionId} AND year = 2013`.execute(t.database.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('procurement_records_institution_idx');
  });

  it('refuses a file with one bad row, naming its line and field, and commits nothing', async () => {
    const good = '서울특별시 종로구,,2013-04-01,복사용지,,(주)한빛상사,,120000,수의계약,물품,';
    const cases: [string, string, string][] = [
      ['date', '서울특별시 종로구,,2013-02-30,복사용지,,(주)한빛상사,,120000,수의계약,물품,', 'date'],
      ['amount', '서울특별시 종로구,,2013-04-02,복사용지,,(주)한빛상사,,12만원,수의계약,물품,', 'amount'],
      ['reg no', '서울특별시 종로구,,2013-04-02,복사용지,,(주)한빛상사,123-45-67890,120000,수의계약,물품,', 'business_reg_no'],
      ['method', '서울특별시 종로구,,2013-04-02,복사용지,,(주)한빛상사,,120000,긴급구매,물품,', 'method'],
    ];
    for (const [what, bad, field] of cases) {
      const before = { state: await state(), audit: await t.auditCount() };
      const res = await staff.post('/api/v1/procurement/imports?fileName=bad.csv', `${GENERATED_HEADER}\n${good}\n${bad}\n${good}\n`, CSV);
      const body = expectProblem(res, 400, 'validation');
      expect(body.errors, what).toEqual([{ path: field, row: 3, messages: expect.objectContaining({ ko: expect.stringMatching(/[가-힣]/), en: expect.any(String) }) }]);
      expect({ state: await state(), audit: await t.auditCount() }, what).toEqual(before);
    }
    // Every error of the file, not only the first.
    const many = `${GENERATED_HEADER}\n${cases.map((c) => c[1]).join('\n')}\n`;
    const all = expectProblem(await staff.post('/api/v1/procurement/imports', many, CSV), 400, 'validation');
    expect(all.errors!.map((e) => [e.row, e.path])).toEqual([[2, 'date'], [3, 'amount'], [4, 'business_reg_no'], [5, 'method']]);
    // A missing required column is refused before any row.
    const before = await state();
    const noMethod = expectProblem(await staff.post('/api/v1/procurement/imports', '기관명,구매일자,품목,업체명,금액,계약유형\n서울특별시 종로구,2013-04-01,복사용지,한빛상사,1000,물품\n', CSV), 400, 'validation');
    expect(noMethod.errors!.map((e) => e.path)).toEqual(['columns.method']);
    expect(noMethod.messages.ko).toContain('계약방법');
    expect(await state()).toEqual(before);
  });

  it('dry run answers the summary with its errors and changes nothing', async () => {
    const { csv } = generateRecordsCsv({ rows: 500, seed: 11, seoSuppliers: seo, privateSuppliers: 50, institutions: 30 });
    const before = { state: await state(), audit: await t.auditCount(), agg: await aggregates() };
    const res = await staff.post('/api/v1/procurement/imports?dryRun=true&fileName=preview.csv', csv, CSV);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: null, status: 'dry-run', rows: 500, errorCount: 0 });
    const withError = await staff.post('/api/v1/procurement/imports?dryRun=true', `${csv}서울특별시 중구,,2013-13-01,복사용지,,한빛상사,,100,수의계약,물품,\n`, CSV);
    expect(withError.statusCode).toBe(200);
    expect(withError.json()).toMatchObject({ status: 'dry-run', rows: 500, errorCount: 1, errors: [{ line: 502, field: 'date' }] });
    expect({ state: await state(), audit: await t.auditCount(), agg: await aggregates() }).toEqual(before);
  });

  it('imports EUC-KR CSV and XLSX files', async () => {
    const before = await count('procurement_records');
    const csv = `${GENERATED_HEADER}\n서울특별시 성북구,,2013.05.01,화장지,,우리상사,,"1,500,000",수의계약,물품,2013-1\n서울특별시 성북구,,20130502,간병,,착한살림1,,300000,제한경쟁,용역,\n`;
    const res = await staff.post('/api/v1/procurement/imports?fileName=euc.csv', eucKr(csv), CSV);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, amount: 1_800_000, seoRows: 1 });
    const rec = await sql<{ item_code: string; supplier_name: string; purchased_on: string; method: string }>`
      SELECT it.code AS item_code, supplier_name, purchased_on, method FROM procurement_records r LEFT JOIN procurement_items it ON it.no = r.item_no
      WHERE id > (SELECT max(id) - 2 FROM procurement_records) ORDER BY id`.execute(t.database.db);
    expect(rec.rows).toEqual([
      { item_code: 'toilet_tissue', supplier_name: '우리상사', purchased_on: '2013-05-01', method: 'single_source' },
      { item_code: 'care', supplier_name: '착한살림1', purchased_on: '2013-05-02', method: 'restricted_tender' },
    ]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('구매실적');
    ws.addRow(['institution', 'date', 'item', 'supplier', 'business_reg_no', 'amount', 'method', 'contract_type']);
    ws.addRow(['서울특별시 마포구', new Date(Date.UTC(2013, 6, 1)), '청소용역', seo[1]!.name, seo[1]!.businessRegNo, 2_000_000, '수의계약', '용역']);
    ws.addRow(['서울특별시 마포구', '2013-07-02', '미확인 품목', '대한상사', '', 10_000, 'open_tender', 'goods']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await staff.post('/api/v1/procurement/imports?fileName=2013.xlsx', file, XLSX);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json()).toMatchObject({ format: 'xlsx', rows: 2, amount: 2_010_000, seoRows: 1, seoAmount: 2_000_000 });
    const items = await sql<{ item_code: string | null; category_code: string }>`
      SELECT it.code AS item_code, r.category_code FROM procurement_records r LEFT JOIN procurement_items it ON it.no = r.item_no ORDER BY r.id DESC LIMIT 2`.execute(t.database.db);
    expect(items.rows).toEqual([
      { item_code: null, category_code: 'other_goods' },
      { item_code: 'cleaning', category_code: 'cleaning' },
    ]);
    expect(await count('procurement_records')).toBe(before + 4);
    // A bad XLSX row is refused like a CSV one, with the sheet's row number.
    ws.addRow(['서울특별시 마포구', '2013-07-03', '세제', '대한상사', '', -5, 'open_tender', 'goods']);
    const bad = expectProblem(await staff.post('/api/v1/procurement/imports', Buffer.from(await wb.xlsx.writeBuffer()), XLSX), 400, 'validation');
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'amount', row: 4 })]);
    expect(await count('procurement_records')).toBe(before + 4);
  });

  it('undo takes an import’s records out and brings the aggregates back to the records; a second undo is refused', async () => {
    const { csv } = generateRecordsCsv({ rows: 800, seed: 21, years: [2013, 2014], seoSuppliers: seo, privateSuppliers: 100, institutions: 40 });
    const beforeAgg = await aggregates();
    const before = await count('procurement_records');
    const imported = (await staff.post('/api/v1/procurement/imports?fileName=two-years.csv', csv, CSV)).json();
    expect(imported.years).toEqual([2013, 2014]);
    expect(await count('procurement_records')).toBe(before + 800);
    await expectAggregatesEqualRecompute();
    expect(imported.seoRows).toBeGreaterThan(0);
    // The list and the import's page show what the import brought from SEOs, and still do once it is undone.
    const shown = { id: imported.id, rows: 800, seoRows: imported.seoRows, seoAmount: imported.seoAmount };
    const list = (await staff.get('/api/v1/procurement/imports')).json();
    expect(list.items[0]).toMatchObject(shown);
    const one = await staff.get(`/api/v1/procurement/imports/${imported.id}`);
    expect(one.json()).toMatchObject(shown);

    const undone = await staff.post(`/api/v1/procurement/imports/${imported.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'undone', undoneAt: expect.any(String), seoRows: imported.seoRows, seoAmount: imported.seoAmount });
    expect(await count('procurement_records')).toBe(before);
    // 2014 had only this import's records: its aggregates are gone; 2013's are back to what they were.
    expect(await aggregates()).toEqual(beforeAgg);
    await expectAggregatesEqualRecompute();
    expect((await auditActions()).at(-1)).toBe('procurement.import.undo');
    expectProblem(await staff.post(`/api/v1/procurement/imports/${imported.id}/undo`), 409, 'conflict');
  });

  it('re-matches suppliers once the directory knows them, and recomputes their years', async () => {
    const csv = `${GENERATED_HEADER}\n서울특별시 은평구,,2013-09-01,도시락,,새봄도시락 협동조합,,50000,수의계약,물품,\n서울특별시 은평구,,2013-09-02,도시락,,새봄도시락협동조합,,70000,수의계약,물품,\n`;
    const first = (await staff.post('/api/v1/procurement/imports', csv, CSV)).json();
    expect(first.unmatched.map((u: { name: string }) => u.name).sort()).toEqual(['새봄도시락 협동조합', '새봄도시락협동조합']);
    expect(first.seoRows).toBe(0);
    await createDirectoryService(t.database.db).create(systemContext('test'), { name: '새봄도시락협동조합', typeKey: 'cooperative' });
    const res = await staff.post('/api/v1/procurement/rematch');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ matchedRows: 2, suppliers: 2, years: [2013] });
    const seoNow = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_records WHERE supplier_name LIKE '새봄도시락%' AND seo AND supplier_type = 'cooperative'`.execute(t.database.db);
    expect(seoNow.rows[0]!.n).toBe(2);
    await expectAggregatesEqualRecompute();
    expect((await auditActions()).at(-1)).toBe('procurement.rematch');
    expect((await staff.post('/api/v1/procurement/rematch')).json().matchedRows).toBe(0);
  });

  it('streams progress lines, then the result', async () => {
    const { csv } = generateRecordsCsv({ rows: 1500, seed: 5, privateSuppliers: 50, institutions: 20 });
    const res = await staff.post('/api/v1/procurement/imports?fileName=stream.csv', csv, { ...CSV, accept: 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    // The file read, a last line says the import is finishing (indexes, sums, commit), before the result.
    expect(progress.at(-1)).toMatchObject({ rows: 1500, totalBytes: Buffer.byteLength(csv), phase: 'finishing' });
    expect(progress.slice(0, -1).every((p) => p.phase === 'reading')).toBe(true);
    expect(progress.at(-1).bytes).toBe(Buffer.byteLength(csv));
    expect(lines.at(-1)).toMatchObject({ type: 'result', import: { rows: 1500, status: 'committed' } });
    // A bad row found after streaming began ends the stream with an error line; nothing is kept.
    const before = await state();
    const bad = await staff.post('/api/v1/procurement/imports', `${csv}서울특별시 중구,,2013-01-01,복사용지,,한빛,,abc,수의계약,물품,\n`, { ...CSV, accept: 'application/x-ndjson' });
    const last = JSON.parse(bad.body.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'error', problem: { status: 400, errors: [{ path: 'amount', row: 1502 }] } });
    expect(await state()).toEqual(before);
  });

  it('institutions, officers and targets: staff manage them, officers see their own institution’s private targets', async () => {
    const created = await staff.post('/api/v1/procurement/institutions', { name: '서울특별시 테스트사업소', kind: 'office', code: 'T-0001', recordsPublic: false });
    expect(created.statusCode, created.body).toBe(201);
    const inst = created.json();
    expectProblem(await staff.post('/api/v1/procurement/institutions', { name: '서울특별시  테스트 사업소', kind: 'office' }), 400, 'validation');
    const patched = await staff.patch(`/api/v1/procurement/institutions/${inst.id}`, { districtCode: '11110' });
    expect(patched.json()).toMatchObject({ districtCode: '11110', recordsPublic: false });

    const officerUser = await t.signedIn('member');
    const added = await staff.post(`/api/v1/procurement/institutions/${inst.id}/officers`, { email: officerUser.user.email });
    expect(added.statusCode, added.body).toBe(201);
    expectProblem(await staff.post(`/api/v1/procurement/institutions/${inst.id}/officers`, { userId: officerUser.user.id }), 409, 'conflict');
    expectProblem(await staff.post(`/api/v1/procurement/institutions/${inst.id}/officers`, { email: 'nobody@test.sehub.kr' }), 400, 'validation');
    expect((await staff.get(`/api/v1/procurement/institutions/${inst.id}/officers`)).json().items.map((o: { userId: string }) => o.userId)).toEqual([officerUser.user.id]);
    const mine = (await officerUser.get('/api/v1/procurement/me/institutions')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([inst.id]);
    const listed = (await officerUser.get('/api/v1/procurement/institutions?q=테스트사업소')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: inst.id, officer: true, recordsPublic: false })]);
    expect((await member.get('/api/v1/procurement/institutions?q=테스트사업소')).json().items[0].officer).toBe(false);

    const cityTarget = await staff.put('/api/v1/procurement/targets', { year: 2013, amount: 100_000_000_000, note: '시 전체' });
    expect(cityTarget.statusCode, cityTarget.body).toBe(200);
    const privateTarget = (await staff.put('/api/v1/procurement/targets', { year: 2013, institutionId: inst.id, itemCode: 'copy_paper', amount: 5_000_000 })).json();
    const updated = (await staff.put('/api/v1/procurement/targets', { year: 2013, institutionId: inst.id, itemCode: 'copy_paper', amount: 6_000_000 })).json();
    expect(updated).toMatchObject({ id: privateTarget.id, amount: 6_000_000, institutionName: '서울특별시 테스트사업소' });
    expectProblem(await staff.put('/api/v1/procurement/targets', { year: 2013, itemCode: 'nothing', amount: 1 }), 400, 'validation');
    expectProblem(await staff.put('/api/v1/procurement/targets', { year: 2013, amount: -1 }), 400, 'validation');
    const ids = (c: TestClient) => c.get('/api/v1/procurement/targets?year=2013').then((r) => r.json().items.map((x: { id: string }) => x.id).sort());
    expect(await ids(anonymous)).toEqual([cityTarget.json().id]);
    expect(await ids(member)).toEqual([cityTarget.json().id]);
    expect(await ids(officerUser)).toEqual([cityTarget.json().id, privateTarget.id].sort());
    expect(await ids(staff)).toEqual([cityTarget.json().id, privateTarget.id].sort());
    expect((await staff.delete(`/api/v1/procurement/targets/${privateTarget.id}`)).statusCode).toBe(204);
    expect((await staff.delete(`/api/v1/procurement/institutions/${inst.id}/officers/${officerUser.user.id}`)).statusCode).toBe(204);
    expect((await officerUser.get('/api/v1/procurement/me/institutions')).json().items).toEqual([]);
    const actions = await auditActions();
    for (const a of ['procurement.institution.create', 'procurement.institution.update', 'procurement.officer.add', 'procurement.officer.remove', 'procurement.target.create', 'procurement.target.update', 'procurement.target.delete']) {
      expect(actions).toContain(a);
    }
    const tax = (await anonymous.get('/api/v1/procurement/taxonomy')).json();
    expect(tax.items.filter((i: { priorityOrder: number | null }) => i.priorityOrder !== null)).toHaveLength(10);
    expect(tax.methods.map((m: { key: string }) => m.key)).toContain('single_source');
  });

  it('only staff import, undo, re-match and manage institutions, officers and targets', async () => {
    const inst = (await staff.post('/api/v1/procurement/institutions', { name: '권한시험 기관', kind: 'other' })).json();
    const target = (await staff.put('/api/v1/procurement/targets', { year: 2015, amount: 1000 })).json();
    const anImport = (await staff.get('/api/v1/procurement/imports')).json().items.find((i: { status: string }) => i.status === 'committed');
    const snapshot = async () => ({ ...(await state()), officers: await count('procurement_officers'), targets: await count('procurement_targets') });
    const file = `${GENERATED_HEADER}\n서울특별시 중구,,2013-01-01,복사용지,,한빛,,100,수의계약,물품,\n`;
    const cases = [
      { method: 'POST' as const, url: '/api/v1/procurement/imports?fileName=x.csv', body: file },
      { method: 'POST' as const, url: `/api/v1/procurement/imports/${anImport.id}/undo`, body: {} },
      { method: 'POST' as const, url: '/api/v1/procurement/rematch', body: {} },
      { method: 'POST' as const, url: '/api/v1/procurement/institutions', body: { name: '몰래 만든 기관', kind: 'other' } },
      { method: 'PATCH' as const, url: `/api/v1/procurement/institutions/${inst.id}`, body: { recordsPublic: false } },
      { method: 'POST' as const, url: `/api/v1/procurement/institutions/${inst.id}/officers`, body: { userId: memberId } },
      { method: 'PUT' as const, url: '/api/v1/procurement/targets', body: { year: 2015, amount: 5 } },
      { method: 'DELETE' as const, url: `/api/v1/procurement/targets/${target.id}` },
    ];
    for (const c of cases) {
      // The file body needs its content type; the refusal comes before it is read.
      const headers = c.url.includes('/imports?') ? CSV : {};
      for (const [who, client] of [['member', member], ['anonymous', anonymous]] as const) {
        const before = { audit: await t.auditCount(), state: await snapshot() };
        const res = await client.request(c.method, c.url, c.body, headers);
        if (who === 'anonymous') expectProblem(res, 401, 'unauthenticated');
        else expectProblem(res, 403, 'forbidden');
        expect({ audit: await t.auditCount(), state: await snapshot() }, `${who} ${c.method} ${c.url}`).toEqual(before);
      }
    }
    await expectRefused(t, { method: 'GET', url: '/api/v1/procurement/imports' }, { wrongRole: member, anonymous });
    await expectRefused(t, { method: 'GET', url: `/api/v1/procurement/institutions/${inst.id}/officers` }, { wrongRole: member, anonymous });
  });
});
