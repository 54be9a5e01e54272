import type { ProgramInput, BudgetGroupKey, ProgramTier } from '../../api.ts';

/**
 * The edit form's state: ProgramInput with every number and list kept as the text typed, so a
 * half-typed figure is not lost; `toInput` turns it back and says which fields are not numbers.
 */
export interface KpiDraft {
  rk: string;
  name: string;
  unit: string;
  kind: 'quantity' | 'deliverable';
  target: string;
  targetText: string;
  result: string;
  resultText: string;
  done: '' | 'true' | 'false';
  rateReported: string;
  note: string;
}
export interface LineDraft {
  rk: string;
  key: string;
  parentKey: string;
  name: string;
  category: string;
  budget: string;
  granted: string;
  spent: string;
  returned: string;
  interest: string;
  note: string;
}
export interface TransferDraft {
  rk: string;
  date: string;
  fromLine: string;
  toLine: string;
  amount: string;
  reason: string;
}
export interface TaskDraft {
  rk: string;
  task: string;
  planned: string[];
  actual: string[];
  milestone: boolean;
  note: string;
}
export interface PartnerDraft {
  rk: string;
  name: string;
  role: string;
  organizationId: string;
}
export interface Draft {
  code: string;
  nameKo: string;
  nameEn: string;
  areaCode: string;
  budgetGroup: BudgetGroupKey;
  parentCode: string;
  tier: ProgramTier;
  counted: boolean;
  sort: string;
  periodStart: string;
  periodEnd: string;
  periodText: string;
  method: string;
  goal: string;
  description: string;
  responsibleStaff: string;
  achievementStated: string;
  achievementStatedNote: string;
  executionStated: string;
  executionStatedNote: string;
  achievementExcludedNote: string;
  executionExcludedNote: string;
  achievementReported: string;
  executionReported: string;
  budget: string;
  granted: string;
  spent: string;
  returned: string;
  interest: string;
  achievements: string;
  limits: string;
  nextTasks: string;
  notes: string;
  kpis: KpiDraft[];
  lines: LineDraft[];
  transfers: TransferDraft[];
  schedule: TaskDraft[];
  partners: PartnerDraft[];
  version: number | undefined;
  /** the stored input, so fields this form does not show (source …) survive a save */
  base: ProgramInput | null;
}

let counter = 0;
/** A key for React lists (rows keep their identity while others are added and removed). */
export const rowKey = () => `r${++counter}`;

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const lines = (v: string[] | undefined) => (v ?? []).join('\n');

export const emptyKpi = (): KpiDraft => ({ rk: rowKey(), name: '', unit: '', kind: 'quantity', target: '', targetText: '', result: '', resultText: '', done: '', rateReported: '', note: '' });
export const emptyLine = (n: number): LineDraft => ({ rk: rowKey(), key: `line-${n}`, parentKey: '', name: '', category: '', budget: '', granted: '', spent: '', returned: '', interest: '', note: '' });
export const emptyTransfer = (): TransferDraft => ({ rk: rowKey(), date: '', fromLine: '', toLine: '', amount: '', reason: '' });
export const emptyTask = (): TaskDraft => ({ rk: rowKey(), task: '', planned: [], actual: [], milestone: false, note: '' });
export const emptyPartner = (): PartnerDraft => ({ rk: rowKey(), name: '', role: '', organizationId: '' });

export function emptyDraft(): Draft {
  const d = toDraft({
    code: '',
    nameKo: '',
    budgetGroup: 'basic',
    tier: 'programme',
    counted: true,
    method: '',
    goal: '',
    description: '',
    responsibleStaff: [],
    evaluation: { achievements: [], limits: [], nextTasks: [] },
    notes: [],
    kpis: [],
    lines: [],
    transfers: [],
    schedule: [],
    partners: [],
  });
  return { ...d, base: null };
}

