import ExcelJS from 'exceljs';
import type { FieldError } from '../../kernel/problem.ts';

/**
 * A year's programme data as an XLSX workbook with a sheet per entity, so a centre can keep (or
 * bring in) its programme spreadsheets: 연도, 분야, 사업, 성과지표, 예산, 전용, 일정, 협력기관, 평가,
 * 보고값, 참고. Rows of child sheets name their programme by its code. Headers read
 * "한국어 (key)"; on import a column is found by its key or by its Korean label, in any order.
 *
 * This file only converts between the workbook and a YearDocument-shaped object (unvalidated);
 * the service validates it with the same schema as a JSON import, and `locate` turns the
 * schema's paths (programs[3].kpis[1].target) back into sheet rows and columns.
 */

type Kind = 'text' | 'number' | 'integer' | 'boolean' | 'list' | 'lines';
interface Column {
  key: string;
  ko: string;
  kind: Kind;
  width?: number;
}
interface SheetDef {
  name: string;
  /** the YearDocument path of the sheet's rows, for error messages */
  columns: Column[];
}

const c = (key: string, ko: string, kind: Kind = 'text', width = 14): Column => ({ key, ko, kind, width });

export const SHEETS = {
  year: { name: '연도', columns: [c('key', '항목'), c('value', '값', 'text', 40)] },
  areas: {
    name: '분야',
    columns: [c('code', '분야 코드'), c('nameKo', '분야명', 'text', 36), c('nameEn', '영문명', 'text', 30), c('budgetGroup', '예산 구분'), c('sort', '순서', 'integer', 8)],
  },
  programs: {
    name: '사업',
    columns: [
      c('code', '사업 코드', 'text', 10),
      c('nameKo', '사업명', 'text', 36),
      c('nameEn', '영문명', 'text', 30),
      c('areaCode', '분야 코드'),
      c('budgetGroup', '예산 구분'),
      c('parentCode', '상위 사업 코드'),
      c('tier', '구분'),
      c('counted', '사업 수 포함', 'boolean', 10),
      c('sort', '순서', 'integer', 8),
      c('periodStart', '시작 월', 'text', 10),
      c('periodEnd', '종료 월', 'text', 10),
      c('periodText', '추진 기간', 'text', 20),
      c('method', '추진 방식', 'text', 30),
      c('goal', '사업 목표', 'text', 30),
      c('description', '사업 내용', 'text', 40),
      c('responsibleStaff', '담당자', 'list', 20),
      c('achievementStated', '기록 추진율', 'number', 10),
      c('achievementStatedNote', '기록 추진율 근거', 'text', 30),
      c('executionStated', '기록 집행율', 'number', 10),
      c('executionStatedNote', '기록 집행율 근거', 'text', 30),
      c('achievementExcludedNote', '추진율 평균 제외 사유', 'text', 30),
      c('executionExcludedNote', '집행율 평균 제외 사유', 'text', 30),
      c('achievementReported', '보고서 기재 추진율', 'number', 10),
      c('executionReported', '보고서 기재 집행율', 'number', 10),
      c('budget', '예산액', 'integer', 16),
      c('granted', '교부액', 'integer', 16),
      c('spent', '집행액', 'integer', 16),
      c('returned', '반납액', 'integer', 16),
      c('interest', '이자', 'integer', 12),
      c('notes', '비고', 'lines', 40),
      c('source', '출처', 'text', 20),
    ],
  },
  kpis: {
    name: '성과지표',
    columns: [
      c('programCode', '사업 코드', 'text', 10),
      c('name', '지표명', 'text', 30),
      c('unit', '단위', 'text', 8),
      c('kind', '유형'),
      c('target', '목표', 'number', 10),
      c('targetText', '목표 (기재)', 'text', 24),
      c('result', '실적', 'number', 10),
      c('resultText', '실적 (기재)', 'text', 30),
      c('done', '완료', 'boolean', 8),
      c('rateReported', '보고서 기재 추진율', 'number', 10),
      c('note', '비고', 'text', 30),
    ],
  },
  lines: {
    name: '예산',
    columns: [
      c('programCode', '사업 코드', 'text', 10),
      c('key', '항목 키', 'text', 10),
      c('parentKey', '상위 항목 키', 'text', 10),
      c('name', '항목명', 'text', 30),
      c('category', '비목'),
      c('budget', '예산액', 'integer', 16),
      c('granted', '교부액', 'integer', 16),
      c('spent', '집행액', 'integer', 16),
      c('returned', '반납액', 'integer', 16),
      c('interest', '이자', 'integer', 12),
      c('note', '비고', 'text', 30),
    ],
  },
  transfers: {
    name: '전용',
    columns: [c('programCode', '사업 코드', 'text', 10), c('date', '일자', 'text', 12), c('fromLine', '보낸 항목'), c('toLine', '받은 항목'), c('amount', '금액', 'integer', 16), c('reason', '사유', 'text', 40)],
  },
  schedule: {
    name: '일정',
    columns: [c('programCode', '사업 코드', 'text', 10), c('task', '추진 내용', 'text', 30), c('planned', '계획 월', 'list', 30), c('actual', '실행 월', 'list', 30), c('milestone', '주요 일정', 'boolean', 10), c('note', '비고', 'text', 30)],
  },
  partners: {
    name: '협력기관',
    columns: [c('programCode', '사업 코드', 'text', 10), c('name', '기관명', 'text', 30), c('role', '역할', 'text', 40), c('organizationId', '단체 ID', 'text', 38)],
  },
  evaluation: {
    name: '평가',
    columns: [c('programCode', '사업 코드', 'text', 10), c('kind', '구분 (achievement/limit/next)', 'text', 14), c('text', '내용', 'text', 60)],
  },
  reported: { name: '보고값', columns: [c('key', '키', 'text', 30), c('value', '값', 'number', 16), c('label', '설명', 'text', 40), c('source', '출처', 'text', 20)] },
  notes: { name: '참고', columns: [c('code', '코드', 'text', 8), c('kind', '유형'), c('scope', '대상', 'text', 30), c('text', '내용', 'text', 80), c('source', '출처', 'text', 20)] },
} satisfies Record<string, SheetDef>;

