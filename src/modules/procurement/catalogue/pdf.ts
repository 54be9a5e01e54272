/**
 * The printed catalogue (the centre printed one in 2013 listing 565 firms): a cover, a table of
 * contents by category with page numbers, then per category each firm with its offerings — name,
 * price or how it is priced, unit, minimum order, delivery area, certifications — and its contact.
 * A4, pdfkit, the annual report's Pretendard GOV subset (src/kernel/pdf), words kept whole as
 * Korean typesetting expects, "n / N" on every page but the cover.
 */
import PDFDocument from 'pdfkit';
import type { Bilingual } from '../../../kernel/i18n.ts';
import { reportFonts } from '../../../kernel/pdf/fonts.ts';
import { jamoOf, SUBSTITUTES, wrapKeepAll } from '../../../kernel/pdf/text.ts';

export interface PrintedCatalogue {
  title: string;
  subtitle: string;
  generated: string;
  categories: {
    code: string;
    label: Bilingual;
    kind: 'product' | 'service';
    firms: {
      name: string;
      about: string;
      contact: string;
      offerings: { name: string; price: string; unit: string; minOrder: string; delivery: string; certifications: string }[];
    }[];
  }[];
}

type FontKey = 'R' | 'B';
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 54, bottom: 58, left: 48, right: 48 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLOR = { ink: '#1d1d1f', muted: '#5c5c66', line: '#9ea3ad', accent: '#1d4f91', band: '#eef1f6' };
const TOC_LINE = 17;
const TOC_TITLE = 46;

interface GlyphFont {
  hasGlyphForCodePoint(cp: number): boolean;
}

class Typesetter {
  y = MARGIN.top;
  private readonly widths = new Map<string, number>();
  private glyphs: GlyphFont | undefined;

  constructor(readonly doc: PDFKit.PDFDocument) {
    const f = reportFonts();
    doc.registerFont('R', f.regular);
    doc.registerFont('B', f.bold);
    doc.font('B');
    doc.font('R');
    const inner = (doc as unknown as { _font?: { font?: Partial<GlyphFont> } })._font?.font;
    if (inner && typeof inner.hasGlyphForCodePoint === 'function') this.glyphs = inner as GlyphFont;
  }

  /** The text with characters the subset cannot draw replaced (as the annual report does). */
  safe(text: string): string {
    const g = this.glyphs;
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20) out += ch === '\n' ? '\n' : ' ';
      else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
      else if (!g || g.hasGlyphForCodePoint(cp)) out += ch;
      else if (cp >= 0xac00 && cp <= 0xd7a3) out += [...jamoOf(cp)].map((j) => (g.hasGlyphForCodePoint(j.codePointAt(0)!) ? j : '?')).join('');
      else out += '?';
    }
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

  wrap(text: string, key: FontKey, size: number, width: number): string[] {
    return wrapKeepAll(this.safe(text), width, (ch) => this.charWidth(key, ch) * size);
  }

  text(line: string, x: number, y: number, key: FontKey, size: number, color = COLOR.ink): void {
    this.doc.font(key).fontSize(size).fillColor(color).text(line, x, y, { lineBreak: false });
  }

  addPage(): void {
    this.doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }

  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.addPage();
  }
}

const tocPagesNeeded = (entries: number) => {
  const usable = BOTTOM - MARGIN.top;
  const first = Math.floor((usable - TOC_TITLE) / TOC_LINE);
  return entries <= first ? 1 : 1 + Math.ceil((entries - first) / Math.floor(usable / TOC_LINE));
};

type Firm = PrintedCatalogue['categories'][number]['firms'][number];

/** A firm's block: its name, what it is, its offerings, its contact; kept on one page when it fits. */
function firmBlock(ts: Typesetter, f: Firm): void {
  const nameLines = ts.wrap(f.name, 'B', 10.5, WIDTH - 8);
  const aboutLines = f.about ? ts.wrap(f.about, 'R', 8, WIDTH - 8) : [];
  const offerLines = f.offerings.map((o) => {
    const head = ts.wrap(`• ${o.name}`, 'B', 8.8, WIDTH - 16);
    const facts = [o.price ? `가격 ${o.price}${o.price.endsWith('원') ? ` / ${o.unit}` : ''}` : '', `단위 ${o.unit}`, `최소 주문 ${o.minOrder}`, `배송 ${o.delivery}`, o.certifications ? `인증 ${o.certifications}` : '']
      .filter(Boolean)
      .join(' · ');
    return { head, facts: ts.wrap(facts, 'R', 8, WIDTH - 26) };
  });
  const contactLines = ts.wrap(`연락처 ${f.contact || '—'}`, 'R', 8, WIDTH - 8);
  const height =
    nameLines.length * 14 + aboutLines.length * 11 + offerLines.reduce((a, o) => a + o.head.length * 12.5 + o.facts.length * 11 + 2, 0) + contactLines.length * 11 + 14;
  // keep a firm whole unless it is taller than a page
  if (height < BOTTOM - MARGIN.top) ts.ensure(height);
  const line = (h: number) => ts.ensure(h);
  const x = MARGIN.left + 4;
  for (const l of nameLines) {
    line(14);
    ts.text(l, x, ts.y, 'B', 10.5, COLOR.ink);
    ts.y += 14;
  }
  for (const l of aboutLines) {
    line(11);
    ts.text(l, x, ts.y, 'R', 8, COLOR.muted);
    ts.y += 11;
  }
  for (const o of offerLines) {
    for (const l of o.head) {
      line(12.5);
      ts.text(l, x + 4, ts.y + 1.5, 'B', 8.8);
      ts.y += 12.5;
    }
    for (const l of o.facts) {
      line(11);
      ts.text(l, x + 14, ts.y, 'R', 8);
      ts.y += 11;
    }
    ts.y += 2;
  }
  for (const l of contactLines) {
    line(11);
    ts.text(l, x, ts.y, 'R', 8, COLOR.muted);
    ts.y += 11;
  }
  ts.y += 4;
  ts.doc.moveTo(MARGIN.left, ts.y).lineTo(MARGIN.left + WIDTH, ts.y).lineWidth(0.4).stroke(COLOR.line);
  ts.y += 10;
}

