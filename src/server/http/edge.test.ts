import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../../test/app.js';
import { makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await makeUser(t.database.db, { email: 'edge@example.test' });
});
afterAll(() => t.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('the error envelope at the HTTP edge', () => {
  it('answers malformed JSON with 400 invalid_json, translated, and no stack trace', async () => {
    const res = await post('{"email": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'invalid_json', message: 'Isi permintaan bukan JSON yang valid.' },
    });
    expect(res.body).not.toMatch(/at .*\.js|stack/i);
  });

  it('lists every bad field with a translated message: wrong types, missing fields and unknown fields', async () => {
    const res = await post(JSON.stringify({ email: 42, extra: true }), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('The data sent is not valid. Check the marked fields.');
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        { path: 'email', code: 'invalid_type', message: 'Must be a text.' },
        { path: 'password', code: 'required', message: 'Required.' },
        { path: 'extra', code: 'unrecognized_key', message: 'Unknown field.' },
      ]),
    );
  });

  it('refuses an oversize body with 413 payload_too_large', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('answers an unknown API address with 404 route_not_found in the envelope', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'route_not_found', message: 'Unknown API address.' },
    });
  });

  it('answers a malformed bearer token with 401 token_invalid', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('token_invalid');
  });

  it('validates query strings and path parameters too', async () => {
    const s = await login(t.app, 'edge@example.test', PASSWORD);
    const q = await as(t.app, s)({ method: 'GET', url: '/api/audit?limit=100000' });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.fields[0]).toMatchObject({
      path: 'querystring.limit',
      code: 'too_big',
      message: 'Maksimal 200.',
    });
    const p = await as(t.app, s)({ method: 'DELETE', url: '/api/tokens/not-a-uuid' });
    expect(p.json().error.details.fields[0]).toMatchObject({
      path: 'params.id',
      message: 'ID tidak valid.',
    });
    const c = await as(t.app, s)({ method: 'GET', url: '/api/audit?cursor=garbage' });
    expect(c.json().error.code).toBe('invalid_cursor');
  });

  it("uses the user's language setting over Accept-Language once logged in", async () => {
    await makeUser(t.database.db, { email: 'english@example.test', locale: 'en' });
    const s = await login(t.app, 'english@example.test', PASSWORD);
    const res = await as(
      t.app,
      s,
    )({ method: 'GET', url: '/api/users', headers: { 'accept-language': 'id' } });
    expect(res.statusCode).toBe(200); // an administrator; now a forbidden one in Indonesian:
    const other = await createTestApp({ database: t.database });
    try {
      await makeUser(t.database.db, { email: 'buyer@example.test', role: 'programme_officer' });
      const b = await login(other.app, 'buyer@example.test', PASSWORD);
      const denied = await as(
        other.app,
        b,
      )({ method: 'GET', url: '/api/users', headers: { 'accept-language': 'en' } });
      expect(denied.json().error.message).toBe('Anda tidak memiliki izin untuk tindakan ini.');
    } finally {
      await other.app.close();
    }
  });
});

describe('platform routes', () => {
  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('serves the OpenAPI document and the docs UI publicly', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/api/auth/login'].post).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sets security headers (CSP without HTTPS upgrade, no sniffing)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).not.toContain(
      'upgrade-insecure-requests',
    );
  });
});

describe('the access log', () => {
  it('writes one line per request — method, path, status and time — without the credentials', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = await createTestApp({
      database: t.database,
      logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } },
    });
    try {
      const res = await logged.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: 'Bearer rpb_not-a-token', cookie: 'rpb_session=secret' },
      });
      expect(res.statusCode).toBe(401);
      const access = lines.filter((l) => l.msg === 'request completed');
      expect(access).toHaveLength(1);
      expect(lines.filter((l) => l.msg === 'incoming request')).toHaveLength(0);
      expect(access[0]).toMatchObject({
        level: 30,
        req: { method: 'GET', url: '/api/auth/me' },
        res: { statusCode: 401 },
        responseTime: expect.any(Number),
      });
      expect(JSON.stringify(lines)).not.toMatch(/not-a-token|secret/);
    } finally {
      await logged.close();
    }
  });
});
