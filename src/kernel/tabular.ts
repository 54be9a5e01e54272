import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

/** Tabular files staff exchange: CSV (UTF-8, with or without BOM) and XLSX. */
export type TabularFormat = 'csv' | 'xlsx';

export interface Table {
  headers: string[];
  /** Data rows as text, in header order; row i is the file's line/row i + 2. */
  rows: string[][];
}

export class TableUnreadable extends Error {}

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
      grid = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
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
  const [headers = [], ...rows] = grid;
  return { headers: headers.map((h) => h.trim()), rows: rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => r.map((c) => c.trim())) };
}

/** Streams rows as CSV with a BOM, so that Excel opens Korean text as UTF-8. */
export function csvWriter(out: Writable) {
  out.write('\uFEFF');
  return {
    row: (values: (string | number | null)[]) => out.write(stringify([values.map((v) => (v === null ? '' : v))])),
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
