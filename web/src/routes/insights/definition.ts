import type { MessageKey, Translate } from '../../i18n/index.tsx';
import type { FigureCondition, FigureDefinitionSpec, FigureSourceView } from './data.ts';

/**
 * Headline-figure definitions as the edit form holds them, and back: a definition is a kind, one or
 * more source views, and per source a list of conditions that must all hold, each a single
 * comparison or an "any of" group of comparisons. Deeper nesting (which the API also accepts) is
 * edited as JSON.
 */

export type FieldType = 'text' | 'number' | 'boolean';
export type Op = 'eq' | 'in' | 'matches';

/** The columns a condition may test, per published view (the insights module checks them too). */
export const VIEW_FIELDS: Record<FigureSourceView, Record<string, { type: FieldType; label: MessageKey }>> = {
  programs_partners_v: {
    program_code: { type: 'text', label: 'insights.field.program_code' },
    program_name: { type: 'text', label: 'insights.field.program_name' },
    partner_name: { type: 'text', label: 'insights.field.partner_name' },
    role: { type: 'text', label: 'insights.field.role' },
  },
  programs_kpis_v: {
    program_code: { type: 'text', label: 'insights.field.program_code' },
    program_name: { type: 'text', label: 'insights.field.program_name' },
    name: { type: 'text', label: 'insights.field.name' },
    unit: { type: 'text', label: 'insights.field.unit' },
    kind: { type: 'text', label: 'insights.field.kind' },
    done: { type: 'boolean', label: 'insights.field.done' },
    result: { type: 'number', label: 'insights.field.result' },
    target: { type: 'number', label: 'insights.field.target' },
  },
  sharing_linkages_v: {
    category_key: { type: 'text', label: 'insights.field.category_key' },
    district_code: { type: 'text', label: 'insights.field.district_code' },
    is_demo: { type: 'boolean', label: 'insights.field.is_demo' },
  },
  spaces_bookings_v: {
    room_name: { type: 'text', label: 'insights.field.room_name' },
    status: { type: 'text', label: 'insights.field.status' },
    attendees: { type: 'number', label: 'insights.field.attendees' },
    is_demo: { type: 'boolean', label: 'insights.field.is_demo' },
  },
};
export const VIEWS = Object.keys(VIEW_FIELDS) as FigureSourceView[];
export const VIEW_LABELS: Record<FigureSourceView, MessageKey> = {
  programs_partners_v: 'insights.view.programs_partners_v',
  programs_kpis_v: 'insights.view.programs_kpis_v',
  sharing_linkages_v: 'insights.view.sharing_linkages_v',
  spaces_bookings_v: 'insights.view.spaces_bookings_v',
};
export const KIND_LABELS: Record<FigureDefinitionSpec['kind'], MessageKey> = { distinct_organizations: 'insights.kind.distinct_organizations', sum: 'insights.kind.sum', count: 'insights.kind.count' };
export const OP_LABELS: Record<Op, MessageKey> = { eq: 'insights.op.eq', in: 'insights.op.in', matches: 'insights.op.matches' };

let nextId = 1;
const newId = () => `c${nextId++}`;

export interface Leaf {
  id: string;
  field: string;
  op: Op;
  /** as typed: "명", "true", "3", "a, b" for `in` */
  value: string;
}
export interface Clause {
  id: string;
  /** an "any of" group (OR) rather than one comparison */
  any: boolean;
  leaves: Leaf[];
}
export interface SourceDraft {
  id: string;
  view: FigureSourceView;
  clauses: Clause[];
}
export interface SpecDraft {
  kind: FigureDefinitionSpec['kind'];
  /** distinct_organizations: every source; sum and count: the first */
  sources: SourceDraft[];
}

export const newLeaf = (view: FigureSourceView): Leaf => ({ id: newId(), field: Object.keys(VIEW_FIELDS[view])[0]!, op: 'eq', value: '' });
export const newClause = (view: FigureSourceView, any = false): Clause => ({ id: newId(), any, leaves: any ? [newLeaf(view), newLeaf(view)] : [newLeaf(view)] });
export const newSource = (view: FigureSourceView): SourceDraft => ({ id: newId(), view, clauses: [] });

function leafOf(c: FigureCondition): Leaf | null {
  if ('any' in c || 'all' in c) return null;
  const str = (v: unknown) => (v === null ? '' : String(v));
  return { id: newId(), field: c.field, op: c.op, value: c.op === 'in' ? c.value.map(str).join(', ') : str(c.value) };
}

function clauseOf(c: FigureCondition): Clause | null {
  if ('all' in c) return null;
  if ('any' in c) {
    const leaves = c.any.map(leafOf);
    return leaves.every((x): x is Leaf => x !== null) ? { id: newId(), any: true, leaves } : null;
  }
  const leaf = leafOf(c);
  return leaf ? { id: newId(), any: false, leaves: [leaf] } : null;
}

function clausesOf(where: FigureCondition | undefined): Clause[] | null {
  if (!where) return [];
  const list = 'all' in where ? where.all : [where];
  const out = list.map(clauseOf);
  return out.every((x): x is Clause => x !== null) ? out : null;
}

