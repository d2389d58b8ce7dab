/**
 * Factory sharing through the API, on a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL). Site in WITA (UTC+8), open Monday–Saturday 08:00–16:00; the clock starts
 * at Tuesday 21 July 2026 11:00 WITA (03:00 UTC).
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  idsInOnePage,
  idsPageByPage,
  login,
  NOW,
  type Session,
  type TestApp,
} from '../../../test/app.js';
import {
  bookingRules,
  makeMachine,
  makeNetwork,
  makeUser,
  PASSWORD,
} from '../../../test/factories.js';
import { Availability, Booking, OutageResult, WaitlistEntry } from './bookings.contract.js';
import { insertHoldingRowsAudited } from './bookings.repository.js';
import { bookingsTick } from './bookings.service.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let dryer: string;
let dryer2: string;
let retired: string;
let machineB: string;
let memberOrg2: string;
let admin: Session;
let mgrA: Session;
let opA: Session;
let mgrB: Session;
let member: Session;
let member2: Session;
let officer: Session;

/** 2026-07-22 is a Wednesday; times are WITA (+08:00). */
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
const WED = '2026-07-22';
const THU = '2026-07-23';

const machine = (
  siteId: string,
  code: string,
  status: 'active' | 'retired' = 'active',
  capabilities = ['drying'],
) => makeMachine(t.database.db, siteId, code, { status, capabilities });

const rules = bookingRules;

async function setRules(machineId: string, over: Record<string, unknown> = {}) {
  const res = await as(
    t.app,
    admin,
  )({
    method: 'PUT',
    url: `/api/machines/${machineId}/booking-rules`,
    payload: rules(over),
  });
  expect(res.statusCode, res.body).toBe(200);
}

const book = (s: Session, body: Record<string, unknown>, headers?: Record<string, string>) =>
  as(
    t.app,
    s,
  )({
    method: 'POST',
    url: '/api/bookings',
    payload: { machineId: dryer, memberOrgId: a.orgId, ...body },
    ...(headers ? { headers } : {}),
  });

/** POST /api/booking-series for the dryer and the member organisation unless the body says otherwise. */
const bookSeries = (s: Session, body: Record<string, unknown>) =>
  as(
    t.app,
    s,
  )({
    method: 'POST',
    url: '/api/booking-series',
    payload: { machineId: dryer, memberOrgId: a.orgId, ...body },
  });

/** The e-mails queued for an address, oldest first. */
const mailsTo = (address: string) =>
  t.database.db
    .selectFrom('outbox_messages')
    .select(['subject', 'body_text'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

const bookingCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  // A second member at site A, same programme.
  memberOrg2 = (
    await db
      .insertInto('organisations')
      .values({ kind: 'umkm', name: 'UMKM Dua' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: a.siteId, organisation_id: memberOrg2 },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  for (const site of [a.siteId, b.siteId]) {
    await db
      .insertInto('site_opening_hours')
      .values(
        [1, 2, 3, 4, 5, 6].map((weekday) => ({
          site_id: site,
          weekday,
          opens: '08:00',
          closes: '16:00',
        })),
      )
      .execute();
  }
  // Site B is in the same programme as A for "equivalent machine" alternatives.
  await db
    .updateTable('clusters')
    .set({ programme_id: a.programmeId })
    .where('id', '=', b.clusterId)
    .execute();
  await db
    .updateTable('sites')
    .set({ latitude: -8.35, longitude: 114.62 })
    .where('id', '=', a.siteId)
    .execute();
  await db
    .updateTable('sites')
    .set({ latitude: -8.45, longitude: 115.2 })
    .where('id', '=', b.siteId)
    .execute();
  await db
    .insertInto('site_holidays')
    .values({ site_id: a.siteId, date: '2026-08-17', name: 'Hari Kemerdekaan', kind: 'national' })
    .execute();
  dryer = await machine(a.siteId, 'DRY-01');
  dryer2 = await machine(a.siteId, 'DRY-02');
  retired = await machine(a.siteId, 'OLD-01', 'retired');
  machineB = await machine(b.siteId, 'DRY-B1');

  await makeUser(db, { email: 'root@example.test' });
  await makeUser(db, {
    email: 'mgr.a@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'op.a@example.test',
    name: 'Operator A',
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'mgr.b@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: b.siteId,
  });
  await makeUser(db, {
    email: 'member@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: a.orgId,
  });
  await makeUser(db, {
    email: 'member2@example.test',
    locale: 'en',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: memberOrg2,
  });
  await makeUser(db, {
    email: 'officer@example.test',
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: a.programmeId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  opA = await login(t.app, 'op.a@example.test', PASSWORD);
  mgrB = await login(t.app, 'mgr.b@example.test', PASSWORD);
  member = await login(t.app, 'member@example.test', PASSWORD);
  member2 = await login(t.app, 'member2@example.test', PASSWORD);
  officer = await login(t.app, 'officer@example.test', PASSWORD);
  for (const m of [dryer, dryer2, retired, machineB]) await setRules(m);
});

afterAll(() => t.close());

beforeEach(async () => {
  t.clock.set(NOW);
  await t.database.db.deleteFrom('waitlist_entries').execute();
  await t.database.db.updateTable('bookings').set({ displaced_by_outage_id: null }).execute();
  await t.database.db.deleteFrom('bookings').execute();
  await t.database.db.deleteFrom('booking_series').execute();
  await t.database.db.deleteFrom('outbox_messages').execute();
  await setRules(dryer);
});

describe('booking a machine', () => {
  it('books a free slot (201) and refuses an overlapping one with booking_conflict (409)', async () => {
    const ok = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '10:00') });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      status: 'confirmed',
      machineId: dryer,
      memberOrgId: a.orgId,
      startsAt: '2026-07-22T00:00:00.000Z',
      endsAt: '2026-07-22T02:00:00.000Z',
      timeZone: 'Asia/Makassar',
      mode: 'self',
    });
    // The audit log keeps what was booked, for whom and when (not the answer's display fields).
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'after'])
      .where('entity_id', '=', ok.json().id)
      .execute();
    expect(logged).toEqual([
      {
        action: 'booking.create',
        actor_user_id: expect.any(String),
        after: {
          machineId: dryer,
          machineCode: ok.json().machineCode,
          memberOrgId: a.orgId,
          memberName: ok.json().memberName,
          personId: null,
          mode: 'self',
          status: 'confirmed',
          startsAt: '2026-07-22T00:00:00.000Z',
          endsAt: '2026-07-22T02:00:00.000Z',
          notes: null,
        },
      },
    ]);
    const clash = await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '09:00'),
      endsAt: at(WED, '11:00'),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('booking_conflict');
    // member2 reads English: the message names the booked time in site time.
    expect(clash.json().error.message).toContain('already booked');
    expect(clash.json().error.message).toContain('2026-07-22 08:00');
    expect(clash.json().error.message).toContain('10:00 WITA');
    // Touching slots do not overlap ([start, end)).
    const touching = await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '10:00'),
      endsAt: at(WED, '11:00'),
    });
    expect(touching.statusCode, touching.body).toBe(201);
    expect(await bookingCount()).toBe(2);
  });

  it('refuses bad requests with a specific translated reason and writes nothing', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [
        { startsAt: at(WED, '10:00'), endsAt: at(WED, '09:00') },
        422,
        'booking_end_before_start',
        'Waktu selesai harus setelah waktu mulai.',
      ],
      [
        { startsAt: at(WED, '09:10'), endsAt: at(WED, '10:10') },
        422,
        'booking_off_grid',
        'kelipatan 30 menit',
      ],
      [
        { startsAt: at(WED, '15:00'), endsAt: at(WED, '17:00') },
        422,
        'booking_outside_hours',
        'di luar jam buka',
      ],
      [
        { startsAt: at('2026-07-26', '09:00'), endsAt: at('2026-07-26', '10:00') },
        422,
        'booking_outside_hours',
        'hari libur',
      ],
      [
        { startsAt: at('2026-08-17', '09:00'), endsAt: at('2026-08-17', '10:00') },
        422,
        'booking_outside_hours',
        'hari libur',
      ],
      [
        { startsAt: at('2026-07-21', '08:00'), endsAt: at('2026-07-21', '09:00') },
        422,
        'booking_in_past',
        'sudah lewat',
      ],
      [
        { startsAt: at('2026-07-21', '11:30'), endsAt: at('2026-07-21', '12:30') },
        422,
        'booking_lead_time',
        '60 menit sebelum',
      ],
      [
        { startsAt: at('2026-10-01', '09:00'), endsAt: at('2026-10-01', '10:00') },
        422,
        'booking_beyond_horizon',
        '60 hari',
      ],
      [
        { startsAt: at(WED, '08:00'), endsAt: at(WED, '16:30') },
        422,
        'booking_too_long',
        '480 menit',
      ],
      [
        { machineId: retired, startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') },
        422,
        'machine_retired',
        'pensiun',
      ],
      [
        { machineId: machineB, startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') },
        404,
        'machine_not_found',
        'Mesin tidak ditemukan.',
      ],
      [
        { memberOrgId: memberOrg2, startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') },
        403,
        'member_out_of_scope',
        'atas nama anggota',
      ],
      [
        {
          machineId: '00000000-0000-4000-8000-000000000000',
          startsAt: at(WED, '08:00'),
          endsAt: at(WED, '09:00'),
        },
        404,
        'machine_not_found',
        'Mesin tidak ditemukan.',
      ],
      [{ startsAt: '2026-07-22 08:00', endsAt: at(WED, '09:00') }, 400, 'validation_failed', ''],
    ];
    for (const [body, status, code, text] of cases) {
      const res = await book(member, body);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toContain(text);
    }
    expect(await bookingCount()).toBe(0);
  });

  it('a short booking, a quota and a qualification are checked per machine rules', async () => {
    await setRules(dryer, {
      minMinutes: 60,
      weeklyHours: { micro: 3, small: null, medium: null, large: null },
      qualificationRequired: true,
    });
    const short = await book(member, {
      mode: 'service',
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '08:30'),
    });
    expect(short.json().error.code).toBe('booking_too_short');
    // No qualification: self-operation refused; the operator service needs none.
    const self = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '10:00') });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('qualification_required');
    const service = await book(member, {
      mode: 'service',
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
    });
    expect(service.statusCode, service.body).toBe(201);
    // Unclassified member → the micro quota (3 h/week): 2 h used, 2 more refused.
    const over = await book(member, {
      mode: 'service',
      startsAt: at(THU, '08:00'),
      endsAt: at(THU, '10:00'),
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('booking_quota_exceeded');
    expect(over.json().error.message).toBe(
      'Kuota mesin ini 3 jam per minggu; minggu itu sudah terpakai 2 jam.',
    );
    // Next week is a new week.
    const next = await book(member, {
      mode: 'service',
      startsAt: at('2026-07-28', '08:00'),
      endsAt: at('2026-07-28', '10:00'),
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('site staff book on behalf of a member, ignoring the lead time; other sites cannot', async () => {
    const staff = await book(opA, {
      startsAt: at('2026-07-21', '11:30'),
      endsAt: at('2026-07-21', '12:30'),
    });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json().bookedBy).toBe('op.a@example.test');
    const other = await book(mgrB, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    expect(other.statusCode).toBe(404);
    const officerTry = await book(officer, {
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '09:00'),
    });
    expect(officerTry.statusCode).toBe(403);
  });

  it('the live check lists every problem and conflict without writing', async () => {
    await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    const res = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: '/api/bookings/check',
      payload: {
        machineId: dryer,
        memberOrgId: a.orgId,
        startsAt: at(WED, '08:30'),
        endsAt: at(WED, '17:00'),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.problems.map((p: { code: string }) => p.code)).toEqual([
      'booking_too_long',
      'booking_outside_hours',
    ]);
    expect(body.problems[0].message).toBe('Pemesanan mesin ini maksimal 480 menit.');
    expect(body.conflicts).toHaveLength(1);
    expect(await bookingCount()).toBe(1);
  });
});

describe('the API contract other systems script', () => {
  it('works with an API token: create, list by machine and range, cancel', async () => {
    const created = await as(
      t.app,
      opA,
    )({ method: 'POST', url: '/api/tokens', payload: { name: 'ERP koperasi' } });
    const auth = { authorization: `Bearer ${created.json().secret}` };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: auth,
      payload: {
        machineId: dryer,
        memberOrgId: a.orgId,
        startsAt: '2026-07-22T08:00:00+08:00',
        endsAt: '2026-07-22T09:30:00+08:00',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const clash = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: auth,
      payload: {
        machineId: dryer,
        memberOrgId: memberOrg2,
        startsAt: '2026-07-22T01:00:00Z',
        endsAt: '2026-07-22T02:00:00Z',
      },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('booking_conflict');
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/bookings?machineId=${dryer}&from=2026-07-22T00:00:00%2B08:00&to=2026-07-23T00:00:00%2B08:00`,
      headers: auth,
    });
    expect(list.json().items.map((b: { id: string }) => b.id)).toEqual([res.json().id]);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/bookings/${res.json().id}/cancel`,
      headers: auth,
    });
    expect(cancel.json().status).toBe('cancelled');
    const avail = await t.app.inject({
      method: 'GET',
      url: `/api/machines/${dryer}/availability?from=2026-07-22T00:00:00Z&to=2026-07-23T00:00:00Z`,
      headers: auth,
    });
    expect(avail.statusCode).toBe(200);
  });
});

