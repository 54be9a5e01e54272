import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kpiInput, lineInput, partnerInput, programInput, scheduleInput, transferInput } from './schema.ts';
import { locate, SHEETS, xlsxToYearDocument, yearDocumentToXlsx } from './workbook.ts';

const doc = {
  format: 'sehub.programs.v1',
  year: 2013,
  title: '2013 성과보고서',
  organisationName: '서울특별시 사회적경제지원센터',
  source: '시험 자료',
  areas: [{ code: 'area-1', nameKo: '공유자원 확대', nameEn: 'Shared resources', budgetGroup: 'basic', sort: 1 }],
  reported: [{ key: 'achievement.total', value: 135.2, label: '평균 사업 추진율', source: 'seed:124' }],
  notes: [{ code: 'S01', kind: 'sum_mismatch', scope: 'area-1', text: '분야 소계가 사업 합계보다 11,260,000원 많다', source: 'seed:126' }],
  programs: [
    {
      code: '1-2',
      nameKo: '자원 공유망 구축',
      nameEn: 'Resource sharing',
      areaCode: 'area-1',
      budgetGroup: 'basic',
      tier: 'programme',
      counted: true,
      sort: 2,
      periodStart: '2013-06',
      periodEnd: '2013-12',
      method: 'TF 운영',
      goal: '자원연계 20건',
      description: '설명회와 조사',
      responsibleStaff: ['김담당', '이담당'],
      achievementStated: 100,
      achievementStatedNote: '총괄표 기재',
      budget: 9846940,
      granted: 6962500,
      spent: 6111550,
      returned: 850950,
      notes: ['첫째 줄', '둘째 줄'],
      kpis: [
        { name: '자원공유 설명회', unit: '회', kind: 'quantity', target: 2, targetText: '2회', result: 2, resultText: '2회', rateReported: 100 },
        { name: '플랫폼 구축', kind: 'deliverable', done: true },
      ],
      lines: [
        { key: 'L1', name: '① 조사요원 운영비', category: 'operating', budget: 182050, spent: 182050, returned: 0 },
        { key: 'L2', parentKey: 'L1', name: '식비', budget: 50000, spent: 50000 },
      ],
      transfers: [{ date: '2013-10-01', fromLine: 'L1', toLine: 'L2', amount: 10000, reason: '조사 확대' }],
      schedule: [{ task: '설명회', planned: ['2013-06', '2013-07'], actual: ['2013-07'], milestone: false }],
      partners: [{ name: '커뮤니티매핑센터', role: '앱 개발' }],
      evaluation: { achievements: ['지도 공개'], limits: ['조사 부족'], nextTasks: ['파트너 발굴 필요'] },
    },
  ],
};

async function sheetRows(buf: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('programme year workbook', () => {
  it('writes a sheet per entity and reads the same document back', async () => {
    const buf = await yearDocumentToXlsx(doc);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS).map((s) => s.name));
    const back = await xlsxToYearDocument(buf);
    expect(back.errors).toEqual([]);
    expect(back.doc).toMatchObject({ ...doc, programs: [{ ...doc.programs[0] }] });
    const p = (back.doc.programs as Record<string, unknown>[])[0]!;
    expect(p.kpis).toEqual(doc.programs[0]!.kpis);
    expect(p.evaluation).toEqual(doc.programs[0]!.evaluation);
    expect(p.responsibleStaff).toEqual(['김담당', '이담당']);
  });

  it('finds columns by key or Korean label in any order, and reads "6,111,550" and 예/아니오', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('연도').addRows([['항목', '값'], ['year', 2014], ['title', '2014 성과'], ['organisationName', '센터']]);
    wb.addWorksheet('사업').addRows([
      ['교부액', '사업명', '사업 코드', '예산 구분', '사업 수 포함', '집행액'],
      ['6,962,500', '새 사업', '1-1', 'basic', '예', 6111550],
    ]);
    wb.addWorksheet('성과지표').addRows([['사업 코드 (programCode)', '지표명 (name)', '목표 (target)'], ['1-1', '설명회', '2']]);
    const back = await xlsxToYearDocument(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(back.errors).toEqual([]);
    expect(back.doc).toMatchObject({ year: 2014, title: '2014 성과', programs: [{ code: '1-1', nameKo: '새 사업', granted: 6962500, spent: 6111550, counted: true, kpis: [{ name: '설명회', target: 2 }] }] });
  });

  it('names sheet, row and column of cells it cannot read, in Korean and English', async () => {
    const buf = await yearDocumentToXlsx(doc);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    wb.getWorksheet('성과지표')!.getCell('E3').value = '두 번';
    wb.getWorksheet('예산')!.addRow(['9-9', 'X', null, '없는 사업의 항목', null, 1000]);
    wb.getWorksheet('사업')!.getCell('H2').value = '아마도';
    const back = await xlsxToYearDocument(Buffer.from(await wb.xlsx.writeBuffer()));
    const paths = back.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['성과지표[3].target', '예산[4].programCode', '사업[2].counted']));
    const target = back.errors.find((e) => e.path === '성과지표[3].target')!;
    expect(target.messages.ko).toContain('숫자가 아닙니다');
    expect(target.messages.en).toContain('not a number');
  });

  it('has a column for every field a programme and its parts carry (a new field must reach the workbook)', () => {
    const keys = (cols: readonly { key: string }[]) => cols.map((col) => col.key);
    const nested = ['kpis', 'lines', 'transfers', 'schedule', 'partners', 'evaluation', 'version'];
    expect(keys(SHEETS.programs.columns).sort()).toEqual(Object.keys(programInput.shape).filter((k) => !nested.includes(k)).sort());
    expect(keys(SHEETS.kpis.columns).sort()).toEqual(['programCode', ...Object.keys(kpiInput.shape)].sort());
    expect(keys(SHEETS.lines.columns).sort()).toEqual(['programCode', ...Object.keys(lineInput.shape)].sort());
    expect(keys(SHEETS.transfers.columns).sort()).toEqual(['programCode', ...Object.keys(transferInput.shape)].sort());
    expect(keys(SHEETS.schedule.columns).sort()).toEqual(['programCode', ...Object.keys(scheduleInput.shape)].sort());
    expect(keys(SHEETS.partners.columns).sort()).toEqual(['programCode', ...Object.keys(partnerInput.shape)].sort());
  });

  it('refuses a file that is not a workbook, and one without its sheets', async () => {
    const broken = await xlsxToYearDocument(Buffer.from('not a zip'));
    expect(broken.errors[0]!.path).toBe('file');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a']);
    const empty = await xlsxToYearDocument(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(empty.errors.map((e) => e.path)).toEqual(['연도', '사업']);
  });

  it('maps schema paths back to the sheet rows they came from', async () => {
    const back = await xlsxToYearDocument(await yearDocumentToXlsx(doc));
    expect(locate('programs[0].kpis[1].target', back.origins)).toBe('성과지표[3].target');
    expect(locate('programs[0].nameKo', back.origins)).toBe('사업[2].nameKo');
    expect(locate('programs[0].evaluation.limits[0]', back.origins)).toBe('평가[3]');
    expect(locate('areas[0].budgetGroup', back.origins)).toBe('분야[2].budgetGroup');
    expect(locate('title', back.origins)).toBe('연도[4]');
    expect(locate('somewhere.else', back.origins)).toBe('somewhere.else');
    expect(await sheetRows(await yearDocumentToXlsx(doc), '평가')).toHaveLength(4);
  });
});
