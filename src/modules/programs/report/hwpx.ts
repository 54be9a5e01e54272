/**
 * The annual report as HWPX (OWPML, KS X 6101), the format Hangul opens natively: a zip whose
 * first entry is the uncompressed `mimetype`, then version.xml, META-INF/container.xml (+ .rdf),
 * META-INF/manifest.xml, Contents/content.hpf (the package: header and section), Contents/header.xml
 * (font faces with a Korean face, character and paragraph shapes, the border fills the tables
 * use), Contents/section0.xml (A4 page, page numbers, paragraphs and real tables with header rows
 * Hangul repeats across pages), settings.xml and Preview/PrvText.txt.
 *
 * Sizes are HWPUNIT (1/7200 inch; 1 pt = 100). Hangul lays the text out itself; row heights here
 * are only starting values it grows to fit.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AnnualReport } from '../model.ts';
import { buildDocument, headingText, tocEntries, type Block, type Cell, type ReportDocument, type TableBlock } from './document.ts';

const NS = {
  ha: 'http://www.hancom.co.kr/hwpml/2011/app',
  hp: 'http://www.hancom.co.kr/hwpml/2011/paragraph',
  hp10: 'http://www.hancom.co.kr/hwpml/2016/paragraph',
  hs: 'http://www.hancom.co.kr/hwpml/2011/section',
  hc: 'http://www.hancom.co.kr/hwpml/2011/core',
  hh: 'http://www.hancom.co.kr/hwpml/2011/head',
  hhs: 'http://www.hancom.co.kr/hwpml/2011/history',
  hm: 'http://www.hancom.co.kr/hwpml/2011/master-page',
  hpf: 'http://www.hancom.co.kr/schema/2011/hpf',
  dc: 'http://purl.org/dc/elements/1.1/',
  opf: 'http://www.idpf.org/2007/opf/',
  ooxmlchart: 'http://www.hancom.co.kr/hwpml/2016/ooxmlchart',
  hwpunitchar: 'http://www.hancom.co.kr/hwpml/2016/HwpUnitChar',
  epub: 'http://www.idpf.org/2007/ops',
  config: 'urn:oasis:names:tc:opendocument:xmlns:config:1.0',
};
const XMLNS = Object.entries(NS)
  .map(([k, v]) => `xmlns:${k}="${v}"`)
  .join(' ');
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>';

const PAGE = { width: 59528, height: 84186, left: 7087, right: 7087, top: 5669, bottom: 4252, header: 2835, footer: 2835 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const KOREAN_FACE = '함초롬돋움';
const LATIN_FACE = '함초롬돋움';

/** Character shapes (charPr ids). */
const CH = { body: 0, title: 1, h1: 2, h2: 3, h3: 4, cell: 5, cellBold: 6, muted: 7, grid: 8, gridBold: 9, label: 10, org: 11 } as const;
/** Paragraph shapes (paraPr ids). */
const PA = { body: 0, left: 1, center: 2, right: 3, list: 4, heading: 5, cellLeft: 6, cellCenter: 7, cellRight: 8, note: 9 } as const;
/** Border fills (ids from 1). */
const BF = { none: 1, charNone: 2, cell: 3, head: 4, sub: 5, total: 6, rowHead: 7 } as const;

