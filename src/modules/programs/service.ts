import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { authorize } from '../../kernel/policy.ts';
import { conflict, fieldErrorsFromZod, fieldProblem, notFound, Problem, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { organizationExists } from '../directory/index.ts';
import { buildRollups, reportOrder, toOverviewRow, toReportProgram, type Labels, type StoredProgram } from './derive.ts';
import type { AnnualReport, Bilingual, OverviewRow, ReportChapter, ReportProgram, RollupGroup, YearNote } from './model.ts';
import './policy.ts';
import * as repo from './repository.ts';
import { locate, xlsxToYearDocument, yearDocumentToXlsx } from './workbook.ts';
import { documentIssues, YEAR_DOCUMENT_FORMAT, yearDocument, type AreaInput, type ProgramInput, type ProgramsQuery, type YearDocument } from './schema.ts';

export interface ImportReport {
  dryRun: boolean;
  programs: number;
  kpis: number;
  lines: number;
  errors: FieldError[];
}

export interface YearArea {
  code: string;
  nameKo: string;
  nameEn: string | null;
  budgetGroup: string;
  sort: number;
}

export interface YearDetail {
  year: number;
  title: string;
  organisationName: string;
  source: string | null;
  isDemo: boolean;
  areas: YearArea[];
  overview: OverviewRow[];
  rollups: { total: RollupGroup; byGroup: RollupGroup[]; byArea: RollupGroup[] };
  notes: YearNote[];
  programs: { id: string; code: string; name: string; tier: 'programme' | 'group' | 'sub'; parentCode: string | null }[];
}

export type ProgramDetail = ReportProgram & { year: number; input: ProgramInput };
export type ProgramListItem = OverviewRow & { year: number; tier: 'programme' | 'group' | 'sub'; parentCode: string | null };

interface Taxonomy {
  groups: { key: string; label: Bilingual }[];
  categories: { key: string; label: Bilingual }[];
}

// ——— input → rows ———

/** Empty optional text is stored as null. */
const clean = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v ? v : null;
};
const cleanList = (xs: readonly string[] | undefined): string[] => (xs ?? []).map((x) => x.trim()).filter(Boolean);
const months = (xs: readonly string[]): string[] => [...new Set(xs.map((m) => m.trim()))].sort();

