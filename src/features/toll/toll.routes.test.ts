/**
 * Toll processing and quality through the API on a real database: a member's patchouli leaves
 * are received, distilled on a booked machine into oil and residue; the oil is inspected
 * against SNI 06-2385-2006 (seeded); a failing lot is rejected with an NC; a passing lot is
 * released, handed over, certified and verified publicly.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  idsInOnePage,
  idsPageByPage,
  login,
  multipartFile,
  type Session,
  type TestApp,
} from '../../../test/app.js';
import { makeMachine, makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import {
  atSite,
  characteristicIds,
  completeJob,
  dayAfterDay,
  distilLeaves,
  loggedInUser,
  makeCompletedBooking,
  makeDistiller,
  makeOrganisation,
  memberOf,
  oilResults as sniOilResults,
  openJob,
  postInspection,
  wita,
  workingHours,
} from '../../../test/toll-fixtures.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let org2: string;
let machine: string;
let op: Session;
let mgr: Session;
let member: Session;
let other: Session;
let chars: Record<string, string>;

/** Completed bookings on the kettle, 08:00–14:00 WITA, one day after another from 1 July 2026. */
const bookingDay = dayAfterDay('2026-07-01');
const completedBooking = (orgId = a.orgId) =>
  makeCompletedBooking(t.database.db, {
    machineId: machine,
    orgId,
    ...workingHours(bookingDay()),
  });

const intake = (s: Session, body: Record<string, unknown> = {}) =>
  as(
    t.app,
    s,
  )({
    method: 'POST',
    url: '/api/lots/intake',
    payload: {
      siteId: a.siteId,
      ownerOrgId: a.orgId,
      productType: 'patchouli_leaves',
      quantityKg: 500,
      moisturePercent: 14.5,
      ...body,
    },
  });
/** Leaves as `intake` receives them by default (14.5 % moisture), for `distilLeaves`. */
const leavesOf = (kg: number, ownerOrgId = a.orgId) => ({ ownerOrgId, kg, moisturePercent: 14.5 });

/** Leaves → oil and residue; returns the job and its output lots. */
async function distil(leavesKg: number, oilKg: number, orgId = a.orgId) {
  const { intakes, job } = await distilLeaves(t.app, op, {
    siteId: a.siteId,
    leaves: [leavesOf(leavesKg, orgId)],
    booking: () => completedBooking(orgId),
    completion: {
      outputs: [
        { kind: 'output', productType: 'patchouli_oil', kg: oilKg },
        { kind: 'byproduct', productType: 'distillation_residue', kg: leavesKg * 0.9 },
      ],
      wasteKg: leavesKg * 0.1 - oilKg,
      kwh: 42.5,
      lpgKg: 18,
      waterM3: 3.2,
    },
  });
  return { intake: intakes[0], job };
}

const oilResults = (pa: number) => sniOilResults(chars, pa);
/** A lot's status as the operator reads it. */
const lotStatus = async (lotId: string) =>
  (await as(t.app, op)({ method: 'GET', url: `/api/lots/${lotId}` })).json().status;
/** An inspection recorded by the operator; the response as it is (refusals are checked too). */
const inspect = (lotId: string, payload: Record<string, unknown>) =>
  postInspection(t.app, op, lotId, payload);

beforeAll(async () => {
  t = await createTestApp({ env: { RPB_SESSION_DAYS: '365' } });
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  org2 = await makeOrganisation(db, 'umkm', 'UMKM Dua');
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: a.siteId, organisation_id: org2 },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  machine = await makeDistiller(db, a.siteId);
  op = await loggedInUser(t, 'op@example.test', atSite('site_operator', a.siteId));
  mgr = await loggedInUser(t, 'mgr@example.test', atSite('site_manager', a.siteId));
  member = await loggedInUser(t, 'member@example.test', memberOf(a.orgId));
  other = await loggedInUser(t, 'other@example.test', memberOf(b.orgId));
  chars = await characteristicIds(db);
});

afterAll(() => t.close());

