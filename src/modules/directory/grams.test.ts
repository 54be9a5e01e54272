import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../../test/helpers.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { bigrams, gramCode, gramCodes, initialsOf, normalizeForSearch } from '../../kernel/hangul.ts';

/**
 * Migration 0007 turns the search index's text pieces into numbers. Organisations written before it
 * must be found after it exactly as those written after: the database's conversion and the
 * application's gramCode agree, for Hangul (whose codes are negative), ASCII and characters outside
 * the Basic Multilingual Plane.
 */
describeEngines('search pieces as numbers (migration 0007)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine, { empty: true });
  });
  afterAll(() => database.close());

  it('converts the pieces of organisations written before it, and the database computes codes as the application does', async () => {
    const all = loadMigrations();
    await migrate(database, all.filter((m) => m.version < 7));
    const name = '성미산 마을 😀카페 Co-op';
    const text = normalizeForSearch(name);
    const initials = initialsOf(name);
    await sql`INSERT INTO organizations (name, search_text, search_initials, search_grams)
      VALUES (${name}, ${text}, ${initials}, ${bigrams(text, initials)}::text[])`.execute(database.db);
    await migrate(database, all);

    const row = (await sql<{ g: number[] }>`SELECT search_grams AS g FROM organizations`.execute(database.db)).rows[0]!;
    expect([...row.g].sort((a, b) => a - b)).toEqual(gramCodes(text, initials).sort((a, b) => a - b));
    for (const piece of ['사회', 'ㅅㅎ', 'ab', '힣힣', 'a😀', '😀b', '가a']) {
      const r = await sql<{ c: number }>`SELECT directory_gram_code(${piece}) AS c`.execute(database.db);
      expect(r.rows[0]!.c, piece).toBe(gramCode(piece));
    }
    // And the index finds it by a fragment, as search does.
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations
      WHERE search_grams @> ${gramCodes('을😀카')}::int4[] AND search_text LIKE '%을😀카%'`.execute(database.db);
    expect(found.rows[0]!.n).toBe(1);
  });
});