/** Characters XML 1.0 cannot carry, and the five it must escape. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

// ---------------------------------------------------------------- header.xml

function fontfaces(): string {
  const langs = ['HANGUL', 'LATIN', 'HANJA', 'JAPANESE', 'OTHER', 'SYMBOL', 'USER'];
  const typeInfo = '<hh:typeInfo familyType="FCAT_GOTHIC" weight="6" proportion="4" contrast="0" strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/>';
  const face = (lang: string) => (lang === 'HANGUL' || lang === 'HANJA' || lang === 'JAPANESE' ? KOREAN_FACE : LATIN_FACE);
  return `<hh:fontfaces itemCnt="${langs.length}">${langs
    .map((l) => `<hh:fontface lang="${l}" fontCnt="1"><hh:font id="0" face="${face(l)}" type="TTF" isEmbedded="0">${typeInfo}</hh:font></hh:fontface>`)
    .join('')}</hh:fontfaces>`;
}

function borderFill(id: number, border: 'NONE' | 'SOLID', fill: string | null): string {
  const side = (name: string) => `<hh:${name} type="${border}" width="0.12 mm" color="#9EA3AD"/>`;
  const brush = fill ? `<hc:fillBrush><hc:winBrush faceColor="${fill}" hatchColor="#999999" alpha="0"/></hc:fillBrush>` : '';
  return (
    `<hh:borderFill id="${id}" threeD="0" shadow="0" centerLine="NONE" breakCellSeparateLine="0">` +
    '<hh:slash type="NONE" Crooked="0" isCounter="0"/><hh:backSlash type="NONE" Crooked="0" isCounter="0"/>' +
    `${side('leftBorder')}${side('rightBorder')}${side('topBorder')}${side('bottomBorder')}` +
    '<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/>' +
    `${brush}</hh:borderFill>`
  );
}

function charPr(id: number, height: number, opts: { bold?: boolean; color?: string } = {}): string {
  const all = (v: number) => `hangul="${v}" latin="${v}" hanja="${v}" japanese="${v}" other="${v}" symbol="${v}" user="${v}"`;
  return (
    `<hh:charPr id="${id}" height="${height}" textColor="${opts.color ?? '#1D1D1F'}" shadeColor="none" useFontSpace="0" useKerning="0" symMark="NONE" borderFillIDRef="${BF.charNone}">` +
    `<hh:fontRef ${all(0)}/><hh:ratio ${all(100)}/><hh:spacing ${all(0)}/><hh:relSz ${all(100)}/><hh:offset ${all(0)}/>` +
    (opts.bold ? '<hh:bold/>' : '') +
    '<hh:underline type="NONE" shape="SOLID" color="#000000"/><hh:strikeout shape="NONE" color="#000000"/><hh:outline type="NONE"/>' +
    '<hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/></hh:charPr>'
  );
}

function paraPr(id: number, align: 'JUSTIFY' | 'LEFT' | 'CENTER' | 'RIGHT', m: { left?: number; indent?: number; prev?: number; next?: number; line?: number; keepWithNext?: boolean } = {}): string {
  return (
    `<hh:paraPr id="${id}" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" suppressLineNumbers="0" checked="0" textDir="LTR">` +
    `<hh:align horizontal="${align}" vertical="BASELINE"/>` +
    '<hh:heading type="NONE" idRef="0" level="0"/>' +
    // KEEP_WORD for Hangul too: lines break between words, as Korean documents expect
    `<hh:breakSetting breakLatinWord="KEEP_WORD" breakNonLatinWord="KEEP_WORD" widowOrphan="0" keepWithNext="${m.keepWithNext ? 1 : 0}" keepLines="0" pageBreakBefore="0" lineWrap="BREAK"/>` +
    '<hh:autoSpacing eAsianEng="0" eAsianNum="0"/>' +
    `<hh:margin><hc:intent value="${m.indent ?? 0}" unit="HWPUNIT"/><hc:left value="${m.left ?? 0}" unit="HWPUNIT"/><hc:right value="0" unit="HWPUNIT"/><hc:prev value="${m.prev ?? 0}" unit="HWPUNIT"/><hc:next value="${m.next ?? 0}" unit="HWPUNIT"/></hh:margin>` +
    `<hh:lineSpacing type="PERCENT" value="${m.line ?? 160}" unit="HWPUNIT"/>` +
    `<hh:border borderFillIDRef="${BF.charNone}" offsetLeft="0" offsetRight="0" offsetTop="0" offsetBottom="0" connect="0" ignoreMargin="0"/>` +
    '</hh:paraPr>'
  );
}

function numbering(): string {
  const formats = ['DIGIT', 'HANGUL_SYLLABLE', 'DIGIT', 'HANGUL_SYLLABLE', 'DIGIT', 'HANGUL_SYLLABLE', 'CIRCLED_DIGIT'];
  const texts = ['^1.', '^2.', '^3)', '^4)', '(^5)', '(^6)', '^7'];
  return `<hh:numberings itemCnt="1"><hh:numbering id="1" start="0">${formats
    .map((f, i) => `<hh:paraHead start="1" level="${i + 1}" align="LEFT" useInstWidth="1" autoIndent="1" widthAdjust="0" textOffsetType="PERCENT" textOffset="50" numFormat="${f}" charPrIDRef="4294967295" checkable="0">${texts[i]}</hh:paraHead>`)
    .join('')}</hh:numbering></hh:numberings>`;
}

export function headerXml(): string {
  const borderFills = [borderFill(BF.none, 'NONE', null), borderFill(BF.charNone, 'NONE', 'none'), borderFill(BF.cell, 'SOLID', null), borderFill(BF.head, 'SOLID', '#E9ECF1'), borderFill(BF.sub, 'SOLID', '#F4F5F8'), borderFill(BF.total, 'SOLID', '#DFE4EC'), borderFill(BF.rowHead, 'SOLID', '#FAFBFC')];
  const accent = '#1D4F91';
  const chars = [
    charPr(CH.body, 1000),
    charPr(CH.title, 2400, { bold: true, color: accent }),
    charPr(CH.h1, 1600, { bold: true, color: accent }),
    charPr(CH.h2, 1300, { bold: true, color: accent }),
    charPr(CH.h3, 1100, { bold: true }),
    charPr(CH.cell, 850),
    charPr(CH.cellBold, 850, { bold: true }),
    charPr(CH.muted, 850, { color: '#5C5C66' }),
    charPr(CH.grid, 750),
    charPr(CH.gridBold, 750, { bold: true }),
    charPr(CH.label, 1000, { bold: true }),
    charPr(CH.org, 1400, { color: '#5C5C66' }),
  ];
  const paras = [
    paraPr(PA.body, 'JUSTIFY', { next: 400 }),
    paraPr(PA.left, 'LEFT', { next: 200 }),
    paraPr(PA.center, 'CENTER', { next: 200 }),
    paraPr(PA.right, 'RIGHT', { next: 200 }),
    paraPr(PA.list, 'LEFT', { left: 1600, indent: -800, next: 200 }),
    paraPr(PA.heading, 'LEFT', { prev: 1200, next: 600, keepWithNext: true }),
    paraPr(PA.cellLeft, 'LEFT', { line: 130 }),
    paraPr(PA.cellCenter, 'CENTER', { line: 130 }),
    paraPr(PA.cellRight, 'RIGHT', { line: 130 }),
    paraPr(PA.note, 'LEFT', { next: 100, line: 140 }),
  ];
  const styles = `<hh:styles itemCnt="1"><hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="${PA.body}" charPrIDRef="${CH.body}" nextStyleIDRef="0" langID="1042" lockForm="0"/></hh:styles>`;
  return (
    DECL +
    `<hh:head ${XMLNS} version="1.4" secCnt="1">` +
    '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>' +
    '<hh:refList>' +
    fontfaces() +
    `<hh:borderFills itemCnt="${borderFills.length}">${borderFills.join('')}</hh:borderFills>` +
    `<hh:charProperties itemCnt="${chars.length}">${chars.join('')}</hh:charProperties>` +
    '<hh:tabProperties itemCnt="1"><hh:tabPr id="0" autoTabLeft="0" autoTabRight="0"/></hh:tabProperties>' +
    numbering() +
    `<hh:paraProperties itemCnt="${paras.length}">${paras.join('')}</hh:paraProperties>` +
    styles +
    '</hh:refList>' +
    '<hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/></hh:compatibleDocument>' +
    '<hh:docOption><hh:linkinfo path="" pageInherit="0" footnoteInherit="0"/></hh:docOption>' +
    '<hh:trackchageConfig flags="56"/>' +
    '</hh:head>'
  );
}

// ---------------------------------------------------------------- section0.xml

class SectionWriter {
  private id = 1_000_000;
  private tableId = 2_000_000;
  readonly parts: string[] = [];
  readonly plain: string[] = [];

  nextId(): number {
    return this.id++;
  }

  /** One paragraph; `text` lines become separate paragraphs. */
  p(text: string, char: number, para: number, opts: { pageBreak?: boolean } = {}): void {
    text.split('\n').forEach((line, i) => {
      this.parts.push(this.para(line, char, para, Boolean(opts.pageBreak) && i === 0));
    });
    this.plain.push(text);
  }

  para(text: string, char: number, para: number, pageBreak = false): string {
    const t = text ? `<hp:t>${xmlText(text)}</hp:t>` : '<hp:t/>';
    return `<hp:p id="${this.nextId()}" paraPrIDRef="${para}" styleIDRef="0" pageBreak="${pageBreak ? 1 : 0}" columnBreak="0" merged="0"><hp:run charPrIDRef="${char}">${t}</hp:run></hp:p>`;
  }

  /** The first paragraph carries the section's page set-up, one column, and the page number in the footer area. */
  opening(text: string): void {
    const secPr =
      `<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" tabStopVal="4000" tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" textVerticalWidthHead="0" masterPageCnt="0">` +
      '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/>' +
      '<hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>' +
      '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" border="SHOW_ALL" fill="SHOW_ALL" hideFirstPageNum="1" hideFirstEmptyLine="0" showLineNumber="0"/>' +
      '<hp:lineNumberShape restartType="0" countBy="0" distance="0" startNumber="0"/>' +
      `<hp:pagePr landscape="WIDELY" width="${PAGE.width}" height="${PAGE.height}" gutterType="LEFT_ONLY"><hp:margin header="${PAGE.header}" footer="${PAGE.footer}" gutter="0" left="${PAGE.left}" right="${PAGE.right}" top="${PAGE.top}" bottom="${PAGE.bottom}"/></hp:pagePr>` +
      '<hp:footNotePr><hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/><hp:noteLine length="-1" type="SOLID" width="0.12 mm" color="#000000"/><hp:noteSpacing betweenNotes="283" belowLine="567" aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/><hp:placement place="EACH_COLUMN" beneathText="0"/></hp:footNotePr>' +
      '<hp:endNotePr><hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/><hp:noteLine length="14692344" type="SOLID" width="0.12 mm" color="#000000"/><hp:noteSpacing betweenNotes="0" belowLine="567" aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/><hp:placement place="END_OF_DOCUMENT" beneathText="0"/></hp:endNotePr>' +
      ['BOTH', 'EVEN', 'ODD']
        .map((type) => `<hp:pageBorderFill type="${type}" borderFillIDRef="${BF.none}" textBorder="PAPER" headerInside="0" footerInside="0" fillArea="PAPER"><hp:offset left="1417" right="1417" top="1417" bottom="1417"/></hp:pageBorderFill>`)
        .join('') +
      '</hp:secPr>';
    const colPr = '<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" sameGap="0"/></hp:ctrl>';
    const pageNum = '<hp:ctrl><hp:pageNum pos="BOTTOM_CENTER" formatType="DIGIT" sideChar="-"/></hp:ctrl>';
    this.parts.push(
      `<hp:p id="${this.nextId()}" paraPrIDRef="${PA.left}" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0"><hp:run charPrIDRef="${CH.org}">${secPr}${colPr}${pageNum}<hp:t>${xmlText(text)}</hp:t></hp:run></hp:p>`,
    );
    this.plain.push(text);
  }

  table(t: TableBlock): void {
    const dense = Boolean(t.dense);
    const totalRel = t.columns.reduce((a, c) => a + c.width, 0);
    const widths = t.columns.map((c) => Math.floor((c.width / totalRel) * TEXT_WIDTH));
    const rowHeight = dense ? 1100 : 1400;
    interface Placed {
      cell: Cell;
      row: number;
      col: number;
      colSpan: number;
      rowSpan: number;
      header: boolean;
      fill: number;
      char: number;
      para: number;
    }
    const rows: Placed[][] = [];
    const taken = new Set<string>();
    const place = (cells: Cell[], r: number, header: boolean, kind: string | undefined) => {
      const out: Placed[] = [];
      let c = 0;
      for (const cell of cells) {
        while (taken.has(`${r}:${c}`)) c++;
        const colSpan = Math.max(1, cell.colSpan ?? 1);
        const rowSpan = header ? Math.max(1, cell.rowSpan ?? 1) : 1;
        for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr}:${c + dc}`);
        const strong = header || kind === 'total' || kind === 'subtotal';
        const align = header ? 'center' : (cell.align ?? t.columns[c]?.align ?? 'left');
        out.push({
          cell,
          row: r,
          col: c,
          colSpan,
          rowSpan,
          header,
          fill: header ? BF.head : kind === 'total' ? BF.total : kind === 'subtotal' ? BF.sub : cell.rowHeader ? BF.rowHead : BF.cell,
          char: dense ? (strong ? CH.gridBold : CH.grid) : strong ? CH.cellBold : CH.cell,
          para: align === 'right' ? PA.cellRight : align === 'center' ? PA.cellCenter : PA.cellLeft,
        });
        c += colSpan;
      }
      rows.push(out);
    };
    t.head.forEach((cells, r) => place(cells, r, true, undefined));
    t.body.forEach((row, i) => place(row.cells, t.head.length + i, false, row.kind));
    const width = widths.reduce((a, b) => a + b, 0);
    const cellXml = (p: Placed) => {
      const w = widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0);
      const indent = p.cell.indent ? '  '.repeat(p.cell.indent) : '';
      const paras = (indent + p.cell.text)
        .split('\n')
        .map((line) => this.para(line, p.char, p.para))
        .join('');
      return (
        `<hp:tc name="" header="${p.header ? 1 : 0}" hasMargin="0" protect="0" editable="0" dirty="0" borderFillIDRef="${p.fill}">` +
        `<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="${p.header ? 'CENTER' : 'TOP'}" linkListIDRef="0" linkListNextIDRef="0" textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">${paras}</hp:subList>` +
        `<hp:cellAddr colAddr="${p.col}" rowAddr="${p.row}"/><hp:cellSpan colSpan="${p.colSpan}" rowSpan="${p.rowSpan}"/>` +
        `<hp:cellSz width="${w}" height="${rowHeight * p.rowSpan}"/><hp:cellMargin left="${dense ? 85 : 141}" right="${dense ? 85 : 141}" top="${dense ? 57 : 100}" bottom="${dense ? 57 : 100}"/></hp:tc>`
      );
    };
    const caption = t.unit ? `${t.caption}  (${t.unit})` : t.caption;
    this.p(caption, CH.label, PA.left);
    const tbl =
      `<hp:tbl id="${this.tableId++}" zOrder="0" numberingType="TABLE" textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" pageBreak="CELL" repeatHeader="1" rowCnt="${rows.length}" colCnt="${widths.length}" cellSpacing="0" borderFillIDRef="${BF.cell}" noAdjust="0">` +
      `<hp:sz width="${width}" widthRelTo="ABSOLUTE" height="${rowHeight * rows.length}" heightRelTo="ABSOLUTE" protect="0"/>` +
      '<hp:pos treatAsChar="0" affectLSpacing="0" flowWithText="1" allowOverlap="0" holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" horzAlign="LEFT" vertOffset="0" horzOffset="0"/>' +
      '<hp:outMargin left="0" right="0" top="0" bottom="567"/><hp:inMargin left="141" right="141" top="100" bottom="100"/>' +
      rows.map((cells) => `<hp:tr>${cells.map(cellXml).join('')}</hp:tr>`).join('') +
      '</hp:tbl>';
    this.parts.push(`<hp:p id="${this.nextId()}" paraPrIDRef="${PA.left}" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0"><hp:run charPrIDRef="${CH.body}">${tbl}<hp:t/></hp:run></hp:p>`);
    for (const n of t.notes ?? []) this.p(`※ ${n}`, CH.muted, PA.note);
    this.plain.push(t.body.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n'));
  }

  block(b: Block): void {
    switch (b.kind) {
      case 'paragraph':
        this.p(b.text, b.tone === 'muted' ? CH.muted : CH.body, PA.body);
        break;
      case 'list':
        for (const item of b.items) this.p(`• ${item}`, CH.body, PA.list);
        break;
      case 'label':
        this.p(b.text, CH.label, PA.left);
        break;
      case 'table':
        this.table(b);
        break;
    }
  }

  xml(): string {
    return `${DECL}<hs:sec ${XMLNS}>${this.parts.join('')}</hs:sec>`;
  }
}

