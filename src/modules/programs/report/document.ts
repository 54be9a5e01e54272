/**
 * The annual report as a neutral document — numbered sections holding paragraphs, lists and
 * tables — built once from the `AnnualReport` model. The HTML, PDF and HWPX writers each lay out
 * this same document, so the three cannot drift apart in what they say; they differ only in
 * typesetting. (The XLSX writer works from the model itself: its cells are formulas.)
 */
import type { AnnualReport, DerivedRate, OverviewRow, ReportChapter, ReportProgram, RollupGroup, RollupMean } from '../model.ts';
import {
  DASH,
  METHOD_LABELS,
  TIER_LABELS,
  dayLabel,
  kpiResult,
  kpiTarget,
  monthsByYear,
  periodLabel,
  points,
  primaryMean,
  rate,
  rateNote,
  seoulDate,
  won,
  wonDifference,
} from './format.ts';

export type Align = 'left' | 'center' | 'right';

export interface Cell {
  text: string;
  align?: Align;
  colSpan?: number;
  /** header cells only */
  rowSpan?: number;
  /** a body cell that heads its row (th scope="row") */
  rowHeader?: boolean;
  /** indentation steps (sub-lines) */
  indent?: number;
}

export interface Row {
  cells: Cell[];
  kind?: 'body' | 'subtotal' | 'total';
}

export interface Column {
  /** relative width */
  width: number;
  align?: Align;
}

export interface TableBlock {
  kind: 'table';
  id: string;
  caption: string;
  /** e.g. "단위: 원" */
  unit?: string;
  columns: Column[];
  head: Cell[][];
  body: Row[];
  /** small type and tight cells (the schedule grid) */
  dense?: boolean;
  notes?: string[];
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  tone?: 'normal' | 'muted';
}

export interface ListBlock {
  kind: 'list';
  items: string[];
}

/** A small heading inside a section that the table of contents does not list. */
export interface LabelBlock {
  kind: 'label';
  text: string;
}

export type Block = TableBlock | ParagraphBlock | ListBlock | LabelBlock;

export interface Section {
  id: string;
  number: string;
  title: string;
  level: 1 | 2 | 3;
  blocks: Block[];
  /** start on a new page in paged formats */
  newPage?: boolean;
}

export interface ReportDocument {
  year: number;
  title: string;
  organisation: string;
  generated: string;
  /** headline figures for the title page */
  summary: { label: string; value: string }[];
  sections: Section[];
}

const MARK = '●';
const PLANNED_ONLY = '○';
const MILESTONE = '■';

/** The sections the table of contents lists. */
export function tocEntries(doc: ReportDocument): Section[] {
  return doc.sections.filter((s) => s.level <= 2);
}

/** The full title of a section as headings print it: "4.1 1-1 사회적경제 …". */
export function headingText(s: Section): string {
  return s.number ? `${s.number} ${s.title}` : s.title;
}

function money(value: number | null): Cell {
  return { text: won(value), align: 'right' };
}

function pct(value: number | null): Cell {
  return { text: rate(value), align: 'right' };
}

function meanCells(m: RollupMean | null): Cell {
  return pct(m?.value ?? null);
}

function areaName(report: AnnualReport, code: string | null): string {
  if (!code) return '';
  return report.areas.find((a) => a.code === code || a.name === code)?.name ?? code;
}

