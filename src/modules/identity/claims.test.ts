import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp } from '../../../test/helpers.ts';

describeEngines('asking to manage an organisation', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('lets a person claim an organisation; staff confirm and the person may then propose edits', async () => {
    const org = await t.createOrganization('주인 찾는 협동조합');
    const person = await t.signedIn('member');
    const staff = await t.signedIn('staff');
    const claim = await person.post(`/api/v1/organizations/${org.id}/claims`, { message: '이사장입니다' });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json()).toMatchObject({ status: 'pending', message: '이사장입니다', organizationId: org.id });
    expectProblem(await person.post(`/api/v1/organizations/${org.id}/claims`, {}), 409, 'conflict');
    expectProblem(await person.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { phone: '02-111-2222' } }), 403, 'forbidden');

    const queue = (await staff.get('/api/v1/membership-requests?status=pending')).json();
    expect(queue.items.find((r: { id: string }) => r.id === claim.json().id).user.email).toBe(person.user.email);
    expectProblem(await person.get('/api/v1/membership-requests'), 403, 'forbidden');
    expectProblem(await person.post(`/api/v1/membership-requests/${claim.json().id}/approve`, {}), 403, 'forbidden');

    const approved = (await staff.post(`/api/v1/membership-requests/${claim.json().id}/approve`, {})).json();
    expect(approved).toMatchObject({ status: 'approved', grantedRole: 'owner', decidedBy: staff.user.id });
    expectProblem(await staff.post(`/api/v1/membership-requests/${claim.json().id}/approve`, {}), 409, 'conflict');
    expect((await person.post(`/api/v1/organizations/${org.id}/proposals`, { changes: { phone: '02-111-2222' } })).statusCode).toBe(201);
    expectProblem(await person.post(`/api/v1/organizations/${org.id}/claims`, {}), 409, 'conflict');

    // A second claimant of an organisation that has an owner becomes an editor.
    const second = await t.signedIn('member');
    const c2 = (await second.post(`/api/v1/organizations/${org.id}/claims`, {})).json();
    expect((await staff.post(`/api/v1/membership-requests/${c2.id}/approve`, {})).json().grantedRole).toBe('editor');
  });

  it('refuses with a reason the claimant reads, and checks what it is given', async () => {
    const org = await t.createOrganization();
    const person = await t.signedIn('member');
    const staff = await t.signedIn('staff');
    const c = (await person.post(`/api/v1/organizations/${org.id}/claims`, {})).json();
    const noReason = expectProblem(await staff.post(`/api/v1/membership-requests/${c.id}/reject`, { reason: '' }), 400, 'validation');
    expect(noReason.errors![0]!.messages.ko).toContain('거절 사유');
    await staff.post(`/api/v1/membership-requests/${c.id}/reject`, { reason: '단체에 확인되지 않았습니다' });
    const mine = (await person.get('/api/v1/me/membership-requests')).json();
    expect(mine.items[0]).toMatchObject({ status: 'rejected', reason: '단체에 확인되지 않았습니다' });
    expect((await person.get(`/api/v1/auth/session`)).json().memberships).toEqual([]);
    expectProblem(await person.post('/api/v1/organizations/00000000-0000-4000-8000-000000000000/claims', {}), 404, 'not-found');
    expectProblem(await t.client().post(`/api/v1/organizations/${org.id}/claims`, {}), 401, 'unauthenticated');
  });
});