export function sectionXml(doc: ReportDocument): { xml: string; preview: string } {
  const w = new SectionWriter();
  // title page
  w.opening(doc.organisation);
  w.p('', CH.body, PA.left);
  w.p(doc.title, CH.title, PA.left);
  w.p(`${doc.year}년 · 작성일 ${doc.generated}`, CH.body, PA.left);
  w.p('', CH.body, PA.left);
  for (const s of doc.summary) w.p(`${s.label}: ${s.value}`, CH.body, PA.list);
  // table of contents (Hangul numbers the pages; the headings are listed in order)
  w.p('목차', CH.h1, PA.heading, { pageBreak: true });
  for (const s of tocEntries(doc)) w.p(`${s.level === 2 ? '    ' : ''}${headingText(s)}`, s.level === 1 ? CH.label : CH.body, PA.left);
  for (const s of doc.sections) {
    const char = s.level === 1 ? CH.h1 : s.level === 2 ? CH.h2 : CH.h3;
    w.p(headingText(s), char, PA.heading, { pageBreak: Boolean(s.newPage) });
    for (const b of s.blocks) w.block(b);
  }
  return { xml: w.xml(), preview: w.plain.join('\n').slice(0, 2000) };
}

// ---------------------------------------------------------------- package parts

export function versionXml(): string {
  return `${DECL}<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="0" buildNumber="1" os="1" xmlVersion="1.4" application="sehub" appVersion="1.0"/>`;
}

