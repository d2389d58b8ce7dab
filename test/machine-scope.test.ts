/**
 * Site scope over every route keyed by a machine, whichever feature owns it: a site manager of
 * site A cannot read or change site B's machine, its bookings, rules, outages, tariffs, feeds or
 * quality data. A machine outside the caller's visibility does not exist for them (404); a list
 * or export filtered to it answers without any of site B's rows. One table, every route — a new
 * machine-keyed route belongs here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from './app.js';
import { bookingRules, makeNetwork, makeUser, PASSWORD } from './factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let mgrA: Session;
let mgrB: Session;
let kilnB: string;
let bookingB: string;
let characteristicId: string;
let productType: string;

const KILN_CODE = 'KLN-B-SECRET';
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

const RULES = bookingRules();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  await db
    .insertInto('site_opening_hours')
    .values(
      [1, 2, 3, 4, 5, 6].map((weekday) => ({
        site_id: b.siteId,
        weekday,
        opens: '08:00',
        closes: '16:00',
      })),
    )
    .execute();
  kilnB = (
    await db
      .insertInto('machines')
      .values({
        site_id: b.siteId,
        code: KILN_CODE,
        name: 'Kiln rahasia B',
        process: 'drying',
        capabilities: ['drying'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [email, siteId] of [
    ['mgr.a@example.test', a.siteId],
    ['mgr.b@example.test', b.siteId],
  ] as const)
    await makeUser(db, { email, role: 'site_manager', scopeType: 'site', scopeId: siteId });
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  mgrB = await login(t.app, 'mgr.b@example.test', PASSWORD);

  // Site B's own data on its machine: rules, a booking, a tariff.
  const asB = as(t.app, mgrB);
  const ok = async (p: ReturnType<typeof asB>, status: number) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  await ok(
    asB({ method: 'PUT', url: `/api/machines/${kilnB}/booking-rules`, payload: RULES }),
    200,
  );
  bookingB = (
    await ok(
      asB({
        method: 'POST',
        url: '/api/bookings',
        payload: {
          machineId: kilnB,
          memberOrgId: b.orgId,
          startsAt: at('2026-07-22', '09:00'),
          endsAt: at('2026-07-22', '11:00'),
        },
      }),
      201,
    )
  ).id;
  const ch = await db
    .selectFrom('characteristics')
    .select('id')
    .where('kind', '=', 'numeric')
    .executeTakeFirstOrThrow();
  characteristicId = ch.id;
  productType = (await db.selectFrom('product_types').select('code').executeTakeFirstOrThrow())
    .code;
});

afterAll(() => t.close());

type Req = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
  /** 404: the machine does not exist for the caller; 'no-rows': answered without B's data. */
  expect: 404 | 'no-rows';
};

