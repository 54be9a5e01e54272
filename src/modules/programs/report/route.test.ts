import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp } from '../../../../test/helpers.ts';
import { seedDemoPrograms } from '../../../demo/programs.ts';
import { openXlsx, pdfPages, unzipText } from './testing.ts';

describeEngines('GET /api/v1/program-years/:year/report', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemoPrograms(t.database.db);
  });
  afterAll(() => t.close());

  it('gives staff the annual report as a download in each format', async () => {
    const staff = await t.signedIn('staff');
    const html = await staff.get('/api/v1/program-years/2013/report?format=html');
    expect(html.statusCode, html.body.slice(0, 300)).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toBe('attachment; filename="sehub-annual-report-2013.html"');
    expect(html.body).toContain('<html lang="ko">');
    expect(html.body).toContain('1-1 사회적경제 네트워크 지원사업');

    const pdf = await staff.get('/api/v1/program-years/2013/report?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="sehub-annual-report-2013.pdf"');
    const pages = await pdfPages(pdf.rawPayload);
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.join(' ')).toContain('사업 개요표');

    const xlsx = await staff.get('/api/v1/program-years/2013/report?format=xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await openXlsx(xlsx.rawPayload)).worksheets.map((w) => w.name)).toContain('KPI');

    const hwpx = await staff.get('/api/v1/program-years/2013/report?format=hwpx');
    expect(hwpx.headers['content-type']).toBe('application/hwp+zip');
    expect(unzipText(hwpx.rawPayload).mimetype).toBe('application/hwp+zip');
  });

  it('refuses an unknown format with a field error, an unknown year with 404, and anyone but staff', async () => {
    const staff = await t.signedIn('staff');
    const bad = expectProblem(await staff.get('/api/v1/program-years/2013/report?format=docx'), 400, 'validation');
    expect(bad.errors?.[0]?.path).toBe('query.format');
    expect(bad.errors?.[0]?.messages.ko).toMatch(/[가-힣]/);
    expectProblem(await staff.get('/api/v1/program-years/2099/report?format=pdf'), 404, 'not-found');
    expect((await t.client().get('/api/v1/program-years/2013/report?format=pdf')).statusCode).toBe(401);
    const member = await t.signedIn('member');
    expect((await member.get('/api/v1/program-years/2013/report?format=pdf')).statusCode).toBe(403);
  });
});
