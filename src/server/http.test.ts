import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEngines, expectProblem, type TestApp } from '../../test/helpers.ts';

describeEngines('HTTP platform', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz with the engine and every migration applied', async () => {
    const health = await t.client().get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    const ready = await t.client().get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', engine });
    expect(ready.json().migrations).toBeGreaterThanOrEqual(3);
  });

  it('serves an OpenAPI 3.1 document that describes the API routes, and a docs page', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/audit', '/api/v1/organizations/{id}', '/api/v1/me/tokens']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties.email).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
    const docs = await t.client().get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    const asset = await t.client().get('/api/docs/static/swagger-ui-bundle.js');
    expect(asset.statusCode).toBe(200);
  });

  it('sends security headers and echoes a sane request id', async () => {
    const res = await t.client().get('/healthz', { 'x-request-id': 'trace-123' });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const odd = await t.client().get('/healthz', { 'x-request-id': 'bad id with spaces <script>' });
    expect(odd.headers['x-request-id']).not.toContain('<');
  });

  it('answers unknown routes with a bilingual problem, in the language asked for', async () => {
    const ko = expectProblem(await t.client().get('/api/v1/nowhere'), 404, 'not-found');
    expect(ko.title).toBe('찾을 수 없습니다');
    const en = expectProblem(await t.client().get('/api/v1/nowhere', { 'accept-language': 'en-GB,en;q=0.9' }), 404, 'not-found');
    expect(en.title).toBe('Not found');
  });

  it('names every invalid field in Korean and English', async () => {
    const res = await t.client().post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', locale: 'fr' });
    const body = expectProblem(res, 400, 'validation');
    const paths = body.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['displayName', 'email', 'locale', 'password']);
    const pw = body.errors!.find((e) => e.path === 'password')!;
    expect(pw.messages.ko).toContain('10자');
    expect(pw.messages.en).toContain('10 characters');
  });

  it('names invalid query parameters with where they came from', async () => {
    const body = expectProblem(await t.client().get('/api/v1/organizations?pageSize=5000'), 400, 'validation');
    expect(body.errors!.map((e) => e.path)).toEqual(['query.pageSize']);
  });

  it('refuses malformed JSON, wrong media types and oversized bodies as problems', async () => {
    const c = t.client();
    const bad = await c.request('POST', '/api/v1/auth/login', '{"email":', { 'content-type': 'application/json' });
    expect(expectProblem(bad, 400, 'validation').errors![0]!.path).toBe('(body)');
    expectProblem(await c.request('POST', '/api/v1/auth/login', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    const huge = JSON.stringify({ email: 'a@b.kr', password: 'x'.repeat(t.config.bodyLimit) });
    expectProblem(await c.request('POST', '/api/v1/auth/login', huge, { 'content-type': 'application/json' }), 413, 'payload-too-large');
  });

  it('documents each problem type at its type URL', async () => {
    const res = await t.client().get('/problems/csrf-token-missing');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 403, title: { ko: expect.stringContaining('CSRF'), en: expect.stringContaining('CSRF') } });
  });
});
