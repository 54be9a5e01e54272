import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp, type TestClient } from '../../../test/helpers.ts';

const CSV = 'text/csv';
const NDJSON = 'application/x-ndjson';

/** A file of `n` distinct organisations; `bad` rows (1-based) get a district that does not exist. */
function file(n: number, bad: number[] = []): string {
  const lines = ['기업명,유형,자치구,도로명주소'];
  for (let i = 1; i <= n; i++) lines.push(`진행 협동조합 ${i},협동조합,${bad.includes(i) ? '해운대구' : '마포구'},서울특별시 마포구 월드컵로 ${i}`);
  return lines.join('\n');
}

type Line = { type: 'progress'; rows: number; total: number } | { type: 'result'; [k: string]: unknown } | { type: 'error'; problem: { type: string; status: number; messages: { ko: string; en: string }; errors?: { path: string; row?: number }[] } };

function lines(body: string): Line[] {
  expect(body.endsWith('\n'), 'every line ends with a newline').toBe(true);
  return body
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describeEngines('directory import progress (NDJSON)', (engine) => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
  });
  afterAll(() => t.close());

  const orgCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations`.execute(t.database.db)).rows[0]!.n);
  const upload = (c: TestClient, body: string, query = '', accept = NDJSON) =>
    c.request('POST', `/api/v1/directory/imports${query}`, body, { 'content-type': CSV, accept });

  it('streams a progress line per batch, rising to the total, then the same report as the JSON answer', async () => {
    const csv = file(4500);
    const preview = await upload(staff, csv, '?dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const previewLines = lines(preview.body);
    expect(previewLines.filter((l) => l.type === 'progress').map((l) => (l as { rows: number }).rows)).toEqual([0, 2000, 4000, 4500]);
    expect(previewLines.at(-1)).toMatchObject({ type: 'result', dryRun: true, rows: 4500, created: 4500, errors: [] });
    expect(await orgCount()).toBe(0);

    const before = await t.auditCount();
    const res = await upload(staff, csv, '?filename=progress.csv');
    expect(res.statusCode).toBe(200);
    const all = lines(res.body);
    const progress = all.slice(0, -1);
    expect(progress.every((l) => l.type === 'progress' && l.total === 4500)).toBe(true);
    expect(progress.map((l) => (l as { rows: number }).rows)).toEqual([0, 2000, 4000, 4500]);
    // The final line is the report the JSON answer gives, with its type.
    expect(all.at(-1)).toEqual({ type: 'result', dryRun: false, rows: 4500, created: 4500, duplicates: [], errors: [] });
    expect(await orgCount()).toBe(4500);
    expect(await t.auditCount()).toBe(before + 1);

    // Without the Accept header the answer stays the plain JSON report.
    const plain = await staff.request('POST', '/api/v1/directory/imports?dryRun=true', file(2), { 'content-type': CSV });
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.json()).toMatchObject({ dryRun: true, rows: 2, created: 0, duplicates: [{ row: 1, reason: 'nameAndAddress' }, { row: 2, reason: 'nameAndAddress' }] });
  });

  it('ends with an error line carrying every row error when a row is bad, and commits nothing', async () => {
    const n = await orgCount();
    const audit = await t.auditCount();
    const csv = file(4200, [3001]).replaceAll('진행 협동조합', '오류 협동조합');
    const res = await upload(staff, csv);
    expect(res.statusCode).toBe(200);
    const all = lines(res.body);
    expect(all.filter((l) => l.type === 'progress').map((l) => (l as { rows: number }).rows)).toEqual([0, 2000, 4000, 4200]);
    const last = all.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.problem).toMatchObject({ type: '/problems/validation', status: 400, errors: [{ path: 'rows.3001.district', row: 3001 }] });
    expect(last.problem.messages.ko).toContain('아무것도 가져오지 않았습니다');
    expect(all.some((l) => l.type === 'result')).toBe(false);
    // Rows of the first batch were already written inside the transaction: all rolled back.
    expect(await orgCount()).toBe(n);
    expect(await t.auditCount()).toBe(audit);
  });

  it('refuses before streaming with an ordinary problem: wrong role, anonymous, unreadable file, bad query', async () => {
    const member = await t.signedIn('member');
    const n = await orgCount();
    const audit = await t.auditCount();
    expectProblem(await upload(member, file(3)), 403, 'forbidden');
    expectProblem(await upload(t.client(), file(3)), 401, 'unauthenticated');
    const noName = expectProblem(await upload(staff, '상호없음,업종\n가,나'), 400, 'validation');
    expect(noName.errors![0]!.path).toBe('headers');
    expectProblem(await staff.request('POST', '/api/v1/directory/imports', Buffer.from('not a zip'), { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', accept: NDJSON }), 400, 'validation');
    expectProblem(await upload(staff, file(3), '?dryRun=maybe'), 400, 'validation');
    expect([await orgCount(), await t.auditCount()]).toEqual([n, audit]);
  });
});
