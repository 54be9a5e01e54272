import { describe, expect, it } from 'vitest';
import { fixturePrograms, fixtureReport } from './fixture.ts';
import { renderReport, reportFileName } from './index.ts';

describe('annual report as HTML', () => {
  it('is one Korean document with the overview, the rollups, the notes and every programme', async () => {
    const html = (await renderReport(fixtureReport, 'html')).toString('utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<title>2013 사회적경제지원센터 성과보고서</title>');
    expect(html).toContain('서울특별시 사회적경제지원센터');
    expect(html).toContain('작성일 2025. 3. 4.'); // 01:30 UTC is 10:30 in Seoul, same day
    for (const p of fixturePrograms) expect(html).toContain(`${p.code} ${p.name}`);
    // overview: area subtotals, group totals and the total, with won and rates as people read them
    expect(html).toContain('소계 · 시민사회 협동 촉진을 통한 공유자원 확대');
    expect(html).toContain('기본사업 합계');
    expect(html).toMatch(/<tr class="total"><th scope="row" colspan="4">총계<\/th><td class="num">713,739,170<\/td>/);
    expect(html).toContain('336,075,370');
    expect(html).toContain('144.0%');
    // the notes of the source, as a list
    expect(html).toContain('<li>[S02] 분야 3 소계: 분야 3 소계가 분야 4 소계와 같은 248,950,900원으로 인쇄됨; 행의 합은 229,209,300원 (seed:139-145)</li>');
    // rollups say which printed figures reproduce
    expect(html).toMatch(/총계 추진율\(단순 평균\): sehub [\d.]+%, 보고서 [\d.]+% — 재현됨/);
    expect(html).toMatch(/총계 집행율\(집행액 합계 ÷ 교부액 합계\): sehub 93\.9%, 보고서 90\.1% — 재현되지 않음 \(차이 \+3\.8%p\)/);
    expect(html).toContain('총계 교부액: sehub 713,739,170원, 보고서 713,739,170원 — 일치');
  });

  it('explains derived rates where a rule is stated or the printed rate differs', async () => {
    const html = (await renderReport(fixtureReport, 'html')).toString('utf8');
    // 1-1 states its rate: the KPI table says so and still shows the KPI mean
    expect(html).toContain('요약표의 추진율 144%를 사업 추진율로 정함');
    expect(html).toMatch(/참고: 지표 추진율 평균<\/th><td class="num">137\.2%<\/td>/);
    // 2-1 "설명회 및 교육" 12 of 10 = 120 %, printed as 100 %
    expect(html).toContain('실적 12 ÷ 목표 10 × 100 · 보고서 100.0% (차이 +20.0%p)');
    // a KPI with target 0 has no rate, and the table says why
    expect(html).toContain('목표가 0이라 추진율을 구할 수 없음');
    // nothing granted or spent: no execution rate, with its reason
    expect(html).toContain('집행액이 기록되지 않아 집행율을 구할 수 없음');
    // a deliverable KPI reads done / not done
    expect(html).toMatch(/공공구매 카탈로그 개정판<\/th><td>1식<\/td><td>미완료<\/td><td>식<\/td><td class="num">0\.0%<\/td>/);
  });

  it('has accessible tables: captions, column and row headers, and a schedule grid of the report months', async () => {
    const html = (await renderReport(fixtureReport, 'html')).toString('utf8');
    const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) {
      expect(t).toMatch(/<caption>[^<]+/);
      expect(t).toContain('<th scope="col"');
    }
    const grid = tables.find((t) => t.includes('id="table-1-1a-schedule"'))!;
    expect(grid).toContain('<th scope="colgroup" colspan="12">2013년</th><th scope="colgroup" colspan="2">2014년</th>');
    expect(grid).toContain('<th scope="col" rowspan="2">추진 내용</th>');
    // 의제 보고서 발간: planned Jan–Feb 2014, done in February; a milestone
    const row = grid.match(/<tr><th scope="row">■ 의제 보고서 발간<\/th>(.*?)<\/tr>/)![1]!;
    const marks = [...row.matchAll(/<td class="center">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(marks).toEqual(['', '', '', '', '', '', '', '', '', '', '', '', '○', '●']);
    // budget sub-lines are indented under their line
    expect(html).toContain('<th scope="row" class="indent-1">부문별 협의회 (11개)</th>');
    // transfers
    expect(html).toContain('<td>공동사업 선정 수 증가(10 → 12)</td>');
  });

  it('makes no external requests and links its table of contents to its sections', async () => {
    const html = (await renderReport(fixtureReport, 'html')).toString('utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/url\(|@import/);
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
    expect(links.length).toBe(6 + fixturePrograms.length);
    for (const id of links) expect(html).toContain(` id="${id}"`);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).toContain('@media print');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(reportFileName(2013, 'html')).toBe('sehub-annual-report-2013.html');
  });
});
