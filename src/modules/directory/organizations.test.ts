import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, expectRefused, type TestApp, type TestClient } from '../../../test/helpers.ts';

type Signed = TestClient & { user: { id: string } };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describeEngines('organisations', (engine) => {
  let t: TestApp;
  let staff: Signed;
  let outsider: Signed; // a member who manages no organisation
  let editorOfA: Signed;
  let a: { id: string; name: string };
  let b: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    staff = await t.signedIn('staff');
    outsider = await t.signedIn('member');
    a = await t.createOrganization('가온 협동조합');
    b = await t.createOrganization('나래 사회적협동조합');
    const editor = await t.createUser();
    await t.addMember(a.id, editor.id, 'editor');
    // Signed in after the membership exists, so the session carries it.
    editorOfA = Object.assign(t.client(), { user: editor });
    expect((await editorOfA.login(editor.email, editor.password)).json().memberships).toEqual([{ organizationId: a.id, role: 'editor' }]);
  });
  afterAll(() => t.close());

  const view = async (id: string) => (await t.client().get(`/api/v1/organizations/${id}`)).json();
  const totalNamed = async (q: string) => (await t.client().get(`/api/v1/organizations?q=${encodeURIComponent(q)}`)).json().total as number;

  it('lets staff register an organisation that visitors then see', async () => {
    const res = await staff.post('/api/v1/organizations', { name: '  다솜 마을기업  ', nameEn: 'Dasom Village Enterprise' });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({ name: '다솜 마을기업', nameEn: 'Dasom Village Enterprise', status: 'operating', statusHistory: [], councils: [], isDemo: false });
    expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await view(o.id)).toEqual(o);
    const list = (await t.client().get(`/api/v1/organizations?q=${encodeURIComponent('다솜')}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([o.id]);
    expect(list.total).toBe(1);
  });

  it('names an empty name as the field at fault, in Korean and in English, and registers nothing', async () => {
    const before = (await t.client().get('/api/v1/organizations')).json().total;
    for (const name of ['', '   ']) {
      const ko = expectProblem(await staff.post('/api/v1/organizations', { name }), 400, 'validation');
      expect(ko.title).toBe('입력값이 올바르지 않습니다');
      expect(ko.errors!.map((e) => e.path)).toEqual(['name']);
      expect(ko.errors![0]!.messages.ko).toMatch(/[가-힣]/);
      expect(ko.errors![0]!.messages.en).toMatch(/[a-z]/i);
      const en = expectProblem(await staff.post('/api/v1/organizations', { name }, { 'accept-language': 'en' }), 400, 'validation');
      expect(en.title).toBe('The input is not valid');
      expect(en.errors).toEqual(ko.errors);
    }
    const missing = expectProblem(await staff.post('/api/v1/organizations', { nameEn: 'No Korean name' }), 400, 'validation');
    expect(missing.errors!.map((e) => e.path)).toEqual(['name']);
    expect((await t.client().get('/api/v1/organizations')).json().total).toBe(before);
  });

  it('lists and shows organisations to anonymous visitors', async () => {
    const list = await t.client().get('/api/v1/organizations?pageSize=200');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const one = await t.client().get(`/api/v1/organizations/${a.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: a.id, name: a.name });
  });

  it('answers 404 for an unknown id and 400 naming path.id for a malformed one', async () => {
    const missing = expectProblem(await t.client().get(`/api/v1/organizations/${UNKNOWN_ID}`), 404, 'not-found');
    expect(missing.messages).toEqual({ ko: '단체를 찾을 수 없습니다', en: 'Organisation not found' });
    expectProblem(await staff.patch(`/api/v1/organizations/${UNKNOWN_ID}`, { name: '없는 단체' }), 404, 'not-found');
    for (const res of [await t.client().get('/api/v1/organizations/not-a-uuid'), await staff.patch('/api/v1/organizations/not-a-uuid', { name: 'x' })]) {
      const bad = expectProblem(res, 400, 'validation');
      expect(bad.errors!.map((e) => e.path)).toEqual(['path.id']);
    }
  });

  it('refuses an edit of organisation B by a member without a role, an editor of A and a visitor, changing nothing', async () => {
    await expectRefused(
      t,
      { method: 'PATCH', url: `/api/v1/organizations/${b.id}`, body: { name: 'x' } },
      { wrongRole: outsider, wrongOrganization: editorOfA, anonymous: t.client() },
      () => view(b.id),
    );
    expect((await view(b.id)).name).toBe(b.name);
  });

  it('has an editor propose edits to their own organisation rather than make them', async () => {
    // Policy: only staff edit profiles directly; owners and editors go through a proposal.
    await expectRefused(t, { method: 'PATCH', url: `/api/v1/organizations/${a.id}`, body: { name: '가온 사회적협동조합' } }, { wrongRole: editorOfA }, () => view(a.id));
    const proposal = await editorOfA.post(`/api/v1/organizations/${a.id}/proposals`, { changes: { name: '가온 사회적협동조합' } });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect(proposal.json()).toMatchObject({ organizationId: a.id, status: 'pending', before: { name: a.name } });
    expect((await view(a.id)).name).toBe(a.name);
  });

  it('lets staff edit any organisation: only the fields sent change, null clears, search follows', async () => {
    const o = (await staff.post('/api/v1/organizations', { name: '라온 협동조합', nameEn: 'Raon Cooperative', phone: '02-111-2222' })).json();
    const res = await staff.patch(`/api/v1/organizations/${o.id}`, { name: '라온 사회적협동조합', nameEn: null });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json();
    expect(edited).toMatchObject({ id: o.id, name: '라온 사회적협동조합', nameEn: null, phone: '02-111-2222', createdAt: o.createdAt });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(o.updatedAt));
    expect(await view(o.id)).toEqual(edited);
    expect(await totalNamed('라온사회적')).toBe(1);
    expect(await totalNamed('Raon')).toBe(0);

    // Organisations staff did not create, and that have editors of their own, too.
    for (const org of [a, b]) {
      const r = await staff.patch(`/api/v1/organizations/${org.id}`, { description: '직원이 고친 소개' });
      expect(r.statusCode, r.body).toBe(200);
      expect((await view(org.id)).description).toBe('직원이 고친 소개');
    }
  });

  it('refuses an edit that changes nothing or empties the name', async () => {
    const before = await view(b.id);
    const empty = expectProblem(await staff.patch(`/api/v1/organizations/${b.id}`, {}), 400, 'validation');
    expect(empty.errors![0]!.messages).toEqual({ ko: '바꿀 내용이 없습니다', en: 'Nothing to change' });
    const blank = expectProblem(await staff.patch(`/api/v1/organizations/${b.id}`, { name: ' ' }), 400, 'validation');
    expect(blank.errors!.map((e) => e.path)).toEqual(['name']);
    expect(await view(b.id)).toEqual(before);
  });
});
