import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../../test/app.js';
import { makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in with the right password, sets an HttpOnly SameSite cookie and returns the user with roles', async () => {
    const u = await makeUser(t.database.db, { email: 'siti@example.test' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'SITI@example.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rpb_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user).toMatchObject({
      id: u.id,
      email: 'siti@example.test',
      grants: [{ role: 'administrator', scopeType: 'system' }],
    });
    expect(body.csrfToken).toEqual(expect.any(String));
    const hash = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(hash.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses a wrong password with a translated error in the envelope', async () => {
    await makeUser(t.database.db, { email: 'budi@example.test' });
    const id = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'budi@example.test', password: 'nope' },
    });
    expect(id.statusCode).toBe(401);
    expect(id.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'E-mail atau kata sandi salah.' },
    });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { email: 'budi@example.test', password: 'nope' },
    });
    expect(en.json().error.message).toBe('Wrong e-mail or password.');
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.test', password: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('locks the account after five wrong passwords, even for the right one, and records it in the audit log', async () => {
    const u = await makeUser(t.database.db, { email: 'locked@example.test' });
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'locked@example.test', password: 'wrong' },
      });
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'locked@example.test', password: 'wrong' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error).toMatchObject({
      code: 'account_locked',
      details: { retryAfterSeconds: 900, retryAfterMinutes: 15 },
    });
    expect(fifth.json().error.message).toContain('15 menit');
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'locked@example.test', password: PASSWORD },
    });
    expect(right.statusCode).toBe(423);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', u.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('user.locked');
    t.clock.set(new Date(t.clock.now().getTime() + 15 * 60_000));
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'locked@example.test', password: PASSWORD },
    });
    expect(later.statusCode).toBe(200);
  });

  it('refuses demo users unless the server runs in demo mode', async () => {
    await makeUser(t.database.db, { email: 'demo@example.test', isDemo: true });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'demo@example.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('demo_login_disabled');
    const demo = await createTestApp({ env: { RPB_DEMO: '1' }, database: t.database });
    try {
      const ok = await demo.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'demo@example.test', password: PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await demo.app.close();
    }
  });

  it('ends the session on logout, after which the cookie no longer works', async () => {
    await makeUser(t.database.db, { email: 'out@example.test' });
    const s = await login(t.app, 'out@example.test', PASSWORD);
    expect((await as(t.app, s)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, s)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    const after = await as(t.app, s)({ method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('session_expired');
  });

  it('answers 401 unauthenticated without a session, and a garbage cookie as an ended session', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(none.json().error.code).toBe('unauthenticated');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'rpb_session=forged' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('session_expired');
  });

  it('expires sessions after the configured number of days', async () => {
    await makeUser(t.database.db, { email: 'old@example.test' });
    const s = await login(t.app, 'old@example.test', PASSWORD);
    t.clock.set(new Date(t.clock.now().getTime() + 15 * 86_400_000));
    expect((await as(t.app, s)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After once a client exceeds the logins allowed per minute', async () => {
    const limited = await createTestApp({
      env: { RPB_LOGIN_RATE_LIMIT: '3' },
      database: t.database,
    });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'x@example.test', password: 'x' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json().error.code).toBe('rate_limited');
    } finally {
      await limited.app.close();
    }
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the CSRF header, and accepts it with the header', async () => {
    await makeUser(t.database.db, { email: 'csrf@example.test' });
    const s = await login(t.app, 'csrf@example.test', PASSWORD);
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
      payload: { name: 'X' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_invalid');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: s.cookie, 'x-csrf-token': 'nope' },
      payload: { name: 'X' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await as(
      t.app,
      s,
    )({ method: 'PATCH', url: '/api/auth/me', payload: { name: 'Siti Aminah', locale: 'en' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ name: 'Siti Aminah', locale: 'en' });
  });
});

describe('password change', () => {
  it('changes the password, ends other sessions, keeps this one and queues a notification e-mail', async () => {
    await makeUser(t.database.db, { email: 'pw@example.test' });
    const a = await login(t.app, 'pw@example.test', PASSWORD);
    const b = await login(t.app, 'pw@example.test', PASSWORD);
    const res = await as(
      t.app,
      a,
    )({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'a much longer secret' },
    });
    expect(res.statusCode).toBe(200);
    expect((await as(t.app, a)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, b)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await login(t.app, 'pw@example.test', 'a much longer secret');
    const mail = await t.database.db
      .selectFrom('outbox_messages')
      .select(['subject', 'status'])
      .where('to_address', '=', 'pw@example.test')
      .execute();
    expect(mail).toEqual([{ subject: 'RPB: kata sandi Anda telah diubah', status: 'pending' }]);
    expect(t.nudged).toContain('outbox.deliver');
  });

  it('refuses a wrong current password and a too-short new one, with field details', async () => {
    await makeUser(t.database.db, { email: 'pw2@example.test' });
    const s = await login(t.app, 'pw2@example.test', PASSWORD);
    const wrong = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope', newPassword: 'long enough pass' },
    });
    expect(wrong.json().error.code).toBe('wrong_current_password');
    const short = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({
      code: 'validation_failed',
      details: {
        fields: [{ path: 'newPassword', code: 'too_small', message: 'Minimal 10 karakter.' }],
      },
    });
  });
});

describe('API tokens', () => {
  it('creates a token shown once, authenticates with it as Bearer, and refuses it once revoked', async () => {
    await makeUser(t.database.db, { email: 'api@example.test' });
    const s = await login(t.app, 'api@example.test', PASSWORD);
    const created = await as(
      t.app,
      s,
    )({ method: 'POST', url: '/api/tokens', payload: { name: 'ERP koperasi' } });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^rpb_[A-Za-z0-9_-]{43}$/);
    const stored = await t.database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('api@example.test');
    // Bearer writes need no CSRF token: no browser attaches them automatically.
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${secret}` },
      payload: { name: 'Via token' },
    });
    expect(write.statusCode).toBe(200);
    expect(
      (await as(t.app, s)({ method: 'DELETE', url: `/api/tokens/${token.id}` })).statusCode,
    ).toBe(200);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('token_invalid');
  });

  it('keys stored hashes with RPB_SESSION_SECRET when set, so a database copy alone cannot check a token', async () => {
    const keyed = await createTestApp({
      env: { RPB_SESSION_SECRET: 'k'.repeat(40) },
      database: t.database,
    });
    try {
      await makeUser(t.database.db, { email: 'keyed@example.test' });
      const s = await login(keyed.app, 'keyed@example.test', PASSWORD);
      const { secret, token } = (
        await as(keyed.app, s)({ method: 'POST', url: '/api/tokens', payload: { name: 'k' } })
      ).json();
      const stored = await t.database.db
        .selectFrom('api_tokens')
        .select('token_hash')
        .where('id', '=', token.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(
        createHmac('sha256', 'k'.repeat(40)).update(secret).digest('hex'),
      );
      expect(
        (
          await keyed.app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { authorization: `Bearer ${secret}` },
          })
        ).statusCode,
      ).toBe(200);
      // The same token presented to a server with another key is refused.
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/auth/me',
            headers: { authorization: `Bearer ${secret}` },
          })
        ).statusCode,
      ).toBe(401);
    } finally {
      await keyed.app.close();
    }
  });

  it('refuses an expired token', async () => {
    await makeUser(t.database.db, { email: 'exp@example.test' });
    const s = await login(t.app, 'exp@example.test', PASSWORD);
    const { secret } = (
      await as(
        t.app,
        s,
      )({ method: 'POST', url: '/api/tokens', payload: { name: 'short', expiresInDays: 1 } })
    ).json();
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 86_400_000));
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.json().error.code).toBe('token_invalid');
  });
});

describe('users (administrators)', () => {
  it('lets an administrator create a user with a role, and forbids everyone else', async () => {
    await makeUser(t.database.db, { email: 'boss@example.test' });
    const s = await login(t.app, 'boss@example.test', PASSWORD);
    const created = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'new.officer@example.test',
        name: 'New Officer',
        password: 'long enough pass',
        grants: [{ role: 'programme_officer', scopeType: 'system' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const officer = await login(t.app, 'new.officer@example.test', 'long enough pass');
    const forbidden = await as(t.app, officer)({ method: 'GET', url: '/api/users' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const dup = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'new.officer@example.test',
        name: 'Again',
        password: 'long enough pass',
        grants: [{ role: 'administrator', scopeType: 'system' }],
      },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('email_taken');
  });

  it('refuses a role on the wrong kind of scope, and writes nothing', async () => {
    await makeUser(t.database.db, { email: 'boss2@example.test' });
    const s = await login(t.app, 'boss2@example.test', PASSWORD);
    const res = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'wrong.scope@example.test',
        name: 'W',
        password: 'long enough pass',
        grants: [{ role: 'site_manager', scopeType: 'system' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('grant_scope_mismatch');
    const row = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'wrong.scope@example.test')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
