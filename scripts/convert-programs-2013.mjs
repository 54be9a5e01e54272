#!/usr/bin/env node
/**
 * One-off converter: the 2013 report's programme tables, as extracted in data/seed2013
 * (programs.json, summary.json), into ONE sehub YearDocument (format sehub.programs.v1) at
 * src/demo/programs-2013.json — the demo year loaded on first start. The product never reads the
 * seed at run time; this script documents how the demo file was made and can make it again:
 *
 *   node scripts/convert-programs-2013.mjs [SEED_DIR] [OUT]
 *   (defaults: ../shared/data/seed2013 relative to the repository, src/demo/programs-2013.json)
 *
 * Mapping rules (decided for issue 5; the seed's own figures are kept as printed):
 * - year 2013, areas area-1 … area-5 from strategic_areas (area-5 = 추가 위탁 사업: additional);
 *   programme budget group from its category (기본사업 basic, 추가위탁사업 additional).
 * - code = number; tier programme_group → group, sub_programme → sub; parentCode from parent_id.
 * - 5-6 has two summary-table rows and becomes two top-level programmes, 5-6-1 and 5-6-2.
 * - achievementStated = the summary table's 추진율 where printed (the programme's explicit rule),
 *   also kept as achievementReported; "—" (4-2) or no row: no stated rate, the KPIs decide.
 *   4-2's rate is left out of the year's means, as the report's own averages leave it out (A032).
 * - money from `budget` (granted falls back to the summary row); executionReported = the summary
 *   row's 집행율 (else the section's); where spent is not printed, executionStated = that rate.
 * - KPIs: quantity when target_value is a number, else deliverable (done = printed rate ≥ 100).
 * - budget lines: level 1 lines, level 2 sub-lines; a level-0 total row is skipped when it only
 *   repeats the programme's own figures; 인건비/운영비/직접경비/사업비 categories from the name.
 * - schedule: planned = actual = the printed months (the report prints one grid).
 * - evaluation bullets: next tasks (향후/차년도/2014…, …필요/추진/예정), limits (부족/미흡/어려움/한계),
 *   else achievements.
 * - year notes: every anomaly of programs.json and summary.json; reported: the printed averages
 *   and totals.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seedDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'seed2013'));
const out = resolve(process.argv[3] ?? join(root, 'src', 'demo', 'programs-2013.json'));

const programsJson = JSON.parse(readFileSync(join(seedDir, 'programs.json'), 'utf8'));
const summaryJson = JSON.parse(readFileSync(join(seedDir, 'summary.json'), 'utf8'));

const GROUP = { 기본사업: 'basic', 추가위탁사업: 'additional' };
const TIER = { programme: 'programme', programme_group: 'group', sub_programme: 'sub' };

const areas = programsJson.strategic_areas.map((a, i) => ({
  code: a.id,
  nameKo: a.name_ko,
  nameEn: a.name_en,
  budgetGroup: GROUP[a.category],
  sort: i + 1,
}));
const areaOfName = new Map(programsJson.strategic_areas.map((a) => [a.name_ko, a.id]));
const numberOfId = new Map(programsJson.programs.map((p) => [p.id, p.number]));

const fmt = (n) => n.toLocaleString('en-US');
const compact = (xs) => xs.filter((x) => x !== null && x !== undefined && x !== '');

function category(name) {
  if (/인건비/.test(name)) return 'personnel';
  if (/운영비/.test(name)) return 'operating';
  if (/직접경비/.test(name)) return 'direct';
  if (/사업비/.test(name)) return 'programme';
  return null;
}

function evaluationOf(bullets) {
  const evaluation = { achievements: [], limits: [], nextTasks: [] };
  for (const { text } of bullets) {
    const t = text.trim();
    const end = t.replace(/[\s.。]+$/, '');
    if (/^(향후|차년도|2014)/.test(t) || /(필요|추진|예정)$/.test(end)) evaluation.nextTasks.push(t);
    else if (/부족|미흡|어려움|한계/.test(t)) evaluation.limits.push(t);
    else evaluation.achievements.push(t);
  }
  return evaluation;
}

function kpiOf(k) {
  const quantity = typeof k.target_value === 'number';
  const rate = k.achievement_rate_reported;
  const note = compact([
    k.note,
    k.execution_rate_reported !== null && k.execution_rate_reported !== undefined ? `보고서 기재 집행율 ${k.execution_rate_reported}%` : null,
  ]).join(' · ');
  return {
    name: k.name,
    unit: k.unit ?? null,
    kind: quantity ? 'quantity' : 'deliverable',
    target: quantity ? k.target_value : null,
    targetText: k.target_text ?? null,
    result: quantity && typeof k.result_value === 'number' ? k.result_value : null,
    resultText: k.result_text ?? null,
    done: quantity ? null : rate === null || rate === undefined ? null : rate >= 100,
    rateReported: rate ?? null,
    note: note || null,
  };
}

/** Whether a level-0 total row only repeats the programme's own figures. */
function repeatsTotal(line, money) {
  const same = (v, ...xs) => v === null || v === undefined || xs.some((x) => x === v);
  return (
    same(line.budget, money.budget, money.granted) &&
    same(line.granted, money.granted) &&
    same(line.spent, money.spent) &&
    same(line.returned, money.returned) &&
    same(line.interest_returned, money.interest)
  );
}

