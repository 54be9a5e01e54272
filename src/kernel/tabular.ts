import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Writable } from 'node:stream';

/** Tabular files staff exchange: CSV (UTF-8, with or without BOM) and XLSX. */
export type TabularFormat = 'csv' | 'xlsx';

export interface Table {
  headers: string[];
  /** Data rows as text, in header order; row i is the file's line/row i + 2. */
  rows: string[][];
}

export class TableUnreadable extends Error {}

/** A cell our CSV export protected from formula injection: '=…, '+…, '-…, '@…. */
const FORMULA_ESCAPED = /^'[=+\-@\t\r]/;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue); // formula
    return '';
  }
  return String(v);
}

export async function readTable(data: Buffer, format: TabularFormat): Promise<Table> {
  let grid: string[][];
  try {
    if (format === 'csv') {
      // Papa Parse: RFC 4180 quoting, any line ending, several times faster than csv-parse on big files.
      const text = data.toString('utf8').replace(/^\uFEFF/, '');
      const result = Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: ',' });
      const fatal = result.errors.find((e) => e.type === 'Quotes');
      if (fatal) throw new TableUnreadable(`line ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
      grid = result.data;
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new TableUnreadable('the workbook has no sheet');
      grid = [];
      ws.eachRow({ includeEmpty: false }, (row) => {
        const values: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) values.push(cellText(row.getCell(c).value));
        grid.push(values);
      });
    }
  } catch (e) {
    throw e instanceof TableUnreadable ? e : new TableUnreadable((e as Error).message);
  }
  return tidy(grid, format === 'csv');
}

/**
 * Cells trimmed (and, from CSV, our export's formula escape taken off), blank rows dropped: in one
 * pass, in place, as an import reads files of tens of thousands of rows.
 */
function tidy(grid: string[][], unescape: boolean): Table {
  const cell = (c: string) => (unescape && c.charCodeAt(0) === 39 /* ' */ && FORMULA_ESCAPED.test(c) ? c.slice(1) : c).trim();
  const headers = (grid[0] ?? []).map(cell);
  const rows: string[][] = [];
  for (let i = 1; i < grid.length; i++) {
    const r = grid[i]!;
    let blank = true;
    for (let j = 0; j < r.length; j++) {
      const c = cell(r[j]!);
      r[j] = c;
      if (c !== '') blank = false;
    }
    if (!blank) rows.push(r);
  }
  return { headers, rows };
}

/** Streams rows as CSV with a BOM, so that Excel opens Korean text as UTF-8. */
export function csvWriter(out: Writable) {
  out.write('\uFEFF');
  return {
    // escapeFormulae: a cell starting with = + - @ is written as '=…, so a spreadsheet never runs it
    // as a formula (CSV injection); readTable takes the apostrophe off again.
    row: (values: (string | number | null)[]) =>
      out.write(`${Papa.unparse([values.map((v) => (v === null ? '' : v))], { newline: '\r\n', escapeFormulae: true })}\r\n`),
    end: () => new Promise<void>((resolve) => out.end(resolve)),
  };
}

/** Streams rows into an XLSX workbook of one sheet. */
export function xlsxWriter(out: Writable, sheet: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet);
  return {
    row: (values: (string | number | null)[]) => ws.addRow(values).commit(),
    end: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}
