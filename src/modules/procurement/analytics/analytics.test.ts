import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../../test/helpers.ts';
import { systemContext } from '../../../kernel/context.ts';
import { normalizeForSearch } from '../../../kernel/hangul.ts';
import { withBusinessRegCheckDigit } from '../../../kernel/korea.ts';
import { createDirectoryService } from '../../directory/index.ts';
import { createRecordsService, generateRecordsCsv, supplierNameKey, type GeneratedRow } from '../records/index.ts';
import { dashboardQueries } from './bench-queries.ts';
import { run } from './repository.ts';

const A = '/api/v1/procurement/analytics';
const YEAR = 2013;
const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'];
const METHOD: Record<string, string> = { 수의계약: 'single_source', 일반경쟁: 'open_tender', 제한경쟁: 'restricted_tender', 지명경쟁: 'designated_tender', 기타: 'other' };
const CONTRACT: Record<string, string> = { 물품: 'goods', 용역: 'services', 공사: 'works', 민간위탁: 'consignment', 기타: 'other' };

/** Totals keyed by something, summed from the generated rows. */
function sums<K>(rows: GeneratedRow[], key: (r: GeneratedRow) => K) {
  const m = new Map<K, { amount: number; seoAmount: number; records: number }>();
  for (const r of rows) {
    const k = key(r);
    const s = m.get(k) ?? { amount: 0, seoAmount: 0, records: 0 };
    s.amount += r.amount;
    if (r.seo) s.seoAmount += r.amount;
    s.records++;
    m.set(k, s);
  }
  return m;
}

/** HHI and top-10 share from scratch: suppliers keyed by registration number, else by name without its legal form. */
function concentration(rows: GeneratedRow[]) {
  const by = sums(rows, (r) => (r.businessRegNo ? `r:${r.businessRegNo}` : `n:${supplierNameKey(r.supplier)}`));
  const amounts = [...by.values()].map((s) => s.amount).sort((a, b) => b - a);
  const total = amounts.reduce((s, a) => s + a, 0);
  return {
    suppliers: amounts.length,
    amount: total,
    top10Amount: amounts.slice(0, 10).reduce((s, a) => s + a, 0),
    hhi: amounts.reduce((s, a) => s + (a / total * 100) ** 2, 0),
  };
}

// The OCDS fields sehub emits (a subset of the OCDS 1.1 release package schema), checked strictly.
const value = z.object({ amount: z.number().int().min(0), currency: z.literal('KRW') }).strict();
const ocdsItem = z
  .object({
    id: z.string(),
    description: z.string(),
    classification: z.object({ scheme: z.literal('sehub-procurement-category'), id: z.string(), description: z.string() }).strict(),
    additionalClassifications: z.array(z.object({ scheme: z.literal('sehub-procurement-item'), id: z.string(), description: z.string() }).strict()).optional(),
    quantity: z.number(),
    unit: z.object({ name: z.string(), value }).strict(),
  })
  .strict();
const orgRef = z.object({ id: z.string(), name: z.string() }).strict();
const release = z
  .object({
    ocid: z.string().regex(/^ocds-sehub-[0-9A-Za-z-]+-.+$/),
    id: z.string(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}T00:00:00\+09:00$/),
    tag: z.tuple([z.literal('award'), z.literal('contract')]),
    initiationType: z.literal('tender'),
    language: z.literal('ko'),
    parties: z
      .array(
        z
          .object({
            id: z.string(),
            name: z.string(),
            identifier: z.object({ scheme: z.literal('KR-BRN'), id: z.string().regex(/^\d{10}$/), legalName: z.string() }).strict().optional(),
            roles: z.array(z.enum(['buyer', 'supplier'])).length(1),
          })
          .strict(),
      )
      .min(2),
    buyer: orgRef,
    tender: z
      .object({
        id: z.string(),
        procurementMethod: z.enum(['open', 'selective', 'limited', 'direct']),
        procurementMethodDetails: z.string(),
        mainProcurementCategory: z.enum(['goods', 'services', 'works']),
        description: z.string(),
      })
      .strict(),
    awards: z.array(z.object({ id: z.string(), status: z.literal('active'), date: z.string(), value, suppliers: z.array(orgRef).min(1), items: z.array(ocdsItem).min(1) }).strict()).length(1),
    contracts: z
      .array(z.object({ id: z.string(), awardID: z.string(), status: z.literal('active'), dateSigned: z.string(), value, items: z.array(ocdsItem).min(1) }).strict())
      .length(1),
  })
  .strict();
