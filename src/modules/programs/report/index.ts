/**
 * The annual performance report writers: one `AnnualReport` model in, the document out as HTML,
 * PDF, XLSX or HWPX. The writers only lay the model out; every figure and every explanation of a
 * figure comes from the model (see ../model.ts), so the four formats say the same thing.
 */
import type { AnnualReport, ReportFormat } from '../model.ts';
import { REPORT_MEDIA_TYPES } from '../model.ts';
import { reportFileName as fileName } from './format.ts';
import { renderHtml } from './html.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';
import { renderHwpx } from './hwpx.ts';

export async function renderReport(report: AnnualReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'pdf':
      return renderPdf(report);
    case 'xlsx':
      return renderXlsx(report);
    case 'hwpx':
      return renderHwpx(report);
  }
}

/** "sehub-annual-report-2013.pdf" */
export function reportFileName(year: number, format: ReportFormat): string {
  return fileName(year, format);
}

export function reportMediaType(format: ReportFormat): string {
  return REPORT_MEDIA_TYPES[format];
}

export { buildDocument } from './document.ts';
