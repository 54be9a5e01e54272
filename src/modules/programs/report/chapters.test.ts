import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, type TestApp } from '../../../../test/helpers.ts';
import { seedDemoDirectory, seedDemoPrograms } from '../../../demo/index.ts';
import { openXlsx, pdfPages, unzipText } from './testing.ts';

// The annual report carries the statistics of the social economy (module insights) as a chapter
// after the programmes, in every format, when the app wires it (as src/server/app.ts does).
describeEngines('annual report: the statistics chapter', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemoDirectory(t.database.db);
    await seedDemoPrograms(t.database.db);
  });
  afterAll(() => t.close());

  it('adds the 2013 distribution by district and type, with its 1,871 total, to every format', async () => {
    const staff = await t.signedIn('staff');
    const html = (await staff.get('/api/v1/program-years/2013/report?format=html')).body;
    expect(html).toContain('2013년 사회적경제 통계');
    expect(html).toContain('자치구별 사회적경제 조직 현황');
    expect(html).toMatch(/1,871/);

    const pages = await pdfPages((await staff.get('/api/v1/program-years/2013/report?format=pdf')).rawPayload);
    const last = pages.slice(-8).join(' ');
    expect(last).toContain('자치구별 사회적경제 조직 현황');

    const wb = await openXlsx((await staff.get('/api/v1/program-years/2013/report?format=xlsx')).rawPayload);
    const sheet = wb.worksheets.find((w) => w.name.startsWith('2013년 사회적경제 통계'));
    expect(sheet, wb.worksheets.map((w) => w.name).join(', ')).toBeDefined();
    const values: unknown[] = [];
    sheet!.eachRow((r) => values.push(...(r.values as unknown[])));
    expect(values).toContain('마포구');
    expect(values).toContain(1871);

    const section = unzipText((await staff.get('/api/v1/program-years/2013/report?format=hwpx')).rawPayload)['Contents/section0.xml']!;
    expect(section).toContain('자치구별 사회적경제 조직 현황');
    // four full reports of 90-odd pages: more than the default 30 s on a busy 2-core machine
  }, 120_000);
});
