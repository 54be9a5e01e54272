/**
 * Test helpers for the report writers (imported by *.test.ts only): the text of a PDF read back
 * with an independent reader (pdf.js), an HWPX's parts, an XLSX opened with exceljs.
 */
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, items joined by spaces, whitespace collapsed. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  await doc.destroy();
  return pages;
}

/** The entries of a zip in stored order, with the compression method of each (0 = stored). */
export function zipEntries(zip: Buffer): { name: string; method: number; offset: number }[] {
  const out: { name: string; method: number; offset: number }[] = [];
  let at = 0;
  while (at + 30 <= zip.length && zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const compressed = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    out.push({ name, method, offset: at });
    at += 30 + nameLength + extraLength + compressed;
  }
  return out;
}

export function unzipText(zip: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(zip));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

export async function openXlsx(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb;
}

/**
 * The cells of one sheet as a spreadsheet program reads them from the file: formula text and the
 * cached value (<v>), straight from the sheet XML (exceljs drops cached results of 0 and "").
 */
export function xlsxCells(xlsx: Buffer, sheetName: string): Map<string, { formula: string | null; value: string | null; type: string | null }> {
  const files = unzipText(xlsx);
  const workbook = files['xl/workbook.xml']!;
  const rels = files['xl/_rels/workbook.xml.rels']!;
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const sheet = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)].find((m) => decode(m[1]!) === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const target = new RegExp(`<Relationship [^>]*Id="${sheet[2]}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]*)"[^>]*Id="${sheet[2]}"`).exec(rels)?.[1];
  const xml = files[`xl/${target!.replace(/^\/?xl\//, '')}`]!;
  const cells = new Map<string, { formula: string | null; value: string | null; type: string | null }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const body = m[3] ?? '';
    const f = /<f>([\s\S]*?)<\/f>/.exec(body)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? (/<v\/>|<v><\/v>/.test(body) ? '' : null);
    cells.set(m[1]!, { formula: f !== undefined ? decode(f) : null, value: v !== null ? decode(v) : null, type: /t="([^"]+)"/.exec(m[2]!)?.[1] ?? null });
  }
  return cells;
}

/** The PDF's outline (bookmarks) as nested titles. */
export async function pdfOutline(pdf: Buffer): Promise<{ title: string; items: { title: string }[] }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const outline = (await doc.getOutline()) ?? [];
  await doc.destroy();
  return outline.map((o) => ({ title: o.title, items: o.items.map((i) => ({ title: i.title })) }));
}