function linesOf(p, money, notes) {
  const lines = [];
  const keyOf = new Map();
  let n = 0;
  for (const l of p.budget_lines) {
    if (l.level === 0) {
      if (!repeatsTotal(l, money)) {
        notes.push(`예산집행실적 합계 행 '${l.name}'이 사업 총액과 다릅니다: 예산 ${l.budget ?? '—'}, 교부 ${l.granted ?? '—'}, 집행 ${l.spent ?? '—'}, 반납 ${l.returned ?? '—'} (${l.source ?? p.source})`);
      }
      continue;
    }
    const raw = compact([l.raw, l.budget_raw, l.account_raw]).map((r) => `원문: ${r}`);
    const note = compact([
      l.note,
      ...raw,
      l.execution_rate_reported !== null && l.execution_rate_reported !== undefined ? `보고서 기재 집행율 ${l.execution_rate_reported}%` : null,
    ]).join(' · ');
    const line = {
      key: null,
      parentKey: null,
      name: l.name,
      category: category(l.name),
      budget: l.budget ?? null,
      granted: l.granted ?? null,
      spent: l.spent ?? null,
      returned: l.returned ?? null,
      interest: l.interest_returned ?? null,
      note: note || null,
    };
    if (l.level === 1) {
      line.key = `L${++n}`;
      if (!keyOf.has(l.name)) keyOf.set(l.name, line.key);
    } else {
      const parent = keyOf.get(l.parent);
      if (!parent) throw new Error(`${p.number}: sub-line ${l.name} names an unknown parent ${l.parent}`);
      line.parentKey = parent;
    }
    lines.push(line);
  }
  return lines;
}

