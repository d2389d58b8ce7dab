/**
 * A machine's status change takes it out of service through the bookings outage flow: the
 * bookings still on it are cancelled, their members told through the outbox and offered
 * alternatives, and the answer lists them. Through the API, on a real database. Site in WITA
 * (UTC+8), open Monday–Saturday 08:00–16:00; the clock is Tuesday 21 July 2026 11:00 WITA.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, login, NOW, type Session, type TestApp } from '../../../test/app.js';
import {
  bookingRules,
  makeMachine,
  makeNetwork,
  makeUser,
  PASSWORD,
} from '../../../test/factories.js';
import { Booking } from '../bookings/bookings.contract.js';
import { ChangeStatusResult } from './equipment.contract.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let dryer: string;
let dryer2: string;
let admin: Session;
let mgrA: Session;
let opA: Session;

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
const utc = (date: string, time: string) => new Date(at(date, time)).toISOString();

const machine = (code: string) => makeMachine(t.database.db, a.siteId, code);

const RULES = bookingRules();

/** A machine with booking rules (each test that moves the clock gets its own history). */
async function bookableMachine(code: string) {
  const id = await machine(code);
  const res = await as(
    t.app,
    admin,
  )({ method: 'PUT', url: `/api/machines/${id}/booking-rules`, payload: RULES });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

async function book(machineId: string, date: string, from: string, to: string) {
  const res = await as(
    t.app,
    opA,
  )({
    method: 'POST',
    url: '/api/bookings',
    payload: { machineId, memberOrgId: a.orgId, startsAt: at(date, from), endsAt: at(date, to) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const statusOf = async (id: string) =>
  (
    await t.database.db
      .selectFrom('bookings')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

const change = (s: Session, machineId: string, payload: Record<string, unknown>) =>
  as(t.app, s)({ method: 'POST', url: `/api/equipment/${machineId}/status`, payload });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values({ site_id: a.siteId, organisation_id: a.orgId })
    .execute();
  await db
    .insertInto('site_opening_hours')
    .values(
      [1, 2, 3, 4, 5, 6].map((weekday) => ({
        site_id: a.siteId,
        weekday,
        opens: '08:00',
        closes: '16:00',
      })),
    )
    .execute();
  await makeUser(db, { email: 'root@example.test' });
  for (const [email, role] of [
    ['mgr.a@example.test', 'site_manager'],
    ['op.a@example.test', 'site_operator'],
  ] as const)
    await makeUser(db, { email, role, scopeType: 'site', scopeId: a.siteId });
  await makeUser(db, {
    email: 'member@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: a.orgId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  opA = await login(t.app, 'op.a@example.test', PASSWORD);
  dryer = await bookableMachine('DRY-01');
  dryer2 = await bookableMachine('DRY-02');
});

afterAll(() => t.close());

beforeEach(async () => {
  t.clock.set(NOW);
  const db = t.database.db;
  await db.updateTable('bookings').set({ displaced_by_outage_id: null }).execute();
  await db.deleteFrom('bookings').execute();
  await db.deleteFrom('outbox_messages').execute();
  await db.updateTable('machines').set({ status: 'active' }).execute();
});

describe('taking a machine out of service', () => {
  it('broken until a stated time: displaces the bookings in the period, notifies and proposes alternatives; back to active lifts the outage', async () => {
    // Its own machine: this test moves the clock forward, then others start at NOW again.
    const dryer = await bookableMachine('DRY-03');
    const wed = await book(dryer, '2026-07-22', '09:00', '11:00');
    const fri = await book(dryer, '2026-07-24', '09:00', '10:00');
    const res = await change(opA, dryer, {
      status: 'broken',
      reason: 'Elemen pemanas putus',
      outageUntil: at('2026-07-23', '16:00'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = ChangeStatusResult.parse(res.json());
    expect(body.status).toBe('broken');
    expect(body.outages).toEqual([
      {
        id: expect.any(String),
        outageKind: 'breakdown',
        startsAt: NOW.toISOString(),
        endsAt: utc('2026-07-23', '16:00'),
      },
    ]);
    expect(body.affected.map((x) => [x.booking.id, x.booking.status])).toEqual([
      [wed, 'cancelled'],
    ]);
    expect(body.affected[0]!.booking.memberName).toBe((await orgName()).name);
    // The booking's slot is free on the other dryers at the same site.
    expect(body.affected[0]!.alternatives).toContainEqual({
      machineId: dryer2,
      machineCode: 'DRY-02',
      machineName: 'Pengering DRY-02',
      siteName: expect.any(String),
      startsAt: utc('2026-07-22', '09:00'),
      endsAt: utc('2026-07-22', '11:00'),
      timeZone: 'Asia/Makassar',
    });
    expect(await statusOf(wed)).toBe('cancelled');
    expect(await statusOf(fri)).toBe('confirmed');
    const mail = await t.database.db
      .selectFrom('outbox_messages')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'member@example.test')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('Elemen pemanas putus');
    expect(mail[0]!.body_text).toContain('DRY-02');
    // The outage is machine time the calendar shows, created by this change.
    const outage = await t.database.db
      .selectFrom('bookings')
      .select(['kind', 'status', 'reason'])
      .where('id', '=', body.outages[0]!.id)
      .executeTakeFirstOrThrow();
    expect(outage).toEqual({ kind: 'outage', status: 'confirmed', reason: 'Elemen pemanas putus' });

    // Repaired early: the outage the breakdown created is lifted, the Friday booking stays.
    t.clock.set('2026-07-22T05:00:00Z');
    const back = await change(opA, dryer, { status: 'active' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', lifted: [body.outages[0]!.id] });
    expect(await statusOf(body.outages[0]!.id)).toBe('cancelled');
    expect(await statusOf(fri)).toBe('confirmed');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'machine.status_change')
      .where('entity_id', '=', dryer)
      .orderBy('at', 'asc')
      .execute();
    expect(audit.at(-2)!.after).toMatchObject({ status: 'broken', displaced: [wed] });
  });

  it('maintenance with an open period displaces every booking still on the machine, around standing outages', async () => {
    const fri = await book(dryer, '2026-07-24', '09:00', '10:00');
    const tue = await book(dryer, '2026-07-28', '13:00', '15:00');
    const planned = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/machines/${dryer}/outages`,
      payload: {
        kind: 'maintenance',
        startsAt: at('2026-07-27', '08:00'),
        endsAt: at('2026-07-27', '16:00'),
        reason: 'Servis berkala',
      },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const later = new Date(NOW.getTime() + 60_000);
    t.clock.set(later);
    const res = await change(mgrA, dryer, { status: 'maintenance', reason: null });
    expect(res.statusCode, res.body).toBe(200);
    const body = ChangeStatusResult.parse(res.json());
    // Two outages fill the gaps before and after the planned one; no reason → a default one.
    expect(body.outages.map((o) => [o.outageKind, o.startsAt, o.endsAt])).toEqual([
      ['maintenance', later.toISOString(), utc('2026-07-27', '08:00')],
      ['maintenance', utc('2026-07-27', '16:00'), utc('2026-07-28', '15:00')],
    ]);
    expect(body.affected.map((x) => x.booking.id)).toEqual([fri, tue]);
    expect(await statusOf(fri)).toBe('cancelled');
    expect(await statusOf(tue)).toBe('cancelled');
    expect(await statusOf(planned.json().outage.id)).toBe('confirmed');
    // The displaced booking reads through the bookings API as cancelled by the outage.
    const read = await as(t.app, mgrA)({ method: 'GET', url: `/api/bookings/${fri}` });
    expect(Booking.parse(read.json())).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Mesin dalam perawatan',
    });

    // Back to active lifts the two outages of the change, never the planned one.
    const back = ChangeStatusResult.parse((await change(mgrA, dryer, { status: 'active' })).json());
    expect(back.lifted.sort()).toEqual(body.outages.map((o) => o.id).sort());
    expect(await statusOf(planned.json().outage.id)).toBe('confirmed');
  });

  it('back to active never lifts an outage planned apart, even one created in the same instant', async () => {
    const dryer = await bookableMachine('DRY-05');
    const fri = await book(dryer, '2026-07-24', '09:00', '10:00');
    // Same clock reading for the planned outage and the status change (same created_at).
    const planned = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/machines/${dryer}/outages`,
      payload: {
        kind: 'maintenance',
        startsAt: at('2026-07-27', '08:00'),
        endsAt: at('2026-07-27', '16:00'),
        reason: 'Servis berkala',
      },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const broken = ChangeStatusResult.parse(
      (await change(mgrA, dryer, { status: 'broken', reason: 'Motor terbakar' })).json(),
    );
    expect(broken.affected.map((x) => x.booking.id)).toEqual([fri]);
    const back = ChangeStatusResult.parse((await change(mgrA, dryer, { status: 'active' })).json());
    expect(back.lifted).toEqual(broken.outages.map((o) => o.id));
    expect(await statusOf(planned.json().outage.id)).toBe('confirmed');
  });

  it('back to active lifts the outages of every change since the machine was last active', async () => {
    const dryer = await bookableMachine('DRY-04'); // its own history: the clock moves
    const fri = await book(dryer, '2026-07-24', '09:00', '10:00');
    const broken = ChangeStatusResult.parse(
      (await change(opA, dryer, { status: 'broken', reason: 'Motor terbakar' })).json(),
    );
    expect(broken.affected.map((x) => x.booking.id)).toEqual([fri]);
    t.clock.set(new Date(NOW.getTime() + 60_000));
    const maintenance = await change(opA, dryer, { status: 'maintenance', reason: 'Ganti motor' });
    expect(maintenance.json()).toMatchObject({ outages: [], affected: [] });
    t.clock.set(new Date(NOW.getTime() + 120_000));
    const back = ChangeStatusResult.parse((await change(opA, dryer, { status: 'active' })).json());
    expect(back.lifted).toEqual(broken.outages.map((o) => o.id));
  });

  it('an open period with no booking on the machine creates no outage', async () => {
    const res = await change(opA, dryer, { status: 'maintenance', reason: 'ganti sabuk' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'maintenance', outages: [], affected: [] });
  });

  it('retiring cancels every future booking with a notice; a period is refused where it has no meaning', async () => {
    const later = await book(dryer, '2026-08-20', '09:00', '12:00');
    const bad = [
      { status: 'retired', reason: 'tua', outageUntil: at('2026-07-30', '16:00') },
      { status: 'broken', reason: 'x', outageUntil: at('2026-07-20', '16:00') },
      { status: 'maintenance', outageUntil: NOW.toISOString() },
    ];
    for (const payload of bad) {
      const r = await change(mgrA, dryer, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.code).toBe('status_outage_until_invalid');
    }
    expect(await statusOf(later)).toBe('confirmed');
    const res = await change(mgrA, dryer, { status: 'retired', reason: 'Diganti mesin baru' });
    expect(res.statusCode, res.body).toBe(200);
    const body = ChangeStatusResult.parse(res.json());
    expect(body.affected.map((x) => x.booking.id)).toEqual([later]);
    expect(body.outages[0]!.endsAt).toBe(utc('2026-08-20', '12:00'));
    expect(await statusOf(later)).toBe('cancelled');
    const mail = await t.database.db
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('to_address', '=', 'member@example.test')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain('Diganti mesin baru');
  });

  it('a site operator cannot retire, and nothing is cancelled when the change is refused', async () => {
    const wed = await book(dryer, '2026-07-22', '09:00', '11:00');
    const r = await change(opA, dryer, { status: 'retired', reason: 'tua' });
    expect(r.statusCode).toBe(403);
    expect(await statusOf(wed)).toBe('confirmed');
  });
});

const orgName = () =>
  t.database.db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', a.orgId)
    .executeTakeFirstOrThrow();