function routes(): Req[] {
  const m = kilnB;
  const booking = {
    machineId: m,
    memberOrgId: a.orgId,
    startsAt: at('2026-07-23', '09:00'),
    endsAt: at('2026-07-23', '10:00'),
  };
  const from = encodeURIComponent(at('2026-07-20', '00:00'));
  const to = encodeURIComponent(at('2026-07-27', '00:00'));
  return [
    // Machine-keyed paths.
    { method: 'GET', url: `/api/machines/${m}/availability?from=${from}&to=${to}`, expect: 404 },
    { method: 'GET', url: `/api/machines/${m}/booking-rules`, expect: 404 },
    { method: 'PUT', url: `/api/machines/${m}/booking-rules`, payload: RULES, expect: 404 },
    {
      method: 'POST',
      url: `/api/machines/${m}/outages`,
      payload: {
        kind: 'breakdown',
        startsAt: at('2026-07-22', '08:00'),
        endsAt: at('2026-07-22', '16:00'),
        reason: 'x',
      },
      expect: 404,
    },
    { method: 'GET', url: `/api/machines/${m}/operators`, expect: 404 },
    { method: 'GET', url: `/api/machines/${m}/tariffs`, expect: 404 },
    {
      method: 'POST',
      url: `/api/machines/${m}/tariffs`,
      payload: {
        basis: 'per_hour',
        customerClass: 'member_micro',
        unitPrice: 1000,
        validFrom: '2026-08-01',
      },
      expect: 404,
    },
    // Machine ids in bodies.
    { method: 'POST', url: '/api/bookings', payload: booking, expect: 404 },
    { method: 'POST', url: '/api/bookings/check', payload: booking, expect: 404 },
    {
      method: 'POST',
      url: '/api/booking-series',
      payload: { ...booking, frequency: 'weekly', count: 2 },
      expect: 404,
    },
    {
      method: 'POST',
      url: '/api/waitlist',
      payload: {
        machineId: m,
        memberOrgId: a.orgId,
        windowStart: at('2026-07-22', '08:00'),
        windowEnd: at('2026-07-22', '16:00'),
        minutes: 60,
      },
      expect: 404,
    },
    { method: 'POST', url: '/api/calendar-feeds', payload: { machineId: m }, expect: 404 },
    {
      // An hour pack of site A bound to site B's machine.
      method: 'POST',
      url: '/api/hour-packs',
      payload: {
        siteId: a.siteId,
        memberOrgId: a.orgId,
        machineId: m,
        name: 'Paket 10 jam',
        hours: 10,
        price: 100_000,
        validFrom: '2026-08-01',
        validTo: '2026-12-31',
      },
      expect: 404,
    },
    // The machine's bookings, by their own ids.
    { method: 'GET', url: `/api/bookings/${bookingB}`, expect: 404 },
    { method: 'POST', url: `/api/bookings/${bookingB}/cancel`, payload: {}, expect: 404 },
    // Machine ids and other sites in filters.
    { method: 'GET', url: `/api/bookings?machineId=${m}`, expect: 'no-rows' },
    { method: 'GET', url: `/api/waitlist?machineId=${m}`, expect: 'no-rows' },
    { method: 'GET', url: `/api/equipment?siteId=${b.siteId}`, expect: 'no-rows' },
    {
      method: 'GET',
      url: `/api/exports/equipment?siteId=${b.siteId}&format=csv`,
      expect: 'no-rows',
    },
    {
      method: 'GET',
      url: `/api/spc?characteristicId=${characteristicId}&productType=${productType}&machineId=${m}`,
      expect: 404,
    },
    { method: 'GET', url: `/api/recall?machineId=${m}`, expect: 404 },
  ];
}

describe('machine scope across features', () => {
  it("a site manager of site A cannot reach site B's machine through any machine-keyed route", async () => {
    const before = await t.database.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    for (const req of routes()) {
      const { expect: want, ...call } = req;
      const res = await as(t.app, mgrA)(call);
      const label = `${req.method} ${req.url}`;
      if (want === 404) {
        if (res.statusCode !== 404) failures.push(`${label}: ${res.statusCode} ${res.body}`);
      } else if (
        res.statusCode !== 200 ||
        [kilnB, KILN_CODE, bookingB].some((secret) => res.body.includes(secret))
      ) {
        failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    // Nothing was written on the way: no booking, outage, series or rules change at site B.
    const after = await t.database.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const rules = await as(
      t.app,
      mgrB,
    )({ method: 'GET', url: `/api/machines/${kilnB}/booking-rules` });
    expect(rules.json()).toMatchObject({ maxMinutes: 480 });
  });

  it('the same routes answer site B’s own manager (the table is not vacuous)', async () => {
    for (const req of routes().filter((r) => r.method === 'GET' && r.expect === 404)) {
      const res = await as(t.app, mgrB)({ method: 'GET', url: req.url });
      expect(res.statusCode, `${req.url}: ${res.body}`).toBe(200);
    }
    const list = await as(t.app, mgrB)({ method: 'GET', url: `/api/bookings?machineId=${kilnB}` });
    expect(list.body).toContain(bookingB);
    const csv = await as(
      t.app,
      mgrB,
    )({ method: 'GET', url: `/api/exports/equipment?siteId=${b.siteId}&format=csv` });
    expect(csv.body).toContain(KILN_CODE);
    // Site A's manager may sell an hour pack — only not one bound to site B's machine.
    const pack = routes().find((r) => r.url === '/api/hour-packs')!;
    const own = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: pack.url, payload: { ...pack.payload, machineId: null } });
    expect(own.statusCode, own.body).toBe(201);
  });
});
