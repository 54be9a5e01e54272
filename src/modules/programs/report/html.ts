/**
 * The annual report as one self-contained HTML page: inline CSS (screen and print, with page
 * breaks and table headers repeated on every printed page), no scripts, no external requests,
 * lang="ko", tables with captions and scoped header cells, a table of contents that links to
 * every section.
 */
import type { AnnualReport } from '../model.ts';
import { buildDocument, headingText, tocEntries, type Block, type Cell, type ReportDocument, type Row, type TableBlock } from './document.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { --ink: #1d1d1f; --muted: #5c5c66; --line: #b9bcc4; --head: #eef0f4; --sub: #f6f7f9; --total: #e3e7ee; --accent: #1d4f91; }
* { box-sizing: border-box; }
html { font-family: "Pretendard GOV", Pretendard, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Nanum Gothic", sans-serif; color: var(--ink); line-height: 1.6; word-break: keep-all; overflow-wrap: anywhere; }
body { margin: 0 auto; max-width: 70rem; padding: 2rem 1.5rem 4rem; font-size: 0.95rem; }
h1, h2, h3, h4 { line-height: 1.3; color: var(--accent); }
h2 { font-size: 1.5rem; border-bottom: 2px solid var(--accent); padding-bottom: .3rem; margin-top: 3rem; }
h3 { font-size: 1.2rem; margin-top: 2.2rem; }
h4 { font-size: 1.02rem; color: var(--ink); margin: 1.6rem 0 .5rem; }
.label { font-size: .95rem; font-weight: 700; color: var(--ink); margin: 1rem 0 .25rem; }
.muted { color: var(--muted); }
.title-page { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; gap: .75rem; border-bottom: 1px solid var(--line); }
.title-page h1 { font-size: 2.4rem; margin: 0; }
.title-page .org { font-size: 1.3rem; margin: 0; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; margin: 1.5rem 0 0; padding: 0; }
.summary div { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem; }
.summary dt { color: var(--muted); font-size: .85rem; }
.summary dd { margin: 0; font-size: 1.25rem; font-weight: 700; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.5rem; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }
.table-wrap { overflow-x: auto; margin: .75rem 0 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { caption-side: top; text-align: left; font-weight: 700; padding: .25rem 0 .4rem; }
caption .unit { float: right; font-weight: 400; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: var(--head); text-align: center; vertical-align: middle; }
tbody th { font-weight: 600; background: #fbfbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.center, th.center { text-align: center; }
tr.subtotal > * { background: var(--sub); font-weight: 700; }
tr.total > * { background: var(--total); font-weight: 700; }
.indent-1 { padding-left: 1.4rem; }
.indent-2 { padding-left: 2.4rem; }
table.dense { font-size: .78rem; }
table.dense td, table.dense th { padding: .2rem .25rem; }
table.dense td.center { width: 1.8rem; }
.notes { margin: -.6rem 0 1.2rem; padding-left: 1.1rem; color: var(--muted); font-size: .82rem; }
@page { size: A4; margin: 18mm 15mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .title-page { min-height: auto; height: 250mm; border: 0; }
  .page-break { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, .summary div { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, caption, .label { break-after: avoid; page-break-after: avoid; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

function cellAttrs(c: Cell, extraClass: string[] = []): string {
  const cls = [...extraClass];
  if (c.align === 'right') cls.push('num');
  if (c.align === 'center') cls.push('center');
  if (c.indent) cls.push(`indent-${Math.min(c.indent, 2)}`);
  let a = cls.length ? ` class="${cls.join(' ')}"` : '';
  if (c.colSpan && c.colSpan > 1) a += ` colspan="${c.colSpan}"`;
  if (c.rowSpan && c.rowSpan > 1) a += ` rowspan="${c.rowSpan}"`;
  return a;
}

function renderTable(t: TableBlock): string {
  const head = t.head
    .map((row) => `<tr>${row.map((c) => `<th scope="${c.colSpan && c.colSpan > 1 ? 'colgroup' : 'col'}"${cellAttrs({ ...c, align: undefined })}>${escapeHtml(c.text)}</th>`).join('')}</tr>`)
    .join('');
  const bodyRow = (r: Row) =>
    `<tr${r.kind && r.kind !== 'body' ? ` class="${r.kind}"` : ''}>${r.cells
      .map((c, i) => {
        const align = c.align ?? t.columns[i]?.align;
        return c.rowHeader ? `<th scope="row"${cellAttrs({ ...c, align })}>${escapeHtml(c.text)}</th>` : `<td${cellAttrs({ ...c, align })}>${escapeHtml(c.text)}</td>`;
      })
      .join('')}</tr>`;
  const unit = t.unit ? ` <span class="unit">${escapeHtml(t.unit)}</span>` : '';
  const notes = t.notes?.length ? `<ul class="notes">${t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const cols = `<colgroup>${t.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(1)}%">`).join('')}</colgroup>`;
  return `<div class="table-wrap"><table id="${escapeHtml(t.id)}"${t.dense ? ' class="dense"' : ''}><caption>${escapeHtml(t.caption)}${unit}</caption>${cols}<thead>${head}</thead><tbody>${t.body.map(bodyRow).join('')}</tbody></table></div>${notes}`;
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.tone === 'muted' ? ' class="muted"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'label':
      return `<h5 class="label">${escapeHtml(b.text)}</h5>`;
    case 'table':
      return renderTable(b);
  }
}

function renderToc(doc: ReportDocument): string {
  const entries = tocEntries(doc);
  let html = '<ol>';
  let open = false;
  for (const s of entries) {
    const link = `<a href="#${escapeHtml(s.id)}">${escapeHtml(headingText(s))}</a>`;
    if (s.level === 1) {
      if (open) html += '</ol></li>';
      html += `<li>${link}<ol>`;
      open = true;
    } else {
      html += `<li>${link}</li>`;
    }
  }
  if (open) html += '</ol></li>';
  return `${html}</ol>`.replace(/<ol><\/ol>/g, '');
}

export function renderDocumentHtml(doc: ReportDocument): string {
  const parts: string[] = [];
  parts.push('<!doctype html>');
  parts.push('<html lang="ko">');
  parts.push('<head><meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<meta name="generator" content="sehub">`);
  parts.push(`<title>${escapeHtml(doc.title)}</title>`);
  parts.push(`<style>${CSS}</style></head><body>`);
  parts.push('<header class="title-page">');
  parts.push(`<p class="org">${escapeHtml(doc.organisation)}</p>`);
  parts.push(`<h1>${escapeHtml(doc.title)}</h1>`);
  parts.push(`<p>${doc.year}년 · 작성일 ${escapeHtml(doc.generated)}</p>`);
  parts.push(`<dl class="summary">${doc.summary.map((s) => `<div><dt>${escapeHtml(s.label)}</dt><dd>${escapeHtml(s.value)}</dd></div>`).join('')}</dl>`);
  parts.push('</header>');
  parts.push(`<nav class="toc page-break" aria-labelledby="toc-title"><h2 id="toc-title">목차</h2>${renderToc(doc)}</nav>`);
  parts.push('<main>');
  for (const s of doc.sections) {
    const tag = s.level === 1 ? 'h2' : s.level === 2 ? 'h3' : 'h4';
    const cls = s.newPage ? ' class="page-break"' : '';
    parts.push(`<section aria-labelledby="${escapeHtml(s.id)}"${cls}><${tag} id="${escapeHtml(s.id)}">${escapeHtml(headingText(s))}</${tag}>`);
    for (const b of s.blocks) parts.push(renderBlock(b));
    parts.push('</section>');
  }
  parts.push('</main>');
  parts.push(`<footer class="muted"><p>${escapeHtml(doc.organisation)} · ${escapeHtml(doc.title)} · sehub에서 ${escapeHtml(doc.generated)} 생성</p></footer>`);
  parts.push('</body></html>');
  return parts.join('\n');
}

export function renderHtml(report: AnnualReport): Buffer {
  return Buffer.from(renderDocumentHtml(buildDocument(report)), 'utf8');
}
