import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database, Db } from '../../../db/engine.ts';
import { arrayLiteral } from '../../../db/bulk.ts';
import type { RequestContext } from '../../../kernel/context.ts';
import { normalizeForSearch } from '../../../kernel/hangul.ts';
import type { Bilingual } from '../../../kernel/i18n.ts';
import { isCalendarDate, normalizeBusinessRegNo } from '../../../kernel/korea.ts';
import { authorize } from '../../../kernel/policy.ts';
import { Problem, type FieldError } from '../../../kernel/problem.ts';
import { recordAudit } from '../../audit/index.ts';
import '../policy.ts';
import { aggregateCopies, aggregatesEmpty, copyAggregates, emptyColumns, upsertAggregates, type AggregateColumns, type AggregateCopies, type AggregateDelta } from './aggregates.ts';
import { loadDirectory, type DirectoryMatcher, type SupplierMatch } from './matching.ts';
import { ByteMap, CsvBytes, StringRows, utf8Chunks } from './bytes.ts';
import { SumTable } from './sums.ts';
import { guessInstitutionKind, institutionNameKey, supplierNameKey } from './names.ts';
import { CONTRACT_TYPE_EXTRA, CONTRACT_TYPES, labelReader, METHOD_EXTRA, METHODS } from './taxonomy.ts';

/** The fields of a purchase-records file; header names in Korean or English, any order. */
export const RECORD_FIELDS = {
  institution: { required: true, headers: ['기관명', '기관', '수요기관', '수요기관명', 'institution', 'institution_name'], label: { ko: '기관명', en: 'institution' } },
  institution_code: { required: false, headers: ['기관코드', '수요기관코드', 'institution_code'], label: { ko: '기관코드', en: 'institution code' } },
  date: { required: true, headers: ['구매일자', '계약일자', '일자', 'date', 'purchased_on'], label: { ko: '구매일자', en: 'date' } },
  item: { required: true, headers: ['품목', '품명', '품목명', 'item'], label: { ko: '품목', en: 'item' } },
  category: { required: false, headers: ['분류', '품목분류', 'category'], label: { ko: '분류', en: 'category' } },
  supplier: { required: true, headers: ['업체명', '업체', '계약업체', '계약상대자', 'supplier'], label: { ko: '업체명', en: 'supplier' } },
  business_reg_no: { required: false, headers: ['사업자등록번호', '사업자번호', 'business_reg_no', 'reg_no'], label: { ko: '사업자등록번호', en: 'business registration number' } },
  amount: { required: true, headers: ['금액', '계약금액', '구매금액', 'amount'], label: { ko: '금액', en: 'amount' } },
  method: { required: true, headers: ['계약방법', 'method'], label: { ko: '계약방법', en: 'method' } },
  contract_type: { required: true, headers: ['계약유형', '계약구분', 'contract_type'], label: { ko: '계약유형', en: 'contract type' } },
  contract_no: { required: false, headers: ['계약번호', 'contract_no'], label: { ko: '계약번호', en: 'contract number' } },
} as const satisfies Record<string, { required: boolean; headers: string[]; label: Bilingual }>;
export type RecordField = keyof typeof RECORD_FIELDS;
const FIELDS = Object.keys(RECORD_FIELDS) as RecordField[];

export interface ImportError {
  line: number;
  field: string;
  message: Bilingual;
}

export interface UnmatchedSupplier {
  name: string;
  businessRegNo: string | null;
  rows: number;
  amount: number;
  firstLine: number;
}

export interface ImportSummary {
  /** null for a dry run: nothing was kept. */
  id: string | null;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'committed' | 'undone' | 'dry-run';
  rows: number;
  amount: number;
  matchedRows: number;
  seoRows: number;
  seoAmount: number;
  years: number[];
  /** Suppliers the directory does not know, largest amount first (the first 1,000). */
  unmatched: UnmatchedSupplier[];
  unmatchedCount: number;
  newInstitutions: { id: string; name: string; kind: string }[];
  /** Only in a dry run's answer: every error found (the first 100), with their total. */
  errors: ImportError[];
  errorCount: number;
  firstId: number | null;
  lastId: number | null;
  createdAt: string | null;
  createdBy: string | null;
  undoneAt: string | null;
}

export interface ImportInput {
  fileName: string;
  format: 'csv' | 'xlsx';
  source: AsyncIterable<Buffer | Uint8Array | string> | Readable;
  dryRun?: boolean;
  /**
   * Called after the header is read (rows 0), about every 20,000 rows, and once the whole file is read
   * (phase 'finishing': what follows — indexes of a first load, aggregates, commit — has no rows to count).
   */
  onProgress?: (p: { rows: number; bytes: number; phase: 'reading' | 'finishing' }) => void | Promise<void>;
}

const MAX_ERRORS = 100;
const OUT_CHUNK = 1024 * 1024;
/** Room a row may take in the output buffer: the longest fields (item 500, supplier 300, contract no 100 characters) at 3 bytes each, and the rest. */
const ROW_ROOM = 8 * 1024;
const MAX_UNMATCHED = 1000;
const PROGRESS_EVERY = 20_000;
/** Imports take this advisory lock (transaction-scoped), so one import's record ids are consecutive. */
export const IMPORT_LOCK = 7_016_001;

// Columns in the order the pipeline writes them: the parts cached per institution, date, item and
// supplier are each one piece of the row. Binary COPY: PostgreSQL reads a uuid, a date or a number as
// its bytes instead of parsing its text (server time for the COPY of 320,000 rows 1.0-1.2 s -> 0.75-0.86 s,
// measured in psql), and text needs no escaping (a NUL, which text cannot hold, is refused by utf8Chunks).
export const COPY_SQL =
  'COPY procurement_records (id, line, amount, institution_id, purchased_on, year, month, item_name, item_no, category_code, supplier_name, supplier_reg_no, supplier_org_id, supplier_type, seo, method, contract_type, contract_no) FROM STDIN WITH (FORMAT binary)';
const COPY_FIELDS = 18;

const bi = (ko: string, en: string): Bilingual => ({ ko, en });

/** 'YYYY-MM-DD' from YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or YYYYMMDD; null when not a real date. */
export function readDate(raw: string): string | null {
  let s = raw;
  if (s.length === 10) {
    const a = s.charCodeAt(4);
    if (a !== 45) {
      if ((a === 46 || a === 47) && s.charCodeAt(7) === a) s = `${s.slice(0, 4)}-${s.slice(5, 7)}-${s.slice(8)}`;
      else return null;
    }
  } else if (s.length === 8) s = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
  else if (s.length === 11 && s.charCodeAt(10) === 46) return readDate(s.slice(0, 10)); // 2013.01.05.
  else return null;
  if (!isCalendarDate(s)) return null;
  const y = +s.slice(0, 4);
  return y >= 1990 && y <= 2100 ? s : null;
}