describe('custody', () => {
  it('receives a member’s material with a lot code; only site staff receive; the owner must be a member', async () => {
    const res = await intake(op);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'intake',
      quantityKg: 500,
      remainingKg: 500,
      status: 'released',
      ownerOrgId: a.orgId,
    });
    expect(res.json().code).toMatch(/^S-\d+-IN-260721-0001$/);
    expect((await intake(member)).statusCode).toBe(403);
    expect((await intake(op, { ownerOrgId: b.orgId })).json().error.code).toBe('owner_not_member');
    expect((await intake(op, { productType: 'gold' })).json().error.code).toBe(
      'product_type_unknown',
    );
    expect((await intake(op, { quantityKg: -5 })).statusCode).toBe(400);
    // The owner sees it; another member does not.
    expect(
      (await as(t.app, member)({ method: 'GET', url: `/api/lots/${res.json().id}` })).statusCode,
    ).toBe(200);
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/lots/${res.json().id}` })).statusCode,
    ).toBe(404);
    const stock = await as(t.app, op)({ method: 'GET', url: `/api/stock?siteId=${a.siteId}` });
    expect(stock.json().items).toContainEqual(
      expect.objectContaining({ ownerOrgId: a.orgId, productType: 'patchouli_leaves', kg: 500 }),
    );
  });

  it('owners never mix unless the job is pooled; then each owner’s share is recorded', async () => {
    const l1 = (await intake(op, { quantityKg: 300 })).json();
    const l2 = (await intake(op, { quantityKg: 100, ownerOrgId: org2 })).json();
    const booking = await completedBooking();
    const mixed = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: {
        bookingId: booking,
        inputs: [
          { lotId: l1.id, kg: 300 },
          { lotId: l2.id, kg: 100 },
        ],
      },
    });
    expect(mixed.json().error.code).toBe('owners_mixed');
    const pooled = await openJob(t.app, op, {
      bookingId: booking,
      pooled: true,
      inputs: [
        { lotId: l1.id, kg: 300 },
        { lotId: l2.id, kg: 100 },
      ],
    });
    const done = await completeJob(t.app, op, pooled.id, {
      outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: 10 }],
      wasteKg: 390,
    });
    const oil = done.outputs[0];
    expect(oil).toMatchObject({ pooled: true, ownerOrgId: null, status: 'quarantine' });
    const lot = (await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json();
    expect(
      lot.owners.map((o: { shareBp: number; kg: number }) => [o.shareBp, o.kg]).sort(),
    ).toEqual([
      [2500, 2.5],
      [7500, 7.5],
    ]);
    expect(done.yields).toContainEqual(
      expect.objectContaining({
        ownerOrgId: a.orgId,
        inputKg: 300,
        outputKg: 7.5,
        yieldPercent: 2.5,
      }),
    );
  });

  it('quantities must balance: outputs and waste above the inputs are refused, nothing written', async () => {
    const l = (await intake(op, { quantityKg: 200 })).json();
    const job = await openJob(t.app, op, {
      bookingId: await completedBooking(),
      inputs: [{ lotId: l.id, kg: 200 }],
    });
    const bad = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/jobs/${job.id}/complete`,
      payload: {
        outputs: [
          { kind: 'output', productType: 'patchouli_oil', kg: 5 },
          { kind: 'byproduct', productType: 'distillation_residue', kg: 190 },
        ],
        wasteKg: 20,
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('outputs_exceed_inputs');
    expect(bad.json().error.message).toContain('15 kg');
    expect(
      (await as(t.app, op)({ method: 'GET', url: `/api/jobs/${job.id}` })).json(),
    ).toMatchObject({ status: 'open', outputs: [] });
    // Consuming more than a lot holds is refused too.
    const over = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: { bookingId: await completedBooking(), inputs: [{ lotId: l.id, kg: 1 }] },
    });
    expect(over.json().error.code).toBe('input_not_available');
  });
});