type SheetKey = keyof typeof SHEETS;
const EVALUATION_KINDS = { achievement: 'achievements', limit: 'limits', next: 'nextTasks' } as const;
const YEAR_FIELDS = [
  ['format', '형식'],
  ['year', '연도'],
  ['title', '제목'],
  ['organisationName', '기관명'],
  ['source', '출처'],
] as const;

// ---------------------------------------------------------------------------------------------
// export

type Row = Record<string, unknown>;
interface DocLike {
  format?: string;
  year: number;
  title: string;
  organisationName: string;
  source?: string | null;
  areas: Row[];
  reported: Row[];
  notes: Row[];
  programs: (Row & {
    code: string;
    kpis?: Row[];
    lines?: Row[];
    transfers?: Row[];
    schedule?: Row[];
    partners?: Row[];
    evaluation?: { achievements?: string[]; limits?: string[]; nextTasks?: string[] };
  })[];
}

function cellOf(col: Column, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (col.kind === 'list') return Array.isArray(v) ? v.join(', ') : String(v);
  if (col.kind === 'lines') return Array.isArray(v) ? v.join('\n') : String(v);
  if (col.kind === 'boolean') return typeof v === 'boolean' ? v : String(v);
  if ((col.kind === 'number' || col.kind === 'integer') && typeof v === 'number') return v;
  return String(v);
}