/** Won as digits with optional thousands commas; -1 when not that. */
export function readAmount(raw: string): number {
  const s = raw.includes(',') ? raw.replace(/,/g, '') : raw;
  if (s.length === 0 || s.length > 15) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return +s;
}

interface Institution {
  id: string;
  name: string;
  code: string | null;
  nameKey: string;
}
interface Item {
  code: string;
  /** procurement_items.no: what a record keeps (0022). */
  no: number;
  category: string;
}

interface Reference {
  institutionsByCode: Map<string, Institution>;
  institutionsByKey: Map<string, Institution>;
  items: Map<string, Item>;
  categories: Map<string, string>;
  directory: DirectoryMatcher;
}

export async function loadReference(trx: Db): Promise<Reference> {
  const inst = await sql<{ id: string; name: string; code: string | null; name_key: string }>`SELECT id, name, code, name_key FROM procurement_institutions`.execute(trx);
  const institutionsByCode = new Map<string, Institution>();
  const institutionsByKey = new Map<string, Institution>();
  for (const r of inst.rows) {
    const i = { id: r.id, name: r.name, code: r.code, nameKey: r.name_key };
    if (r.code) institutionsByCode.set(r.code.toLowerCase(), i);
    institutionsByKey.set(r.name_key, i);
  }
  const items = new Map<string, Item>();
  const it = await sql<{ code: string; no: number; label_ko: string; label_en: string; category_code: string; aliases: string[] }>`
    SELECT code, no, label_ko, label_en, category_code, aliases FROM procurement_items`.execute(trx);
  for (const r of it.rows) {
    const item = { code: r.code, no: r.no, category: r.category_code };
    for (const name of [r.code, r.label_ko, r.label_en, ...r.aliases]) items.set(normalizeForSearch(name), item);
  }
  const categories = new Map<string, string>();
  const cat = await sql<{ code: string; label_ko: string; label_en: string }>`SELECT code, label_ko, label_en FROM procurement_categories`.execute(trx);
  for (const r of cat.rows) for (const name of [r.code, r.label_ko, r.label_en]) categories.set(normalizeForSearch(name), r.code);
  return { institutionsByCode, institutionsByKey, items, categories, directory: await loadDirectory(trx) };
}

/** A cell of an XLSX row as the text a CSV would hold. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}

/**
 * A supplier of the file (a distinct pair of name and registration number as written), by its number
 * in the pipeline's supplier ByteMap. What a row needs of it sits in one Float64Array (ENTRY numbers
 * per supplier); the rest is read once at the end.
 */
const E_AGG = 0; // its aggregate key's number (registration number, else name key)
const E_TYPE = 1; // its supplier type's number (types[])
const E_FLAGS = 2; // MATCHED | SEO | UNMATCHED
// Its sums in the year of its first row (yearIdx, -1 before any row): a file is mostly one year, so
// these sit in the same cache line as the rest; its rows of other years go to a SumTable by (supplier, year).
const E_YEAR = 3;
const E_AMOUNT = 4;
const E_ROWS = 5;
const E_LAST = 6; // the line of its latest row in that year
const ENTRY = 8;
const MATCHED = 1;
const SEO = 2;
const UNMATCHED = 4;

interface SupplierInfo {
  name: string;
  regNo: string | null;
  match: SupplierMatch | undefined;
  firstLine: number;
}

interface InstitutionEntry {
  id: string;
  /** institution_id of the binary COPY row, in the pipeline's PartArena. */
  part: number;
  /** Its place in institutionList: the first half of its keys in the month and item sums. */
  idx: number;
}

interface DateEntry {
  year: number;
  month: number;
  yearIdx: number;
  /** purchased_on, year and month of the binary COPY row, in the pipeline's PartArena. */
  part: number;
  /** Whether a written row has this date (the import's years). */
  used: boolean;
}

interface ItemEntry {
  code: string;
  no: number;
  codeIdx: number;
  category: string;
}

/** Years are kept as year − 1990 (readDate accepts 1990–2100) in the numeric aggregate keys. */
const YEAR_BASE = 1990;

const trimmed = (s: string | undefined): string => {
  if (s === undefined || s.length === 0) return '';
  return s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32 ? s.trim() : s;
};

const textOf = (b: Buffer, s: number, e: number): string => trimmed(b.toString('utf8', s, e));

/** What a file's item text stands for, and its field of the COPY row. problem: 1 empty, 2 too long. */
interface ItemText {
  item: ItemEntry | null;
  /** In the pipeline's PartArena. */
  copy: number;
  problem: 0 | 1 | 2;
}

const DAY = 86_400_000;
/** PostgreSQL's dates count days from 2000-01-01. */
const PG_EPOCH_DAYS = Date.UTC(2000, 0, 1) / DAY;

/** Fields of a binary COPY row, as bytes: each is its length (4 bytes, -1 for NULL) and its value. */
class BinaryFields {
  private parts: Buffer[] = [];
  private field(value: Buffer): this {
    const len = Buffer.allocUnsafe(4);
    len.writeInt32BE(value.length);
    this.parts.push(len, value);
    return this;
  }
  null(): this {
    this.parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    return this;
  }
  text(s: string): this {
    return this.field(Buffer.from(s));
  }
  textOrNull(s: string | null): this {
    return s === null ? this.null() : this.text(s);
  }
  int2(n: number): this {
    const b = Buffer.allocUnsafe(2);
    b.writeInt16BE(n);
    return this.field(b);
  }
  /** A 'YYYY-MM-DD' date. */
  date(iso: string): this {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY - PG_EPOCH_DAYS);
    return this.field(b);
  }
  uuid(id: string): this {
    return this.field(Buffer.from(id.replace(/-/g, ''), 'hex'));
  }
  uuidOrNull(id: string | null): this {
    return id === null ? this.null() : this.uuid(id);
  }
  bool(v: boolean): this {
    return this.field(Buffer.from([v ? 1 : 0]));
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Writes a 4-byte big-endian integer at o. */
function put32(b: Buffer, o: number, n: number): void {
  b[o] = n >>> 24;
  b[o + 1] = (n >>> 16) & 255;
  b[o + 2] = (n >>> 8) & 255;
  b[o + 3] = n & 255;
}

/** Writes an int8 field (length and value) of a non-negative safe integer at o; answers the offset after it. */
function putInt8Field(b: Buffer, o: number, n: number): number {
  const hi = Math.floor(n / 4294967296);
  b[o] = 0;
  b[o + 1] = 0;
  b[o + 2] = 0;
  b[o + 3] = 8;
  put32(b, o + 4, hi);
  put32(b, o + 8, n - hi * 4294967296);
  return o + 12;
}

/** A DataView over exactly the bytes of b (its indexes are b's). */
const viewOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.length);

