import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let officerA: Session;
let mgrA: Session;
let machineA: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  await makeUser(t.database.db, { email: 'admin@example.test' });
  await makeUser(t.database.db, {
    email: 'officer.a@example.test',
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: a.programmeId,
  });
  await makeUser(t.database.db, {
    email: 'mgr.a@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  admin = await login(t.app, 'admin@example.test', PASSWORD);
  officerA = await login(t.app, 'officer.a@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  machineA = (
    await t.database.db
      .insertInto('machines')
      .values({
        site_id: a.siteId,
        code: 'KTL-1',
        name: 'Ketel',
        process: 'distillation',
        capabilities: ['distillation'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const invest = (s: Session, programmeId: string, body: Record<string, unknown>) =>
  as(
    t.app,
    s,
  )({ method: 'POST', url: `/api/programmes/${programmeId}/investments`, payload: body });

describe('programmes', () => {
  it('creates a programme and computes realisation as the sum of its investments', async () => {
    const created = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        code: 'RPB-DAK-2022',
        name: 'DAK Sragen 2022',
        fundingSource: 'dak',
        year: 2022,
        budget: 30_600_000_000,
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      realisation: 0,
      remaining: 30_600_000_000,
      realisationPercent: 0,
    });
    await invest(admin, id, {
      kind: 'building',
      description: 'Gedung hangar dan kantor',
      amount: 18_000_000_000,
      investedOn: '2022-12-15',
      siteId: a.siteId,
    });
    const m = await invest(admin, id, {
      kind: 'machine',
      description: 'Ketel suling',
      amount: 8_400_000_000,
      investedOn: '2022-11-01',
      machineId: machineA,
    });
    expect(m.statusCode).toBe(201);
    expect(m.json().investment).toMatchObject({ siteId: a.siteId, machineName: 'Ketel' });
    expect(m.json().programme).toMatchObject({
      realisation: 26_400_000_000,
      remaining: 4_200_000_000,
      investmentCount: 2,
    });
    const over = await invest(admin, id, {
      kind: 'training',
      description: 'Pelatihan',
      amount: 5_000_000_000,
      investedOn: '2023-01-10',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'investment_exceeds_budget',
      message: 'Investasi Rp5.000.000.000 melampaui sisa pagu program (Rp4.200.000.000).',
    });
    // The refused investment left realisation as it was.
    const after = await as(t.app, admin)({ method: 'GET', url: `/api/programmes/${id}` });
    expect(after.json().realisation).toBe(26_400_000_000);
    const list = (
      await as(t.app, admin)({ method: 'GET', url: `/api/programmes/${id}/investments?limit=1` })
    ).json();
    expect(list.items[0].investedOn).toBe('2022-12-15');
    const next = (
      await as(
        t.app,
        admin,
      )({
        method: 'GET',
        url: `/api/programmes/${id}/investments?limit=1&cursor=${list.nextCursor}`,
      })
    ).json();
    expect(next.items[0].investedOn).toBe('2022-11-01');
    expect(next.nextCursor).toBeNull();
    const lower = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/programmes/${id}`, payload: { budget: 20_000_000_000 } });
    expect(lower.json().error.code).toBe('budget_below_realisation');
    const ok = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/programmes/${id}`,
      payload: { budget: 27_000_000_000, description: 'Sragen' },
    });
    expect(ok.json()).toMatchObject({ budget: 27_000_000_000, realisationPercent: 97.8 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'programme')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual([
      'programme.create',
      'programme.investment_add',
      'programme.investment_add',
      'programme.update',
    ]);
  });

  it('refuses bad input with specific errors', async () => {
    const bad = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: { code: 'x y', name: '', fundingSource: 'bank', year: 1990, budget: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['budget', 'code', 'fundingSource', 'name', 'year']);
    const dup = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: { code: 'P-1', name: 'x', fundingSource: 'csr', year: 2025, budget: 1 },
    });
    expect(dup.json().error.code).toBe('programme_code_taken');
    const kind = await invest(admin, a.programmeId, {
      kind: 'building',
      description: 'x',
      amount: 1,
      investedOn: '2025-01-01',
      machineId: machineA,
    });
    expect(kind.json().error.code).toBe('investment_machine_kind');
    const mismatch = await invest(admin, a.programmeId, {
      kind: 'machine',
      description: 'x',
      amount: 1,
      investedOn: '2025-01-01',
      machineId: machineA,
      siteId: b.siteId,
    });
    expect(mismatch.json().error.code).toBe('investment_site_mismatch');
  });

  it('lets a programme officer read only their programme and never write; other roles are refused', async () => {
    const list = (await as(t.app, officerA)({ method: 'GET', url: '/api/programmes' })).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([a.programmeId]);
    expect(
      (await as(t.app, officerA)({ method: 'GET', url: `/api/programmes/${b.programmeId}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await as(
          t.app,
          officerA,
        )({ method: 'GET', url: `/api/programmes/${a.programmeId}/investments` })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await as(
          t.app,
          officerA,
        )({ method: 'PATCH', url: `/api/programmes/${a.programmeId}`, payload: { name: 'x' } })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await invest(officerA, a.programmeId, {
          kind: 'other',
          description: 'x',
          amount: 1,
          investedOn: '2025-01-01',
        })
      ).statusCode,
    ).toBe(403);
    expect((await as(t.app, mgrA)({ method: 'GET', url: '/api/programmes' })).statusCode).toBe(403);
  });

  it('filters by year and funding source', async () => {
    const items = (
      await as(t.app, admin)({ method: 'GET', url: '/api/programmes?fundingSource=dak&year=2022' })
    ).json().items;
    expect(items.map((p: { code: string }) => p.code)).toEqual(['RPB-DAK-2022']);
  });
});
