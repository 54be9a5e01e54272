import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, TestClient, type TestApp } from '../../../test/helpers.ts';

describeEngines('API tokens', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  async function tokenFor(owner: TestClient, scopes: string[], name = '연동') {
    const res = await owner.post('/api/v1/me/tokens', { name, scopes, expiresInDays: 30 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string; prefix: string; scopes: string[]; expiresAt: string };
  }
  const bearer = (token: string) => Object.assign(t.client(), { bearer: token });

  it('is shown once and kept only as a hash', async () => {
    const staff = await t.signedIn('staff');
    const created = await tokenFor(staff, ['directory:write']);
    expect(created.token).toMatch(/^sehub_[\w-]{8}_[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const stored = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM api_tokens a WHERE id = ${created.id}`.execute(t.database.db);
    expect(stored.rows[0]!.row).not.toContain(created.token.slice(created.prefix.length + 1));
    const listed = (await staff.get('/api/v1/me/tokens')).json();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('acts as its owner within its scopes, with no CSRF token needed', async () => {
    const staff = await t.signedIn('staff');
    const writer = await tokenFor(staff, ['directory:write']);
    const res = await bearer(writer.token).post('/api/v1/organizations', { name: '토큰으로 만든 협동조합' });
    expect(res.statusCode, res.body).toBe(201);
    const audit = await t.client().request('GET', `/api/v1/audit?entityId=${res.json().id}`, undefined, { authorization: `Bearer ${(await tokenFor(staff, ['audit:read'])).token}` });
    expect(audit.json().items[0].actor).toMatchObject({ userId: staff.user.id, tokenId: writer.id, label: 'api-token' });
  });

  it('is refused with 403 for an action outside its scopes, changing nothing', async () => {
    const staff = await t.signedIn('staff');
    const reader = await tokenFor(staff, ['directory:read']);
    const before = await t.auditCount();
    const res = await bearer(reader.token).post('/api/v1/organizations', { name: '만들어지면 안 되는 곳' });
    expect(expectProblem(res, 403, 'insufficient-scope').messages.en).toContain('directory:write');
    expect(await t.auditCount()).toBe(before);
    // Scopes never lift a role: a member's directory:write token still cannot register organisations.
    const member = await t.signedIn('member');
    const memberToken = await tokenFor(member, ['directory:write']);
    expectProblem(await bearer(memberToken.token).post('/api/v1/organizations', { name: 'x' }), 403, 'forbidden');
  });

  it('is refused with 401 once expired or revoked, or when unknown', async () => {
    const staff = await t.signedIn('staff');
    const expiring = await tokenFor(staff, ['identity:read']);
    expect((await bearer(expiring.token).get('/api/v1/users')).statusCode).toBe(200);
    await sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`.execute(t.database.db);
    expectProblem(await bearer(expiring.token).get('/api/v1/users'), 401, 'invalid-token');

    const revoked = await tokenFor(staff, ['identity:read']);
    const r = await staff.delete(`/api/v1/tokens/${revoked.id}`);
    expect(r.json().revokedAt).not.toBeNull();
    expectProblem(await bearer(revoked.token).get('/api/v1/users'), 401, 'invalid-token');

    expectProblem(await bearer('sehub_unknown_token').get('/api/v1/users'), 401, 'invalid-token');
    expectProblem(await t.client().get('/api/v1/users', { authorization: 'Basic abc' }), 401, 'invalid-token');
  });

  it('cannot mint tokens, and nobody but its owner (or an admin) revokes it', async () => {
    const member = await t.signedIn('member');
    const token = await tokenFor(member, ['identity:tokens']);
    expectProblem(await bearer(token.token).post('/api/v1/me/tokens', { name: 'x', scopes: ['identity:read'] }), 403, 'forbidden');
    const other = await t.signedIn('member');
    expectProblem(await other.delete(`/api/v1/tokens/${token.id}`), 403, 'forbidden');
    const admin = await t.signedIn('admin');
    expect((await admin.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(200);
  });

  it('names an unknown scope or a too long life at creation', async () => {
    const member = await t.signedIn('member');
    const res = await member.post('/api/v1/me/tokens', { name: 'x', scopes: ['directory:read', 'everything'], expiresInDays: 30 });
    const body = expectProblem(res, 400, 'validation');
    expect(body.errors![0]!.path).toBe('scopes.1');
    expect(body.errors![0]!.messages.ko).toContain('알 수 없는 범위');
    const long = await member.post('/api/v1/me/tokens', { name: 'x', scopes: ['directory:read'], expiresInDays: 3650 });
    expect(expectProblem(long, 400, 'validation').errors![0]!.path).toBe('expiresInDays');
    expect((await member.get('/api/v1/me/tokens')).json()).toEqual([]);
  });
});