/**
 * Copies src[s, e) to out at o, four bytes at a time through DataViews of both (the parts are tens of
 * bytes: a call to set, or a byte at a time, cost several times more; bench/procurement). Answers the
 * offset after them.
 */
function copyBytes(out: Buffer, ov: DataView, o: number, src: Uint8Array, sv: DataView, s: number, e: number): number {
  for (; s + 4 <= e; s += 4, o += 4) ov.setUint32(o, sv.getUint32(s, true), true);
  for (; s < e; s++) out[o++] = src[s]!;
  return o;
}

/**
 * The COPY parts of a file's distinct values (an institution's id, a date, an item's text, …) end to
 * end in one Buffer; a part is its start × 4096 + its length (a part is shorter than 4 KiB).
 */
class PartArena {
  buf = Buffer.allocUnsafeSlow(64 * 1024);
  view = viewOf(this.buf);
  private used = 0;
  add(part: Buffer): number {
    if (part.length >= 4096) throw new Error('a COPY part is shorter than 4 KiB');
    if (this.used + part.length > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
      this.view = viewOf(bigger);
    }
    part.copy(this.buf, this.used);
    this.used += part.length;
    return (this.used - part.length) * 4096 + part.length;
  }
}

/**
 * The one pass over a file: header, then each row checked, resolved (institution, item, category,
 * supplier through per-value caches keyed by the field's bytes), written as a binary COPY row and
 * added to the aggregates. The work per row is kept to lookups: everything derived from a value (a
 * date's year and month, a supplier's match and its part of the COPY row) is computed once per distinct
 * value, and the sums are kept under small numeric keys in typed arrays (bench/procurement: string keys,
 * and an object per supplier, cost more than the COPY).
 */
export class RowPipeline {
  /**
   * COPY rows written straight into a Buffer, a row at a time; take() hands out what was written since
   * its last call as a view of the same Buffer, and a new one is allocated only when it is full.
   */
  private buf = Buffer.allocUnsafeSlow(OUT_CHUNK);
  private outView = viewOf(this.buf);
  private used = 0;
  private taken = 0;
  private ready: Buffer[] = [];
  rows = 0;
  matchedRows = 0;
  seoRows = 0;
  /**
   * Sums of won start as a double (-0, not the small integer 0): they pass 2^31 within the first rows,
   * and a field that changes representation mid-import deoptimises the pipeline — the first import of a
   * process took about a second longer at 320,000 rows (bench/procurement).
   */
  private amountSum = -0;
  private seoAmountSum = -0;
  get amount(): number {
    return this.amountSum + 0; // -0 + 0 is 0
  }
  get seoAmount(): number {
    return this.seoAmountSum + 0;
  }
  years = new Set<number>();
  errors: ImportError[] = [];
  errorCount = 0;
  headerSeen = false;
  /** Rows written to COPY: all of them unless a row failed. */
  written = 0;
  readonly newInstitutions: { id: string; name: string; kind: string; code: string | null; nameKey: string }[] = [];
  private cols = {} as Record<RecordField, number>;
  private institutionsByName = new Map<string, InstitutionEntry>();
  private institutionsByCodeName = new Map<string, Map<string, InstitutionEntry>>();
  private institutionList: InstitutionEntry[] = [];
  private dates = new Map<string, DateEntry>();
  private items = new Map<string, ItemEntry | null>();
  private itemCodes: string[] = [''];
  private categories = new Map<string, string | null>();
  private categoryCodes: string[] = [];
  private categoryIdx = new Map<string, number>();
  /**
   * Suppliers: keyed by their (name, registration number) bytes, with their COPY part as the payload;
   * per supplier number, ENTRY numbers in `entries` and what the end needs in `supplierInfo`.
   */
  private suppliers = new ByteMap<never>(4096);
  private entries = new Float64Array(4096 * ENTRY);
  private supplierInfo: SupplierInfo[] = [];
  /** Aggregate keys ('r:' + registration number, else 'n:' + name key) by number, and back. */
  private aggKeys: string[] = [];
  private aggIdx = new Map<string, number>();
  private nameKeys = new Map<string, string>();
  private types: string[] = [''];
  private readonly parts = new PartArena();
  /**
   * Sums by (institution, year, month, supplier type), by (institution, year, category, item, supplier
   * type) and by (year, method, contract type, supplier type), under small numeric keys; a supplier's
   * own are in `entries`.
   */
  private monthSums = new SumTable(4096);
  private itemSums = new SumTable(16384);
  private methodSums = new SumTable(256);
  /** A supplier's rows outside the year of its first row, by (supplier, yearIdx), with the line of the latest. */
  private supplierYears = new SumTable(1024, 1);
  private readonly method = labelReader(METHODS, METHOD_EXTRA);
  private readonly contractType = labelReader(CONTRACT_TYPES, CONTRACT_TYPE_EXTRA);
  private readonly methodKeys = Object.keys(METHODS);
  private readonly contractTypeKeys = Object.keys(CONTRACT_TYPES);
  private nextId: number;

  constructor(
    private readonly ref: Reference,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  private error(line: number, field: string, ko: string, en: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS) this.errors.push({ line, field, message: { ko, en } });
  }