/** The form's draft of a definition, or null when it nests deeper than the form shows (edit it as JSON). */
export function draftOf(spec: FigureDefinitionSpec): SpecDraft | null {
  const sources = spec.kind === 'distinct_organizations' ? spec.sources : [{ view: spec.view, where: spec.where }];
  const out: SourceDraft[] = [];
  for (const s of sources) {
    const clauses = clausesOf(s.where);
    if (!clauses) return null;
    out.push({ id: newId(), view: s.view, clauses });
  }
  return { kind: spec.kind, sources: out };
}

function valueOf(raw: string, type: FieldType): string | number | boolean | null {
  const v = raw.trim();
  if (v === '') return null;
  if (type === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
  // Not a number: sent as typed, so the API names the field ("takes a number value").
  if (type === 'number') return Number.isFinite(Number(v)) ? Number(v) : v;
  return raw;
}

function conditionOf(leaf: Leaf, view: FigureSourceView): FigureCondition {
  const type = VIEW_FIELDS[view][leaf.field]?.type ?? 'text';
  if (leaf.op === 'matches') return { field: leaf.field, op: 'matches', value: leaf.value };
  if (leaf.op === 'in') {
    const values = leaf.value
      .split(',')
      .map((x) => valueOf(x.trim(), type))
      .filter((x): x is string | number => x !== null && typeof x !== 'boolean');
    return { field: leaf.field, op: 'in', value: values };
  }
  return { field: leaf.field, op: 'eq', value: valueOf(leaf.value, type) };
}

function whereOf(s: SourceDraft): FigureCondition | undefined {
  const conds = s.clauses.map((c): FigureCondition => (c.any ? { any: c.leaves.map((x) => conditionOf(x, s.view)) } : conditionOf(c.leaves[0]!, s.view)));
  if (!conds.length) return undefined;
  return conds.length === 1 ? conds[0] : { all: conds };
}

/** The definition the API takes, from the form's draft. */
export function specOf(d: SpecDraft): FigureDefinitionSpec {
  if (d.kind === 'distinct_organizations') return { kind: d.kind, sources: d.sources.map((s) => ({ view: s.view, ...(whereOf(s) ? { where: whereOf(s) } : {}) })) };
  const s = d.sources[0]!;
  const where = whereOf(s);
  if (d.kind === 'sum') return { kind: 'sum', view: 'programs_kpis_v', column: 'result', ...(where ? { where } : {}) };
  return { kind: 'count', view: s.view, ...(where ? { where } : {}) };
}

/**
 * API paths of the parts of a draft, as the API names them in its field errors
 * ("definition.sources.0.where.all.1.any.0.value").
 */
export function wherePath(d: SpecDraft, sourceIndex: number): string {
  return d.kind === 'distinct_organizations' ? `definition.sources.${sourceIndex}.where` : 'definition.where';
}
export function leafPath(d: SpecDraft, sourceIndex: number, clauseIndex: number, leafIndex: number): string {
  const s = d.sources[sourceIndex]!;
  const base = wherePath(d, sourceIndex);
  const clause = s.clauses.length === 1 ? base : `${base}.all.${clauseIndex}`;
  return s.clauses[clauseIndex]!.any ? `${clause}.any.${leafIndex}` : clause;
}

/** A definition in words ("사업 성과지표의 실적 합계: 단위 = '명'"), for the list of definitions. */
export function describeSpec(spec: FigureDefinitionSpec, t: Translate): string {
  const field = (view: FigureSourceView, f: string) => {
    const known = VIEW_FIELDS[view][f];
    return known ? t(known.label) : f;
  };
  const value = (v: unknown) => (v === null ? t('insights.def.empty') : typeof v === 'string' ? `‘${v}’` : typeof v === 'boolean' ? t(v ? 'insights.def.true' : 'insights.def.false') : String(v));
  const cond = (c: FigureCondition, view: FigureSourceView): string => {
    if ('any' in c) return `(${c.any.map((x) => cond(x, view)).join(` ${t('insights.def.or')} `)})`;
    if ('all' in c) return c.all.map((x) => cond(x, view)).join(` ${t('insights.def.and')} `);
    if (c.op === 'eq') return `${field(view, c.field)} = ${value(c.value)}`;
    if (c.op === 'in') return `${field(view, c.field)} ∈ {${c.value.map(value).join(', ')}}`;
    return `${field(view, c.field)} ~ ‘${c.value}’`;
  };
  const source = (view: FigureSourceView, where?: FigureCondition) => (where ? `${t(VIEW_LABELS[view])} (${cond(where, view)})` : t(VIEW_LABELS[view]));
  if (spec.kind === 'distinct_organizations') return t('insights.def.describeDistinct', { sources: spec.sources.map((s) => source(s.view, s.where)).join('; ') });
  if (spec.kind === 'sum') return t('insights.def.describeSum', { source: source(spec.view, spec.where) });
  return t('insights.def.describeCount', { source: source(spec.view, spec.where) });
}
