import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { seedDemoPrograms } from '../../demo/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The 1-based column whose header ends with "(key)", as the export writes it. */
const col = (ws: ExcelJS.Worksheet, key: string) => (ws.getRow(1).values as string[]).findIndex((h) => typeof h === 'string' && h.endsWith(`(${key})`));

/** The 1-based row of the first data row whose columns match. */
function findRow(ws: ExcelJS.Worksheet, match: Record<number, string>): number {
  for (let r = 2; r <= ws.rowCount; r++) {
    if (Object.entries(match).every(([c, v]) => String(ws.getRow(r).getCell(Number(c)).value ?? '') === v)) return r;
  }
  throw new Error(`no row ${JSON.stringify(match)} on ${ws.name}`);
}

describeEngines('programme year as a workbook', (engine) => {
  let t: TestApp;
  let staff: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    await seedDemoPrograms(t.database.db);
  });
  afterAll(() => t.close());

  const exportXlsx = async () => {
    const res = await staff.get('/api/v1/program-years/2013/export?format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toContain('sehub-programs-2013.xlsx');
    return load(res.rawPayload);
  };
  const importXlsx = async (wb: ExcelJS.Workbook, dryRun = false) =>
    staff.request('POST', `/api/v1/program-years/2013/import?dryRun=${dryRun}`, Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX });
  const programme = async (code: string) => {
    const year = (await staff.get('/api/v1/program-years/2013')).json();
    const id = year.programs.find((p: { code: string }) => p.code === code)?.id;
    return id ? (await staff.get(`/api/v1/programs/${id}`)).json() : undefined;
  };

  it('exports the year and imports the workbook back unchanged', async () => {
    const before = (await staff.get('/api/v1/program-years/2013/export')).json();
    const res = await importXlsx(await exportXlsx());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, programs: before.programs.length, errors: [] });
    expect((await staff.get('/api/v1/program-years/2013/export')).json()).toEqual(before);
  });

  it('imports a modified year: changed results and amounts, a new programme, a removed KPI', async () => {
    const wb = await exportXlsx();
    const kpis = wb.getWorksheet('성과지표')!;
    const kpiHeader = (kpis.getRow(1).values as string[]).slice(1);
    expect(kpiHeader.length).toBeGreaterThan(5);
    // 1-2 자원공유 설명회: 2 of 2 → 3 of 2
    const briefing = findRow(kpis, { [col(kpis, 'programCode')]: '1-2', [col(kpis, 'name')]: '자원공유 설명회' });
    kpis.getRow(briefing).getCell(col(kpis, 'result')).value = 3;
    // 1-2's spent: 6,111,550 → everything granted
    const sheet = wb.getWorksheet('사업')!;
    const r12 = findRow(sheet, { [col(sheet, 'code')]: '1-2' });
    sheet.getRow(r12).getCell(col(sheet, 'spent')).value = 6_962_500;
    // remove 1-2's last KPI (플랫폼 구축)
    const platform = findRow(kpis, { [col(kpis, 'programCode')]: '1-2', [col(kpis, 'name')]: '플랫폼 구축' });
    kpis.spliceRows(platform, 1);
    // a new programme in area-5
    const added = sheet.addRow([]);
    for (const [key, value] of Object.entries({ code: '5-9', nameKo: '새 위탁 사업', areaCode: 'area-5', budgetGroup: 'additional', tier: 'programme', counted: '예', granted: 10_000_000, spent: 4_000_000 })) {
      added.getCell(col(sheet, key)).value = value;
    }
    kpis.addRow([]).getCell(col(kpis, 'programCode')).value = '5-9';
    const newKpi = kpis.getRow(kpis.rowCount);
    newKpi.getCell(col(kpis, 'name')).value = '교육 횟수';
    newKpi.getCell(col(kpis, 'kind')).value = 'quantity';
    newKpi.getCell(col(kpis, 'target')).value = 4;
    newKpi.getCell(col(kpis, 'result')).value = 5;

    const preview = await importXlsx(wb, true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().errors).toEqual([]);
    expect((await programme('5-9'))).toBeUndefined(); // a dry run saves nothing

    const auditBefore = await t.auditCount();
    const res = await importXlsx(wb);
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.auditCount()).toBe(auditBefore + 1);

    const p12 = await programme('1-2');
    const kpi = p12.kpis.find((k: { name: string }) => k.name === '자원공유 설명회');
    expect(kpi.rate.value).toBe(150);
    expect(p12.kpis.map((k: { name: string }) => k.name)).not.toContain('플랫폼 구축');
    expect(p12.execution.value).toBe(100);
    expect(p12.money.returnedExpected).toBe(0);
    const p59 = await programme('5-9');
    expect(p59.execution.value).toBe(40);
    expect(p59.achievement).toMatchObject({ rule: 'kpi_mean', value: 125 });
    const year = (await staff.get('/api/v1/program-years/2013')).json();
    expect(year.overview.map((r: { code: string }) => r.code)).toContain('5-9');
  });

  it('refuses a workbook with bad cells whole, naming sheet, row and column in Korean and English', async () => {
    const before = (await staff.get('/api/v1/program-years/2013/export')).json();
    const wb = await exportXlsx();
    const sheet = wb.getWorksheet('사업')!;
    const r = findRow(sheet, { [col(sheet, 'code')]: '2-1' });
    sheet.getRow(r).getCell(col(sheet, 'granted')).value = '이천만 원';
    sheet.getRow(r).getCell(col(sheet, 'areaCode')).value = 'area-9';
    const kpis = wb.getWorksheet('성과지표')!;
    kpis.getRow(2).getCell(col(kpis, 'target')).value = -1;

    const res = expectProblem(await importXlsx(wb), 400, 'validation');
    const paths = res.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([`사업[${r}].granted`, `사업[${r}].areaCode`, '성과지표[2].target']));
    for (const e of res.errors!) {
      expect(e.messages.ko).toMatch(/[가-힣]/);
      expect(e.messages.en).toMatch(/[a-z]/);
    }
    expect((await staff.get('/api/v1/program-years/2013/export')).json()).toEqual(before);

    const preview = await importXlsx(wb, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([`사업[${r}].granted`, '성과지표[2].target']));
  });

  it('lets only staff export or import a workbook', async () => {
    const member = await t.signedIn('member');
    expect((await member.get('/api/v1/program-years/2013/export?format=xlsx')).statusCode).toBe(403);
    const wb = await exportXlsx();
    expect((await member.request('POST', '/api/v1/program-years/2013/import', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX })).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/program-years/2013/export?format=xlsx')).statusCode).toBe(401);
  });
});