/** A field path in the API's style: dots for route-validated bodies, brackets for documents. */
type PathStyle = 'dot' | 'bracket';
function pathOf(segments: readonly (string | number)[], style: PathStyle): string {
  if (style === 'dot') return segments.map(String).join('.');
  return segments.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
/** zod joins its paths with dots; documents name list items with brackets (programs[3].kpis[1].target). */
const bracketed = (dotted: string): string =>
  dotted === '(root)' ? dotted : dotted.split('.').reduce((s, seg) => (/^\d+$/.test(seg) ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), '');

function programRow(p: ProgramInput, at: { id: string; year: number; areaId: string | null; parentId: string | null; sort: number }): repo.ProgramInsert {
  return {
    id: at.id,
    year: at.year,
    code: p.code.trim(),
    name_ko: p.nameKo.trim(),
    name_en: clean(p.nameEn),
    area_id: at.areaId,
    budget_group: p.budgetGroup,
    parent_id: at.parentId,
    tier: p.tier,
    counted: p.counted,
    sort: at.sort,
    period_start: repo.dateOfMonth(clean(p.periodStart)),
    period_end: repo.dateOfMonth(clean(p.periodEnd)),
    period_text: clean(p.periodText),
    method: p.method.trim(),
    goal: p.goal.trim(),
    description: p.description.trim(),
    responsible_staff: cleanList(p.responsibleStaff),
    achievement_stated: p.achievementStated ?? null,
    achievement_stated_note: clean(p.achievementStatedNote),
    execution_stated: p.executionStated ?? null,
    execution_stated_note: clean(p.executionStatedNote),
    achievement_excluded_note: clean(p.achievementExcludedNote),
    execution_excluded_note: clean(p.executionExcludedNote),
    achievement_reported: p.achievementReported ?? null,
    execution_reported: p.executionReported ?? null,
    budget: p.budget ?? null,
    granted: p.granted ?? null,
    spent: p.spent ?? null,
    returned: p.returned ?? null,
    interest: p.interest ?? null,
    evaluation_achievements: cleanList(p.evaluation.achievements),
    evaluation_limits: cleanList(p.evaluation.limits),
    evaluation_next: cleanList(p.evaluation.nextTasks),
    notes: cleanList(p.notes),
    source: clean(p.source),
  };
}

/** A programme's parts as rows: lines get ids, sub-lines and transfers are linked by key or name. */
function programParts(programId: string, p: ProgramInput): repo.ProgramParts {
  const ids = p.lines.map(() => randomUUID());
  const byKey = new Map<string, string>();
  const byName = new Map<string, string>();
  p.lines.forEach((l, i) => {
    const k = clean(l.key);
    if (k) byKey.set(k, ids[i]!);
    if (!byName.has(l.name.trim())) byName.set(l.name.trim(), ids[i]!);
  });
  const lineRef = (ref: string | null | undefined) => {
    const r = clean(ref);
    return r ? (byKey.get(r) ?? byName.get(r) ?? null) : null;
  };
  const lines = p.lines.map(
    (l, i): repo.LineInsert => ({
      id: ids[i]!,
      program_id: programId,
      parent_id: clean(l.parentKey) ? (byKey.get(clean(l.parentKey)!) ?? null) : null,
      sort: i,
      key: clean(l.key),
      name: l.name.trim(),
      category: clean(l.category),
      budget: l.budget ?? null,
      granted: l.granted ?? null,
      spent: l.spent ?? null,
      returned: l.returned ?? null,
      interest: l.interest ?? null,
      note: clean(l.note),
    }),
  );
  return {
    // Lines without a parent first, so that a sub-line never precedes its parent in a batch.
    lines: [...lines.filter((l) => !l.parent_id), ...lines.filter((l) => l.parent_id)],
    kpis: p.kpis.map((k, i) => ({
      program_id: programId,
      sort: i,
      name: k.name.trim(),
      unit: clean(k.unit),
      kind: k.kind,
      target: k.target ?? null,
      target_text: clean(k.targetText),
      result: k.result ?? null,
      result_text: clean(k.resultText),
      done: k.done ?? null,
      rate_reported: k.rateReported ?? null,
      note: clean(k.note),
    })),
    transfers: p.transfers.map((t) => ({
      program_id: programId,
      from_line_id: lineRef(t.fromLine),
      to_line_id: lineRef(t.toLine),
      transfer_date: t.date.trim(),
      amount: t.amount,
      reason: t.reason.trim(),
    })),
    tasks: p.schedule.map((s, i) => ({
      program_id: programId,
      sort: i,
      task: s.task.trim(),
      planned_months: months(s.planned),
      actual_months: months(s.actual),
      milestone: s.milestone,
      note: clean(s.note),
    })),
    partners: p.partners.map((x, i) => ({ program_id: programId, sort: i, name: x.name.trim(), role: clean(x.role), organization_id: x.organizationId ?? null })),
  };
}

/** The stored programme as its input (edit forms, export): what was entered, nothing derived. */
export function toInput(p: StoredProgram, opts: { version?: boolean } = {}): ProgramInput {
  const lineKey = new Map(p.lines.map((l) => [l.id, l.key]));
  const lineName = new Map(p.lines.map((l) => [l.id, l.name]));
  const ref = (id: string | null) => (id ? (lineKey.get(id) ?? lineName.get(id) ?? null) : null);
  return {
    code: p.code,
    nameKo: p.nameKo,
    nameEn: p.nameEn,
    areaCode: p.areaCode,
    budgetGroup: p.budgetGroup as ProgramInput['budgetGroup'],
    parentCode: p.parentCode,
    tier: p.tier,
    counted: p.counted,
    sort: p.sort,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    periodText: p.periodText,
    method: p.method,
    goal: p.goal,
    description: p.description,
    responsibleStaff: p.responsibleStaff,
    achievementStated: p.achievementStated ?? null,
    achievementStatedNote: p.achievementStatedNote ?? null,
    executionStated: p.executionStated ?? null,
    executionStatedNote: p.executionStatedNote ?? null,
    achievementExcludedNote: p.achievementExcludedNote,
    executionExcludedNote: p.executionExcludedNote,
    achievementReported: p.achievementReported ?? null,
    executionReported: p.executionReported ?? null,
    budget: p.budget ?? null,
    granted: p.granted ?? null,
    spent: p.spent ?? null,
    returned: p.returned ?? null,
    interest: p.interest ?? null,
    evaluation: p.evaluation,
    notes: p.notes,
    source: p.source,
    kpis: p.kpis.map((k) => ({
      name: k.name,
      unit: k.unit,
      kind: k.kind,
      target: k.target ?? null,
      targetText: k.targetText,
      result: k.result ?? null,
      resultText: k.resultText,
      done: k.done ?? null,
      rateReported: k.rateReported ?? null,
      note: k.note,
    })),
    lines: p.lines.map((l) => ({
      key: l.key,
      parentKey: l.parentId ? (lineKey.get(l.parentId) ?? null) : null,
      name: l.name,
      category: l.category,
      budget: l.budget ?? null,
      granted: l.granted ?? null,
      spent: l.spent ?? null,
      returned: l.returned ?? null,
      interest: l.interest ?? null,
      note: l.note,
    })),
    transfers: p.transfers.map((t) => ({ date: t.date, fromLine: ref(t.fromLineId), toLine: ref(t.toLineId), amount: t.amount, reason: t.reason })),
    schedule: p.schedule.map((s) => ({ task: s.task, planned: s.planned, actual: s.actual, milestone: s.milestone, note: s.note })),
    partners: p.partners.map((x) => ({ name: x.name, role: x.role, organizationId: x.organizationId })),
    ...(opts.version === false ? {} : { version: p.version }),
  };
}

/** The months a year's schedule grids span: at least January to December of the year. */
function gridMonths(year: number, programs: readonly StoredProgram[]): string[] {
  let first = `${year}-01`;
  let last = `${year}-12`;
  for (const p of programs) {
    for (const s of p.schedule) {
      for (const m of [...s.planned, ...s.actual]) {
        if (m < first) first = m;
        if (m > last) last = m;
      }
    }
  }
  const out: string[] = [];
  let [y, mo] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const m = `${y}-${String(mo).padStart(2, '0')}`;
    out.push(m);
    if (m >= last || out.length > 240) break;
    mo += 1;
    if (mo > 12) {
      mo = 1;
      y += 1;
    }
  }
  return out;
}

