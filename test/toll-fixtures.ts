/**
 * Toll-processing fixtures shared by the toll, quality and SPC tests: a distiller, completed
 * bookings on it, leaves distilled into oil through the API, the seeded characteristics and a
 * set of SNI oil results. Everything is passed in (database, app, session, ids): a test file
 * keeps its own state, such as the next free booking day.
 */
import { expect } from 'vitest';
import type { Executor } from '../src/server/db/connect.js';
import type { OrganisationsTable } from '../src/server/db/schema.js';
import { as, login, type Session, type TestApp } from './app.js';
import { makeMachine, makeUser, PASSWORD } from './factories.js';

/** A time of day in WITA (UTC+8), the zone of the test sites. */
export const wita = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

/** 08:00–14:00 WITA on a day ('YYYY-MM-DD'): the slot the toll tests book. */
export const workingHours = (day: string) => ({
  startsAt: wita(day, '08:00'),
  endsAt: wita(day, '14:00'),
});

/**
 * Days one after another from `first` ('YYYY-MM-DD'): each call answers the next, so that the
 * bookings a test makes never overlap.
 */
export function dayAfterDay(first: string) {
  let next = Date.parse(`${first}T00:00:00Z`);
  return () => {
    const day = new Date(next).toISOString().slice(0, 10);
    next += 86_400_000;
    return day;
  };
}

/** A distillation kettle at a site: 'KTL-1', "Ketel suling", unless told otherwise. */
export function makeDistiller(
  db: Executor,
  siteId: string,
  o: { code?: string; name?: string } = {},
) {
  return makeMachine(db, siteId, o.code ?? 'KTL-1', {
    name: o.name ?? 'Ketel suling',
    capabilities: ['distillation'],
  });
}

/** A completed booking: checked in at its start, checked out at its end. */
export async function makeCompletedBooking(
  db: Executor,
  o: {
    machineId: string;
    orgId: string;
    startsAt: Date;
    endsAt: Date;
    mode?: 'service' | 'self';
    bookedBy?: string;
  },
) {
  const row = await db
    .insertInto('bookings')
    .values({
      machine_id: o.machineId,
      kind: 'booking',
      mode: o.mode ?? 'service',
      member_org_id: o.orgId,
      booked_by_label: o.bookedBy ?? 'test',
      status: 'completed',
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      checked_in_at: o.startsAt,
      checked_out_at: o.endsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A completed distillation job on a booking, written directly (no lots moved). */
export async function makeCompletedJob(
  db: Executor,
  o: {
    siteId: string;
    machineId: string;
    bookingId: string;
    pooled?: boolean;
    startedAt?: Date;
    endedAt?: Date;
  },
) {
  const row = await db
    .insertInto('process_jobs')
    .values({
      site_id: o.siteId,
      booking_id: o.bookingId,
      machine_id: o.machineId,
      process: 'distillation',
      pooled: o.pooled ?? false,
      status: 'completed',
      started_at: o.startedAt ?? null,
      ended_at: o.endedAt ?? null,
      waste_kg: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Grant options for a role at one site. */
export const atSite = (role: 'site_manager' | 'site_operator', siteId: string) =>
  ({ role, scopeType: 'site', scopeId: siteId }) as const;

/** Grant options for a member of a UMKM. */
export const memberOf = (orgId: string) =>
  ({ role: 'umkm_member', scopeType: 'organisation', scopeId: orgId }) as const;

/** A new user (the factory's password), logged in. */
export async function loggedInUser(
  t: TestApp,
  email: string,
  o: Omit<NonNullable<Parameters<typeof makeUser>[1]>, 'email' | 'password'> = {},
): Promise<Session> {
  await makeUser(t.database.db, { ...o, email });
  return login(t.app, email, PASSWORD);
}

/** Characteristic ids by code ('oil_patchouli_alcohol' → id), as seeded. */
export async function characteristicIds(db: Executor): Promise<Record<string, string>> {
  const rows = await db.selectFrom('characteristics').select(['id', 'code']).execute();
  return Object.fromEntries(rows.map((c) => [c.code, c.id]));
}

/**
 * Results for every SNI 06-2385-2006 oil characteristic, all within limits but patchouli
 * alcohol, which is `pa` (the SNI minimum is 30 %).
 */
export const oilResults = (chars: Record<string, string>, pa: number) => [
  { characteristicId: chars.oil_colour, passed: true },
  { characteristicId: chars.oil_specific_gravity, value: 0.962 },
  { characteristicId: chars.oil_refractive_index, value: 1.509 },
  { characteristicId: chars.oil_solubility_ethanol, passed: true },
  { characteristicId: chars.oil_acid_value, value: 4.1 },
  { characteristicId: chars.oil_ester_value, value: 9.5 },
  { characteristicId: chars.oil_patchouli_alcohol, value: pa },
  { characteristicId: chars.oil_alpha_copaene, value: 0.3 },
  { characteristicId: chars.oil_iron, value: 12 },
];

/** POST /api/lots/{id}/inspections; the response as it is (tests check refusals too). */
export const postInspection = (
  app: TestApp['app'],
  s: Session,
  lotId: string,
  payload: Record<string, unknown>,
) => as(app, s)({ method: 'POST', url: `/api/lots/${lotId}/inspections`, payload });

/** Opens a job (POST /api/jobs), expecting 201; the job as answered. */
export async function openJob(app: TestApp['app'], s: Session, payload: Record<string, unknown>) {
  const res = await as(app, s)({ method: 'POST', url: '/api/jobs', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** What a job's completion records: its output lots, waste and the utilities used. */
export interface Completion {
  outputs: { kind: 'output' | 'byproduct'; productType: string; kg: number }[];
  wasteKg: number;
  kwh?: number;
  lpgKg?: number;
  waterM3?: number;
}

/** Completes a job, expecting 200; the job as answered (with its outputs and yields). */
export async function completeJob(app: TestApp['app'], s: Session, jobId: string, c: Completion) {
  const res = await as(app, s)({ method: 'POST', url: `/api/jobs/${jobId}/complete`, payload: c });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/**
 * Leaves → oil through the API: receives each owner's patchouli leaves at the site, opens a job
 * on the booking over all of them (pooled when told) and completes it. Each step must succeed.
 * `booking` is called after the leaves are received, as the tests always did.
 */
export async function distilLeaves(
  app: TestApp['app'],
  s: Session,
  o: {
    siteId: string;
    leaves: { ownerOrgId: string; kg: number; moisturePercent?: number }[];
    booking: () => Promise<string>;
    pooled?: boolean;
    completion: Completion;
  },
) {
  const intakes = [];
  for (const l of o.leaves) {
    const res = await as(
      app,
      s,
    )({
      method: 'POST',
      url: '/api/lots/intake',
      payload: {
        siteId: o.siteId,
        ownerOrgId: l.ownerOrgId,
        productType: 'patchouli_leaves',
        quantityKg: l.kg,
        ...(l.moisturePercent !== undefined ? { moisturePercent: l.moisturePercent } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    intakes.push(res.json());
  }
  const job = await openJob(app, s, {
    bookingId: await o.booking(),
    inputs: intakes.map((l, i) => ({ lotId: l.id as string, kg: o.leaves[i]!.kg })),
    ...(o.pooled ? { pooled: true } : {}),
  });
  return { intakes, job: await completeJob(app, s, job.id, o.completion) };
}

/** An organisation of a kind ('umkm', 'buyer', …) with a name of its own. */
export async function makeOrganisation(
  db: Executor,
  kind: OrganisationsTable['kind'],
  name: string,
) {
  const row = await db
    .insertInto('organisations')
    .values({ kind, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