function contentHpf(doc: ReportDocument, createdAt: string): string {
  const date = createdAt.replace(/\.\d{3}Z$/, 'Z');
  return (
    DECL +
    `<opf:package ${XMLNS} version="" unique-identifier="" id="">` +
    `<opf:metadata><opf:title>${xmlText(doc.title)}</opf:title><opf:language>ko</opf:language>` +
    `<opf:meta name="creator" content="text">${xmlText(doc.organisation)}</opf:meta>` +
    `<opf:meta name="subject" content="text">${doc.year}년 성과보고서</opf:meta>` +
    '<opf:meta name="description" content="text">sehub annual performance report</opf:meta>' +
    '<opf:meta name="lastsaveby" content="text">sehub</opf:meta>' +
    `<opf:meta name="CreatedDate" content="text">${date}</opf:meta><opf:meta name="ModifiedDate" content="text">${date}</opf:meta>` +
    '<opf:meta name="keyword" content="text">성과보고서</opf:meta></opf:metadata>' +
    '<opf:manifest>' +
    '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>' +
    '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>' +
    '<opf:item id="settings" href="settings.xml" media-type="application/xml"/>' +
    '</opf:manifest>' +
    '<opf:spine><opf:itemref idref="header" linear="yes"/><opf:itemref idref="section0" linear="yes"/></opf:spine>' +
    '</opf:package>'
  );
}

