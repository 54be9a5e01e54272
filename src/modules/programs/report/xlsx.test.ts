import { describe, expect, it } from 'vitest';
import { fixturePrograms, fixtureReport } from './fixture.ts';
import { renderReport } from './index.ts';
import { openXlsx, xlsxCells } from './testing.ts';

type Cells = ReturnType<typeof xlsxCells>;

/** A cell's cached value as a spreadsheet program shows it before recalculating: a number, "" or null (empty). */
function cached(cells: Cells, ref: string): number | string | null {
  const c = cells.get(ref);
  if (!c || c.value === null) return null;
  if (c.type === 'str' || c.type === 's' || c.type === 'inlineStr') return c.value;
  return Number(c.value);
}

function formula(cells: Cells, ref: string): string {
  const f = cells.get(ref)?.formula;
  if (!f) throw new Error(`${ref} holds no formula`);
  return f;
}

function expectRate(actual: number | string | null, expected: number | null, label: string) {
  if (expected === null) expect(actual, label).toBe('');
  else expect(actual as number, label).toBeCloseTo(expected, 9);
}

describe('annual report as XLSX', () => {
  it('opens with a sheet per table, frozen header rows and Korean sheet names', async () => {
    const wb = await openXlsx(await renderReport(fixtureReport, 'xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['개요', '집계', 'KPI', '예산', '전용', '일정', '평가', '참고']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    expect(wb.getWorksheet('개요')!.rowCount).toBe(1 + fixtureReport.overview.length);
    expect(wb.getWorksheet('예산')!.rowCount).toBe(1 + fixturePrograms.reduce((a, p) => a + p.lines.length, 0));
    expect(wb.getWorksheet('전용')!.rowCount).toBe(1 + 2);
    expect(wb.getWorksheet('참고')!.getCell('D2').value).toContain('248,950,900');
    expect(wb.getWorksheet('일정')!.getRow(1).values).toContain('14.2');
    expect(wb.getWorksheet('KPI')!.getCell('I2').numFmt).toBe('0.0');
    expect(wb.getWorksheet('개요')!.getCell('H2').numFmt).toBe('#,##0');
  });

  it('computes every KPI rate with a formula over its target and result, cached as the model rate', async () => {
    const cells = xlsxCells(await renderReport(fixtureReport, 'xlsx'), 'KPI');
    const kpis = fixturePrograms.flatMap((p) => p.kpis.map((k) => ({ p, k })));
    kpis.forEach(({ p, k }, i) => {
      const r = i + 2;
      const label = `${p.code} ${k.name}`;
      if (k.kind === 'quantity') {
        expect(formula(cells, `I${r}`)).toBe(`IF(AND(ISNUMBER(D${r}),D${r}>0,ISNUMBER(E${r})),E${r}/D${r}*100,"")`);
        // the formula applied to the sheet's own target and result gives the cached value
        const t = cached(cells, `D${r}`);
        const res = cached(cells, `E${r}`);
        const byFormula = typeof t === 'number' && t > 0 && typeof res === 'number' ? (res / t) * 100 : null;
        expectRate(byFormula === null ? '' : byFormula, k.rate.value, label);
      } else {
        expect(formula(cells, `I${r}`)).toBe(`IF(H${r}="완료",100,IF(H${r}="미완료",0,""))`);
        expect(cached(cells, `H${r}`)).not.toBeNull();
      }
      expectRate(cached(cells, `I${r}`), k.rate.value, label);
    });
    // target 0 and a missing result leave the rate empty, not 0
    const zero = kpis.findIndex(({ k }) => k.target === 0);
    expect(cached(cells, `I${zero + 2}`)).toBe('');
    const notDone = kpis.findIndex(({ k }) => k.done === false);
    expect(cached(cells, `I${notDone + 2}`)).toBe(0);
  });

  it('derives the overview rates from the KPI and money cells, and marks a stated rate with a comment', async () => {
    const xlsx = await renderReport(fixtureReport, 'xlsx');
    const cells = xlsxCells(xlsx, '개요');
    const kpi = xlsxCells(xlsx, 'KPI');
    const ws = (await openXlsx(xlsx)).getWorksheet('개요')!;
    fixtureReport.overview.forEach((o, i) => {
      const r = i + 2;
      expect(cached(cells, `B${r}`)).not.toBeNull();
      expect(formula(cells, `L${r}`)).toContain(`I${r}/H${r}*100`);
      expectRate(cached(cells, `L${r}`), o.execution.value, `${o.code} 집행율`);
      if (o.achievement.rule === 'kpi_mean') {
        const [, from, to] = /^IFERROR\(AVERAGE\('KPI'!I(\d+):I(\d+)\),""\)$/.exec(formula(cells, `M${r}`))!;
        const rates: number[] = [];
        for (let k = Number(from); k <= Number(to); k++) {
          const v = cached(kpi, `I${k}`);
          if (typeof v === 'number') rates.push(v);
        }
        // AVERAGE over the programme's KPI rate cells (empty ones left out) is the programme's rate
        expect(rates.reduce((a, b) => a + b, 0) / rates.length).toBeCloseTo(o.achievement.value!, 9);
        expectRate(cached(cells, `M${r}`), o.achievement.value, `${o.code} 추진율`);
      } else {
        expect(o.achievement.rule).toBe('stated');
        expect(cells.get(`M${r}`)!.formula).toBeNull();
        expect(cached(cells, `M${r}`)).toBe(144);
        expect(String(ws.getCell(`M${r}`).note)).toContain('사업이 정한 값: 요약표의 추진율 144%를 사업 추진율로 정함');
      }
    });
  });

  it('computes the year means over the overview rows they count, and the money sums', async () => {
    const xlsx = await renderReport(fixtureReport, 'xlsx');
    const cells = xlsxCells(xlsx, '집계');
    const ws = (await openXlsx(xlsx)).getWorksheet('집계')!;
    const groups = [fixtureReport.rollups.total, ...fixtureReport.rollups.byGroup, ...fixtureReport.rollups.byArea];
    const means = groups.flatMap((g) => [...g.achievement, ...g.execution]);
    means.forEach((m, i) => {
      const ref = `E${i + 2}`;
      if (m.value === null) {
        // nothing to average (no granted amount in the group): empty, and the comment says which mean
        expect(cached(cells, ref)).toBeNull();
        expect(ws.getCell(ref).note).toBeTruthy();
      } else {
        expect(cells.get(ref)!.formula, `${m.method} ${m.programCodes}`).toBeTruthy();
        expectRate(cached(cells, ref), m.value, `${m.method} ${m.programCodes}`);
      }
      expect(cached(cells, `F${i + 2}`)).toBe(m.reported);
    });
    const total = fixtureReport.rollups.total;
    expect(total.execution[0]!.method).toBe('spent_over_granted');
    expect(formula(cells, `E${2 + total.achievement.length}`)).toBe("('개요'!I2+'개요'!I3+'개요'!I5)/('개요'!H2+'개요'!H3+'개요'!H5)*100");
    expect(formula(cells, 'E2')).toBe(`IFERROR(AVERAGE('개요'!M2,'개요'!M3,'개요'!M4,'개요'!M5),"")`);
    // the mean of the group means averages the groups' simple-mean rows of this sheet
    const groupRows = fixtureReport.rollups.byGroup.map((_, i) => 2 + 5 + i * 4);
    expect(ws.getCell(`C${groupRows[0]}`).value).toBe('단순 평균');
    expect(formula(cells, 'E4')).toBe(`AVERAGE(${groupRows.map((r) => `E${r}`).join(',')})`);
    // money: the total row of the second table sums the overview cells
    const moneyRow = ws.getRows(2, ws.rowCount)!.find((r) => r.getCell(1).value === '총계' && r.getCell(2).value === total.programCount)!;
    expect(formula(cells, `D${moneyRow.number}`)).toBe("SUM('개요'!H2,'개요'!H3,'개요'!H4,'개요'!H5)");
    expect(cached(cells, `D${moneyRow.number}`)).toBe(713_739_170);
    expect(cached(cells, `I${moneyRow.number}`)).toBe(0);
  });

  it('computes budget-line execution and granted − spent with formulas', async () => {
    const cells = xlsxCells(await renderReport(fixtureReport, 'xlsx'), '예산');
    fixturePrograms
      .flatMap((p) => p.lines)
      .forEach((l, i) => {
        const r = i + 2;
        expect(formula(cells, `K${r}`)).toContain(`H${r}/G${r}*100`);
        expectRate(cached(cells, `K${r}`), l.execution.value, l.name);
        expect(formula(cells, `L${r}`)).toBe(`IF(AND(ISNUMBER(G${r}),ISNUMBER(H${r})),G${r}-H${r},"")`);
        expect(cached(cells, `L${r}`)).toBe(l.granted! - l.spent!);
      });
  });
});
