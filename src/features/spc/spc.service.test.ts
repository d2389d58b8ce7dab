/**
 * The SPC read model (`spc_points`, migration 0010) against the inspection records it is derived
 * from, on a real database: recording an inspection writes its points, a correction replaces
 * the superseded points, and every chart built from `spc_points` equals the chart computed the
 * old way, directly from inspections and results (join, anti-join against corrections, sort).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { makeNetwork, makeUser } from '../../../test/factories.js';
import type { Actor } from '../../server/context.js';
import type { Database, Executor } from '../../server/db/connect.js';
import { BACKFILL } from '../../server/db/migrations/0010-spc-points.js';
import { idsOrNone } from '../../server/db/scope.js';
import { findActorByEmail } from '../accounts/accounts.service.js';
import { recordInspection } from '../quality/quality.service.js';
import { siteVisibility } from '../registry/registry.js';
import { grantedSiteIds } from '../registry/registry.repository.js';
import { SpcQuery, type SpcChart } from './spc.contract.js';
import * as repo from './spc.repository.js';
import { spcChart } from './spc.service.js';
import {
  capability,
  individualsMR,
  pChart,
  thinForChart,
  westernElectric,
  xbarR,
  type Violation,
} from './spc.js';

let d: Database;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Actor;
let mgrA: Actor;
let chars: Record<string, string>;
let spec: string;
const machines: string[] = [];
let day = 0;

const actor = async (email: string, o: Parameters<typeof makeUser>[1] = {}) => {
  await makeUser(d.db, { email, ...o });
  return (await findActorByEmail(d.db, email, 'session'))!;
};

/** A patchouli-oil output lot made by a completed job on a machine (one booking per lot). */
async function oilLot(site: string, machine: string, code: string) {
  const db = d.db;
  const at = new Date(Date.UTC(2026, 0, 1) + day++ * 6 * 3_600_000);
  const booking = await db
    .insertInto('bookings')
    .values({
      machine_id: machine,
      kind: 'booking',
      mode: 'self',
      member_org_id: site === a.siteId ? a.orgId : b.orgId,
      booked_by_label: 't',
      status: 'completed',
      starts_at: at,
      ends_at: new Date(at.getTime() + 3_600_000),
      checked_in_at: at,
      checked_out_at: new Date(at.getTime() + 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const job = await db
    .insertInto('process_jobs')
    .values({
      site_id: site,
      booking_id: booking.id,
      machine_id: machine,
      process: 'distillation',
      status: 'completed',
      waste_kg: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (
    await db
      .insertInto('lots')
      .values({
        site_id: site,
        code,
        kind: 'output',
        product_type: 'patchouli_oil',
        owner_org_id: site === a.siteId ? a.orgId : b.orgId,
        quantity_kg: 10,
        job_id: job.id,
        status: 'quarantine',
        received_at: at,
        received_by_label: 't',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** The full SNI 06-2385-2006 result set with a given patchouli alcohol and acid value. */
const results = (pa: number, acid = 4.1) => [
  { characteristicId: chars.oil_colour!, value: null, passed: true },
  { characteristicId: chars.oil_specific_gravity!, value: 0.962, passed: null },
  { characteristicId: chars.oil_refractive_index!, value: 1.509, passed: null },
  { characteristicId: chars.oil_solubility_ethanol!, value: null, passed: true },
  { characteristicId: chars.oil_acid_value!, value: acid, passed: null },
  { characteristicId: chars.oil_ester_value!, value: 9.5, passed: null },
  { characteristicId: chars.oil_patchouli_alcohol!, value: pa, passed: null },
  { characteristicId: chars.oil_alpha_copaene!, value: 0.3, passed: null },
  { characteristicId: chars.oil_iron!, value: 12, passed: null },
];

let clock = Date.UTC(2026, 1, 1);
/** Records an inspection through the quality service, in its own transaction. */
const inspect = (
  lotId: string,
  pa: number,
  o: { supersedesId?: string; sampleSize?: number; defectives?: number; acid?: number } = {},
) =>
  d.db.transaction().execute((trx) =>
    recordInspection(
      trx,
      lotId,
      {
        stage: 'final',
        specificationId: null,
        results: results(pa, o.acid),
        sampleSize: o.sampleSize ?? null,
        defectives: o.defectives ?? null,
        notes: null,
        supersedesId: o.supersedesId ?? null,
      },
      { actor: admin, now: new Date((clock += 3_600_000)) },
    ),
  );

/** Inspection and results written with plain SQL (an import or bulk load, not the service). */
async function inspectBySql(
  lotId: string,
  pa: string,
  at: Date,
  supersedesId: string | null,
  defectives = 0,
) {
  const i = await d.db
    .insertInto('inspections')
    .values({
      lot_id: lotId,
      specification_id: spec,
      stage: 'final',
      sample_size: 5,
      defectives,
      verdict: 'pass',
      supersedes_id: supersedesId,
      inspector_label: 'lab',
      inspected_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await d.db
    .insertInto('inspection_results')
    .values([
      {
        inspection_id: i.id,
        characteristic_id: chars.oil_patchouli_alcohol!,
        value: pa,
        passed: true,
      },
      { inspection_id: i.id, characteristic_id: chars.oil_colour!, value: null, passed: true },
    ])
    .execute();
  return i.id;
}

const pointsOf = (inspectionId: string) =>
  d.db
    .selectFrom('spc_points')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('characteristic_id')
    .execute();

beforeAll(async () => {
  d = await createTestDatabase();
  a = await makeNetwork(d.db);
  b = await makeNetwork(d.db);
  admin = await actor('admin@example.test');
  mgrA = await actor('mgr.a@example.test', {
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  chars = Object.fromEntries(
    (await d.db.selectFrom('characteristics').select(['id', 'code']).execute()).map((c) => [
      c.code,
      c.id,
    ]),
  );
  spec = (
    await d.db
      .selectFrom('specifications')
      .select('id')
      .where('source', '=', 'SNI 06-2385-2006')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [site, code] of [
    [a.siteId, 'K1'],
    [a.siteId, 'K2'],
    [b.siteId, 'K3'],
  ] as const)
    machines.push(
      (
        await d.db
          .insertInto('machines')
          .values({
            site_id: site,
            code,
            name: `Ketel ${code}`,
            process: 'distillation',
            capabilities: ['distillation'],
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
});
afterAll(() => d.close());

describe('spc_points follows the inspection records', () => {
  it('recording an inspection writes one point per result a chart can use, labelled by its lot', async () => {
    const lot = await oilLot(a.siteId, machines[0]!, 'W-1');
    const rec = await inspect(lot, 31.25);
    const points = await pointsOf(rec.id);
    // No sample size: the two attribute results (no value) can serve no chart.
    expect(points).toHaveLength(7);
    const pa = points.find((p) => p.characteristic_id === chars.oil_patchouli_alcohol)!;
    expect(pa).toMatchObject({
      product_type: 'patchouli_oil',
      site_id: a.siteId,
      machine_id: machines[0],
      lot_code: 'W-1',
      value: 31.25,
      sample_size: null,
      defectives: null,
    });
    expect(pa.inspected_at.toISOString()).toBe(rec.inspectedAt);
    // With a sample and its defectives every result is a p-chart sample, attributes too.
    const lot2 = await oilLot(a.siteId, machines[0]!, 'W-2');
    const rec2 = await inspect(lot2, 31.5, { sampleSize: 4, defectives: 0 });
    const points2 = await pointsOf(rec2.id);
    expect(points2).toHaveLength(9);
    expect(points2.find((p) => p.characteristic_id === chars.oil_colour)).toMatchObject({
      value: null,
      sample_size: 4,
      defectives: 0,
    });
  });

  it('a correction replaces the superseded record’s points in the same transaction', async () => {
    await inspect(await oilLot(a.siteId, machines[1]!, 'W-3a'), 31.75);
    const lot = await oilLot(a.siteId, machines[1]!, 'W-3');
    const first = await inspect(lot, 25.5); // a typing error: fails the SNI minimum of 30
    expect(await pointsOf(first.id)).toHaveLength(7);
    const fixed = await inspect(lot, 32.5, { supersedesId: first.id });
    expect(await pointsOf(first.id)).toEqual([]);
    const after = await pointsOf(fixed.id);
    expect(after).toHaveLength(7);
    expect(after.find((p) => p.characteristic_id === chars.oil_patchouli_alcohol)!.value).toBe(
      32.5,
    );
    // The chart of this machine shows the corrected value once, not the superseded one.
    const chart = await spcChart(
      d.db,
      SpcQuery.parse({
        characteristicId: chars.oil_patchouli_alcohol,
        productType: 'patchouli_oil',
        machineId: machines[1],
      }),
      admin,
    );
    expect(chart.points.filter((p) => p.lotCode === 'W-3').map((p) => p.value)).toEqual([32.5]);
    // A correction whose transaction fails leaves the points as they were.
    await expect(
      d.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('inspections')
          .values({
            lot_id: lot,
            specification_id: spec,
            stage: 'final',
            verdict: 'pass',
            supersedes_id: fixed.id,
            inspector_label: 'lab',
            inspected_at: new Date(),
          })
          .execute();
        expect(
          await trx
            .selectFrom('spc_points')
            .select('inspection_id')
            .where('inspection_id', '=', fixed.id)
            .execute(),
        ).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await pointsOf(fixed.id)).toHaveLength(7);
  });

  it('rows written by plain SQL are derived too, and a lot relabelled carries its points along', async () => {
    const lot = await oilLot(b.siteId, machines[2]!, 'W-4');
    const old = await inspectBySql(lot, '31.7', new Date('2026-03-01T00:00:00Z'), null);
    expect((await pointsOf(old)).map((p) => p.value)).toEqual(expect.arrayContaining([31.7]));
    const fix = await inspectBySql(lot, '31.9', new Date('2026-03-01T01:00:00Z'), old);
    expect(await pointsOf(old)).toEqual([]);
    expect(await pointsOf(fix)).toHaveLength(2);
    await d.db.updateTable('lots').set({ code: 'W-4b' }).where('id', '=', lot).execute();
    expect((await pointsOf(fix)).map((p) => p.lot_code)).toEqual(['W-4b', 'W-4b']);
  });
});

// The chart computed directly from the records, as spcChart did before the read model. --------

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const finite = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;
const lines = (l: { centre: number; ucl: number; lcl: number }) => ({
  centre: round(l.centre),
  ucl: round(l.ucl),
  lcl: round(l.lcl),
});

async function directChart(db: Executor, q: SpcQuery, who: Actor): Promise<SpcChart> {
  const v = siteVisibility(who);
  let siteIds = await grantedSiteIds(db, v);
  if (q.siteId) siteIds = [q.siteId];
  let sel = db
    .selectFrom('inspection_results as r')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .innerJoin('lots as l', 'l.id', 'i.lot_id')
    .select(['r.value', 'i.inspected_at', 'i.sample_size', 'i.defectives', 'l.code'])
    .where('r.characteristic_id', '=', q.characteristicId)
    .where('l.product_type', '=', q.productType)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspections as x').select('x.id').whereRef('x.supersedes_id', '=', 'i.id'),
        ),
      ),
    );
  if (q.machineId)
    sel = sel.where(
      'l.job_id',
      'in',
      db.selectFrom('process_jobs').select('id').where('machine_id', '=', q.machineId),
    );
  if (siteIds) sel = sel.where('l.site_id', 'in', idsOrNone(siteIds));
  if (q.from) sel = sel.where('i.inspected_at', '>=', new Date(q.from));
  if (q.to) sel = sel.where('i.inspected_at', '<', new Date(q.to));
  const rows = await sel.orderBy('i.inspected_at').orderBy('i.id').execute();
  const char = (await repo.characteristicOf(db, q.characteristicId))!;
  const s = await repo.specLimits(db, char.id, q.productType);
  const specOut = s
    ? {
        lower: s.lower_limit === null ? null : Number(s.lower_limit),
        upper: s.upper_limit === null ? null : Number(s.upper_limit),
        source: s.source,
      }
    : null;
  const empty: SpcChart = {
    chart: q.chart,
    n: 0,
    unit: char.unit,
    limits: null,
    secondary: null,
    points: [],
    violations: [],
    spec: specOut,
    capability: null,
  };
  const present = (
    points: ArrayLike<number>,
    secondary: ArrayLike<number> | null,
    meta: { at: Date; code: string }[],
    violations: Violation[],
  ) => {
    const rules = new Map<number, number[]>();
    for (const x of violations) rules.set(x.index, [...(rules.get(x.index) ?? []), x.rule]);
    return Array.from(thinForChart(points, q.maxPoints, violations), (i) => ({
      index: i,
      at: meta[i]!.at.toISOString(),
      value: round(points[i]!),
      secondary: secondary && Number.isFinite(secondary[i]!) ? round(secondary[i]!) : null,
      lotCode: meta[i]!.code,
      rules: rules.get(i) ?? [],
    }));
  };
  if (q.chart === 'p') {
    const samples = rows.filter((r) => r.sample_size !== null && r.defectives !== null);
    if (samples.length < 2) return empty;
    const c = pChart(
      samples.map((r) => ({ n: r.sample_size!, defectives: r.defectives! })),
      q.baseline ? { baseline: q.baseline } : undefined,
    );
    const violations = westernElectric(c.points, c);
    let hi = -Infinity;
    let lo = Infinity;
    for (const x of c.ucl) hi = Math.max(hi, x);
    for (const x of c.lcl) lo = Math.min(lo, x);
    return {
      ...empty,
      n: samples.length,
      unit: 'p',
      limits: { centre: round(c.centre), ucl: round(hi), lcl: round(lo) },
      points: present(
        c.points,
        null,
        samples.map((r) => ({ at: r.inspected_at, code: r.code })),
        violations,
      ),
      violations,
    };
  }
  const withValue = rows.filter((r) => r.value !== null);
  const series = Float64Array.from(withValue, (r) => Number(r.value));
  const meta = withValue.map((r) => ({ at: r.inspected_at, code: r.code }));
  const m = series.length;
  if (m < 2) return empty;
  const baseline = (n: number) =>
    q.baseline === undefined ? undefined : { baseline: Math.max(2, Math.min(q.baseline, n)) };
  const capOf = (sigmaWithin?: number) => {
    if (!specOut || (specOut.lower === null && specOut.upper === null)) return null;
    const cap = capability(series, specOut, sigmaWithin ? { sigmaWithin } : undefined);
    return {
      mean: round(cap.mean),
      sdOverall: round(cap.sdOverall),
      sigmaWithin: round(cap.sigmaWithin),
      cp: finite(cap.cp),
      cpk: finite(cap.cpk),
      pp: finite(cap.pp),
      ppk: finite(cap.ppk),
    };
  };
  if (q.chart === 'xbar') {
    const k = q.subgroupSize;
    const groups: Float64Array[] = [];
    const groupMeta: { at: Date; code: string }[] = [];
    for (let i = 0; i + k <= m; i += k) {
      groups.push(series.subarray(i, i + k));
      groupMeta.push(meta[i + k - 1]!);
    }
    if (groups.length < 2) return { ...empty, capability: capOf() };
    const c = xbarR(groups, baseline(groups.length));
    const violations = westernElectric(c.xbar.points, c.xbar);
    return {
      ...empty,
      n: groups.length,
      limits: lines(c.xbar),
      secondary: lines(c.range),
      points: present(c.xbar.points, c.range.points, groupMeta, violations),
      violations,
      capability: capOf(c.sigmaWithin),
    };
  }
  const c = individualsMR(series, baseline(m));
  const violations = westernElectric(c.individuals.points, c.individuals);
  return {
    ...empty,
    n: m,
    limits: lines(c.individuals),
    secondary: lines(c.movingRange),
    points: present(c.individuals.points, c.movingRange.points, meta, violations),
    violations,
    capability: capOf(c.sigmaWithin),
  };
}

describe('a chart from spc_points equals the chart computed from the records', () => {
  it('on a seeded series (three machines, two sites, corrections, SQL-loaded records), for every kind of chart and filter', async () => {
    // 150 lots: a drifting series with values that need every digit of a double (and some that
    // have more digits than a double holds), on three machines; every 9th record is corrected
    // through the service, every 7th lot is recorded by plain SQL (some corrected that way).
    let x = 7;
    const rand = () => (x = (x * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 150; i++) {
      const machine = machines[i % 3]!;
      const lot = await oilLot(machine === machines[2] ? b.siteId : a.siteId, machine, `S-${i}`);
      const pa =
        Math.round((32 + 1.5 * Math.sin(i / 9) + rand() * 1.5 + (i === 77 ? 6 : 0)) * 1e6) / 1e6;
      if (i % 7 === 3) {
        const at = new Date((clock += 3_600_000));
        const text = i % 2 ? `${pa}123456789012345678` : String(pa);
        const id = await inspectBySql(lot, text, at, null, i % 3);
        if (i % 14 === 3) await inspectBySql(lot, String(pa + 0.5), at, id, 1);
        continue;
      }
      const rec = await inspect(lot, pa, {
        sampleSize: 5,
        defectives: 0, // varied on the SQL-loaded records: no switching to discontinued here
        acid: 4 + rand(),
      });
      if (i % 9 === 0)
        await inspect(lot, pa - 0.25, { supersedesId: rec.id, sampleSize: 5, defectives: 0 });
    }
    const base = {
      characteristicId: chars.oil_patchouli_alcohol,
      productType: 'patchouli_oil',
      maxPoints: 50,
    };
    const cases: [string, Record<string, unknown>, Actor][] = [
      ['I-MR, everything', {}, admin],
      ['I-MR, thinned hard', { maxPoints: 50 }, admin],
      ['I-MR, not thinned', { maxPoints: 2000 }, admin],
      ['I-MR, one machine', { machineId: machines[0] }, admin],
      ['I-MR, the other site', { siteId: b.siteId }, admin],
      ['I-MR, a site manager (their site only)', {}, mgrA],
      ['I-MR, a window', { from: '2026-02-01T05:00:00Z', to: '2026-06-01T08:00:00+07:00' }, admin],
      ['I-MR, phase I baseline', { baseline: 30 }, admin],
      ['X̄-R of 4', { chart: 'xbar', subgroupSize: 4 }, admin],
      ['X̄-R of 3, one machine', { chart: 'xbar', subgroupSize: 3, machineId: machines[1] }, admin],
      ['p chart', { chart: 'p' }, admin],
      [
        'p chart, another characteristic',
        { chart: 'p', characteristicId: chars.oil_colour },
        admin,
      ],
      ['I-MR, acid value', { characteristicId: chars.oil_acid_value }, mgrA],
      ['I-MR, an empty window', { from: '2030-01-01T00:00:00Z' }, admin],
    ];
    let drawn = 0;
    for (const [label, extra, who] of cases) {
      const q = SpcQuery.parse({ ...base, ...extra });
      const got = await spcChart(d.db, q, who);
      const want = await directChart(d.db, q, who);
      expect(got, label).toEqual(want);
      drawn += got.points.length;
    }
    // The comparison is not vacuous: long series, thinned, with signals.
    const all = await spcChart(d.db, SpcQuery.parse(base), admin);
    expect(all.n).toBeGreaterThan(140);
    expect(all.points.length).toBeLessThan(all.n);
    expect(all.violations.length).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThan(300);
  });

  it('the migration’s backfill derives exactly the points the triggers wrote', async () => {
    const all = () =>
      d.db
        .selectFrom('spc_points')
        .selectAll()
        .orderBy('inspection_id')
        .orderBy('characteristic_id')
        .execute();
    const written = await all();
    expect(written.length).toBeGreaterThan(1000);
    await d.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('spc_points').execute();
      await sql.raw(BACKFILL).execute(trx);
    });
    expect(await all()).toEqual(written);
  });

  it('inside a caller’s transaction too (no nested transaction)', async () => {
    const q = SpcQuery.parse({
      characteristicId: chars.oil_patchouli_alcohol,
      productType: 'patchouli_oil',
    });
    const inTrx = await d.db.transaction().execute((trx) => spcChart(trx, q, admin));
    expect(inTrx).toEqual(await spcChart(d.db, q, admin));
  });
});
