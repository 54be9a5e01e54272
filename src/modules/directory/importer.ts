import { normalizeForSearch } from '../../kernel/hangul.ts';
import { isCalendarDate, KOREA_BBOX, normalizeBusinessRegNo } from '../../kernel/korea.ts';
import { fieldErrorsFromZod, type FieldError } from '../../kernel/problem.ts';
import { Problem } from '../../kernel/problem.ts';
import { readTable, TableUnreadable, type Table, type TabularFormat } from '../../kernel/tabular.ts';
import { COLUMNS, fieldsOfHeaders, statusOf, type ColumnField } from './columns.ts';
import { createOrganizationBody, DISTRICT_CODE, FIELD_LIMITS, organizationFields, PHONE, type OrganizationFields } from './schema.ts';
import type { Taxonomy } from './service.ts';

export type ImportCandidate = Partial<OrganizationFields> & { name: string; certifiedOn?: string | null };

/** A valid row that is not a duplicate, with its data row number (1 = first row under the header). */
export interface ImportRow {
  row: number;
  fields: ImportCandidate;
  /** `normalizeForSearch(fields.name)`: the duplicate check needs it, and the search keys are made of it. */
  searchName: string;
}

export interface ImportPlan {
  rows: number;
  /** How many rows would be created (the rows themselves go to the caller batch by batch, see `add`). */
  toCreate: number;
  duplicates: { row: number; reason: 'businessRegNo' | 'nameAndAddress' | 'nameAndPhone' | 'nameOnly'; existingId?: string; sameAsRow?: number; name: string }[];
  errors: FieldError[];
}

const DATE_FORMS = /^(\d{4})[-./년\s]*(\d{1,2})[-./월\s]*(\d{1,2})일?$/;

