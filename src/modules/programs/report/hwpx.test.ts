import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixturePrograms, fixtureReport } from './fixture.ts';
import { xmlText } from './hwpx.ts';
import { renderReport } from './index.ts';
import { unzipText, zipEntries } from './testing.ts';

const MANDATORY = ['mimetype', 'version.xml', 'META-INF/container.xml', 'META-INF/manifest.xml', 'Contents/content.hpf', 'Contents/header.xml', 'Contents/section0.xml', 'settings.xml', 'Preview/PrvText.txt'];

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

/** Every hp:tbl under a node, depth first. */
function tables(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => tables(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'hp:tbl') out.push(...asArray(v));
      tables(v, out);
    }
  }
  return out;
}

function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object') return Object.entries(node).filter(([k]) => !k.startsWith('@_')).map(([, v]) => textOf(v)).join('');
  return '';
}

describe('annual report as HWPX', () => {
  it('is a zip with the mandatory OWPML parts, mimetype first and stored', async () => {
    const hwpx = await renderReport(fixtureReport, 'hwpx');
    const entries = zipEntries(hwpx);
    expect(entries[0]).toMatchObject({ name: 'mimetype', method: 0, offset: 0 });
    // stored: the bytes after the local header are the media type itself
    expect(hwpx.subarray(38, 38 + 19).toString('latin1')).toBe('application/hwp+zip');
    const names = entries.map((e) => e.name);
    for (const part of MANDATORY) expect(names).toContain(part);
    const files = unzipText(hwpx);
    expect(files.mimetype).toBe('application/hwp+zip');
    expect(files['META-INF/container.xml']).toContain('full-path="Contents/content.hpf"');
    expect(files['Contents/content.hpf']).toContain('href="Contents/header.xml"');
    expect(files['Contents/content.hpf']).toContain('href="Contents/section0.xml"');
    expect(files['Contents/content.hpf']).toMatch(/<opf:itemref idref="section0"/);
    expect(files['version.xml']).toContain('xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version"');
    expect(files['Preview/PrvText.txt']).toContain('2013 사회적경제지원센터 성과보고서');
  });

  it('has XML parts that all parse, a Korean font face and the border fills its tables use', async () => {
    const files = unzipText(await renderReport(fixtureReport, 'hwpx'));
    const xmlParts = Object.keys(files).filter((n) => /\.(xml|hpf|rdf)$/.test(n));
    expect(xmlParts.length).toBeGreaterThanOrEqual(7);
    for (const name of xmlParts) expect(XMLValidator.validate(files[name]!), name).toBe(true);
    const header = files['Contents/header.xml']!;
    expect(header).toMatch(/<hh:fontface lang="HANGUL" fontCnt="1"><hh:font id="0" face="함초롬돋움"/);
    const section = files['Contents/section0.xml']!;
    const fills = new Set([...header.matchAll(/<hh:borderFill id="(\d+)"/g)].map((m) => m[1]));
    for (const m of section.matchAll(/borderFillIDRef="(\d+)"/g)) expect(fills.has(m[1])).toBe(true);
    const charPrs = new Set([...header.matchAll(/<hh:charPr id="(\d+)"/g)].map((m) => m[1]));
    for (const m of section.matchAll(/charPrIDRef="(\d+)"/g)) expect(charPrs.has(m[1])).toBe(true);
    const paraPrs = new Set([...header.matchAll(/<hh:paraPr id="(\d+)"/g)].map((m) => m[1]));
    for (const m of section.matchAll(/paraPrIDRef="(\d+)"/g)) expect(paraPrs.has(m[1])).toBe(true);
    // the section sets up an A4 page and numbers the pages
    expect(section).toContain('<hp:pagePr landscape="WIDELY" width="59528" height="84186"');
    expect(section).toContain('<hp:pageNum pos="BOTTOM_CENTER"');
  });

  it('holds real tables whose rows and cells agree with their declared grid, with the programmes in them', async () => {
    const files = unzipText(await renderReport(fixtureReport, 'hwpx'));
    const section = files['Contents/section0.xml']!;
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(section) as Node;
    const all = tables(parsed);
    expect(all.length).toBeGreaterThan(20);
    for (const tbl of all) {
      const rows = asArray(tbl['hp:tr']);
      const rowCnt = Number(tbl['@_rowCnt']);
      const colCnt = Number(tbl['@_colCnt']);
      expect(rows.length).toBe(rowCnt);
      const covered = new Set<string>();
      rows.forEach((tr) => {
        for (const tc of asArray(tr['hp:tc'])) {
          const addr = tc['hp:cellAddr'] as Node;
          const span = tc['hp:cellSpan'] as Node;
          expect(tc['hp:subList']).toBeDefined();
          expect(tc['hp:cellSz']).toBeDefined();
          const c0 = Number(addr['@_colAddr']);
          const r0 = Number(addr['@_rowAddr']);
          for (let r = r0; r < r0 + Number(span['@_rowSpan']); r++)
            for (let c = c0; c < c0 + Number(span['@_colSpan']); c++) {
              expect(covered.has(`${r}:${c}`)).toBe(false);
              covered.add(`${r}:${c}`);
            }
        }
      });
      // every grid position is covered exactly once
      expect(covered.size).toBe(rowCnt * colCnt);
    }
    const overview = all.find((t) => textOf(t).includes('총계'))!;
    for (const o of fixtureReport.overview) expect(textOf(overview)).toContain(`${o.code} ${o.name}`);
    for (const p of fixturePrograms) expect(section.includes(xmlText(`${p.code} ${p.name}`)), p.code).toBe(true);
    // the schedule header spans two rows for the task column and one column per month
    const grid = all.find((t) => textOf(t).includes('의제 보고서 발간'))!;
    expect(Number(grid['@_colCnt'])).toBe(1 + fixtureReport.months.length);
    expect(grid['@_repeatHeader']).toBe('1');
    expect(section).toContain('144.0%');
    expect(section).toContain('336,075,370');
  });
});
