/**
 * Quality through the API on a real database: buyer specifications and inspection plans are
 * added and changed by those allowed (with every bad limit, unit and AQL refused field by
 * field, nothing written), a used specification never changes, a plan's edit retires it for a
 * successor; a lot without a certificate answers a translated 404, and the public
 * verification gives the site's time zone.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser } from '../../../test/factories.js';
import {
  atSite,
  characteristicIds,
  dayAfterDay,
  distilLeaves,
  loggedInUser,
  makeCompletedBooking,
  makeDistiller,
  makeOrganisation,
  memberOf,
  oilResults as sniOilResults,
  postInspection,
  workingHours,
} from '../../../test/toll-fixtures.js';
import { AQL_SERIES } from './quality.contract.js';
import { AQLS } from './quality.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let buyerOrg: string;
let machine: string;
let admin: Session;
let mgr: Session;
let mgrEn: Session;
let mgrB: Session;
let op: Session;
let member: Session;
let chars: Record<string, string>;
const SNI_OIL = '5a1e0000-0000-4000-8000-000000002385';

/** Completed bookings on the kettle, 08:00–14:00 WITA, one day after another from 1 August 2026. */
const bookingDay = dayAfterDay('2026-08-01');
const completedBooking = () =>
  makeCompletedBooking(t.database.db, {
    machineId: machine,
    orgId: a.orgId,
    ...workingHours(bookingDay()),
  });

/** An oil lot made from leaves at site a: quarantined by the seeded final plan. */
async function oilLot(oilKg = 8) {
  const { job } = await distilLeaves(t.app, op, {
    siteId: a.siteId,
    leaves: [{ ownerOrgId: a.orgId, kg: 400 }],
    booking: completedBooking,
    completion: {
      outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: oilKg }],
      wasteKg: 400 - oilKg,
    },
  });
  return job.outputs[0] as { id: string; status: string };
}

const oilResults = (pa: number) => sniOilResults(chars, pa);

/** A buyer's patchouli-oil specification based on the SNI one, with a stricter PA and a target. */
const buyerSpec = (over: Record<string, unknown> = {}) => ({
  productType: 'patchouli_oil',
  name: 'Minyak nilam — pembeli A',
  source: 'PT Pembeli A (berdasarkan SNI 06-2385-2006)',
  buyerOrgId: buyerOrg,
  items: [
    { characteristicId: chars.oil_colour, expectedPass: true },
    {
      characteristicId: chars.oil_specific_gravity,
      unit: '-',
      lower: 0.95,
      upper: 0.975,
      target: 0.962,
    },
    { characteristicId: chars.oil_patchouli_alcohol, unit: '%', lower: 32, target: 33 },
    { characteristicId: chars.oil_acid_value, unit: 'mg KOH/g', upper: 5 },
  ],
  ...over,
});

const specCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('specifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const activePlans = async () =>
  (
    await t.database.db
      .selectFrom('inspection_plans')
      .select(['id', 'aql'])
      .where('active', '=', true)
      .execute()
  ).length;

beforeAll(async () => {
  t = await createTestApp({ env: { RPB_SESSION_DAYS: '365' } });
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  buyerOrg = await makeOrganisation(db, 'buyer', 'PT Pembeli A');
  await db
    .insertInto('site_members')
    .values({ site_id: a.siteId, organisation_id: a.orgId })
    .execute();
  machine = await makeDistiller(db, a.siteId);
  admin = await loggedInUser(t, 'admin@example.test');
  mgr = await loggedInUser(t, 'mgr@example.test', atSite('site_manager', a.siteId));
  mgrEn = await loggedInUser(t, 'mgr-en@example.test', {
    ...atSite('site_manager', a.siteId),
    locale: 'en',
  });
  mgrB = await loggedInUser(t, 'mgr-b@example.test', atSite('site_manager', b.siteId));
  op = await loggedInUser(t, 'op@example.test', atSite('site_operator', a.siteId));
  member = await loggedInUser(t, 'member@example.test', memberOf(a.orgId));
  chars = await characteristicIds(db);
});

afterAll(() => t.close());

describe('certificates', () => {
  it('a lot without a certificate answers a translated 404 coa_not_found; the public page gives the site’s zone', async () => {
    const oil = await oilLot();
    expect(oil.status).toBe('quarantine');
    const none = await as(t.app, member)({ method: 'GET', url: `/api/lots/${oil.id}/certificate` });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({
      code: 'coa_not_found',
      message: 'Sertifikat hasil uji tidak ditemukan.',
    });
    const en = await as(t.app, mgrEn)({ method: 'GET', url: `/api/lots/${oil.id}/certificate` });
    expect(en.json().error.message).toBe('Certificate of analysis not found.');
    // Issuing needs a release; then the certificate is there and verifies publicly.
    const early = await as(t.app, op)({ method: 'POST', url: `/api/lots/${oil.id}/certificate` });
    expect(early.json().error.code).toBe('certificate_needs_release');
    const pass = await postInspection(t.app, op, oil.id, {
      stage: 'final',
      results: oilResults(32),
    });
    expect(pass.json().verdict, pass.body).toBe('pass');
    const cert = await as(t.app, op)({ method: 'POST', url: `/api/lots/${oil.id}/certificate` });
    expect(cert.statusCode, cert.body).toBe(201);
    const got = await as(t.app, member)({ method: 'GET', url: `/api/lots/${oil.id}/certificate` });
    expect(got.json()).toMatchObject({ id: cert.json().id, number: cert.json().number });
    const token = cert.json().verifyUrl.split('/verify/')[1];
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${token}` });
    expect(pub.json()).toMatchObject({ genuine: true, timeZone: 'Asia/Makassar' });
    // Each requirement in both languages for the public page (English without Indonesian words).
    const rows = pub.json().results as { requirement: string; requirementEn: string }[];
    expect(rows.some((r) => r.requirement !== r.requirementEn)).toBe(true);
    for (const r of rows) expect(r.requirementEn).not.toMatch(/maks\.|memenuhi|tidak ada/);
  });
});

describe('specifications', () => {
  it('a site manager adds a buyer’s specification based on a standard; staff read it, only editors get buyers', async () => {
    const res = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: '/api/specifications', payload: buyerSpec() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      productType: 'patchouli_oil',
      buyerOrgId: buyerOrg,
      buyerName: 'PT Pembeli A',
      inspectionCount: 0,
      canEdit: true,
    });
    expect(res.json().items.map((i: { target: number | null }) => i.target)).toEqual([
      null,
      0.962,
      33,
      null,
    ]);
    expect(res.json().items[0]).toMatchObject({ expectedPass: true, lower: null });

    const forMgr = (await as(t.app, mgr)({ method: 'GET', url: '/api/specifications' })).json();
    expect(forMgr.canCreate).toBe(true);
    expect(forMgr.buyers).toEqual([{ id: buyerOrg, name: 'PT Pembeli A' }]);
    // A standard (no buyer) is the administrators' to change.
    expect(forMgr.items.find((s: { id: string }) => s.id === SNI_OIL).canEdit).toBe(false);
    const forOp = (await as(t.app, op)({ method: 'GET', url: '/api/specifications' })).json();
    expect(forOp).toMatchObject({ canCreate: false, buyers: [] });
    expect(forOp.items.every((s: { canEdit: boolean }) => !s.canEdit)).toBe(true);
    const forAdmin = (await as(t.app, admin)({ method: 'GET', url: '/api/specifications' })).json();
    expect(forAdmin.items.every((s: { canEdit: boolean }) => s.canEdit)).toBe(true);

    for (const who of [op, member]) {
      const no = await as(
        t.app,
        who,
      )({ method: 'POST', url: '/api/specifications', payload: buyerSpec() });
      expect(no.statusCode).toBe(403);
    }
  });

  it('refuses bad limits, units, ranges and characteristics field by field, in the user’s language, writing nothing', async () => {
    const before = await specCount();
    const bad = async (session: Session, items: unknown[]) => {
      const res = await as(
        t.app,
        session,
      )({ method: 'POST', url: '/api/specifications', payload: buyerSpec({ items }) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      return res.json().error.details.fields as { path: string; code: string; message: string }[];
    };
    const sg = { characteristicId: chars.oil_specific_gravity, unit: '-' };
    expect(await bad(mgr, [{ ...sg, lower: 0.98, upper: 0.95 }])).toEqual([
      {
        path: 'items.0.upper',
        code: 'spec_limits_order',
        message:
          'Bobot jenis 25 °C/25 °C: harus batas bawah ≤ target ≤ batas atas (0.98 ≤ - ≤ 0.95).',
      },
    ]);
    expect(await bad(mgrEn, [{ ...sg, lower: 0.95, upper: 0.975, target: 0.99 }])).toEqual([
      {
        path: 'items.0.target',
        code: 'spec_limits_order',
        message:
          'Specific gravity 25 °C/25 °C: needs lower ≤ target ≤ upper (0.95 ≤ 0.99 ≤ 0.975).',
      },
    ]);
    const pa = { characteristicId: chars.oil_patchouli_alcohol };
    const wrongUnit = await bad(mgr, [{ ...pa, unit: 'mg/kg', lower: 30 }]);
    expect(wrongUnit).toMatchObject([{ path: 'items.0.unit', code: 'spec_unit_mismatch' }]);
    expect(wrongUnit[0]!.message).toBe('Patchouli alcohol (C15H26O) diukur dalam %, bukan mg/kg.');
    // 300 % patchouli alcohol: the value was meant in another unit.
    expect(await bad(mgr, [{ ...pa, lower: 300 }])).toMatchObject([
      { path: 'items.0.lower', code: 'spec_limit_out_of_range' },
    ]);
    expect(await bad(mgr, [{ ...pa }])).toMatchObject([
      { path: 'items.0.lower', code: 'spec_numeric_needs_limit' },
    ]);
    expect(
      await bad(mgr, [{ characteristicId: chars.oil_colour, expectedPass: true, upper: 3 }]),
    ).toMatchObject([{ path: 'items.0.lower', code: 'spec_attribute_limits' }]);
    expect(
      await bad(mgr, [
        { ...pa, lower: 30 },
        { ...pa, lower: 31 },
      ]),
    ).toMatchObject([{ path: 'items.1.characteristicId', code: 'spec_duplicate_characteristic' }]);
    // Several problems at once, each at its field.
    expect(
      (
        await bad(mgr, [
          { ...sg, lower: 2, upper: 0.9 },
          { ...pa, unit: 'g' },
        ])
      ).map((f) => f.path),
    ).toEqual(['items.0.lower', 'items.0.upper', 'items.1.unit', 'items.1.lower']);

    const unknown = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: '/api/specifications', payload: buyerSpec({ productType: 'gold' }) });
    expect(unknown.json().error.code).toBe('product_type_unknown');
    const notBuyer = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: '/api/specifications', payload: buyerSpec({ buyerOrgId: a.orgId }) });
    expect(notBuyer.json().error.code).toBe('buyer_not_found');
    expect(await specCount()).toBe(before);
  });

  it('changes a specification while unused; a used one is refused (saved as new instead); standards only by administrators', async () => {
    const spec = (
      await as(t.app, mgr)({ method: 'POST', url: '/api/specifications', payload: buyerSpec() })
    ).json();
    const edited = await as(
      t.app,
      mgr,
    )({
      method: 'PUT',
      url: `/api/specifications/${spec.id}`,
      payload: buyerSpec({
        name: 'Minyak nilam — pembeli A (2027)',
        items: [
          { characteristicId: chars.oil_patchouli_alcohol, unit: '%', lower: 31, target: 32 },
          { characteristicId: chars.oil_iron, upper: 20 },
        ],
      }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: spec.id, name: 'Minyak nilam — pembeli A (2027)' });
    expect(
      edited.json().items.map((i: { characteristic: { code: string } }) => i.characteristic.code),
    ).toEqual(['oil_patchouli_alcohol', 'oil_iron']);

    // A failed edit leaves it as it was (items are replaced in the same transaction).
    const half = await as(
      t.app,
      mgr,
    )({
      method: 'PUT',
      url: `/api/specifications/${spec.id}`,
      payload: buyerSpec({ items: [{ characteristicId: chars.oil_iron, upper: 20, lower: 30 }] }),
    });
    expect(half.statusCode).toBe(400);
    const still = (await as(t.app, mgr)({ method: 'GET', url: '/api/specifications' }))
      .json()
      .items.find((s: { id: string }) => s.id === spec.id);
    expect(still.items).toHaveLength(2);

    // Standards: a manager may not change one, an administrator may (while it is unused).
    const std = (
      await as(
        t.app,
        admin,
      )({
        method: 'POST',
        url: '/api/specifications',
        payload: buyerSpec({ buyerOrgId: null, name: 'Standar uji', source: 'SNI X' }),
      })
    ).json();
    const put = (s: Session, id: string, body = buyerSpec({ buyerOrgId: null })) =>
      as(t.app, s)({ method: 'PUT', url: `/api/specifications/${id}`, payload: body });
    expect((await put(mgr, std.id)).statusCode).toBe(403);
    expect((await put(admin, std.id)).statusCode).toBe(200);
    expect((await put(mgr, '00000000-0000-4000-8000-000000000000')).json().error.code).toBe(
      'specification_not_found',
    );

    // Inspect a lot against the buyer's specification: from then on it cannot change.
    const oil = await oilLot();
    const ins = await postInspection(t.app, op, oil.id, {
      stage: 'in_process',
      specificationId: spec.id,
      results: [
        { characteristicId: chars.oil_patchouli_alcohol, value: 33 },
        { characteristicId: chars.oil_iron, value: 10 },
      ],
    });
    expect(ins.statusCode, ins.body).toBe(201);
    const used = await put(mgr, spec.id, buyerSpec());
    expect(used.statusCode).toBe(409);
    expect(used.json().error).toMatchObject({ code: 'specification_in_use' });
    expect(used.json().error.message).toContain('1 catatan pemeriksaan');
  });
});

describe('inspection plans', () => {
  const plan = (over: Record<string, unknown> = {}) => ({
    siteId: a.siteId,
    productType: 'patchouli_oil',
    stage: 'in_process',
    specificationId: SNI_OIL,
    inspectionLevel: 'S-3',
    aql: 0.65,
    unitKg: 1,
    ...over,
  });
  type PlanT = { id: string; siteId: string | null; stage: string; aql: number; canEdit: boolean };

  it('keeps the AQL series of the sampling tables in the contract', () => {
    expect([...AQL_SERIES]).toEqual([...AQLS]);
  });

  it('a site manager adds a plan for the site; bad AQLs, products and specifications are refused, nothing written', async () => {
    const before = await activePlans();
    const post = (s: Session, body: unknown) =>
      as(t.app, s)({ method: 'POST', url: '/api/inspection-plans', payload: body });
    const aql = await post(mgr, plan({ aql: 0.7 }));
    expect(aql.statusCode).toBe(422);
    expect(aql.json().error).toMatchObject({ code: 'aql_not_in_series' });
    expect(aql.json().error.message).toContain('AQL 0.7 bukan nilai baku ISO 2859-1');
    expect((await post(mgr, plan({ productType: 'gold' }))).json().error.code).toBe(
      'product_type_unknown',
    );
    expect((await post(mgr, plan({ productType: 'cocoa_beans' }))).json().error.code).toBe(
      'specification_wrong_product',
    );
    expect((await post(mgr, plan({ siteId: null }))).statusCode).toBe(403);
    expect((await post(mgrB, plan())).statusCode).toBe(403);
    expect((await post(op, plan())).statusCode).toBe(403);
    expect(await activePlans()).toBe(before);

    const ok = await post(mgr, plan());
    expect(ok.statusCode, ok.body).toBe(201);
    const mine = (ok.json().items as PlanT[]).find((p) => p.siteId === a.siteId)!;
    expect(mine).toMatchObject({ stage: 'in_process', aql: 0.65, canEdit: true });
    expect(
      (ok.json().items as PlanT[]).filter((p) => p.siteId === null).map((p) => p.canEdit),
    ).toEqual([false, false]);
    expect((await post(mgr, plan())).json().error.code).toBe('plan_exists');
    expect(await activePlans()).toBe(before + 1);
  });

  it('an edit retires the plan and starts its successor for the same site; only its editors may', async () => {
    const list = (await as(t.app, mgr)({ method: 'GET', url: '/api/inspection-plans' })).json()
      .items as PlanT[];
    const mine = list.find((p) => p.siteId === a.siteId)!;
    const put = (s: Session, id: string, body: unknown) =>
      as(t.app, s)({ method: 'PUT', url: `/api/inspection-plans/${id}`, payload: body });
    const { siteId: _site, ...edit } = plan({ aql: 1.5, inspectionLevel: 'II' });
    expect((await put(mgrB, mine.id, edit)).statusCode).toBe(403);
    expect((await put(mgr, mine.id, { ...edit, aql: 1.2 })).json().error.code).toBe(
      'aql_not_in_series',
    );
    const res = await put(mgr, mine.id, edit);
    expect(res.statusCode, res.body).toBe(200);
    const next = (res.json().items as PlanT[]).find((p) => p.siteId === a.siteId)!;
    expect(next.id).not.toBe(mine.id);
    expect(next).toMatchObject({ aql: 1.5, stage: 'in_process', canEdit: true });
    const old = await t.database.db
      .selectFrom('inspection_plans')
      .select('active')
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(old.active).toBe(false);
    expect((await put(mgr, mine.id, edit)).json().error.code).toBe('plan_not_found');
    // The network-wide plans are the administrators'.
    const network = list.find((p) => p.siteId === null && p.stage === 'final')!;
    expect((await put(mgr, network.id, { ...edit, stage: 'final' })).statusCode).toBe(403);
    const byAdmin = await put(admin, network.id, {
      ...edit,
      productType: (
        await t.database.db
          .selectFrom('inspection_plans')
          .select('product_type')
          .where('id', '=', network.id)
          .executeTakeFirstOrThrow()
      ).product_type,
      specificationId: (
        await t.database.db
          .selectFrom('inspection_plans')
          .select('specification_id')
          .where('id', '=', network.id)
          .executeTakeFirstOrThrow()
      ).specification_id,
      stage: 'final',
      aql: 2.5,
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(
      (byAdmin.json().items as PlanT[]).filter((p) => p.siteId === null && p.canEdit),
    ).toHaveLength(2);
  });
});

// Issue #6 gaps: the switching history, the gate and dispositions, pooled owners, certificates
// per language, the SPC e-mail ---------------------------------------------------------------

/** Site, member, staff and machine of a network of its own (its sampling history is its own). */
async function ownSite(tag: string) {
  const db = t.database.db;
  const n = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values({ site_id: n.siteId, organisation_id: n.orgId })
    .execute();
  const machineId = await makeDistiller(db, n.siteId, { code: `KTL-${tag}`, name: `Ketel ${tag}` });
  return {
    ...n,
    machineId,
    mgr: await loggedInUser(t, `mgr-${tag}@example.test`, {
      ...atSite('site_manager', n.siteId),
      locale: 'en',
    }),
    op: await loggedInUser(t, `op-${tag}@example.test`, {
      ...atSite('site_operator', n.siteId),
      locale: 'id',
    }),
  };
}

/** Completed bookings of their own days (2027 on, 08:00–14:00 WITA), so they never overlap. */
const slotDay = dayAfterDay('2027-01-01');
const bookingOn = (machineId: string, orgId: string) =>
  makeCompletedBooking(t.database.db, { machineId, orgId, ...workingHours(slotDay()) });

/** An oil lot distilled on a machine from the leaves of one or more owners (pooled then). */
async function distilled(
  s: Session,
  site: { siteId: string; machineId: string },
  owners: string[],
  oilKg = 8,
) {
  const { job } = await distilLeaves(t.app, s, {
    siteId: site.siteId,
    leaves: owners.map((ownerOrgId) => ({ ownerOrgId, kg: 200 })),
    booking: () => bookingOn(site.machineId, owners[0]!),
    pooled: owners.length > 1,
    completion: {
      outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: oilKg }],
      wasteKg: 200 * owners.length - oilKg,
    },
  });
  return job.outputs[0].id as string;
}

let minute = 0;
/** Each inspection a minute after the last: the history is ordered by time. */
const tick = () => t.clock.set(new Date(Date.UTC(2027, 5, 1) + ++minute * 60_000));

const inspect = async (s: Session, lotId: string, payload: Record<string, unknown>) => {
  tick();
  return as(t.app, s)({ method: 'POST', url: `/api/lots/${lotId}/inspections`, payload });
};
const sampling = async (s: Session, lotId: string) =>
  (await as(t.app, s)({ method: 'GET', url: `/api/lots/${lotId}/sampling?stage=final` })).json();
const statusOf = async (lotId: string) =>
  (
    await t.database.db
      .selectFrom('lots')
      .select('status')
      .where('id', '=', lotId)
      .executeTakeFirstOrThrow()
  ).status;

/** Closes an NC with a disposition (root cause, one action done, verification). */
async function closeWith(s: Session, ncId: string, disposition: string) {
  const patch = await as(
    t.app,
    s,
  )({
    method: 'PATCH',
    url: `/api/non-conformances/${ncId}`,
    payload: { disposition, rootCause: 'Suling terlalu singkat', verification: 'Diperiksa ulang' },
  });
  expect(patch.statusCode, patch.body).toBe(200);
  const action = await as(
    t.app,
    s,
  )({
    method: 'POST',
    url: `/api/non-conformances/${ncId}/actions`,
    payload: { description: 'Perpanjang waktu suling', dueOn: '2027-07-01' },
  });
  const actionId = (action.json().actions as { id: string; doneAt: string | null }[]).find(
    (x) => !x.doneAt,
  )!.id;
  await as(t.app, s)({ method: 'POST', url: `/api/nc-actions/${actionId}/done` });
  return as(t.app, s)({ method: 'POST', url: `/api/non-conformances/${ncId}/close` });
}

describe('ISO 2859-1 switching over a plan’s history', () => {
  it('counts each lot once (as corrected) per site; after 8 rejected lots inspection is discontinued with a translated notice until a manager restarts it at tightened', async () => {
    const c = await ownSite('sw');
    const fail = { stage: 'final', results: oilResults(28) };
    const pass = { stage: 'final', results: oilResults(32) };
    // Lot 1 was typed wrong: the correction (accepted) replaces the rejection in the history.
    const l1 = await distilled(c.op, c, [c.orgId]);
    const wrong = await inspect(c.op, l1, fail);
    expect(wrong.json().verdict).toBe('fail');
    expect((await inspect(c.op, l1, { ...pass, supersedesId: wrong.json().id })).statusCode).toBe(
      201,
    );
    // Lot 2 rejected, and inspected again after rework: a resubmitted lot is not a new lot.
    const l2 = await distilled(c.op, c, [c.orgId]);
    expect((await inspect(c.op, l2, fail)).json().verdict).toBe('fail');
    expect((await inspect(c.op, l2, fail)).json().verdict).toBe('fail');
    const probe = await distilled(c.op, c, [c.orgId]);
    expect(await sampling(c.op, probe)).toMatchObject({ severity: 'normal', discontinued: false });
    // Lot 3 rejected: 2 of the last 3 lots → tightened.
    const l3 = await distilled(c.op, c, [c.orgId]);
    await inspect(c.op, l3, fail);
    expect(await sampling(c.op, probe)).toMatchObject({
      severity: 'tightened',
      discontinued: false,
    });
    // Five rejected lots on tightened (lots 4–8) → discontinued: 7 rejected lots, 8 rejections.
    for (let i = 4; i <= 8; i++) {
      const lot = await distilled(c.op, c, [c.orgId]);
      const r = await inspect(c.op, lot, { ...fail, sampleSize: 8, defectives: 0 });
      expect(r.statusCode, r.body).toBe(201);
    }
    const stopped = await as(
      t.app,
      c.op,
    )({ method: 'GET', url: `/api/lots/${probe}/sampling?stage=final` });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({
      severity: 'tightened',
      discontinued: true,
      sampleSize: null,
      canRestart: false,
    });
    expect(stopped.json().notice).toContain('dihentikan');
    const en = await sampling(c.mgr, probe);
    expect(en).toMatchObject({ discontinued: true, canRestart: true });
    expect(en.notice).toContain("until the supplier's quality is improved");
    // The inspections list still answers, and no lot is inspected for acceptance now.
    expect(
      (await as(t.app, c.op)({ method: 'GET', url: `/api/lots/${probe}/inspections` })).statusCode,
    ).toBe(200);
    const refused = await inspect(c.op, probe, { ...pass, sampleSize: 8, defectives: 0 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('sampling_discontinued');
    expect(refused.json().error.message).toContain('ISO 2859-1');
    // Another site's lots have a history of their own.
    const elsewhere = await distilled(op, { siteId: a.siteId, machineId: machine }, [a.orgId]);
    expect((await sampling(op, elsewhere)).discontinued).toBe(false);
    // Only a manager of the site restarts, with a reason; then tightened from the lots after.
    const restart = (s: Session) =>
      as(
        t.app,
        s,
      )({
        method: 'POST',
        url: `/api/lots/${probe}/sampling/restart`,
        payload: {
          stage: 'final',
          reason: 'Pemasok mengganti daun dan memperpanjang waktu suling',
        },
      });
    expect((await restart(c.op)).statusCode).toBe(403);
    expect((await restart(mgrB)).statusCode).toBe(404);
    tick();
    const resumed = await restart(c.mgr);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({
      severity: 'tightened',
      discontinued: false,
      notice: null,
    });
    expect((await restart(c.mgr)).json().error.code).toBe('sampling_not_discontinued');
    // Lots 9 and 10 rejected after the restart: 9 rejected lots in all, still tightened.
    for (let i = 9; i <= 10; i++) {
      const lot = await distilled(c.op, c, [c.orgId]);
      expect((await inspect(c.op, lot, fail)).statusCode).toBe(201);
    }
    expect(await sampling(c.op, probe)).toMatchObject({
      severity: 'tightened',
      discontinued: false,
    });
    expect(
      await t.database.db
        .selectFrom('sampling_restarts')
        .select(['reason', 'owner_org_id'])
        .where('site_id', '=', c.siteId)
        .execute(),
    ).toEqual([
      { reason: 'Pemasok mengganti daun dan memperpanjang waktu suling', owner_org_id: null },
    ]);
  });
});

describe('reduced inspection: the responsible authority’s approval (ISO 2859-1 9.3.3 c)', () => {
  it('10 accepted lots at Ac 2 reach switching score 30: reduced only with approval; withdrawing it returns to normal; the history goes on', async () => {
    const c = await ownSite('red');
    // The site's own final plan: 8 kg lots of 0.01 kg units = 800 units → letter J at level II,
    // AQL 1.0: normal n 80, Ac 2 / Re 3; reduced n 32, Ac 1 / Re 2.
    const created = await as(
      t.app,
      c.mgr,
    )({
      method: 'POST',
      url: '/api/inspection-plans',
      payload: {
        siteId: c.siteId,
        productType: 'patchouli_oil',
        stage: 'final',
        specificationId: SNI_OIL,
        inspectionLevel: 'II',
        aql: 1.0,
        unitKg: 0.01,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    type P = {
      id: string;
      siteId: string | null;
      stage: string;
      reducedAllowed: boolean;
      reducedApprovedBy: string | null;
      reducedApprovedAt: string | null;
    };
    const mine = (body: { items: P[] }) =>
      body.items.find((p) => p.siteId === c.siteId && p.stage === 'final')!;
    const planId = mine(created.json()).id;
    expect(mine(created.json())).toMatchObject({
      reducedAllowed: false,
      reducedApprovedBy: null,
      reducedApprovedAt: null,
    });
    const probe = await distilled(c.op, c, [c.orgId]);
    expect(await sampling(c.op, probe)).toMatchObject({
      planId,
      severity: 'normal',
      codeLetter: 'J',
      sampleSize: 80,
      accept: 2,
    });
    // Ten accepted lots with 0 defectives: +3 each (0 ≤ Ac 1 one step tighter) → score 30.
    for (let i = 0; i < 10; i++) {
      const lot = await distilled(c.op, c, [c.orgId]);
      const r = await inspect(c.op, lot, {
        stage: 'final',
        results: oilResults(32),
        sampleSize: 80,
        defectives: 0,
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().verdict).toBe('pass');
    }
    // Without the authority's approval: still normal, whatever the score.
    expect(await sampling(c.op, probe)).toMatchObject({ severity: 'normal', sampleSize: 80 });

    const decide = (s: Session, allowed: boolean, id = planId) =>
      as(
        t.app,
        s,
      )({
        method: 'POST',
        url: `/api/inspection-plans/${id}/reduced`,
        payload: { allowed, reason: allowed ? 'Mutu stabil 10 lot' : 'Ganti pemasok daun' },
      });
    // Only administrators and the site's managers decide; a reason is required.
    expect((await decide(c.op, true)).statusCode).toBe(403);
    expect((await decide(mgrB, true)).statusCode).toBe(403);
    const noReason = await as(
      t.app,
      c.mgr,
    )({
      method: 'POST',
      url: `/api/inspection-plans/${planId}/reduced`,
      payload: { allowed: true, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await decide(c.mgr, true, '00000000-0000-4000-8000-000000000000')).json().error.code,
    ).toBe('plan_not_found');
    expect(await sampling(c.op, probe)).toMatchObject({ severity: 'normal' });

    tick();
    const approved = await decide(c.mgr, true);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(mine(approved.json())).toMatchObject({
      id: planId, // not retired: the history goes on
      reducedAllowed: true,
      reducedApprovedAt: t.clock.now().toISOString(),
    });
    expect(mine(approved.json()).reducedApprovedBy).toBeTruthy();
    // Score 30, steady production, approval → reduced: n 32, Ac 1 / Re 2.
    expect(await sampling(c.op, probe)).toMatchObject({
      planId,
      severity: 'reduced',
      codeLetter: 'J',
      sampleSize: 32,
      accept: 1,
      reject: 2,
    });
    // A lot accepted on reduced inspection keeps it reduced.
    const onReduced = await distilled(c.op, c, [c.orgId]);
    const r11 = await inspect(c.op, onReduced, {
      stage: 'final',
      results: oilResults(32),
      sampleSize: 32,
      defectives: 0,
    });
    expect(r11.statusCode, r11.body).toBe(201);
    expect(await sampling(c.op, probe)).toMatchObject({ severity: 'reduced', sampleSize: 32 });

    // Withdrawn (9.3.4 c): the next lot is on normal inspection again.
    tick();
    const withdrawn = await decide(admin, false);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(mine(withdrawn.json())).toMatchObject({ id: planId, reducedAllowed: false });
    expect(await sampling(c.op, probe)).toMatchObject({
      planId,
      severity: 'normal',
      sampleSize: 80,
      accept: 2,
    });
    // Each decision is in the audit log, with its reason.
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', planId)
      .where('action', '=', 'inspection_plan.reduced')
      .orderBy('at')
      .execute();
    expect(audit.map((x) => x.after)).toEqual([
      { reducedAllowed: true, reason: 'Mutu stabil 10 lot' },
      { reducedAllowed: false, reason: 'Ganti pemasok daun' },
    ]);
  });
});

describe('the gate: a rejected lot leaves “rejected” only through its NC', () => {
  let g: Awaited<ReturnType<typeof ownSite>>;
  beforeAll(async () => {
    g = await ownSite('gate');
  });
  const rejectedLot = async () => {
    const lot = await distilled(g.op, g, [g.orgId]);
    const r = await inspect(g.op, lot, { stage: 'final', results: oilResults(28) });
    expect(r.json().verdict).toBe('fail');
    return { lot, inspectionId: r.json().id as string, ncId: r.json().nonConformanceId as string };
  };
  const handOver = (lotId: string) =>
    as(
      t.app,
      g.op,
    )({
      method: 'POST',
      url: `/api/lots/${lotId}/handovers`,
      payload: { kg: 8, receivedByName: 'Pemilik' },
    });
  const rawHandover = (lotId: string, nonconforming = false) =>
    t.database.db
      .insertInto('handovers')
      .values({
        lot_id: lotId,
        to_org_id: g.orgId,
        kg: 1,
        handed_at: new Date(),
        handed_by_label: 'sql',
        received_by_name: 'x',
        nonconforming_return: nonconforming,
      })
      .returning('nonconforming_return')
      .executeTakeFirstOrThrow();

  it('a new passing inspection leaves it rejected while the NC is open; a correction of the rejecting record releases it', async () => {
    const { lot, inspectionId, ncId } = await rejectedLot();
    const again = await inspect(g.op, lot, { stage: 'final', results: oilResults(32) });
    expect(again.json().verdict).toBe('pass');
    expect(await statusOf(lot)).toBe('rejected');
    expect((await handOver(lot)).json().error.code).toBe('lot_not_released');
    await expect(rawHandover(lot)).rejects.toMatchObject({ code: '23514' });
    const nc = await as(t.app, g.mgr)({ method: 'GET', url: `/api/non-conformances/${ncId}` });
    expect(nc.json().status).toBe('open');
    // The rejection itself was a typing mistake: its correction withdraws the NC's basis.
    const fixed = await inspect(g.op, lot, {
      stage: 'final',
      results: oilResults(30.5),
      supersedesId: inspectionId,
    });
    expect(fixed.json().verdict).toBe('pass');
    expect(await statusOf(lot)).toBe('released');
  });

  it('with two NCs open the lot moves only when the last closes; rework sends it back to quarantine for re-inspection', async () => {
    const { lot, ncId } = await rejectedLot();
    const second = await inspect(g.op, lot, { stage: 'final', results: oilResults(29) });
    expect((await closeWith(g.mgr, ncId, 'downgrade')).json().status).toBe('closed');
    expect(await statusOf(lot)).toBe('rejected');
    expect((await closeWith(g.mgr, second.json().nonConformanceId, 'rework')).statusCode).toBe(200);
    expect(await statusOf(lot)).toBe('quarantine');
    expect(
      (await inspect(g.op, lot, { stage: 'final', results: oilResults(33) })).json().verdict,
    ).toBe('pass');
    expect(await statusOf(lot)).toBe('released');
  });

  it('scrap writes the lot off: out of stock, never inspected, handed over or processed again — API and SQL', async () => {
    const { lot, ncId } = await rejectedLot();
    const stockKg = async () =>
      (
        (await as(t.app, g.mgr)({ method: 'GET', url: `/api/stock?siteId=${g.siteId}` })).json()
          .items as { productType: string; kg: number }[]
      )
        .filter((i) => i.productType === 'patchouli_oil')
        .reduce((s, i) => s + i.kg, 0);
    const closed = await closeWith(g.mgr, ncId, 'scrap');
    expect(closed.json()).toMatchObject({ status: 'closed', disposition: 'scrap' });
    expect(await statusOf(lot)).toBe('scrapped');
    const lotJson = (await as(t.app, g.op)({ method: 'GET', url: `/api/lots/${lot}` })).json();
    expect(lotJson).toMatchObject({ status: 'scrapped', canHandOver: false });
    const before = await stockKg();
    const other = await distilled(g.op, g, [g.orgId]);
    expect((await stockKg()) - before).toBeCloseTo(8, 3); // a live lot counts, the scrapped one not
    expect(other).not.toBe(lot);
    expect((await handOver(lot)).json().error.code).toBe('lot_not_released');
    await expect(rawHandover(lot)).rejects.toMatchObject({ code: '23514' });
    expect(
      (await inspect(g.op, lot, { stage: 'final', results: oilResults(33) })).json().error.code,
    ).toBe('inspection_wrong_stage');
  });

  it('return sends the lot back as it is: handed over, and the handover is marked as a return of non-conforming material', async () => {
    const { lot, ncId } = await rejectedLot();
    expect((await closeWith(g.mgr, ncId, 'return')).json().status).toBe('closed');
    expect(await statusOf(lot)).toBe('returned');
    expect(
      (await as(t.app, g.op)({ method: 'GET', url: `/api/lots/${lot}` })).json(),
    ).toMatchObject({
      status: 'returned',
      canHandOver: true,
    });
    // Raw SQL may not pass it off as a normal handover: the trigger marks it.
    expect(await rawHandover(lot, false)).toEqual({ nonconforming_return: true });
    const h = await as(
      t.app,
      g.op,
    )({
      method: 'POST',
      url: `/api/lots/${lot}/handovers`,
      payload: { kg: 7, receivedByName: 'Pemilik' },
    });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json().status).toBe('handed_over');
    const rows = await t.database.db
      .selectFrom('handovers')
      .select('nonconforming_return')
      .where('lot_id', '=', lot)
      .execute();
    expect(rows.map((r) => r.nonconforming_return)).toEqual([true, true]);
    // …and a released lot's handover can never be marked as a return.
    const ok = await distilled(g.op, g, [g.orgId]);
    await inspect(g.op, ok, { stage: 'final', results: oilResults(32) });
    expect(await rawHandover(ok, true)).toEqual({ nonconforming_return: false });
  });
});

describe('a pooled lot’s owners; certificates per language; the SPC e-mail', () => {
  it('each owner of a pooled lot reads its inspections, sampling and certificate; the English PDF has no Indonesian requirement words', async () => {
    const db = t.database.db;
    const p = await ownSite('pool');
    const other = await makeOrganisation(db, 'umkm', 'UMKM Mitra');
    await db
      .insertInto('site_members')
      .values({ site_id: p.siteId, organisation_id: other })
      .execute();
    const owner = await loggedInUser(t, 'pool-owner@example.test', {
      ...memberOf(other),
      locale: 'en',
    });
    const stranger = await loggedInUser(t, 'pool-stranger@example.test', {
      ...memberOf(a.orgId),
      locale: 'en',
    });
    const lot = await distilled(p.op, p, [p.orgId, other]);
    expect(
      (await inspect(p.op, lot, { stage: 'final', results: oilResults(32.4) })).json().verdict,
    ).toBe('pass');
    const cert = await as(t.app, p.mgr)({ method: 'POST', url: `/api/lots/${lot}/certificate` });
    expect(cert.statusCode, cert.body).toBe(201);
    for (const url of [
      `/api/lots/${lot}/inspections`,
      `/api/lots/${lot}/sampling?stage=final`,
      `/api/lots/${lot}/certificate`,
      `/api/certificates/${cert.json().id}/pdf?lang=en`,
    ]) {
      expect((await as(t.app, owner)({ method: 'GET', url })).statusCode, url).toBe(200);
      expect((await as(t.app, stranger)({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const text = async (lang: 'id' | 'en') => {
      const pdf = await as(
        t.app,
        owner,
      )({
        method: 'GET',
        url: `/api/certificates/${cert.json().id}/pdf?lang=${lang}`,
      });
      const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
      const out = (await parser.getText()).text;
      await parser.destroy();
      return out;
    };
    const id = await text('id');
    expect(id).toContain('maks. 8');
    expect(id).toContain('memenuhi');
    const en = await text('en');
    expect(en).toContain('max. 8');
    expect(en).toContain('min. 30');
    expect(en).toContain('conforms');
    expect(en).not.toMatch(/maks|memenuhi|tidak|Kesimpulan/i);
  });

  it('a value that completes a Western Electric rule e-mails each manager of the site once, in their language', async () => {
    const s = await ownSite('spc');
    await makeUser(t.database.db, {
      email: 'mgr-spc-id@example.test',
      ...atSite('site_manager', s.siteId),
      locale: 'id',
    });
    const outbox = () =>
      t.database.db
        .selectFrom('outbox_messages')
        .select(['to_address as to', 'subject', 'body_text as text'])
        .where('subject', 'like', '%SPC%')
        .where('to_address', 'in', [
          'mgr-spc@example.test',
          'mgr-spc-id@example.test',
          'mgr@example.test',
        ])
        .orderBy('to_address')
        .execute();
    // Seven steady values of patchouli alcohol on this machine: no signal.
    for (const pa of [31, 31.1, 30.9, 31, 31.1, 30.9, 31]) {
      const lot = await distilled(s.op, s, [s.orgId]);
      expect(
        (await inspect(s.op, lot, { stage: 'final', results: oilResults(pa) })).statusCode,
      ).toBe(201);
    }
    expect(await outbox()).toEqual([]);
    // The eighth is far beyond 3 σ (rule 1).
    const lot = await distilled(s.op, s, [s.orgId]);
    expect((await inspect(s.op, lot, { stage: 'final', results: oilResults(60) })).statusCode).toBe(
      201,
    );
    const mails = await outbox();
    expect(mails.map((m) => m.to)).toEqual(['mgr-spc-id@example.test', 'mgr-spc@example.test']);
    expect(mails[0]!.subject).toMatch(/^Sinyal SPC: Patchouli alcohol/);
    expect(mails[1]!.subject).toMatch(/^SPC signal: Patchouli alcohol/);
    expect(mails[1]!.text).toContain('60');
    expect(mails[1]!.text).toMatch(/rule 1/);
  });
});