const CONTAINER_XML =
  DECL +
  '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>' +
  '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>' +
  '<ocf:rootfile full-path="Preview/PrvText.txt" media-type="text/plain"/>' +
  '<ocf:rootfile full-path="META-INF/container.rdf" media-type="application/rdf+xml"/>' +
  '</ocf:rootfiles></ocf:container>';

const CONTAINER_RDF =
  DECL +
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:pkg="http://www.hancom.co.kr/hwpml/2016/meta/pkg#">' +
  '<rdf:Description rdf:about=""><pkg:hasPart rdf:resource="Contents/header.xml"/><pkg:hasPart rdf:resource="Contents/section0.xml"/></rdf:Description>' +
  '<rdf:Description rdf:about="Contents/header.xml"><rdf:type rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#HeaderFile"/></rdf:Description>' +
  '<rdf:Description rdf:about="Contents/section0.xml"><rdf:type rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#SectionFile"/></rdf:Description>' +
  '<rdf:Description rdf:about=""><rdf:type rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#Document"/></rdf:Description>' +
  '</rdf:RDF>';

const MANIFEST_XML = `${DECL}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`;

const SETTINGS_XML = `${DECL}<ha:HWPApplicationSetting xmlns:ha="${NS.ha}" xmlns:config="${NS.config}"><ha:CaretPosition listIDRef="0" paraIDRef="0" pos="0"/></ha:HWPApplicationSetting>`;