describe('reading bookings and availability', () => {
  it('lists bookings by machine and range; members see only their own', async () => {
    await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '09:00'),
      endsAt: at(WED, '10:00'),
    });
    const q = `/api/bookings?machineId=${dryer}&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`;
    const staff = await as(t.app, mgrA)({ method: 'GET', url: q });
    expect(staff.json().items).toHaveLength(2);
    const own = await as(t.app, member)({ method: 'GET', url: q });
    expect(own.json().items.map((x: { memberOrgId: string }) => x.memberOrgId)).toEqual([a.orgId]);
    const outsider = await as(t.app, mgrB)({ method: 'GET', url: q });
    expect(outsider.json().items).toHaveLength(0);
    const id = staff.json().items[1].id;
    expect(
      (await as(t.app, member)({ method: 'GET', url: `/api/bookings/${id}` })).statusCode,
    ).toBe(404);
    expect((await as(t.app, mgrB)({ method: 'GET', url: `/api/bookings/${id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await as(t.app, officer)({ method: 'GET', url: `/api/bookings/${id}` })).statusCode,
    ).toBe(200);
  });

  it('availability: open hours minus bookings, on the grid, from now on', async () => {
    const booked = await book(member, { startsAt: at(WED, '09:00'), endsAt: at(WED, '10:30') });
    const res = await as(
      t.app,
      member2,
    )({
      method: 'GET',
      url: `/api/machines/${dryer}/availability?from=${encodeURIComponent(at('2026-07-21', '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Asia/Makassar');
    expect(body.open).toEqual([
      { startsAt: '2026-07-21T00:00:00.000Z', endsAt: '2026-07-21T08:00:00.000Z' },
      { startsAt: '2026-07-22T00:00:00.000Z', endsAt: '2026-07-22T08:00:00.000Z' },
    ]);
    // The answer is written without zod's per-item check (as bytes): it must still be the
    // contract's shape, and JSON like every other answer.
    expect(Availability.parse(body)).toEqual(body);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(body.busy).toEqual([
      {
        id: booked.json().id,
        startsAt: '2026-07-22T01:00:00.000Z',
        endsAt: '2026-07-22T02:30:00.000Z',
        kind: 'booking',
        status: 'confirmed',
        outageKind: null,
        mine: false,
      },
    ]);
    // The member who booked it sees it as theirs.
    const own = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/machines/${dryer}/availability?from=${encodeURIComponent(at('2026-07-21', '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
    });
    expect(own.json().busy.map((x: { mine: boolean }) => x.mine)).toEqual([true]);
    expect(body.free).toEqual([
      { startsAt: '2026-07-21T03:00:00.000Z', endsAt: '2026-07-21T08:00:00.000Z' },
      { startsAt: '2026-07-22T00:00:00.000Z', endsAt: '2026-07-22T01:00:00.000Z' },
      { startsAt: '2026-07-22T02:30:00.000Z', endsAt: '2026-07-22T08:00:00.000Z' },
    ]);
    const tooLong = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/machines/${dryer}/availability?from=2026-07-01T00:00:00Z&to=2026-10-01T00:00:00Z`,
    });
    expect(tooLong.json().error.code).toBe('range_too_long');
  });

  it('searches free capacity across the sites of the programme: by day of the earliest fit, then distance', async () => {
    // DRY-01 is busy all Wednesday; DRY-02 (same site) and DRY-B1 (other site, 64 km) are free.
    await book(opA, { startsAt: at(WED, '08:00'), endsAt: at(WED, '16:00') });
    const res = await as(
      t.app,
      admin,
    )({
      method: 'GET',
      url: `/api/capacity?capability=drying&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}&minutes=120&nearSiteId=${a.siteId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      machineCode: string;
      earliestStart: string;
      distanceKm: number | null;
    }[];
    expect(items.map((i) => i.machineCode)).toEqual(['DRY-02', 'DRY-B1']);
    expect(items[0]!.earliestStart).toBe('2026-07-22T00:00:00.000Z');
    expect(items[0]!.distanceKm).toBe(0);
    expect(items[1]!.distanceKm).toBeGreaterThan(60);
    expect(res.json().nearSiteId).toBe(a.siteId);
    // An administrator books for no organisation: "registered" does not apply.
    expect(res.json().items[0].registered).toBeNull();
    // A member searches every site of its programme; where it is not registered the answer says
    // so and names whom to ask, and booking there is still refused.
    await t.database.db
      .updateTable('sites')
      .set({
        contacts: JSON.stringify([
          { name: 'Ibu Komang', role: 'Manajer', phone: '+62 361 123456', email: 'b@example.test' },
        ]),
      })
      .where('id', '=', b.siteId)
      .execute();
    const mine = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/capacity?capability=drying&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    // Distances from the member's home site (A) by default.
    expect(mine.json().nearSiteId).toBe(a.siteId);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ machineCode: 'DRY-02', registered: true, contact: null }),
      expect.objectContaining({
        machineCode: 'DRY-B1',
        siteId: b.siteId,
        registered: false,
        contact: { name: 'Ibu Komang', phone: '+62 361 123456', email: 'b@example.test' },
      }),
    ]);
    const there = await book(member, {
      machineId: machineB,
      startsAt: at(WED, '10:00'),
      endsAt: at(WED, '12:00'),
    });
    // (To book, a machine at a site the member is not registered at does not exist.)
    expect(there.json().error.code).toBe('machine_not_found');
    // Distance is a real second criterion: near site B, DRY-B1 free from 10:00 comes before
    // DRY-02 free from 08:00 the same day, 64 km away.
    await book(mgrB, {
      machineId: machineB,
      memberOrgId: b.orgId,
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
    });
    const nearB = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/capacity?capability=drying&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}&nearSiteId=${b.siteId}`,
    });
    expect(nearB.json().nearSiteId).toBe(b.siteId);
    expect(
      nearB
        .json()
        .items.map((i: { machineCode: string; earliestStart: string }) => [
          i.machineCode,
          i.earliestStart,
        ]),
    ).toEqual([
      ['DRY-B1', '2026-07-22T02:00:00.000Z'],
      ['DRY-02', '2026-07-22T00:00:00.000Z'],
    ]);
    // Site staff without a chosen site: distances from their own site.
    const staff = await as(
      t.app,
      mgrB,
    )({
      method: 'GET',
      url: `/api/capacity?capability=drying&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
    });
    expect(staff.json().nearSiteId).toBe(b.siteId);
    // A site in another programme stays out of the member's search.
    await t.database.db
      .updateTable('clusters')
      .set({ programme_id: b.programmeId })
      .where('id', '=', b.clusterId)
      .execute();
    try {
      const own = await as(
        t.app,
        member,
      )({
        method: 'GET',
        url: `/api/capacity?capability=drying&from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
      });
      expect(own.json().items.map((i: { machineCode: string }) => i.machineCode)).toEqual([
        'DRY-02',
      ]);
    } finally {
      await t.database.db
        .updateTable('clusters')
        .set({ programme_id: a.programmeId })
        .where('id', '=', b.clusterId)
        .execute();
    }
  });
});

describe('the life of a booking', () => {
  it('approval: requested → approved, with e-mails to staff and member', async () => {
    await setRules(dryer, { approvalRequired: true });
    const req = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    expect(req.json().status).toBe('requested');
    const mails = await t.database.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject'])
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'member@example.test',
      'mgr.a@example.test',
      'op.a@example.test',
    ]);
    expect(t.nudged).toContain('outbox.deliver');
    // A member cannot approve its own request.
    const self = await as(
      t.app,
      member,
    )({ method: 'POST', url: `/api/bookings/${req.json().id}/approve` });
    expect(self.statusCode).toBe(403);
    const ok = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: `/api/bookings/${req.json().id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('confirmed');
    const again = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: `/api/bookings/${req.json().id}/approve` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('booking_action_not_allowed');
    const approved = await mailsTo('member@example.test');
    expect(approved.map((m) => m.subject)).toContain(
      'Pemesanan disetujui: Pengering DRY-01 (Site ' +
        approved[0]!.subject.split('(Site ')[1]!.split(')')[0] +
        ')',
    );
  });

  it('rejection needs a reason and frees the slot', async () => {
    await setRules(dryer, { approvalRequired: true });
    const req = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    const noReason = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: `/api/bookings/${req.json().id}/reject`, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const rej = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/bookings/${req.json().id}/reject`,
      payload: { reason: 'Mesin dipakai uji coba' },
    });
    expect(rej.json()).toMatchObject({
      status: 'rejected',
      decisionReason: 'Mesin dipakai uji coba',
    });
    const again = await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '09:00'),
    });
    expect(again.json().status).toBe('requested');
  });

  it('check-in and check-out record actual times; an early check-out frees the rest', async () => {
    const res = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '12:00') });
    const id = res.json().id;
    t.clock.set(at(WED, '07:00'));
    const early = await as(t.app, member)({ method: 'POST', url: `/api/bookings/${id}/check-in` });
    expect(early.json().error.code).toBe('check_in_too_early');
    t.clock.set(at(WED, '08:05'));
    const inn = await as(t.app, opA)({ method: 'POST', url: `/api/bookings/${id}/check-in` });
    expect(inn.json()).toMatchObject({
      status: 'checked_in',
      checkedInAt: '2026-07-22T00:05:00.000Z',
    });
    t.clock.set(at(WED, '10:00'));
    const out = await as(t.app, member)({ method: 'POST', url: `/api/bookings/${id}/check-out` });
    expect(out.json()).toMatchObject({
      status: 'completed',
      checkedOutAt: '2026-07-22T02:00:00.000Z',
    });
    const rest = await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: '/api/bookings',
      payload: {
        machineId: dryer,
        memberOrgId: memberOrg2,
        startsAt: at(WED, '10:30'),
        endsAt: at(WED, '12:00'),
      },
    });
    expect(rest.statusCode, rest.body).toBe(201);
  });

  it('checking in a booking that names a worker records the use of the worker’s qualification', async () => {
    const db = t.database.db;
    const person = await db
      .insertInto('people')
      .values({ organisation_id: a.orgId, name: 'Wayan Sudarma', role: 'worker' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const q = await db
      .insertInto('qualifications')
      .values({
        person_id: person.id,
        machine_type: 'drying',
        site_id: a.siteId,
        granted_by_label: 'test',
        granted_on: '2026-03-02',
        last_used_on: '2026-04-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lastUsed = async () => {
      const v: unknown = (
        await db
          .selectFrom('qualifications')
          .select('last_used_on')
          .where('id', '=', q.id)
          .executeTakeFirstOrThrow()
      ).last_used_on;
      // A date column (TZ=UTC in tests): its calendar date.
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    };
    // Without a named worker nothing is recorded.
    const anonymous = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    const named = await book(member, {
      startsAt: at(WED, '09:00'),
      endsAt: at(WED, '10:00'),
      personId: person.id,
    });
    expect(named.statusCode, named.body).toBe(201);
    t.clock.set(at(WED, '07:50'));
    await as(t.app, opA)({ method: 'POST', url: `/api/bookings/${anonymous.json().id}/check-in` });
    expect(await lastUsed()).toBe('2026-04-01');
    t.clock.set(at(WED, '08:55'));
    const inn = await as(
      t.app,
      opA,
    )({ method: 'POST', url: `/api/bookings/${named.json().id}/check-in` });
    expect(inn.json()).toMatchObject({ status: 'checked_in', personName: 'Wayan Sudarma' });
    // The site's day (WITA), not the UTC one.
    expect(await lastUsed()).toBe('2026-07-22');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', q.id)
      .execute();
    expect(audit.map((r) => r.action)).toContain('qualification.use');
    // The member checking in its own booking counts as a use too (no staff rights needed).
    const tomorrow = await book(member, {
      startsAt: at(THU, '09:00'),
      endsAt: at(THU, '10:00'),
      personId: person.id,
    });
    expect(tomorrow.statusCode, tomorrow.body).toBe(201);
    t.clock.set(at(THU, '08:55'));
    const own = await as(
      t.app,
      member,
    )({ method: 'POST', url: `/api/bookings/${tomorrow.json().id}/check-in` });
    expect(own.statusCode, own.body).toBe(200);
    expect(await lastUsed()).toBe(THU);
  });

  it('a booking not checked in after the grace period becomes a no-show and its rest is released', async () => {
    const res = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '12:00') });
    t.clock.set(at(WED, '08:20'));
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ noShows: 0 });
    t.clock.set(at(WED, '08:31'));
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ noShows: 1 });
    const after = await as(t.app, member)({ method: 'GET', url: `/api/bookings/${res.json().id}` });
    expect(after.json()).toMatchObject({ status: 'no_show' });
    const summary = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/bookings/summary?memberOrgId=${a.orgId}` });
    expect(summary.json().noShows90Days).toBe(1);
    const reuse = await book(opA, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '09:00'),
      endsAt: at(WED, '12:00'),
    });
    expect(reuse.statusCode, reuse.body).toBe(201);
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ noShows: 0 });
  });

  it('reminders go out once, a day ahead', async () => {
    await book(member, { startsAt: at(WED, '09:00'), endsAt: at(WED, '10:00') });
    await book(member, { startsAt: at('2026-07-24', '09:00'), endsAt: at('2026-07-24', '10:00') });
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ reminders: 1 });
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ reminders: 0 });
    const mail = await mailsTo('member@example.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('Rabu, 22 Juli 2026 09.00–10.00 WITA');
  });

  it('cancelling: members cancel their own, not others; cancelled time is bookable again', async () => {
    const mine = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    const other = await as(
      t.app,
      member2,
    )({ method: 'POST', url: `/api/bookings/${mine.json().id}/cancel` });
    expect(other.statusCode).toBe(404);
    const res = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/bookings/${mine.json().id}/cancel`,
      payload: { reason: 'Bahan belum siap' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Bahan belum siap' });
    const rebook = await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '09:00'),
    });
    expect(rebook.statusCode).toBe(201);
  });
});

describe('recurring bookings', () => {
  it('checks every occurrence: a conflict refuses the series unless skipped, and the answer lists it', async () => {
    // Something already on the third Wednesday.
    await book(member2, {
      memberOrgId: memberOrg2,
      startsAt: at('2026-08-05', '09:00'),
      endsAt: at('2026-08-05', '10:00'),
    });
    const body = {
      machineId: dryer,
      memberOrgId: a.orgId,
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
      frequency: 'weekly',
      count: 4,
    };
    const refused = await bookSeries(member, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('series_conflicts');
    expect(refused.json().error.message).toContain('1 dari 4');
    expect(await bookingCount()).toBe(1);
    const skipped = await bookSeries(member, { ...body, skipConflicts: true });
    expect(skipped.statusCode, skipped.body).toBe(201);
    const r = skipped.json();
    expect(r.booked.map((x: { startsAt: string }) => x.startsAt)).toEqual([
      '2026-07-22T00:00:00.000Z',
      '2026-07-29T00:00:00.000Z',
      '2026-08-12T00:00:00.000Z',
    ]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0].startsAt).toBe('2026-08-05T00:00:00.000Z');
    expect(r.skipped[0].problems[0].code).toBe('booking_conflict');
    // Until a date, daily, skipping the Sunday and the holiday-free days only.
    const daily = await bookSeries(member, {
      ...body,
      machineId: dryer2,
      frequency: 'daily',
      count: null,
      until: '2026-07-27',
      skipConflicts: true,
    });
    expect(daily.json().booked).toHaveLength(5); // Wed, Thu, Fri, Sat, Mon
    expect(
      daily.json().skipped.map((s: { problems: { code: string }[] }) => s.problems[0]!.code),
    ).toEqual(['booking_outside_hours']);
    // Cancel the rest of the first series from the second occurrence on.
    const cancel = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/booking-series/${r.seriesId}/cancel`,
      payload: { from: '2026-07-29T00:00:00Z' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().cancelled).toHaveLength(2);
  });

  it('one occurrence alone, or the rest of a series from one on — past 1,000 occurrences', async () => {
    const db = t.database.db;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'member@example.test')
      .executeTakeFirstOrThrow();
    // Longer than any series the API makes (366), written directly: 1,005 half hours (the old
    // single read stopped at 1,001 rows).
    const first = Date.parse(at(WED, '00:00'));
    const { id: seriesId } = await db
      .insertInto('booking_series')
      .values({
        machine_id: dryer2,
        member_org_id: a.orgId,
        frequency: 'daily',
        interval: 1,
        until_date: '2029-12-31',
        first_starts_at: new Date(first),
        first_ends_at: new Date(first + 30 * 60_000),
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('bookings')
      .values(
        Array.from({ length: 1005 }, (_, i) => ({
          machine_id: dryer2,
          kind: 'booking' as const,
          status: 'confirmed' as const,
          starts_at: new Date(first + i * 30 * 60_000),
          ends_at: new Date(first + (i + 1) * 30 * 60_000),
          member_org_id: a.orgId,
          mode: 'self' as const,
          series_id: seriesId,
          booked_by: user.id,
          booked_by_label: 'member@example.test',
        })),
      )
      .execute();
    const ids = (
      await db
        .selectFrom('bookings')
        .select('id')
        .where('series_id', '=', seriesId)
        .orderBy('starts_at')
        .execute()
    ).map((r) => r.id);
    // One occurrence: a plain cancel of that booking; the series goes on.
    const one = await as(
      t.app,
      member,
    )({ method: 'POST', url: `/api/bookings/${ids[1]}/cancel`, payload: {} });
    expect(one.json()).toMatchObject({ status: 'cancelled', seriesId });
    // The rest from the fourth occurrence on: 1,002 bookings; the first and third stay.
    const rest = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/booking-series/${seriesId}/cancel`,
      payload: { from: new Date(first + 3 * 30 * 60_000).toISOString(), reason: 'Panen selesai' },
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().cancelled).toHaveLength(1002);
    const left = await db
      .selectFrom('bookings')
      .select(['id', 'status'])
      .where('series_id', '=', seriesId)
      .where('status', '!=', 'cancelled')
      .execute();
    expect(left.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
  }, 120_000);

  it('cancelling the rest of a series audits each occurrence as a cancel would, settles its offers and leaves earlier ones alone', async () => {
    const db = t.database.db;
    const made = await bookSeries(member, {
      machineId: dryer2,
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '09:00'),
      frequency: 'daily',
      count: 40,
      skipConflicts: true,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { seriesId, booked } = made.json() as { seriesId: string; booked: { id: string }[] };
    expect(booked.length).toBeGreaterThan(30);
    const ids = booked.map((x) => x.id);
    // One occurrence still a request, one an offer held for a wait-listed member (as if it had
    // been offered to them): each is audited from its own status, and the offer is settled.
    await db
      .updateTable('bookings')
      .set({ status: 'requested' })
      .where('id', '=', ids[6]!)
      .execute();
    await db
      .updateTable('bookings')
      .set({ status: 'offered', offer_expires_at: new Date(Date.parse(at(WED, '07:00'))) })
      .where('id', '=', ids[7]!)
      .execute();
    const { id: entryId } = await db
      .insertInto('waitlist_entries')
      .values({
        machine_id: dryer2,
        member_org_id: memberOrg2,
        window_start: new Date(Date.parse(at(WED, '08:00'))),
        window_end: new Date(Date.parse(at('2026-08-31', '16:00'))),
        minutes: 60,
        status: 'offered',
        offer_booking_id: ids[7]!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const from = (made.json().booked[5] as { startsAt: string }).startsAt;
    const res = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/booking-series/${seriesId}/cancel`,
      payload: { from, reason: 'Pesanan batal' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cancelled = res.json().cancelled as Booking[];
    // The answer: every occurrence from the sixth on, in start order, as GET reads each.
    expect(cancelled.map((x) => x.id)).toEqual(ids.slice(5));
    for (const x of cancelled) {
      expect(() => Booking.parse(x)).not.toThrow();
      expect(x).toMatchObject({ status: 'cancelled', cancelReason: 'Pesanan batal', seriesId });
    }
    const got = await as(t.app, member)({ method: 'GET', url: `/api/bookings/${ids[10]}` });
    expect(cancelled[5]).toEqual(got.json());
    // Earlier occurrences are untouched.
    const rows = await db
      .selectFrom('bookings')
      .select(['id', 'status', 'cancelled_by', 'cancelled_at'])
      .where('series_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
    expect(rows.slice(0, 5).map((r) => [r.status, r.cancelled_at])).toEqual(
      Array.from({ length: 5 }, () => ['confirmed', null]),
    );
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'member@example.test')
      .executeTakeFirstOrThrow();
    expect(new Set(rows.slice(5).map((r) => `${r.status} ${r.cancelled_by}`))).toEqual(
      new Set([`cancelled ${user.id}`]),
    );
    // One audit row per cancelled occurrence, in start order, before the series' own row.
    const audit = await db
      .selectFrom('audit_log')
      .select(['id', 'action', 'entity_id', 'before', 'after', 'actor_user_id'])
      .where((eb) =>
        eb.or([
          eb('entity_id', 'in', ids),
          eb.and([eb('entity_type', '=', 'booking_series'), eb('entity_id', '=', seriesId)]),
        ]),
      )
      .where('action', 'in', ['booking.cancel', 'booking_series.cancel'])
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.entity_id)).toEqual([...ids.slice(5), seriesId]);
    expect(audit.map((r) => r.before)).toEqual([
      { status: 'confirmed' },
      { status: 'requested' },
      { status: 'offered' },
      ...ids.slice(8).map(() => ({ status: 'confirmed' })),
      null,
    ]);
    for (const r of audit.slice(0, -1)) {
      expect(r).toMatchObject({ action: 'booking.cancel', actor_user_id: user.id });
      expect(r.after).toEqual({ status: 'cancelled', reason: 'Pesanan batal' });
    }
    expect(audit.at(-1)!.after).toEqual({ from, cancelled: ids.slice(5) });
    // The offer is settled as cancelling it alone would.
    const entry = await db
      .selectFrom('waitlist_entries')
      .select('status')
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe('cancelled');
    // One notice to the member, of the first cancelled occurrence.
    const mail = (await mailsTo('member@example.test')).filter((m) => m.subject.includes('batal'));
    expect(mail).toHaveLength(1);
  });

  it('cancelling the rest of a series offers a freed occurrence to the wait list, not earlier ones', async () => {
    const made = await bookSeries(member, {
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
      frequency: 'weekly',
      count: 4,
    });
    expect(made.statusCode, made.body).toBe(201);
    const wait = (date: string, minutes: number) =>
      as(
        t.app,
        member2,
      )({
        method: 'POST',
        url: '/api/waitlist',
        payload: {
          machineId: dryer,
          memberOrgId: memberOrg2,
          windowStart: at(date, '08:00'),
          windowEnd: at(date, '10:00'),
          minutes,
        },
      });
    const early = await wait(WED, 60);
    const later = await wait('2026-08-05', 120);
    expect(later.statusCode, later.body).toBe(201);
    const res = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/booking-series/${made.json().seriesId}/cancel`,
      payload: { from: '2026-07-29T00:00:00Z' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cancelled).toHaveLength(3);
    const list = await as(
      t.app,
      member2,
    )({ method: 'GET', url: `/api/waitlist?machineId=${dryer}` });
    const byId = new Map(
      (list.json().items as { id: string; status: string; offer: unknown }[]).map((i) => [i.id, i]),
    );
    expect(byId.get(early.json().id)).toMatchObject({ status: 'waiting' });
    expect(byId.get(later.json().id)).toMatchObject({
      status: 'offered',
      offer: {
        status: 'offered',
        startsAt: '2026-08-05T00:00:00.000Z',
        endsAt: '2026-08-05T02:00:00.000Z',
      },
    });
    const offerMail = await mailsTo('member2@example.test');
    expect(offerMail.map((m) => m.subject)).toContain(
      'A slot is free: Pengering DRY-01 (' + res.json().cancelled[0].siteName + ')',
    );
  });

  it('a series of more than one occurrence without until or count is refused', async () => {
    const res = await bookSeries(member, {
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
      frequency: 'weekly',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('the wait list', () => {
  it('offers freed time to the first in line; an expired offer moves to the next; accepting books it', async () => {
    const held = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '16:00') });
    const window = {
      machineId: dryer,
      windowStart: at(WED, '08:00'),
      windowEnd: at(WED, '16:00'),
      minutes: 120,
    };
    const first = await as(
      t.app,
      member2,
    )({ method: 'POST', url: '/api/waitlist', payload: { ...window, memberOrgId: memberOrg2 } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'waiting',
      position: 1,
      timeZone: 'Asia/Makassar',
    });
    expect(() => WaitlistEntry.parse(first.json())).not.toThrow();
    const dup = await as(
      t.app,
      member2,
    )({ method: 'POST', url: '/api/waitlist', payload: { ...window, memberOrgId: memberOrg2 } });
    expect(dup.json().error.code).toBe('waitlist_duplicate');
    const second = await as(
      t.app,
      opA,
    )({ method: 'POST', url: '/api/waitlist', payload: { ...window, memberOrgId: a.orgId } });
    expect(second.json().position).toBe(2);

    await as(t.app, member)({ method: 'POST', url: `/api/bookings/${held.json().id}/cancel` });
    const list = await as(
      t.app,
      member2,
    )({ method: 'GET', url: `/api/waitlist?machineId=${dryer}` });
    const entry = list.json().items[0];
    expect(entry.status).toBe('offered');
    expect(entry.offer).toMatchObject({
      status: 'offered',
      startsAt: '2026-07-22T00:00:00.000Z',
      endsAt: '2026-07-22T02:00:00.000Z',
    });
    const offerMail = await mailsTo('member2@example.test');
    expect(offerMail.map((m) => m.subject)).toContain(
      'A slot is free: Pengering DRY-01 (' + entry.offer.siteName + ')',
    );
    // The offer holds the slot: nobody else can book it.
    const grab = await book(opA, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    expect(grab.statusCode).toBe(409);

    // It expires after 2 hours; the next in line gets it.
    t.clock.set('2026-07-21T05:00:00Z');
    expect(await bookingsTick(t.database.db, t.clock.now())).toMatchObject({ expired: 1 });
    const after = await as(
      t.app,
      admin,
    )({ method: 'GET', url: `/api/waitlist?machineId=${dryer}` });
    expect(
      after
        .json()
        .items.map((i: { memberOrgId: string; status: string }) => [i.memberOrgId, i.status]),
    ).toEqual([[a.orgId, 'offered']]);
    const offerId = after.json().items[0].offer.id;
    const accepted = await as(
      t.app,
      member,
    )({ method: 'POST', url: `/api/bookings/${offerId}/accept` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('confirmed');
    const done = await as(t.app, admin)({ method: 'GET', url: `/api/waitlist?machineId=${dryer}` });
    expect(done.json().items).toHaveLength(0);
  });
});

describe('outages', () => {
  it('lists the bookings an outage displaces, notifies them and proposes equivalent machines', async () => {
    const hit = await book(member, { startsAt: at(WED, '09:00'), endsAt: at(WED, '11:00') });
    await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: '/api/bookings',
      payload: {
        machineId: dryer2,
        memberOrgId: memberOrg2,
        startsAt: at(WED, '08:00'),
        endsAt: at(WED, '12:00'),
      },
    });
    const res = await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: `/api/machines/${dryer}/outages`,
      payload: {
        kind: 'breakdown',
        startsAt: at(WED, '08:00'),
        endsAt: at(WED, '16:00'),
        reason: 'Elemen pemanas rusak',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.outage).toMatchObject({
      kind: 'outage',
      outageKind: 'breakdown',
      status: 'confirmed',
    });
    expect(body.affected).toHaveLength(1);
    expect(body.affected[0].booking).toMatchObject({ id: hit.json().id, status: 'cancelled' });
    const alts = body.affected[0].alternatives;
    // DRY-B1 (other site) is free at 09:00, but the member is not registered there: only DRY-02
    // at its own site, busy until 12:00, is proposed.
    expect(alts).toEqual([
      expect.objectContaining({
        machineCode: 'DRY-02',
        startsAt: '2026-07-22T04:00:00.000Z',
        endsAt: '2026-07-22T06:00:00.000Z',
        timeZone: 'Asia/Makassar',
      }),
    ]);
    expect(() => OutageResult.parse(body)).not.toThrow();
    const mail = await mailsTo('member@example.test');
    expect(mail[0]!.subject).toContain('terdampak gangguan');
    expect(mail[0]!.body_text).toContain('Elemen pemanas rusak');
    expect(mail[0]!.body_text).toContain('Pengering DRY-02');
    expect(mail[0]!.body_text).not.toContain('DRY-B1');
    // The member can book what was proposed.
    const proposed = await book(member, {
      machineId: alts[0].machineId,
      startsAt: alts[0].startsAt,
      endsAt: alts[0].endsAt,
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    // The machine is unbookable during the outage, on every path.
    const during = await book(opA, { startsAt: at(WED, '13:00'), endsAt: at(WED, '14:00') });
    expect(during.json().error.code).toBe('booking_conflict');
    const avail = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/machines/${dryer}/availability?from=${encodeURIComponent(at(WED, '00:00'))}&to=${encodeURIComponent(at(THU, '00:00'))}`,
    });
    expect(avail.json().free).toEqual([]);
    // The outage shows in the busy time with its id and kind.
    expect(avail.json().busy).toEqual([
      expect.objectContaining({
        id: body.outage.id,
        kind: 'outage',
        outageKind: 'breakdown',
        mine: false,
      }),
    ]);
    // Members cannot create or lift outages; lifting frees the time.
    expect(
      (
        await as(
          t.app,
          member,
        )({
          method: 'POST',
          url: `/api/machines/${dryer}/outages`,
          payload: {
            kind: 'maintenance',
            startsAt: at(THU, '08:00'),
            endsAt: at(THU, '09:00'),
            reason: 'x',
          },
        })
      ).statusCode,
    ).toBe(403);
    const lift = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: `/api/outages/${body.outage.id}/lift` });
    expect(lift.json().status).toBe('cancelled');
    expect(
      (await book(opA, { startsAt: at(WED, '13:00'), endsAt: at(WED, '14:00') })).statusCode,
    ).toBe(201);
  });

  it('alternatives are only what the member can book: the nearest free machines it cannot book are skipped', async () => {
    const both = ['drying', 'roasting'];
    const x = await machine(a.siteId, 'ALT-X', 'active', both);
    const others = {
      // Free at 09:00 like the broken machine, and each not bookable by this member:
      onlyDrying: await machine(a.siteId, 'ALT-1', 'active', ['drying']),
      tooShortMax: await machine(a.siteId, 'ALT-2', 'active', ['roasting', 'drying']),
      // (A roaster first: nobody of the member is qualified on roasting.)
      needsQualification: await machine(a.siteId, 'ALT-3', 'active', ['roasting', 'drying']),
      quota: await machine(a.siteId, 'ALT-6', 'active', both),
      otherSite: await machine(b.siteId, 'ALT-5', 'active', both),
      // Bookable, but busy until 13:00.
      later: await machine(a.siteId, 'ALT-4', 'active', [...both, 'grinding']),
    };
    try {
      for (const m of [x, ...Object.values(others)]) await setRules(m);
      await setRules(others.tooShortMax, { maxMinutes: 60 });
      await setRules(others.needsQualification, { qualificationRequired: true });
      // The member has no size class: the micro quota (1 hour a week) applies.
      await setRules(others.quota, {
        weeklyHours: { micro: 1, small: null, medium: null, large: null },
      });
      const hit = await book(member, {
        machineId: x,
        startsAt: at(WED, '09:00'),
        endsAt: at(WED, '11:00'),
      });
      expect(hit.statusCode, hit.body).toBe(201);
      const busy = await book(member2, {
        machineId: others.later,
        memberOrgId: memberOrg2,
        startsAt: at(WED, '08:00'),
        endsAt: at(WED, '13:00'),
      });
      expect(busy.statusCode, busy.body).toBe(201);
      const res = await as(
        t.app,
        opA,
      )({
        method: 'POST',
        url: `/api/machines/${x}/outages`,
        payload: {
          kind: 'breakdown',
          startsAt: at(WED, '08:00'),
          endsAt: at(WED, '16:00'),
          reason: 'Motor terbakar',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const alts = res.json().affected[0].alternatives as {
        machineId: string;
        machineCode: string;
        startsAt: string;
        endsAt: string;
      }[];
      expect(alts.map((x) => [x.machineCode, x.startsAt])).toEqual([
        ['ALT-4', '2026-07-22T05:00:00.000Z'],
      ]);
      // What was skipped really is refused, and what was proposed is accepted.
      const codes = [];
      for (const m of [
        others.tooShortMax,
        others.needsQualification,
        others.quota,
        others.otherSite,
      ])
        codes.push(
          (
            await book(member, {
              machineId: m,
              startsAt: at(WED, '09:00'),
              endsAt: at(WED, '11:00'),
            })
          ).json().error.code,
        );
      expect(codes).toEqual([
        'booking_too_long',
        'qualification_required',
        'booking_quota_exceeded',
        'machine_not_found', // not registered at that site: its machines cannot be booked
      ]);
      const ok = await book(member, {
        machineId: alts[0]!.machineId,
        startsAt: alts[0]!.startsAt,
        endsAt: alts[0]!.endsAt,
      });
      expect(ok.statusCode, ok.body).toBe(201);
    } finally {
      await t.database.db
        .updateTable('machines')
        .set({ status: 'retired' })
        .where('code', 'like', 'ALT-%')
        .execute();
    }
  });
});

describe('service mode', () => {
  it('the operator is assigned by staff and shown on the booking', async () => {
    const res = await book(member, {
      mode: 'service',
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '09:00'),
    });
    const ops = await as(t.app, mgrA)({ method: 'GET', url: `/api/machines/${dryer}/operators` });
    const op = ops.json().items.find((o: { name: string }) => o.name === 'Operator A');
    const byMember = await as(
      t.app,
      member,
    )({
      method: 'POST',
      url: `/api/bookings/${res.json().id}/operator`,
      payload: { userId: op.userId },
    });
    expect(byMember.statusCode).toBe(403);
    const assigned = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/bookings/${res.json().id}/operator`,
      payload: { userId: op.userId },
    });
    expect(assigned.json()).toMatchObject({ mode: 'service', operatorName: 'Operator A' });
  });
});

describe('iCal feeds', () => {
  it('a secret URL serves valid RFC 5545 that a parser reads; revoked → 404', async () => {
    await book(member, {
      startsAt: at(WED, '08:00'),
      endsAt: at(WED, '10:00'),
      notes: 'Nilam; 200 kg, kering',
    });
    const feed = await as(
      t.app,
      member,
    )({ method: 'POST', url: '/api/calendar-feeds', payload: { organisationId: a.orgId } });
    expect(feed.statusCode, feed.body).toBe(201);
    const url = new URL(feed.json().url);
    const res = await t.app.inject({ method: 'GET', url: url.pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-07-22T00:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-07-22T02:00:00.000Z');
    expect(events[0]!.description).toContain('Nilam; 200 kg, kering');
    // Someone else's organisation: no feed.
    const foreign = await as(
      t.app,
      member2,
    )({ method: 'POST', url: '/api/calendar-feeds', payload: { organisationId: a.orgId } });
    expect(foreign.statusCode).toBe(404);
    const machineFeed = await as(
      t.app,
      mgrA,
    )({ method: 'POST', url: '/api/calendar-feeds', payload: { machineId: dryer } });
    expect(machineFeed.statusCode).toBe(201);
    // The machine's feed: every booking and outage on it, parsed like a calendar app would.
    const { name: memberName } = await t.database.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', a.orgId)
      .executeTakeFirstOrThrow();
    await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: `/api/machines/${dryer}/outages`,
      payload: {
        kind: 'maintenance',
        startsAt: at(THU, '08:00'),
        endsAt: at(THU, '12:00'),
        reason: 'Ganti gasket',
      },
    });
    const machineRes = await t.app.inject({
      method: 'GET',
      url: new URL(machineFeed.json().url).pathname,
    });
    expect(machineRes.statusCode).toBe(200);
    const machineCal = new ICAL.Component(ICAL.parse(machineRes.body));
    expect(machineCal.getFirstPropertyValue('x-wr-calname')).toBe('RPB — Pengering DRY-01');
    const machineEvents = machineCal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(
      machineEvents.map((e) => [
        e.summary,
        e.startDate.toJSDate().toISOString(),
        e.endDate.toJSDate().toISOString(),
      ]),
    ).toEqual([
      [`Pengering DRY-01 — ${memberName}`, '2026-07-22T00:00:00.000Z', '2026-07-22T02:00:00.000Z'],
      [
        'Pengering DRY-01 — Perawatan: Ganti gasket',
        '2026-07-23T00:00:00.000Z',
        '2026-07-23T04:00:00.000Z',
      ],
    ]);
    expect(machineEvents[0]!.description).toContain('Status: confirmed');
    expect(machineEvents[0]!.uid).toMatch(/@rpb$/);
    await as(t.app, member)({ method: 'DELETE', url: `/api/calendar-feeds/${feed.json().id}` });
    expect((await t.app.inject({ method: 'GET', url: url.pathname })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/ical/not-a-real-secret-aaaaaaaaaaaa.ics' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('answers built from what the request read (issue #4)', () => {
  const getAs = async (s: Session, id: string) =>
    (await as(t.app, s)({ method: 'GET', url: `/api/bookings/${id}` })).json();

  it('the answer to POST equals GET of the same booking, with a person, notes and service mode', async () => {
    const person = await t.database.db
      .insertInto('people')
      .values({ organisation_id: a.orgId, name: 'Wayan Operator', active: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cases: [Session, Record<string, unknown>][] = [
      [member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') }],
      [
        opA,
        {
          startsAt: at(WED, '09:00'),
          endsAt: at(WED, '10:30'),
          mode: 'service',
          personId: person.id,
          notes: 'Biji kakao 200 kg',
        },
      ],
      [admin, { startsAt: at(THU, '08:00'), endsAt: at(THU, '09:00'), personId: person.id }],
    ];
    for (const [who, body] of cases) {
      const res = await book(who, body);
      expect(res.statusCode, res.body).toBe(201);
      expect(() => Booking.parse(res.json())).not.toThrow();
      expect(res.json()).toEqual(await getAs(who, res.json().id));
    }
    const read = await as(
      t.app,
      opA,
    )({ method: 'GET', url: `/api/bookings?machineId=${dryer}&status=confirmed` });
    expect(read.json().items.map((b: { personName: string | null }) => b.personName)).toEqual([
      null,
      'Wayan Operator',
      'Wayan Operator',
    ]);
  });

  it('a series answers its bookings as GET reads them', async () => {
    const res = await bookSeries(member, {
      startsAt: at(WED, '13:00'),
      endsAt: at(WED, '14:00'),
      frequency: 'daily',
      count: 3,
      skipConflicts: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const booked = res.json().booked as { id: string; startsAt: string }[];
    // Wednesday, Thursday, Friday (the site is open Monday–Saturday).
    expect(booked.map((b) => b.startsAt)).toEqual([
      '2026-07-22T05:00:00.000Z',
      '2026-07-23T05:00:00.000Z',
      '2026-07-24T05:00:00.000Z',
    ]);
    for (const b of booked) expect(b).toEqual(await getAs(member, b.id));
  });

  it('the outbox is nudged only when a change queued e-mail', async () => {
    t.nudged.length = 0;
    const plain = await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') });
    expect(plain.statusCode).toBe(201);
    expect(t.nudged).toEqual([]);
    await setRules(dryer, { approvalRequired: true });
    const request = await book(member, { startsAt: at(WED, '10:00'), endsAt: at(WED, '11:00') });
    expect(request.json().status).toBe('requested');
    expect(t.nudged).toEqual(['outbox.deliver']);
    const mails = await t.database.db.selectFrom('outbox_messages').select('to_address').execute();
    expect(mails.length).toBeGreaterThan(0);
  });

  it('lists bookings by several statuses (comma-separated or repeated)', async () => {
    const confirmed = (
      await book(member, { startsAt: at(WED, '08:00'), endsAt: at(WED, '09:00') })
    ).json().id;
    const cancelled = (
      await book(member, { startsAt: at(WED, '09:00'), endsAt: at(WED, '10:00') })
    ).json().id;
    await as(t.app, member)({ method: 'POST', url: `/api/bookings/${cancelled}/cancel` });
    await setRules(dryer, { approvalRequired: true });
    const requested = (
      await book(member, { startsAt: at(WED, '10:00'), endsAt: at(WED, '11:00') })
    ).json().id;
    const ids = async (query: string) => {
      const res = await as(
        t.app,
        mgrA,
      )({ method: 'GET', url: `/api/bookings?machineId=${dryer}&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((b: { id: string }) => b.id);
    };
    expect(await ids('status=confirmed')).toEqual([confirmed]);
    expect(await ids('status=confirmed,requested')).toEqual([confirmed, requested]);
    expect(await ids('status=cancelled&status=requested')).toEqual([cancelled, requested]);
    expect(await ids('status=active')).toEqual([confirmed, requested]);
    expect(await ids('status=active,cancelled')).toEqual([confirmed, cancelled, requested]);
    expect(await ids('')).toEqual([confirmed, cancelled, requested]);
    for (const bad of ['status=pending', 'status=confirmed,', 'status=confirmed&status=nope']) {
      const res = await as(
        t.app,
        mgrA,
      )({ method: 'GET', url: `/api/bookings?machineId=${dryer}&${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('a weekly quota holds under concurrent requests of one member', async () => {
    // 3 hours a week for the (unclassified → micro) member; 12 one-hour requests at once, all in
    // the same week on free slots: exactly three may pass.
    await setRules(dryer, { weeklyHours: { micro: 3, small: null, medium: null, large: null } });
    const slots = [WED, THU].flatMap((d) =>
      ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00'].map((h) => ({
        startsAt: at(d, h),
        endsAt: at(d, `${String(Number(h.slice(0, 2)) + 1).padStart(2, '0')}:00`),
      })),
    );
    const responses = await Promise.all(slots.map((s) => book(opA, s)));
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 422)).toHaveLength(9);
    expect(
      new Set(responses.filter((r) => r.statusCode === 422).map((r) => r.json().error.code)),
    ).toEqual(new Set(['booking_quota_exceeded']));
    expect(await bookingCount()).toBe(3);
  });
});

describe('double booking is impossible', () => {
  it('200 simultaneous requests for overlapping slots on one machine: exactly one 201, 199 409s, no overlapping rows', async () => {
    // 200 different members, so the requests do not queue behind one member's quota lock and
    // really race to the exclusion constraint (on PostgreSQL; PGlite has one connection).
    const orgs = await t.database.db
      .insertInto('organisations')
      .values(
        Array.from({ length: 200 }, (_, i) => ({ kind: 'umkm' as const, name: `Racer ${i}` })),
      )
      .returning('id')
      .execute();
    await t.database.db
      .insertInto('site_members')
      .values(orgs.map((o) => ({ site_id: a.siteId, organisation_id: o.id })))
      .execute();
    // Every request contains 09:30–10:00 on Wednesday; starts and ends vary.
    const starts = ['08:00', '08:30', '09:00', '09:30'];
    const ends = ['10:00', '10:30', '11:00', '12:00'];
    const responses = await Promise.all(
      orgs.map((o, i) =>
        book(opA, {
          memberOrgId: o.id,
          startsAt: at(WED, starts[i % 4]!),
          endsAt: at(WED, ends[Math.floor(i / 4) % 4]!),
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(199);
    expect(
      new Set(responses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)),
    ).toEqual(new Set(['booking_conflict']));
    const rows = await t.database.db
      .selectFrom('bookings')
      .select(['starts_at', 'ends_at'])
      .where('machine_id', '=', dryer)
      .execute();
    expect(rows).toHaveLength(1);
    await t.database.db
      .deleteFrom('site_members')
      .where(
        'organisation_id',
        'in',
        orgs.map((o) => o.id),
      )
      .execute();
  });

  it('single bookings racing a series over the same hours: every answer 201 or 409, never an error, and no overlapping rows', async () => {
    const m = await machine(a.siteId, 'RACE-1');
    await setRules(m);
    const days = ['2026-08-03', '2026-08-04', '2026-08-05', '2026-08-06', '2026-08-07'];
    const hours: [string, string][] = [
      ['08:00', '09:00'],
      ['09:00', '10:00'],
      ['10:00', '11:00'],
    ];
    const singles = days.flatMap((d) =>
      hours.map(([s, e]) => ({ machineId: m, startsAt: at(d, s), endsAt: at(d, e) })),
    );
    const [series, ...answers] = await Promise.all([
      bookSeries(member, {
        machineId: m,
        startsAt: at(days[0]!, '08:30'),
        endsAt: at(days[0]!, '10:30'),
        frequency: 'daily',
        count: 5,
        skipConflicts: true,
      }),
      ...singles.map((b) => book(opA, b)),
    ]);
    for (const r of [series, ...answers]) expect([201, 409], r.body).toContain(r.statusCode);
    const created =
      answers.filter((r) => r.statusCode === 201).length +
      (series.statusCode === 201 ? (series.json().booked as unknown[]).length : 0);
    const held = await t.database.db
      .selectFrom('bookings')
      .select(['id', 'starts_at', 'ends_at'])
      .where('machine_id', '=', m)
      .where('status', 'in', ['requested', 'confirmed', 'offered', 'checked_in'])
      .orderBy('starts_at')
      .execute();
    expect(held).toHaveLength(created);
    for (let i = 1; i < held.length; i++)
      expect(held[i]!.starts_at.getTime()).toBeGreaterThanOrEqual(held[i - 1]!.ends_at.getTime());
  });

  it('bookings inserted together in one statement: an overlap with a row before it in the batch is refused alone, and only inserted rows are audited', async () => {
    const row = (id: string, from: string, to: string) => ({
      id,
      machine_id: dryer,
      kind: 'booking' as const,
      status: 'confirmed' as const,
      mode: 'self' as const,
      member_org_id: a.orgId,
      starts_at: new Date(at(THU, from)),
      ends_at: new Date(at(THU, to)),
      booked_by_label: 'test',
    });
    const audit = (id: string) => ({
      actorUserId: null,
      actorLabel: 'test',
      action: 'booking.create',
      entityType: 'booking',
      entityId: id,
      before: null,
      after: { id, note: 'batched' },
      requestId: null,
      ip: null,
      at: NOW,
    });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const answers = await insertHoldingRowsAudited(t.database.db, [
      { row: row(ids[0]!, '08:00', '09:00'), audit: audit(ids[0]!) },
      { row: row(ids[1]!, '08:30', '09:30'), audit: audit(ids[1]!) },
      { row: row(ids[2]!, '09:00', '10:00'), audit: audit(ids[2]!) },
    ]);
    expect(answers).toEqual([true, false, true]);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('entity_id', 'in', ids)
      .execute();
    expect(audited.map((r) => r.entity_id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(audited.find((r) => r.entity_id === ids[0])!.after).toEqual({
      id: ids[0],
      note: 'batched',
    });
    await t.database.db.deleteFrom('bookings').where('id', 'in', ids).execute();
  });

  it('the database refuses overlapping holding rows whatever the caller (raw SQL), and allows them once released', async () => {
    const db = t.database.db;
    const row = (from: string, to: string, status: 'confirmed' | 'cancelled' = 'confirmed') => ({
      machine_id: dryer,
      kind: 'booking' as const,
      status,
      mode: 'self' as const,
      member_org_id: a.orgId,
      starts_at: new Date(at(WED, from)),
      ends_at: new Date(at(WED, to)),
      booked_by_label: 'test',
      ...(status === 'cancelled' ? { cancelled_at: NOW } : {}),
    });
    await db.insertInto('bookings').values(row('08:00', '10:00')).execute();
    await expect(
      db.insertInto('bookings').values(row('09:59', '11:00')).execute(),
    ).rejects.toMatchObject({
      code: '23P01',
    });
    // An outage is machine time too.
    await expect(
      db
        .insertInto('bookings')
        .values({
          machine_id: dryer,
          kind: 'outage',
          status: 'confirmed',
          outage_kind: 'breakdown',
          starts_at: new Date(at(WED, '09:00')),
          ends_at: new Date(at(WED, '09:30')),
          booked_by_label: 'test',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    // Touching is fine; cancelled rows hold nothing.
    await db.insertInto('bookings').values(row('10:00', '11:00')).execute();
    await db
      .insertInto('bookings')
      .values(row('08:00', '11:00', 'cancelled'))
      .execute();
    // A booking without a member, or an outage with one, is refused by check constraints.
    await expect(
      db
        .insertInto('bookings')
        .values({ ...row('12:00', '13:00'), member_org_id: null })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });
});

describe('paging', () => {
  it('the booking list pages through every booking once, in the list order', async () => {
    for (const [from, to] of [
      ['08:00', '09:00'],
      ['10:00', '11:00'],
      ['12:00', '13:00'],
      ['14:00', '15:00'],
    ]) {
      const res = await book(member, { startsAt: at(WED, from!), endsAt: at(WED, to!) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const all = await idsInOnePage(t.app, admin, '/api/bookings');
    expect(all.length).toBeGreaterThan(2);
    expect(await idsPageByPage(t.app, admin, '/api/bookings')).toEqual(all);
  });
});
