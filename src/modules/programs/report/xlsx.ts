/**
 * The annual report as an XLSX workbook, a sheet per table: 개요, 집계, KPI, 예산, 전용, 일정, 평가,
 * 참고. Every rate is a formula over the cells it comes from — a KPI's rate over its target and
 * result, a programme's 추진율 as the AVERAGE of its KPI rate cells, an execution rate over spent
 * and granted, the year's means over the overview rows they count — with the model's value as the
 * formula's cached result, so the workbook shows the right figure before it is recalculated and
 * keeps being right when someone edits a target. Where the model's rate is not a formula of the
 * sheet (a rate the programme states, a mean the sheet cannot express) the cell holds the value
 * with a comment that says why.
 */
import ExcelJS from 'exceljs';
import type { AnnualReport, DerivedRate, OverviewRow, RollupGroup, RollupMean } from '../model.ts';
import { RULE_LABELS, kpiResult, kpiTarget } from './format.ts';

const RATE_FORMAT = '0.0';
const WON_FORMAT = '#,##0';
const EPSILON = 1e-6;
export const SHEET_ORDER = ['개요', '집계', 'KPI', '예산', '전용', '일정', '평가', '참고'] as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECF1' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F5F8' } };

interface Col {
  header: string;
  width: number;
  format?: string;
}

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[]): ExcelJS.Worksheet {
  // the sheets are created empty up front, in reading order, and filled in the order their formulas need
  const ws = wb.getWorksheet(name) ?? wb.addWorksheet(name);
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  head.height = 30;
  return ws;
}

const quoted = (sheetName: string) => `'${sheetName.replace(/'/g, "''")}'`;
const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < EPSILON);
const num = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** A formula cell with its cached result, or — when the formula would not give the model's value — the value with a comment. */
function rateCell(cell: ExcelJS.Cell, formula: string | null, computed: number | null, model: DerivedRate | { value: number | null; note: string }): void {
  const value = model.value;
  const explanation = 'explanation' in model ? `${RULE_LABELS[model.rule]}: ${model.explanation.ko}` : model.note;
  if (formula !== null && same(computed, value)) {
    cell.value = { formula, result: value ?? '' } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = value;
    cell.note = formula !== null ? `${explanation} (시트의 수식으로 계산되지 않는 값)` : explanation;
  }
  cell.numFmt = RATE_FORMAT;
}

function execFormula(grantedRef: string, spentRef: string, budgetRef: string): string {
  return `IF(AND(ISNUMBER(${grantedRef}),${grantedRef}>0,ISNUMBER(${spentRef})),${spentRef}/${grantedRef}*100,IF(AND(ISNUMBER(${budgetRef}),${budgetRef}>0,ISNUMBER(${spentRef})),${spentRef}/${budgetRef}*100,""))`;
}

function execComputed(m: { budget: number | null; granted: number | null; spent: number | null }): number | null {
  if (m.spent === null) return null;
  if (m.granted !== null && m.granted > 0) return (m.spent / m.granted) * 100;
  if (m.budget !== null && m.budget > 0) return (m.spent / m.budget) * 100;
  return null;
}