/** Overview rows grouped for the table: budget group → area → rows, each closed by its subtotal. */
function overviewTable(report: AnnualReport): TableBlock {
  const body: Row[] = [];
  const used = new Set<string>();
  const rowOf = (r: OverviewRow): Row => ({
    cells: [
      { text: areaName(report, r.area) || '' },
      { text: `${r.code} ${r.name}${r.children.length ? ` (세부: ${r.children.join(', ')})` : ''}${r.counted ? '' : ' ※집계 제외'}`, rowHeader: true },
      { text: r.targets || r.goal || DASH },
      { text: r.results || DASH },
      money(r.money.granted),
      pct(r.execution.value),
      pct(r.achievement.value),
    ],
  });
  const subtotal = (label: string, g: RollupGroup | undefined, kind: 'subtotal' | 'total'): Row => ({
    kind,
    cells: [
      { text: label, colSpan: 4, rowHeader: true },
      money(g ? g.money.granted : null),
      meanCells(g ? primaryMean(g.execution) : null),
      meanCells(g ? primaryMean(g.achievement) : null),
    ],
  });
  const groupKeys = [...report.rollups.byGroup.map((g) => g.key.replace(/^group:/, '')), ...report.overview.map((r) => r.budgetGroup)].filter((k, i, all) => all.indexOf(k) === i);
  for (const key of groupKeys) {
    const rows = report.overview.filter((r) => r.budgetGroup === key);
    if (!rows.length) continue;
    const group = report.rollups.byGroup.find((g) => g.key === `group:${key}`);
    for (const area of report.areas.filter((a) => rows.some((r) => r.area === a.code || r.area === a.name))) {
      const inArea = rows.filter((r) => r.area === area.code || r.area === area.name);
      for (const r of inArea) {
        body.push(rowOf(r));
        used.add(r.programId);
      }
      body.push(subtotal(`소계 · ${area.name}`, report.rollups.byArea.find((a) => a.key === `area:${area.code}`), 'subtotal'));
    }
    for (const r of rows.filter((x) => !used.has(x.programId))) {
      body.push(rowOf(r));
      used.add(r.programId);
    }
    body.push(subtotal(`${group?.label.ko ?? key} 합계`, group, 'subtotal'));
  }
  body.push(subtotal('총계', report.rollups.total, 'total'));
  const t = report.rollups.total;
  const ach = primaryMean(t.achievement);
  const exe = primaryMean(t.execution);
  return {
    kind: 'table',
    id: 'table-overview',
    caption: `${report.year}년 사업 개요표`,
    unit: '단위: 원, %',
    columns: [{ width: 12 }, { width: 18 }, { width: 20 }, { width: 20 }, { width: 13, align: 'right' }, { width: 8, align: 'right' }, { width: 8, align: 'right' }],
    head: [[{ text: '분야' }, { text: '사업명' }, { text: '사업목표' }, { text: '추진성과' }, { text: '교부액' }, { text: '집행율' }, { text: '추진율' }]],
    body,
    notes: [
      `소계·합계·총계의 집행율은 ${exe ? METHOD_LABELS[exe.method] : DASH}, 추진율은 ${ach ? METHOD_LABELS[ach.method] : DASH}입니다. 다른 평균과 산식은 「연간 집계」에 있습니다.`,
      '율은 소수 첫째 자리까지 반올림하여 표시합니다.',
    ],
  };
}

function rollupLabel(g: RollupGroup): string {
  if (g.key === 'total') return g.label.ko;
  if (g.key.startsWith('group:')) return `${g.label.ko} (예산 구분)`;
  return `${g.label.ko} (분야)`;
}

function rollupMoneyTable(report: AnnualReport): TableBlock {
  const groups = [report.rollups.total, ...report.rollups.byGroup, ...report.rollups.byArea];
  return {
    kind: 'table',
    id: 'table-rollup-money',
    caption: '예산 집계',
    unit: '단위: 원',
    columns: [{ width: 20 }, { width: 6, align: 'right' }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 11 }, { width: 8 }, { width: 12 }, { width: 10 }],
    head: [[{ text: '구분' }, { text: '사업 수' }, { text: '예산액' }, { text: '교부액' }, { text: '집행액' }, { text: '반납액' }, { text: '이자' }, { text: '보고서 교부액' }, { text: '차이' }]],
    body: groups.map((g) => ({
      kind: g.key === 'total' ? 'total' : 'body',
      cells: [
        { text: rollupLabel(g), rowHeader: true },
        { text: String(g.programCount), align: 'right' },
        money(g.money.budget),
        money(g.money.granted),
        money(g.money.spent),
        money(g.money.returned),
        money(g.money.interest),
        money(g.grantedReported),
        { text: wonDifference(g.grantedDifference), align: 'right' },
      ],
    })),
    notes: ['차이 = sehub가 더한 교부액 − 원 보고서에 인쇄된 교부액. 사업 수는 23개 사업 집계에 포함되는 사업만 셉니다.'],
  };
}

function reproducesText(m: RollupMean): string {
  if (m.reproduces === null) return DASH;
  return m.reproduces ? '재현' : '불일치';
}