  header(fields: string[]): void {
    this.headerSeen = true;
    const lookup = new Map<string, RecordField>();
    for (const f of FIELDS) for (const h of RECORD_FIELDS[f].headers) lookup.set(normalizeForSearch(h), f);
    for (const f of FIELDS) this.cols[f] = -1;
    fields.forEach((raw, i) => {
      const h = raw.trim();
      // "기관명 (institution)" as well as "기관명" or "institution"
      const f = lookup.get(normalizeForSearch(h)) ?? lookup.get(normalizeForSearch(h.split(/[(（]/)[0]!));
      if (f && this.cols[f] < 0) this.cols[f] = i;
    });
    const missing = FIELDS.filter((f) => RECORD_FIELDS[f].required && this.cols[f] < 0);
    if (missing.length) {
      throw new Problem(
        'validation',
        bi(`필수 열이 없습니다: ${missing.map((f) => RECORD_FIELDS[f].label.ko).join(', ')}`, `Required columns are missing: ${missing.map((f) => RECORD_FIELDS[f].label.en).join(', ')}`),
        missing.map((f) => ({
          path: `columns.${f}`,
          row: 1,
          messages: bi(`'${RECORD_FIELDS[f].label.ko}' 열이 필요합니다 (${RECORD_FIELDS[f].headers.join(', ')})`, `A '${RECORD_FIELDS[f].label.en}' column is needed (${RECORD_FIELDS[f].headers.join(', ')})`),
        })),
      );
    }
  }

  private institution(name: string, code: string, line: number): InstitutionEntry | null {
    if (code) {
      const byName = this.institutionsByCodeName.get(code);
      const e = byName?.get(name);
      if (e) return e;
    } else {
      const e = this.institutionsByName.get(name);
      if (e) return e;
    }
    let id: string | undefined;
    const byCode = code ? this.ref.institutionsByCode.get(code.toLowerCase()) : undefined;
    if (byCode) id = byCode.id;
    else if (code && !/^[0-9A-Za-z-]{2,20}$/.test(code)) {
      this.error(line, 'institution_code', '기관코드는 영문·숫자·- 2~20자입니다', 'An institution code is 2 to 20 letters, digits or dashes');
      return null;
    } else if (!name) {
      this.error(line, 'institution', '기관명이 비어 있습니다', 'The institution is empty');
      return null;
    } else if (name.length > 200) {
      this.error(line, 'institution', '기관명은 200자 이하입니다', 'An institution name is at most 200 characters');
      return null;
    } else {
      const key = institutionNameKey(name);
      const known = this.ref.institutionsByKey.get(key);
      if (known) id = known.id;
      else if (!key) {
        this.error(line, 'institution', '기관명에 글자가 없습니다', 'The institution name has no letters');
        return null;
      } else {
        const created = { id: randomUUID(), name: name.replace(/\s+/g, ' '), kind: guessInstitutionKind(name), code: code || null, nameKey: key };
        this.newInstitutions.push(created);
        const inst = { id: created.id, name: created.name, code: created.code, nameKey: key };
        this.ref.institutionsByKey.set(key, inst);
        if (code) this.ref.institutionsByCode.set(code.toLowerCase(), inst);
        id = created.id;
      }
    }
    // One entry (and one set of sums) per institution, however many spellings and codes lead to it.
    let e = this.institutionList.find((x) => x.id === id);
    if (!e) {
      e = { id, part: this.parts.add(new BinaryFields().uuid(id).bytes()), idx: this.institutionList.length };
      this.institutionList.push(e);
    }
    if (code) {
      let byName = this.institutionsByCodeName.get(code);
      if (!byName) this.institutionsByCodeName.set(code, (byName = new Map()));
      byName.set(name, e);
    } else this.institutionsByName.set(name, e);
    return e;
  }

  private date(raw: string): DateEntry | null {
    let e = this.dates.get(raw);
    if (e) return e;
    const iso = readDate(raw);
    if (!iso) return null;
    const year = +iso.slice(0, 4);
    const month = +iso.slice(5, 7);
    e = { year, month, yearIdx: year - YEAR_BASE, part: this.parts.add(new BinaryFields().date(iso).int2(year).int2(month).bytes()), used: false };
    this.dates.set(raw, e);
    return e;
  }

  private item(name: string): ItemEntry | null {
    let e = this.items.get(name);
    if (e === undefined) {
      const it = this.ref.items.get(normalizeForSearch(name));
      if (it) {
        let codeIdx = this.itemCodes.indexOf(it.code);
        if (codeIdx < 0) codeIdx = this.itemCodes.push(it.code) - 1;
        e = { code: it.code, no: it.no, codeIdx, category: it.category };
      } else e = null;
      this.items.set(name, e);
    }
    return e;
  }

  private category(raw: string): string | null {
    let e = this.categories.get(raw);
    if (e === undefined) {
      e = this.ref.categories.get(normalizeForSearch(raw)) ?? null;
      this.categories.set(raw, e);
    }
    return e;
  }

  private catIdx(code: string): number {
    let i = this.categoryIdx.get(code);
    if (i === undefined) {
      i = this.categoryCodes.push(code) - 1;
      this.categoryIdx.set(code, i);
    }
    return i;
  }

  private typeIdx(type: string): number {
    let i = this.types.indexOf(type);
    if (i < 0) i = this.types.push(type) - 1;
    return i;
  }

  /**
   * A supplier not seen yet in this file: checked, matched to the directory, given its aggregate key
   * and its COPY part (kept after its key in the ByteMap's arena). Answers its number, or -1 after an error.
   */
  private newSupplier(b: Buffer, ss: number, se: number, rs: number, re: number, line: number): number {
    const name = textOf(b, ss, se);
    const regRaw = textOf(b, rs, re);
    let regNo: string | null = null;
    if (regRaw) {
      regNo = normalizeBusinessRegNo(regRaw);
      if (!regNo) {
        this.error(line, 'business_reg_no', `사업자등록번호가 올바르지 않습니다: '${regRaw}' (10자리, 검증번호 확인)`, `Not a valid business registration number: '${regRaw}' (10 digits with a check digit)`);
        return -1;
      }
    }
    if (!name) {
      this.error(line, 'supplier', '업체명이 비어 있습니다', 'The supplier is empty');
      return -1;
    }
    if (name.length > 300) {
      this.error(line, 'supplier', '업체명은 300자 이하입니다', 'A supplier name is at most 300 characters');
      return -1;
    }
    let nameKey = this.nameKeys.get(name);
    if (nameKey === undefined) this.nameKeys.set(name, (nameKey = supplierNameKey(name)));
    const match = this.ref.directory.match(regNo, nameKey);
    const aggKey = regNo ? `r:${regNo}` : `n:${nameKey}`;
    let agg = this.aggIdx.get(aggKey);
    if (agg === undefined) {
      agg = this.aggKeys.push(aggKey) - 1;
      this.aggIdx.set(aggKey, agg);
    }
    const type = match ? match.typeKey : '';
    const part = new BinaryFields().text(name).textOrNull(regNo).uuidOrNull(match ? match.id : null).text(type).bool(match?.seo ?? false).bytes();
    const n = this.suppliers.add(b, ss, se, rs, re, part);
    if ((n + 1) * ENTRY > this.entries.length) {
      const bigger = new Float64Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    const at = n * ENTRY;
    this.entries[at + E_AGG] = agg;
    this.entries[at + E_TYPE] = this.typeIdx(type);
    this.entries[at + E_FLAGS] = match ? MATCHED | (match.seo ? SEO : 0) : UNMATCHED;
    this.entries[at + E_YEAR] = -1;
    this.entries[at + E_AMOUNT] = -0;
    this.entries[at + E_ROWS] = 0;
    this.supplierInfo.push({ name, regNo, match, firstLine: line });
    return n;
  }

  /** Per-file caches keyed by a field's bytes (see bytes.ts); a value's checks run once. */
  private instBytes = new ByteMap<InstitutionEntry>();
  private dateBytes = new ByteMap<DateEntry>();
  private itemBytes = new ByteMap<ItemText>();
  private categoryBytes = new ByteMap<string | null>();
  private methodBytes = new ByteMap<string>(16);
  private contractTypeBytes = new ByteMap<string>(16);
  /** The range of the last field read by at(). */
  private fs = 0;
  private fe = 0;

  /** Sets fs/fe to field `col` of the row, blanks and control characters trimmed; empty when absent. */
  private at(b: Buffer, starts: Int32Array, ends: Int32Array, n: number, col: number): void {
    if (col < 0 || col >= n) {
      this.fs = 0;
      this.fe = 0;
      return;
    }
    let s = starts[col]!;
    let e = ends[col]!;
    while (s < e && b[s]! <= 32) s++;
    while (e > s && b[e - 1]! <= 32) e--;
    this.fs = s;
    this.fe = e;
  }

  /** CSV bytes into this pipeline: the first line is the header, every other a row. */
  csvLines(): CsvBytes {
    return new CsvBytes((b, starts, ends, n, line) => {
      if (this.headerSeen) return this.row(b, starts, ends, n, line);
      const fields: string[] = [];
      for (let i = 0; i < n; i++) fields.push(b.toString('utf8', starts[i], ends[i]));
      this.header(fields);
    });
  }

  /** A row given as strings (tests, callers without bytes). */
  rowOfStrings(fields: string[], line: number): void {
    this.strings.emit(fields, line);
  }
  private readonly strings = new StringRows((b, s, e, n, line) => this.row(b, s, e, n, line));

  /** One row: fields as byte ranges of b (bytes.ts). */
  row(b: Buffer, starts: Int32Array, ends: Int32Array, n: number, line: number): void {
    const c = this.cols;
    const before = this.errorCount;

    this.at(b, starts, ends, n, c.institution);
    const ns = this.fs;
    const ne = this.fe;
    this.at(b, starts, ends, n, c.institution_code);
    let inst: InstitutionEntry | null | undefined = this.instBytes.get(b, ns, ne, this.fs, this.fe);
    if (inst === undefined) {
      inst = this.institution(textOf(b, ns, ne), textOf(b, this.fs, this.fe), line);
      if (inst) this.instBytes.set(b, ns, ne, this.fs, this.fe, inst);
    }

    this.at(b, starts, ends, n, c.date);
    let date: DateEntry | null | undefined = this.dateBytes.get(b, this.fs, this.fe);
    if (date === undefined) {
      const rawDate = textOf(b, this.fs, this.fe);
      date = this.date(rawDate);
      if (date) this.dateBytes.set(b, this.fs, this.fe, 0, 0, date);
      else this.error(line, 'date', `날짜가 올바르지 않습니다: '${rawDate}' (YYYY-MM-DD)`, `Not a valid date: '${rawDate}' (YYYY-MM-DD)`);
    }

    this.at(b, starts, ends, n, c.item);
    let itemText = this.itemBytes.get(b, this.fs, this.fe);
    if (itemText === undefined) {
      const name = textOf(b, this.fs, this.fe);
      const problem = !name ? 1 : name.length > 500 ? 2 : 0;
      itemText = { item: problem ? null : this.item(name), copy: this.parts.add(new BinaryFields().text(name).bytes()), problem };
      this.itemBytes.set(b, this.fs, this.fe, 0, 0, itemText);
    }
    if (itemText.problem === 1) this.error(line, 'item', '품목이 비어 있습니다', 'The item is empty');
    else if (itemText.problem === 2) this.error(line, 'item', '품목은 500자 이하입니다', 'An item is at most 500 characters');

    this.at(b, starts, ends, n, c.supplier);
    const ss = this.fs;
    const se = this.fe;
    this.at(b, starts, ends, n, c.business_reg_no);
    let supSlot = this.suppliers.find(b, ss, se, this.fs, this.fe);
    const sup = supSlot < 0 ? this.newSupplier(b, ss, se, this.fs, this.fe, line) : this.suppliers.index(supSlot);
    if (supSlot < 0 && sup >= 0) supSlot = this.suppliers.find(b, ss, se, this.fs, this.fe);

    // Won as digits with optional thousands commas (readAmount, without a string).
    this.at(b, starts, ends, n, c.amount);
    let amount = 0;
    let digits = 0;
    for (let i = this.fs; i < this.fe; i++) {
      const ch = b[i]!;
      if (ch === 44) continue;
      if (ch < 48 || ch > 57) {
        digits = -1;
        break;
      }
      amount = amount * 10 + ch - 48;
      digits++;
    }
    if (digits <= 0 || digits > 15) {
      amount = -1;
      const rawAmount = textOf(b, this.fs, this.fe);
      this.error(line, 'amount', `금액은 0 이상의 원 단위 숫자입니다: '${rawAmount}'`, `The amount is whole won, 0 or more: '${rawAmount}'`);
    }

    this.at(b, starts, ends, n, c.method);
    let method = this.methodBytes.get(b, this.fs, this.fe);
    if (method === undefined) {
      const rawMethod = textOf(b, this.fs, this.fe);
      method = this.method(rawMethod);
      if (method) this.methodBytes.set(b, this.fs, this.fe, 0, 0, method);
      else this.error(line, 'method', `알 수 없는 계약방법입니다: '${rawMethod}' (수의계약, 일반경쟁, 제한경쟁, 지명경쟁, 기타)`, `Unknown method: '${rawMethod}' (single_source, open_tender, restricted_tender, designated_tender, other)`);
    }
    this.at(b, starts, ends, n, c.contract_type);
    let contractType = this.contractTypeBytes.get(b, this.fs, this.fe);
    if (contractType === undefined) {
      const rawType = textOf(b, this.fs, this.fe);
      contractType = this.contractType(rawType);
      if (contractType) this.contractTypeBytes.set(b, this.fs, this.fe, 0, 0, contractType);
      else this.error(line, 'contract_type', `알 수 없는 계약유형입니다: '${rawType}' (물품, 용역, 공사, 민간위탁, 기타)`, `Unknown contract type: '${rawType}' (goods, services, works, consignment, other)`);
    }

    this.at(b, starts, ends, n, c.contract_no);
    const cs = this.fs;
    const ce = this.fe;
    let ascii = true;
    for (let i = cs; i < ce; i++) if (b[i]! >= 128) ascii = false;
    // Non-ASCII contract numbers (rare) go through a string: its length in characters, Unicode blanks.
    const contractNo = ascii ? null : textOf(b, cs, ce);
    if (contractNo !== null ? contractNo.length > 100 : ce - cs > 100) this.error(line, 'contract_no', '계약번호는 100자 이하입니다', 'A contract number is at most 100 characters');
    if (this.errorCount !== before || !inst || sup < 0 || !date || !method || !contractType) return;

    const item = itemText.item;
    this.at(b, starts, ends, n, c.category);
    let catCode = this.categoryBytes.get(b, this.fs, this.fe);
    if (catCode === undefined) {
      const catRaw = textOf(b, this.fs, this.fe);
      catCode = (catRaw && this.category(catRaw)) || null;
      this.categoryBytes.set(b, this.fs, this.fe, 0, 0, catCode);
    }
    const category = catCode || item?.category || (contractType === 'goods' ? 'other_goods' : 'other_services');
    const mci = this.methodKeys.indexOf(method) * 8 + this.contractTypeKeys.indexOf(contractType);
    // Once a row has failed nothing more is written (the import will be refused), but the figures go on
    // for a dry run's preview.
    if (!this.errorCount) {
      this.written++;
      if (this.buf.length - this.used < ROW_ROOM) this.flush();
      const out = this.buf;
      let o = this.used;
      out[o++] = 0;
      out[o++] = COPY_FIELDS;
      o = putInt8Field(out, o, this.nextId++);
      put32(out, o, 4);
      put32(out, o + 4, line);
      o = putInt8Field(out, o + 8, amount);
      const ov = this.outView;
      o = this.putPart(out, ov, o, inst.part);
      o = this.putPart(out, ov, o, date.part);
      o = this.putPart(out, ov, o, itemText.copy);
      o = this.putPart(out, ov, o, this.itemCategoryPart(item, category));
      const s = this.suppliers;
      o = copyBytes(out, ov, o, s.arena, s.arenaView, s.payloadStart(supSlot), s.payloadEnd(supSlot));
      o = this.putPart(out, ov, o, this.methodPart(mci, method, contractType));
      if (contractNo) {
        const len = out.write(contractNo, o + 4);
        put32(out, o, len);
        o += 4 + len;
      } else if (ce > cs) {
        put32(out, o, ce - cs);
        o += 4;
        for (let i = cs; i < ce; i++) out[o++] = b[i]!;
      } else {
        put32(out, o, -1); // NULL
        o += 4;
      }
      this.used = o;
    }
    this.rows++;
    this.amountSum += amount;
    const entries = this.entries;
    const e = sup * ENTRY;
    const flags = entries[e + E_FLAGS]!;
    if (flags & MATCHED) {
      this.matchedRows++;
      if (flags & SEO) {
        this.seoRows++;
        this.seoAmountSum += amount;
      }
    }
    const y = date.yearIdx;
    const ey = entries[e + E_YEAR]!;
    if (ey === y || ey < 0) {
      entries[e + E_YEAR] = y;
      entries[e + E_AMOUNT]! += amount;
      entries[e + E_ROWS]!++;
      entries[e + E_LAST] = line;
    } else this.supplierYears.setExtra(this.supplierYears.add(sup, y, amount), 0, line);
    if (!date.used) {
      date.used = true;
      this.years.add(date.year);
    }
    const t = entries[e + E_TYPE]!;
    this.monthSums.add(inst.idx, (y * 12 + date.month - 1) * 64 + t, amount);
    this.itemSums.add(inst.idx, ((y * 64 + this.catIdx(category)) * 256 + (item ? item.codeIdx : 0)) * 64 + t, amount);
    this.methodSums.add(0, (y * 64 + mci) * 64 + t, amount);
  }

  /** Copies a part of the PartArena to out at o; answers the offset after it. */
  private putPart(out: Buffer, ov: DataView, o: number, part: number): number {
    const start = Math.floor(part / 4096);
    return copyBytes(out, ov, o, this.parts.buf, this.parts.view, start, start + (part % 4096));
  }

  private itemCategoryParts = new Map<ItemEntry | null, Map<string, number>>();
  private methodParts: number[] = [];

  /** item_no and category_code of the COPY row, made once per pair. */
  private itemCategoryPart(item: ItemEntry | null, category: string): number {
    let byCat = this.itemCategoryParts.get(item);
    if (!byCat) this.itemCategoryParts.set(item, (byCat = new Map()));
    let part = byCat.get(category);
    if (!part) {
      const f = new BinaryFields();
      byCat.set(category, (part = this.parts.add((item ? f.int2(item.no) : f.null()).text(category).bytes())));
    }
    return part;
  }

  /** method and contract_type of the COPY row. */
  private methodPart(index: number, method: string, contractType: string): number {
    return (this.methodParts[index] ??= this.parts.add(new BinaryFields().text(method).text(contractType).bytes()));
  }

  private flush(): void {
    if (this.used > this.taken) this.ready.push(this.buf.subarray(this.taken, this.used));
    this.buf = Buffer.allocUnsafeSlow(OUT_CHUNK);
    this.outView = viewOf(this.buf);
    this.used = 0;
    this.taken = 0;
  }

  /** The COPY rows written since the last call (whole rows, without the binary header), or null when there are none. */
  take(): Buffer | null {
    if (this.used > this.taken) {
      this.ready.push(this.buf.subarray(this.taken, this.used));
      this.taken = this.used;
    }
    if (!this.ready.length) return null;
    const out = this.ready.length === 1 ? this.ready[0]! : Buffer.concat(this.ready);
    this.ready = [];
    return out;
  }

  /** The sums under the aggregate tables' own keys. */
  aggregates(): AggregateDelta {
    const month = emptyColumns(4);
    const item = emptyColumns(5);
    const method = emptyColumns(4);
    const supplier = { ...emptyColumns(2), name: [] as string[], orgId: [] as (string | null)[], type: [] as string[] };
    const push = (c: AggregateColumns, keys: (string | number)[], amount: number, records: number) => {
      for (let i = 0; i < keys.length; i++) c.keys[i]!.push(keys[i]!);
      c.amount.push(amount);
      c.records.push(records);
    };
    const insts = this.institutionList;
    this.monthSums.forEach((ii, k, amount, records) => {
      const t = k % 64;
      const ym = (k - t) / 64;
      push(month, [Math.floor(ym / 12) + YEAR_BASE, (ym % 12) + 1, insts[ii]!.id, this.types[t]!], amount, records);
    });
    this.itemSums.forEach((ii, k, amount, records) => {
      const t = k % 64;
      const yci = (k - t) / 64;
      const itemIdx = yci % 256;
      const yc = (yci - itemIdx) / 256;
      const cat = yc % 64;
      push(item, [(yc - cat) / 64 + YEAR_BASE, insts[ii]!.id, this.categoryCodes[cat]!, this.itemCodes[itemIdx]!, this.types[t]!], amount, records);
    });
    this.methodSums.forEach((_, k, amount, records) => {
      const t = k % 64;
      const ymc = (k - t) / 64;
      const ct = ymc % 8;
      const mi = ((ymc - ct) / 8) % 8;
      push(method, [(ymc - mi * 8 - ct) / 64 + YEAR_BASE, this.methodKeys[mi]!, this.contractTypeKeys[ct]!, this.types[t]!], amount, records);
    });
    // Per supplier key and year: the name of its latest row, the organisation and type of its latest matched row.
    const byKeyYear = new Map<number, { agg: number; y: number; amount: number; records: number; last: number; name: string; lastMatched: number; match: SupplierMatch | undefined }>();
    this.supplierSums((n, y, amount, records, last) => {
      const info = this.supplierInfo[n]!;
      const agg = this.entries[n * ENTRY + E_AGG]!;
      const k = agg * 256 + y;
      let g = byKeyYear.get(k);
      if (!g) byKeyYear.set(k, (g = { agg, y, amount: 0, records: 0, last: -1, name: info.name, lastMatched: -1, match: undefined }));
      g.amount += amount;
      g.records += records;
      if (last > g.last) {
        g.last = last;
        g.name = info.name;
      }
      if (info.match && last > g.lastMatched) {
        g.lastMatched = last;
        g.match = info.match;
      }
    });
    for (const g of byKeyYear.values()) {
      supplier.keys[0]!.push(g.y + YEAR_BASE);
      supplier.keys[1]!.push(this.aggKeys[g.agg]!);
      supplier.amount.push(g.amount);
      supplier.records.push(g.records);
      supplier.name.push(g.name);
      supplier.orgId.push(g.match ? g.match.id : null);
      supplier.type.push(g.match ? g.match.typeKey : '');
    }
    return { month, item, method, supplier };
  }

  /**
   * The suppliers the directory does not know, with their rows, largest amount first. A name and number
   * written with different blanks around them are one supplier here.
   */
  unmatchedList(): UnmatchedSupplier[] {
    const byKey = new Map<string, UnmatchedSupplier>();
    this.supplierSums((n, _y, amount, records) => {
      if (!(this.entries[n * ENTRY + E_FLAGS]! & UNMATCHED)) return;
      const s = this.supplierInfo[n]!;
      const key = `${s.regNo ?? ''}\t${s.name}`;
      const u = byKey.get(key);
      if (u) {
        u.rows += records;
        u.amount += amount;
        u.firstLine = Math.min(u.firstLine, s.firstLine);
      } else byKey.set(key, { name: s.name, businessRegNo: s.regNo, rows: records, amount: amount + 0, firstLine: s.firstLine });
    });
    return [...byKey.values()].sort((x, y) => y.amount - x.amount || y.rows - x.rows || x.firstLine - y.firstLine);
  }

  /** Calls fn with each supplier's sums per yearIdx, and the line of its latest row in that year. */
  private supplierSums(fn: (supplier: number, yearIdx: number, amount: number, records: number, last: number) => void): void {
    const e = this.entries;
    for (let n = 0; n < this.supplierInfo.length; n++) {
      const at = n * ENTRY;
      if (e[at + E_YEAR]! >= 0) fn(n, e[at + E_YEAR]!, e[at + E_AMOUNT]!, e[at + E_ROWS]!, e[at + E_LAST]!);
    }
    this.supplierYears.forEach((n, y, amount, records, extra) => fn(n, y, amount, records, extra[0]!));
  }
}

/**
 * When procurement_records is empty, drops its secondary indexes (not the primary key) and answers
 * their definitions, to be run again after the COPY; otherwise drops nothing and answers [].
 */
async function dropIndexesWhenEmpty(trx: Db): Promise<string[]> {
  const empty = await sql<{ empty: boolean }>`SELECT NOT EXISTS (SELECT 1 FROM procurement_records) AS empty`.execute(trx);
  if (!empty.rows[0]!.empty) return [];
  const indexes = await sql<{ name: string; def: string }>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = 'procurement_records'::regclass AND NOT i.indisprimary AND NOT i.indisunique
    ORDER BY c.relname`.execute(trx);
  for (const i of indexes.rows) await sql`DROP INDEX ${sql.id(i.name)}`.execute(trx);
  return indexes.rows.map((i) => i.def);
}

/** Thrown out of the transaction to roll a dry run back; carries its summary. */
class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

function validationFailure(p: RowPipeline): Problem {
  const errors: FieldError[] = p.errors.map((e) => ({ path: e.field, row: e.line, messages: e.message }));
  const more = p.errorCount - p.errors.length;
  return new Problem(
    'validation',
    bi(
      `파일에 오류가 ${p.errorCount}건 있어 아무것도 가져오지 않았습니다${more > 0 ? ` (처음 ${p.errors.length}건을 보여 줍니다)` : ''}`,
      `The file has ${p.errorCount} error${p.errorCount === 1 ? '' : 's'}; nothing was imported${more > 0 ? ` (the first ${p.errors.length} are listed)` : ''}`,
    ),
    errors,
  );
}

/**
 * Imports a purchase-records file in one transaction: the rows stream through the checks into
 * COPY while the file is still being read; the aggregates, new institutions, the import's row and
 * its audit row follow before commit. Any bad row refuses the whole file (every error listed, up to
 * 100); a dry run does everything, answers the same summary with its errors, and rolls back.
 */
export async function importRecords(database: Database, ctx: RequestContext, input: ImportInput): Promise<ImportSummary> {
  authorize(ctx.actor, 'procurement.import', undefined);
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const importId = randomUUID();
  try {
    return await database.copyTransaction(async (trx, copyIn) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      // SEHUB_IMPORT_TRACE=1: each phase's elapsed time and Node's CPU on stderr (bench/procurement).
      const trace = process.env.SEHUB_IMPORT_TRACE
        ? (phase: string) => {
            const c = process.cpuUsage(cpu);
            console.error(`  import ${phase}: ${(performance.now() - started).toFixed(0)} ms (node cpu ${((c.user + c.system) / 1000).toFixed(0)} ms)`);
          }
        : () => undefined;
      await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
      const ref = await loadReference(trx);
      // Into an empty table (a first load, years at once) the secondary indexes are built once after the
      // COPY, as PostgreSQL advises for populating a database, rather than kept up row by row: bench/procurement.
      // The table is locked for the import's transaction either way; into a table that holds records the
      // indexes stay and are kept up, so its readers are not held up.
      const rebuild = await dropIndexesWhenEmpty(trx);
      trace(rebuild.length ? `reference loaded; ${rebuild.length} indexes dropped for a first load` : 'reference loaded');
      const start = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('procurement_records', 'id')) AS id`.execute(trx);
      const firstId = Number(start.rows[0]!.id);
      const p = new RowPipeline(ref, firstId);
      const counter = { bytes: 0 };
      let nextProgress = PROGRESS_EVERY;
      let headerReported = false;
      const progress = async (phase: 'reading' | 'finishing' = 'reading') => {
        if (input.onProgress) await input.onProgress({ rows: p.rows + p.errorCount, bytes: counter.bytes, phase });
      };
      const source: AsyncIterable<Buffer | Uint8Array | string> = input.source;

      async function* csvText(): AsyncGenerator<Buffer> {
        const lines = p.csvLines();
        for await (const bytes of utf8Chunks(source, counter)) {
          lines.push(bytes);
          if (!headerReported && p.headerSeen) {
            headerReported = true;
            await progress();
          }
          const o = p.take();
          if (o) yield o;
          if (p.rows + p.errorCount >= nextProgress) {
            nextProgress += PROGRESS_EVERY;
            await progress();
          }
        }
        lines.end();
        if (!p.headerSeen) throw new Problem('validation', bi('파일이 비어 있습니다', 'The file is empty'), [{ path: 'file', messages: bi('머리글 행과 기록이 필요합니다', 'A header row and records are needed') }]);
        const o = p.take();
        if (o) yield o;
      }

      async function* xlsxText(): AsyncGenerator<Buffer> {
        const readable = source instanceof Readable ? source : Readable.from(source);
        readable.on('data', (c: Buffer) => (counter.bytes += c.length));
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(readable, { entries: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
        let first = true;
        let n = 0;
        for await (const sheet of reader) {
          for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
            const values = row.values as unknown[];
            const fields: string[] = [];
            for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]).trim());
            if (!fields.some((v) => v)) continue;
            if (first) {
              first = false;
              p.header(fields);
              headerReported = true;
              await progress();
              continue;
            }
            p.rowOfStrings(fields, row.number);
            if (++n % 2000 === 0) {
              const o = p.take();
              if (o) yield o;
            }
            if (p.rows + p.errorCount >= nextProgress) {
              nextProgress += PROGRESS_EVERY;
              await progress();
            }
          }
          break; // the first worksheet only
        }
        if (first) throw new Problem('validation', bi('파일이 비어 있습니다', 'The file is empty'), [{ path: 'file', messages: bi('머리글 행과 기록이 필요합니다', 'A header row and records are needed') }]);
        const o = p.take();
        if (o) yield o;
      }