function kpiSheet(wb: ExcelJS.Workbook, report: AnnualReport): Map<string, { first: number; last: number; rates: (number | null)[] }> {
  const ws = sheet(wb, 'KPI', [
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 28 },
    { header: '지표', width: 28 },
    { header: '목표', width: 10, format: '#,##0.##' },
    { header: '실적', width: 10, format: '#,##0.##' },
    { header: '단위', width: 8 },
    { header: '유형', width: 9 },
    { header: '완료 여부', width: 9 },
    { header: '추진율 (%)', width: 10, format: RATE_FORMAT },
    { header: '목표 (표기)', width: 24 },
    { header: '실적 (표기)', width: 28 },
    { header: '산출 근거', width: 36 },
    { header: '보고서 추진율 (%)', width: 11, format: RATE_FORMAT },
    { header: '차이 (%p)', width: 9, format: RATE_FORMAT },
    { header: '비고', width: 30 },
  ]);
  const ranges = new Map<string, { first: number; last: number; rates: (number | null)[] }>();
  for (const p of report.programs) {
    const first = ws.rowCount + 1;
    const rates: (number | null)[] = [];
    for (const k of p.kpis) {
      const row = ws.addRow([
        p.code,
        p.name,
        k.name,
        k.kind === 'quantity' ? num(k.target) : num(k.target),
        k.kind === 'quantity' ? num(k.result) : num(k.result),
        k.unit ?? '',
        k.kind === 'deliverable' ? '산출물' : '수량',
        k.kind === 'deliverable' ? (k.done === true ? '완료' : k.done === false ? '미완료' : '') : '',
        null,
        kpiTarget(k),
        kpiResult(k),
        `${RULE_LABELS[k.rate.rule]}: ${k.rate.explanation.ko}`,
        num(k.rate.reported),
        null,
        k.note ?? '',
      ]);
      const r = row.number;
      let formula: string;
      let computed: number | null;
      if (k.kind === 'deliverable') {
        formula = `IF(H${r}="완료",100,IF(H${r}="미완료",0,""))`;
        computed = k.done === true ? 100 : k.done === false ? 0 : null;
      } else {
        formula = `IF(AND(ISNUMBER(D${r}),D${r}>0,ISNUMBER(E${r})),E${r}/D${r}*100,"")`;
        computed = k.target !== null && k.target > 0 && k.result !== null ? (k.result / k.target) * 100 : null;
      }
      rateCell(row.getCell(9), formula, computed, k.rate);
      const diff = k.rate.value !== null && k.rate.reported !== null ? k.rate.value - k.rate.reported : null;
      row.getCell(14).value = { formula: `IF(AND(ISNUMBER(I${r}),ISNUMBER(M${r})),I${r}-M${r},"")`, result: diff ?? '' } as ExcelJS.CellFormulaValue;
      rates.push(k.rate.value);
    }
    if (p.kpis.length) ranges.set(p.code, { first, last: ws.rowCount, rates });
  }
  return ranges;
}

interface OverviewRefs {
  rowOf: Map<string, number>;
  rows: OverviewRow[];
}

function overviewSheet(wb: ExcelJS.Workbook, report: AnnualReport, kpiRanges: ReturnType<typeof kpiSheet>): OverviewRefs {
  const ws = sheet(wb, '개요', [
    { header: '분야', width: 24 },
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 30 },
    { header: '예산 구분', width: 12 },
    { header: '사업목표', width: 34 },
    { header: '추진성과', width: 34 },
    { header: '예산액', width: 15, format: WON_FORMAT },
    { header: '교부액', width: 15, format: WON_FORMAT },
    { header: '집행액', width: 15, format: WON_FORMAT },
    { header: '반납액', width: 14, format: WON_FORMAT },
    { header: '이자', width: 11, format: WON_FORMAT },
    { header: '집행율 (%)', width: 10, format: RATE_FORMAT },
    { header: '추진율 (%)', width: 10, format: RATE_FORMAT },
    { header: '추진율 산출', width: 40 },
    { header: '보고서 추진율 (%)', width: 11, format: RATE_FORMAT },
    { header: '보고서 집행율 (%)', width: 11, format: RATE_FORMAT },
    { header: '집계 포함', width: 9 },
    { header: '세부 사업', width: 14 },
  ]);
  const programOf = new Map(report.programs.map((p) => [p.code, p] as const));
  const groupLabel = (key: string) => report.rollups.byGroup.find((g) => g.key === `group:${key}`)?.label.ko ?? programOf.get(report.overview.find((r) => r.budgetGroup === key)?.code ?? '')?.budgetGroup.label.ko ?? key;
  const areaName = (code: string | null) => (code ? (report.areas.find((a) => a.code === code || a.name === code)?.name ?? code) : '');
  const rowOf = new Map<string, number>();
  for (const o of report.overview) {
    const p = programOf.get(o.code);
    const row = ws.addRow([
      areaName(o.area),
      o.code,
      o.name,
      groupLabel(o.budgetGroup),
      o.targets || o.goal,
      o.results,
      num(o.money.budget),
      num(o.money.granted),
      num(o.money.spent),
      num(o.money.returned),
      num(o.money.interest),
      null,
      null,
      `${RULE_LABELS[o.achievement.rule]}: ${o.achievement.explanation.ko}`,
      num(o.achievement.reported),
      num(o.execution.reported),
      o.counted ? '예' : '아니오',
      o.children.join(', '),
    ]);
    const r = row.number;
    rowOf.set(o.code, r);
    rateCell(row.getCell(12), execFormula(`H${r}`, `I${r}`, `G${r}`), execComputed(o.money), o.execution);
    const range = kpiRanges.get(o.code);
    if (o.achievement.rule === 'kpi_mean' && range && p) {
      const rates = range.rates.filter((x): x is number => x !== null);
      const mean = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
      rateCell(row.getCell(13), `IFERROR(AVERAGE(${quoted('KPI')}!I${range.first}:I${range.last}),"")`, mean, o.achievement);
    } else {
      rateCell(row.getCell(13), null, null, o.achievement);
    }
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return { rowOf, rows: report.overview };
}

