import { sql } from 'kysely';
import type { Database, Db } from '../../../db/engine.ts';
import { arrayLiteral } from '../../../db/bulk.ts';
import type { RequestContext } from '../../../kernel/context.ts';
import { normalizeForSearch } from '../../../kernel/hangul.ts';
import { authorize, isStaff } from '../../../kernel/policy.ts';
import { conflict, fieldProblem, notFound } from '../../../kernel/problem.ts';
import { recordAudit } from '../../audit/index.ts';
import { officerInstitutionIds, recordsScope } from '../access.ts';
import '../policy.ts';
import { recomputeAggregates } from './aggregates.ts';
import { IMPORT_LOCK, importRecords, type ImportInput, type ImportSummary } from './importer.ts';
import { loadDirectory } from './matching.ts';
import { institutionNameKey, supplierNameKey } from './names.ts';
import type { CreateInstitutionInput, InstitutionOut, PutTargetInput, UpdateInstitutionInput } from './schema.ts';
import { CONTRACT_TYPES, METHODS } from './taxonomy.ts';

export interface RecordsDeps {
  database: Database;
}

interface InstitutionRow {
  id: string;
  code: string | null;
  name: string;
  kind: InstitutionOut['kind'];
  district_code: string | null;
  records_public: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function presentInstitution(r: InstitutionRow, officerOf: Set<string>): InstitutionOut {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    districtCode: r.district_code,
    recordsPublic: r.records_public,
    officer: officerOf.has(r.id),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

interface ImportRow {
  id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  status: 'committed' | 'undone';
  rows: number;
  amount: number;
  matched_rows: number;
  years: number[];
  first_id: number | null;
  last_id: number | null;
  unmatched: ImportSummary['unmatched'];
  new_institutions: ImportSummary['newInstitutions'];
  created_by: string | null;
  created_at: Date | string;
  undone_at: Date | string | null;
  seo_rows: number;
  seo_amount: number | string;
}

function presentImport(r: ImportRow): ImportSummary {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    status: r.status,
    rows: r.rows,
    amount: Number(r.amount),
    matchedRows: r.matched_rows,
    seoRows: r.seo_rows,
    seoAmount: Number(r.seo_amount),
    years: r.years,
    unmatched: r.unmatched,
    unmatchedCount: r.unmatched.length,
    newInstitutions: r.new_institutions,
    errors: [],
    errorCount: 0,
    firstId: r.first_id === null ? null : Number(r.first_id),
    lastId: r.last_id === null ? null : Number(r.last_id),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    undoneAt: iso(r.undone_at),
  };
}

const userId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * Purchase records: the bulk import and what keeps it honest (undo, re-match), the buying
 * institutions and their officers, the taxonomy, and purchasing targets.
 */
export function createRecordsService(deps: RecordsDeps) {
  const { database } = deps;
  const db: Db = database.db;

  async function officerSet(ctx: RequestContext): Promise<Set<string>> {
    const id = userId(ctx);
    return new Set(id ? await officerInstitutionIds(db, id) : []);
  }

  async function institutionRow(trx: Db, id: string): Promise<InstitutionRow> {
    const r = await sql<InstitutionRow>`SELECT * FROM procurement_institutions WHERE id = ${id}`.execute(trx);
    if (!r.rows[0]) throw notFound('기관을 찾을 수 없습니다', 'No such institution');
    return r.rows[0];
  }

  async function checkDistrict(trx: Db, code: string | null | undefined): Promise<void> {
    if (!code) return;
    const r = await sql`SELECT 1 FROM districts WHERE code = ${code}`.execute(trx);
    if (!r.rows.length) throw fieldProblem('districtCode', '알 수 없는 자치구 코드입니다', 'Unknown district code');
  }

  async function uniqueFailure<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const detail = String((error as { constraint?: string; detail?: string }).constraint ?? (error as Error).message);
        if (detail.includes('code')) throw fieldProblem('code', '같은 기관코드를 가진 기관이 이미 있습니다', 'An institution with this code already exists');
        throw fieldProblem('name', '같은 이름의 기관이 이미 있습니다', 'An institution with this name already exists');
      }
      throw error;
    }
  }

  return {
    /** Imports a file (staff): see importer.ts. */
    importRecords: (ctx: RequestContext, input: ImportInput) => importRecords(database, ctx, input),

    async listImports(ctx: RequestContext): Promise<ImportSummary[]> {
      authorize(ctx.actor, 'procurement.import', undefined);
      const r = await sql<ImportRow>`SELECT * FROM procurement_imports ORDER BY created_at DESC, id LIMIT 200`.execute(db);
      return r.rows.map(presentImport);
    },

    async getImport(ctx: RequestContext, id: string): Promise<ImportSummary> {
      authorize(ctx.actor, 'procurement.import', undefined);
      const r = await sql<ImportRow>`SELECT * FROM procurement_imports WHERE id = ${id}`.execute(db);
      if (!r.rows[0]) throw notFound('가져오기 기록을 찾을 수 없습니다', 'No such import');
      return presentImport(r.rows[0]);
    },

    /** Takes an import's records out again and brings its years' aggregates back to the records. */
    async undoImport(ctx: RequestContext, id: string): Promise<ImportSummary> {
      authorize(ctx.actor, 'procurement.import', undefined);
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
        const r = await sql<ImportRow>`SELECT * FROM procurement_imports WHERE id = ${id} FOR UPDATE`.execute(trx);
        const before = r.rows[0];
        if (!before) throw notFound('가져오기 기록을 찾을 수 없습니다', 'No such import');
        if (before.status === 'undone') throw conflict('이미 되돌린 가져오기입니다', 'This import was already undone');
        let deleted = 0;
        if (before.first_id !== null && before.last_id !== null) {
          const d = await sql`DELETE FROM procurement_records WHERE id BETWEEN ${before.first_id} AND ${before.last_id}`.execute(trx);
          deleted = Number(d.numAffectedRows ?? 0);
        }
        await recomputeAggregates(trx, before.years);
        const after = await sql<ImportRow>`UPDATE procurement_imports SET status = 'undone', undone_at = now() WHERE id = ${id} RETURNING *`.execute(trx);
        await recordAudit(trx, ctx, {
          action: 'procurement.import.undo',
          entityType: 'procurement_import',
          entityId: id,
          before: { status: before.status, rows: before.rows },
          after: { status: 'undone', deletedRows: deleted, years: before.years },
        });
        return presentImport(after.rows[0]!);
      });
    },

    /**
     * Matches again the records whose supplier the directory did not know (organisations added since,
     * registration numbers corrected) and recomputes the aggregates of the years that changed.
     */
    async rematch(ctx: RequestContext): Promise<{ matchedRows: number; suppliers: number; years: number[] }> {
      authorize(ctx.actor, 'procurement.import', undefined);
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
        const directory = await loadDirectory(trx);
        const open = await sql<{ name: string; reg: string | null }>`
          SELECT DISTINCT supplier_name AS name, supplier_reg_no AS reg FROM procurement_records WHERE supplier_org_id IS NULL`.execute(trx);
        const names: string[] = [];
        const regs: (string | null)[] = [];
        const orgs: string[] = [];
        const types: string[] = [];
        const seos: boolean[] = [];
        for (const s of open.rows) {
          const m = directory.match(s.reg, supplierNameKey(s.name));
          if (!m) continue;
          names.push(s.name);
          regs.push(s.reg);
          orgs.push(m.id);
          types.push(m.typeKey);
          seos.push(m.seo);
        }
        let matchedRows = 0;
        let years: number[] = [];
        if (names.length) {
          const u = await sql<{ year: number; n: number }>`
            WITH m AS (
              SELECT * FROM unnest(${arrayLiteral(names)}::text[], ${arrayLiteral(regs)}::text[], ${arrayLiteral(orgs)}::uuid[], ${arrayLiteral(types)}::text[],
                ${arrayLiteral(seos.map((b) => (b ? 'true' : 'false')))}::boolean[]) AS m(name, reg, org, type, seo)
            ), changed AS (
              UPDATE procurement_records r SET supplier_org_id = m.org, supplier_type = m.type, seo = m.seo
              FROM m WHERE r.supplier_org_id IS NULL AND r.supplier_name = m.name AND r.supplier_reg_no IS NOT DISTINCT FROM m.reg
              RETURNING r.year
            )
            SELECT year, count(*)::int AS n FROM changed GROUP BY year ORDER BY year`.execute(trx);
          years = u.rows.map((x) => x.year);
          matchedRows = u.rows.reduce((a, x) => a + x.n, 0);
          await recomputeAggregates(trx, years);
        }
        const result = { matchedRows, suppliers: names.length, years };
        await recordAudit(trx, ctx, { action: 'procurement.rematch', entityType: 'procurement_records', entityId: null, before: null, after: result });
        return result;
      });
    },

    async listInstitutions(ctx: RequestContext, q: { q?: string; kind?: InstitutionOut['kind'] }): Promise<{ items: InstitutionOut[]; total: number }> {
      authorize(ctx.actor, 'procurement.records.read', undefined);
      const key = q.q ? `%${normalizeForSearch(q.q).replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
      const r = await sql<InstitutionRow>`
        SELECT * FROM procurement_institutions
        WHERE (${key}::text IS NULL OR name_key LIKE ${key} OR code ILIKE ${key})
          AND (${q.kind ?? null}::text IS NULL OR kind = ${q.kind ?? null})
        ORDER BY CASE kind WHEN 'city' THEN 0 WHEN 'district' THEN 1 WHEN 'agency' THEN 2 WHEN 'office' THEN 3 ELSE 4 END, name`.execute(db);
      const officers = await officerSet(ctx);
      return { items: r.rows.map((x) => presentInstitution(x, officers)), total: r.rows.length };
    },

    async getInstitution(ctx: RequestContext, id: string): Promise<InstitutionOut> {
      authorize(ctx.actor, 'procurement.records.read', undefined);
      return presentInstitution(await institutionRow(db, id), await officerSet(ctx));
    },

    async createInstitution(ctx: RequestContext, input: CreateInstitutionInput): Promise<InstitutionOut> {
      authorize(ctx.actor, 'procurement.institution.manage', undefined);
      return uniqueFailure(() =>
        db.transaction().execute(async (trx) => {
          await checkDistrict(trx, input.districtCode);
          const r = await sql<InstitutionRow>`
            INSERT INTO procurement_institutions (code, name, name_key, kind, district_code, records_public)
            VALUES (${input.code ?? null}, ${input.name}, ${institutionNameKey(input.name)}, ${input.kind}, ${input.districtCode ?? null}, ${input.recordsPublic ?? true})
            RETURNING *`.execute(trx);
          const out = presentInstitution(r.rows[0]!, new Set());
          await recordAudit(trx, ctx, { action: 'procurement.institution.create', entityType: 'procurement_institution', entityId: out.id, before: null, after: out });
          return out;
        }),
      );
    },

    async updateInstitution(ctx: RequestContext, id: string, input: UpdateInstitutionInput): Promise<InstitutionOut> {
      authorize(ctx.actor, 'procurement.institution.manage', undefined);
      const officers = await officerSet(ctx);
      return uniqueFailure(() =>
        db.transaction().execute(async (trx) => {
          const before = presentInstitution(await institutionRow(trx, id), new Set());
          await checkDistrict(trx, input.districtCode);
          const name = input.name ?? before.name;
          const r = await sql<InstitutionRow>`
            UPDATE procurement_institutions SET
              name = ${name}, name_key = ${institutionNameKey(name)},
              code = ${input.code === undefined ? before.code : input.code},
              kind = ${input.kind ?? before.kind},
              district_code = ${input.districtCode === undefined ? before.districtCode : input.districtCode},
              records_public = ${input.recordsPublic ?? before.recordsPublic},
              updated_at = now()
            WHERE id = ${id} RETURNING *`.execute(trx);
          const after = presentInstitution(r.rows[0]!, new Set());
          await recordAudit(trx, ctx, { action: 'procurement.institution.update', entityType: 'procurement_institution', entityId: id, before, after });
          return presentInstitution(r.rows[0]!, officers);
        }),
      );
    },

    async listOfficers(ctx: RequestContext, institutionId: string) {
      authorize(ctx.actor, 'procurement.institution.manage', undefined);
      await institutionRow(db, institutionId);
      const r = await sql<{ user_id: string; email: string; display_name: string; created_at: Date | string }>`
        SELECT o.user_id, u.email, u.display_name, o.created_at FROM procurement_officers o JOIN users u ON u.id = o.user_id
        WHERE o.institution_id = ${institutionId} ORDER BY u.display_name, u.email`.execute(db);
      return { items: r.rows.map((x) => ({ userId: x.user_id, email: x.email, displayName: x.display_name, createdAt: iso(x.created_at)! })) };
    },

    async addOfficer(ctx: RequestContext, institutionId: string, body: { email?: string; userId?: string }) {
      authorize(ctx.actor, 'procurement.institution.manage', undefined);
      return db.transaction().execute(async (trx) => {
        await institutionRow(trx, institutionId);
        const u = body.userId
          ? await sql<{ id: string; email: string; display_name: string }>`SELECT id, email, display_name FROM users WHERE id = ${body.userId}`.execute(trx)
          : await sql<{ id: string; email: string; display_name: string }>`SELECT id, email, display_name FROM users WHERE email = ${body.email!.toLowerCase()}`.execute(trx);
        const user = u.rows[0];
        if (!user) throw fieldProblem(body.userId ? 'userId' : 'email', '그런 사용자가 없습니다. 먼저 가입해야 합니다', 'No such user; they need an account first');
        const r = await sql<{ created_at: Date | string }>`
          INSERT INTO procurement_officers (institution_id, user_id) VALUES (${institutionId}, ${user.id})
          ON CONFLICT DO NOTHING RETURNING created_at`.execute(trx);
        if (!r.rows[0]) throw conflict('이미 이 기관의 구매담당자입니다', 'Already an officer of this institution');
        const out = { userId: user.id, email: user.email, displayName: user.display_name, createdAt: iso(r.rows[0].created_at)! };
        await recordAudit(trx, ctx, { action: 'procurement.officer.add', entityType: 'procurement_institution', entityId: institutionId, before: null, after: { userId: user.id } });
        return out;
      });
    },

    async removeOfficer(ctx: RequestContext, institutionId: string, officerUserId: string): Promise<void> {
      authorize(ctx.actor, 'procurement.institution.manage', undefined);
      await db.transaction().execute(async (trx) => {
        const r = await sql`DELETE FROM procurement_officers WHERE institution_id = ${institutionId} AND user_id = ${officerUserId}`.execute(trx);
        if (!Number(r.numAffectedRows ?? 0)) throw notFound('이 기관의 구매담당자가 아닙니다', 'Not an officer of this institution');
        await recordAudit(trx, ctx, { action: 'procurement.officer.remove', entityType: 'procurement_institution', entityId: institutionId, before: { userId: officerUserId }, after: null });
      });
    },

    /** The institutions the signed-in user is a purchasing officer of. */
    async myInstitutions(ctx: RequestContext): Promise<{ items: InstitutionOut[]; total: number }> {
      const id = userId(ctx);
      if (!id) return { items: [], total: 0 };
      const r = await sql<InstitutionRow>`
        SELECT i.* FROM procurement_institutions i JOIN procurement_officers o ON o.institution_id = i.id
        WHERE o.user_id = ${id} ORDER BY i.name`.execute(db);
      const all = new Set(r.rows.map((x) => x.id));
      return { items: r.rows.map((x) => presentInstitution(x, all)), total: r.rows.length };
    },

    async taxonomy() {
      const cats = await sql<{ code: string; kind: 'product' | 'service'; label_ko: string; label_en: string; sort: number }>`
        SELECT code, kind, label_ko, label_en, sort FROM procurement_categories ORDER BY sort`.execute(db);
      const items = await sql<{ code: string; label_ko: string; label_en: string; category_code: string; priority_order: number | null; aliases: string[] }>`
        SELECT code, label_ko, label_en, category_code, priority_order, aliases FROM procurement_items
        ORDER BY priority_order NULLS LAST, label_ko`.execute(db);
      return {
        categories: cats.rows.map((c) => ({ code: c.code, kind: c.kind, label: { ko: c.label_ko, en: c.label_en }, sort: c.sort })),
        items: items.rows.map((i) => ({ code: i.code, label: { ko: i.label_ko, en: i.label_en }, categoryCode: i.category_code, priorityOrder: i.priority_order, aliases: i.aliases })),
        methods: Object.entries(METHODS).map(([key, label]) => ({ key, label })),
        contractTypes: Object.entries(CONTRACT_TYPES).map(([key, label]) => ({ key, label })),
      };
    },

    /**
     * Targets: city-wide ones and those of public institutions for anyone; an institution's private
     * ones for its officers; all for staff.
     */
    async listTargets(ctx: RequestContext, q: { year?: number; institutionId?: string }) {
      authorize(ctx.actor, 'procurement.records.read', undefined);
      const scope = await recordsScope(db, ctx.actor);
      const allowed = scope.all ? null : scope.institutionIds;
      const r = await sql<{
        id: string;
        year: number;
        institution_id: string | null;
        institution_name: string | null;
        item_code: string | null;
        amount: number;
        note: string | null;
        created_at: Date | string;
        updated_at: Date | string;
      }>`
        SELECT t.*, i.name AS institution_name FROM procurement_targets t LEFT JOIN procurement_institutions i ON i.id = t.institution_id
        WHERE (${q.year ?? null}::int IS NULL OR t.year = ${q.year ?? null})
          AND (${q.institutionId ?? null}::uuid IS NULL OR t.institution_id = ${q.institutionId ?? null})
          AND (${allowed === null} OR t.institution_id IS NULL OR t.institution_id = ANY(${arrayLiteral(allowed ?? [])}::uuid[]))
        ORDER BY t.year DESC, i.name NULLS FIRST, t.item_code NULLS FIRST`.execute(db);
      return {
        items: r.rows.map((t) => ({
          id: t.id,
          year: t.year,
          institutionId: t.institution_id,
          institutionName: t.institution_name,
          itemCode: t.item_code,
          amount: Number(t.amount),
          note: t.note,
          createdAt: iso(t.created_at)!,
          updatedAt: iso(t.updated_at)!,
        })),
      };
    },

    async putTarget(ctx: RequestContext, input: PutTargetInput) {
      authorize(ctx.actor, 'procurement.target.manage', undefined);
      return db.transaction().execute(async (trx) => {
        if (input.institutionId) await institutionRow(trx, input.institutionId);
        if (input.itemCode) {
          const it = await sql`SELECT 1 FROM procurement_items WHERE code = ${input.itemCode}`.execute(trx);
          if (!it.rows.length) throw fieldProblem('itemCode', '알 수 없는 품목입니다', 'Unknown item');
        }
        const inst = input.institutionId ?? null;
        const item = input.itemCode ?? null;
        const before = await sql<{ id: string; amount: number; note: string | null }>`
          SELECT id, amount, note FROM procurement_targets
          WHERE year = ${input.year} AND institution_id IS NOT DISTINCT FROM ${inst}::uuid AND item_code IS NOT DISTINCT FROM ${item}::text`.execute(trx);
        const r = await sql<{ id: string }>`
          INSERT INTO procurement_targets (year, institution_id, item_code, amount, note)
          VALUES (${input.year}, ${inst}, ${item}, ${input.amount}, ${input.note ?? null})
          ON CONFLICT (year, institution_id, item_code) DO UPDATE SET amount = excluded.amount, note = excluded.note, updated_at = now()
          RETURNING id`.execute(trx);
        const id = r.rows[0]!.id;
        await recordAudit(trx, ctx, {
          action: before.rows[0] ? 'procurement.target.update' : 'procurement.target.create',
          entityType: 'procurement_target',
          entityId: id,
          before: before.rows[0] ? { amount: Number(before.rows[0].amount), note: before.rows[0].note } : null,
          after: { year: input.year, institutionId: inst, itemCode: item, amount: input.amount, note: input.note ?? null },
        });
        return id;
      });
    },

    async getTarget(ctx: RequestContext, id: string) {
      const list = await this.listTargets(ctx, {});
      const t = list.items.find((x) => x.id === id);
      if (!t) throw notFound('목표를 찾을 수 없습니다', 'No such target');
      return t;
    },

    async deleteTarget(ctx: RequestContext, id: string): Promise<void> {
      authorize(ctx.actor, 'procurement.target.manage', undefined);
      await db.transaction().execute(async (trx) => {
        const r = await sql<{ year: number; institution_id: string | null; item_code: string | null; amount: number }>`
          DELETE FROM procurement_targets WHERE id = ${id} RETURNING year, institution_id, item_code, amount`.execute(trx);
        if (!r.rows[0]) throw notFound('목표를 찾을 수 없습니다', 'No such target');
        await recordAudit(trx, ctx, { action: 'procurement.target.delete', entityType: 'procurement_target', entityId: id, before: { ...r.rows[0], amount: Number(r.rows[0].amount) }, after: null });
      });
    },

    /** Whether the actor may see an institution's private figures (officer or staff). */
    async canReadPrivate(ctx: RequestContext, institutionId: string): Promise<boolean> {
      if (ctx.actor.kind === 'system') return true;
      if (ctx.actor.kind !== 'user') return false;
      if (isStaff(ctx.actor)) return true;
      return (await officerSet(ctx)).has(institutionId);
    },
  };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