export function toDraft(input: ProgramInput): Draft {
  const lineDrafts = (input.lines ?? []).map((l, i) => ({
    rk: rowKey(),
    key: l.key || `line-${i + 1}`,
    parentKey: s(l.parentKey),
    name: l.name,
    category: s(l.category),
    budget: s(l.budget),
    granted: s(l.granted),
    spent: s(l.spent),
    returned: s(l.returned),
    interest: s(l.interest),
    note: s(l.note),
  }));
  // A transfer names its lines by key or by name: the form picks lines by key.
  const lineKey = (ref: string | null | undefined) => {
    if (!ref) return '';
    return lineDrafts.find((l) => l.key === ref)?.key ?? lineDrafts.find((l) => l.name === ref)?.key ?? ref;
  };
  return {
    code: input.code,
    nameKo: input.nameKo,
    nameEn: s(input.nameEn),
    areaCode: s(input.areaCode),
    budgetGroup: input.budgetGroup,
    parentCode: s(input.parentCode),
    tier: input.tier,
    counted: input.counted,
    sort: s(input.sort),
    periodStart: s(input.periodStart),
    periodEnd: s(input.periodEnd),
    periodText: s(input.periodText),
    method: input.method ?? '',
    goal: input.goal ?? '',
    description: input.description ?? '',
    responsibleStaff: lines(input.responsibleStaff),
    achievementStated: s(input.achievementStated),
    achievementStatedNote: s(input.achievementStatedNote),
    executionStated: s(input.executionStated),
    executionStatedNote: s(input.executionStatedNote),
    achievementExcludedNote: s(input.achievementExcludedNote),
    executionExcludedNote: s(input.executionExcludedNote),
    achievementReported: s(input.achievementReported),
    executionReported: s(input.executionReported),
    budget: s(input.budget),
    granted: s(input.granted),
    spent: s(input.spent),
    returned: s(input.returned),
    interest: s(input.interest),
    achievements: lines(input.evaluation?.achievements),
    limits: lines(input.evaluation?.limits),
    nextTasks: lines(input.evaluation?.nextTasks),
    notes: lines(input.notes),
    kpis: (input.kpis ?? []).map((k) => ({
      rk: rowKey(),
      name: k.name,
      unit: s(k.unit),
      kind: k.kind,
      target: s(k.target),
      targetText: s(k.targetText),
      result: s(k.result),
      resultText: s(k.resultText),
      done: k.done === true ? 'true' : k.done === false ? 'false' : '',
      rateReported: s(k.rateReported),
      note: s(k.note),
    })),
    lines: lineDrafts,
    transfers: (input.transfers ?? []).map((t) => ({ rk: rowKey(), date: t.date, fromLine: lineKey(t.fromLine), toLine: lineKey(t.toLine), amount: s(t.amount), reason: t.reason })),
    schedule: (input.schedule ?? []).map((t) => ({ rk: rowKey(), task: t.task, planned: [...t.planned], actual: [...t.actual], milestone: t.milestone, note: s(t.note) })),
    partners: (input.partners ?? []).map((p) => ({ rk: rowKey(), name: p.name, role: s(p.role), organizationId: s(p.organizationId) })),
    version: input.version,
    base: input,
  };
}

export type Problem = 'number' | 'integer' | 'negative' | 'required' | 'month' | 'date';

type NumberKind = 'rate' | 'amount' | 'signedAmount' | 'quantity';

/** "6,962,500", "6962500원", " 88.5 % " → numbers; '' → null; anything else → a problem. */
function parseNumber(text: string, kind: NumberKind): { value: number | null; problem?: Problem } {
  const cleaned = text.replace(/[,\s원%₩]/g, '');
  if (!cleaned) return { value: null };
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { value: null, problem: 'number' };
  const value = Number(cleaned);
  if ((kind === 'amount' || kind === 'signedAmount') && !Number.isInteger(value)) return { value: null, problem: 'integer' };
  if (kind !== 'signedAmount' && value < 0) return { value: null, problem: 'negative' };
  return { value };
}