/** The formula of a rollup mean over the overview rows it names, with what it computes; null when the sheet cannot express it. */
function meanFormula(m: RollupMean, pick: 'achievement' | 'execution', refs: OverviewRefs): { formula: string; computed: number | null } | null {
  const rows = m.programCodes.map((c) => ({ code: c, r: refs.rowOf.get(c), o: refs.rows.find((x) => x.code === c) }));
  if (!rows.length || rows.some((x) => x.r === undefined || !x.o)) return null;
  const S = quoted('개요');
  const rateCol = pick === 'achievement' ? 'M' : 'L';
  const value = (o: OverviewRow) => o[pick].value;
  if (m.method === 'simple') {
    const vals = rows.map((x) => value(x.o!)).filter((v): v is number => v !== null);
    return { formula: `IFERROR(AVERAGE(${rows.map((x) => `${S}!${rateCol}${x.r}`).join(',')}),"")`, computed: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null };
  }
  if (m.method === 'budget_weighted') {
    const w = rows.filter((x) => value(x.o!) !== null && x.o!.money.granted !== null);
    const sw = w.reduce((a, x) => a + x.o!.money.granted!, 0);
    if (!w.length || sw === 0) return null;
    return {
      formula: `(${w.map((x) => `${S}!H${x.r}*${S}!${rateCol}${x.r}`).join('+')})/(${w.map((x) => `${S}!H${x.r}`).join('+')})`,
      computed: w.reduce((a, x) => a + x.o!.money.granted! * value(x.o!)!, 0) / sw,
    };
  }
  if (m.method === 'spent_over_granted') {
    const w = rows.filter((x) => x.o!.money.granted !== null && x.o!.money.spent !== null);
    const g = w.reduce((a, x) => a + x.o!.money.granted!, 0);
    if (!w.length || g === 0) return null;
    return { formula: `(${w.map((x) => `${S}!I${x.r}`).join('+')})/(${w.map((x) => `${S}!H${x.r}`).join('+')})*100`, computed: (w.reduce((a, x) => a + x.o!.money.spent!, 0) / g) * 100 };
  }
  return null;
}

/**
 * The total's mean of the budget groups' means, as AVERAGE over those groups' rows of this sheet:
 * the inner method is the one whose group values average to the model's value (the model names
 * it only in words).
 */
function meanOfGroupMeans(
  m: RollupMean,
  pick: 'achievement' | 'execution',
  placed: { row: ExcelJS.Row; g: RollupGroup; pick: 'achievement' | 'execution'; m: RollupMean }[],
  byGroup: RollupGroup[],
): { formula: string; computed: number | null } | null {
  for (const method of ['simple', 'budget_weighted', 'spent_over_granted'] as const) {
    const inner = placed.filter((x) => x.pick === pick && x.m.method === method && byGroup.includes(x.g) && x.m.value !== null);
    if (!inner.length) continue;
    const computed = inner.reduce((a, x) => a + x.m.value!, 0) / inner.length;
    if (same(computed, m.value)) return { formula: `AVERAGE(${inner.map((x) => `E${x.row.number}`).join(',')})`, computed };
  }
  return null;
}