function addSheet(wb: ExcelJS.Workbook, def: SheetDef, rows: Row[]): void {
  const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = def.columns.map((col) => ({ header: `${col.ko} (${col.key})`, key: col.key, width: col.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(def.columns.map((col) => cellOf(col, r[col.key])));
  def.columns.forEach((col, i) => {
    if (col.kind === 'integer') ws.getColumn(i + 1).numFmt = '#,##0';
  });
}

export async function yearDocumentToXlsx(doc: DocLike): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sehub';
  const yearRows = YEAR_FIELDS.map(([key]) => ({ key, value: key === 'format' ? (doc.format ?? 'sehub.programs.v1') : ((doc as unknown as Row)[key] ?? null) }));
  addSheet(wb, SHEETS.year, yearRows);
  addSheet(wb, SHEETS.areas, doc.areas);
  addSheet(wb, SHEETS.programs, doc.programs);
  const child = (key: 'kpis' | 'lines' | 'transfers' | 'schedule' | 'partners') => doc.programs.flatMap((p) => (p[key] ?? []).map((r) => ({ programCode: p.code, ...r })));
  addSheet(wb, SHEETS.kpis, child('kpis'));
  addSheet(wb, SHEETS.lines, child('lines'));
  addSheet(wb, SHEETS.transfers, child('transfers'));
  addSheet(wb, SHEETS.schedule, child('schedule'));
  addSheet(wb, SHEETS.partners, child('partners'));
  addSheet(
    wb,
    SHEETS.evaluation,
    doc.programs.flatMap((p) =>
      (Object.entries(EVALUATION_KINDS) as [keyof typeof EVALUATION_KINDS, 'achievements' | 'limits' | 'nextTasks'][]).flatMap(([kind, field]) =>
        (p.evaluation?.[field] ?? []).map((text) => ({ programCode: p.code, kind, text })),
      ),
    ),
  );
  addSheet(wb, SHEETS.reported, doc.reported);
  addSheet(wb, SHEETS.notes, doc.notes);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// import

/** Where a value of the assembled document came from: sheet, row number and column label. */
export interface Origin {
  sheet: string;
  row: number;
}

export interface WorkbookRead {
  /** YearDocument-shaped, not yet validated */
  doc: Record<string, unknown>;
  /** problems found while reading cells (not numbers, unknown sheet …) */
  errors: FieldError[];
  /** document path prefix (e.g. "programs[3].kpis[1]") → origin */
  origins: Map<string, Origin>;
}

function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('error' in v) return null;
    return null;
  }
  return v;
}

function fieldError(path: string, ko: string, en: string): FieldError {
  return { path, messages: { ko, en } };
}

function convert(col: Column, raw: unknown, where: string, errors: FieldError[]): unknown {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return col.kind === 'list' || col.kind === 'lines' ? [] : undefined;
  }
  switch (col.kind) {
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/[,\s원%]/g, ''));
      if (!Number.isFinite(n) || (col.kind === 'integer' && !Number.isInteger(n))) {
        errors.push(fieldError(where, `${col.ko}: ${col.kind === 'integer' ? '정수' : '숫자'}가 아닙니다 ("${String(raw)}")`, `${col.key}: not ${col.kind === 'integer' ? 'a whole number' : 'a number'} ("${String(raw)}")`));
        return undefined;
      }
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const t = String(raw).trim().toLowerCase();
      if (['true', 'yes', 'y', '1', '예', '네', 'o', '○'].includes(t)) return true;
      if (['false', 'no', 'n', '0', '아니오', '아니요', 'x', '×'].includes(t)) return false;
      errors.push(fieldError(where, `${col.ko}: 예 또는 아니오로 적어 주세요 ("${String(raw)}")`, `${col.key}: write yes or no ("${String(raw)}")`));
      return undefined;
    }
    case 'list':
      return String(raw)
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'lines':
      return String(raw)
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return typeof raw === 'number' ? String(raw) : String(raw).trim();
  }
}

interface ReadRow {
  row: number;
  values: Row;
}

function readSheet(wb: ExcelJS.Workbook, key: SheetKey, errors: FieldError[], required: boolean): ReadRow[] {
  const def: SheetDef = SHEETS[key];
  const ws = wb.getWorksheet(def.name) ?? wb.worksheets.find((w) => w.name.trim() === def.name);
  if (!ws) {
    if (required) errors.push(fieldError(def.name, `'${def.name}' 시트가 없습니다`, `the workbook has no '${def.name}' sheet`));
    return [];
  }
  const header = ws.getRow(1);
  const index = new Map<string, number>();
  header.eachCell((cell, col) => {
    const text = String(plain(cell.value) ?? '').trim();
    const key = /\(([A-Za-z]+)\)\s*$/.exec(text)?.[1];
    const byKey = def.columns.find((c) => c.key === key);
    const byLabel = def.columns.find((c) => c.ko === text.replace(/\s*\([^)]*\)\s*$/, '').trim() || c.ko === text);
    const found = byKey ?? byLabel;
    if (found && !index.has(found.key)) index.set(found.key, col);
  });
  const out: ReadRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Row = {};
    let any = false;
    for (const col of def.columns) {
      const at = index.get(col.key);
      if (at === undefined) continue;
      const raw = plain(row.getCell(at).value);
      if (raw !== null && !(typeof raw === 'string' && raw.trim() === '')) any = true;
      const v = convert(col, raw, `${def.name}[${n}].${col.key}`, errors);
      if (v !== undefined) values[col.key] = v;
    }
    if (any) out.push({ row: n, values });
  });
  return out;
}

