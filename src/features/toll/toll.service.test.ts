/**
 * Recall on a real database, over a genealogy of several levels: a pooled distillation of two
 * owners' leaves, an intake lot split over two kettles, their oil refined together and the
 * refined oil refined again; partial and pooled handovers. The one-statement recall must answer
 * exactly the lots the seeded genealogy says, and exactly what the step-by-step recall answered
 * before it (kept below as the reference).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { makeMachine, makeNetwork, makeUser } from '../../../test/factories.js';
import {
  atSite,
  makeCompletedBooking,
  makeCompletedJob,
  makeOrganisation,
  memberOf,
} from '../../../test/toll-fixtures.js';
import type { Actor } from '../../server/context.js';
import type { Database, Executor } from '../../server/db/connect.js';
import { DomainError } from '../../server/domain-error.js';
import { findActorByEmail } from '../accounts/accounts.service.js';
import * as repo from './toll.repository.js';
import { getLot, recall, toSummary } from './toll.service.js';

let d: Database;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let org2: string;
let admin: Actor;
let mgrA: Actor;
let member: Actor;
const m: Record<string, string> = {}; // machines by code
const lot: Record<string, string> = {}; // lots by code

const actor = async (email: string, o: Parameters<typeof makeUser>[1] = {}) => {
  await makeUser(d.db, { email, ...o });
  return (await findActorByEmail(d.db, email, 'session'))!;
};
/** 08:00–14:00 WITA on day n of July 2026. */
const dayStart = (n: number) => new Date(`2026-07-${String(n).padStart(2, '0')}T00:00:00Z`);
const dayEnd = (n: number) => new Date(`2026-07-${String(n).padStart(2, '0')}T06:00:00Z`);

async function job(machine: string, site: string, day: number, owner: string, pooled = false) {
  const bookingId = await makeCompletedBooking(d.db, {
    machineId: machine,
    orgId: owner,
    startsAt: dayStart(day),
    endsAt: dayEnd(day),
    bookedBy: 't',
  });
  return makeCompletedJob(d.db, {
    siteId: site,
    machineId: machine,
    bookingId,
    pooled,
    startedAt: dayStart(day),
    endedAt: dayEnd(day),
  });
}

