import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { arrayLiteral, insertRows } from './bulk.ts';

describe('arrayLiteral', () => {
  it('writes PostgreSQL array literals, escaping only what must be escaped', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['사회', null, 3])).toBe('{"사회",null,3}');
    expect(arrayLiteral([['a', 'b'], { x: 1 }, new Date('2013-05-20T00:00:00Z'), true])).toBe(
      '{"{\\"a\\",\\"b\\"}","{\\"x\\":1}","2013-05-20T00:00:00.000Z","t"}',
    );
  });
});

describeEngines('bulk insert', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await sql`CREATE TABLE bulk_probe (
      id serial PRIMARY KEY, label text NOT NULL, note text, amount bigint, ratio double precision, day date,
      tags text[] NOT NULL DEFAULT '{}', data jsonb NOT NULL DEFAULT '{}', state text NOT NULL DEFAULT 'new')`.execute(database.db);
  });
  afterAll(() => database.close());

  it('stores every value as given, however awkward the text, and keeps defaults for columns a row leaves out', async () => {
    const awkward = ['따옴표 "안" 과 \\ 역슬래시', '줄\n바꿈\t탭', '{중괄호,쉼표}', 'NULL', '', ' 앞뒤 공백 ', '\u0001제어'];
    const rows = [
      ...awkward.map((label, i) => ({ label, note: i % 2 ? null : label, amount: 9007199254740991, ratio: 0.1 + i, day: '2013-02-28', tags: [label, 'ㅅㅎ'], data: { label, n: i } })),
      { label: '기본값', state: undefined },
    ];
    await insertRows(database.db, 'bulk_probe', rows, 3);
    const stored = (await sql<Record<string, unknown>>`SELECT label, note, amount::text AS amount, ratio, day::text AS day, tags, data, state FROM bulk_probe ORDER BY id`.execute(database.db)).rows;
    expect(stored).toHaveLength(awkward.length + 1);
    awkward.forEach((label, i) => {
      expect(stored[i]).toEqual({
        label,
        note: i % 2 ? null : label,
        amount: '9007199254740991',
        ratio: 0.1 + i,
        day: '2013-02-28',
        tags: [label, 'ㅅㅎ'],
        data: { label, n: i },
        state: 'new',
      });
    });
    expect(stored[awkward.length]).toEqual({ label: '기본값', note: null, amount: null, ratio: null, day: null, tags: [], data: {}, state: 'new' });
  });

  it('refuses a column the table does not have, and a bad value fails the whole statement', async () => {
    await expect(insertRows(database.db, 'bulk_probe', [{ label: 'x', nope: 1 }])).rejects.toThrow(/bulk_probe has no column nope/);
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulk_probe`.execute(database.db)).rows[0]!.n;
    await expect(insertRows(database.db, 'bulk_probe', [{ label: 'ok' }, { label: null }])).rejects.toThrow();
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bulk_probe`.execute(database.db)).rows[0]!.n).toBe(before);
  });
});