describe('quality gate', () => {
  it('a covered output waits in quarantine; a failing patchouli alcohol rejects it and opens an NC; no path hands it over', async () => {
    const { job, intake: leaves } = await distil(500, 10);
    const oil = job.outputs.find((o: { productType: string }) => o.productType === 'patchouli_oil');
    const residue = job.outputs.find(
      (o: { productType: string }) => o.productType === 'distillation_residue',
    );
    expect(oil.status).toBe('quarantine');
    expect(residue.status).toBe('released'); // no plan covers residue
    expect(job).toMatchObject({ kwh: 42.5, lpgKg: 18, waterM3: 3.2 });
    // Uninspected oil cannot leave.
    const early = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/handovers`,
      payload: { kg: 10, receivedByName: 'Zulkifli' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('lot_not_released');
    // Sampling per ISO 2859-1 for a 10-unit lot at S-2, AQL 1.0.
    const sampling = await as(
      t.app,
      op,
    )({ method: 'GET', url: `/api/lots/${oil.id}/sampling?stage=final` });
    // Letter A, but AQL 1.0 points down to letter E (n = 13), more than the lot: inspect all.
    expect(sampling.json()).toMatchObject({
      lotSizeUnits: 10,
      severity: 'normal',
      codeLetter: 'E',
      hundredPercent: true,
    });
    // Wrong stage, wrong unit, missing values.
    expect(
      (await inspect(oil.id, { stage: 'incoming', results: oilResults(31) })).json().error.code,
    ).toBe('inspection_wrong_stage');
    const range = await inspect(oil.id, { stage: 'final', results: oilResults(310) });
    expect(range.json().error.code).toBe('result_out_of_range');
    expect(range.json().error.message).toContain('periksa satuannya');
    const missing = await inspect(oil.id, { stage: 'final', results: oilResults(31).slice(1) });
    expect(missing.json().error.code).toBe('result_missing');
    // 28% patchouli alcohol (min 30%): rejected, NC opened.
    const fail = await inspect(oil.id, { stage: 'final', results: oilResults(28) });
    expect(fail.statusCode, fail.body).toBe(201);
    expect(fail.json().verdict).toBe('fail');
    expect(
      fail.json().results.find((r: { code: string }) => r.code === 'oil_patchouli_alcohol'),
    ).toMatchObject({ passed: false, value: 28, lower: 30 });
    expect(fail.json().nonConformanceId).not.toBeNull();
    expect(await lotStatus(oil.id)).toBe('rejected');
    // Every path: the API refuses, and the database refuses a raw insert.
    expect(
      (
        await as(
          t.app,
          op,
        )({
          method: 'POST',
          url: `/api/lots/${oil.id}/handovers`,
          payload: { kg: 1, receivedByName: 'x' },
        })
      ).json().error.code,
    ).toBe('lot_not_released');
    await expect(
      t.database.db
        .insertInto('handovers')
        .values({
          lot_id: oil.id,
          to_org_id: a.orgId,
          kg: 1,
          handed_at: new Date(),
          handed_by_label: 'sql',
          received_by_name: 'x',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
    // Signed records never change.
    await expect(
      t.database.db
        .updateTable('inspections')
        .set({ verdict: 'pass' })
        .where('id', '=', fail.json().id)
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
    // The NC cannot close before disposition, root cause, actions and verification.
    const ncId = fail.json().nonConformanceId;
    const early2 = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: `/api/non-conformances/${ncId}/close` });
    expect(early2.json().error.code).toBe('nc_cannot_close');
    expect(early2.json().error.message).toContain('disposisi');
    await as(
      t.app,
      mgr,
    )({
      method: 'PATCH',
      url: `/api/non-conformances/${ncId}`,
      payload: {
        disposition: 'downgrade',
        rootCause: 'Daun terlalu muda, penyulingan terlalu singkat',
        verification: 'Uji ulang batch berikut memenuhi',
      },
    });
    const action = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/non-conformances/${ncId}/actions`,
      payload: { description: 'Perpanjang waktu suling menjadi 8 jam', dueOn: '2026-08-01' },
    });
    await as(
      t.app,
      op,
    )({ method: 'POST', url: `/api/nc-actions/${action.json().actions[0].id}/done` });
    const closed = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: `/api/non-conformances/${ncId}/close` });
    expect(closed.json().status).toBe('closed');
    // Downgraded, it may now go back to its owner (as a downgraded lot).
    expect(await lotStatus(oil.id)).toBe('downgraded');
    // Genealogy and recall.
    const gen = await as(t.app, member)({ method: 'GET', url: `/api/lots/${oil.id}/genealogy` });
    expect(gen.json().upstream.map((n: { lot: { id: string } }) => n.lot.id)).toEqual([leaves.id]);
    expect(gen.json().upstream[0].machineName).toBe('Ketel suling');
    const recall = await as(t.app, mgr)({ method: 'GET', url: `/api/recall?lotId=${leaves.id}` });
    expect(
      recall
        .json()
        .items.map((l: { id: string }) => l.id)
        .sort(),
    ).toEqual([oil.id, residue.id].sort());
    const byMachine = await as(
      t.app,
      mgr,
    )({
      method: 'GET',
      url: `/api/recall?machineId=${machine}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    });
    expect(byMachine.json().items.length).toBeGreaterThanOrEqual(3);
  });

  it('a passing lot is released, handed over, certified; the certificate PDF and the public page verify it', async () => {
    const { job } = await distil(400, 8);
    const oil = job.outputs.find((o: { productType: string }) => o.productType === 'patchouli_oil');
    const pass = await inspect(oil.id, {
      stage: 'final',
      results: oilResults(32.4),
      sampleSize: 2,
      defectives: 0,
    });
    expect(pass.statusCode, pass.body).toBe(201);
    expect(pass.json().verdict).toBe('pass');
    expect(await lotStatus(oil.id)).toBe('released');
    const cert = await as(t.app, op)({ method: 'POST', url: `/api/lots/${oil.id}/certificate` });
    expect(cert.statusCode, cert.body).toBe(201);
    expect(cert.json().number).toMatch(/^COA\/S-\d+\/2026\/000001$/);
    const token = cert.json().verifyUrl.split('/verify/')[1];
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/certificates/${token}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      genuine: true,
      standard: 'SNI 06-2385-2006',
      verdict: 'pass',
      quantityKg: 8,
    });
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/public/certificates/aaaaaaaaaaaaaaaaaaaaaaaa',
        })
      ).statusCode,
    ).toBe(404);
    for (const lang of ['id', 'en'] as const) {
      const pdf = await as(
        t.app,
        member,
      )({ method: 'GET', url: `/api/certificates/${cert.json().id}/pdf?lang=${lang}` });
      expect(pdf.statusCode).toBe(200);
      const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
      const text = (await parser.getText()).text;
      await parser.destroy();
      expect(text).toContain(cert.json().number);
      expect(text).toContain('SNI 06-2385-2006');
      expect(text).toContain('32.4');
      expect(text).toContain(lang === 'en' ? 'CERTIFICATE OF ANALYSIS' : 'SERTIFIKAT HASIL UJI');
    }
    const hand = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/handovers`,
      payload: { kg: 8, receivedByName: 'Zulkifli' },
    });
    expect(hand.statusCode, hand.body).toBe(201);
    expect(hand.json()).toMatchObject({ status: 'handed_over', remainingKg: 0 });
    const more = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/handovers`,
      payload: { kg: 1, receivedByName: 'Zulkifli' },
    });
    expect(more.statusCode).toBe(409);
  });

  it('a correction supersedes a record (never edits it) and moves the lot by the new verdict', async () => {
    const { job } = await distil(300, 6);
    const oil = job.outputs.find((o: { productType: string }) => o.productType === 'patchouli_oil');
    const wrong = await inspect(oil.id, { stage: 'final', results: oilResults(29.5) });
    expect(await lotStatus(oil.id)).toBe('rejected');
    const fixed = await inspect(oil.id, {
      stage: 'final',
      results: oilResults(30.5),
      supersedesId: wrong.json().id,
      notes: 'Salah ketik: 30,5',
    });
    expect(fixed.json()).toMatchObject({ verdict: 'pass', supersedesId: wrong.json().id });
    expect(await lotStatus(oil.id)).toBe('released');
    const again = await inspect(oil.id, {
      stage: 'final',
      results: oilResults(31),
      supersedesId: wrong.json().id,
    });
    expect(again.json().error.code).toBe('inspection_superseded');
    const list = await as(t.app, member)({ method: 'GET', url: `/api/lots/${oil.id}/inspections` });
    expect(
      list.json().items.map((i: { supersededById: string | null }) => i.supersededById),
    ).toEqual([fixed.json().id, null]);
  });
});

describe('reference lists, site staff and the jobs list', () => {
  const userId = async (email: string) =>
    (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).id;

  it('lists the product types of the controlled list, named in the caller’s language', async () => {
    const res = await as(t.app, member)({ method: 'GET', url: '/api/product-types' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; name: string; nameEn: string }[];
    expect(items.map((p) => p.code)).toEqual([
      'cocoa_beans',
      'cocoa_beans_wet',
      'cocoa_shells',
      'distillation_residue',
      'hydrosol',
      'other',
      'patchouli_leaves',
      'patchouli_oil',
    ]);
    expect(items.find((p) => p.code === 'patchouli_oil')).toMatchObject({
      name: 'Minyak nilam',
      nameEn: 'Patchouli oil',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/product-types' })).statusCode).toBe(401);
  });

  it('lists a site’s managers and operators to those who read the site, 404 to others', async () => {
    await makeUser(t.database.db, {
      email: 'op-b@example.test',
      role: 'site_operator',
      scopeType: 'site',
      scopeId: b.siteId,
    });
    await makeUser(t.database.db, {
      email: 'gone@example.test',
      role: 'site_operator',
      scopeType: 'site',
      scopeId: a.siteId,
    });
    await t.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('email', '=', 'gone@example.test')
      .execute();
    const res = await as(t.app, mgr)({ method: 'GET', url: `/api/sites/${a.siteId}/staff` });
    expect(res.statusCode, res.body).toBe(200);
    const staff = res.json().items as { userId: string; roles: string[] }[];
    expect(staff.map((s) => s.userId).sort()).toEqual(
      [await userId('op@example.test'), await userId('mgr@example.test')].sort(),
    );
    expect(staff.flatMap((s) => s.roles).sort()).toEqual(['site_manager', 'site_operator']);
    // Another site's operator and another member cannot read this site: it does not exist.
    const opB = await login(t.app, 'op-b@example.test', PASSWORD);
    expect(
      (await as(t.app, opB)({ method: 'GET', url: `/api/sites/${a.siteId}/staff` })).statusCode,
    ).toBe(404);
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/sites/${a.siteId}/staff` })).json().error
        .code,
    ).toBe('site_not_found');
  });

  it('a member sees the jobs that process its material, with canEdit false; staff may edit open jobs', async () => {
    const lot = (await intake(op, { quantityKg: 120 })).json();
    const bookingId = await completedBooking();
    const opened = await openJob(t.app, op, { bookingId, inputs: [{ lotId: lot.id, kg: 120 }] });
    expect(opened.canEdit).toBe(true);
    const job = opened.id as string;

    const mine = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/jobs?bookingId=${bookingId}` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((j: { id: string }) => j.id)).toEqual([job]);
    expect(mine.json().items[0].canEdit).toBe(false);
    // Every job listed processes some of the member's material (earlier tests pooled org2's too).
    const orgName = (
      await t.database.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', a.orgId)
        .executeTakeFirstOrThrow()
    ).name;
    const all = await as(t.app, member)({ method: 'GET', url: '/api/jobs?limit=200' });
    expect(all.json().items.length).toBeGreaterThan(1);
    for (const j of all.json().items as { inputs: { ownerName: string | null }[] }[])
      expect(j.inputs.map((i) => i.ownerName)).toContain(orgName);
    const ownJobs = await t.database.db
      .selectFrom('job_inputs as ji')
      .innerJoin('lots as l', 'l.id', 'ji.lot_id')
      .select('ji.job_id')
      .where('l.owner_org_id', '=', a.orgId)
      .distinct()
      .execute();
    expect(all.json().items).toHaveLength(ownJobs.length);
    expect((await as(t.app, other)({ method: 'GET', url: '/api/jobs' })).json().items).toEqual([]);
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/jobs/${job}` })).json().error.code,
    ).toBe('job_not_found');

    // The filter: staff find the job of a booking; a booking without a job gives none.
    const byBooking = await as(
      t.app,
      op,
    )({ method: 'GET', url: `/api/jobs?bookingId=${bookingId}` });
    expect(byBooking.json().items).toHaveLength(1);
    expect(byBooking.json().items[0]).toMatchObject({ id: job, bookingId, canEdit: true });
    const empty = await as(
      t.app,
      op,
    )({ method: 'GET', url: `/api/jobs?bookingId=${await completedBooking()}` });
    expect(empty.json().items).toEqual([]);

    const done = await completeJob(t.app, op, job, {
      outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: 2 }],
      wasteKg: 100,
    });
    expect(done.canEdit).toBe(false);
  });

  it('a job’s operator may be picked among the site’s staff; anyone else is refused, nothing written', async () => {
    const lot = (await intake(op, { quantityKg: 50 })).json();
    const bookingId = await completedBooking();
    const bad = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: {
        bookingId,
        operatorUserId: await userId('member@example.test'),
        inputs: [{ lotId: lot.id, kg: 50 }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('operator_not_staff');
    expect(
      (await as(t.app, op)({ method: 'GET', url: `/api/lots/${lot.id}` })).json(),
    ).toMatchObject({ remainingKg: 50 });
    const ok = await openJob(t.app, op, {
      bookingId,
      operatorUserId: await userId('mgr@example.test'),
      inputs: [{ lotId: lot.id, kg: 50 }],
    });
    const name = (
      await t.database.db
        .selectFrom('users')
        .select('name')
        .where('email', '=', 'mgr@example.test')
        .executeTakeFirstOrThrow()
    ).name;
    expect(ok.operatorName).toBe(name);
  });
});