/** 2013-03-05, 2013.3.5, 2013/03/05, 20130305 and 2013년 3월 5일 all read as 2013-03-05. */
export function readDate(text: string): string | undefined {
  if (isCalendarDate(text)) return text; // already 2013-03-05, as exports write it: what the rest would give
  const compact = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text;
  const m = DATE_FORMS.exec(compact.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

function resolver(terms: { key: string; label: { ko: string; en: string } }[]) {
  const m = new Map<string, string>();
  for (const t of terms) for (const v of [t.key, t.label.ko, t.label.en]) m.set(normalizeForSearch(v), t.key);
  // Files repeat the same few labels on every row: read each spelling once.
  const seen = new Map<string, string | undefined>();
  return (text: string) => {
    if (!seen.has(text)) seen.set(text, m.get(normalizeForSearch(text)));
    return seen.get(text);
  };
}

export interface ExistingRow {
  id: string;
  name: string;
  business_reg_no: string | null;
  search_text: string;
  road_address: string | null;
  phone: string | null;
}

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

/** Reads a field's cell from a row: a mapping may send several columns to one field, and the last non-empty cell wins. */
function cellReader(fields: (ColumnField | undefined)[], field: ColumnField): (cells: string[]) => string | undefined {
  const at: number[] = [];
  fields.forEach((f, c) => {
    if (f === field) at.push(c);
  });
  if (at.length === 0) return () => undefined;
  if (at.length === 1) {
    const c = at[0]!;
    return (cells) => cells[c] || undefined;
  }
  return (cells) => {
    for (let i = at.length - 1; i >= 0; i--) {
      const v = cells[at[i]!];
      if (v) return v;
    }
    return undefined;
  };
}

/**
 * The rows of a file taken so far under one normalised name: the first of them, and the first with each
 * address and with each phone. Most names come once, with one address and one phone, kept in place;
 * only further ones go to a map.
 */
class SeenName {
  place = '';
  placeRow = 0;
  phone = '';
  phoneRow = 0;
  more: Map<string, number> | undefined;
  constructor(readonly row: number) {}

  rowWith(kind: 'a' | 'p', key: string): number | undefined {
    if (kind === 'a' ? this.place === key : this.phone === key) return kind === 'a' ? this.placeRow : this.phoneRow;
    return this.more?.get(kind + key);
  }

  /** Only for a key not seen yet under this name (rowWith said so): the first row keeps it. */
  add(kind: 'a' | 'p', key: string, row: number): void {
    if (kind === 'a' && !this.place) {
      this.place = key;
      this.placeRow = row;
    } else if (kind === 'p' && !this.phone) {
      this.phone = key;
      this.phoneRow = row;
    } else (this.more ??= new Map()).set(kind + key, row);
  }
}

/** A row as the planner hands it to the schema: cells read, labels resolved to keys, dates and numbers read. */
interface ImportInput {
  name: string;
  nameEn: string | null;
  representative: string | null;
  legalForm: string | null;
  roadAddress: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  products: string | null;
  businessRegNo: string | null;
  typeKey?: string;
  subtypeKey?: string;
  industryKey?: string;
  districtCode?: string;
  location?: { lat: number; lon: number };
  foundedOn?: string;
  certifiedOn?: string;
  status?: 'operating' | 'closed';
  employees?: number;
  members?: number;
}

/** Trimmed text, null for none, or false when the schema might say more than this (over `max` UTF-16 units). */
function text(v: string | null, max: number): string | null | false {
  if (v === null) return null;
  const t = v.trim();
  if (t.length > max) return false;
  return t === '' ? null : t;
}

const emailField = organizationFields.shape.email;
const websiteField = organizationFields.shape.website;

/**
 * What createOrganizationBody makes of a row, without zod's walk through the whole object (7–10 µs a
 * row, most of an import's validation): the same checks in plain code, each against the schema's own
 * limits and patterns (e-mail and website through the schema's own field). A row any check is not sure
 * of gets undefined, and goes through the schema, which then writes its error messages (importer.test.ts
 * holds the two to the same answers).
 */
export function quickCandidate(i: ImportInput): ImportCandidate | undefined {
  const name = i.name.trim();
  if (name.length === 0 || name.length > FIELD_LIMITS.name) return undefined;
  const nameEn = text(i.nameEn, FIELD_LIMITS.nameEn);
  const legalForm = text(i.legalForm, FIELD_LIMITS.legalForm);
  const representative = text(i.representative, FIELD_LIMITS.representative);
  const roadAddress = text(i.roadAddress, FIELD_LIMITS.roadAddress);
  const description = text(i.description, FIELD_LIMITS.description);
  const products = text(i.products, FIELD_LIMITS.products);
  if (nameEn === false || legalForm === false || representative === false || roadAddress === false || description === false || products === false) return undefined;
  const phone = i.phone === null ? null : i.phone.trim();
  if (phone !== null && !PHONE.test(phone)) return undefined;
  const businessRegNo = i.businessRegNo === null ? null : normalizeBusinessRegNo(i.businessRegNo.trim());
  if (businessRegNo === null && i.businessRegNo !== null) return undefined;
  let email = null;
  if (i.email !== null) {
    const r = emailField.safeParse(i.email);
    if (!r.success) return undefined;
    email = r.data;
  }
  let website = null;
  if (i.website !== null) {
    const r = websiteField.safeParse(i.website);
    if (!r.success) return undefined;
    website = r.data;
  }
  const { typeKey, subtypeKey, industryKey, districtCode, location, foundedOn, status, employees, members } = i;
  const termKey = FIELD_LIMITS.termKey;
  if ((typeKey !== undefined && typeKey.length > termKey) || (subtypeKey !== undefined && subtypeKey.length > termKey) || (industryKey !== undefined && industryKey.length > termKey)) return undefined;
  if (districtCode !== undefined && !DISTRICT_CODE.test(districtCode)) return undefined;
  if (location !== undefined && !(location.lat >= KOREA_BBOX.minLat && location.lat <= KOREA_BBOX.maxLat && location.lon >= KOREA_BBOX.minLon && location.lon <= KOREA_BBOX.maxLon)) return undefined;
  if (foundedOn !== undefined && !isCalendarDate(foundedOn)) return undefined;
  if (status !== undefined && status !== 'operating' && status !== 'closed') return undefined;
  if (employees !== undefined && !(Number.isInteger(employees) && employees >= 0 && employees <= FIELD_LIMITS.employees)) return undefined;
  if (members !== undefined && !(Number.isInteger(members) && members >= 0 && members <= FIELD_LIMITS.members)) return undefined;
  return {
    name,
    nameEn,
    representative,
    legalForm,
    typeKey,
    subtypeKey,
    industryKey,
    districtCode,
    roadAddress,
    location: location && { lat: location.lat, lon: location.lon },
    phone,
    email,
    website,
    description,
    products,
    businessRegNo,
    foundedOn,
    status,
    employees,
    members,
    certifiedOn: i.certifiedOn ?? null,
  };
}

function fieldError(errors: FieldError[], row: number, path: string, ko: string, en: string) {
  errors.push({ path: `rows.${row}.${path}`, row, messages: { ko, en } });
}

/**
 * Reads rows into organisations: maps headers, resolves labels to taxonomy keys, derives the
 * district from the address when absent, validates every field, and finds likely duplicates in
 * the file and among existing organisations (those found by the keys `lookupKeys` gives, handed
 * back through `setExisting` before the first `add`). Nothing is written here. Rows are taken in
 * batches (`add`), so that a caller can write one batch while reading the next; `plan` grows as
 * they come.
 */
export function createImportPlanner(headers: string[], taxonomy: Taxonomy, mapping: Record<string, string> = {}) {
  const fields = fieldsOfHeaders(headers, mapping);
  const plan: ImportPlan = { rows: 0, toCreate: 0, duplicates: [], errors: [] };
  let batch: ImportRow[] = [];
  if (!fields.includes('name')) {
    plan.errors.push({ path: 'headers', messages: { ko: '기업명(단체명) 열이 없습니다', en: 'There is no name (기업명) column' } });
    return {
      plan,
      lookupKeys: (_rows: string[][]) => ({ regNos: [] as string[], names: [] as string[] }),
      setExisting: (_existing: ExistingRow[]) => undefined,
      add: (rows: string[][]): ImportRow[] => ((plan.rows += rows.length), []),
    };
  }
  const read = Object.fromEntries(COLUMNS.map((c) => [c.field, cellReader(fields, c.field)])) as Record<ColumnField, (cells: string[]) => string | undefined>;
  const typeOf = resolver(taxonomy.types);
  const industryOf = resolver(taxonomy.industries);
  const districtOf = resolver(taxonomy.districts.map((d) => ({ key: d.code, label: d.name })));
  const subtypeOf = new Map(taxonomy.types.map((t) => [t.key, resolver(t.subtypes)]));
  const statuses = new Map<string, 'operating' | 'closed' | undefined>();
  const statusFrom = (text: string) => {
    if (!statuses.has(text)) statuses.set(text, statusOf(text));
    return statuses.get(text);
  };
  const byRegNo = new Map<string, ExistingRow>();
  const byName = new Map<string, ExistingRow[]>();
  // The rows lookupKeys read, with each one's normalised name: addRow takes it from there.
  let lookedUp: string[][] = [];
  let searchNames: string[] = [];
  const seenRegNo = new Map<string, number>();
  const seenNames = new Map<string, SeenName>();

  function dup(row: number, name: string, reason: ImportPlan['duplicates'][number]['reason'], extra: { existingId?: string; sameAsRow?: number }) {
    plan.duplicates.push({ row, reason, name, ...extra });
  }

  function addRow(cells: string[], row: number) {
    // No closures in here: this runs for every row of files of tens of thousands (bench/directory), and
    // tsx (keepNames) names each closure made with a defineProperty call.
    const errors: FieldError[] = [];
    const raw = readRow(cells);
    const input: ImportInput = {
      name: raw.name ?? '',
      nameEn: raw.nameEn ?? null,
      representative: raw.representative ?? null,
      legalForm: raw.legalForm ?? null,
      roadAddress: raw.roadAddress ?? null,
      phone: raw.phone ?? null,
      email: raw.email ?? null,
      website: raw.website ?? null,
      description: raw.description ?? null,
      products: raw.products ?? null,
      businessRegNo: raw.businessRegNo ?? null,
    };
    if (raw.type) {
      const k = typeOf(raw.type);
      if (k) input.typeKey = k;
      else fieldError(errors, row, 'type', `알 수 없는 유형입니다: ${raw.type}`, `Unknown type: ${raw.type}`);
    }
    if (raw.subtype) {
      const k = input.typeKey ? subtypeOf.get(input.typeKey)?.(raw.subtype) : undefined;
      if (k) input.subtypeKey = k;
      else fieldError(errors, row, 'subtype', `유형에 맞지 않는 세부유형입니다: ${raw.subtype}`, `Unknown subtype for this type: ${raw.subtype}`);
    }
    if (raw.industry) {
      const k = industryOf(raw.industry);
      if (k) input.industryKey = k;
      else fieldError(errors, row, 'industry', `알 수 없는 업종입니다: ${raw.industry}`, `Unknown industry: ${raw.industry}`);
    }
    if (raw.district) {
      const k = districtOf(raw.district);
      if (k) input.districtCode = k;
      else fieldError(errors, row, 'district', `알 수 없는 자치구입니다: ${raw.district}`, `Unknown district: ${raw.district}`);
    } else if (raw.roadAddress) {
      // District from the address: the first district name that appears in it.
      for (const d of taxonomy.districts) {
        if (!raw.roadAddress.includes(d.name.ko)) continue;
        input.districtCode = d.code;
        break;
      }
    }
    if (raw.lat || raw.lon) {
      const lat = Number(raw.lat);
      const lon = Number(raw.lon);
      if (!raw.lat || !raw.lon || !Number.isFinite(lat) || !Number.isFinite(lon)) {
        fieldError(errors, row, 'location', '위도와 경도는 함께, 숫자로 적어야 합니다', 'Latitude and longitude go together, as numbers');
      } else input.location = { lat, lon };
    }
    for (const f of ['foundedOn', 'certifiedOn'] as const) {
      if (!raw[f]) continue;
      const d = readDate(raw[f]);
      if (d) input[f] = d;
      else fieldError(errors, row, f, `날짜를 읽을 수 없습니다: ${raw[f]} (예: 2013-03-05)`, `Cannot read the date ${raw[f]} (e.g. 2013-03-05)`);
    }
    if (raw.status) {
      const s = statusFrom(raw.status);
      if (s) input.status = s;
      else fieldError(errors, row, 'status', `상태는 운영 또는 폐업입니다: ${raw.status}`, `Status is operating or closed: ${raw.status}`);
    }
    for (const f of ['employees', 'members'] as const) {
      if (!raw[f]) continue;
      const n = Number(raw[f]!.replace(/[,명\s]/g, ''));
      if (Number.isInteger(n)) input[f] = n;
      else fieldError(errors, row, f, `정수가 아닙니다: ${raw[f]}`, `Not a whole number: ${raw[f]}`);
    }
    let candidate = errors.length ? undefined : quickCandidate(input);
    if (!candidate) {
      const { certifiedOn, ...profile } = input;
      const parsed = createOrganizationBody.safeParse(profile);
      if (!parsed.success) errors.push(...fieldErrorsFromZod(parsed.error.issues, ['rows', row]).map((e) => ({ ...e, row })));
      if (errors.length || !parsed.success) {
        plan.errors.push(...errors);
        return;
      }
      candidate = parsed.data as ImportCandidate;
      candidate.certifiedOn = certifiedOn ?? null;
    }

    // Likely duplicates: the registration number, else the name with the address or the phone, else
    // (a row with nothing more) the name alone.
    const name = lookedUp[row - 1] === cells ? searchNames[row - 1]! : normalizeForSearch(candidate.name);
    const place = candidate.roadAddress ? normalizeForSearch(candidate.roadAddress) : '';
    const phone = digits(candidate.phone);
    const regNo = candidate.businessRegNo;
    if (regNo) {
      const e = byRegNo.get(regNo);
      if (e) return dup(row, candidate.name, 'businessRegNo', { existingId: e.id });
      const r = seenRegNo.get(regNo);
      if (r) return dup(row, candidate.name, 'businessRegNo', { sameAsRow: r });
      seenRegNo.set(regNo, row);
    }
    const named = byName.get(name);
    if (named) {
      for (const e of named) {
        if (regNo && e.business_reg_no) continue; // two registration numbers that differ tell them apart
        if (place && normalizeForSearch(e.road_address ?? '') === place) return dup(row, candidate.name, 'nameAndAddress', { existingId: e.id });
      }
      for (const e of named) {
        if (regNo && e.business_reg_no) continue;
        if (phone && digits(e.phone) === phone) return dup(row, candidate.name, 'nameAndPhone', { existingId: e.id });
      }
    }
    const seen = seenNames.get(name);
    if (seen && place) {
      const r = seen.rowWith('a', place);
      if (r) return dup(row, candidate.name, 'nameAndAddress', { sameAsRow: r });
    }
    if (seen && phone) {
      const r = seen.rowWith('p', phone);
      if (r) return dup(row, candidate.name, 'nameAndPhone', { sameAsRow: r });
    }
    // A row with nothing but its name to tell it apart repeats any organisation of that name.
    if (!place && !phone && !regNo) {
      if (named) return dup(row, candidate.name, 'nameOnly', { existingId: named[0]!.id });
      if (seen) return dup(row, candidate.name, 'nameOnly', { sameAsRow: seen.row });
    }
    if (seen || place || phone) {
      const s = seen ?? new SeenName(row);
      if (!seen) seenNames.set(name, s);
      if (place) s.add('a', place, row);
      if (phone) s.add('p', phone, row);
    } else seenNames.set(name, new SeenName(row));
    plan.toCreate++;
    batch.push({ row, fields: candidate, searchName: name });
  }

  function readRow(cells: string[]) {
    return {
      name: read.name(cells),
      nameEn: read.nameEn(cells),
      representative: read.representative(cells),
      legalForm: read.legalForm(cells),
      type: read.type(cells),
      subtype: read.subtype(cells),
      industry: read.industry(cells),
      district: read.district(cells),
      roadAddress: read.roadAddress(cells),
      lat: read.lat(cells),
      lon: read.lon(cells),
      phone: read.phone(cells),
      email: read.email(cells),
      website: read.website(cells),
      description: read.description(cells),
      products: read.products(cells),
      businessRegNo: read.businessRegNo(cells),
      foundedOn: read.foundedOn(cells),
      certifiedOn: read.certifiedOn(cells),
      status: read.status(cells),
      employees: read.employees(cells),
      members: read.members(cells),
    } satisfies Record<ColumnField, string | undefined>;
  }

  return {
    plan,
    /**
     * What to look for among existing organisations before the rows are added: their valid
     * registration numbers and their normalised names, distinct. Given every row of the file, in
     * the order `add` then gets them.
     */
    lookupKeys(rows: string[][]): { regNos: string[]; names: string[] } {
      lookedUp = rows;
      searchNames = new Array<string>(rows.length);
      const regNos = new Set<string>();
      const names = new Set<string>();
      for (let i = 0; i < rows.length; i++) {
        const cells = rows[i]!;
        const name = normalizeForSearch((read.name(cells) ?? '').trim());
        searchNames[i] = name;
        if (name) names.add(name);
        const regNo = read.businessRegNo(cells);
        const valid = regNo && normalizeBusinessRegNo(regNo.trim());
        if (valid) regNos.add(valid);
      }
      return { regNos: [...regNos], names: [...names] };
    },
    /** The existing organisations a row may repeat (found by lookupKeys' keys). */
    setExisting(existing: ExistingRow[]): void {
      for (const e of existing) {
        if (e.business_reg_no) byRegNo.set(e.business_reg_no, e);
        const list = byName.get(e.search_text);
        if (list) list.push(e);
        else byName.set(e.search_text, [e]);
      }
    },
    /** Reads the next rows; returns those of them to create. */
    add(rows: string[][]): ImportRow[] {
      // Not kept here: on a big file the caller writes and drops each batch, and memory stays flat.
      batch = [];
      for (const cells of rows) addRow(cells, ++plan.rows);
      return batch;
    },
  };
}

/** Reads an uploaded or local file; an unreadable one is a validation problem, not a server error. */
export async function readUploaded(data: Buffer, format: TabularFormat): Promise<Table> {
  try {
    return await readTable(data, format);
  } catch (e) {
    if (!(e instanceof TableUnreadable)) throw e;
    throw new Problem('validation', undefined, [
      { path: '(file)', messages: { ko: `${format.toUpperCase()} 파일을 읽을 수 없습니다: ${e.message}`, en: `The ${format.toUpperCase()} file cannot be read: ${e.message}` } },
    ]);
  }
}