function rollupMeansTable(g: RollupGroup, index: number): TableBlock {
  const rows: Row[] = [];
  const add = (indicator: string, m: RollupMean) =>
    rows.push({
      cells: [
        { text: `${indicator} · ${m.label.ko}`, rowHeader: true },
        { text: m.formula.ko },
        pct(m.value),
        pct(m.reported),
        { text: points(m.difference), align: 'right' },
        { text: reproducesText(m), align: 'center' },
      ],
    });
  for (const m of g.achievement) add('추진율', m);
  for (const m of g.execution) add('집행율', m);
  return {
    kind: 'table',
    id: `table-rollup-means-${index}`,
    caption: `${rollupLabel(g)} — 평균 추진율·집행율`,
    columns: [{ width: 24 }, { width: 34 }, { width: 10, align: 'right' }, { width: 10, align: 'right' }, { width: 10, align: 'right' }, { width: 8, align: 'center' }],
    head: [[{ text: '지표 · 방식' }, { text: '산식' }, { text: '값' }, { text: '보고서' }, { text: '차이' }, { text: '재현' }]],
    body: rows,
    notes: [`포함 사업: ${[...new Set([...g.achievement, ...g.execution].flatMap((m) => m.programCodes))].join(', ') || DASH}`],
  };
}

function reproductionList(report: AnnualReport): string[] {
  const out: string[] = [];
  for (const g of [report.rollups.total, ...report.rollups.byGroup, ...report.rollups.byArea]) {
    for (const [indicator, means] of [['추진율', g.achievement], ['집행율', g.execution]] as const) {
      for (const m of means) {
        if (m.reported === null) continue;
        const verdict = m.reproduces ? '재현됨' : '재현되지 않음';
        out.push(`${rollupLabel(g)} ${indicator}(${m.label.ko}): sehub ${rate(m.value)}, 보고서 ${rate(m.reported)} — ${verdict} (차이 ${points(m.difference)})`);
      }
    }
    if (g.grantedReported !== null) {
      out.push(`${rollupLabel(g)} 교부액: sehub ${won(g.money.granted)}원, 보고서 ${won(g.grantedReported)}원 — ${g.grantedDifference === 0 ? '일치' : `차이 ${wonDifference(g.grantedDifference)}원`}`);
    }
  }
  return out;
}

function rateLine(label: string, r: DerivedRate): string {
  const parts = [`${label} ${rate(r.value)}`];
  const note = rateNote(r) || r.explanation.ko;
  if (note) parts.push(note);
  return parts.join(' — ');
}

function programOverviewTable(p: ReportProgram): TableBlock {
  const kv: [string, string][] = [
    ['사업명', `${p.code} ${p.name}${p.nameEn ? ` (${p.nameEn})` : ''}`],
    ['구분', `${TIER_LABELS[p.tier]}${p.parentCode ? ` · 상위 사업 ${p.parentCode}` : ''} · ${p.counted ? '23개 사업 집계 포함' : '집계 제외'}`],
    ['분야 · 예산 구분', `${p.area?.name ?? DASH} · ${p.budgetGroup.label.ko}`],
    ['추진기간', periodLabel(p.period)],
    ['추진방식', p.method || DASH],
    ['사업목표', p.goal || DASH],
    ['사업내용', p.description || DASH],
    ['협력기관', p.partners.length ? p.partners.map((x) => (x.role ? `${x.name} (${x.role})` : x.name)).join('; ') : DASH],
    ['담당', p.responsibleStaff.length ? p.responsibleStaff.join(', ') : DASH],
    ['추진율', rateLine('', p.achievement).trim()],
    ['집행율', rateLine('', p.execution).trim()],
  ];
  if (p.source) kv.push(['출처', p.source]);
  return {
    kind: 'table',
    id: `table-${p.code}-overview`,
    caption: `${p.code} 사업개요`,
    columns: [{ width: 18 }, { width: 82 }],
    head: [[{ text: '항목' }, { text: '내용' }]],
    body: kv.map(([k, v]) => ({ cells: [{ text: k, rowHeader: true }, { text: v }] })),
  };
}

