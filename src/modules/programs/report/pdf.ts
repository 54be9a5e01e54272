/**
 * The annual report as PDF, typeset without a browser (pdfkit) in Pretendard GOV (OFL, embedded
 * and subset by pdfkit, so the text is searchable and extractable).
 *
 * The layout is our own, small and predictable: A4, words kept whole as Korean typesetting
 * expects (lines break at spaces; a word longer than its column breaks after punctuation, and
 * only then between syllables), tables whose header rows repeat on every page they run onto,
 * rows split across pages only when taller than a page. The table of contents is filled in after
 * layout, on pages reserved for it, with page numbers and links; the PDF outline (bookmarks)
 * mirrors it, and every page but the title page carries "n / N" in its footer.
 */
import PDFDocument from 'pdfkit';
import type { AnnualReport } from '../model.ts';
import { reportFonts } from '../../../kernel/pdf/fonts.ts';
import { jamoOf, SUBSTITUTES, wrapKeepAll } from '../../../kernel/pdf/text.ts';
import { buildDocument, headingText, tocEntries, type Align, type Block, type Cell, type ReportDocument, type TableBlock } from './document.ts';

export { jamoOf, wrapKeepAll };

type FontKey = 'R' | 'B';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 58, left: 48, right: 48 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const COLOR = { ink: '#1d1d1f', muted: '#5c5c66', line: '#9ea3ad', head: '#e9ecf1', sub: '#f4f5f8', total: '#dfe4ec', accent: '#1d4f91' };

const TOC_LINE = 17;
const TOC_TITLE = 46;

interface GlyphFont {
  hasGlyphForCodePoint(cp: number): boolean;
}