function programOf(p, sort, over = {}) {
  const rows = p.summary_table_rows;
  const row = over.row !== undefined ? over.row : rows.length === 1 ? rows[0] : null;
  const b = p.budget;
  const notes = [...(p.notes ?? [])];
  if (p.schedule_note) notes.push(`사업추진일정: ${p.schedule_note}`);
  for (const n of b.notes ?? []) notes.push(`예산: ${n}`);
  if (row?.granted_note) notes.push(`총괄표 교부액: ${row.budget_granted_raw ? `원문 "${row.budget_granted_raw}", ` : ''}${row.granted_note ?? ''}`);
  if (b.budget_before_transfer) {
    notes.push(
      `전용: 전용 전 예산 ${fmt(b.budget_before_transfer)}원, 전용액 ${fmt(b.transfer_amount)}원, 전용 후 ${fmt(b.granted)}원 (${b.source}); 전용 일자와 항목은 보고서에 없어 전용 기록으로 옮기지 않았습니다`,
    );
  }
  const money = {
    budget: over.budget !== undefined ? over.budget : (b.budget ?? null),
    granted: over.granted !== undefined ? over.granted : (b.granted ?? row?.budget_granted ?? null),
    spent: over.spent !== undefined ? over.spent : (b.spent ?? null),
    returned: over.returned !== undefined ? over.returned : (b.returned ?? null),
    interest: over.interest !== undefined ? over.interest : (b.interest_returned ?? null),
  };
  const achv = row ? row.achievement_rate : null;
  const execReported = row && row.execution_rate !== null ? row.execution_rate : (b.execution_rate_reported ?? null);
  const execSource = row && row.execution_rate !== null ? row.source : (b.execution_rate_reported_source ?? b.source);
  const lines = over.lines ?? linesOf(p, money, notes);
  const program = {
    code: over.code ?? p.number,
    nameKo: over.nameKo ?? p.name_ko,
    nameEn: over.nameEn ?? p.name_en ?? null,
    areaCode: areaOfName.get(p.strategic_area) ?? null,
    budgetGroup: GROUP[p.category],
    parentCode: p.parent_id ? numberOfId.get(p.parent_id) : null,
    tier: TIER[p.tier],
    counted: p.counted_in_23,
    sort,
    periodStart: p.period?.start ?? null,
    periodEnd: p.period?.end ?? null,
    periodText: p.period?.raw ?? null,
    method: p.method ?? '',
    goal: over.goal ?? p.goal_text ?? '',
    description: p.description ?? '',
    responsibleStaff: [],
    achievementStated: achv ?? null,
    achievementStatedNote: achv !== null && achv !== undefined ? `2013 성과보고서 총괄표 기재 추진율 (${row.source})` : null,
    executionStated: money.spent === null && execReported !== null ? execReported : null,
    executionStatedNote: money.spent === null && execReported !== null ? `집행액 미기재 — 보고서 기재 집행율 (${execSource})` : null,
    achievementExcludedNote: over.achievementExcludedNote ?? null,
    executionExcludedNote: null,
    achievementReported: achv ?? null,
    executionReported: execReported,
    ...money,
    evaluation: evaluationOf(over.evaluation ?? p.evaluation_notes),
    notes: [...notes, ...(over.notes ?? [])],
    source: p.source,
    kpis: (over.kpis ?? p.kpis).map(kpiOf),
    lines,
    transfers: [],
    schedule: (over.schedule ?? p.schedule).map((s) => ({ task: s.task, planned: s.months, actual: s.months, milestone: false, note: null })),
    partners: (over.partners ?? p.partners).map((x) => ({ name: x.name, role: x.role ?? null, organizationId: null })),
  };
  return program;
}

const programs = [];
for (const p of programsJson.programs) {
  const sort = programs.length + 1;
  if (p.id === 'alt-markets') {
    const [market, infra] = p.summary_table_rows;
    const [marketLine, infraLine] = p.budget_lines;
    const lineOf = (l) => ({
      key: null,
      parentKey: null,
      name: l.name,
      category: null,
      budget: l.budget ?? null,
      granted: l.granted ?? null,
      spent: l.spent ?? null,
      returned: l.returned ?? null,
      interest: null,
      note: compact([l.note, `보고서 기재 집행율 ${l.execution_rate_reported}%`]).join(' · '),
    });
    const split = `2013 성과보고서 총괄표는 5-6을 두 행으로 적습니다 (seed:160-161): 광화문 희망 장터 ${fmt(market.budget_granted)}원 (집행율 ${market.execution_rate}%, 추진율 ${market.achievement_rate}%)과 대안장터 인프라 구축 ${fmt(infra.budget_granted)}원 (${infra.execution_rate}%, ${infra.achievement_rate}%). sehub는 두 행을 5-6-1, 5-6-2로 나누어 두 사업으로 가져옵니다. 사업 전체의 보고서 기재 집행율은 ${p.budget.execution_rate_reported}% (${p.budget.execution_rate_reported_source})입니다.`;
    const common = { budget: null, spent: null, returned: null, interest: null };
    programs.push(
      programOf(p, sort, {
        ...common,
        code: '5-6-1',
        nameKo: '광화문 희망 장터 (대안장터운영)',
        nameEn: 'Gwanghwamun Hope Market (alternative-market operation)',
        row: market,
        granted: market.budget_granted,
        goal: market.goal_text ?? '',
        kpis: p.kpis.slice(0, 2),
        lines: [lineOf(marketLine)],
        schedule: p.schedule.slice(0, 3),
        notes: [split],
      }),
      programOf(p, sort + 1, {
        ...common,
        code: '5-6-2',
        nameKo: '대안장터 인프라 구축 (운영비)',
        nameEn: 'Alternative-market infrastructure (printed as 운영비)',
        row: infra,
        granted: infra.budget_granted,
        goal: '',
        kpis: p.kpis.slice(2),
        lines: [lineOf(infraLine)],
        schedule: p.schedule.slice(3),
        partners: [],
        evaluation: [],
        notes: [split, `총괄표 행 이름: ${infra.note}`],
      }),
    );
    // The split rows share the section's texts; the second keeps only what is its own.
    programs.at(-1).description = '사회적경제장터 운영 활성화를 위한 기자재 구입 등 인프라 구축';
    programs.at(-1).notes = programs.at(-1).notes.filter((n) => !n.startsWith('summary 추진율 169'));
    continue;
  }
  programs.push(
    programOf(p, sort, {
      achievementExcludedNote:
        p.id === 'research-network'
          ? "2013 성과보고서 총괄표는 이 행의 추진율을 '—'로 적고 (seed:148) 평균 추진율(135.2%·139.9%)에서 이 행을 뺍니다 (구간 실적표는 100%, seed:3535; 이상 A032)"
          : undefined,
    }),
  );
}

