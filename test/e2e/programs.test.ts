import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, startHub, type Hub } from './harness.ts';

interface Rate {
  value: number | null;
}
interface YearDetail {
  overview: { programId: string; code: string; name: string; budgetGroup: string }[];
  rollups: { total: { achievement: { method: string; value: number | null; reported: number | null }[] } };
}
interface Detail {
  id: string;
  code: string;
  name: string;
  year: number;
  version: number;
  kpis: { name: string; kind: string; target: number | null; result: number | null; rate: Rate }[];
  schedule: { task: string; planned: string[] }[];
  input: Record<string, unknown> & { kpis: Record<string, unknown>[]; partners: Record<string, unknown>[]; version?: number };
}

/** The seed's printed 2013 average achievement rate (summary table, seed line 175): the simple mean of the 20 rows. */
const SEED_ACHIEVEMENT_2013 = '135.2 %';

const rateText = (row: ReturnType<Page['locator']>) => row.locator('.rate-value').first().textContent();

describe('programme pages', { timeout: 180_000 }, () => {
  let hub: Hub;
  let year: YearDetail;
  /** a programme whose first KPI is a quantity with a target, for the edit */
  let program: Detail;

  const api = async <T,>(page: Page, path: string) => {
    const res = await page.request.get(path);
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    hub = await startHub();
    const staff = await hub.signedIn('staff');
    year = await api<YearDetail>(staff, '/api/v1/program-years/2013');
    for (const row of year.overview) {
      const d = await api<Detail>(staff, `/api/v1/programs/${row.programId}`);
      const k = d.kpis[0];
      if (k && k.kind === 'quantity' && k.target && k.target > 0 && k.result !== null && d.schedule.length) {
        program = d;
        break;
      }
    }
    await staff.context().close();
  }, 240_000);
  afterAll(() => hub?.close());

  it('staff reach the 2013 year from the console: 20 overview rows, the rollup 135.2 % reproduced, a chart, and each rate says how it was derived', async () => {
    const page = await hub.signedIn('staff');
    await page.goto('/staff');
    await page.locator('nav[aria-label="센터 업무 메뉴"]').getByRole('link', { name: '사업·성과' }).click();
    await page.waitForURL('**/staff/programs');
    // The address changes before the page it names has rendered: wait for its heading.
    await page.getByRole('heading', { level: 1, name: '사업·성과', exact: true }).waitFor();
    await page.getByRole('link', { name: '2013년', exact: true }).click();
    await page.waitForURL('**/staff/programs/2013');

    const rows = page.locator('table.programs-overview tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(20);
    expect(year.overview).toHaveLength(20);

    // The whole year's card: the simple mean of achievement is the seed's figure, and says so.
    const total = page.locator('.programs-rollup.main');
    const simple = total.locator('.programs-mean').first();
    await expect(simple.locator('strong').textContent()).resolves.toBe(SEED_ACHIEVEMENT_2013);
    await expect(simple.textContent()).resolves.toContain('재현됨');
    await expect(simple.locator('.programs-formula').textContent()).resolves.toMatch(/산식: .+/);
    await expect(simple.textContent()).resolves.toContain('보고서 기재 135.2 %');
    // Drill-down: the programmes it counts, linked.
    await simple.locator('details.programs-drill summary').click();
    await expect.poll(() => simple.locator('.programs-codes a').count()).toBeGreaterThan(0);

    // The chart is drawn (SVG) and hidden from assistive technology; the table carries the figures.
    await page.locator('.programs-chart svg').first().waitFor();
    await expect(page.locator('.programs-chart').getAttribute('aria-hidden')).resolves.toBe('true');

    // A rate opens on its derivation.
    const firstRate = rows.first().locator('td.num details.rate').last();
    await firstRate.locator('summary').click();
    await firstRate.locator('.rate-body').waitFor({ state: 'visible' });
    await expect(firstRate.locator('.rate-body').textContent()).resolves.toMatch(/\S/);

    // Filters narrow the chart and the table alike, and live in the address.
    const additional = year.overview.filter((r) => r.budgetGroup === 'additional').length;
    await page.getByLabel('사업 구분').selectOption('additional');
    await page.waitForURL('**/staff/programs/2013?group=additional');
    await expect.poll(() => rows.count()).toBe(additional);
    await expect(page.getByRole('status').filter({ hasText: `전체 20개 중 ${additional}개 사업` }).count()).resolves.toBe(1);

    // The source's inconsistencies are there, in a disclosure.
    await page.getByText(/불일치 \d+건 보기/).click();
    await expect.poll(() => page.locator('.programs-notes tbody tr').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a programme page shows its KPI table and month grid; staff edit a KPI result and its rate follows', async () => {
    expect(program, 'a 2013 programme with a quantity KPI').toBeDefined();
    const page = await hub.signedIn('staff');
    await page.goto(`/staff/programs/2013/${program.id}`);
    const kpiRows = page.locator('table.programs-kpis tbody tr');
    await kpiRows.first().waitFor();
    await expect(kpiRows.count()).resolves.toBe(program.kpis.length);
    await expect(kpiRows.first().locator('th').textContent()).resolves.toContain(program.kpis[0]!.name);

    // The schedule: a real table, months as column headers, each mark with words.
    const grid = page.locator('table.programs-schedule');
    await expect(grid.locator('thead th[scope=col]').count()).resolves.toBeGreaterThanOrEqual(13);
    await expect(grid.locator('tbody th[scope=row]').count()).resolves.toBe(program.schedule.length);
    const marks = grid.locator('.programs-mark');
    await expect(marks.count()).resolves.toBeGreaterThan(0);
    await expect(marks.first().locator('.visually-hidden').textContent()).resolves.toMatch(/계획/);

    // Edit: the first KPI's result becomes twice its target, so its rate is 200.0 %.
    const target = program.kpis[0]!.target!;
    await page.getByRole('link', { name: '사업 수정' }).click();
    await page.waitForURL(`**/staff/programs/2013/${program.id}/edit`);
    const kpi = page.locator('fieldset.programs-row').filter({ has: page.locator('legend', { hasText: /^성과지표 1/ }) });
    const result = kpi.getByLabel('실적', { exact: true });
    await expect(result.inputValue()).resolves.not.toBe('');
    await result.fill(String(target * 2));
    await page.getByRole('button', { name: '저장하기' }).click();
    await page.waitForURL(`**/staff/programs/2013/${program.id}`);
    await page.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await expect(rateText(kpiRows.first())).resolves.toBe('200.0 %');
    const saved = await api<Detail>(page, `/api/v1/programs/${program.id}`);
    expect(saved.kpis[0]!.result).toBe(target * 2);
    expect(saved.kpis[0]!.rate.value).toBeCloseTo(200, 6);
    expect(saved.version).toBe(program.version + 1);
    await page.context().close();
  });

  it('the edit form names bad fields next to them, and a stale version is a "someone else changed it" message with a reload', async () => {
    const page = await hub.signedIn('staff');
    await page.goto(`/staff/programs/2013/${program.id}/edit`);
    const kpi = page.locator('fieldset.programs-row').filter({ has: page.locator('legend', { hasText: /^성과지표 1/ }) });
    const target = kpi.getByLabel('목표', { exact: true });
    await target.waitFor();
    await target.fill('열 개');
    await page.getByRole('button', { name: '저장하기' }).click();
    await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await target.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    expect(described).toContain('숫자로 적어 주세요.');

    // The server's own field errors land on their field too: a stated rate without its reason.
    await target.fill(String(program.kpis[0]!.target));
    const stated = page.getByLabel('사업별 추진율 (%)', { exact: true });
    const statedNote = page.getByLabel('사업별 추진율의 근거', { exact: true });
    await stated.fill('150');
    await statedNote.fill('');
    await page.getByRole('button', { name: '저장하기' }).click();
    // the server's answer takes a moment: wait for it rather than read the field at once
    await expect.poll(() => statedNote.getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('.programs-form-summary').textContent()).resolves.toContain('근거');

    // Meanwhile someone else saves the programme: this form's version is stale.
    const current = await api<Detail>(page, `/api/v1/programs/${program.id}`);
    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const put = await page.request.put(`/api/v1/programs/${program.id}`, { data: { ...current.input, version: current.version, goal: `${String(current.input.goal ?? '')} (다른 직원)` }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(put.status(), await put.text()).toBe(200);
    await stated.fill('');
    await page.getByRole('button', { name: '저장하기' }).click();
    const conflict = page.locator('.programs-form-summary .alert.warning');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('그사이 다른 사람이 이 사업을 고쳤습니다');
    await conflict.getByRole('button', { name: '최신 내용 다시 불러오기' }).click();
    await expect.poll(() => page.getByLabel('사업 목표', { exact: true }).inputValue()).toContain('(다른 직원)');
    await expect(page.locator('.programs-form-summary .alert').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('downloads the report as PDF and XLSX from the year page', async () => {
    const page = await hub.signedIn('staff');
    await page.goto('/staff/programs/2013');
    for (const [format, type] of [
      ['PDF', 'application/pdf'],
      ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const link = page.getByRole('link', { name: `${format}로 내려받기` });
      const href = (await link.getAttribute('href'))!;
      expect(href).toBe(`/api/v1/program-years/2013/report?format=${format.toLowerCase()}`);
      const res = await page.request.get(href);
      expect(res.status(), `${format}: ${res.status()}`).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      expect((await res.body()).length).toBeGreaterThan(0);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const file = await readFile((await download.path())!);
      expect(file.length).toBeGreaterThan(0);
      if (format === 'PDF') expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      else expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    await page.context().close();
  });

  it('a member whose organisations are not partners is refused a programme in words; a partner organisation\'s member finds it on /me and reads it', async () => {
    const member = await hub.signedIn('member');
    const res = await member.request.get(`/api/v1/programs/${program.id}`);
    expect(res.status()).toBe(403);
    await member.goto(`/programs/${program.id}`);
    await expect(member.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('이 사업을 볼 권한이 없습니다');
    await expect(member.locator('table.programs-kpis').count()).resolves.toBe(0);
    await member.goto('/staff/programs/2013');
    await expect(member.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('센터 업무 화면을 볼 권한이 없습니다');

    // Staff name the member's organisation as a partner: now the member reads the programme.
    const session = (await (await member.request.get('/api/v1/auth/session')).json()) as { memberships: { organizationId: string }[] };
    const orgId = session.memberships[0]!.organizationId;
    const staff = await hub.signedIn('staff');
    const current = await api<Detail>(staff, `/api/v1/programs/${program.id}`);
    const csrf = ((await (await staff.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
    const put = await staff.request.put(`/api/v1/programs/${program.id}`, {
      data: { ...current.input, version: current.version, partners: [...current.input.partners, { name: '참여 단체', role: 'e2e', organizationId: orgId }] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(put.status(), await put.text()).toBe(200);
    await staff.context().close();
    // /me lists it under 참여 사업, and the link opens it.
    await member.goto('/me');
    const mine = member.locator('section[aria-labelledby="my-programs"]');
    await mine.getByRole('link', { name: `${program.code} ${program.name}` }).click();
    await member.waitForURL(`**/programs/${program.id}`);
    await member.locator('table.programs-kpis').waitFor();
    await expect(member.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(program.code);
    await expect(member.getByRole('link', { name: '사업 수정' }).count()).resolves.toBe(0);
    await member.context().close();
  });

  it('staff link a partner by searching the directory and choosing with the keyboard; the programme page links the organisation and its member finds the programme on /me', async () => {
    const staff = await hub.signedIn('staff');
    const org = (await api<{ items: { id: string; name: string; type: { label: { ko: string } } | null; district: { name: { ko: string } } | null }[] }>(staff, '/api/v1/organizations?pageSize=1')).items[0]!;
    // A programme other than the one the other cases use (and than the one a member is refused).
    const refused = year.overview.find((r) => r.programId !== program.id)!;
    const target = year.overview.filter((r) => r.programId !== program.id && r.programId !== refused.programId).at(-1)!;
    const before = await api<Detail>(staff, `/api/v1/programs/${target.programId}`);

    await staff.goto(`/staff/programs/2013/${target.programId}/edit`);
    await staff.getByRole('button', { name: '협력 기관 추가' }).click();
    const row = staff.locator('fieldset.programs-row').filter({ has: staff.locator('legend', { hasText: new RegExp(`^협력 기관 ${before.input.partners.length + 1}`) }) });
    const name = row.getByLabel('기관명', { exact: false });
    await expect(name.inputValue()).resolves.toBe('');
    const box = row.getByRole('combobox', { name: '단체 찾기에서 연결' });
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    // Part of the name, as someone would type it.
    const fragment = [...org.name.replace(/[()（）\s]/g, '')].slice(0, 3).join('');
    const chooseByKeyboard = async () => {
      await box.pressSequentially(fragment, { delay: 40 });
      const listbox = staff.locator(`#${await box.getAttribute('aria-controls')}`);
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
      await expect(listbox.getAttribute('role')).resolves.toBe('listbox');
      const options = listbox.getByRole('option');
      await expect.poll(() => options.count()).toBeGreaterThan(0);
      await expect(staff.getByRole('status').filter({ hasText: /단체 \d+곳을 찾았습니다/ }).count()).resolves.toBe(1);
      // Down arrow until the demo organisation is the active option, then Enter.
      const count = await options.count();
      let found = false;
      for (let i = 0; i < count && !found; i++) {
        await box.press('ArrowDown');
        const active = (await box.getAttribute('aria-activedescendant')) ?? '';
        const option = staff.locator(`[id="${active}"]`);
        await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
        found = (await option.textContent())!.startsWith(org.name);
      }
      expect(found, `‘${org.name}’ among the options for ‘${fragment}’`).toBe(true);
      await box.press('Enter');
    };
    await chooseByKeyboard();
    // Linked: the name is filled in, the organisation shown with its type and district, an unlink button.
    await expect(name.inputValue()).resolves.toBe(org.name);
    const linked = row.getByRole('group', { name: '연결한 단체' });
    await expect(linked.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const shown = (await linked.textContent()) ?? '';
    expect(shown).toContain(org.name);
    if (org.type) expect(shown).toContain(org.type.label.ko);
    if (org.district) expect(shown).toContain(org.district.name.ko);
    await expect(row.getByRole('combobox').count()).resolves.toBe(0);
    // Unlinking brings the search back, with the focus; the name typed stays. Link it again.
    await row.getByRole('button', { name: `연결 해제: ${org.name}` }).click();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(name.inputValue()).resolves.toBe(org.name);
    await chooseByKeyboard();
    await linked.waitFor();

    await staff.getByRole('button', { name: '저장하기' }).click();
    await staff.waitForURL(`**/staff/programs/2013/${target.programId}`);
    await staff.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    const link = staff.getByRole('link', { name: org.name, exact: true });
    await expect(link.getAttribute('href')).resolves.toBe(`/organizations/${org.id}`);
    const saved = await api<Detail>(staff, `/api/v1/programs/${target.programId}`);
    expect(saved.input.partners.at(-1)).toMatchObject({ name: org.name, organizationId: org.id });

    // The demo member becomes an editor of that organisation: /me lists the programme under 참여 사업.
    const member = await hub.signedIn('member');
    const session = (await (await member.request.get('/api/v1/auth/session')).json()) as { user: { id: string } };
    const csrf = ((await (await staff.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
    const already = (await api<{ userId: string }[]>(staff, `/api/v1/organizations/${org.id}/members`)).some((m) => m.userId === session.user.id);
    if (!already) {
      const put = await staff.request.put(`/api/v1/organizations/${org.id}/members/${session.user.id}`, { data: { role: 'editor' }, headers: { 'x-csrf-token': csrf } });
      expect(put.status(), await put.text()).toBe(200);
    }
    try {
      await member.goto('/me');
      const mine = member.locator('section[aria-labelledby="my-programs"]');
      await mine.getByRole('heading', { name: '참여 사업' }).waitFor();
      await mine.getByRole('link', { name: `${saved.code} ${saved.name}` }).waitFor();
    } finally {
      if (!already) {
        const del = await staff.request.delete(`/api/v1/organizations/${org.id}/members/${session.user.id}`, { headers: { 'x-csrf-token': csrf } });
        expect(del.status(), await del.text()).toBeLessThan(300);
      }
      await member.context().close();
    }
    await staff.context().close();

    // axe with the list open, in Korean and English.
    await checkPage(hub, `/staff/programs/2013/${target.programId}/edit`, 'programs-partner-picker', {
      who: 'staff',
      ready: async (p) => {
        await p.locator('table.programs-schedule-edit, section[aria-labelledby="f-partners"]').first().waitFor();
        await p.locator('section[aria-labelledby="f-partners"] > button').click();
        const search = p.locator('input[role="combobox"]').last();
        await search.pressSequentially(fragment, { delay: 40 });
        await p.locator('[role="listbox"]:visible [role="option"]').first().waitFor();
        await search.press('ArrowDown');
        await expect(search.getAttribute('aria-activedescendant')).resolves.toBeTruthy();
      },
    });
  });

  it('passes axe in both languages: years, year overview, programme, edit form, refusal', async () => {
    await checkPage(hub, '/staff/programs', 'programs-years', { who: 'staff', ready: (p) => p.locator('table.programs-years tbody tr').first().waitFor() });
    await checkPage(hub, '/staff/programs/2013', 'programs-year', {
      who: 'staff',
      ready: async (p) => {
        await p.locator('.programs-chart svg').first().waitFor();
        await p.locator('table.programs-overview tbody tr details.rate summary').first().click();
      },
    });
    await checkPage(hub, `/staff/programs/2013/${program.id}`, 'programs-program', { who: 'staff', ready: (p) => p.locator('table.programs-schedule').waitFor() });
    await checkPage(hub, `/staff/programs/2013/${program.id}/edit`, 'programs-edit', { who: 'staff', ready: (p) => p.locator('table.programs-schedule-edit').waitFor() });
    const other = year.overview.find((r) => r.programId !== program.id)!;
    await checkPage(hub, `/programs/${other.programId}`, 'programs-refused', { who: 'member', ready: (p) => p.locator('.programs-gate').waitFor() });
  });

  it('imports a year file: a broken one lists its field errors and changes nothing; the exported one previews and goes back in, and so does the XLSX workbook', async () => {
    const page = await hub.signedIn('staff');
    const exported = await page.request.get('/api/v1/program-years/2013/export?format=json');
    expect(exported.status()).toBe(200);
    const doc = (await exported.json()) as { programs: { code: string; schedule: { planned: string[] }[]; kpis: { target?: number | null }[] }[] };
    const broken = structuredClone(doc);
    broken.programs[0]!.kpis[0] = { ...broken.programs[0]!.kpis[0], target: -5 };
    const withTask = broken.programs.findIndex((p) => p.schedule.length);
    broken.programs[withTask]!.schedule[0]!.planned = ['2013-13'];

    await page.goto('/staff/programs/2013');
    const section = page.locator('section[aria-labelledby="import-year"]');
    const choose = (name: string, body: unknown) => section.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(body)) });
    await choose('broken.json', broken);
    await section.getByRole('button', { name: '확인하기' }).click();
    const errors = section.locator('table.programs-import-errors tbody tr');
    await errors.first().waitFor();
    const where = await section.locator('table.programs-import-errors tbody th').allTextContents();
    expect(where.some((w) => w.includes('사업 1 › 성과지표 1 › 목표'))).toBe(true);
    expect(where.some((w) => w.includes(`사업 ${withTask + 1} › 일정 1`))).toBe(true);
    await expect(section.getByRole('button', { name: '가져오기', exact: true }).count()).resolves.toBe(0);
    const after = await api<YearDetail>(page, '/api/v1/program-years/2013');
    expect(after.overview.map((r) => r.code)).toEqual(year.overview.map((r) => r.code));

    await section.getByRole('button', { name: '다른 파일 고르기' }).click();
    await choose('sehub-programs-2013.json', doc);
    await section.getByRole('button', { name: '확인하기' }).click();
    await section.getByText('‘sehub-programs-2013.json’을(를) 가져올 수 있습니다.').waitFor();
    const counts = await section.getByText(/^사업 \d+개, 성과지표 \d+개, 예산 항목 \d+개$/).textContent();
    await section.getByRole('button', { name: '가져오기', exact: true }).click();
    await section.getByText('가져왔습니다.').waitFor();
    await page.locator('table.programs-overview tbody tr').nth(19).waitFor();
    await expect(page.locator('table.programs-overview tbody tr').count()).resolves.toBe(20);

    // The year as a workbook (the data download) checks out the same.
    const xlsx = await page.request.get(await page.getByRole('link', { name: '자료 XLSX 내려받기' }).getAttribute('href') ?? '');
    expect(xlsx.status()).toBe(200);
    await section.locator('input[type=file]').setInputFiles({ name: 'sehub-programs-2013.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx.body() });
    await section.getByRole('button', { name: '확인하기' }).click();
    await section.getByText('‘sehub-programs-2013.xlsx’을(를) 가져올 수 있습니다.').waitFor();
    await expect(section.getByText(/^사업 \d+개, 성과지표 \d+개, 예산 항목 \d+개$/).textContent()).resolves.toBe(counts);
    await page.context().close();
  });
});