function kpiTable(p: ReportProgram): TableBlock {
  const body: Row[] = p.kpis.map((k) => ({
    cells: [
      { text: k.name, rowHeader: true },
      { text: kpiTarget(k) },
      { text: kpiResult(k) },
      { text: k.unit ?? '' },
      pct(k.rate.value),
      { text: [rateNote(k.rate), k.note].filter(Boolean).join(' · ') },
    ],
  }));
  if (!body.length) body.push({ cells: [{ text: '기록된 지표 없음', colSpan: 6 }] });
  body.push({ kind: 'total', cells: [{ text: '사업 추진율', colSpan: 4, rowHeader: true }, pct(p.achievement.value), { text: rateNote(p.achievement) || p.achievement.explanation.ko }] });
  if (p.achievement.rule === 'stated' && p.kpiMean !== null) {
    body.push({ kind: 'subtotal', cells: [{ text: '참고: 지표 추진율 평균', colSpan: 4, rowHeader: true }, pct(p.kpiMean), { text: '사업이 정한 추진율 대신 지표로 계산한 값' }] });
  }
  return {
    kind: 'table',
    id: `table-${p.code}-kpi`,
    caption: `${p.code} 실적총괄표`,
    columns: [{ width: 22 }, { width: 17 }, { width: 19 }, { width: 8 }, { width: 9, align: 'right' }, { width: 25 }],
    head: [[{ text: '지표' }, { text: '목표' }, { text: '실적' }, { text: '단위' }, { text: '추진율' }, { text: '산출 근거 · 비고' }]],
    body,
  };
}

function budgetTable(p: ReportProgram): TableBlock {
  const body: Row[] = p.lines.map((l) => ({
    cells: [
      { text: l.name, rowHeader: true, indent: l.level },
      { text: l.categoryLabel?.ko ?? l.category ?? '' },
      money(l.budget),
      money(l.granted),
      money(l.spent),
      money(l.returned),
      money(l.interest),
      pct(l.execution.value),
    ],
  }));
  if (!body.length) body.push({ cells: [{ text: '세부 항목 없음', colSpan: 8 }] });
  body.push({
    kind: 'total',
    cells: [{ text: '사업 합계', colSpan: 2, rowHeader: true }, money(p.money.budget), money(p.money.granted), money(p.money.spent), money(p.money.returned), money(p.money.interest), pct(p.execution.value)],
  });
  const notes: string[] = [];
  notes.push(`집행율: ${rateNote(p.execution) || p.execution.explanation.ko}`);
  if (p.money.returned !== null && p.money.returnedExpected !== null && p.money.returned !== p.money.returnedExpected) {
    notes.push(`반납액 ${won(p.money.returned)}원은 교부액 − 집행액 = ${won(p.money.returnedExpected)}원과 ${wonDifference(p.money.returned - p.money.returnedExpected)}원 다릅니다.`);
  } else if (p.money.returned === null && p.money.returnedExpected !== null) {
    notes.push(`반납액 기록 없음 (교부액 − 집행액 = ${won(p.money.returnedExpected)}원).`);
  }
  if (p.lineTotals.differenceBudget) notes.push(`세부 항목 예산 합계 ${won(p.lineTotals.budget)}원은 사업 교부액과 ${wonDifference(p.lineTotals.differenceBudget)}원 다릅니다.`);
  if (p.lineTotals.differenceSpent) notes.push(`세부 항목 집행액 합계 ${won(p.lineTotals.spent)}원은 사업 집행액과 ${wonDifference(p.lineTotals.differenceSpent)}원 다릅니다.`);
  if (p.money.interest) notes.push('이자는 반납액과 따로 표시합니다.');
  return {
    kind: 'table',
    id: `table-${p.code}-budget`,
    caption: `${p.code} 예산집행실적`,
    unit: '단위: 원',
    columns: [{ width: 22 }, { width: 9 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 11 }, { width: 9 }, { width: 9, align: 'right' }],
    head: [[{ text: '항목' }, { text: '구분' }, { text: '예산액' }, { text: '교부액' }, { text: '집행액' }, { text: '반납액' }, { text: '이자' }, { text: '집행율' }]],
    body,
    notes,
  };
}

function transferTable(p: ReportProgram): TableBlock {
  return {
    kind: 'table',
    id: `table-${p.code}-transfers`,
    caption: `${p.code} 예산 전용 내역`,
    unit: '단위: 원',
    columns: [{ width: 13 }, { width: 22 }, { width: 22 }, { width: 13, align: 'right' }, { width: 30 }],
    head: [[{ text: '일자' }, { text: '전용 전 항목' }, { text: '전용 후 항목' }, { text: '금액' }, { text: '사유' }]],
    body: p.transfers.map((t) => ({ cells: [{ text: dayLabel(t.date), rowHeader: true }, { text: t.fromLine ?? DASH }, { text: t.toLine ?? DASH }, money(t.amount), { text: t.reason }] })),
  };
}