export async function xlsxToYearDocument(data: Buffer): Promise<WorkbookRead> {
  const errors: FieldError[] = [];
  const origins = new Map<string, Origin>();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    errors.push(fieldError('file', `엑셀(XLSX) 파일을 읽을 수 없습니다: ${(e as Error).message}`, `the file is not a readable XLSX workbook: ${(e as Error).message}`));
    return { doc: {}, errors, origins };
  }
  const doc: Record<string, unknown> = {};
  for (const r of readSheet(wb, 'year', errors, true)) {
    const field = YEAR_FIELDS.find(([k, ko]) => r.values.key === k || r.values.key === ko)?.[0];
    if (!field) continue;
    const v = r.values.value;
    doc[field] = field === 'year' && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    origins.set(field, { sheet: SHEETS.year.name, row: r.row });
  }
  const list = (key: SheetKey, path: string, required = false) =>
    readSheet(wb, key, errors, required).map((r, i) => {
      origins.set(`${path}[${i}]`, { sheet: SHEETS[key].name, row: r.row });
      return r.values;
    });
  doc.areas = list('areas', 'areas');
  doc.reported = list('reported', 'reported');
  doc.notes = list('notes', 'notes');
  const programRows = readSheet(wb, 'programs', errors, true);
  const programs = programRows.map((r, i) => {
    origins.set(`programs[${i}]`, { sheet: SHEETS.programs.name, row: r.row });
    return { ...(r.values as Row & { code?: unknown }), kpis: [] as Row[], lines: [] as Row[], transfers: [] as Row[], schedule: [] as Row[], partners: [] as Row[], evaluation: { achievements: [] as string[], limits: [] as string[], nextTasks: [] as string[] } };
  });
  const byCode = new Map(programs.map((p, i) => [String(p.code ?? ''), i]));
  for (const key of ['kpis', 'lines', 'transfers', 'schedule', 'partners'] as const) {
    for (const r of readSheet(wb, key, errors, false)) {
      const { programCode, ...rest } = r.values;
      const i = byCode.get(String(programCode ?? ''));
      if (i === undefined) {
        errors.push(fieldError(`${SHEETS[key].name}[${r.row}].programCode`, `사업 코드 '${String(programCode ?? '')}'가 '사업' 시트에 없습니다`, `programme code '${String(programCode ?? '')}' is not on the '사업' sheet`));
        continue;
      }
      const arr = programs[i]![key];
      origins.set(`programs[${i}].${key}[${arr.length}]`, { sheet: SHEETS[key].name, row: r.row });
      arr.push(rest);
    }
  }
  for (const r of readSheet(wb, 'evaluation', errors, false)) {
    const i = byCode.get(String(r.values.programCode ?? ''));
    const field = EVALUATION_KINDS[String(r.values.kind ?? '') as keyof typeof EVALUATION_KINDS];
    const where = `${SHEETS.evaluation.name}[${r.row}]`;
    if (i === undefined) {
      errors.push(fieldError(`${where}.programCode`, `사업 코드 '${String(r.values.programCode ?? '')}'가 '사업' 시트에 없습니다`, `programme code '${String(r.values.programCode ?? '')}' is not on the '사업' sheet`));
    } else if (!field) {
      errors.push(fieldError(`${where}.kind`, '구분은 achievement, limit, next 중 하나여야 합니다', 'kind must be achievement, limit or next'));
    } else if (typeof r.values.text === 'string' && r.values.text) {
      const arr = programs[i]!.evaluation[field];
      origins.set(`programs[${i}].evaluation.${field}[${arr.length}]`, { sheet: SHEETS.evaluation.name, row: r.row });
      arr.push(r.values.text);
    }
  }
  doc.programs = programs;
  return { doc, errors, origins };
}

/**
 * Turns a document path from schema validation (programs[3].kpis[1].target) into the sheet row
 * it came from (성과지표[7].target), so staff can find the cell.
 */
export function locate(path: string, origins: Map<string, Origin>): string {
  let prefix = path;
  while (prefix) {
    const o = origins.get(prefix);
    if (o) {
      const tail = path.slice(prefix.length).replace(/^\./, '');
      return `${o.sheet}[${o.row}]${tail ? `.${tail}` : ''}`;
    }
    const last = /(\.[^.[\]]+|\[\d+\])$/.exec(prefix);
    if (!last) break;
    prefix = prefix.slice(0, last.index);
  }
  return path;
}