      const text = input.format === 'xlsx' ? xlsxText() : csvText();
      const copied = await copyIn(COPY_SQL, text);
      trace('copied');
      await progress('finishing');
      if (p.errorCount && !input.dryRun) throw validationFailure(p);
      if (copied !== p.written) throw new Error(`COPY took ${copied} rows of ${p.written}`);
      if (p.written) await sql`SELECT setval(pg_get_serial_sequence('procurement_records', 'id'), ${firstId + p.written - 1})`.execute(trx);
      // A first load: on PostgreSQL the server builds the indexes (one statement, so no round trip waits
      // on Node) while Node makes the aggregates' COPY text; PGlite runs in Node's own thread, one after the other.
      let firstAggregates: AggregateCopies | undefined;
      if (!input.dryRun && rebuild.length) {
        const empty = await aggregatesEmpty(trx);
        if (database.engine === 'pglite') for (const def of rebuild) await sql.raw(def).execute(trx);
        const building = database.engine === 'pglite' ? Promise.resolve() : sql.raw(rebuild.join(';\n')).execute(trx);
        await new Promise((resolve) => setImmediate(resolve)); // the statement is on its way
        const copies = empty ? aggregateCopies(p.aggregates()) : undefined;
        await building;
        firstAggregates = copies;
        trace('indexes built');
      }

