import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers.ts';
import { describeEngines } from '../../../test/helpers.ts';
import type { Database } from '../../db/engine.ts';

/**
 * The database itself refuses an organisation naming a term that does not exist, and the removal
 * of a term in use (migration 0006 checks whole statements instead of each row). The API checks
 * first with readable messages; this is the guarantee behind it, for scripts and future code.
 */
describeEngines('taxonomy references in the database', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());
  const db = () => database.db;
  const insert = (cols: Record<string, string | null>) =>
    sql`INSERT INTO organizations (name, type_key, subtype_key, industry_key, district_code)
        VALUES (${cols.name ?? '시험 단체'}, ${cols.type ?? null}, ${cols.subtype ?? null}, ${cols.industry ?? null}, ${cols.district ?? null})`.execute(db());
  const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations`.execute(db())).rows[0]!.n;

  it('accepts known terms, in one row or many', async () => {
    await insert({ type: 'cooperative', subtype: 'worker', industry: 'food_cafe', district: '11440' });
    await sql`INSERT INTO organizations (name, type_key, district_code) SELECT '묶음 ' || g, 'social_enterprise', '11680' FROM generate_series(1, 500) g`.execute(db());
    expect(await count()).toBe(501);
  });

  it.each([
    ['type', { type: 'bank' }],
    ['subtype of another type', { type: 'village_enterprise', subtype: 'worker' }],
    ['industry', { industry: 'mining' }],
    ['district', { district: '99999' }],
  ])('refuses an unknown %s, on insert and on update, changing nothing', async (_, cols) => {
    const before = await count();
    await expect(insert(cols)).rejects.toMatchObject({ code: '23503' });
    const col = 'type' in cols ? 'type_key' : 'industry' in cols ? 'industry_key' : 'district_code';
    const value = Object.values(cols)[0]!;
    await expect(sql`UPDATE organizations SET ${sql.ref(col)} = ${value}`.execute(db())).rejects.toMatchObject({ code: '23503' });
    expect(await count()).toBe(before);
    const changed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations WHERE ${sql.ref(col)} = ${value}`.execute(db());
    expect(changed.rows[0]!.n).toBe(0);
  });

  it('refuses to delete or re-key a term in use, and allows it once unused', async () => {
    await expect(sql`DELETE FROM industries WHERE key = 'food_cafe'`.execute(db())).rejects.toMatchObject({ code: '23503' });
    await expect(sql`UPDATE districts SET code = '11441' WHERE code = '11440'`.execute(db())).rejects.toMatchObject({ code: '23503' });
    await expect(sql`DELETE FROM organization_subtypes WHERE type_key = 'cooperative' AND key = 'worker'`.execute(db())).rejects.toMatchObject({ code: '23503' });
    // Relabelling keeps the key: allowed.
    await sql`UPDATE industries SET label_en = 'food and cafés' WHERE key = 'food_cafe'`.execute(db());
    await sql`DELETE FROM organizations WHERE industry_key = 'food_cafe'`.execute(db());
    await sql`DELETE FROM industries WHERE key = 'food_cafe'`.execute(db());
    const left = await sql`SELECT 1 FROM industries WHERE key = 'food_cafe'`.execute(db());
    expect(left.rows).toHaveLength(0);
  });
});
