import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, TestClient, type TestApp } from '../../../test/helpers.ts';

interface Row {
  id: number;
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

describeEngines('audit trail', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  async function rowsAfter(id: number): Promise<Row[]> {
    const r = await sql<Row>`SELECT * FROM audit_log WHERE id > ${id} ORDER BY id`.execute(t.database.db);
    return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  }
  async function lastId(): Promise<number> {
    const r = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(t.database.db);
    return Number(r.rows[0]!.id ?? 0);
  }

  /** Runs one mutation and returns the single audit row it must have written. */
  async function exactlyOneRow(run: () => Promise<LightMyRequestResponse>, status: number): Promise<Row> {
    const from = await lastId();
    const res = await run();
    expect(res.statusCode, res.body).toBe(status);
    const rows = await rowsAfter(from);
    expect(rows, `exactly one audit row (answer ${res.statusCode})`).toHaveLength(1);
    const row = rows[0]!;
    expect(row.request_id).toBe(res.headers['x-request-id']);
    const text = JSON.stringify(row);
    expect(text).not.toContain('scrypt$');
    return row;
  }

  it('writes exactly one row, with before and after, for every kind of mutation', async () => {
    const admin = await t.signedIn('admin');
    const staff = await t.signedIn('staff');
    const visitor = t.client();

    const reg = await exactlyOneRow(() => visitor.post('/api/v1/auth/register', { email: 'audit.member@example.kr', password: 'audit password 1', displayName: '감사 회원' }), 201);
    expect(reg).toMatchObject({ action: 'user.register', entity_type: 'user', actor_label: 'anonymous', actor_user_id: null, before: null });
    expect(reg.after).toMatchObject({ email: 'audit.member@example.kr', role: 'member', hasPassword: true });
    const memberId = reg.entity_id!;

    const member = new TestClient(t.app);
    const login = await exactlyOneRow(() => member.login('audit.member@example.kr', 'audit password 1'), 200);
    expect(login).toMatchObject({ action: 'auth.login', entity_id: memberId, before: null });

    const failed = await exactlyOneRow(() => t.client().login('audit.member@example.kr', 'wrong password'), 401);
    expect(failed).toMatchObject({ action: 'auth.login_failed', entity_id: memberId, before: { failedLoginCount: 0 }, after: { failedLoginCount: 1 } });

    const pw = await exactlyOneRow(() => member.post('/api/v1/auth/password', { currentPassword: 'audit password 1', newPassword: 'audit password 2' }), 204);
    expect(pw).toMatchObject({ action: 'user.password_change', actor_user_id: memberId, entity_id: memberId });

    const selfEdit = await exactlyOneRow(() => member.patch(`/api/v1/users/${memberId}`, { displayName: '감사 회원 2' }), 200);
    expect(selfEdit).toMatchObject({ action: 'user.update', before: { displayName: '감사 회원' }, after: { displayName: '감사 회원 2' } });

    const created = await exactlyOneRow(() => admin.post('/api/v1/users', { email: 'audit.staff@example.kr', displayName: '감사 직원', role: 'staff' }), 201);
    expect(created).toMatchObject({ action: 'user.create', actor_user_id: admin.user.id, before: null, after: { role: 'staff', hasPassword: false } });

    const promoted = await exactlyOneRow(() => admin.patch(`/api/v1/users/${created.entity_id}`, { role: 'admin' }), 200);
    expect(promoted).toMatchObject({ before: { role: 'staff' }, after: { role: 'admin' } });

    const org = await exactlyOneRow(() => staff.post('/api/v1/organizations', { name: '감사 협동조합' }), 201);
    expect(org).toMatchObject({ action: 'organization.create', entity_type: 'organization', before: null, after: { name: '감사 협동조합' } });
    const orgId = org.entity_id!;
    const renamed = await exactlyOneRow(() => staff.patch(`/api/v1/organizations/${orgId}`, { name: '감사 사회적협동조합' }), 200);
    expect(renamed).toMatchObject({ action: 'organization.update', before: { name: '감사 협동조합' }, after: { name: '감사 사회적협동조합' } });
    const event = await exactlyOneRow(() => staff.post(`/api/v1/organizations/${orgId}/status-events`, { kind: 'certified', on: '2013-06-01' }), 201);
    expect(event).toMatchObject({ action: 'organization.status_event', before: { statusHistory: [] }, after: { statusHistory: [{ kind: 'certified', on: '2013-06-01' }] } });

    const joined = await exactlyOneRow(() => staff.put(`/api/v1/organizations/${orgId}/members/${memberId}`, { role: 'owner' }), 200);
    expect(joined).toMatchObject({ action: 'membership.create', entity_type: 'organization_member', before: null, after: { role: 'owner' } });
    const second = await t.createUser();
    await exactlyOneRow(() => staff.put(`/api/v1/organizations/${orgId}/members/${second.id}`, { role: 'owner' }), 200);
    const demoted = await exactlyOneRow(() => staff.put(`/api/v1/organizations/${orgId}/members/${second.id}`, { role: 'editor' }), 200);
    expect(demoted).toMatchObject({ action: 'membership.update', before: { role: 'owner' }, after: { role: 'editor' } });
    const removed = await exactlyOneRow(() => staff.delete(`/api/v1/organizations/${orgId}/members/${second.id}`), 204);
    expect(removed).toMatchObject({ action: 'membership.delete', before: { role: 'editor' }, after: null });

    const proposal = await exactlyOneRow(() => member.post(`/api/v1/organizations/${orgId}/proposals`, { changes: { phone: '02-123-4567' } }), 201);
    expect(proposal).toMatchObject({ action: 'organization_proposal.create', entity_type: 'organization_proposal', before: null, after: { status: 'pending' } });
    const approved = await exactlyOneRow(() => staff.post(`/api/v1/directory/proposals/${proposal.entity_id}/approve`), 200);
    expect(approved).toMatchObject({ action: 'organization.proposal_approved', entity_id: orgId, before: { phone: null }, after: { phone: '02-123-4567', proposalId: proposal.entity_id } });
    const second2 = await exactlyOneRow(() => member.post(`/api/v1/organizations/${orgId}/proposals`, { changes: { phone: '02-999-9999' } }), 201);
    const rejected = await exactlyOneRow(() => staff.post(`/api/v1/directory/proposals/${second2.entity_id}/reject`, { reason: '번호를 확인할 수 없습니다' }), 200);
    expect(rejected).toMatchObject({ action: 'organization_proposal.reject', before: { status: 'pending' }, after: { status: 'rejected', reason: '번호를 확인할 수 없습니다' } });

    const tokenRow = await exactlyOneRow(() => member.post('/api/v1/me/tokens', { name: '감사 토큰', scopes: ['directory:read'] }), 201);
    expect(tokenRow).toMatchObject({ action: 'api_token.create', entity_type: 'api_token', before: null });
    const revoked = await exactlyOneRow(() => member.delete(`/api/v1/tokens/${tokenRow.entity_id}`), 200);
    expect(revoked).toMatchObject({ action: 'api_token.revoke', before: { revokedAt: null } });
    expect((revoked.after as { revokedAt: string | null }).revokedAt).not.toBeNull();

    const resetReq = await exactlyOneRow(() => t.client().post('/api/v1/auth/password-reset', { email: 'audit.member@example.kr' }), 202);
    expect(resetReq).toMatchObject({ action: 'user.password_reset_request', entity_id: memberId });
    const token = new URL(/https?:\/\/\S+/.exec(t.mailer.last('audit.member@example.kr')!.text)![0]).searchParams.get('token')!;
    const reset = await exactlyOneRow(() => t.client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'audit password 3' }), 204);
    expect(reset).toMatchObject({ action: 'user.password_reset', entity_id: memberId });
    expect(JSON.stringify(reset)).not.toContain(token);

    const again = new TestClient(t.app);
    await again.login('audit.member@example.kr', 'audit password 3');
    const logout = await exactlyOneRow(() => again.post('/api/v1/auth/logout'), 204);
    expect(logout).toMatchObject({ action: 'auth.logout', entity_id: memberId, after: null });
  });

  it('writes nothing for refused, invalid or failed mutations', async () => {
    const member = await t.signedIn('member');
    const staff = await t.signedIn('staff');
    const from = await lastId();
    expectProblem(await member.post('/api/v1/organizations', { name: '권한 없음' }), 403, 'forbidden');
    expectProblem(await staff.post('/api/v1/organizations', { name: '   ' }), 400, 'validation');
    expectProblem(await staff.patch('/api/v1/organizations/00000000-0000-4000-8000-000000000000', { name: '없는 단체' }), 404, 'not-found');
    expectProblem(await t.client().post('/api/v1/auth/login', { email: 'nobody@example.kr', password: 'whatever it is' }), 401, 'invalid-credentials');
    expect(await rowsAfter(from)).toEqual([]);
  });

  it('rolls the change back with its audit row when the transaction fails', async () => {
    const staff = await t.signedIn('staff');
    const org = (await staff.post('/api/v1/organizations', { name: '롤백 협동조합' })).json();
    // A constraint the database enforces but the API schema lets through makes the update fail inside its transaction.
    await sql`ALTER TABLE organizations ADD CONSTRAINT test_no_x CHECK (name <> 'X')`.execute(t.database.db);
    try {
      const from = await lastId();
      const res = await staff.patch(`/api/v1/organizations/${org.id}`, { name: 'X' });
      expect(res.statusCode).toBe(500);
      expect(await rowsAfter(from)).toEqual([]);
      expect((await staff.get(`/api/v1/organizations/${org.id}`)).json().name).toBe('롤백 협동조합');
    } finally {
      await sql`ALTER TABLE organizations DROP CONSTRAINT test_no_x`.execute(t.database.db);
    }
  });

  it('is append-only', async () => {
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('lets staff list and filter the log, newest first; refuses members, visitors and tokens without audit:read', async () => {
    const staff = await t.signedIn('staff');
    const org = (await staff.post('/api/v1/organizations', { name: '필터 협동조합' })).json();
    await staff.patch(`/api/v1/organizations/${org.id}`, { name: '필터 사회적협동조합' });

    const byEntity = (await staff.get(`/api/v1/audit?entityType=organization&entityId=${org.id}`)).json();
    expect(byEntity.items.map((r: { action: string }) => r.action)).toEqual(['organization.update', 'organization.create']);
    expect(byEntity.items[0].before).toMatchObject({ name: '필터 협동조합' });
    expect(byEntity.items[0].actor.userId).toBe(staff.user.id);

    const byActor = (await staff.get(`/api/v1/audit?actorId=${staff.user.id}&action=organization.`)).json();
    expect(byActor.total).toBe(2);
    const paged = (await staff.get(`/api/v1/audit?actorId=${staff.user.id}&action=organization.&pageSize=1&page=2`)).json();
    expect(paged.items.map((r: { action: string }) => r.action)).toEqual(['organization.create']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await staff.get(`/api/v1/audit?from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    const reqId = byEntity.items[0].requestId;
    expect((await staff.get(`/api/v1/audit?requestId=${reqId}`)).json().items).toHaveLength(1);
    const bad = expectProblem(await staff.get('/api/v1/audit?actorId=nope&from=yesterday'), 400, 'validation');
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['query.actorId', 'query.from']);

    expectProblem(await (await t.signedIn('member')).get('/api/v1/audit'), 403, 'forbidden');
    expectProblem(await t.client().get('/api/v1/audit'), 401, 'unauthenticated');
    const noScope = (await staff.post('/api/v1/me/tokens', { name: 'x', scopes: ['directory:read'] })).json().token;
    expectProblem(await t.client().get('/api/v1/audit', { authorization: `Bearer ${noScope}` }), 403, 'insufficient-scope');
    const withScope = (await staff.post('/api/v1/me/tokens', { name: 'y', scopes: ['audit:read'] })).json().token;
    expect((await t.client().get('/api/v1/audit', { authorization: `Bearer ${withScope}` })).statusCode).toBe(200);
  });
});