function scheduleTable(p: ReportProgram, months: string[]): TableBlock {
  const years = monthsByYear(months);
  const head: Cell[][] = [
    [{ text: '추진 내용', rowSpan: 2 }, ...years.map((y) => ({ text: `${y.year}년`, colSpan: y.months.length, align: 'center' as const }))],
    months.map((m) => ({ text: String(Number(m.slice(5))), align: 'center' as const })),
  ];
  const body: Row[] = p.schedule.map((t) => {
    const actualKnown = t.actual.length > 0;
    return {
      cells: [
        { text: `${t.milestone ? `${MILESTONE} ` : ''}${t.task}${t.note ? ` (${t.note})` : ''}`, rowHeader: true },
        ...months.map((m): Cell => {
          const done = actualKnown ? t.actual.includes(m) : t.planned.includes(m);
          const plannedOnly = actualKnown && !done && t.planned.includes(m);
          return { text: done ? MARK : plannedOnly ? PLANNED_ONLY : '', align: 'center' };
        }),
      ],
    };
  });
  const outside = p.schedule.flatMap((t) => [...t.planned, ...t.actual]).filter((m) => !months.includes(m));
  const notes = [`${MARK} 추진한 달(실적이 없으면 계획), ${PLANNED_ONLY} 계획했으나 추진하지 않은 달, ${MILESTONE} 마일스톤`];
  if (outside.length) notes.push(`표의 기간 밖의 달: ${[...new Set(outside)].sort().join(', ')}`);
  return {
    kind: 'table',
    id: `table-${p.code}-schedule`,
    caption: `${p.code} 사업추진일정`,
    columns: [{ width: 30 }, ...months.map(() => ({ width: 70 / Math.max(months.length, 1), align: 'center' as const }))],
    head,
    body,
    dense: true,
    notes,
  };
}

function programSections(p: ReportProgram, n: number, months: string[]): Section[] {
  const num = `4.${n}`;
  const sub = (i: number, id: string, title: string, blocks: Block[]): Section => ({ id: `program-${p.code}-${id}`, number: `${num}.${i}`, title, level: 3, blocks });
  const evaluation: Block[] = [];
  for (const [label, items] of [
    ['성과', p.evaluation.achievements],
    ['한계', p.evaluation.limits],
    ['향후 과제', p.evaluation.nextTasks],
  ] as const) {
    evaluation.push({ kind: 'label', text: label });
    evaluation.push(items.length ? { kind: 'list', items: [...items] } : { kind: 'paragraph', text: '기록 없음', tone: 'muted' });
  }
  if (p.notes.length) {
    evaluation.push({ kind: 'label', text: '참고' });
    evaluation.push({ kind: 'list', items: [...p.notes] });
  }
  const lead: Block[] = [{ kind: 'paragraph', text: `추진율 ${rate(p.achievement.value)} · 집행율 ${rate(p.execution.value)} · 교부액 ${won(p.money.granted)}원`, tone: 'muted' }];
  return [
    { id: `program-${p.code}`, number: num, title: `${p.code} ${p.name}`, level: 2, blocks: lead, newPage: true },
    sub(1, 'overview', '사업개요', [programOverviewTable(p)]),
    sub(2, 'kpi', '실적총괄표', [kpiTable(p)]),
    sub(3, 'budget', '예산집행실적', [budgetTable(p), ...(p.transfers.length ? [transferTable(p)] : [{ kind: 'paragraph' as const, text: '예산 전용 내역 없음', tone: 'muted' as const }])]),
    sub(4, 'schedule', '사업추진일정', p.schedule.length ? [scheduleTable(p, months)] : [{ kind: 'paragraph', text: '기록된 일정 없음', tone: 'muted' }]),
    sub(5, 'evaluation', '평가 및 향후 과제', evaluation),
  ];
}

