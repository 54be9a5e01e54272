import type { Db } from '../../../db/engine.ts';
import type { Actor, RequestContext } from '../../../kernel/context.ts';
import { authorize } from '../../../kernel/policy.ts';
import { fieldProblem, forbidden, notFound } from '../../../kernel/problem.ts';
import { recordsScope } from '../access.ts';
import {
  CONTRACT_TYPE_LABELS,
  METHOD_LABELS,
  OTHER_ITEM_LABEL,
  PRINTED_2013,
  SEO_TYPES,
  SUPPLIER_TYPE_LABELS,
  label,
  privateRowName,
  supplierTypeLabel,
  type Bilingual,
} from './labels.ts';
import { q, recordsPageQuery, recordsTotalQuery, run, type RecordFilter } from './repository.ts';
import type {
  ByCategory,
  ByInstitution,
  ByItem,
  ByMethod,
  Concentration,
  InstitutionItems,
  PriorityItems,
  RecordsPage,
  RecordsQuery,
  Summary,
  Targets,
} from './schema.ts';

/** part ÷ whole × 100, or null when there is no whole. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? (part * 100) / whole : null);
const isSeoType = (t: string) => (SEO_TYPES as readonly string[]).includes(t);

export interface Institution {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  records_public: boolean;
}

interface Catalogue {
  items: Map<string, { code: string; label: Bilingual; categoryCode: string; priorityOrder: number | null }>;
  categories: Map<string, { code: string; kind: 'product' | 'service'; label: Bilingual; sort: number }>;
}

/** What the caller may see: every institution except `hidden` (private ones they are no officer of). */
export interface Visibility {
  hidden: Set<string>;
}

