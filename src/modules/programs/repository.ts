import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { StoredProgram } from './derive.ts';

/** The programs module's tables (0008_programs.sql, 0009_programs_exclusions_line_keys.sql). */
export type ProgramTables = {
  program_budget_groups: { key: string; label_ko: string; label_en: string; sort: number };
  program_budget_categories: { key: string; label_ko: string; label_en: string; sort: number };
  program_years: {
    year: number;
    title: string;
    organisation_name: Generated<string>;
    source: string | null;
    is_demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  program_year_reported: { year: number; key: string; value: string | number; label: Generated<string>; source: string | null };
  program_year_notes: { id: Generated<string>; year: number; sort: Generated<number>; code: string | null; kind: Generated<string>; scope: Generated<string>; text: string; source: string | null };
  program_areas: { id: Generated<string>; year: number; code: string; name_ko: string; name_en: string | null; budget_group: string; sort: Generated<number> };
  programs: {
    id: Generated<string>;
    year: number;
    code: string;
    name_ko: string;
    name_en: string | null;
    area_id: string | null;
    budget_group: string;
    parent_id: string | null;
    tier: Generated<'programme' | 'group' | 'sub'>;
    counted: Generated<boolean>;
    sort: Generated<number>;
    period_start: string | null;
    period_end: string | null;
    period_text: string | null;
    method: Generated<string>;
    goal: Generated<string>;
    description: Generated<string>;
    responsible_staff: Generated<string[]>;
    achievement_stated: string | number | null;
    achievement_stated_note: string | null;
    execution_stated: string | number | null;
    execution_stated_note: string | null;
    achievement_excluded_note: string | null;
    execution_excluded_note: string | null;
    achievement_reported: string | number | null;
    execution_reported: string | number | null;
    budget: number | null;
    granted: number | null;
    spent: number | null;
    returned: number | null;
    interest: number | null;
    evaluation_achievements: Generated<string[]>;
    evaluation_limits: Generated<string[]>;
    evaluation_next: Generated<string[]>;
    notes: Generated<string[]>;
    source: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  program_kpis: {
    id: Generated<string>;
    program_id: string;
    sort: Generated<number>;
    name: string;
    unit: string | null;
    kind: Generated<'quantity' | 'deliverable'>;
    target: string | number | null;
    target_text: string | null;
    result: string | number | null;
    result_text: string | null;
    done: boolean | null;
    rate_reported: string | number | null;
    note: string | null;
  };
  program_budget_lines: {
    id: Generated<string>;
    program_id: string;
    parent_id: string | null;
    sort: Generated<number>;
    key: string | null;
    name: string;
    category: string | null;
    budget: number | null;
    granted: number | null;
    spent: number | null;
    returned: number | null;
    interest: number | null;
    note: string | null;
  };
  program_budget_transfers: {
    id: Generated<string>;
    program_id: string;
    from_line_id: string | null;
    to_line_id: string | null;
    transfer_date: string;
    amount: number;
    reason: string;
    created_at: Generated<Date>;
  };
  program_schedule_tasks: {
    id: Generated<string>;
    program_id: string;
    sort: Generated<number>;
    task: string;
    planned_months: Generated<string[]>;
    actual_months: Generated<string[]>;
    milestone: Generated<boolean>;
    note: string | null;
  };
  program_partners: { id: Generated<string>; program_id: string; sort: Generated<number>; name: string; role: string | null; organization_id: string | null };
};

type T = ProgramTables;
export type YearRow = Selectable<T['program_years']>;
export type AreaRow = Selectable<T['program_areas']>;
export type ProgramInsert = Insertable<T['programs']> & { id: string };
export type KpiInsert = Insertable<T['program_kpis']>;
export type LineInsert = Insertable<T['program_budget_lines']> & { id: string };
export type TransferInsert = Insertable<T['program_budget_transfers']>;
export type TaskInsert = Insertable<T['program_schedule_tasks']>;
export type PartnerInsert = Insertable<T['program_partners']>;
export type AreaInsert = Insertable<T['program_areas']> & { id: string };
export type ReportedInsert = Insertable<T['program_year_reported']>;
export type NoteInsert = Insertable<T['program_year_notes']>;

const t = (db: Db) => db.withTables<ProgramTables>();

/** numeric columns arrive as text from both drivers. */
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
/** date 'YYYY-MM-01' ↔ month 'YYYY-MM' */
const monthOf = (d: string | null): string | null => (d ? d.slice(0, 7) : null);
export const dateOfMonth = (m: string | null | undefined): string | null => (m ? `${m}-01` : null);

// ——— taxonomy ———

export async function loadTaxonomy(db: Db) {
  const [groups, categories] = await Promise.all([
    t(db).selectFrom('program_budget_groups').selectAll().orderBy('sort').execute(),
    t(db).selectFrom('program_budget_categories').selectAll().orderBy('sort').execute(),
  ]);
  return { groups, categories };
}

// ——— years ———

export function findYear(db: Db, year: number): Promise<YearRow | undefined> {
  return t(db).selectFrom('program_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export function lockYear(db: Db, year: number): Promise<YearRow | undefined> {
  return t(db).selectFrom('program_years').selectAll().where('year', '=', year).forUpdate().executeTakeFirst();
}

export function insertYear(db: Db, row: Insertable<T['program_years']>): Promise<YearRow> {
  return t(db).insertInto('program_years').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateYear(db: Db, year: number, patch: { title: string; organisation_name: string; source: string | null; is_demo?: boolean }): Promise<void> {
  await t(db)
    .updateTable('program_years')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('year', '=', year)
    .execute();
}

/** Years with their counted programmes and the money of their overview rows (top-level, not sub). */
export async function listYears(db: Db) {
  const rows = await t(db)
    .selectFrom('program_years as y')
    .leftJoin('programs as p', 'p.year', 'y.year')
    .select([
      'y.year',
      'y.title',
      'y.is_demo',
      sql<number>`count(p.id) FILTER (WHERE p.counted)::int`.as('program_count'),
      sql<string | null>`sum(p.granted) FILTER (WHERE p.parent_id IS NULL AND p.tier <> 'sub')`.as('granted'),
      sql<string | null>`sum(p.spent) FILTER (WHERE p.parent_id IS NULL AND p.tier <> 'sub')`.as('spent'),
    ])
    .groupBy(['y.year', 'y.title', 'y.is_demo'])
    .orderBy('y.year', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.year, title: r.title, isDemo: r.is_demo, programCount: r.program_count, granted: Number(r.granted ?? 0), spent: Number(r.spent ?? 0) }));
}

export function demoYears(db: Db): Promise<number[]> {
  return t(db)
    .selectFrom('program_years')
    .select('year')
    .where('is_demo', '=', true)
    .orderBy('year')
    .execute()
    .then((rows) => rows.map((r) => r.year));
}

export async function deleteYear(db: Db, year: number): Promise<void> {
  // Programmes first: their parent links cascade within the table, and areas are referenced by them.
  await t(db).deleteFrom('programs').where('year', '=', year).execute();
  await t(db).deleteFrom('program_years').where('year', '=', year).execute();
}

/** Removes everything a year holds except the year row itself (an import replaces it). */
export async function clearYear(db: Db, year: number): Promise<void> {
  await t(db).deleteFrom('programs').where('year', '=', year).execute();
  await t(db).deleteFrom('program_areas').where('year', '=', year).execute();
  await t(db).deleteFrom('program_year_reported').where('year', '=', year).execute();
  await t(db).deleteFrom('program_year_notes').where('year', '=', year).execute();
}

export async function yearExtras(db: Db, year: number) {
  const [areas, reported, notes] = await Promise.all([
    t(db).selectFrom('program_areas').selectAll().where('year', '=', year).orderBy('sort').orderBy('code').execute(),
    t(db).selectFrom('program_year_reported').selectAll().where('year', '=', year).orderBy('key').execute(),
    t(db).selectFrom('program_year_notes').selectAll().where('year', '=', year).orderBy('sort').orderBy('id').execute(),
  ]);
  return {
    areas,
    reported: reported.map((r) => ({ key: r.key, value: Number(r.value), label: r.label, source: r.source })),
    notes: notes.map((n) => ({ code: n.code, kind: n.kind, scope: n.scope, text: n.text, source: n.source })),
  };
}

export function areasOf(db: Db, year: number): Promise<AreaRow[]> {
  return t(db).selectFrom('program_areas').selectAll().where('year', '=', year).orderBy('sort').execute();
}

// ——— programmes ———

const programColumns = [
  'p.id',
  'p.year',
  'p.code',
  'p.name_ko',
  'p.name_en',
  'p.budget_group',
  'p.tier',
  'p.counted',
  'p.sort',
  'p.period_start',
  'p.period_end',
  'p.period_text',
  'p.method',
  'p.goal',
  'p.description',
  'p.responsible_staff',
  'p.achievement_stated',
  'p.achievement_stated_note',
  'p.execution_stated',
  'p.execution_stated_note',
  'p.achievement_excluded_note',
  'p.execution_excluded_note',
  'p.achievement_reported',
  'p.execution_reported',
  'p.budget',
  'p.granted',
  'p.spent',
  'p.returned',
  'p.interest',
  'p.evaluation_achievements',
  'p.evaluation_limits',
  'p.evaluation_next',
  'p.notes',
  'p.source',
  'p.version',
] as const;

function programsQuery(db: Db) {
  return t(db)
    .selectFrom('programs as p')
    .leftJoin('programs as parent', 'parent.id', 'p.parent_id')
    .leftJoin('program_areas as a', 'a.id', 'p.area_id')
    .select(programColumns)
    .select(['parent.code as parent_code', 'a.code as area_code']);
}

/**
 * Programmes with all their parts, as StoredProgram records: one query per table, whatever the
 * number of programmes.
 */
async function loadPrograms(db: Db, where: { year?: number; ids?: string[] }): Promise<StoredProgram[]> {
  let q = programsQuery(db);
  if (where.year !== undefined) q = q.where('p.year', '=', where.year);
  if (where.ids) {
    if (!where.ids.length) return [];
    q = q.where('p.id', 'in', where.ids);
  }
  const rows = await q.orderBy('p.year').orderBy('p.sort').orderBy('p.code').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [kpis, lines, transfers, tasks, partners] = await Promise.all([
    t(db).selectFrom('program_kpis').selectAll().where('program_id', 'in', ids).orderBy('program_id').orderBy('sort').execute(),
    t(db).selectFrom('program_budget_lines').selectAll().where('program_id', 'in', ids).orderBy('program_id').orderBy('sort').execute(),
    t(db).selectFrom('program_budget_transfers').selectAll().where('program_id', 'in', ids).orderBy('transfer_date').orderBy('created_at').orderBy('id').execute(),
    t(db).selectFrom('program_schedule_tasks').selectAll().where('program_id', 'in', ids).orderBy('program_id').orderBy('sort').execute(),
    t(db).selectFrom('program_partners').selectAll().where('program_id', 'in', ids).orderBy('program_id').orderBy('sort').execute(),
  ]);
  const group = <R extends { program_id: string }>(xs: R[]) => {
    const m = new Map<string, R[]>();
    for (const x of xs) {
      const list = m.get(x.program_id);
      if (list) list.push(x);
      else m.set(x.program_id, [x]);
    }
    return m;
  };
  const [k, l, tr, ta, pa] = [group(kpis), group(lines), group(transfers), group(tasks), group(partners)];
  return rows.map(
    (r): StoredProgram => ({
      id: r.id,
      year: r.year,
      code: r.code,
      nameKo: r.name_ko,
      nameEn: r.name_en,
      areaCode: r.area_code,
      budgetGroup: r.budget_group,
      parentCode: r.parent_code,
      tier: r.tier,
      counted: r.counted,
      sort: r.sort,
      periodStart: monthOf(r.period_start),
      periodEnd: monthOf(r.period_end),
      periodText: r.period_text,
      method: r.method,
      goal: r.goal,
      description: r.description,
      responsibleStaff: r.responsible_staff,
      achievementStated: num(r.achievement_stated),
      achievementStatedNote: r.achievement_stated_note,
      executionStated: num(r.execution_stated),
      executionStatedNote: r.execution_stated_note,
      achievementExcludedNote: r.achievement_excluded_note,
      executionExcludedNote: r.execution_excluded_note,
      achievementReported: num(r.achievement_reported),
      executionReported: num(r.execution_reported),
      budget: r.budget,
      granted: r.granted,
      spent: r.spent,
      returned: r.returned,
      interest: r.interest,
      evaluation: { achievements: r.evaluation_achievements, limits: r.evaluation_limits, nextTasks: r.evaluation_next },
      notes: r.notes,
      source: r.source,
      version: r.version,
      kpis: (k.get(r.id) ?? []).map((x) => ({
        id: x.id,
        name: x.name,
        unit: x.unit,
        kind: x.kind,
        target: num(x.target),
        targetText: x.target_text,
        result: num(x.result),
        resultText: x.result_text,
        done: x.done,
        rateReported: num(x.rate_reported),
        note: x.note,
      })),
      lines: (l.get(r.id) ?? []).map((x) => ({
        id: x.id,
        parentId: x.parent_id,
        key: x.key,
        name: x.name,
        category: x.category,
        budget: x.budget,
        granted: x.granted,
        spent: x.spent,
        returned: x.returned,
        interest: x.interest,
        note: x.note,
      })),
      transfers: (tr.get(r.id) ?? []).map((x) => ({ id: x.id, date: x.transfer_date, fromLineId: x.from_line_id, toLineId: x.to_line_id, amount: x.amount, reason: x.reason })),
      schedule: (ta.get(r.id) ?? []).map((x) => ({ id: x.id, task: x.task, planned: x.planned_months, actual: x.actual_months, milestone: x.milestone, note: x.note })),
      partners: (pa.get(r.id) ?? []).map((x) => ({ name: x.name, role: x.role, organizationId: x.organization_id })),
    }),
  );
}

export const programsOfYear = (db: Db, year: number) => loadPrograms(db, { year });
export const programsByIds = (db: Db, ids: string[]) => loadPrograms(db, { ids });
export const allPrograms = (db: Db) => loadPrograms(db, {});

export async function programById(db: Db, id: string): Promise<StoredProgram | undefined> {
  return (await loadPrograms(db, { ids: [id] }))[0];
}

export function lockProgram(db: Db, id: string) {
  return t(db).selectFrom('programs').select(['id', 'year', 'version', 'code']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The directory organisations a programme's partners are linked to (read policy). */
export async function partnerOrganizations(db: Db, programId: string): Promise<string[]> {
  const rows = await t(db).selectFrom('program_partners').select('organization_id').where('program_id', '=', programId).where('organization_id', 'is not', null).execute();
  return rows.map((r) => r.organization_id!);
}

/** Programmes with a partner linked to one of these organisations. */
export async function programsOfOrganizations(db: Db, organizationIds: string[]): Promise<string[]> {
  if (!organizationIds.length) return [];
  const rows = await t(db).selectFrom('program_partners').select('program_id').distinct().where('organization_id', 'in', organizationIds).execute();
  return rows.map((r) => r.program_id);
}

/** id, code and parent of every programme of a year (uniqueness and parent checks). */
export function codesOfYear(db: Db, year: number) {
  return t(db)
    .selectFrom('programs as p')
    .leftJoin('programs as parent', 'parent.id', 'p.parent_id')
    .select(['p.id', 'p.code', 'parent.code as parent_code'])
    .where('p.year', '=', year)
    .execute();
}

export async function maxSort(db: Db, year: number): Promise<number> {
  const r = await t(db).selectFrom('programs').select(sql<number | null>`max(sort)`.as('m')).where('year', '=', year).executeTakeFirst();
  return r?.m ?? -1;
}

export async function childCodes(db: Db, id: string): Promise<string[]> {
  const rows = await t(db).selectFrom('programs').select('code').where('parent_id', '=', id).orderBy('sort').execute();
  return rows.map((r) => r.code);
}

export async function deleteProgram(db: Db, id: string): Promise<void> {
  await t(db).deleteFrom('programs').where('id', '=', id).execute();
}

/** Multi-row inserts in chunks that stay well below PostgreSQL's 65,535 parameters. */
async function insertChunks<K extends keyof T & string>(db: Db, table: K, rows: Insertable<T[K]>[], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await t(db).insertInto(table).values(rows.slice(i, i + chunk) as any).execute();
  }
}

export interface ProgramParts {
  kpis: KpiInsert[];
  lines: LineInsert[];
  transfers: TransferInsert[];
  tasks: TaskInsert[];
  partners: PartnerInsert[];
}

/** Inserts programmes (parents may be in the same batch) and their parts. */
export async function insertPrograms(db: Db, programs: ProgramInsert[], parts: ProgramParts): Promise<void> {
  await insertChunks(db, 'programs', programs, 200);
  // Callers order parents before their children (programmes and lines), so that a link never
  // points into a later chunk; within one statement PostgreSQL checks foreign keys at its end.
  await insertChunks(db, 'program_budget_lines', parts.lines);
  await insertChunks(db, 'program_kpis', parts.kpis);
  await insertChunks(db, 'program_budget_transfers', parts.transfers);
  await insertChunks(db, 'program_schedule_tasks', parts.tasks);
  await insertChunks(db, 'program_partners', parts.partners);
}

/** Replaces a programme's row and all its parts (PUT): the parts are deleted and written again. */
export async function replaceProgram(db: Db, row: ProgramInsert, parts: ProgramParts): Promise<void> {
  const { id, ...cols } = row;
  await t(db)
    .updateTable('programs')
    .set({ ...cols, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
  for (const table of ['program_budget_transfers', 'program_kpis', 'program_schedule_tasks', 'program_partners', 'program_budget_lines'] as const) {
    await t(db).deleteFrom(table).where('program_id', '=', id).execute();
  }
  await insertChunks(db, 'program_budget_lines', parts.lines);
  await insertChunks(db, 'program_kpis', parts.kpis);
  await insertChunks(db, 'program_budget_transfers', parts.transfers);
  await insertChunks(db, 'program_schedule_tasks', parts.tasks);
  await insertChunks(db, 'program_partners', parts.partners);
}

export async function insertYearParts(db: Db, areas: AreaInsert[], reported: ReportedInsert[], notes: NoteInsert[]): Promise<void> {
  await insertChunks(db, 'program_areas', areas);
  await insertChunks(db, 'program_year_reported', reported);
  await insertChunks(db, 'program_year_notes', notes);
}
