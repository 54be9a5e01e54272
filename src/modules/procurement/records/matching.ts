import { sql } from 'kysely';
import type { Db } from '../../../db/engine.ts';
import { supplierNameKey } from './names.ts';
import { SEO_TYPES } from './taxonomy.ts';

export interface SupplierMatch {
  id: string;
  typeKey: string;
  seo: boolean;
}

export interface DirectoryMatcher {
  /** By registration number first, else by the name key (supplierNameKey); undefined when neither is known. */
  match(regNo: string | null, nameKey: string): SupplierMatch | undefined;
  size: number;
}

/**
 * The directory as two Maps, loaded once per import (directory_suppliers_v). Where two organisations
 * share a registration number or a name key, an operating one wins over a closed one, then the first
 * by id, so the choice does not depend on the order rows come back in.
 */
export async function loadDirectory(db: Db): Promise<DirectoryMatcher> {
  const r = await sql<{ id: string; name: string; business_reg_no: string | null; type_key: string | null; status: string | null }>`
    SELECT id, name, business_reg_no, type_key, status FROM directory_suppliers_v
    ORDER BY (status = 'closed'), id`.execute(db);
  const byRegNo = new Map<string, SupplierMatch>();
  const byName = new Map<string, SupplierMatch>();
  for (const o of r.rows) {
    const type = o.type_key ?? '';
    const m: SupplierMatch = { id: o.id, typeKey: type, seo: SEO_TYPES.has(type) };
    const reg = o.business_reg_no?.replace(/\D/g, '');
    if (reg && !byRegNo.has(reg)) byRegNo.set(reg, m);
    const key = supplierNameKey(o.name);
    if (key && !byName.has(key)) byName.set(key, m);
  }
  return {
    size: r.rows.length,
    match: (regNo, nameKey) => (regNo ? byRegNo.get(regNo) : undefined) ?? byName.get(nameKey),
  };
}
