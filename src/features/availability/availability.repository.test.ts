/**
 * The SQL of availability on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL):
 * `busyOfMachine` answers in one row of concatenated columns; it must return exactly what the
 * plain row-per-booking query returns.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { makeMachine, makeNetwork } from '../../../test/factories.js';
import type { Database, Executor } from '../../server/db/connect.js';
import { busyOfMachine } from './availability.repository.js';

let d: Database;
let machine: string;
let other: string;
let org: string;
let org2: string;

/** The reference: one row per booking, as the calendar read it before. */
const rowByRow = (
  db: Executor,
  machineId: string,
  from: Date,
  to: Date,
  ownOrgIds: readonly string[],
) =>
  db
    .selectFrom('bookings')
    .select([
      'id',
      'kind',
      'status',
      'outage_kind',
      sql<number>`round(date_part('epoch', starts_at) * 1000)`.as('start'),
      sql<number>`round(date_part('epoch', ends_at) * 1000)`.as('end'),
      sql<boolean>`coalesce(member_org_id = any(${[...ownOrgIds]}::uuid[]), false)`.as('mine'),
    ])
    .where('machine_id', '=', machineId)
    .where('status', 'in', ['requested', 'confirmed', 'offered', 'checked_in'])
    .where(sql<boolean>`tstzrange(starts_at, ends_at, '[)') && tstzrange(${from}, ${to}, '[)')`)
    .orderBy('starts_at')
    .execute();

type Status = 'requested' | 'confirmed' | 'offered' | 'checked_in' | 'cancelled' | 'completed';

async function insert(
  machineId: string,
  startsAt: string,
  endsAt: string,
  o: { status?: Status; outage?: 'maintenance' | 'breakdown'; member?: string } = {},
) {
  const status = o.status ?? 'confirmed';
  const now = new Date(startsAt);
  await d.db
    .insertInto('bookings')
    .values({
      machine_id: machineId,
      kind: o.outage ? 'outage' : 'booking',
      status,
      // As text, so that microseconds reach the database (a Date has milliseconds).
      starts_at: sql<Date>`${startsAt}::timestamptz`,
      ends_at: sql<Date>`${endsAt}::timestamptz`,
      member_org_id: o.outage ? null : (o.member ?? org),
      mode: o.outage ? null : 'self',
      outage_kind: o.outage ?? null,
      booked_by_label: 'test',
      offer_expires_at: status === 'offered' ? new Date(endsAt) : null,
      checked_in_at: status === 'checked_in' || status === 'completed' ? now : null,
      checked_out_at: status === 'completed' ? new Date(endsAt) : null,
      cancelled_at: status === 'cancelled' ? now : null,
    })
    .execute();
}

beforeAll(async () => {
  d = await createTestDatabase();
  const a = await makeNetwork(d.db);
  const b = await makeNetwork(d.db);
  org = a.orgId;
  org2 = b.orgId;
  machine = await makeMachine(d.db, a.siteId, 'R-1');
  other = await makeMachine(d.db, a.siteId, 'R-2');
  // Inserted out of order, so that the table's order is not the answer's.
  await insert(machine, '2026-07-22T05:00:00Z', '2026-07-22T06:00:00Z', { member: org2 });
  await insert(machine, '2026-07-21T23:00:00Z', '2026-07-22T01:00:00Z'); // across `from`
  await insert(machine, '2026-07-22T03:00:00Z', '2026-07-22T04:00:00Z', { outage: 'breakdown' });
  await insert(machine, '2026-07-22T01:00:00Z', '2026-07-22T02:00:00Z', { status: 'requested' });
  await insert(machine, '2026-07-22T02:00:00Z', '2026-07-22T02:30:00Z', { status: 'offered' });
  await insert(machine, '2026-07-22T02:30:00Z', '2026-07-22T03:00:00Z', { status: 'checked_in' });
  await insert(machine, '2026-07-22T04:00:00Z', '2026-07-22T05:00:00Z', { status: 'cancelled' });
  await insert(machine, '2026-07-22T04:00:00Z', '2026-07-22T04:30:00Z', { status: 'completed' });
  await insert(machine, '2026-07-22T04:30:00Z', '2026-07-22T04:45:00Z', {
    outage: 'maintenance',
  });
  // Instants between milliseconds round to the nearest one, as round(date_part(…) * 1000) does.
  await insert(machine, '2026-07-22T06:00:00.000400Z', '2026-07-22T06:10:00.000700Z');
  await insert(machine, '2026-07-22T07:59:00Z', '2026-07-22T09:00:00Z'); // across `to`
  await insert(machine, '2026-07-21T22:00:00Z', '2026-07-21T23:00:00Z'); // ends at `from`
  await insert(other, '2026-07-22T01:00:00Z', '2026-07-22T02:00:00Z');
});
afterAll(async () => {
  await d.close();
});

describe('busyOfMachine', () => {
  const from = new Date('2026-07-22T00:00:00Z');
  const to = new Date('2026-07-22T08:00:00Z');

  it('returns exactly what the row-per-booking query returns', async () => {
    for (const own of [[], [org], [org, org2]]) {
      const expected = await rowByRow(d.db, machine, from, to, own);
      expect(await busyOfMachine(d.db, machine, from, to, own)).toEqual(expected);
    }
    const busy = await busyOfMachine(d.db, machine, from, to, [org]);
    // Holding time only, by start, with whatever overlaps the range's edges.
    expect(busy.map((b) => [new Date(b.start).toISOString(), b.status, b.mine])).toEqual([
      ['2026-07-21T23:00:00.000Z', 'confirmed', true],
      ['2026-07-22T01:00:00.000Z', 'requested', true],
      ['2026-07-22T02:00:00.000Z', 'offered', true],
      ['2026-07-22T02:30:00.000Z', 'checked_in', true],
      ['2026-07-22T03:00:00.000Z', 'confirmed', false],
      ['2026-07-22T04:30:00.000Z', 'confirmed', false],
      ['2026-07-22T05:00:00.000Z', 'confirmed', false],
      ['2026-07-22T06:00:00.000Z', 'confirmed', true],
      ['2026-07-22T07:59:00.000Z', 'confirmed', true],
    ]);
    expect(busy.map((b) => [b.kind, b.outage_kind])).toContainEqual(['outage', 'breakdown']);
    expect(busy.map((b) => [b.kind, b.outage_kind])).toContainEqual(['outage', 'maintenance']);
    expect(busy[7]).toMatchObject({
      start: Date.parse('2026-07-22T06:00:00Z'),
      end: Date.parse('2026-07-22T06:10:00.001Z'),
    });
  });

  it('returns nothing for a range without holding time, and for another machine only its own', async () => {
    const night = [new Date('2026-07-23T00:00:00Z'), new Date('2026-07-23T08:00:00Z')] as const;
    expect(await busyOfMachine(d.db, machine, ...night, [])).toEqual([]);
    expect(await busyOfMachine(d.db, other, from, to, [])).toEqual(
      await rowByRow(d.db, other, from, to, []),
    );
    expect(await busyOfMachine(d.db, other, from, to, [])).toHaveLength(1);
  });
});