const ocdsPackage = z
  .object({
    uri: z.url(),
    version: z.literal('1.1'),
    publishedDate: z.iso.datetime(),
    publisher: z.object({ name: z.literal('sehub'), uri: z.string() }).strict(),
    releases: z.array(release),
  })
  .strict();

describeEngines('procurement analytics', (engine) => {
  let t: TestApp;
  let rows: GeneratedRow[]; // all generated rows
  let year: GeneratedRow[]; // those of 2013
  let inst: Map<string, string>; // institution name → id
  let itemOf: (name: string) => string; // item name as written → item code ('' unknown)
  let categoryOf: Map<string, string>; // item code → category code
  let staff: TestClient;
  let officerA: TestClient;
  let anonymous: TestClient;
  let privateA: string;
  let privateB: string;
  let nameA: string;
  let nameB: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.database.db;
    const ctx = systemContext('test');
    const directory = createDirectoryService(db);
    const seoSuppliers = [];
    for (let i = 0; i < 24; i++) {
      const o = { name: `분석시험 ${['나눔', '햇살', '온새미', '두레'][i % 4]}${i}협동조합`, typeKey: SEO_TYPES[i % 4]!, businessRegNo: withBusinessRegCheckDigit(String(710_000_001 + i * 37)) };
      await directory.create(ctx, o);
      seoSuppliers.push({ name: o.name, businessRegNo: o.businessRegNo });
    }
    const gen = generateRecordsCsv({ rows: 3000, years: [2013, 2013, 2013, 2014], seed: 7, seoSuppliers, seoShare: 0.2, privateSuppliers: 400, institutions: 70, withRows: true });
    rows = gen.rows;
    year = rows.filter((r) => r.date.startsWith(`${YEAR}-`));
    const summary = await createRecordsService({ database: t.database }).importRecords(ctx, { fileName: 'analytics.csv', format: 'csv', source: Readable.from([gen.csv]) });
    expect(summary.errorCount, JSON.stringify(summary.errors.slice(0, 3))).toBe(0);
    expect(summary.rows).toBe(3000);

    const insts = await sql<{ id: string; name: string }>`SELECT id, name FROM procurement_institutions`.execute(db);
    inst = new Map(insts.rows.map((r) => [r.name, r.id]));
    const items = await sql<{ code: string; label_ko: string; aliases: string[]; category_code: string }>`SELECT code, label_ko, aliases, category_code FROM procurement_items`.execute(db);
    const names = new Map<string, string>();
    for (const i of items.rows) for (const n of [i.code, i.label_ko, ...i.aliases]) names.set(normalizeForSearch(n), i.code);
    itemOf = (n) => names.get(normalizeForSearch(n)) ?? '';
    categoryOf = new Map(items.rows.map((i) => [i.code, i.category_code]));

    // Two institutions keep their records private; A has an officer.
    [nameA, nameB] = ['서울특별시 재무국', '서울특별시 강서구'];
    privateA = inst.get(nameA)!;
    privateB = inst.get(nameB)!;
    expect(privateA && privateB).toBeTruthy();
    await sql`UPDATE procurement_institutions SET records_public = false WHERE id IN (${privateA}, ${privateB})`.execute(db);
    staff = await t.signedIn('staff');
    officerA = await t.signedIn('member');
    await sql`INSERT INTO procurement_officers (institution_id, user_id) VALUES (${privateA}, ${(officerA as TestClient & { user: { id: string } }).user.id})`.execute(db);
    anonymous = t.client();
    // Targets: city-wide overall and for copy paper, institution A overall and for copy paper, B overall.
    await sql`INSERT INTO procurement_targets (year, institution_id, item_code, amount) VALUES
      (2013, NULL, NULL, 900000000), (2013, NULL, 'copy_paper', 20000000),
      (2013, ${privateA}, NULL, 30000000), (2013, ${privateA}, 'copy_paper', 1000000), (2013, ${privateB}, NULL, 5000000)`.execute(db);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('summary: totals, SEO share, target achievement, months and supplier concentration equal the sums of the generated file', async () => {
    const res = await anonymous.get(`${A}/summary?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const amount = year.reduce((a, r) => a + r.amount, 0);
    const seo = year.filter((r) => r.seo).reduce((a, r) => a + r.amount, 0);
    expect(s.years).toEqual([2013, 2014]);
    expect(s.total).toEqual({ amount, records: year.length });
    expect(s.seo.amount).toBe(seo);
    expect(s.seo.records).toBe(year.filter((r) => r.seo).length);
    expect(s.seo.share).toBeCloseTo((seo / amount) * 100, 9);
    expect(s.target.amount).toBe(900_000_000);
    expect(s.target.achievement).toBeCloseTo((seo / 900_000_000) * 100, 9);
    const months = sums(year, (r) => Number(r.date.slice(5, 7)));
    expect(s.byMonth).toEqual(Array.from({ length: 12 }, (_, i) => ({ month: i + 1, amount: months.get(i + 1)?.amount ?? 0, seoAmount: months.get(i + 1)?.seoAmount ?? 0 })));
    expect(s.bySupplierType.reduce((a: number, r: { amount: number }) => a + r.amount, 0)).toBe(amount);
    expect(s.bySupplierType.filter((r: { seo: boolean }) => r.seo).reduce((a: number, r: { amount: number }) => a + r.amount, 0)).toBe(seo);
    const all = concentration(year);
    expect(s.concentration.all.suppliers).toBe(all.suppliers);
    expect(s.concentration.all.top10Amount).toBe(all.top10Amount);
    expect(s.concentration.all.top10Share).toBeCloseTo((all.top10Amount / amount) * 100, 9);
    expect(s.concentration.all.hhi).toBeCloseTo(all.hhi, 6);
    const seoConc = concentration(year.filter((r) => r.seo));
    expect(s.concentration.seo.suppliers).toBe(seoConc.suppliers);
    expect(s.concentration.seo.hhi).toBeCloseTo(seoConc.hhi, 6);
    expect(s.concentration.seo.hhi).toBeGreaterThan(0);
  });

  it('by institution: every institution’s amount and SEO share equal the file’s, with its target; private ones merged for anonymous callers', async () => {
    const expected = sums(year, (r) => inst.get(r.institution)!);
    const staffRows = (await staff.get(`${A}/by-institution?year=${YEAR}`)).json().rows;
    expect(staffRows).toHaveLength(expected.size);
    for (const r of staffRows) {
      const e = expected.get(r.institutionId)!;
      expect([r.amount, r.seoAmount]).toEqual([e.amount, e.seoAmount]);
      expect(r.share).toBeCloseTo((e.seoAmount / e.amount) * 100, 9);
    }
    expect(staffRows.map((r: { amount: number }) => r.amount)).toEqual([...staffRows.map((r: { amount: number }) => r.amount)].sort((a, b) => b - a));
    expect(staffRows.find((r: { institutionId: string }) => r.institutionId === privateA).target).toBe(30_000_000);

    const anon = (await anonymous.get(`${A}/by-institution?year=${YEAR}`)).json().rows;
    const merged = anon.filter((r: { institutionId: string | null }) => r.institutionId === null);
    expect(merged).toHaveLength(1);
    expect(merged[0].name).toEqual({ ko: '비공개 기관 2곳', en: '2 private institutions' });
    expect(merged[0].amount).toBe(expected.get(privateA)!.amount + expected.get(privateB)!.amount);
    expect(merged[0].target).toBeNull();
    expect(anon.map((r: { institutionId: string }) => r.institutionId)).not.toContain(privateA);
    expect(anon.reduce((a: number, r: { amount: number }) => a + r.amount, 0)).toBe(year.reduce((a, r) => a + r.amount, 0));

    const own = (await officerA.get(`${A}/by-institution?year=${YEAR}`)).json().rows;
    expect(own.find((r: { institutionId: string }) => r.institutionId === privateA).amount).toBe(expected.get(privateA)!.amount);
    expect(own.find((r: { institutionId: string | null }) => r.institutionId === null).name.ko).toBe('비공개 기관 1곳');
  });

  it('by item and by category: amounts and SEO share per item equal the file’s; all 27 categories listed; drill-down sums equal the figure', async () => {
    const expected = sums(year, (r) => itemOf(r.item));
    const res = await anonymous.get(`${A}/by-item?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const byCode = new Map<string, { amount: number; seoAmount: number; records: number }>();
    for (const r of res.json().rows) {
      const s = byCode.get(r.itemCode) ?? { amount: 0, seoAmount: 0, records: 0 };
      byCode.set(r.itemCode, { amount: s.amount + r.amount, seoAmount: s.seoAmount + r.seoAmount, records: s.records + r.records });
    }
    for (const [code, e] of expected) expect(byCode.get(code), code).toEqual(e);
    const paper = res.json().rows.find((r: { itemCode: string }) => r.itemCode === 'copy_paper');
    expect(paper.priorityOrder).toBe(1);
    expect(paper.share).toBeCloseTo((expected.get('copy_paper')!.seoAmount / expected.get('copy_paper')!.amount) * 100, 9);

    const cats = (await anonymous.get(`${A}/by-category?year=${YEAR}`)).json().rows;
    expect(cats).toHaveLength(27);
    const byCat = sums(year, (r) => categoryOf.get(itemOf(r.item)) ?? (CONTRACT[r.contractType] === 'goods' ? 'other_goods' : 'other_services'));
    for (const c of cats) expect([c.code, c.amount, c.seoAmount], c.code).toEqual([c.code, byCat.get(c.code)?.amount ?? 0, byCat.get(c.code)?.seoAmount ?? 0]);
    expect(cats.some((c: { amount: number }) => c.amount === 0)).toBe(true);

    // The figure "copy paper, from SEOs" drills down to records that add up to it (staff see every institution).
    // Its count and sum come from the item aggregate; the pages listed are the records themselves.
    let sum = 0;
    let n = 0;
    let counted: number | undefined;
    for (let page = 1; ; page++) {
      const d = (await staff.get(`${A}/records?year=${YEAR}&itemCode=copy_paper&seo=true&page=${page}&pageSize=200`)).json();
      sum += d.items.reduce((a: number, r: { amount: number }) => a + r.amount, 0);
      n += d.items.length;
      counted = d.total;
      expect(d.sum).toBe(paper.seoAmount);
      expect(d.hidden).toBeNull();
      if (d.items.length < 200) break;
    }
    expect([sum, n]).toEqual([paper.seoAmount, expected.get('copy_paper')!.records - year.filter((r) => itemOf(r.item) === 'copy_paper' && !r.seo).length]);
    expect(counted).toBe(n);
    // Unrecognised items drill down by itemCode=''.
    const other = (await staff.get(`${A}/records?year=${YEAR}&itemCode=&pageSize=1`)).json();
    expect(other.sum).toBe(expected.get('')!.amount);
  });

  it('by month and method drill-downs, and by method equal the file’s', async () => {
    const expected = sums(year, (r) => `${METHOD[r.method] ?? r.method}/${CONTRACT[r.contractType]}`);
    const rows = (await anonymous.get(`${A}/by-method?year=${YEAR}`)).json().rows;
    expect(rows).toHaveLength(expected.size);
    for (const r of rows) {
      const e = expected.get(`${r.method}/${r.contractType}`)!;
      expect([r.amount, r.seoAmount, r.records]).toEqual([e.amount, e.seoAmount, e.records]);
      expect(r.methodLabel.ko).toMatch(/[가-힣]/);
    }
    const march = sums(year, (r) => r.date.slice(5, 7)).get('03')!;
    const d = (await staff.get(`${A}/records?year=${YEAR}&month=3&method=single_source&pageSize=5`)).json();
    const e = year.filter((r) => r.date.slice(5, 7) === '03' && (METHOD[r.method] ?? r.method) === 'single_source');
    expect([d.total, d.sum]).toEqual([e.length, e.reduce((a, r) => a + r.amount, 0)]);
    expect(d.items).toHaveLength(5);
    expect(d.items[0]).toMatchObject({ purchasedOn: expect.stringMatching(/^2013-03-/), method: 'single_source', institution: { id: expect.any(String), name: expect.any(String) } });
    expect(march.amount).toBeGreaterThan(0);
  });

  it('every figure of the priority items, categories, methods, supplier types and months drills down to records summing to it', async () => {
    const sumOf = async (query: string) => (await staff.get(`${A}/records?year=${YEAR}&pageSize=1&${query}`)).json().sum as number;
    const p = (await staff.get(`${A}/priority-items?year=${YEAR}`)).json();
    for (const r of p.rows) {
      expect(await sumOf(`itemCode=${r.itemCode}&seo=true`), r.itemCode).toBe(r.seoAmount);
      expect(await sumOf(`itemCode=${r.itemCode}`), r.itemCode).toBe(r.totalAmount);
    }
    for (const c of (await staff.get(`${A}/by-category?year=${YEAR}`)).json().rows) expect(await sumOf(`categoryCode=${c.code}`), c.code).toBe(c.amount);
    for (const m of (await staff.get(`${A}/by-method?year=${YEAR}`)).json().rows) {
      expect(await sumOf(`method=${m.method}&contractType=${m.contractType}&seo=true`)).toBe(m.seoAmount);
    }
    const s = (await staff.get(`${A}/summary?year=${YEAR}`)).json();
    for (const t of s.bySupplierType) expect(await sumOf(`supplierType=${t.type}`), t.type).toBe(t.amount);
    for (const m of s.byMonth) expect(await sumOf(`month=${m.month}&seo=true`)).toBe(m.seoAmount);
  });

  it('one institution: its summary and item drill-down equal its rows; its officer reads them, anonymous and other officers get 403', async () => {
    const mine = year.filter((r) => r.institution === nameA);
    const res = await officerA.get(`${A}/institutions/${privateA}/items?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total.amount).toBe(mine.reduce((a, r) => a + r.amount, 0));
    const expected = sums(mine, (r) => itemOf(r.item));
    for (const r of body.rows.filter((x: { itemCode: string }) => x.itemCode !== '')) expect([r.amount, r.seoAmount, r.records]).toEqual([expected.get(r.itemCode)!.amount, expected.get(r.itemCode)!.seoAmount, expected.get(r.itemCode)!.records]);
    const s = (await officerA.get(`${A}/summary?year=${YEAR}&institutionId=${privateA}`)).json();
    expect(s.institution.id).toBe(privateA);
    expect(s.total.amount).toBe(body.total.amount);
    expect(s.target.amount).toBe(30_000_000);
    expect(s.concentration.all.amount).toBe(body.total.amount);
    const m = (await officerA.get(`${A}/by-method?year=${YEAR}&institutionId=${privateA}`)).json().rows;
    expect(m.reduce((a: number, r: { amount: number }) => a + r.amount, 0)).toBe(body.total.amount);
    const recs = (await officerA.get(`${A}/records?year=${YEAR}&institutionId=${privateA}&pageSize=1`)).json();
    expect([recs.total, recs.sum]).toEqual([mine.length, body.total.amount]);

    for (const url of [
      `${A}/institutions/${privateB}/items?year=${YEAR}`,
      `${A}/records?year=${YEAR}&institutionId=${privateB}`,
      `${A}/summary?year=${YEAR}&institutionId=${privateB}`,
      `${A}/by-item?year=${YEAR}&institutionId=${privateB}`,
      `${A}/export.ocds.json?year=${YEAR}&institutionId=${privateB}`,
    ]) {
      expectProblem(await officerA.get(url), 403, 'forbidden');
      expectProblem(await anonymous.get(url.replace(privateB, privateA)), 403, 'forbidden');
    }
    expect((await staff.get(`${A}/records?year=${YEAR}&institutionId=${privateB}`)).statusCode).toBe(200);
    expectProblem(await anonymous.get(`${A}/institutions/00000000-0000-4000-8000-000000000000/items?year=${YEAR}`), 404, 'not-found');
  });

  it('records without an institution leave private ones out for anonymous callers and say how much is hidden', async () => {
    const all = (await staff.get(`${A}/records?year=${YEAR}&pageSize=1`)).json();
    const anon = (await anonymous.get(`${A}/records?year=${YEAR}&pageSize=200`)).json();
    const hidden = year.filter((r) => r.institution === nameA || r.institution === nameB);
    expect(anon.hidden).toEqual({ records: hidden.length, amount: hidden.reduce((a, r) => a + r.amount, 0) });
    expect(anon.total + anon.hidden.records).toBe(all.total);
    expect(anon.sum + anon.hidden.amount).toBe(all.sum);
    expect(anon.items.some((r: { institution: { id: string } }) => r.institution.id === privateA || r.institution.id === privateB)).toBe(false);
    const officer = (await officerA.get(`${A}/records?year=${YEAR}&pageSize=1`)).json();
    expect(officer.hidden.records).toBe(year.filter((r) => r.institution === nameB).length);
  });

  it('targets: achievement of every target from the SEO purchases it counts; private institutions’ targets only for their officers and staff', async () => {
    const seoOf = (f: (r: GeneratedRow) => boolean) => year.filter((r) => r.seo && f(r)).reduce((a, r) => a + r.amount, 0);
    const rows = (await staff.get(`${A}/targets?year=${YEAR}`)).json().rows;
    expect(rows).toHaveLength(5);
    const find = (i: string | null, item: string | null) => rows.find((r: { institution: { id: string } | null; itemCode: string | null }) => (r.institution?.id ?? null) === i && r.itemCode === item);
    expect(find(null, null).seoAmount).toBe(seoOf(() => true));
    expect(find(null, 'copy_paper').seoAmount).toBe(seoOf((r) => itemOf(r.item) === 'copy_paper'));
    expect(find(privateA, null).seoAmount).toBe(seoOf((r) => r.institution === nameA));
    expect(find(privateA, 'copy_paper').seoAmount).toBe(seoOf((r) => r.institution === nameA && itemOf(r.item) === 'copy_paper'));
    expect(find(privateA, null).achievement).toBeCloseTo((seoOf((r) => r.institution === nameA) / 30_000_000) * 100, 9);
    expect(find(privateB, null).seoAmount).toBe(seoOf((r) => r.institution === nameB));
    expect((await anonymous.get(`${A}/targets?year=${YEAR}`)).json().rows).toHaveLength(2);
    expect((await officerA.get(`${A}/targets?year=${YEAR}`)).json().rows).toHaveLength(4);
  });

  it('priority items: computed from the aggregates, no printed figures outside 2013 city-wide', async () => {
    const p = (await anonymous.get(`${A}/priority-items?year=${YEAR}`)).json();
    expect(p.rows.map((r: { order: number }) => r.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const expected = sums(year, (r) => itemOf(r.item));
    for (const r of p.rows) expect([r.itemCode, r.seoAmount, r.totalAmount]).toEqual([r.itemCode, expected.get(r.itemCode)?.seoAmount ?? 0, expected.get(r.itemCode)?.amount ?? 0]);
    expect(p.headline.seoAmountAll).toBe(year.filter((r) => r.seo).reduce((a, r) => a + r.amount, 0));
    expect(p.rows[0].printed).toEqual({ seoAmount: 3_106_000_000, share: 49 });
    expect(p.anomalies.map((a: { id: string }) => a.id)).toEqual(['T02', 'T03', 'T04']);
    const other = (await anonymous.get(`${A}/priority-items?year=2014`)).json();
    expect(other.rows[0].printed).toBeNull();
    expect(other.anomalies).toEqual([]);
  });

  it('OCDS export: a valid release package whose award values add up to the records; private institutions left out for anonymous callers', async () => {
    const res = await staff.get(`${A}/export.ocds.json?year=${YEAR}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const pkg = ocdsPackage.parse(res.json());
    const total = year.reduce((a, r) => a + r.amount, 0);
    expect(pkg.releases.reduce((a, r) => a + r.awards[0]!.value.amount, 0)).toBe(total);
    expect(pkg.releases.reduce((a, r) => a + r.contracts[0]!.items.reduce((b, i) => b + i.unit.value.amount, 0), 0)).toBe(total);
    expect(pkg.releases.reduce((a, r) => a + r.awards[0]!.items.length, 0)).toBe(year.length);
    expect(new Set(pkg.releases.map((r) => r.ocid)).size).toBe(pkg.releases.length);
    // Records sharing a contract number are one release; a supplier with a known number carries it.
    const withNo = await sql<{ n: number }>`SELECT count(DISTINCT (institution_id, contract_no))::int AS n FROM procurement_records WHERE year = 2013 AND contract_no IS NOT NULL`.execute(t.database.db);
    const without = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procurement_records WHERE year = 2013 AND contract_no IS NULL`.execute(t.database.db);
    expect(pkg.releases).toHaveLength(withNo.rows[0]!.n + without.rows[0]!.n);
    expect(pkg.releases.some((r) => r.parties.some((p) => p.identifier?.scheme === 'KR-BRN' && p.roles[0] === 'supplier'))).toBe(true);
    expect(pkg.releases.every((r) => r.parties[0]!.roles[0] === 'buyer' && r.buyer.id === r.parties[0]!.id)).toBe(true);

    const anon = ocdsPackage.parse((await anonymous.get(`${A}/export.ocds.json?year=${YEAR}`)).json());
    const hidden = year.filter((r) => r.institution === nameA || r.institution === nameB).reduce((a, r) => a + r.amount, 0);
    expect(anon.releases.reduce((a, r) => a + r.awards[0]!.value.amount, 0)).toBe(total - hidden);
    const one = ocdsPackage.parse((await officerA.get(`${A}/export.ocds.json?year=${YEAR}&institutionId=${privateA}`)).json());
    expect(one.releases.every((r) => r.buyer.id.endsWith(privateA))).toBe(true);
  });

  it('tables download as CSV and XLSX', async () => {
    const csv = await anonymous.get(`${A}/by-item?year=${YEAR}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('procurement-by-item-2013.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^품목 \(item\)/);
    expect(lines).toHaveLength((await anonymous.get(`${A}/by-item?year=${YEAR}`)).json().rows.length + 1);
    const pri = await anonymous.get(`${A}/priority-items?year=${YEAR}&format=csv`);
    expect(pri.body).toContain('복사용지');
    expect(pri.body).toContain('3106000000');
    expect(pri.body).toContain('T03,"실내건축의 비율 0.1%');
    const xlsx = await anonymous.get(`${A}/by-institution?year=${YEAR}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the benchmark’s queries run through the service, as raw SQL and as a whole-table scan, and the raw ones answer what the routes show', async () => {
    const db = t.database.db;
    const list = dashboardQueries(db, { year: YEAR, institutionId: inst.get('서울특별시 본청')! });
    expect(list.map((q) => q.kind).filter((k) => k === 'drill-down')).toHaveLength(2);
    expect(list).toHaveLength(11);
    for (const q of list) {
      await expect(q.run(), q.name).resolves.toBeDefined();
      await run(db, q.raw);
      await run(db, q.scan);
    }
    const months = await run<{ month: number; amount: number }>(db, list.find((q) => q.name === 'by-month')!.raw);
    const scanned = await run<{ month: number; amount: number }>(db, list.find((q) => q.name === 'by-month')!.scan);
    expect(months.map((m) => [m.month, m.amount])).toEqual(scanned.map((m) => [m.month, m.amount]));
  });

  it('a year without records answers zeros and empty shares, not errors', async () => {
    const s = (await anonymous.get(`${A}/summary?year=2010`)).json();
    expect(s.total).toEqual({ amount: 0, records: 0 });
    expect(s.seo.share).toBeNull();
    expect(s.target).toBeNull();
    expect(s.byMonth).toHaveLength(12);
    expect(s.concentration.all).toEqual({ suppliers: 0, amount: 0, top10Amount: 0, top10Share: null, hhi: null });
    expect((await anonymous.get(`${A}/by-category?year=2010`)).json().rows.every((r: { amount: number; share: null }) => r.amount === 0 && r.share === null)).toBe(true);
    expect((await anonymous.get(`${A}/by-institution?year=2010`)).json().rows).toEqual([]);
    expect(ocdsPackage.parse((await anonymous.get(`${A}/export.ocds.json?year=2010`)).json()).releases).toEqual([]);
  });

  it('is described in the OpenAPI document: the year is a required query parameter, answers are the named schemas', async () => {
    const res = await anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of ['summary', 'by-institution', 'by-category', 'by-item', 'by-method', 'priority-items', 'records', 'institutions/{id}/items', 'targets', 'export.ocds.json']) {
      const op = doc.paths[`${A}/${path}`]?.get;
      expect(op, path).toBeDefined();
      expect(op.parameters.find((p: { name: string }) => p.name === 'year'), path).toMatchObject({ in: 'query', required: true });
    }
    expect(JSON.stringify(doc.paths[`${A}/priority-items`].get.responses['200'])).toContain('ProcurementPriorityItems');
  });

  it('bad input is refused by field: year missing or not a number, bad uuid, unknown institution, month out of range', async () => {
    const cases: [string, string][] = [
      [`${A}/summary`, 'year'],
      [`${A}/by-item?year=abc`, 'year'],
      [`${A}/by-category?year=1800`, 'year'],
      [`${A}/summary?year=2013&institutionId=not-a-uuid`, 'institutionId'],
      [`${A}/by-institution?year=2013&institutionId=00000000-0000-4000-8000-000000000000`, 'institutionId'],
      [`${A}/records?year=2013&month=13`, 'month'],
      [`${A}/records?year=2013&pageSize=500`, 'pageSize'],
      [`${A}/by-method?year=2013&format=pdf`, 'format'],
      [`${A}/export.ocds.json`, 'year'],
    ];
    for (const [url, field] of cases) {
      const p = expectProblem(await anonymous.get(url), 400, 'validation');
      expect(p.errors?.map((e) => e.path.replace(/^query\./, '')), url).toContain(field);
      const e = p.errors!.find((x) => x.path.endsWith(field))!;
      expect(e.messages.ko).toMatch(/[가-힣]/);
    }
  });
});