async function makeLot(
  code: string,
  o: {
    kind: 'intake' | 'output' | 'byproduct';
    product: string;
    owner: string | null;
    kg: number;
    job?: string;
    day: number;
    site?: string;
  },
) {
  lot[code] = (
    await d.db
      .insertInto('lots')
      .values({
        site_id: o.site ?? a.siteId,
        code,
        kind: o.kind,
        product_type: o.product,
        owner_org_id: o.owner,
        pooled: o.owner === null,
        quantity_kg: o.kg,
        job_id: o.job ?? null,
        status: 'released',
        received_at: o.kind === 'intake' ? dayStart(o.day) : dayEnd(o.day),
        received_by_label: 't',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const inputs = (job: string, xs: [string, number][]) =>
  d.db
    .insertInto('job_inputs')
    .values(xs.map(([code, kg]) => ({ job_id: job, lot_id: lot[code]!, kg })))
    .execute();

const handOver = (code: string, to: string, kg: number, at: string) =>
  d.db
    .insertInto('handovers')
    .values({
      lot_id: lot[code]!,
      to_org_id: to,
      kg,
      handed_at: new Date(at),
      handed_by_label: 't',
      received_by_name: 'Ketua',
    })
    .execute();

beforeAll(async () => {
  d = await createTestDatabase();
  a = await makeNetwork(d.db);
  b = await makeNetwork(d.db);
  org2 = await makeOrganisation(d.db, 'umkm', 'UMKM Dua');
  admin = await actor('admin@example.test');
  mgrA = await actor('mgr.a@example.test', atSite('site_manager', a.siteId));
  member = await actor('member@example.test', memberOf(a.orgId));
  for (const [code, site] of [
    ['K1', a.siteId],
    ['K2', a.siteId],
    ['R1', a.siteId],
    ['KB', b.siteId],
  ] as const)
    m[code] = await makeMachine(d.db, site, code, {
      name: `Mesin ${code}`,
      capabilities: [code === 'R1' ? 'refining' : 'distillation'],
    });
  const org1 = a.orgId;
  const leaves = { kind: 'intake', product: 'patchouli_leaves' } as const;
  await makeLot('I1', { ...leaves, owner: org1, kg: 500, day: 1 });
  await makeLot('I2', { ...leaves, owner: org2, kg: 300, day: 1 });
  await makeLot('I3', { ...leaves, owner: org1, kg: 800, day: 1 });
  await makeLot('IB', { ...leaves, owner: b.orgId, kg: 200, day: 1, site: b.siteId });
  const oil = (o: { owner: string | null; kg: number; job: string; day: number }) =>
    ({ kind: 'output', product: 'patchouli_oil', ...o }) as const;
  const residue = (o: { owner: string | null; kg: number; job: string; day: number }) =>
    ({ kind: 'byproduct', product: 'distillation_residue', ...o }) as const;
  const hydrosol = (o: { owner: string | null; kg: number; job: string; day: number }) =>
    ({ kind: 'byproduct', product: 'hydrosol', ...o }) as const;
  // J1 (K1, day 2): a pooled batch of two owners → pooled oil and residue.
  const j1 = await job(m.K1!, a.siteId, 2, org1, true);
  await inputs(j1, [
    ['I1', 500],
    ['I2', 300],
  ]);
  await makeLot('O1', oil({ owner: null, kg: 16, job: j1, day: 2 }));
  await makeLot('B1', residue({ owner: null, kg: 700, job: j1, day: 2 }));
  await d.db
    .insertInto('lot_owners')
    .values([
      { lot_id: lot.O1!, owner_org_id: org1, share_bp: 6250, kg: 10 },
      { lot_id: lot.O1!, owner_org_id: org2, share_bp: 3750, kg: 6 },
    ])
    .execute();
  // J2 (K1, day 3) and J3 (K2, day 4): one intake lot split over two kettles.
  const j2 = await job(m.K1!, a.siteId, 3, org1);
  await inputs(j2, [['I3', 400]]);
  await makeLot('O2', oil({ owner: org1, kg: 8, job: j2, day: 3 }));
  await makeLot('B2', residue({ owner: org1, kg: 350, job: j2, day: 3 }));
  const j3 = await job(m.K2!, a.siteId, 4, org1);
  await inputs(j3, [['I3', 400]]);
  await makeLot('O3', oil({ owner: org1, kg: 8, job: j3, day: 4 }));
  await makeLot('B3', residue({ owner: org1, kg: 350, job: j3, day: 4 }));
  // J4 (R1, day 5): both oils refined together; J5 (R1, day 6): the refined oil again.
  const j4 = await job(m.R1!, a.siteId, 5, org1);
  await inputs(j4, [
    ['O2', 8],
    ['O3', 8],
  ]);
  await makeLot('O4', oil({ owner: org1, kg: 15, job: j4, day: 5 }));
  await makeLot('H4', hydrosol({ owner: org1, kg: 0.3, job: j4, day: 5 }));
  const j5 = await job(m.R1!, a.siteId, 6, org1);
  await inputs(j5, [['O4', 15]]);
  await makeLot('O5', oil({ owner: org1, kg: 14, job: j5, day: 6 }));
  await makeLot('H5', hydrosol({ owner: org1, kg: 0.2, job: j5, day: 6 }));
  // Another site's kettle.
  const j6 = await job(m.KB!, b.siteId, 2, b.orgId);
  await inputs(j6, [['IB', 200]]);
  await makeLot('OB', { ...oil({ owner: b.orgId, kg: 4, job: j6, day: 2 }), site: b.siteId });
  // Handovers: the pooled oil to both owners, the twice-refined oil in two parts, a residue.
  await handOver('O1', org2, 6, '2026-07-08T02:00:00Z');
  await handOver('O1', org1, 10, '2026-07-08T01:00:00Z');
  await handOver('O5', org1, 5, '2026-07-09T01:00:00Z');
  await handOver('O5', org1, 4, '2026-07-10T01:00:00Z');
  await handOver('B2', org1, 350, '2026-07-09T01:00:00Z');
  await d.db
    .updateTable('lots')
    .set({ status: 'consumed' })
    .where('code', 'in', ['I1', 'I2', 'I3', 'IB', 'O2', 'O3', 'O4'])
    .execute();
});
afterAll(() => d.close());

const codes = (r: { items: { code: string }[] }) => r.items.map((x) => x.code);
const period = (from: number, to: number) => ({
  from: dayStart(from).toISOString(),
  to: dayStart(to).toISOString(),
});

/** Recall as it was before the one statement: step by step, joined in JS. */
async function stepByStepRecall(
  db: Executor,
  q: { lotId?: string; machineId?: string; from?: string; to?: string },
  siteIds: string[] | null,
) {
  let ids: string[];
  if (q.lotId) ids = (await repo.downstreamOf(db, [q.lotId])).rows.map((r) => r.lot_id);
  else {
    const from = q.from ? new Date(q.from) : new Date(0);
    const to = q.to ? new Date(q.to) : new Date('2100-01-01T00:00:00Z');
    const direct = (
      await db
        .selectFrom('lots as l')
        .innerJoin('process_jobs as j', 'j.id', 'l.job_id')
        .select('l.id')
        .where('j.machine_id', '=', q.machineId!)
        .where(
          sql<boolean>`coalesce(j.started_at, j.created_at) < ${to} and coalesce(j.ended_at, j.completed_at, j.created_at) >= ${from}`,
        )
        .execute()
    ).map((r) => r.id);
    ids = [
      ...new Set([...direct, ...(await repo.downstreamOf(db, direct)).rows.map((r) => r.lot_id)]),
    ];
  }
  const rows = (await repo.findLots(db, ids)).filter(
    (l) => !siteIds || siteIds.includes(l.site_id),
  );
  const handovers = await repo.handoversOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const hs = handovers.filter((h) => h.lot_id === r.id);
      return {
        ...toSummary(r),
        handedOverKg: Math.round(hs.reduce((s, h) => s + Number(h.kg), 0) * 1000) / 1000,
        handedTo: [...new Set(hs.map((h) => h.to_name))],
      };
    }),
  };
}

describe('recall over a multi-level genealogy', () => {
  it('by intake lot: everything made from it, through pooling, splitting and re-refining', async () => {
    expect(codes(await recall(d.db, { lotId: lot.I1 }, mgrA))).toEqual(['B1', 'O1']);
    expect(codes(await recall(d.db, { lotId: lot.I2 }, mgrA))).toEqual(['B1', 'O1']);
    expect(codes(await recall(d.db, { lotId: lot.I3 }, mgrA))).toEqual([
      'B2',
      'B3',
      'H4',
      'H5',
      'O2',
      'O3',
      'O4',
      'O5',
    ]);
    expect(codes(await recall(d.db, { lotId: lot.O2 }, admin))).toEqual(['H4', 'H5', 'O4', 'O5']);
    expect(codes(await recall(d.db, { lotId: lot.O5 }, admin))).toEqual([]);
  });

  it('by machine and period: its lots in the period and everything made from them', async () => {
    const k1 = await recall(d.db, { machineId: m.K1 }, mgrA);
    expect(codes(k1)).toEqual(['B1', 'B2', 'H4', 'H5', 'O1', 'O2', 'O4', 'O5']);
    expect(codes(await recall(d.db, { machineId: m.K1, ...period(3, 4) }, mgrA))).toEqual([
      'B2',
      'H4',
      'H5',
      'O2',
      'O4',
      'O5',
    ]);
    expect(codes(await recall(d.db, { machineId: m.K2 }, mgrA))).toEqual([
      'B3',
      'H4',
      'H5',
      'O3',
      'O4',
      'O5',
    ]);
    expect(codes(await recall(d.db, { machineId: m.R1, ...period(6, 7) }, mgrA))).toEqual([
      'H5',
      'O5',
    ]);
    expect(codes(await recall(d.db, { machineId: m.R1, ...period(1, 5) }, mgrA))).toEqual([]);
    // Another site's machine: its lots for an administrator; for this site's manager it does
    // not exist.
    expect(codes(await recall(d.db, { machineId: m.KB }, admin))).toEqual(['OB']);
    await expect(recall(d.db, { machineId: m.KB }, mgrA)).rejects.toMatchObject({
      code: 'machine_not_found',
    });
  });

  it('sums handovers per lot, names receivers once in the order they received, and shows the lot as the lot page does', async () => {
    const items = new Map(
      (await recall(d.db, { machineId: m.K1 }, mgrA)).items.map((x) => [x.code, x]),
    );
    const org1 = (
      await d.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', a.orgId)
        .executeTakeFirstOrThrow()
    ).name;
    expect(items.get('O1')).toMatchObject({
      pooled: true,
      ownerOrgId: null,
      handedOverKg: 16,
      handedTo: [org1, 'UMKM Dua'], // org1 received first (the rows were written the other way)
      remainingKg: 0,
    });
    expect(items.get('O5')).toMatchObject({ handedOverKg: 9, handedTo: [org1], remainingKg: 5 });
    expect(items.get('B2')).toMatchObject({ handedOverKg: 350, remainingKg: 0 });
    expect(items.get('O4')).toMatchObject({ handedOverKg: 0, handedTo: [], remainingKg: 0 });
    for (const x of items.values()) {
      const { handedOverKg: _h, handedTo: _t, ...summary } = x;
      const page = await getLot(d.db, x.id, admin);
      expect(summary).toEqual(
        Object.fromEntries(Object.keys(summary).map((k) => [k, page[k as keyof typeof page]])),
      );
    }
  });

  it('answers exactly what the step-by-step recall answered', async () => {
    const queries: { lotId?: string; machineId?: string; from?: string; to?: string }[] = [
      ...['I1', 'I2', 'I3', 'IB', 'O1', 'O2', 'O3', 'O4', 'O5'].map((c) => ({ lotId: lot[c]! })),
      ...['K1', 'K2', 'R1', 'KB'].map((c) => ({ machineId: m[c]! })),
      { machineId: m.K1!, ...period(3, 4) },
      { machineId: m.K1!, ...period(2, 3) },
      { machineId: m.R1!, ...period(5, 6) },
      { machineId: m.R1!, ...period(1, 5) },
    ];
    for (const q of queries) {
      expect(await recall(d.db, q, admin), JSON.stringify(q)).toEqual(
        await stepByStepRecall(d.db, q, null),
      );
      // Another site's lot or machine does not exist for this manager.
      if (q.lotId === lot.IB || q.machineId === m.KB) continue;
      expect(await recall(d.db, q, mgrA), JSON.stringify(q)).toEqual(
        await stepByStepRecall(d.db, q, [a.siteId]),
      );
    }
  });

  it('is not for members', async () => {
    await expect(recall(d.db, { lotId: lot.I1 }, member)).rejects.toThrow(DomainError);
  });
});