function rollupSheet(wb: ExcelJS.Workbook, report: AnnualReport, refs: OverviewRefs): void {
  const ws = sheet(wb, '집계', [
    { header: '구분', width: 34 },
    { header: '지표', width: 10 },
    { header: '방식', width: 22 },
    { header: '산식', width: 40 },
    { header: '값 (%)', width: 10, format: RATE_FORMAT },
    { header: '보고서 (%)', width: 10, format: RATE_FORMAT },
    { header: '차이 (%p)', width: 10, format: RATE_FORMAT },
    { header: '재현', width: 8 },
    { header: '포함 사업', width: 40 },
  ]);
  const groups = [report.rollups.total, ...report.rollups.byGroup, ...report.rollups.byArea];
  const label = (g: RollupGroup) => (g.key === 'total' ? g.label.ko : g.key.startsWith('group:') ? `${g.label.ko} (예산 구분)` : `${g.label.ko} (분야)`);
  // rows first, formulas second: a mean of the group means refers to the groups' rows below it
  const placed: { row: ExcelJS.Row; g: RollupGroup; pick: 'achievement' | 'execution'; m: RollupMean }[] = [];
  for (const g of groups) {
    for (const [indicator, pick, means] of [['추진율', 'achievement', g.achievement], ['집행율', 'execution', g.execution]] as const) {
      for (const m of means) {
        const row = ws.addRow([label(g), indicator, m.label.ko, m.formula.ko, null, num(m.reported), null, m.reproduces === null ? '' : m.reproduces ? '재현' : '불일치', m.programCodes.join(', ')]);
        placed.push({ row, g, pick, m });
        if (g.key === 'total') row.eachCell((c) => (c.fill = TOTAL_FILL));
      }
    }
  }
  for (const { row, g, pick, m } of placed) {
    const f = m.method === 'mean_of_group_means' && g.key === 'total' ? meanOfGroupMeans(m, pick, placed, report.rollups.byGroup) : meanFormula(m, pick, refs);
    rateCell(row.getCell(5), f?.formula ?? null, f?.computed ?? null, { value: m.value, note: `${m.label.ko}: ${m.formula.ko}` });
    const r = row.number;
    row.getCell(7).value = { formula: `IF(AND(ISNUMBER(E${r}),ISNUMBER(F${r})),E${r}-F${r},"")`, result: m.difference ?? '' } as ExcelJS.CellFormulaValue;
  }

  // the money of each group: sums over its overview rows
  ws.addRow([]);
  const head = ws.addRow(['구분', '사업 수', '예산액', '교부액', '집행액', '반납액', '이자', '보고서 교부액', '차이']);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));
  const S = quoted('개요');
  for (const g of groups) {
    const members = refs.rows.filter((o) => (g.key === 'total' ? true : g.key.startsWith('group:') ? `group:${o.budgetGroup}` === g.key : `area:${o.area}` === g.key || report.areas.some((a) => `area:${a.code}` === g.key && a.name === o.area)));
    const row = ws.addRow([label(g), g.programCount]);
    const cols: [number, 'budget' | 'granted' | 'spent' | 'returned' | 'interest', string][] = [
      [3, 'budget', 'G'],
      [4, 'granted', 'H'],
      [5, 'spent', 'I'],
      [6, 'returned', 'J'],
      [7, 'interest', 'K'],
    ];
    for (const [col, key, letter] of cols) {
      const cell = row.getCell(col);
      const sum = members.reduce((a, o) => a + (o.money[key] ?? 0), 0);
      if (members.length && sum === g.money[key]) cell.value = { formula: `SUM(${members.map((o) => `${S}!${letter}${refs.rowOf.get(o.code)}`).join(',')})`, result: sum } as ExcelJS.CellFormulaValue;
      else cell.value = g.money[key];
      cell.numFmt = WON_FORMAT;
    }
    const r = row.number;
    row.getCell(8).value = num(g.grantedReported);
    row.getCell(8).numFmt = WON_FORMAT;
    row.getCell(9).value = { formula: `IF(ISNUMBER(H${r}),D${r}-H${r},"")`, result: g.grantedDifference ?? '' } as ExcelJS.CellFormulaValue;
    row.getCell(9).numFmt = WON_FORMAT;
  }
}

function budgetSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = sheet(wb, '예산', [
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 28 },
    { header: '항목', width: 30 },
    { header: '수준', width: 6 },
    { header: '구분', width: 10 },
    { header: '예산액', width: 15, format: WON_FORMAT },
    { header: '교부액', width: 15, format: WON_FORMAT },
    { header: '집행액', width: 15, format: WON_FORMAT },
    { header: '반납액', width: 14, format: WON_FORMAT },
    { header: '이자', width: 11, format: WON_FORMAT },
    { header: '집행율 (%)', width: 10, format: RATE_FORMAT },
    { header: '교부액 − 집행액', width: 15, format: WON_FORMAT },
    { header: '비고', width: 30 },
  ]);
  for (const p of report.programs) {
    for (const l of p.lines) {
      const row = ws.addRow([p.code, p.name, `${'  '.repeat(l.level)}${l.name}`, l.level, l.categoryLabel?.ko ?? l.category ?? '', num(l.budget), num(l.granted), num(l.spent), num(l.returned), num(l.interest), null, null, l.note ?? '']);
      const r = row.number;
      rateCell(row.getCell(11), execFormula(`G${r}`, `H${r}`, `F${r}`), execComputed(l), l.execution);
      row.getCell(12).value = { formula: `IF(AND(ISNUMBER(G${r}),ISNUMBER(H${r})),G${r}-H${r},"")`, result: l.granted !== null && l.spent !== null ? l.granted - l.spent : '' } as ExcelJS.CellFormulaValue;
    }
  }
}

function transferSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = sheet(wb, '전용', [
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 28 },
    { header: '일자', width: 12, format: 'yyyy-mm-dd' },
    { header: '전용 전 항목', width: 26 },
    { header: '전용 후 항목', width: 26 },
    { header: '금액', width: 15, format: WON_FORMAT },
    { header: '사유', width: 40 },
  ]);
  for (const p of report.programs) {
    for (const t of p.transfers) {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(t.date) ? new Date(`${t.date}T00:00:00Z`) : t.date;
      ws.addRow([p.code, p.name, d, t.fromLine ?? '', t.toLine ?? '', t.amount, t.reason]);
    }
  }
}

function scheduleSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = sheet(wb, '일정', [
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 26 },
    { header: '추진 내용', width: 30 },
    { header: '마일스톤', width: 8 },
    ...report.months.map((m) => ({ header: `${m.slice(2, 4)}.${Number(m.slice(5))}`, width: 5 })),
    { header: '계획 월', width: 24 },
    { header: '실적 월', width: 24 },
  ]);
  for (const p of report.programs) {
    for (const t of p.schedule) {
      const known = t.actual.length > 0;
      const marks = report.months.map((m) => (known ? (t.actual.includes(m) ? '●' : t.planned.includes(m) ? '○' : '') : t.planned.includes(m) ? '●' : ''));
      const row = ws.addRow([p.code, p.name, t.task, t.milestone ? '예' : '', ...marks, t.planned.join(', '), t.actual.join(', ')]);
      for (let i = 0; i < report.months.length; i++) row.getCell(5 + i).alignment = { horizontal: 'center' };
    }
  }
}

function evaluationSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = sheet(wb, '평가', [
    { header: '사업 코드', width: 9 },
    { header: '사업명', width: 28 },
    { header: '구분', width: 10 },
    { header: '내용', width: 80 },
  ]);
  for (const p of report.programs) {
    for (const [kind, items] of [['성과', p.evaluation.achievements], ['한계', p.evaluation.limits], ['향후 과제', p.evaluation.nextTasks]] as const) {
      for (const item of items) ws.addRow([p.code, p.name, kind, item]).alignment = { vertical: 'top', wrapText: true };
    }
  }
}

function notesSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = sheet(wb, '참고', [
    { header: '코드', width: 8 },
    { header: '종류', width: 22 },
    { header: '범위', width: 28 },
    { header: '내용', width: 90 },
    { header: '출처', width: 22 },
  ]);
  for (const n of report.notes) ws.addRow([n.code ?? '', n.kind, n.scope, n.text, n.source ?? '']).alignment = { vertical: 'top', wrapText: true };
}

/** A sheet per contributed chapter (statistics …): its tables one under another, each with its caption. */
function chapterSheets(wb: ExcelJS.Workbook, report: AnnualReport): void {
  (report.chapters ?? []).forEach((c, i) => {
    const base = c.title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || `장 ${i + 1}`;
    const name = wb.getWorksheet(base) ? `${base.slice(0, 26)} ${i + 1}` : base;
    const ws = wb.addWorksheet(name);
    ws.getColumn(1).width = 24;
    for (const t of c.tables) {
      ws.addRow([t.caption]).font = { bold: true };
      const head = ws.addRow(t.headers);
      head.font = { bold: true };
      head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } }));
      for (const r of t.rows) ws.addRow(r.map((v) => v ?? ''));
      ws.addRow([]);
    }
    for (const n of c.notes) ws.addRow([n]);
  });
}

export async function renderXlsx(report: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sehub';
  wb.title = report.title;
  wb.subject = `${report.year}년 성과보고서`;
  wb.company = report.organisationName;
  wb.created = new Date(report.generatedAt);
  wb.calcProperties.fullCalcOnLoad = true;
  for (const name of SHEET_ORDER) wb.addWorksheet(name);
  const kpiRanges = kpiSheet(wb, report);
  const refs = overviewSheet(wb, report, kpiRanges);
  rollupSheet(wb, report, refs);
  budgetSheet(wb, report);
  transferSheet(wb, report);
  scheduleSheet(wb, report);
  evaluationSheet(wb, report);
  notesSheet(wb, report);
  chapterSheets(wb, report);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
