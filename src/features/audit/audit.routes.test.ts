import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who changed what, with before and after, in the same transaction as the change', async () => {
    const admin = await makeUser(t.database.db, { email: 'auditor@example.test' });
    const s = await login(t.app, 'auditor@example.test', PASSWORD);
    await as(t.app, s)({ method: 'PATCH', url: '/api/auth/me', payload: { name: 'Renamed' } });
    const res = await as(t.app, s)({ method: 'GET', url: '/api/audit?action=user.update' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      actorId: admin.id,
      actorLabel: 'auditor@example.test',
      action: 'user.update',
      entityType: 'user',
      entityId: admin.id,
      before: { name: admin.name, locale: 'id' },
      after: { name: 'Renamed', locale: 'id' },
    });
  });

  it('writes no audit row when the change itself is refused', async () => {
    await makeUser(t.database.db, { email: 'refused@example.test' });
    const s = await login(t.app, 'refused@example.test', PASSWORD);
    const before = await t.database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await as(
      t.app,
      s,
    )({
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'x@example.test',
        name: 'X',
        password: 'long enough pass',
        grants: [
          {
            role: 'site_manager',
            scopeType: 'site',
            scopeId: '00000000-0000-4000-8000-000000000000',
          },
        ],
      },
    });
    expect(res.json().error.code).toBe('grant_scope_not_found');
    const after = await t.database.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('filters by actor and pages with a cursor without repeating rows', async () => {
    await makeUser(t.database.db, { email: 'pager@example.test' });
    const s = await login(t.app, 'pager@example.test', PASSWORD);
    for (let i = 0; i < 5; i++) {
      t.clock.set(new Date(t.clock.now().getTime() + 1000));
      await as(t.app, s)({ method: 'PATCH', url: '/api/auth/me', payload: { name: `Name ${i}` } });
    }
    const first = (
      await as(t.app, s)({ method: 'GET', url: '/api/audit?actor=pager@&limit=3' })
    ).json();
    expect(first.items).toHaveLength(3);
    const second = (
      await as(
        t.app,
        s,
      )({ method: 'GET', url: `/api/audit?actor=pager@&limit=3&cursor=${first.nextCursor}` })
    ).json();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(6); // 5 updates + the login
    expect(second.nextCursor).toBeNull();
  });

  it('is for administrators only', async () => {
    const net = await makeNetwork(t.database.db);
    await makeUser(t.database.db, {
      email: 'mgr@example.test',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: net.siteId,
    });
    const s = await login(t.app, 'mgr@example.test', PASSWORD);
    expect((await as(t.app, s)({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });

  it('cannot be rewritten: the database refuses updates and deletes', async () => {
    await expect(
      sql`update audit_log set action = 'forged'`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