class Typesetter {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN.top;
  private readonly widths = new Map<string, number>();
  private readonly glyphs: Partial<Record<FontKey, GlyphFont>> = {};
  private readonly safeCache = new Map<string, string>();

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    const f = reportFonts();
    doc.registerFont('R', f.regular);
    doc.registerFont('B', f.bold);
    for (const key of ['R', 'B'] as const) {
      doc.font(key);
      // pdfkit keeps the fontkit font of the current face here; used only to find glyphs the subset lacks
      const inner = (doc as unknown as { _font?: { font?: Partial<GlyphFont> } })._font?.font;
      if (inner && typeof inner.hasGlyphForCodePoint === 'function') this.glyphs[key] = inner as GlyphFont;
    }
  }

  /** The text with characters the font cannot draw replaced (so nothing prints as an empty box). */
  safe(text: string): string {
    const cached = this.safeCache.get(text);
    if (cached !== undefined) return cached;
    const g = this.glyphs.R;
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20) {
        out += ch === '\n' ? '\n' : ' ';
        continue;
      }
      if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
      else if (!g || g.hasGlyphForCodePoint(cp)) out += ch;
      else if (cp >= 0xac00 && cp <= 0xd7a3) out += [...jamoOf(cp)].map((j) => (g.hasGlyphForCodePoint(j.codePointAt(0)!) ? j : '?')).join('');
      else out += '?';
    }
    this.safeCache.set(text, out);
    return out;
  }

  private charWidth(key: FontKey, ch: string): number {
    const k = key + ch;
    let w = this.widths.get(k);
    if (w === undefined) {
      w = this.doc.font(key).fontSize(1000).widthOfString(ch) / 1000;
      this.widths.set(k, w);
    }
    return w;
  }

  width(text: string, key: FontKey, size: number): number {
    let w = 0;
    for (const ch of text) w += this.charWidth(key, ch);
    return w * size;
  }

  /** Lines of at most `width` (see wrapKeepAll). */
  wrap(text: string, key: FontKey, size: number, width: number): string[] {
    return wrapKeepAll(this.safe(text), width, (ch) => this.charWidth(key, ch) * size);
  }

  addPage(): void {
    this.doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }

  /** Moves to a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.addPage();
  }

  atTop(): boolean {
    return this.y <= MARGIN.top + 0.5;
  }

  text(line: string, x: number, y: number, key: FontKey, size: number, color = COLOR.ink): void {
    this.doc.font(key).fontSize(size).fillColor(color).text(line, x, y, { lineBreak: false });
  }

  lines(lines: string[], x: number, y: number, width: number, key: FontKey, size: number, leading: number, align: Align = 'left', color = COLOR.ink): void {
    lines.forEach((l, i) => {
      const w = align === 'left' ? 0 : this.width(l, key, size);
      const lx = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
      this.text(l, lx, y + i * leading, key, size, color);
    });
  }

  paragraph(text: string, opts: { size?: number; key?: FontKey; color?: string; indent?: number; after?: number } = {}): void {
    const size = opts.size ?? 9;
    const key = opts.key ?? 'R';
    const leading = size * 1.55;
    const indent = opts.indent ?? 0;
    const lines = this.wrap(text, key, size, CONTENT_WIDTH - indent);
    for (const l of lines) {
      this.ensure(leading);
      this.text(l, MARGIN.left + indent, this.y, key, size, opts.color);
      this.y += leading;
    }
    this.y += opts.after ?? 4;
  }

  list(items: string[]): void {
    const size = 9;
    const leading = size * 1.55;
    const indent = 12;
    for (const item of items) {
      const lines = this.wrap(item, 'R', size, CONTENT_WIDTH - indent);
      lines.forEach((l, i) => {
        this.ensure(leading);
        if (i === 0) this.text('•', MARGIN.left + 2, this.y, 'R', size, COLOR.accent);
        this.text(l, MARGIN.left + indent, this.y, 'R', size);
        this.y += leading;
      });
      this.y += 1.5;
    }
    this.y += 4;
  }

  table(t: TableBlock): void {
    const size = t.dense ? 6.6 : 7.6;
    const leading = size * 1.38;
    const pad = t.dense ? 2.2 : 3.2;
    const total = t.columns.reduce((a, c) => a + c.width, 0);
    const colW = t.columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const colX: number[] = [];
    colW.reduce((x, w, i) => {
      colX[i] = x;
      return x + w;
    }, MARGIN.left);
    const spanWidth = (col: number, span: number) => colW.slice(col, col + span).reduce((a, b) => a + b, 0);

    // header: place cells on a grid (row and column spans), then size the rows
    interface Placed {
      cell: Cell;
      row: number;
      col: number;
      rowSpan: number;
      colSpan: number;
      lines: string[];
    }
    const placed: Placed[] = [];
    const taken = new Set<string>();
    t.head.forEach((row, r) => {
      let c = 0;
      for (const cell of row) {
        while (taken.has(`${r}:${c}`)) c++;
        const colSpan = cell.colSpan ?? 1;
        const rowSpan = cell.rowSpan ?? 1;
        for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr}:${c + dc}`);
        placed.push({ cell, row: r, col: c, rowSpan, colSpan, lines: this.wrap(cell.text, 'B', size, spanWidth(c, colSpan) - 2 * pad) });
        c += colSpan;
      }
    });
    const headRows = t.head.length;
    const headH = Array.from({ length: headRows }, (_, r) => Math.max(leading + 2 * pad, ...placed.filter((p) => p.row === r && p.rowSpan === 1).map((p) => p.lines.length * leading + 2 * pad)));
    for (const p of placed.filter((x) => x.rowSpan > 1)) {
      const need = p.lines.length * leading + 2 * pad;
      const have = headH.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
      if (need > have) headH[p.row + p.rowSpan - 1]! += need - have;
    }
    const headerHeight = headH.reduce((a, b) => a + b, 0);
    const drawHeader = () => {
      const top = this.y;
      const rowTop = (r: number) => top + headH.slice(0, r).reduce((a, b) => a + b, 0);
      for (const p of placed) {
        const x = colX[p.col]!;
        const w = spanWidth(p.col, p.colSpan);
        const y = rowTop(p.row);
        const h = headH.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
        this.doc.rect(x, y, w, h).lineWidth(0.6).fillAndStroke(COLOR.head, COLOR.line);
        const textH = p.lines.length * leading;
        this.lines(p.lines, x + pad, y + (h - textH) / 2, w - 2 * pad, 'B', size, leading, 'center');
      }
      this.y = top + headerHeight;
    };

    // body: each row's cells with their wrapped lines
    const rows = t.body.map((row) => {
      const key: FontKey = row.kind === 'total' || row.kind === 'subtotal' ? 'B' : 'R';
      let c = 0;
      const cells = row.cells.map((cell) => {
        const span = cell.colSpan ?? 1;
        const indent = (cell.indent ?? 0) * 8;
        const w = spanWidth(c, span);
        const align = cell.align ?? t.columns[c]?.align ?? 'left';
        let lines = this.wrap(cell.text, key, size, w - 2 * pad - indent);
        let cellSize = size;
        // a figure never wraps: it is set smaller to fit its column instead
        if (lines.length > 1 && align === 'right' && !/\s/.test(cell.text.trim())) {
          const text = this.safe(cell.text.trim());
          cellSize = Math.max(4.5, (size * (w - 2 * pad - indent)) / this.width(text, key, size));
          lines = [text];
        }
        const out = { cell, col: c, span, x: colX[c]!, w, indent, align, lines, size: cellSize };
        c += span;
        return out;
      });
      const height = Math.max(1, ...cells.map((x) => x.lines.length)) * leading + 2 * pad;
      return { row, key, cells, height };
    });

    // caption and unit, kept with the header and the first row
    const captionH = 15;
    const firstRow = Math.min(rows[0]?.height ?? 0, 120);
    this.ensure(captionH + headerHeight + firstRow);
    this.text(this.safe(t.caption), MARGIN.left, this.y + 2, 'B', 9.2, COLOR.ink);
    if (t.unit) {
      const u = this.safe(t.unit);
      this.text(u, MARGIN.left + CONTENT_WIDTH - this.width(u, 'R', 7.2), this.y + 4, 'R', 7.2, COLOR.muted);
    }
    this.y += captionH;
    drawHeader();

    const fill = (kind: string | undefined, rowHeader: boolean) => (kind === 'total' ? COLOR.total : kind === 'subtotal' ? COLOR.sub : rowHeader ? '#fafbfc' : null);
    const drawRow = (r: (typeof rows)[number], from: number, count: number) => {
      const h = count * leading + 2 * pad;
      for (const c of r.cells) {
        const bg = fill(r.row.kind, Boolean(c.cell.rowHeader));
        if (bg) this.doc.rect(c.x, this.y, c.w, h).lineWidth(0.6).fillAndStroke(bg, COLOR.line);
        else this.doc.rect(c.x, this.y, c.w, h).lineWidth(0.6).stroke(COLOR.line);
        this.lines(c.lines.slice(from, from + count), c.x + pad + c.indent, this.y + pad + (size - c.size) * 0.8, c.w - 2 * pad - c.indent, r.key, c.size, leading, c.align);
      }
      this.y += h;
    };
    const fullPage = BOTTOM - MARGIN.top - headerHeight;
    for (const r of rows) {
      if (this.y + r.height <= BOTTOM) {
        drawRow(r, 0, Math.round((r.height - 2 * pad) / leading));
        continue;
      }
      const lineCount = Math.round((r.height - 2 * pad) / leading);
      if (r.height <= fullPage) {
        this.addPage();
        drawHeader();
        drawRow(r, 0, lineCount);
        continue;
      }
      // taller than a page: split its lines across pages
      let from = 0;
      while (from < lineCount) {
        let fit = Math.floor((BOTTOM - this.y - 2 * pad) / leading);
        if (fit < 2) {
          this.addPage();
          drawHeader();
          fit = Math.floor((BOTTOM - this.y - 2 * pad) / leading);
        }
        const n = Math.min(fit, lineCount - from);
        drawRow(r, from, n);
        from += n;
      }
    }
    this.y += 4;
    for (const n of t.notes ?? []) this.paragraph(`※ ${n}`, { size: 7.2, color: COLOR.muted, after: 0 });
    this.y += 8;
  }
}

function tocPagesNeeded(entries: number): number {
  const usable = BOTTOM - MARGIN.top;
  const first = Math.floor((usable - TOC_TITLE) / TOC_LINE);
  const next = Math.floor(usable / TOC_LINE);
  return entries <= first ? 1 : 1 + Math.ceil((entries - first) / next);
}

function titlePage(ts: Typesetter, doc: ReportDocument): void {
  const x = MARGIN.left;
  ts.text(ts.safe(doc.organisation), x, 230, 'R', 14, COLOR.muted);
  const titleLines = ts.wrap(doc.title, 'B', 26, CONTENT_WIDTH);
  ts.lines(titleLines, x, 256, CONTENT_WIDTH, 'B', 26, 34, 'left', COLOR.accent);
  let y = 256 + titleLines.length * 34 + 14;
  ts.text(`${doc.year}년 · 작성일 ${doc.generated}`, x, y, 'R', 11, COLOR.ink);
  y += 40;
  const boxW = (CONTENT_WIDTH - 3 * 10) / 4;
  doc.summary.forEach((s, i) => {
    const bx = x + i * (boxW + 10);
    ts.doc.roundedRect(bx, y, boxW, 58, 4).lineWidth(0.8).stroke(COLOR.line);
    ts.lines(ts.wrap(s.label, 'R', 7.5, boxW - 14), bx + 7, y + 7, boxW - 14, 'R', 7.5, 10, 'left', COLOR.muted);
    ts.text(ts.safe(s.value), bx + 7, y + 34, 'B', s.value.length > 14 ? 10 : 13, COLOR.ink);
  });
  ts.text('sehub — 사회적경제 지원센터 플랫폼', x, BOTTOM - 10, 'R', 8, COLOR.muted);
}

function heading(ts: Typesetter, level: 1 | 2 | 3, text: string, id: string, outline: PDFKit.PDFOutline | null): PDFKit.PDFOutline | null {
  const size = level === 1 ? 16 : level === 2 ? 12.5 : 10.2;
  const key: FontKey = 'B';
  const leading = size * 1.35;
  const lines = ts.wrap(text, key, size, CONTENT_WIDTH);
  const before = ts.atTop() ? 0 : level === 1 ? 14 : level === 2 ? 12 : 8;
  // keep the heading with some of what follows
  ts.ensure(before + lines.length * leading + 70);
  if (!ts.atTop()) ts.y += before;
  ts.doc.addNamedDestination(id, 'XYZ', 0, Math.max(ts.y - 6, 0), null);
  ts.lines(lines, MARGIN.left, ts.y, CONTENT_WIDTH, key, size, leading, 'left', level === 3 ? COLOR.ink : COLOR.accent);
  ts.y += lines.length * leading;
  if (level === 1) {
    ts.doc.moveTo(MARGIN.left, ts.y + 1).lineTo(MARGIN.left + CONTENT_WIDTH, ts.y + 1).lineWidth(1.4).stroke(COLOR.accent);
    ts.y += 6;
  }
  ts.y += level === 3 ? 3 : 5;
  return outline ? outline.addItem(text) : null;
}

function block(ts: Typesetter, b: Block): void {
  switch (b.kind) {
    case 'paragraph':
      ts.paragraph(b.text, { color: b.tone === 'muted' ? COLOR.muted : COLOR.ink });
      break;
    case 'list':
      ts.list(b.items);
      break;
    case 'label':
      ts.ensure(60);
      ts.paragraph(b.text, { key: 'B', size: 9.2, after: 1 });
      break;
    case 'table':
      ts.table(b);
      break;
  }
}

export function renderDocumentPdf(doc: ReportDocument, createdAt?: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'ko-KR',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: doc.title, Author: doc.organisation, Subject: `${doc.year}년 성과보고서`, Creator: 'sehub', Producer: 'sehub (pdfkit)', ...(createdAt ? { CreationDate: createdAt } : {}) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const ts = new Typesetter(pdf);
  titlePage(ts, doc);

  // reserve the table of contents, lay out the body, then come back and fill it in
  const entries = tocEntries(doc);
  const tocPages = tocPagesNeeded(entries.length);
  const tocStart = 1;
  for (let i = 0; i < tocPages; i++) ts.addPage();
  const pageOf = new Map<string, number>();
  const outlineOf: Partial<Record<1 | 2, PDFKit.PDFOutline>> = {};
  let first = true;
  for (const s of doc.sections) {
    if (first || (s.newPage && !ts.atTop())) ts.addPage();
    first = false;
    const parent = s.level === 1 ? pdf.outline : s.level === 2 ? (outlineOf[1] ?? pdf.outline) : (outlineOf[2] ?? null);
    const item = heading(ts, s.level, headingText(s), s.id, parent);
    if (s.level < 3 && item) outlineOf[s.level as 1 | 2] = item;
    pageOf.set(s.id, pdf.bufferedPageRange().count);
    for (const b of s.blocks) block(ts, b);
  }

  const range = pdf.bufferedPageRange();
  const pageCount = range.count;
  // table of contents
  let page = tocStart;
  pdf.switchToPage(page);
  let y = MARGIN.top;
  ts.text('목차', MARGIN.left, y, 'B', 18, COLOR.accent);
  pdf.addNamedDestination('toc', 'XYZ', 0, y, null);
  y += TOC_TITLE;
  for (const s of entries) {
    if (y + TOC_LINE > BOTTOM) {
      page += 1;
      pdf.switchToPage(page);
      y = MARGIN.top;
    }
    const indent = s.level === 1 ? 0 : 16;
    const key: FontKey = s.level === 1 ? 'B' : 'R';
    const size = s.level === 1 ? 10.5 : 9.5;
    const num = String(pageOf.get(s.id) ?? '');
    const numW = ts.width(num, 'R', size);
    const label = ts.wrap(headingText(s), key, size, CONTENT_WIDTH - indent - 40)[0] ?? '';
    const labelW = ts.width(label, key, size);
    ts.text(label, MARGIN.left + indent, y, key, size);
    ts.text(num, MARGIN.left + CONTENT_WIDTH - numW, y, 'R', size);
    const dotsFrom = MARGIN.left + indent + labelW + 6;
    const dotsTo = MARGIN.left + CONTENT_WIDTH - numW - 6;
    if (dotsTo > dotsFrom) {
      pdf.save().moveTo(dotsFrom, y + size * 0.9).lineTo(dotsTo, y + size * 0.9).lineWidth(0.6).dash(0.8, { space: 2.4 }).stroke(COLOR.line).undash().restore();
    }
    pdf.goTo(MARGIN.left, y - 2, CONTENT_WIDTH, TOC_LINE, s.id);
    y += TOC_LINE;
  }

  // footers: page n / N on every page but the title page
  for (let i = 1; i < pageCount; i++) {
    pdf.switchToPage(range.start + i);
    const label = `${i + 1} / ${pageCount}`;
    const size = 8;
    ts.text(label, MARGIN.left + CONTENT_WIDTH - ts.width(label, 'R', size), PAGE.height - 36, 'R', size, COLOR.muted);
    const title = ts.wrap(`${doc.organisation} · ${doc.title}`, 'R', 7, CONTENT_WIDTH - 80)[0] ?? '';
    ts.text(title, MARGIN.left, PAGE.height - 35, 'R', 7, COLOR.muted);
    pdf.moveTo(MARGIN.left, PAGE.height - 44).lineTo(MARGIN.left + CONTENT_WIDTH, PAGE.height - 44).lineWidth(0.4).stroke(COLOR.line);
  }
  pdf.end();
  return done;
}

export function renderPdf(report: AnnualReport): Promise<Buffer> {
  return renderDocumentPdf(buildDocument(report), new Date(report.generatedAt));
}