describe('intake photos', () => {
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]);
  const addPhoto = (s: Session, lotId: string, bytes: Buffer = JPEG, name = 'sack.jpg') => {
    const m = multipartFile(name, bytes, 'image/jpeg');
    return as(t.app, s)({ method: 'POST', url: `/api/lots/${lotId}/photos`, ...m });
  };

  it('staff add photos to a lot; its owners list and see them; staff remove them', async () => {
    const lot = (await intake(op, { quantityKg: 40 })).json();
    const added = await addPhoto(op, lot.id);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      lotId: lot.id,
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
    });
    const photoId = added.json().id as string;

    const mine = await as(t.app, member)({ method: 'GET', url: `/api/lots/${lot.id}/photos` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ canEdit: false, items: [{ id: photoId }] });
    const file = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/lots/${lot.id}/photos/${photoId}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toContain(`${lot.code}-1.jpg`);
    expect(Buffer.compare(file.rawPayload, JPEG)).toBe(0);

    // Another member sees neither the photos nor the file; a member adds and removes nothing.
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/lots/${lot.id}/photos` })).json().error
        .code,
    ).toBe('lot_not_found');
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/lots/${lot.id}/photos/${photoId}/file` }))
        .statusCode,
    ).toBe(404);
    expect((await addPhoto(member, lot.id)).statusCode).toBe(403);
    expect(
      (await as(t.app, member)({ method: 'DELETE', url: `/api/lots/${lot.id}/photos/${photoId}` }))
        .statusCode,
    ).toBe(403);

    // A PDF named like a photo is refused by its bytes; nothing is stored.
    const pdf = await addPhoto(op, lot.id, Buffer.from('%PDF-1.7 not a photo'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('file_type_not_allowed');
    const json = await as(
      t.app,
      op,
    )({ method: 'POST', url: `/api/lots/${lot.id}/photos`, payload: { file: 'x' } });
    expect(json.json().error.code).toBe('upload_not_multipart');

    const removed = await as(
      t.app,
      mgr,
    )({ method: 'DELETE', url: `/api/lots/${lot.id}/photos/${photoId}` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(
      (await as(t.app, op)({ method: 'GET', url: `/api/lots/${lot.id}/photos` })).json(),
    ).toEqual({ items: [], canEdit: true });
    expect(
      (
        await as(t.app, op)({ method: 'DELETE', url: `/api/lots/${lot.id}/photos/${photoId}` })
      ).json().error.code,
    ).toBe('lot_photo_not_found');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', lot.id)
      .where('action', 'like', 'lot.photo_%')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['lot.photo_add', 'lot.photo_delete']);
  });

  it('keeps at most 12 photos a lot', async () => {
    const lot = (await intake(op, { quantityKg: 10 })).json();
    for (let i = 0; i < 12; i++) expect((await addPhoto(op, lot.id)).statusCode).toBe(201);
    const full = await addPhoto(op, lot.id);
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'lot_photos_full', details: { max: 12 } });
  });
});

