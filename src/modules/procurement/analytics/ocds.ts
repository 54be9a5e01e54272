import type { Db } from '../../../db/engine.ts';
import type { RequestContext } from '../../../kernel/context.ts';
import { CONTRACT_TYPE_LABELS, METHOD_LABELS, label } from './labels.ts';
import { run } from './repository.ts';
import type { AnalyticsService } from './service.ts';

/**
 * Purchase records as an Open Contracting Data Standard (OCDS 1.1) release package: one release per
 * contract (records sharing a contract number within an institution), else one per record. Streamed
 * institution by institution, so a year of 320,000 records is never one string in memory; the caller's
 * visibility applies as in the tables (private institutions left out, 403 when asked for by id).
 */

// OCDS codelists: procurementMethod (open | selective | limited | direct), mainProcurementCategory.
const OCDS_METHOD: Record<string, string> = {
  open_tender: 'open',
  restricted_tender: 'selective',
  designated_tender: 'selective',
  single_source: 'direct',
  other: 'limited',
};
const OCDS_CATEGORY: Record<string, string> = { goods: 'goods', services: 'services', works: 'works', consignment: 'services', other: 'services' };

interface Row {
  id: number;
  purchased_on: string;
  item_name: string;
  item_code: string | null;
  category_code: string;
  supplier_name: string;
  supplier_reg_no: string | null;
  supplier_org_id: string | null;
  amount: number;
  method: string;
  contract_type: string;
  contract_no: string | null;
}

const time = (date: string) => `${date}T00:00:00+09:00`;
const value = (amount: number) => ({ amount, currency: 'KRW' });

export interface OcdsParams {
  year: number;
  institutionId?: string;
  /** The package's own address. */
  uri: string;
  publicUrl: string;
}

/** Checks the request (400/403 before any byte is sent), then returns the package as a stream of JSON text. */
export async function ocdsExport(db: Db, analytics: AnalyticsService, ctx: RequestContext, p: OcdsParams): Promise<AsyncGenerator<string>> {
  const { v, inst } = await analytics.scoped(ctx, p.institutionId);
  const cat = await analytics.taxonomy();
  const institutions = inst
    ? [{ id: inst.id, name: inst.name, code: inst.code }]
    : (
        await run<{ id: string; name: string; code: string | null }>(db, {
          sql: `SELECT i.id, i.name, i.code FROM procurement_institutions i
                WHERE i.id IN (SELECT DISTINCT institution_id FROM procurement_agg_month WHERE year = $1) ORDER BY i.name, i.id`,
          params: [p.year],
        })
      ).filter((i) => !v.hidden.has(i.id));

  async function* generate(): AsyncGenerator<string> {
    const head = { uri: p.uri, version: '1.1', publishedDate: new Date().toISOString(), publisher: { name: 'sehub', uri: p.publicUrl } };
    yield `${JSON.stringify(head).slice(0, -1)},"releases":[`;
    let first = true;
    for (const i of institutions) {
      const rows = await run<Row>(db, {
        sql: `SELECT r.id, r.purchased_on, r.item_name, it.code AS item_code, r.category_code, r.supplier_name, r.supplier_reg_no, r.supplier_org_id, r.amount,
                     r.method, r.contract_type, r.contract_no
              FROM procurement_records r LEFT JOIN procurement_items it ON it.no = r.item_no
              WHERE r.institution_id = $1 AND r.year = $2 ORDER BY r.contract_no NULLS LAST, r.id`,
        params: [i.id, p.year],
      });
      const buyer = { id: `sehub-institution-${i.id}`, name: i.name };
      const prefix = `ocds-sehub-${i.code ?? i.id}`;
      const parts: string[] = [];
      let k = 0;
      while (k < rows.length) {
        const no = rows[k]!.contract_no;
        let end = k + 1;
        if (no !== null) while (end < rows.length && rows[end]!.contract_no === no) end++;
        parts.push(JSON.stringify(release(rows.slice(k, end), prefix, buyer)));
        k = end;
      }
      if (parts.length) {
        yield (first ? '' : ',') + parts.join(',');
        first = false;
      }
    }
    yield ']}';
  }

  function release(rows: Row[], prefix: string, buyer: { id: string; name: string }) {
    const r0 = rows[0]!;
    const key = r0.contract_no ?? `r${r0.id}`;
    const ocid = `${prefix}-${key}`;
    const dates = rows.map((r) => r.purchased_on).sort();
    const amount = rows.reduce((s, r) => s + r.amount, 0);
    const suppliers = new Map<string, { id: string; name: string; identifier?: { scheme: string; id: string; legalName: string } }>();
    for (const r of rows) {
      const id = r.supplier_reg_no ? `KR-BRN-${r.supplier_reg_no}` : `sehub-supplier-${r.supplier_org_id ?? r.supplier_name}`;
      if (!suppliers.has(id)) {
        suppliers.set(id, {
          id,
          name: r.supplier_name,
          ...(r.supplier_reg_no ? { identifier: { scheme: 'KR-BRN', id: r.supplier_reg_no, legalName: r.supplier_name } } : {}),
        });
      }
    }
    const items = rows.map((r) => {
      const c = cat.categories.get(r.category_code);
      const it = r.item_code ? cat.items.get(r.item_code) : undefined;
      return {
        id: String(r.id),
        description: r.item_name,
        classification: { scheme: 'sehub-procurement-category', id: r.category_code, description: c?.label.ko ?? r.category_code },
        ...(it ? { additionalClassifications: [{ scheme: 'sehub-procurement-item', id: it.code, description: it.label.ko }] } : {}),
        quantity: 1,
        unit: { name: '건', value: value(r.amount) },
      };
    });
    const supplierRefs = [...suppliers.values()].map((s) => ({ id: s.id, name: s.name }));
    return {
      ocid,
      id: `${ocid}-${dates.at(-1)}`,
      date: time(dates.at(-1)!),
      tag: ['award', 'contract'],
      initiationType: 'tender',
      language: 'ko',
      parties: [{ ...buyer, roles: ['buyer'] }, ...[...suppliers.values()].map((s) => ({ ...s, roles: ['supplier'] }))],
      buyer,
      tender: {
        id: `${ocid}-tender`,
        procurementMethod: OCDS_METHOD[r0.method] ?? 'limited',
        procurementMethodDetails: label(METHOD_LABELS, r0.method).ko,
        mainProcurementCategory: OCDS_CATEGORY[r0.contract_type] ?? 'services',
        // our own contract type (민간위탁 has no OCDS category of its own)
        description: label(CONTRACT_TYPE_LABELS, r0.contract_type).ko,
      },
      awards: [{ id: `${ocid}-award`, status: 'active', date: time(dates[0]!), value: value(amount), suppliers: supplierRefs, items }],
      contracts: [{ id: `${ocid}-contract`, awardID: `${ocid}-award`, status: 'active', dateSigned: time(dates[0]!), value: value(amount), items }],
    };
  }

  return generate();
}