/** The zip, in the order readers expect: mimetype first and stored, then the package parts. */
export function renderDocumentHwpx(doc: ReportDocument, createdAt: string): Buffer {
  const { xml, preview } = sectionXml(doc);
  const deflate = { level: 6 as const };
  const files: Zippable = {
    mimetype: [strToU8('application/hwp+zip'), { level: 0 }],
    'version.xml': [strToU8(versionXml()), deflate],
    'Contents/header.xml': [strToU8(headerXml()), deflate],
    'Contents/section0.xml': [strToU8(xml), deflate],
    'Contents/content.hpf': [strToU8(contentHpf(doc, createdAt)), deflate],
    'settings.xml': [strToU8(SETTINGS_XML), deflate],
    'Preview/PrvText.txt': [strToU8(preview), deflate],
    'META-INF/container.xml': [strToU8(CONTAINER_XML), deflate],
    'META-INF/container.rdf': [strToU8(CONTAINER_RDF), deflate],
    'META-INF/manifest.xml': [strToU8(MANIFEST_XML), deflate],
  };
  return Buffer.from(zipSync(files, { mtime: new Date(createdAt) }));
}

export function renderHwpx(report: AnnualReport): Buffer {
  return renderDocumentHwpx(buildDocument(report), report.generatedAt);
}