export function createAnalyticsService(db: Db) {
  let catalogue: Promise<Catalogue> | undefined;
  const taxonomy = () =>
    (catalogue ??= (async () => {
      const items = await run<{ code: string; label_ko: string; label_en: string; category_code: string; priority_order: number | null }>(db, {
        sql: 'SELECT code, label_ko, label_en, category_code, priority_order FROM procurement_items ORDER BY priority_order NULLS LAST, code',
        params: [],
      });
      const cats = await run<{ code: string; kind: 'product' | 'service'; label_ko: string; label_en: string; sort: number }>(db, {
        sql: 'SELECT code, kind, label_ko, label_en, sort FROM procurement_categories ORDER BY sort',
        params: [],
      });
      return {
        items: new Map(items.map((i) => [i.code, { code: i.code, label: { ko: i.label_ko, en: i.label_en }, categoryCode: i.category_code, priorityOrder: i.priority_order }])),
        categories: new Map(cats.map((c) => [c.code, { code: c.code, kind: c.kind, label: { ko: c.label_ko, en: c.label_en }, sort: c.sort }])),
      };
    })().catch((e: unknown) => {
      catalogue = undefined;
      throw e;
    }));

  const itemLabel = (cat: Catalogue, itemCode: string, categoryCode: string): Bilingual => {
    if (itemCode) return cat.items.get(itemCode)?.label ?? { ko: itemCode, en: itemCode };
    const c = cat.categories.get(categoryCode);
    return c ? { ko: `기타 (품목 미분류: ${c.label.ko})`, en: `other (item not recognised: ${c.label.en})` } : OTHER_ITEM_LABEL;
  };

  async function visibility(actor: Actor): Promise<Visibility> {
    authorize(actor, 'procurement.records.read', undefined);
    const scope = await recordsScope(db, actor);
    if (scope.all) return { hidden: new Set() };
    const privates = await run<{ id: string }>(db, { sql: 'SELECT id FROM procurement_institutions WHERE NOT records_public', params: [] });
    const seen = new Set(scope.institutionIds);
    return { hidden: new Set(privates.map((p) => p.id).filter((id) => !seen.has(id))) };
  }

  /** The institution asked for: 400 (query) / 404 (path) when unknown, 403 when its records are hidden from the caller. */
  async function institution(v: Visibility, id: string, asked: 'query' | 'path'): Promise<Institution> {
    const [inst] = await run<Institution>(db, { sql: 'SELECT id, name, kind, code, records_public FROM procurement_institutions WHERE id = $1', params: [id] });
    if (!inst) {
      if (asked === 'path') throw notFound('기관을 찾을 수 없습니다', 'No such institution');
      throw fieldProblem('query.institutionId', '알 수 없는 기관입니다', 'Unknown institution');
    }
    if (v.hidden.has(id)) {
      throw forbidden({ ko: '이 기관의 구매실적은 공개되지 않았습니다 (기관 구매담당자와 센터 직원만 볼 수 있습니다)', en: "This institution's purchase records are not public (its officers and the centre's staff only)" });
    }
    return inst;
  }

  async function scoped(ctx: RequestContext, institutionId: string | undefined) {
    const v = await visibility(ctx.actor);
    const inst = institutionId ? await institution(v, institutionId, 'query') : undefined;
    return { v, inst };
  }

  const concentrationOf = (n: number, amount: number, squares: number, top10: number): Concentration => ({
    suppliers: n,
    amount,
    top10Amount: top10,
    top10Share: percent(top10, amount),
    hhi: amount > 0 ? (squares / (amount * amount)) * 10_000 : null,
  });

  async function seoTotals(year: number, institutionId?: string) {
    const rows = await run<{ supplier_type: string; amount: number; records: number }>(db, q.totals(year, institutionId));
    return rows;
  }

  return {
    async summary(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<Summary> {
      const { inst } = await scoped(ctx, f.institutionId);
      const [years, totals, months, conc, target] = await Promise.all([
        run<{ year: number }>(db, q.years(f.institutionId)),
        seoTotals(f.year, f.institutionId),
        run<{ month: number; amount: number; seo_amount: number }>(db, q.byMonth(f.year, f.institutionId)),
        run<{ seo: boolean; suppliers: number; amount: number; squares: number; top10: number; seo_top10: number }>(db, q.concentration(f.year, f.institutionId)),
        run<{ amount: number }>(db, {
          sql: 'SELECT amount FROM procurement_targets WHERE year = $1 AND institution_id IS NOT DISTINCT FROM $2::uuid AND item_code IS NULL',
          params: [f.year, f.institutionId ?? null],
        }),
      ]);
      const total = { amount: 0, records: 0 };
      const seo = { amount: 0, records: 0 };
      for (const r of totals) {
        total.amount += r.amount;
        total.records += r.records;
        if (isSeoType(r.supplier_type)) {
          seo.amount += r.amount;
          seo.records += r.records;
        }
      }
      const order = [...Object.keys(SUPPLIER_TYPE_LABELS)];
      const byType = totals
        .filter((r) => r.amount > 0 || r.records > 0)
        .sort((a, b) => (order.indexOf(a.supplier_type) + 1 || 99) - (order.indexOf(b.supplier_type) + 1 || 99) || a.supplier_type.localeCompare(b.supplier_type));
      const seoSide = conc.find((c) => c.seo);
      const all = conc.reduce((a, c) => ({ n: a.n + c.suppliers, amount: a.amount + c.amount, squares: a.squares + c.squares }), { n: 0, amount: 0, squares: 0 });
      const month = new Map(months.map((m) => [m.month, m]));
      const t = target[0]?.amount;
      return {
        year: f.year,
        institution: inst ? { id: inst.id, name: inst.name, kind: inst.kind } : null,
        years: years.map((y) => y.year),
        total,
        seo: { ...seo, share: percent(seo.amount, total.amount) },
        target: t ? { amount: t, achievement: percent(seo.amount, t) } : null,
        byMonth: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, amount: month.get(i + 1)?.amount ?? 0, seoAmount: month.get(i + 1)?.seo_amount ?? 0 })),
        bySupplierType: byType.map((r) => ({ type: r.supplier_type, label: supplierTypeLabel(r.supplier_type), seo: isSeoType(r.supplier_type), amount: r.amount, records: r.records })),
        concentration: {
          all: concentrationOf(all.n, all.amount, all.squares, conc[0]?.top10 ?? 0),
          seo: concentrationOf(seoSide?.suppliers ?? 0, seoSide?.amount ?? 0, seoSide?.squares ?? 0, conc[0]?.seo_top10 ?? 0),
        },
      };
    },

    async byInstitution(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<ByInstitution> {
      const { v } = await scoped(ctx, f.institutionId);
      const rows = await run<{ institution_id: string; name: string; kind: string; amount: number; seo_amount: number; target: number | null }>(
        db,
        q.byInstitution(f.year, f.institutionId),
      );
      const out: ByInstitution['rows'] = [];
      const merged = { n: 0, amount: 0, seoAmount: 0 };
      for (const r of rows) {
        if (v.hidden.has(r.institution_id)) {
          merged.n++;
          merged.amount += r.amount;
          merged.seoAmount += r.seo_amount;
          continue;
        }
        out.push({
          institutionId: r.institution_id,
          name: { ko: r.name, en: r.name },
          kind: r.kind,
          institutions: 1,
          amount: r.amount,
          seoAmount: r.seo_amount,
          share: percent(r.seo_amount, r.amount),
          target: r.target,
          achievement: r.target ? percent(r.seo_amount, r.target) : null,
        });
      }
      if (merged.n) {
        // Their targets stay private too.
        out.push({
          institutionId: null,
          name: privateRowName(merged.n),
          kind: null,
          institutions: merged.n,
          amount: merged.amount,
          seoAmount: merged.seoAmount,
          share: percent(merged.seoAmount, merged.amount),
          target: null,
          achievement: null,
        });
        out.sort((a, b) => b.amount - a.amount);
      }
      return { year: f.year, rows: out };
    },

    async byCategory(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<ByCategory> {
      await scoped(ctx, f.institutionId);
      const rows = await run<{ code: string; kind: 'product' | 'service'; label_ko: string; label_en: string; amount: number; seo_amount: number; records: number }>(
        db,
        q.byCategory(f.year, f.institutionId),
      );
      return {
        year: f.year,
        rows: rows.map((r) => ({
          code: r.code,
          kind: r.kind,
          label: { ko: r.label_ko, en: r.label_en },
          amount: r.amount,
          seoAmount: r.seo_amount,
          share: percent(r.seo_amount, r.amount),
          records: r.records,
        })),
      };
    },

    async byItem(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<ByItem> {
      await scoped(ctx, f.institutionId);
      const [cat, rows] = await Promise.all([
        taxonomy(),
        run<{ category_code: string; item_code: string; amount: number; seo_amount: number; records: number }>(db, q.byItem(f.year, f.institutionId)),
      ]);
      return { year: f.year, rows: foldItems(cat, rows, itemLabel) };
    },

    async byMethod(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<ByMethod> {
      await scoped(ctx, f.institutionId);
      const rows = await run<{ method: string; contract_type: string; amount: number; seo_amount: number; records: number }>(db, q.byMethod(f.year, f.institutionId));
      return {
        year: f.year,
        rows: rows.map((r) => ({
          method: r.method,
          contractType: r.contract_type,
          methodLabel: label(METHOD_LABELS, r.method),
          contractTypeLabel: label(CONTRACT_TYPE_LABELS, r.contract_type),
          amount: r.amount,
          seoAmount: r.seo_amount,
          share: percent(r.seo_amount, r.amount),
          records: r.records,
        })),
      };
    },

    async priorityItems(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<PriorityItems> {
      await scoped(ctx, f.institutionId);
      const [rows, totals] = await Promise.all([
        run<{ item_code: string; category_code: string; label_ko: string; label_en: string; priority_order: number; amount: number; seo_amount: number }>(
          db,
          q.priorityItems(f.year, f.institutionId),
        ),
        seoTotals(f.year, f.institutionId),
      ]);
      // The report's figures are Seoul's as a whole: shown beside city-wide tables of 2013 only.
      const printed = f.year === PRINTED_2013.year && !f.institutionId ? PRINTED_2013 : null;
      const out = rows.map((r) => {
        const share = percent(r.seo_amount, r.amount);
        const p = printed?.items.find((i) => i.itemCode === r.item_code) ?? null;
        return {
          order: r.priority_order,
          itemCode: r.item_code,
          categoryCode: r.category_code,
          label: { ko: r.label_ko, en: r.label_en },
          seoAmount: r.seo_amount,
          totalAmount: r.amount,
          share,
          printed: p ? { seoAmount: p.seoAmount, share: p.share } : null,
          difference: p ? { seoAmount: r.seo_amount - p.seoAmount, share: share === null ? null : roundAs(share, p.share) - p.share } : null,
          anomalies: printed ? printed.anomalies.filter((a) => a.itemCode === r.item_code).map((a) => a.id) : [],
        };
      });
      const seoAmount = out.reduce((s, r) => s + r.seoAmount, 0);
      const totalAmount = out.reduce((s, r) => s + r.totalAmount, 0);
      const seoAll = totals.filter((t) => isSeoType(t.supplier_type)).reduce((s, t) => s + t.amount, 0);
      return {
        year: f.year,
        rows: out,
        total: { seoAmount, totalAmount, share: percent(seoAmount, totalAmount), printed: printed ? { ...printed.total } : null },
        headline: { seoAmountOfItems: seoAmount, seoAmountAll: seoAll, shareOfAllSeo: percent(seoAmount, seoAll), printed: printed ? { ...printed.headline } : null },
        anomalies: printed ? printed.anomalies.map((a) => ({ ...a, text: { ...a.text } })) : [],
        source: printed ? printed.source : null,
      };
    },

    async records(ctx: RequestContext, f: Omit<RecordsQuery, 'page' | 'pageSize'> & { page: number; pageSize: number }): Promise<RecordsPage> {
      const { v } = await scoped(ctx, f.institutionId);
      const filter: RecordFilter = {
        year: f.year,
        institutionId: f.institutionId,
        itemCode: f.itemCode,
        categoryCode: f.categoryCode,
        supplierType: f.supplierType,
        seo: f.seo,
        month: f.month,
        method: f.method,
        contractType: f.contractType,
      };
      // An institution asked for by id is visible (checked above): no need to exclude others.
      const hidden = f.institutionId ? [] : [...v.hidden];
      const [rows, sums] = await Promise.all([
        run<RecordRow>(db, recordsPageQuery(filter, hidden, f)),
        run<{ visible: boolean; records: number; amount: number }>(db, recordsTotalQuery(filter, hidden)),
      ]);
      const seen = sums.find((s) => s.visible);
      const unseen = sums.find((s) => !s.visible);
      return {
        items: rows.map(presentRecord),
        total: seen?.records ?? 0,
        sum: seen?.amount ?? 0,
        page: f.page,
        pageSize: f.pageSize,
        hidden: unseen && unseen.records > 0 ? { records: unseen.records, amount: unseen.amount } : null,
      };
    },

    async institutionItems(ctx: RequestContext, id: string, f: { year: number }): Promise<InstitutionItems> {
      const v = await visibility(ctx.actor);
      const inst = await institution(v, id, 'path');
      const [cat, rows] = await Promise.all([
        taxonomy(),
        run<{ category_code: string; item_code: string; amount: number; seo_amount: number; records: number }>(db, q.institutionItems(f.year, id)),
      ]);
      const items = foldItems(cat, rows, itemLabel).filter((r) => r.records > 0);
      const total = items.reduce((s, r) => ({ amount: s.amount + r.amount, seoAmount: s.seoAmount + r.seoAmount, records: s.records + r.records }), { amount: 0, seoAmount: 0, records: 0 });
      return { year: f.year, institution: { id: inst.id, name: inst.name, kind: inst.kind }, rows: items, total: { ...total, share: percent(total.seoAmount, total.amount) } };
    },

    async targets(ctx: RequestContext, f: { year: number; institutionId?: string }): Promise<Targets> {
      const { v } = await scoped(ctx, f.institutionId);
      const rows = await run<{
        id: string;
        institution_id: string | null;
        institution_name: string | null;
        item_code: string | null;
        item_label_ko: string | null;
        item_label_en: string | null;
        amount: number;
        note: string | null;
        seo_amount: number;
      }>(db, q.targets(f.year));
      return {
        year: f.year,
        rows: rows
          .filter((r) => (r.institution_id === null ? !f.institutionId : !v.hidden.has(r.institution_id) && (!f.institutionId || r.institution_id === f.institutionId)))
          .map((r) => ({
            targetId: r.id,
            institution: r.institution_id ? { id: r.institution_id, name: r.institution_name ?? '' } : null,
            itemCode: r.item_code,
            itemLabel: r.item_code ? { ko: r.item_label_ko ?? r.item_code, en: r.item_label_en ?? r.item_code } : null,
            amount: r.amount,
            seoAmount: r.seo_amount,
            achievement: percent(r.seo_amount, r.amount),
            note: r.note,
          })),
      };
    },

    /** For the OCDS export: the caller's visibility and the institution asked for, checked like the tables. */
    scoped: (ctx: RequestContext, institutionId?: string) => scoped(ctx, institutionId),
    taxonomy,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

/** A share rounded to the precision it was printed with (49 → whole percent, 0.1 → one decimal). */
export function roundAs(value: number, printed: number): number {
  const decimals = (String(printed).split('.')[1] ?? '').length;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Known items one row each (under their own category); unrecognised purchases one row per category. */
function foldItems(
  cat: Catalogue,
  rows: { category_code: string; item_code: string; amount: number; seo_amount: number; records: number }[],
  itemLabel: (cat: Catalogue, itemCode: string, categoryCode: string) => Bilingual,
): ByItem['rows'] {
  const acc = new Map<string, ByItem['rows'][number]>();
  for (const i of cat.items.values()) {
    acc.set(i.code, { itemCode: i.code, label: i.label, categoryCode: i.categoryCode, priorityOrder: i.priorityOrder, amount: 0, seoAmount: 0, share: null, records: 0 });
  }
  for (const r of rows) {
    const key = r.item_code || `:${r.category_code}`;
    let row = acc.get(key);
    if (!row) {
      row = { itemCode: r.item_code, label: itemLabel(cat, r.item_code, r.category_code), categoryCode: r.category_code, priorityOrder: null, amount: 0, seoAmount: 0, share: null, records: 0 };
      acc.set(key, row);
    }
    row.amount += r.amount;
    row.seoAmount += r.seo_amount;
    row.records += r.records;
  }
  const out = [...acc.values()];
  for (const r of out) r.share = percent(r.seoAmount, r.amount);
  return out.sort((a, b) => b.amount - a.amount || (a.priorityOrder ?? 99) - (b.priorityOrder ?? 99) || a.itemCode.localeCompare(b.itemCode));
}

export interface RecordRow {
  id: number;
  line: number;
  institution_id: string;
  institution_name: string;
  purchased_on: string;
  item_name: string;
  item_code: string | null;
  category_code: string;
  supplier_name: string;
  supplier_reg_no: string | null;
  supplier_org_id: string | null;
  supplier_type: string;
  seo: boolean;
  amount: number;
  method: string;
  contract_type: string;
  contract_no: string | null;
}

function presentRecord(r: RecordRow): RecordsPage['items'][number] {
  return {
    id: r.id,
    line: r.line,
    institution: { id: r.institution_id, name: r.institution_name },
    purchasedOn: r.purchased_on,
    itemName: r.item_name,
    itemCode: r.item_code,
    categoryCode: r.category_code,
    supplier: { name: r.supplier_name, businessRegNo: r.supplier_reg_no, organizationId: r.supplier_org_id, type: r.supplier_type },
    seo: r.seo,
    amount: r.amount,
    method: r.method,
    contractType: r.contract_type,
    contractNo: r.contract_no,
  };
}
