import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../../../test/helpers.ts';
import { seedDemoPrograms } from '../../../demo/programs.ts';
import { systemContext } from '../../../kernel/context.ts';
import { createProgramsService } from '../service.ts';
import type { AnnualReport } from '../model.ts';
import { xmlText } from './hwpx.ts';
import { renderReport } from './index.ts';
import { openXlsx, pdfPages, unzipText, xlsxCells, zipEntries } from './testing.ts';

/**
 * The full 2013 demo year, loaded as `serve --demo` loads it, rendered in every format: what a
 * centre would print or send. The figures themselves are checked against the seed in
 * ../demo2013.test.ts; here, that every format carries them.
 */
describeEngines('the 2013 annual report in every format', (engine) => {
  let database: TestDatabase;
  let report: AnnualReport;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedDemoPrograms(database.db);
    report = await createProgramsService(database.db).buildAnnualReport(systemContext('test'), 2013);
  });
  afterAll(() => database.close());

  it('renders a PDF of sensible length whose Korean text can be extracted', async () => {
    const pages = await pdfPages(await renderReport(report, 'pdf'));
    expect(pages.length).toBeGreaterThanOrEqual(20);
    expect(pages.length).toBeLessThanOrEqual(200);
    const all = pages.join('\n');
    for (const p of report.programs) expect(all, p.code).toContain(`${p.code} ${p.name}`);
    for (const word of ['목차', '사업 개요표', '연간 집계', '원자료 참고사항', '추진율', '집행율', '336,075,370', '144.0%']) expect(all).toContain(word);
    expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length}`);
  });

  it('renders an XLSX whose rate cells are formulas with the model rates cached', async () => {
    const xlsx = await renderReport(report, 'xlsx');
    const wb = await openXlsx(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['개요', '집계', 'KPI', '예산', '전용', '일정', '평가', '참고']);
    const kpi = xlsxCells(xlsx, 'KPI');
    const kpis = report.programs.flatMap((p) => p.kpis);
    kpis.forEach((k, i) => {
      const cell = kpi.get(`I${i + 2}`)!;
      if (cell.formula === null) {
        // not derivable on the sheet (e.g. a rate the source states): the value, with its comment
        expect(wb.getWorksheet('KPI')!.getCell(`I${i + 2}`).note, k.name).toBeTruthy();
      } else if (k.rate.value === null) expect(cell.value).toBe('');
      else expect(Number(cell.value)).toBeCloseTo(k.rate.value, 9);
    });
    expect([...kpi.values()].filter((c) => c.formula?.includes('*100')).length).toBeGreaterThan(kpis.length / 2);
    const overview = xlsxCells(xlsx, '개요');
    report.overview.forEach((o, i) => {
      const r = i + 2;
      const exec = overview.get(`L${r}`)!;
      if (o.execution.value !== null && exec.formula) expect(Number(exec.value)).toBeCloseTo(o.execution.value, 9);
      const ach = overview.get(`M${r}`)!;
      if (o.achievement.rule === 'kpi_mean') expect(ach.formula, o.code).toMatch(/^IFERROR\(AVERAGE\('KPI'!I\d+:I\d+\),""\)$/);
      if (o.achievement.value !== null) expect(Number(ach.value), o.code).toBeCloseTo(o.achievement.value, 9);
    });
  });

  it('renders an HWPX whose parts all parse, with a table per programme section', async () => {
    const hwpx = await renderReport(report, 'hwpx');
    expect(zipEntries(hwpx)[0]).toMatchObject({ name: 'mimetype', method: 0 });
    const files = unzipText(hwpx);
    for (const [name, text] of Object.entries(files)) if (/\.(xml|hpf|rdf)$/.test(name)) expect(XMLValidator.validate(text), name).toBe(true);
    const section = files['Contents/section0.xml']!;
    expect((section.match(/<hp:tbl /g) ?? []).length).toBeGreaterThan(report.programs.length * 3);
    for (const p of report.programs) expect(section.includes(xmlText(`${p.code} ${p.name}`)), p.code).toBe(true);
  });

  it('renders a self-contained HTML page with the overview as the seed printed it', async () => {
    const html = (await renderReport(report, 'html')).toString('utf8');
    expect(html).not.toMatch(/https?:\/\/|<script|<link|<img/);
    // 1-1: 교부액 336,075,370, 집행율 93.2 (sehub 93.27), 추진율 144 (stated)
    expect(html).toMatch(/1-1 사회적경제 네트워크 지원사업[\s\S]*?<td class="num">336,075,370<\/td><td class="num">93\.3%<\/td><td class="num">144\.0%<\/td>/);
    for (const n of report.notes.filter((x) => x.code)) expect(html).toContain(`[${n.code}]`);
    // names are escaped, not taken for markup
    expect(html).toContain('2-3 순회박람회 및 상품패키지 개발 &lt;맺음&gt;');
  });
});
