import { describe, expect, it } from 'vitest';
import type { ReportDocument } from './document.ts';
import { fixturePrograms, fixtureReport } from './fixture.ts';
import { renderReport } from './index.ts';
import { jamoOf, renderDocumentPdf, wrapKeepAll } from './pdf.ts';
import { pdfOutline, pdfPages } from './testing.ts';

describe('annual report as PDF', () => {
  it('has extractable Korean text, page numbers in the footer and a sensible page count', async () => {
    const pdf = await renderReport(fixtureReport, 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages.length).toBeLessThanOrEqual(40);
    const all = pages.join('\n');
    expect(pages[0]).toContain('2013 사회적경제지원센터 성과보고서');
    expect(pages[0]).toContain('서울특별시 사회적경제지원센터');
    for (const p of fixturePrograms) expect(all).toContain(`${p.code} ${p.name}`);
    for (const word of ['추진율', '집행율', '사업 개요표', '실적총괄표', '예산집행실적', '사업추진일정', '평가 및 향후 과제', '336,075,370', '144.0%']) expect(all).toContain(word);
    // every page but the title page carries "n / N"
    pages.slice(1).forEach((text, i) => expect(text).toContain(`${i + 2} / ${pages.length}`));
    expect(pages[0]).not.toContain(`1 / ${pages.length}`);
  });

  it('lists every section in its table of contents with the page it starts on', async () => {
    const pages = await pdfPages(await renderReport(fixtureReport, 'pdf'));
    const toc = pages[1]!;
    expect(toc.startsWith('목차')).toBe(true);
    for (const [i, p] of fixturePrograms.entries()) {
      const heading = `4.${i + 1} ${p.code} ${p.name}`;
      const page = pages.findIndex((text, n) => n > 1 && text.startsWith(heading)) + 1;
      expect(page, heading).toBeGreaterThan(2);
      expect(toc).toContain(`${heading} ${page}`);
    }
    const overview = pages.findIndex((text, n) => n > 1 && text.startsWith('1 사업 개요표')) + 1;
    expect(toc).toContain(`1 사업 개요표 ${overview}`);
    // the same sections as bookmarks, programmes under chapter 4
    const outline = await pdfOutline(await renderReport(fixtureReport, 'pdf'));
    expect(outline.map((o) => o.title)).toEqual(['1 사업 개요표', '2 연간 집계', '3 원자료 참고사항', '4 사업별 실적']);
    expect(outline[3]!.items.map((i) => i.title)).toEqual(fixturePrograms.map((p, i) => `4.${i + 1} ${p.code} ${p.name}`));
  });

  it('repeats a table header on every page the table runs onto', async () => {
    const doc: ReportDocument = {
      year: 2013,
      title: '긴 표 시험',
      organisation: '시험 센터',
      generated: '2025. 3. 4.',
      summary: [],
      sections: [
        {
          id: 'long',
          number: '1',
          title: '긴 표',
          level: 1,
          blocks: [
            {
              kind: 'table',
              id: 'long-table',
              caption: '지표 목록',
              columns: [{ width: 30 }, { width: 70 }],
              head: [[{ text: '지표명칭' }, { text: '설명내용' }]],
              body: Array.from({ length: 150 }, (_, i) => ({ cells: [{ text: `지표 ${i + 1}` }, { text: `사회적경제 조직의 공공구매 실적 ${i + 1}건` }] })),
            },
          ],
        },
      ],
    };
    const pages = await pdfPages(await renderDocumentPdf(doc));
    const withRows = pages.filter((t) => /지표 \d+ /.test(t));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    for (const text of withRows) expect(text).toContain('지표명칭 설명내용');
    expect(pages.join(' ')).toContain('지표 150 사회적경제 조직의 공공구매 실적 150건');
  });

  it('spells out in jamo a Hangul syllable the embedded font lacks, and keeps the rest', async () => {
    expect(jamoOf('뷁'.codePointAt(0)!)).toBe('ㅂㅞㄺ');
    expect(jamoOf('가'.codePointAt(0)!)).toBe('ㄱㅏ');
    expect(jamoOf('힣'.codePointAt(0)!)).toBe('ㅎㅣㅎ');
    const doc: ReportDocument = { year: 2013, title: '글자 시험', organisation: '시험', generated: '2025. 3. 4.', summary: [], sections: [{ id: 's', number: '1', title: '드문 글자', level: 1, blocks: [{ kind: 'paragraph', text: '곸 협동조합과 똠양꿍 식당 ☞ 안내' }] }] };
    const text = (await pdfPages(await renderDocumentPdf(doc))).join(' ');
    expect(text).toContain('ㄱㅗㅋ 협동조합과 똠양꿍 식당 → 안내');
  });

  it('breaks Korean lines between words, and inside a word only when the word is wider than the line', () => {
    const one = () => 1;
    expect(wrapKeepAll('사회적경제 지원센터의 공동사업 지원', 12, one)).toEqual(['사회적경제 지원센터의', '공동사업 지원']);
    // a word longer than the line breaks after its punctuation first
    expect(wrapKeepAll('교육·워크숍·컨설팅지원', 8, one)).toEqual(['교육·워크숍·', '컨설팅지원']);
    expect(wrapKeepAll('가나다라마바사아자차', 4, one)).toEqual(['가나다라', '마바사아', '자차']);
    expect(wrapKeepAll('첫 줄\n둘째 줄', 20, one)).toEqual(['첫 줄', '둘째 줄']);
  });
});