/** A chapter another module contributes (plain tables), numbered after the programmes. */
function chapterSection(c: ReportChapter, n: number): Section {
  const cell = (v: string | number | null, first: boolean): Cell =>
    typeof v === 'number' ? { text: v.toLocaleString('en-US', { maximumFractionDigits: 2 }), align: 'right' } : { text: v ?? DASH, ...(first ? { rowHeader: true } : {}) };
  const tables: TableBlock[] = c.tables.map((t, j) => ({
    kind: 'table',
    id: `chapter-${n}-${j + 1}`,
    caption: t.caption,
    columns: t.headers.map((_, k) => ({ width: k === 0 ? 3 : 2, align: k === 0 ? 'left' : 'right' })),
    head: [t.headers.map((h) => ({ text: h, align: 'center' as const }))],
    body: t.rows.map((r) => ({ cells: r.map((v, k) => cell(v, k === 0)) })),
    dense: t.headers.length > 8,
  }));
  const notes: Block[] = c.notes.length ? [{ kind: 'label', text: '참고' }, { kind: 'list', items: [...c.notes] }] : [];
  return { id: `chapter-${n}`, number: String(n), title: c.title, level: 1, newPage: true, blocks: [...tables, ...notes] };
}

export function buildDocument(report: AnnualReport): ReportDocument {
  const t = report.rollups.total;
  const ach = primaryMean(t.achievement);
  const exe = primaryMean(t.execution);
  const groups = [report.rollups.total, ...report.rollups.byGroup, ...report.rollups.byArea];
  const sections: Section[] = [
    {
      id: 'overview',
      number: '1',
      title: '사업 개요표',
      level: 1,
      newPage: true,
      blocks: [
        { kind: 'paragraph', text: `${report.year}년 ${report.overview.length}개 개요 행(23개 사업 집계 대상 ${t.programCount}개)의 목표, 성과, 교부액, 집행율과 추진율입니다. 세부 사업은 4장에 있습니다.` },
        overviewTable(report),
      ],
    },
    {
      id: 'rollups',
      number: '2',
      title: '연간 집계',
      level: 1,
      newPage: true,
      blocks: [{ kind: 'paragraph', text: '총계, 예산 구분별, 분야별 합계와 평균입니다. 각 평균은 산식과 함께, 원 보고서에 인쇄된 수치와 그 차이를 나란히 보여 줍니다. 차이가 0.1%p 미만이면 「재현」으로 봅니다.' }],
    },
    { id: 'rollups-money', number: '2.1', title: '예산 집계', level: 2, blocks: [rollupMoneyTable(report)] },
    {
      id: 'rollups-means',
      number: '2.2',
      title: '평균 추진율·집행율',
      level: 2,
      blocks: [...groups.map((g, i) => rollupMeansTable(g, i)), { kind: 'label', text: '보고서 수치의 재현 여부' }, { kind: 'list', items: reproductionList(report).length ? reproductionList(report) : ['원 보고서 수치가 기록되지 않음'] }],
    },
    {
      id: 'notes',
      number: '3',
      title: '원자료 참고사항',
      level: 1,
      newPage: true,
      blocks: [
        { kind: 'paragraph', text: '원 보고서의 수치가 서로 맞지 않거나 sehub의 계산과 다른 곳입니다.' },
        report.notes.length
          ? { kind: 'list', items: report.notes.map((n) => `${n.code ? `[${n.code}] ` : ''}${n.scope}: ${n.text}${n.source ? ` (${n.source})` : ''}`) }
          : { kind: 'paragraph', text: '기록된 참고사항 없음', tone: 'muted' },
      ],
    },
    { id: 'programs', number: '4', title: '사업별 실적', level: 1, newPage: true, blocks: [{ kind: 'paragraph', text: `사업마다 개요, 실적총괄표, 예산집행실적, 사업추진일정, 평가를 싣습니다 (${report.programs.length}개).` }] },
  ];
  report.programs.forEach((p, i) => sections.push(...programSections(p, i + 1, report.months)));
  (report.chapters ?? []).forEach((c, i) => sections.push(chapterSection(c, 5 + i)));
  return {
    year: report.year,
    title: report.title,
    organisation: report.organisationName,
    generated: seoulDate(report.generatedAt),
    summary: [
      { label: '사업 수 (집계 대상)', value: `${t.programCount}개` },
      { label: '총 교부액', value: `${won(t.money.granted)}원` },
      { label: `평균 추진율 (${ach ? METHOD_LABELS[ach.method] : DASH})`, value: rate(ach?.value ?? null) },
      { label: `평균 집행율 (${exe ? METHOD_LABELS[exe.method] : DASH})`, value: rate(exe?.value ?? null) },
    ],
    sections,
  };
}