export function renderCataloguePdf(c: PrintedCatalogue, createdAt?: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'ko-KR',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: c.title, Author: 'sehub', Subject: c.subtitle, Creator: 'sehub', Producer: 'sehub (pdfkit)', ...(createdAt ? { CreationDate: createdAt } : {}) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const ts = new Typesetter(pdf);

  // cover
  const firms = c.categories.reduce((a, k) => a + k.firms.length, 0);
  const offerings = c.categories.reduce((a, k) => a + k.firms.reduce((b, f) => b + f.offerings.length, 0), 0);
  const titleLines = ts.wrap(c.title, 'B', 24, WIDTH);
  titleLines.forEach((l, i) => ts.text(l, MARGIN.left, 230 + i * 32, 'B', 24, COLOR.accent));
  let y = 230 + titleLines.length * 32 + 10;
  for (const l of ts.wrap(c.subtitle, 'R', 11, WIDTH)) {
    ts.text(l, MARGIN.left, y, 'R', 11, COLOR.muted);
    y += 16;
  }
  y += 20;
  ts.text(`분류 ${c.categories.length}개 · 기업 ${firms.toLocaleString('ko-KR')}곳 · 상품·서비스 ${offerings.toLocaleString('ko-KR')}건`, MARGIN.left, y, 'R', 11);
  ts.text(`작성일 ${c.generated}`, MARGIN.left, y + 20, 'R', 11);
  ts.text('sehub — 사회적경제 지원센터 플랫폼', MARGIN.left, BOTTOM - 10, 'R', 8, COLOR.muted);

  // reserve the contents, lay out the categories, then fill the contents in
  const tocPages = tocPagesNeeded(c.categories.length);
  for (let i = 0; i < tocPages; i++) ts.addPage();
  const pageOf = new Map<string, number>();
  for (const k of c.categories) {
    ts.addPage();
    pageOf.set(k.code, pdf.bufferedPageRange().count);
    pdf.addNamedDestination(`cat-${k.code}`, 'XYZ', 0, ts.y, null);
    pdf.outline.addItem(`${k.label.ko} (${k.firms.length})`);
    ts.text(ts.safe(`${k.label.ko} · ${k.label.en}`), MARGIN.left, ts.y, 'B', 16, COLOR.accent);
    ts.y += 24;
    ts.text(`${k.kind === 'product' ? '물품' : '용역'} · 기업 ${k.firms.length}곳`, MARGIN.left, ts.y, 'R', 9, COLOR.muted);
    ts.y += 14;
    pdf.moveTo(MARGIN.left, ts.y).lineTo(MARGIN.left + WIDTH, ts.y).lineWidth(1.4).stroke(COLOR.accent);
    ts.y += 12;
    if (!k.firms.length) ts.text('이 분류에 등록된 상품·서비스가 없습니다.', MARGIN.left, ts.y, 'R', 9, COLOR.muted);
    for (const f of k.firms) firmBlock(ts, f);
  }

  const range = pdf.bufferedPageRange();
  let page = 1;
  pdf.switchToPage(page);
  y = MARGIN.top;
  ts.text('목차', MARGIN.left, y, 'B', 18, COLOR.accent);
  y += TOC_TITLE;
  for (const k of c.categories) {
    if (y + TOC_LINE > BOTTOM) {
      pdf.switchToPage(++page);
      y = MARGIN.top;
    }
    const num = String(pageOf.get(k.code) ?? '');
    const label = ts.safe(`${k.label.ko} (${k.firms.length}곳)`);
    const numW = ts.width(num, 'R', 10);
    ts.text(label, MARGIN.left, y, 'R', 10);
    ts.text(num, MARGIN.left + WIDTH - numW, y, 'R', 10);
    const from = MARGIN.left + ts.width(label, 'R', 10) + 6;
    const to = MARGIN.left + WIDTH - numW - 6;
    if (to > from) pdf.save().moveTo(from, y + 9).lineTo(to, y + 9).lineWidth(0.6).dash(0.8, { space: 2.4 }).stroke(COLOR.line).undash().restore();
    pdf.goTo(MARGIN.left, y - 2, WIDTH, TOC_LINE, `cat-${k.code}`);
    y += TOC_LINE;
  }

  for (let i = 1; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const label = `${i + 1} / ${range.count}`;
    ts.text(label, MARGIN.left + WIDTH - ts.width(label, 'R', 8), PAGE.height - 36, 'R', 8, COLOR.muted);
    ts.text(ts.wrap(c.title, 'R', 7, WIDTH - 80)[0] ?? '', MARGIN.left, PAGE.height - 35, 'R', 7, COLOR.muted);
    pdf.moveTo(MARGIN.left, PAGE.height - 44).lineTo(MARGIN.left + WIDTH, PAGE.height - 44).lineWidth(0.4).stroke(COLOR.line);
  }
  pdf.end();
  return done;
}