describe('stock', () => {
  type Item = { ownerOrgId: string; productType: string; kg: number; pooledKg: number };
  const stockOf = async (s: Session, query = '') =>
    (await as(t.app, s)({ method: 'GET', url: `/api/stock?siteId=${a.siteId}${query}` })).json()
      .items as Item[];
  const kgOf = (items: Item[], owner: string, product = 'patchouli_oil') =>
    items.find((i) => i.ownerOrgId === owner && i.productType === product) ?? {
      kg: 0,
      pooledKg: 0,
    };

  it('counts a pooled lot for each owner by share; rejected, scrapped and returned lots are not stock', async () => {
    const before = await stockOf(op);
    const { job } = await distilLeaves(t.app, op, {
      siteId: a.siteId,
      leaves: [leavesOf(300), leavesOf(100, org2)],
      booking: () => completedBooking(),
      pooled: true,
      completion: {
        outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: 10 }],
        wasteKg: 390,
      },
    });
    const oil = job.outputs[0].id as string;

    const after = await stockOf(op);
    const delta = (owner: string) => ({
      kg: Math.round((kgOf(after, owner).kg - kgOf(before, owner).kg) * 1000) / 1000,
      pooledKg:
        Math.round((kgOf(after, owner).pooledKg - kgOf(before, owner).pooledKg) * 1000) / 1000,
    });
    expect(delta(a.orgId)).toEqual({ kg: 7.5, pooledKg: 7.5 });
    expect(delta(org2)).toEqual({ kg: 2.5, pooledKg: 2.5 });
    expect(after.some((i) => (i.ownerOrgId as string | null) === null)).toBe(false);
    // The member sees its own share only; the owner filter takes pooled shares too.
    const mine = await stockOf(member);
    expect(mine.every((i) => i.ownerOrgId === a.orgId)).toBe(true);
    expect(kgOf(mine, a.orgId).kg).toBe(kgOf(after, a.orgId).kg);
    const two = await stockOf(op, `&ownerOrgId=${org2}`);
    expect(two.every((i) => i.ownerOrgId === org2)).toBe(true);
    expect(kgOf(two, org2).kg).toBe(kgOf(after, org2).kg);

    for (const status of ['rejected', 'scrapped', 'returned'] as const) {
      await t.database.db.updateTable('lots').set({ status }).where('id', '=', oil).execute();
      const now = await stockOf(op);
      expect(kgOf(now, a.orgId).kg, status).toBe(kgOf(before, a.orgId).kg);
      expect(kgOf(now, org2).kg, status).toBe(kgOf(before, org2).kg);
    }
    // What is not stock is not processed either.
    const reuse = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: {
        bookingId: await completedBooking(),
        pooled: true,
        inputs: [{ lotId: oil, kg: 1 }],
      },
    });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error).toMatchObject({
      code: 'input_not_available',
      details: { status: 'returned' },
    });
  });
});

