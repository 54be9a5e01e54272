import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp } from '../../../test/helpers.ts';

describeEngines('roles, users and organisation memberships', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  const userCount = async () => {
    const r = await t.database.db.selectFrom('users' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number((r as { n: number }).n);
  };

  it('lets an admin create accounts and refuses staff and members', async () => {
    const admin = await t.signedIn('admin');
    const res = await admin.post('/api/v1/users', { email: 'Staff.New@Example.KR', displayName: '새 직원', role: 'staff' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email: 'staff.new@example.kr', role: 'staff', disabled: false });
    const request = { method: 'POST' as const, url: '/api/v1/users', body: { email: 'x@example.kr', displayName: 'x', role: 'admin' } };
    await expectRefused(t, request, { wrongRole: await t.signedIn('staff'), anonymous: t.client() }, userCount);
    await expectRefused(t, request, { wrongRole: await t.signedIn('member') }, userCount);
  });

  it('lets staff list and filter users; members read only themselves', async () => {
    const staff = await t.signedIn('staff');
    await t.createUser({ displayName: '필터 대상 홍길동' });
    const page = (await staff.get(`/api/v1/users?q=${encodeURIComponent('홍길동')}`)).json();
    expect(page.items.map((u: { displayName: string }) => u.displayName)).toContain('필터 대상 홍길동');
    const staffOnly = (await staff.get('/api/v1/users?role=staff&pageSize=200')).json();
    expect(staffOnly.items.every((u: { role: string }) => u.role === 'staff')).toBe(true);
    const paged = (await staff.get('/api/v1/users?pageSize=2&page=1')).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);

    const member = await t.signedIn('member');
    expectProblem(await member.get('/api/v1/users'), 403, 'forbidden');
    expect((await member.get(`/api/v1/users/${member.user.id}`)).statusCode).toBe(200);
    expectProblem(await member.get(`/api/v1/users/${staff.user.id}`), 403, 'forbidden');
  });

  it('lets people edit their own name and language but not their role', async () => {
    const member = await t.signedIn('member');
    const ok = await member.patch(`/api/v1/users/${member.user.id}`, { displayName: '바뀐 이름', locale: 'en' });
    expect(ok.json()).toMatchObject({ displayName: '바뀐 이름', locale: 'en' });
    const self = async () => (await member.get(`/api/v1/users/${member.user.id}`)).json();
    await expectRefused(t, { method: 'PATCH', url: `/api/v1/users/${member.user.id}`, body: { role: 'admin' } }, { wrongRole: member }, self);
    const other = await t.createUser();
    await expectRefused(t, { method: 'PATCH', url: `/api/v1/users/${other.id}`, body: { displayName: '남의 이름' } }, { wrongRole: member });
    // Answers now come in English, the language the member chose.
    expect((await member.get('/api/v1/users')).json().title).toBe('You are not allowed to do this');
  });

  it('keeps at least one active admin', async () => {
    const t2 = await createTestApp(engine);
    try {
      const admin = await t2.signedIn('admin');
      expectProblem(await admin.patch(`/api/v1/users/${admin.user.id}`, { role: 'staff' }), 409, 'conflict');
      expectProblem(await admin.patch(`/api/v1/users/${admin.user.id}`, { disabled: true }), 409, 'conflict');
      const second = await t2.createUser({ role: 'admin' });
      expect((await admin.patch(`/api/v1/users/${second.id}`, { role: 'staff' })).json().role).toBe('staff');
    } finally {
      await t2.close();
    }
  });

  it('lets staff and the owner of an organisation name its editors; nobody else', async () => {
    const staff = await t.signedIn('staff');
    const orgA = await t.createOrganization('가 협동조합');
    const orgB = await t.createOrganization('나 협동조합');
    const ownerA = await t.signedIn('member');
    await t.addMember(orgA.id, ownerA.user.id, 'owner');
    const editorA = await t.signedIn('member');
    await t.addMember(orgA.id, editorA.user.id, 'editor');
    const ownerB = await t.signedIn('member');
    await t.addMember(orgB.id, ownerB.user.id, 'owner');
    const newcomer = await t.createUser();

    const res = await ownerA.put(`/api/v1/organizations/${orgA.id}/members/${newcomer.id}`, { role: 'editor' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await staff.put(`/api/v1/organizations/${orgB.id}/members/${newcomer.id}`, { role: 'editor' })).statusCode).toBe(200);

    const members = async () => (await staff.get(`/api/v1/organizations/${orgA.id}/members`)).json();
    await expectRefused(
      t,
      { method: 'PUT', url: `/api/v1/organizations/${orgA.id}/members/${newcomer.id}`, body: { role: 'owner' } },
      { wrongRole: editorA, wrongOrganization: ownerB, anonymous: t.client() },
      members,
    );
    await expectRefused(t, { method: 'DELETE', url: `/api/v1/organizations/${orgA.id}/members/${newcomer.id}` }, { wrongRole: editorA, wrongOrganization: ownerB }, members);
    // Members of A see A's managers; a stranger does not.
    expect((await editorA.get(`/api/v1/organizations/${orgA.id}/members`)).json()).toHaveLength(3);
    expectProblem(await ownerB.get(`/api/v1/organizations/${orgA.id}/members`), 403, 'forbidden');
  });

  it('lets a member propose edits to the organisations they manage and refuses the others', async () => {
    const orgA = await t.createOrganization('편집 가능 협동조합');
    const orgB = await t.createOrganization('남의 협동조합');
    const editorA = await t.signedIn('member');
    await t.addMember(orgA.id, editorA.user.id, 'editor');
    const stranger = await t.signedIn('member');

    const ok = await editorA.post(`/api/v1/organizations/${orgA.id}/proposals`, { changes: { nameEn: 'Editable Cooperative' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'pending', changes: { nameEn: 'Editable Cooperative' }, before: { nameEn: null } });
    const staff = await t.signedIn('staff');
    const proposalsOfB = async () => (await staff.get(`/api/v1/organizations/${orgB.id}/proposals`)).json().total;
    await expectRefused(
      t,
      { method: 'POST', url: `/api/v1/organizations/${orgB.id}/proposals`, body: { changes: { name: '가로챈 이름' } } },
      { wrongRole: stranger, wrongOrganization: editorA, anonymous: t.client() },
      proposalsOfB,
    );
    // Members never edit directly.
    await expectRefused(t, { method: 'PATCH', url: `/api/v1/organizations/${orgA.id}`, body: { name: '직접 수정' } }, { wrongRole: editorA });
    // A membership granted now takes effect on the member's next request, without signing in again.
    await t.addMember(orgB.id, stranger.user.id, 'editor');
    expect((await stranger.post(`/api/v1/organizations/${orgB.id}/proposals`, { changes: { name: '이제 내 단체' } })).statusCode).toBe(201);
  });

  it('keeps an owner on every organisation and checks whom it names', async () => {
    const staff = await t.signedIn('staff');
    const org = await t.createOrganization();
    const owner = await t.createUser();
    await t.addMember(org.id, owner.id, 'owner');
    expectProblem(await staff.put(`/api/v1/organizations/${org.id}/members/${owner.id}`, { role: 'editor' }), 409, 'conflict');
    expectProblem(await staff.delete(`/api/v1/organizations/${org.id}/members/${owner.id}`), 409, 'conflict');
    const unknownUser = await staff.put(`/api/v1/organizations/${org.id}/members/00000000-0000-4000-8000-000000000000`, { role: 'editor' });
    expect(expectProblem(unknownUser, 400, 'validation').errors![0]!.path).toBe('userId');
    expectProblem(await staff.put(`/api/v1/organizations/00000000-0000-4000-8000-000000000000/members/${owner.id}`, { role: 'editor' }), 404, 'not-found');
    const badRole = await staff.put(`/api/v1/organizations/${org.id}/members/${owner.id}`, { role: 'boss' });
    expect(expectProblem(badRole, 400, 'validation').errors![0]!.path).toBe('role');
  });
});
