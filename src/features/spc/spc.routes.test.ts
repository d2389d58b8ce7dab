/** SPC over inspection results on a real database: a drifting patchouli-alcohol series. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork } from '../../../test/factories.js';
import {
  atSite,
  loggedInUser,
  makeCompletedBooking,
  makeCompletedJob,
  makeDistiller,
  memberOf,
} from '../../../test/toll-fixtures.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let mgr: Session;
let member: Session;
let pa: string;
let machine: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  mgr = await loggedInUser(t, 'mgr@example.test', atSite('site_manager', a.siteId));
  member = await loggedInUser(t, 'member@example.test', memberOf(a.orgId));
  pa = (
    await db
      .selectFrom('characteristics')
      .select('id')
      .where('code', '=', 'oil_patchouli_alcohol')
      .executeTakeFirstOrThrow()
  ).id;
  const spec = (
    await db
      .selectFrom('specifications')
      .select('id')
      .where('source', '=', 'SNI 06-2385-2006')
      .executeTakeFirstOrThrow()
  ).id;
  machine = await makeDistiller(db, a.siteId, { code: 'K1', name: 'Ketel' });
  // 30 lots: in control around 32%, then one far outlier (rule 1) at lot 25.
  const values = [
    32.1, 31.8, 32.4, 32.0, 31.9, 32.2, 32.3, 31.7, 32.0, 32.1, 31.9, 32.2, 32.0, 31.8, 32.1, 32.3,
    31.9, 32.0, 32.2, 31.8, 32.1, 32.0, 31.9, 32.2, 35.5, 32.0, 32.1, 31.9, 32.0, 32.2,
  ];
  for (const [i, v] of values.entries()) {
    const bookingId = await makeCompletedBooking(db, {
      machineId: machine,
      orgId: a.orgId,
      mode: 'self',
      bookedBy: 't',
      startsAt: new Date(Date.UTC(2026, 0, 1 + i, 1)),
      endsAt: new Date(Date.UTC(2026, 0, 1 + i, 5)),
    });
    const jobId = await makeCompletedJob(db, { siteId: a.siteId, machineId: machine, bookingId });
    const lot = await db
      .insertInto('lots')
      .values({
        site_id: a.siteId,
        code: `L-${i}`,
        kind: 'output',
        product_type: 'patchouli_oil',
        owner_org_id: a.orgId,
        quantity_kg: 10,
        job_id: jobId,
        status: 'released',
        received_at: new Date(),
        received_by_label: 't',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const insp = await db
      .insertInto('inspections')
      .values({
        lot_id: lot.id,
        specification_id: spec,
        stage: 'final',
        verdict: 'pass',
        inspector_label: 't',
        inspected_at: new Date(Date.UTC(2026, 0, 1 + i, 8)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('inspection_results')
      .values({ inspection_id: insp.id, characteristic_id: pa, value: v, passed: true })
      .execute();
  }
});

afterAll(() => t.close());

describe('control charts', () => {
  it('I-MR flags the outlier with rule 1 and reports capability against SNI (min 30%)', async () => {
    const res = await as(
      t.app,
      mgr,
    )({
      method: 'GET',
      url: `/api/spc?characteristicId=${pa}&productType=patchouli_oil&machineId=${machine}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.n).toBe(30);
    expect(c.spec).toEqual({ lower: 30, upper: null, source: 'SNI 06-2385-2006' });
    expect(c.violations).toContainEqual({ rule: 1, index: 24, side: 'above' });
    expect(c.points.find((p: { index: number }) => p.index === 24)).toMatchObject({
      lotCode: 'L-24',
      value: 35.5,
      rules: [1],
    });
    expect(c.capability.cp).toBeNull(); // one-sided specification
    expect(c.capability.cpk).toBeGreaterThan(1);
  });

  it('X̄-R in subgroups of 5, thinning keeps the signals, and members cannot read charts', async () => {
    const x = await as(
      t.app,
      mgr,
    )({
      method: 'GET',
      url: `/api/spc?characteristicId=${pa}&productType=patchouli_oil&chart=xbar&subgroupSize=5`,
    });
    expect(x.json()).toMatchObject({ chart: 'xbar', n: 6 });
    expect(x.json().secondary.lcl).toBe(0);
    const thin = await as(
      t.app,
      mgr,
    )({
      method: 'GET',
      url: `/api/spc?characteristicId=${pa}&productType=patchouli_oil&maxPoints=50`,
    });
    expect(thin.json().points.length).toBeLessThanOrEqual(50);
    expect(
      (
        await as(
          t.app,
          member,
        )({ method: 'GET', url: `/api/spc?characteristicId=${pa}&productType=patchouli_oil` })
      ).statusCode,
    ).toBe(403);
  });
});