const textOrNull = (v: string) => (v.trim() ? v.trim() : null);
const splitLines = (v: string) =>
  v
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The draft as the API takes it, or the problems by field path (kpis.0.target …). */
export function toInput(d: Draft): { input: ProgramInput; problems: Record<string, Problem> } {
  const problems: Record<string, Problem> = {};
  const num = (path: string, text: string, kind: NumberKind) => {
    const r = parseNumber(text, kind);
    if (r.problem) problems[path] = r.problem;
    return r.value;
  };
  const required = (path: string, text: string) => {
    if (!text.trim()) problems[path] = 'required';
    return text.trim();
  };
  const month = (path: string, text: string) => {
    if (!text) return null;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) problems[path] = 'month';
    return text;
  };
  const optional = <T,>(v: T | null): T | undefined => (v === null ? undefined : v);

  const input: ProgramInput = {
    ...(d.base ?? {}),
    code: required('code', d.code),
    nameKo: required('nameKo', d.nameKo),
    nameEn: optional(textOrNull(d.nameEn)),
    areaCode: optional(textOrNull(d.areaCode)),
    budgetGroup: d.budgetGroup,
    parentCode: optional(textOrNull(d.parentCode)),
    tier: d.tier,
    counted: d.counted,
    sort: optional(num('sort', d.sort, 'quantity')),
    periodStart: optional(month('periodStart', d.periodStart)),
    periodEnd: optional(month('periodEnd', d.periodEnd)),
    periodText: optional(textOrNull(d.periodText)),
    method: d.method.trim(),
    goal: d.goal.trim(),
    description: d.description.trim(),
    responsibleStaff: splitLines(d.responsibleStaff),
    achievementStated: optional(num('achievementStated', d.achievementStated, 'rate')),
    achievementStatedNote: optional(textOrNull(d.achievementStatedNote)),
    executionStated: optional(num('executionStated', d.executionStated, 'rate')),
    executionStatedNote: optional(textOrNull(d.executionStatedNote)),
    achievementExcludedNote: optional(textOrNull(d.achievementExcludedNote)),
    executionExcludedNote: optional(textOrNull(d.executionExcludedNote)),
    achievementReported: optional(num('achievementReported', d.achievementReported, 'rate')),
    executionReported: optional(num('executionReported', d.executionReported, 'rate')),
    budget: optional(num('budget', d.budget, 'amount')),
    granted: optional(num('granted', d.granted, 'amount')),
    spent: optional(num('spent', d.spent, 'amount')),
    returned: optional(num('returned', d.returned, 'signedAmount')),
    interest: optional(num('interest', d.interest, 'amount')),
    evaluation: { achievements: splitLines(d.achievements), limits: splitLines(d.limits), nextTasks: splitLines(d.nextTasks) },
    notes: splitLines(d.notes),
    kpis: d.kpis.map((k, i) => ({
      name: required(`kpis.${i}.name`, k.name),
      unit: optional(textOrNull(k.unit)),
      kind: k.kind,
      target: optional(num(`kpis.${i}.target`, k.target, 'quantity')),
      targetText: optional(textOrNull(k.targetText)),
      result: optional(num(`kpis.${i}.result`, k.result, 'quantity')),
      resultText: optional(textOrNull(k.resultText)),
      done: k.done === '' ? undefined : k.done === 'true',
      rateReported: optional(num(`kpis.${i}.rateReported`, k.rateReported, 'rate')),
      note: optional(textOrNull(k.note)),
    })),
    lines: d.lines.map((l, i) => ({
      key: l.key,
      parentKey: optional(textOrNull(l.parentKey)),
      name: required(`lines.${i}.name`, l.name),
      category: optional(textOrNull(l.category)),
      budget: optional(num(`lines.${i}.budget`, l.budget, 'amount')),
      granted: optional(num(`lines.${i}.granted`, l.granted, 'amount')),
      spent: optional(num(`lines.${i}.spent`, l.spent, 'amount')),
      returned: optional(num(`lines.${i}.returned`, l.returned, 'signedAmount')),
      interest: optional(num(`lines.${i}.interest`, l.interest, 'amount')),
      note: optional(textOrNull(l.note)),
    })),
    transfers: d.transfers.map((t, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date)) problems[`transfers.${i}.date`] = t.date ? 'date' : 'required';
      const amount = num(`transfers.${i}.amount`, t.amount, 'amount');
      if (amount === null && !problems[`transfers.${i}.amount`]) problems[`transfers.${i}.amount`] = 'required';
      return {
        date: t.date,
        fromLine: optional(textOrNull(t.fromLine)),
        toLine: optional(textOrNull(t.toLine)),
        amount: amount ?? 0,
        reason: required(`transfers.${i}.reason`, t.reason),
      };
    }),
    schedule: d.schedule.map((t, i) => ({
      task: required(`schedule.${i}.task`, t.task),
      planned: [...t.planned].sort(),
      actual: [...t.actual].sort(),
      milestone: t.milestone,
      note: optional(textOrNull(t.note)),
    })),
    partners: d.partners.map((p, i) => ({
      name: required(`partners.${i}.name`, p.name),
      role: optional(textOrNull(p.role)),
      organizationId: optional(textOrNull(p.organizationId)),
    })),
    version: d.version,
  };
  return { input, problems };
}
