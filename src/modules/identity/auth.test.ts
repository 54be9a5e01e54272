import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp } from '../../../test/helpers.ts';

describeEngines('sign-up, sign-in and sessions', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { loginMaxFailures: 3, loginLockMinutes: 15 });
  });
  afterAll(() => t.close());

  it('signs a visitor up into a member account with an HttpOnly, SameSite session cookie', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/register', { email: 'New.Member@Example.KR', password: 'a good long password', displayName: '새 회원' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'new.member@example.kr', role: 'member', locale: 'ko' });
    const cookie = res.cookies.find((k) => k.name === 'sehub_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await c.get('/api/v1/auth/session')).json().user.email).toBe('new.member@example.kr');

    const again = await t.client().post('/api/v1/auth/register', { email: 'new.member@example.kr', password: 'another long password', displayName: '중복' });
    expect(expectProblem(again, 400, 'validation').errors![0]!.path).toBe('email');
  });

  it('signs in with the right password, case-insensitively on the e-mail, and refuses a wrong one', async () => {
    const u = await t.createUser();
    const ok = await t.client().login(u.email.toUpperCase(), u.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { id: u.id }, memberships: [], csrfToken: expect.any(String) });
    const wrong = await t.client().login(u.email, 'not the password');
    expect(expectProblem(wrong, 401, 'invalid-credentials').messages.ko).toContain('비밀번호');
    expect(wrong.cookies.find((k) => k.name === 'sehub_session')).toBeUndefined();
    // An unknown address gets exactly the same answer: no way to probe who has an account.
    const unknown = await t.client().login('nobody@example.kr', 'not the password');
    expect(unknown.json().type).toBe(wrong.json().type);
    expect(unknown.json().messages).toEqual(wrong.json().messages);
  });

  it('locks an account after repeated wrong passwords, even against the right one, until a reset', async () => {
    const u = await t.createUser();
    for (let i = 0; i < 2; i++) expectProblem(await t.client().login(u.email, 'wrong password'), 401, 'invalid-credentials');
    const third = await t.client().login(u.email, 'wrong password');
    expectProblem(third, 423, 'account-locked');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expectProblem(await t.client().login(u.email, u.password), 423, 'account-locked');

    // The mailed reset link unlocks it at once.
    expect((await t.client().post('/api/v1/auth/password-reset', { email: u.email })).statusCode).toBe(202);
    const token = new URL(/https?:\/\/\S+/.exec(t.mailer.last(u.email)!.text)![0]).searchParams.get('token')!;
    expect((await t.client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'a brand new password' })).statusCode).toBe(204);
    expect((await t.client().login(u.email, 'a brand new password')).statusCode).toBe(200);
  });

  it('resets the failure count after a successful sign-in', async () => {
    const u = await t.createUser();
    await t.client().login(u.email, 'wrong password');
    await t.client().login(u.email, 'wrong password');
    expect((await t.client().login(u.email, u.password)).statusCode).toBe(200);
    await t.client().login(u.email, 'wrong password');
    await t.client().login(u.email, 'wrong password');
    expect((await t.client().login(u.email, u.password)).statusCode).toBe(200);
  });

  it('signs out: the old cookie no longer opens the session', async () => {
    const c = await t.signedIn();
    const cookie = c.cookies.get('sehub_session')!;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await c.get('/api/v1/auth/session'), 401, 'unauthenticated');
    const replay = await t.client().get('/api/v1/auth/session', { cookie: `sehub_session=${cookie}` });
    expectProblem(replay, 401, 'unauthenticated');
  });

  it('refuses a cookie-authenticated mutation without the CSRF token, changing nothing', async () => {
    const c = await t.signedIn();
    const before = await t.auditCount();
    const none = await c.patch(`/api/v1/users/${c.user.id}`, { displayName: '바뀐 이름' }, { 'x-csrf-token': '' });
    expectProblem(none, 403, 'csrf-token-missing');
    const wrong = await c.patch(`/api/v1/users/${c.user.id}`, { displayName: '바뀐 이름' }, { 'x-csrf-token': 'forged-token-value' });
    expectProblem(wrong, 403, 'csrf-token-missing');
    expectProblem(await c.post('/api/v1/auth/logout', {}, { 'x-csrf-token': '' }), 403, 'csrf-token-missing');
    expect(await t.auditCount()).toBe(before);
    expect((await c.get(`/api/v1/users/${c.user.id}`)).json().displayName).toBe(c.user.displayName);
    // With the token the same request goes through.
    expect((await c.patch(`/api/v1/users/${c.user.id}`, { displayName: '바뀐 이름' })).json().displayName).toBe('바뀐 이름');
  });

  it('refuses sign-in and sign-up posted from another site', async () => {
    const u = await t.createUser();
    expectProblem(await t.client().post('/api/v1/auth/login', { email: u.email, password: u.password }, { origin: 'https://evil.example' }), 403, 'csrf-token-missing');
    expectProblem(await t.client().post('/api/v1/auth/login', { email: u.email, password: u.password }, { 'sec-fetch-site': 'cross-site' }), 403, 'csrf-token-missing');
    expect((await t.client().post('/api/v1/auth/login', { email: u.email, password: u.password }, { origin: 'http://localhost:80' })).statusCode).toBe(200);
  });

  it('changes a password: the current one is checked, other sessions end, this one stays', async () => {
    const u = await t.createUser();
    const here = t.client();
    await here.login(u.email, u.password);
    const elsewhere = t.client();
    await elsewhere.login(u.email, u.password);
    const wrong = await here.post('/api/v1/auth/password', { currentPassword: 'not it at all', newPassword: 'next password 2026' });
    expect(expectProblem(wrong, 400, 'validation').errors![0]!.path).toBe('currentPassword');
    expect((await here.post('/api/v1/auth/password', { currentPassword: u.password, newPassword: 'next password 2026' })).statusCode).toBe(204);
    expect((await here.get('/api/v1/auth/session')).statusCode).toBe(200);
    expectProblem(await elsewhere.get('/api/v1/auth/session'), 401, 'unauthenticated');
    expectProblem(await t.client().login(u.email, u.password), 401, 'invalid-credentials');
    expect((await t.client().login(u.email, 'next password 2026')).statusCode).toBe(200);
  });

  it('mails a reset link only to known addresses; the link works once and signs out everywhere', async () => {
    const u = await t.createUser();
    const signedIn = t.client();
    await signedIn.login(u.email, u.password);
    const sent = t.mailer.outbox.length;
    expect((await t.client().post('/api/v1/auth/password-reset', { email: 'stranger@example.kr' })).statusCode).toBe(202);
    expect(t.mailer.outbox.length).toBe(sent);
    expect((await t.client().post('/api/v1/auth/password-reset', { email: u.email })).statusCode).toBe(202);
    const mail = t.mailer.last(u.email)!;
    expect(mail.subject).toContain('비밀번호 재설정');
    const link = /https?:\/\/\S+/.exec(mail.text)![0];
    expect(link.startsWith(`${t.config.publicUrl}/reset-password?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;
    // The token is stored only as a hash.
    const stored = await sql<{ id: string }>`SELECT id FROM password_reset_tokens`.execute(t.database.db);
    expect(stored.rows.map((r) => r.id)).not.toContain(token);

    expect((await t.client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'reset password 2026' })).statusCode).toBe(204);
    expectProblem(await signedIn.get('/api/v1/auth/session'), 401, 'unauthenticated');
    const reused = await t.client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'another password 2026' });
    expect(expectProblem(reused, 400, 'validation').errors![0]!.path).toBe('token');
    expect((await t.client().login(u.email, 'reset password 2026')).statusCode).toBe(200);
  });

  it('refuses an expired reset link', async () => {
    const u = await t.createUser();
    await t.client().post('/api/v1/auth/password-reset', { email: u.email });
    const token = new URL(/https?:\/\/\S+/.exec(t.mailer.last(u.email)!.text)![0]).searchParams.get('token')!;
    await sql`UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = ${u.id}`.execute(t.database.db);
    const res = await t.client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'too late password' });
    expect(expectProblem(res, 400, 'validation').errors![0]!.messages.en).toMatch(/expired/);
  });

  it('keeps a disabled person out and ends their sessions', async () => {
    const admin = await t.signedIn('admin');
    const u = await t.createUser();
    const c = t.client();
    await c.login(u.email, u.password);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { disabled: true })).json().disabled).toBe(true);
    expectProblem(await c.get('/api/v1/auth/session'), 401, 'unauthenticated');
    expectProblem(await t.client().login(u.email, u.password), 401, 'invalid-credentials');
  });

  it('forgets sessions past their idle limit', async () => {
    const c = await t.signedIn();
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${c.user.id}`.execute(t.database.db);
    expectProblem(await c.get('/api/v1/auth/session'), 401, 'unauthenticated');
  });
});

describeEngines('sign-in rate limit and closed sign-up', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { loginRatePerMinute: 3, signupOpen: false });
  });
  afterAll(() => t.close());

  it('slows down repeated sign-in attempts from one address', async () => {
    const u = await t.createUser();
    for (let i = 0; i < 3; i++) expect((await t.client().login(u.email, 'wrong password')).statusCode).toBe(401);
    const limited = await t.client().login(u.email, u.password);
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses sign-up when the hub takes none, creating nobody', async () => {
    const t2 = await createTestApp(engine, { signupOpen: false });
    try {
      const res = await t2.client().post('/api/v1/auth/register', { email: 'late@example.kr', password: 'a good long password', displayName: '늦은 회원' });
      expectProblem(res, 403, 'forbidden');
      const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE email = 'late@example.kr'`.execute(t2.database.db);
      expect(n.rows[0]!.n).toBe(0);
    } finally {
      await t2.close();
    }
  });
});