const areaRow = (year: number, a: AreaInput, i: number): repo.AreaInsert => ({
  id: randomUUID(),
  year,
  code: a.code.trim(),
  name_ko: a.nameKo.trim(),
  name_en: clean(a.nameEn),
  budget_group: a.budgetGroup,
  sort: a.sort ?? i,
});

const missingYear = (year: number) => notFound(`${year}년 사업 연도가 없습니다`, `There is no programme year ${year}`);
const missingProgram = () => notFound('사업을 찾을 수 없습니다', 'Programme not found');

/** Adds a chapter to the annual report: called with the reader's context and the year when a report is built. */
export type ReportChapterProvider = (ctx: RequestContext, year: number) => Promise<ReportChapter>;

export interface ProgramsOptions {
  /** chapters other modules add to the annual report, in order (wired by the app, not imported here) */
  chapters?: readonly ReportChapterProvider[];
}

export function createProgramsService(db: Db, options: ProgramsOptions = {}) {
  let cached: Promise<Taxonomy> | undefined;
  // Loaded through the caller's executor: inside a transaction on PGlite's single connection, a
  // query on `db` would wait for the very transaction that waits for it.
  const taxonomy = (dbx: Db = db) =>
    (cached ??= repo
      .loadTaxonomy(dbx)
      .then((t) => ({
        groups: t.groups.map((g) => ({ key: g.key, label: { ko: g.label_ko, en: g.label_en } })),
        categories: t.categories.map((c) => ({ key: c.key, label: { ko: c.label_ko, en: c.label_en } })),
      }))
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      }));

  async function labelsOf(dbx: Db, areas: repo.AreaRow[]): Promise<Labels> {
    const tax = await taxonomy(dbx);
    return {
      areas: new Map(areas.map((a) => [a.code, { code: a.code, nameKo: a.name_ko, nameEn: a.name_en, budgetGroup: a.budget_group, sort: a.sort }])),
      groups: new Map(tax.groups.map((g) => [g.key, g.label])),
      categories: new Map(tax.categories.map((c) => [c.key, c.label])),
    };
  }

  /** Everything a year's pages and report show, derived from its rows. */
  async function assembleYear(dbx: Db, year: number) {
    const y = await repo.findYear(dbx, year);
    if (!y) throw missingYear(year);
    const [extras, stored] = await Promise.all([repo.yearExtras(dbx, year), repo.programsOfYear(dbx, year)]);
    const labels = await labelsOf(dbx, extras.areas);
    const tax = await taxonomy(dbx);
    const { rows, ordered, descendants } = reportOrder(stored);
    const report = new Map(stored.map((p) => [p.code, toReportProgram(p, labels)]));
    const overview = rows.map((p) => toOverviewRow(report.get(p.code)!, descendants.get(p.code) ?? []));
    const reported = new Map(extras.reported.map((r) => [r.key, r.value]));
    const rollups = buildRollups(
      overview,
      { groups: tax.groups, areas: extras.areas.map((a) => ({ code: a.code, label: { ko: a.name_ko, en: a.name_en ?? a.name_ko } })) },
      reported,
    );
    return { y, extras, stored, ordered: ordered.map((p) => report.get(p.code)!), overview, rollups };
  }

  /** The year as a document (export, and the audit's before/after of an import). */
  async function yearAsDocument(dbx: Db, year: number): Promise<YearDocument | null> {
    const y = await repo.findYear(dbx, year);
    if (!y) return null;
    const [extras, stored] = await Promise.all([repo.yearExtras(dbx, year), repo.programsOfYear(dbx, year)]);
    return {
      format: YEAR_DOCUMENT_FORMAT,
      year: y.year,
      title: y.title,
      organisationName: y.organisation_name,
      source: y.source,
      areas: extras.areas.map((a) => ({ code: a.code, nameKo: a.name_ko, nameEn: a.name_en, budgetGroup: a.budget_group as YearDocument['areas'][number]['budgetGroup'], sort: a.sort })),
      reported: extras.reported.map((r) => ({ key: r.key, value: r.value, label: r.label || null, source: r.source })),
      notes: extras.notes,
      programs: stored.map((p) => toInput(p, { version: false })),
    };
  }

  /**
   * Checks a programme's references against the database: area, parent (no loops), a code free in
   * the year, budget categories and linked organisations.
   */
  async function referenceErrors(
    dbx: Db,
    p: ProgramInput,
    at: { year: number; selfId?: string; areas?: Set<string>; prefix?: (string | number)[]; style: PathStyle; skipYearChecks?: boolean },
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const err = (segs: (string | number)[], ko: string, en: string) => errors.push({ path: pathOf([...(at.prefix ?? []), ...segs], at.style), messages: { ko, en } });
    const tax = await taxonomy(dbx);
    const categories = new Set(tax.categories.map((c) => c.key));
    p.lines.forEach((l, i) => {
      const c = clean(l.category);
      if (c && !categories.has(c)) err(['lines', i, 'category'], `알 수 없는 비목입니다: ${c}`, `Unknown budget category: ${c}`);
    });
    for (const [i, x] of p.partners.entries()) {
      if (x.organizationId && !(await organizationExists(dbx, x.organizationId))) err(['partners', i, 'organizationId'], '없는 단체입니다', 'No organisation has this id');
    }
    if (at.skipYearChecks) return errors;
    const areas = at.areas ?? new Set((await repo.areasOf(dbx, at.year)).map((a) => a.code));
    const area = clean(p.areaCode);
    if (area && !areas.has(area)) err(['areaCode'], `이 연도에 '${area}' 분야가 없습니다`, `The year has no area '${area}'`);
    const codes = await repo.codesOfYear(dbx, at.year);
    const code = p.code.trim();
    if (codes.some((c) => c.code === code && c.id !== at.selfId)) err(['code'], `이 연도에 이미 '${code}' 사업이 있습니다`, `The year already has a programme '${code}'`);
    const parent = clean(p.parentCode);
    if (parent && parent !== code) {
      const byCode = new Map(codes.map((c) => [c.code, c]));
      const oldCode = codes.find((c) => c.id === at.selfId)?.code;
      if (!byCode.has(parent) || parent === oldCode) err(['parentCode'], `이 연도에 '${parent}' 사업이 없습니다`, `The year has no programme '${parent}'`);
      else if (at.selfId) {
        // Walk up from the new parent: meeting this programme means a loop.
        let c = byCode.get(parent);
        const seen = new Set<string>();
        while (c && !seen.has(c.id)) {
          if (c.id === at.selfId) {
            err(['parentCode'], '상위 사업 코드가 순환합니다 (이 사업의 하위 사업을 상위로 둘 수 없습니다)', 'The parent codes would form a loop (a programme under this one cannot be its parent)');
            break;
          }
          seen.add(c.id);
          c = c.parent_code ? byCode.get(c.parent_code) : undefined;
        }
      }
    }
    return errors;
  }

  async function detailOf(dbx: Db, p: StoredProgram): Promise<ProgramDetail> {
    const labels = await labelsOf(dbx, await repo.areasOf(dbx, p.year));
    return { ...toReportProgram(p, labels), year: p.year, input: toInput(p) };
  }

  const auditView = (p: StoredProgram) => ({ id: p.id, year: p.year, ...toInput(p) });

  const service = {
    async taxonomy(ctx: RequestContext) {
      authorize(ctx.actor, 'program.taxonomy', undefined);
      const t = await taxonomy();
      const flat = (xs: { key: string; label: Bilingual }[]) => xs.map((x) => ({ key: x.key, labelKo: x.label.ko, labelEn: x.label.en }));
      return { budgetGroups: flat(t.groups), budgetCategories: flat(t.categories) };
    },

    async listYears(ctx: RequestContext) {
      authorize(ctx.actor, 'program_year.read', undefined);
      return { items: await repo.listYears(db) };
    },

    async createYear(ctx: RequestContext, body: { year: number; title: string; organisationName: string; areas?: AreaInput[] }) {
      authorize(ctx.actor, 'program_year.write', undefined);
      return db.transaction().execute(async (trx) => {
        if (await repo.findYear(trx, body.year)) throw conflict(`${body.year}년 사업 연도가 이미 있습니다`, `The programme year ${body.year} already exists`);
        const y = await repo.insertYear(trx, { year: body.year, title: body.title.trim(), organisation_name: body.organisationName.trim(), source: null });
        const areas = (body.areas ?? []).map((a, i): repo.AreaInsert => areaRow(body.year, a, i));
        await repo.insertYearParts(trx, areas, [], []);
        const view = {
          year: y.year,
          title: y.title,
          organisationName: y.organisation_name,
          source: y.source,
          isDemo: y.is_demo,
          areas: areas.map((a) => ({ code: a.code, nameKo: a.name_ko, nameEn: a.name_en ?? null, budgetGroup: a.budget_group, sort: a.sort as number })),
        };
        await recordAudit(trx, ctx, { action: 'program_year.create', entityType: 'program_year', entityId: String(y.year), before: null, after: view });
        return view;
      });
    },

    async getYear(ctx: RequestContext, year: number): Promise<YearDetail> {
      authorize(ctx.actor, 'program_year.read', undefined);
      const a = await assembleYear(db, year);
      return {
        year: a.y.year,
        title: a.y.title,
        organisationName: a.y.organisation_name,
        source: a.y.source,
        isDemo: a.y.is_demo,
        areas: a.extras.areas.map((x) => ({ code: x.code, nameKo: x.name_ko, nameEn: x.name_en, budgetGroup: x.budget_group, sort: x.sort })),
        overview: a.overview,
        rollups: a.rollups,
        notes: a.extras.notes,
        programs: a.ordered.map((p) => ({ id: p.id, code: p.code, name: p.name, tier: p.tier, parentCode: p.parentCode })),
      };
    },

    /** Programmes as overview-like rows, limited to what the actor may read (members: their programmes). */
    async listPrograms(ctx: RequestContext, q: ProgramsQuery): Promise<{ items: ProgramListItem[] }> {
      authorize(ctx.actor, 'program.list', undefined);
      const a = ctx.actor;
      const staff = a.kind === 'system' || (a.kind === 'user' && (a.role === 'staff' || a.role === 'admin'));
      let stored: StoredProgram[];
      if (staff) stored = q.year !== undefined ? await repo.programsOfYear(db, q.year) : await repo.allPrograms(db);
      else {
        const orgs = a.kind === 'user' ? a.memberships.map((m) => m.organizationId) : [];
        stored = await repo.programsByIds(db, await repo.programsOfOrganizations(db, orgs));
        if (q.year !== undefined) stored = stored.filter((p) => p.year === q.year);
      }
      const items: ProgramListItem[] = [];
      const years = [...new Set(stored.map((p) => p.year))].sort((x, y) => y - x);
      const needle = q.q?.toLowerCase();
      for (const year of years) {
        const ofYear = stored.filter((p) => p.year === year);
        const labels = await labelsOf(db, await repo.areasOf(db, year));
        const { ordered, descendants } = reportOrder(ofYear);
        for (const p of ordered) {
          if (q.area && p.areaCode !== q.area) continue;
          if (q.group && p.budgetGroup !== q.group) continue;
          if (needle && ![p.code, p.nameKo, p.nameEn ?? ''].some((s) => s.toLowerCase().includes(needle))) continue;
          const row = toOverviewRow(toReportProgram(p, labels), descendants.get(p.code) ?? ofYear.filter((c) => c.parentCode === p.code).map((c) => c.code));
          items.push({ ...row, year, tier: p.tier, parentCode: p.parentCode });
        }
      }
      return { items };
    },

    async getProgram(ctx: RequestContext, id: string): Promise<ProgramDetail> {
      authorize(ctx.actor, 'program.list', undefined);
      const p = await repo.programById(db, id);
      if (!p) throw missingProgram();
      authorize(ctx.actor, 'program.read', { partnerOrganizationIds: p.partners.map((x) => x.organizationId).filter((x): x is string => x !== null) });
      return detailOf(db, p);
    },

    async createProgram(ctx: RequestContext, year: number, input: ProgramInput): Promise<ProgramDetail> {
      authorize(ctx.actor, 'program.write', undefined);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.lockYear(trx, year))) throw missingYear(year);
        const errors = await referenceErrors(trx, input, { year, style: 'dot' });
        if (errors.length) throw validationProblem(errors);
        const areas = await repo.areasOf(trx, year);
        const codes = await repo.codesOfYear(trx, year);
        const id = randomUUID();
        const row = programRow(input, {
          id,
          year,
          areaId: areas.find((a) => a.code === clean(input.areaCode))?.id ?? null,
          parentId: codes.find((c) => c.code === clean(input.parentCode))?.id ?? null,
          sort: input.sort ?? (await repo.maxSort(trx, year)) + 1,
        });
        await repo.insertPrograms(trx, [row], programParts(id, input));
        const created = (await repo.programById(trx, id))!;
        await recordAudit(trx, ctx, { action: 'program.create', entityType: 'program', entityId: id, before: null, after: auditView(created) });
        return detailOf(trx, created);
      });
    },

    /** Replaces a programme with its parts in one transaction; a stale version is refused (409). */
    async updateProgram(ctx: RequestContext, id: string, input: ProgramInput): Promise<ProgramDetail> {
      authorize(ctx.actor, 'program.write', undefined);
      if (input.version === undefined) throw fieldProblem('version', '고칠 때는 읽어 온 버전(version)을 함께 보내야 합니다', 'Send the version you read when replacing a programme');
      return db.transaction().execute(async (trx) => {
        const locked = await repo.lockProgram(trx, id);
        if (!locked) throw missingProgram();
        if (locked.version !== input.version) {
          throw conflict('그 사이에 다른 사람이 이 사업을 고쳤습니다. 다시 불러온 뒤 고쳐 주세요', `Someone else changed this programme meanwhile (version ${locked.version}, yours ${input.version}); reload it and edit again`);
        }
        const errors = await referenceErrors(trx, input, { year: locked.year, selfId: id, style: 'dot' });
        if (errors.length) throw validationProblem(errors);
        const before = (await repo.programById(trx, id))!;
        const areas = await repo.areasOf(trx, locked.year);
        const codes = await repo.codesOfYear(trx, locked.year);
        const row = programRow(input, {
          id,
          year: locked.year,
          areaId: areas.find((a) => a.code === clean(input.areaCode))?.id ?? null,
          parentId: codes.find((c) => c.code === clean(input.parentCode) && c.id !== id)?.id ?? null,
          sort: input.sort ?? before.sort,
        });
        await repo.replaceProgram(trx, row, programParts(id, input));
        const after = (await repo.programById(trx, id))!;
        await recordAudit(trx, ctx, { action: 'program.update', entityType: 'program', entityId: id, before: auditView(before), after: auditView(after) });
        return detailOf(trx, after);
      });
    },

    async deleteProgram(ctx: RequestContext, id: string): Promise<void> {
      authorize(ctx.actor, 'program.write', undefined);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.lockProgram(trx, id))) throw missingProgram();
        const children = await repo.childCodes(trx, id);
        if (children.length) {
          throw conflict(`하위 사업(${children.join(', ')})이 있어 지울 수 없습니다. 먼저 옮기거나 지워 주세요`, `The programme has programmes under it (${children.join(', ')}); move or delete them first`);
        }
        const before = (await repo.programById(trx, id))!;
        await repo.deleteProgram(trx, id);
        await recordAudit(trx, ctx, { action: 'program.delete', entityType: 'program', entityId: id, before: auditView(before), after: null });
      });
    },

    async exportYear(ctx: RequestContext, year: number): Promise<YearDocument> {
      authorize(ctx.actor, 'program_year.read', undefined);
      const doc = await yearAsDocument(db, year);
      if (!doc) throw missingYear(year);
      return doc;
    },

    /**
     * Replaces a year's programme data with a YearDocument (JSON as sent, or read from a workbook):
     * every field error of the document is reported at once, with paths like
     * `programs[3].kpis[1].target`. A dry run only reports; otherwise the year is replaced in one
     * transaction, or — on any error — refused whole (400) with nothing changed.
     */
    async importYear(ctx: RequestContext, raw: unknown, opts: { dryRun: boolean; year?: number; demo?: boolean }): Promise<ImportReport> {
      authorize(ctx.actor, 'program_year.write', undefined);
      const parsed = yearDocument.safeParse(raw);
      const errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error.issues).map((e) => ({ ...e, path: bracketed(e.path) }));
      for (const i of documentIssues(raw)) errors.push({ path: pathOf(i.path, 'bracket'), messages: { ko: i.ko, en: i.en } });
      const rawDoc = (raw && typeof raw === 'object' ? raw : {}) as { programs?: unknown };
      const rawPrograms = Array.isArray(rawDoc.programs) ? (rawDoc.programs as { kpis?: unknown; lines?: unknown }[]) : [];
      const count = (k: 'kpis' | 'lines') => rawPrograms.reduce((n, p) => n + (p && Array.isArray(p[k]) ? (p[k] as unknown[]).length : 0), 0);
      if (parsed.success) {
        const doc = parsed.data;
        if (opts.year !== undefined && doc.year !== opts.year) {
          errors.push({ path: 'year', messages: { ko: `문서의 연도(${doc.year})가 가져올 연도(${opts.year})와 다릅니다`, en: `The document is for ${doc.year}, not ${opts.year}` } });
        }
        for (const [i, p] of doc.programs.entries()) errors.push(...(await referenceErrors(db, p, { year: doc.year, prefix: ['programs', i], style: 'bracket', skipYearChecks: true })));
      }
      const report = (): ImportReport => ({ dryRun: opts.dryRun, programs: rawPrograms.length, kpis: count('kpis'), lines: count('lines'), errors });
      if (errors.length && !opts.dryRun) {
        throw validationProblem(errors, {
          ko: `문서에 오류가 ${errors.length}개 있어 아무것도 가져오지 않았습니다`,
          en: `The document has ${errors.length} error${errors.length > 1 ? 's' : ''}, so nothing was imported`,
        });
      }
      if (opts.dryRun || !parsed.success) return report();
      const doc = parsed.data;
      await db.transaction().execute(async (trx) => {
        const existing = await repo.lockYear(trx, doc.year);
        const before = existing ? await yearAsDocument(trx, doc.year) : null;
        const yearCols = { title: doc.title.trim(), organisation_name: doc.organisationName.trim(), source: clean(doc.source), is_demo: opts.demo ?? false };
        if (existing) {
          await repo.clearYear(trx, doc.year);
          await repo.updateYear(trx, doc.year, yearCols);
        } else await repo.insertYear(trx, { year: doc.year, ...yearCols });
        const areas = doc.areas.map((a, i) => areaRow(doc.year, a, i));
        const reported = doc.reported.map((r) => ({ year: doc.year, key: r.key.trim(), value: r.value, label: clean(r.label) ?? '', source: clean(r.source) }));
        const notes = doc.notes.map((n, i) => ({ year: doc.year, sort: i, code: clean(n.code), kind: n.kind.trim() || 'note', scope: n.scope.trim(), text: n.text.trim(), source: clean(n.source) }));
        await repo.insertYearParts(trx, areas, reported, notes);
        const areaId = new Map(areas.map((a) => [a.code, a.id]));
        const programId = new Map(doc.programs.map((p) => [p.code.trim(), randomUUID()]));
        // Parents before children, so that every parent link points to a row already written.
        const depth = (p: ProgramInput) => {
          let d = 0;
          let parent = clean(p.parentCode);
          const byCode = new Map(doc.programs.map((x) => [x.code.trim(), x]));
          while (parent && byCode.has(parent) && d < 100) {
            d += 1;
            parent = clean(byCode.get(parent)!.parentCode);
          }
          return d;
        };
        const order = doc.programs.map((p, i) => ({ p, i, d: depth(p) })).sort((x, y) => x.d - y.d || x.i - y.i);
        const rows: repo.ProgramInsert[] = [];
        const parts: repo.ProgramParts = { kpis: [], lines: [], transfers: [], tasks: [], partners: [] };
        for (const { p, i } of order) {
          const id = programId.get(p.code.trim())!;
          rows.push(programRow(p, { id, year: doc.year, areaId: areaId.get(clean(p.areaCode) ?? '') ?? null, parentId: programId.get(clean(p.parentCode) ?? '') ?? null, sort: p.sort ?? i }));
          const pp = programParts(id, p);
          parts.kpis.push(...pp.kpis);
          parts.lines.push(...pp.lines);
          parts.transfers.push(...pp.transfers);
          parts.tasks.push(...pp.tasks);
          parts.partners.push(...pp.partners);
        }
        // All top-level lines of all programmes before any sub-line.
        parts.lines = [...parts.lines.filter((l) => !l.parent_id), ...parts.lines.filter((l) => l.parent_id)];
        await repo.insertPrograms(trx, rows, parts);
        const after = await yearAsDocument(trx, doc.year);
        await recordAudit(trx, ctx, { action: 'program_year.import', entityType: 'program_year', entityId: String(doc.year), before, after });
      });
      return report();
    },

    /** The year as an XLSX workbook with a sheet per entity (see workbook.ts). */
    async exportYearWorkbook(ctx: RequestContext, year: number): Promise<Buffer> {
      return yearDocumentToXlsx(await service.exportYear(ctx, year));
    },

    /**
     * Imports a year from a workbook: the cells are read into a YearDocument and imported like a
     * JSON document, all or nothing; every error names the sheet, row and column it came from
     * (성과지표[7].target) instead of the document path.
     */
    async importYearWorkbook(ctx: RequestContext, data: Buffer, opts: { dryRun: boolean; year?: number }): Promise<ImportReport> {
      authorize(ctx.actor, 'program_year.write', undefined);
      const read = await xlsxToYearDocument(data);
      const relocate = (errors: readonly FieldError[]) => errors.map((e) => ({ ...e, path: locate(e.path, read.origins) }));
      if (read.errors.length) {
        const programs = Array.isArray(read.doc.programs) ? (read.doc.programs as { kpis: unknown[]; lines: unknown[] }[]) : [];
        const report: ImportReport = {
          dryRun: opts.dryRun,
          programs: programs.length,
          kpis: programs.reduce((n, p) => n + p.kpis.length, 0),
          lines: programs.reduce((n, p) => n + p.lines.length, 0),
          // what the cells say plus what the document checks say about the cells that could be read
          errors: [...read.errors, ...relocate((await service.importYear(ctx, read.doc, { ...opts, dryRun: true })).errors)],
        };
        if (opts.dryRun) return report;
        throw validationProblem(report.errors, { ko: `파일에 오류가 ${report.errors.length}개 있어 아무것도 가져오지 않았습니다`, en: `The file has ${report.errors.length} error${report.errors.length > 1 ? 's' : ''}, so nothing was imported` });
      }
      try {
        const report = await service.importYear(ctx, read.doc, opts);
        return { ...report, errors: relocate(report.errors) };
      } catch (e) {
        if (e instanceof Problem && e.errors.length) throw validationProblem(relocate(e.errors), e.detail);
        throw e;
      }
    },

    /** The annual performance report as data, for the writers (HTML, PDF, XLSX, HWPX). */
    async buildAnnualReport(ctx: RequestContext, year: number): Promise<AnnualReport> {
      authorize(ctx.actor, 'program_year.read', undefined);
      const a = await assembleYear(db, year);
      return {
        year: a.y.year,
        title: a.y.title,
        organisationName: a.y.organisation_name,
        generatedAt: new Date().toISOString(),
        months: gridMonths(a.y.year, a.stored),
        areas: a.extras.areas.map((x) => ({ code: x.code, name: x.name_ko, nameEn: x.name_en, budgetGroup: x.budget_group })),
        overview: a.overview,
        rollups: a.rollups,
        programs: a.ordered,
        notes: a.extras.notes,
        source: a.y.source,
        chapters: await Promise.all((options.chapters ?? []).map((chapter) => chapter(ctx, year))),
      };
    },

    /** Removes every year marked as demo data, with its programmes (`sehub demo remove`). */
    async removeDemoYears(ctx: RequestContext): Promise<number> {
      authorize(ctx.actor, 'program_year.write', undefined);
      return db.transaction().execute(async (trx) => {
        const years = await repo.demoYears(trx);
        for (const year of years) {
          const before = await yearAsDocument(trx, year);
          await repo.deleteYear(trx, year);
          await recordAudit(trx, ctx, { action: 'program_year.demo_remove', entityType: 'program_year', entityId: String(year), before, after: null });
        }
        return years.length;
      });
    },

    /** Whether any programme year exists (demo seeding runs once). */
    async hasYears(): Promise<boolean> {
      return (await repo.listYears(db)).length > 0;
    },
  };
  return service;
}

export type ProgramsService = ReturnType<typeof createProgramsService>;