describe('a job and its booking', () => {
  const bookingDayAugust = dayAfterDay('2026-08-01');
  const booking = async (
    status: 'requested' | 'offered' | 'confirmed' | 'checked_in' | 'no_show' | 'cancelled',
    o: { machineId?: string; orgId?: string } = {},
  ) => {
    const d = bookingDayAugust();
    return (
      await t.database.db
        .insertInto('bookings')
        .values({
          machine_id: o.machineId ?? machine,
          kind: 'booking',
          mode: 'service',
          member_org_id: o.orgId ?? a.orgId,
          booked_by_label: 'test',
          status,
          starts_at: wita(d, '08:00'),
          ends_at: wita(d, '14:00'),
          ...(status === 'checked_in' ? { checked_in_at: wita(d, '08:05') } : {}),
          ...(status === 'offered' ? { offer_expires_at: wita(d, '07:00') } : {}),
          ...(status === 'no_show' ? { no_show_at: wita(d, '08:30') } : {}),
          ...(status === 'cancelled' ? { cancelled_at: wita(d, '07:00') } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const open = (s: Session, payload: Record<string, unknown>) =>
    as(t.app, s)({ method: 'POST', url: '/api/jobs', payload });

  it('opens only on confirmed, checked-in or completed bookings, with a translated refusal', async () => {
    const lot = (await intake(op, { quantityKg: 30 })).json();
    const inputs = [{ lotId: lot.id, kg: 10 }];
    for (const status of ['requested', 'offered', 'no_show', 'cancelled'] as const) {
      const res = await open(op, { bookingId: await booking(status), inputs });
      expect(res.statusCode, status).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'job_booking_not_ready',
        details: { status },
      });
      expect(res.json().error.message).toContain('dikonfirmasi');
    }
    expect((await open(op, { bookingId: await booking('confirmed'), inputs })).statusCode).toBe(
      201,
    );
    expect((await open(op, { bookingId: await booking('checked_in'), inputs })).statusCode).toBe(
      201,
    );
    // Nothing was consumed by the refused attempts.
    expect(
      (await as(t.app, op)({ method: 'GET', url: `/api/lots/${lot.id}` })).json().remainingKg,
    ).toBe(10);
  });

  it('takes the booking member’s lots only, unless the batch is pooled', async () => {
    const theirs = (await intake(op, { quantityKg: 20, ownerOrgId: org2 })).json();
    const bookingId = await booking('confirmed');
    const res = await open(op, { bookingId, inputs: [{ lotId: theirs.id, kg: 20 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('input_not_booking_member');
    expect(res.json().error.message).toContain(theirs.code);
    expect(res.json().error.message).toContain('UMKM Dua');
    // Pooled, the same lot may go in (with the member's own).
    const own = (await intake(op, { quantityKg: 20 })).json();
    const pooled = await open(op, {
      bookingId,
      pooled: true,
      inputs: [
        { lotId: own.id, kg: 20 },
        { lotId: theirs.id, kg: 20 },
      ],
    });
    expect(pooled.statusCode, pooled.body).toBe(201);
  });

  it('runs one of the machine’s processes: the only one by default, else the one asked for', async () => {
    const multi = await makeMachine(t.database.db, a.siteId, 'KTL-2', {
      name: 'Ketel dan pengering',
      capabilities: ['distillation', 'drying'],
    });
    const lot = (await intake(op, { quantityKg: 30 })).json();
    const inputs = [{ lotId: lot.id, kg: 10 }];
    const bookingId = await booking('confirmed', { machineId: multi });
    const none = await open(op, { bookingId, inputs });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('process_required');
    expect(none.json().error.message).toContain('distillation, drying');
    const wrong = await open(op, { bookingId, inputs, process: 'roasting' });
    expect(wrong.json().error).toMatchObject({
      code: 'process_not_on_machine',
      details: { process: 'roasting' },
    });
    expect((await open(op, { bookingId, inputs, process: 'alchemy' })).statusCode).toBe(400);
    const ok = await open(op, { bookingId, inputs, process: 'drying' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().process).toBe('drying');
    const single = await open(op, { bookingId: await booking('confirmed'), inputs });
    expect(single.json().process).toBe('distillation');
  });

  it('takes its times from the booking’s check-in and check-out when completed', async () => {
    const lot = (await intake(op, { quantityKg: 50 })).json();
    const bookingId = await booking('confirmed');
    const job = await open(op, { bookingId, inputs: [{ lotId: lot.id, kg: 50 }] });
    expect(job.json()).toMatchObject({ startedAt: null, endedAt: null });
    const inAt = new Date('2026-08-20T00:10:00Z');
    const outAt = new Date('2026-08-20T05:40:00Z');
    await t.database.db
      .updateTable('bookings')
      .set({ status: 'completed', checked_in_at: inAt, checked_out_at: outAt })
      .where('id', '=', bookingId)
      .execute();
    const complete = (id: string) =>
      as(
        t.app,
        op,
      )({
        method: 'POST',
        url: `/api/jobs/${id}/complete`,
        payload: {
          outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: 1 }],
          wasteKg: 49,
        },
      });
    const done = await complete(job.json().id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      startedAt: inAt.toISOString(),
      endedAt: outAt.toISOString(),
    });

    // Still running at completion: it ends when it is completed (never before it started).
    const lot2 = (await intake(op, { quantityKg: 50 })).json();
    const running = await booking('checked_in');
    const job2 = await open(op, { bookingId: running, inputs: [{ lotId: lot2.id, kg: 50 }] });
    const started = job2.json().startedAt as string;
    expect(started).not.toBeNull();
    const done2 = await complete(job2.json().id);
    expect(done2.statusCode, done2.body).toBe(200);
    expect(done2.json().startedAt).toBe(started);
    expect(Date.parse(done2.json().endedAt)).toBeGreaterThanOrEqual(Date.parse(started));

    // A booking that turned into a no-show cannot carry the job to completion.
    const lot3 = (await intake(op, { quantityKg: 50 })).json();
    const later = await booking('confirmed');
    const job3 = await open(op, { bookingId: later, inputs: [{ lotId: lot3.id, kg: 50 }] });
    await t.database.db
      .updateTable('bookings')
      .set({ status: 'no_show', no_show_at: new Date('2026-08-21T01:00:00Z') })
      .where('id', '=', later)
      .execute();
    expect((await complete(job3.json().id)).json().error.code).toBe('job_booking_not_ready');
  });
});

describe('lab reports on inspections', () => {
  const PDF = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.alloc(800, 0x20),
    Buffer.from('%%EOF\n'),
  ]);
  const attach = (s: Session, inspectionId: string, bytes: Buffer = PDF, name = 'lab.pdf') =>
    as(
      t.app,
      s,
    )({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/lab-reports`,
      ...multipartFile(name, bytes, 'application/pdf'),
    });

  it('staff attach a report to the current record; owners download it; the signed record never changes', async () => {
    const { job } = await distil(200, 4);
    const oil = job.outputs.find((o: { productType: string }) => o.productType === 'patchouli_oil');
    const first = await inspect(oil.id, { stage: 'final', results: oilResults(31) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().labReports).toEqual([]);
    const inspectionId = first.json().id as string;
    const signed = await t.database.db
      .selectFrom('inspections')
      .selectAll()
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();

    const added = await attach(op, inspectionId, PDF, 'Hasil GC lab.pdf');
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      inspectionId,
      filename: 'Hasil GC lab.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: 'op@example.test',
    });
    const reportId = added.json().id as string;
    // The inspection row is as signed; the report is its own row.
    expect(
      await t.database.db
        .selectFrom('inspections')
        .selectAll()
        .where('id', '=', inspectionId)
        .executeTakeFirstOrThrow(),
    ).toEqual(signed);
    await expect(
      t.database.db
        .updateTable('inspection_lab_reports')
        .set({ filename: 'x.pdf' })
        .where('id', '=', reportId)
        .execute(),
    ).rejects.toThrow(/signed record/);

    const listed = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/lots/${oil.id}/inspections` });
    expect(listed.json().items[0].labReports).toEqual([added.json()]);
    const file = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/inspections/${inspectionId}/lab-reports/${reportId}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);

    // Others: not found; members attach nothing; photos of other kinds refused by their bytes.
    expect(
      (
        await as(
          t.app,
          other,
        )({ method: 'GET', url: `/api/inspections/${inspectionId}/lab-reports/${reportId}/file` })
      ).json().error.code,
    ).toBe('lot_not_found');
    expect((await attach(member, inspectionId)).statusCode).toBe(403);
    const exe = await attach(op, inspectionId, Buffer.from('MZ\x90\x00 not a report'));
    expect(exe.statusCode).toBe(415);
    expect(
      (
        await as(
          t.app,
          op,
        )({ method: 'GET', url: `/api/inspections/${inspectionId}/lab-reports/${oil.id}/file` })
      ).json().error.code,
    ).toBe('lab_report_not_found');

    // Once corrected, the old record is history: reports go to the correction.
    const fixed = await inspect(oil.id, {
      stage: 'final',
      results: oilResults(32),
      supersedesId: inspectionId,
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect((await attach(op, inspectionId)).json().error.code).toBe('inspection_superseded');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 1),
    ]);
    expect((await attach(op, fixed.json().id, png, 'scan.png')).json()).toMatchObject({
      contentType: 'image/png',
    });
  });
});

describe('paging', () => {
  it('the lot and job lists page through every row once, in the list order', async () => {
    for (const url of ['/api/lots', '/api/jobs']) {
      const all = await idsInOnePage(t.app, mgr, url);
      expect(all.length, url).toBeGreaterThan(2);
      expect(await idsPageByPage(t.app, mgr, url), url).toEqual(all);
    }
  });
});