const source = (s) => s ?? null;
const reported = [];
const rep = (key, value, label, src) => reported.push({ key, value, label, source: src });
const h = summaryJson.headline;
rep('achievement.total', h.average_achievement_rate.value, h.average_achievement_rate.label_ko, h.average_achievement_rate.source);
rep('execution.total', h.average_execution_rate.value, h.average_execution_rate.label_ko, h.average_execution_rate.source);
rep('granted.total', h.total_budget.value, h.total_budget.label_ko, h.total_budget.source);
const bb = Object.fromEntries(summaryJson.budget_breakdown.map((x) => [x.key, x]));
for (const [group, key] of [
  ['basic', 'basic_total'],
  ['additional', 'additional_total'],
]) {
  const x = bb[key];
  rep(`achievement.group:${group}`, x.achievement_rate, `${x.label_ko} 추진율`, x.source);
  rep(`execution.group:${group}`, x.execution_rate, `${x.label_ko} 집행율`, x.source);
  rep(`granted.group:${group}`, x.amount, x.label_ko, x.source);
}
rep('granted.group:personnel', bb.personnel.amount, bb.personnel.label_ko, bb.personnel.source);
rep('granted.group:operations', bb.unlabelled_operating.amount, '운영비 (이름 없이 인쇄된 행, S03)', bb.unlabelled_operating.source);
for (const a of summaryJson.area_subtotals_reported) rep(`granted.area:${areaOfName.get(a.area)}`, a.amount, `${a.area} 소계`, a.source);
const area5 = programsJson.strategic_areas.find((a) => a.id === 'area-5');
rep('granted.area:area-5', area5.subtotal_reported, `${area5.name_ko} 소계`, area5.source);

const codeOfSlug = (slug) => (slug === 'alt-markets' ? '5-6' : (numberOfId.get(slug) ?? slug));
const notes = [
  ...programsJson.anomalies.map((a) => ({ code: a.id, kind: a.kind, scope: `${codeOfSlug(a.scope)} · ${a.field}`, text: a.issue, source: source(a.source) })),
  ...summaryJson.anomalies.map((a) => ({ code: a.id, kind: a.kind, scope: a.field, text: a.issue, source: source(a.source) })),
];

const attribution =
  '서울특별시 사회적경제지원센터 2013 성과보고서 (총괄표 seed:90-175와 사업별 실적총괄표·예산집행실적·사업추진일정; data/seed2013의 programs.json·summary.json이 각 값의 행 번호를 적음, scripts/convert-programs-2013.mjs로 변환) · the centre\'s 2013 performance report as extracted in data/seed2013';
const doc = {
  format: 'sehub.programs.v1',
  year: 2013,
  title: '2013 성과보고서',
  organisationName: '서울특별시 사회적경제지원센터',
  source: attribution,
  areas,
  reported,
  notes: [
    {
      code: null,
      kind: 'source',
      scope: '',
      text: `데모 자료: ${attribution}. 수치는 보고서에 인쇄된 그대로이며, 보고서 안의 불일치는 아래에 그대로 적어 둡니다 (programs.json 50건, summary.json 8건).`,
      source: 'seed:1-4834',
    },
    ...notes,
  ],
  programs,
};

writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
console.log(`wrote ${out}: ${programs.length} programmes, ${programs.reduce((n, p) => n + p.kpis.length, 0)} KPIs, ${programs.reduce((n, p) => n + p.lines.length, 0)} budget lines, ${doc.notes.length} notes`);