      if (p.newInstitutions.length) {
        const ni = p.newInstitutions;
        await sql`
          INSERT INTO procurement_institutions (id, code, name, name_key, kind)
          SELECT * FROM unnest(${arrayLiteral(ni.map((i) => i.id))}::uuid[], ${arrayLiteral(ni.map((i) => i.code))}::text[],
            ${arrayLiteral(ni.map((i) => i.name))}::text[], ${arrayLiteral(ni.map((i) => i.nameKey))}::text[], ${arrayLiteral(ni.map((i) => i.kind))}::text[])`.execute(trx);
      }
      if (!input.dryRun) {
        // A first load's sums are the aggregate tables' first rows: COPY writes them several times faster
        // than the upsert that adds to rows already there (68,000 rows at 320,000 records: 0.36 s).
        if (firstAggregates) await copyAggregates(copyIn, firstAggregates);
        else await upsertAggregates(trx, p.aggregates());
        trace('aggregates');
      }

      const unmatchedAll = p.unmatchedList();
      const years = [...p.years].sort((a, b) => a - b);
      const summary: ImportSummary = {
        id: input.dryRun ? null : importId,
        fileName: input.fileName,
        format: input.format,
        status: input.dryRun ? 'dry-run' : 'committed',
        rows: p.rows,
        amount: p.amount,
        matchedRows: p.matchedRows,
        seoRows: p.seoRows,
        seoAmount: p.seoAmount,
        years,
        unmatched: unmatchedAll.slice(0, MAX_UNMATCHED),
        unmatchedCount: unmatchedAll.length,
        newInstitutions: p.newInstitutions.map((i) => ({ id: i.id, name: i.name, kind: i.kind })),
        errors: p.errors,
        errorCount: p.errorCount,
        firstId: p.rows ? firstId : null,
        lastId: p.rows ? firstId + p.rows - 1 : null,
        createdAt: null,
        createdBy,
        undoneAt: null,
      };
      if (input.dryRun) throw new DryRun(summary);
      const row = await sql<{ created_at: Date }>`
        INSERT INTO procurement_imports (id, file_name, format, status, rows, amount, matched_rows, seo_rows, seo_amount, years, first_id, last_id, unmatched, new_institutions, created_by)
        VALUES (${importId}, ${input.fileName}, ${input.format}, 'committed', ${p.rows}, ${p.amount}, ${p.matchedRows}, ${p.seoRows}, ${p.seoAmount}, ${arrayLiteral(years)}::int[],
          ${summary.firstId}, ${summary.lastId}, ${JSON.stringify(summary.unmatched)}::jsonb, ${JSON.stringify(summary.newInstitutions)}::jsonb, ${createdBy})
        RETURNING created_at`.execute(trx);
      summary.createdAt = new Date(row.rows[0]!.created_at).toISOString();
      await recordAudit(trx, ctx, {
        action: 'procurement.import',
        entityType: 'procurement_import',
        entityId: importId,
        before: null,
        after: {
          fileName: input.fileName,
          format: input.format,
          rows: p.rows,
          amount: p.amount,
          matchedRows: p.matchedRows,
          seoRows: p.seoRows,
          seoAmount: p.seoAmount,
          years,
          firstId: summary.firstId,
          lastId: summary.lastId,
          // The institutions the import created, each with its id (as the directory's import lists the organisations it created).
          newInstitutions: summary.newInstitutions,
          unmatchedSuppliers: summary.unmatchedCount,
        },
      });
      trace('import row and audit');
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.summary;
    throw error;
  }
}
