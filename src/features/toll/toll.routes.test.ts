/**
 * Toll processing and quality through the API on a real database: a member's patchouli leaves
 * are received, distilled on a booked machine into oil and residue; the oil is inspected
 * against SNI 06-2385-2006 (seeded); a failing lot is rejected with an NC; a passing lot is
 * released, handed over, certified and verified publicly.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

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

const wita = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
let bookingDay = 1;
async function completedBooking(orgId = a.orgId) {
  const day = `2026-07-${String(bookingDay++).padStart(2, '0')}`;
  return (
    await t.database.db
      .insertInto('bookings')
      .values({
        machine_id: machine,
        kind: 'booking',
        mode: 'service',
        member_org_id: orgId,
        booked_by_label: 'test',
        status: 'completed',
        starts_at: wita(day, '08:00'),
        ends_at: wita(day, '14:00'),
        checked_in_at: wita(day, '08:00'),
        checked_out_at: wita(day, '14:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

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

/** Leaves → oil and residue; returns the job and its output lots. */
async function distil(leavesKg: number, oilKg: number, orgId = a.orgId) {
  const lot = (await intake(op, { quantityKg: leavesKg, ownerOrgId: orgId })).json();
  const job = await as(
    t.app,
    op,
  )({
    method: 'POST',
    url: '/api/jobs',
    payload: {
      bookingId: await completedBooking(orgId),
      inputs: [{ lotId: lot.id, kg: leavesKg }],
    },
  });
  expect(job.statusCode, job.body).toBe(201);
  const done = await as(
    t.app,
    op,
  )({
    method: 'POST',
    url: `/api/jobs/${job.json().id}/complete`,
    payload: {
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
  expect(done.statusCode, done.body).toBe(200);
  return { intake: lot, job: done.json() };
}

const oilResults = (pa: number) => [
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

beforeAll(async () => {
  t = await createTestApp({ env: { RPB_SESSION_DAYS: '365' } });
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  org2 = (
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
      { site_id: a.siteId, organisation_id: org2 },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  machine = (
    await db
      .insertInto('machines')
      .values({
        site_id: a.siteId,
        code: 'KTL-1',
        name: 'Ketel suling',
        process: 'distillation',
        capabilities: ['distillation'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await makeUser(db, {
    email: 'op@example.test',
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'mgr@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'member@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: a.orgId,
  });
  await makeUser(db, {
    email: 'other@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: b.orgId,
  });
  op = await login(t.app, 'op@example.test', PASSWORD);
  mgr = await login(t.app, 'mgr@example.test', PASSWORD);
  member = await login(t.app, 'member@example.test', PASSWORD);
  other = await login(t.app, 'other@example.test', PASSWORD);
  chars = Object.fromEntries(
    (await db.selectFrom('characteristics').select(['id', 'code']).execute()).map((c) => [
      c.code,
      c.id,
    ]),
  );
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
    const pooled = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: {
        bookingId: booking,
        pooled: true,
        inputs: [
          { lotId: l1.id, kg: 300 },
          { lotId: l2.id, kg: 100 },
        ],
      },
    });
    expect(pooled.statusCode, pooled.body).toBe(201);
    const done = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/jobs/${pooled.json().id}/complete`,
      payload: {
        outputs: [{ kind: 'output', productType: 'patchouli_oil', kg: 10 }],
        wasteKg: 390,
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    const oil = done.json().outputs[0];
    expect(oil).toMatchObject({ pooled: true, ownerOrgId: null, status: 'quarantine' });
    const lot = (await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json();
    expect(
      lot.owners.map((o: { shareBp: number; kg: number }) => [o.shareBp, o.kg]).sort(),
    ).toEqual([
      [2500, 2.5],
      [7500, 7.5],
    ]);
    expect(done.json().yields).toContainEqual(
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
    const job = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/jobs',
      payload: { bookingId: await completedBooking(), inputs: [{ lotId: l.id, kg: 200 }] },
    });
    const bad = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/jobs/${job.json().id}/complete`,
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
      (await as(t.app, op)({ method: 'GET', url: `/api/jobs/${job.json().id}` })).json(),
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
      (
        await as(
          t.app,
          op,
        )({
          method: 'POST',
          url: `/api/lots/${oil.id}/inspections`,
          payload: { stage: 'incoming', results: oilResults(31) },
        })
      ).json().error.code,
    ).toBe('inspection_wrong_stage');
    const range = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(310) },
    });
    expect(range.json().error.code).toBe('result_out_of_range');
    expect(range.json().error.message).toContain('periksa satuannya');
    const missing = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(31).slice(1) },
    });
    expect(missing.json().error.code).toBe('result_missing');
    // 28% patchouli alcohol (min 30%): rejected, NC opened.
    const fail = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(28) },
    });
    expect(fail.statusCode, fail.body).toBe(201);
    expect(fail.json().verdict).toBe('fail');
    expect(
      fail.json().results.find((r: { code: string }) => r.code === 'oil_patchouli_alcohol'),
    ).toMatchObject({ passed: false, value: 28, lower: 30 });
    expect(fail.json().nonConformanceId).not.toBeNull();
    expect((await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json().status).toBe(
      'rejected',
    );
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
    expect((await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json().status).toBe(
      'downgraded',
    );
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
    const pass = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(32.4), sampleSize: 2, defectives: 0 },
    });
    expect(pass.statusCode, pass.body).toBe(201);
    expect(pass.json().verdict).toBe('pass');
    expect((await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json().status).toBe(
      'released',
    );
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
    const wrong = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(29.5) },
    });
    expect((await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json().status).toBe(
      'rejected',
    );
    const fixed = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: {
        stage: 'final',
        results: oilResults(30.5),
        supersedesId: wrong.json().id,
        notes: 'Salah ketik: 30,5',
      },
    });
    expect(fixed.json()).toMatchObject({ verdict: 'pass', supersedesId: wrong.json().id });
    expect((await as(t.app, op)({ method: 'GET', url: `/api/lots/${oil.id}` })).json().status).toBe(
      'released',
    );
    const again = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: `/api/lots/${oil.id}/inspections`,
      payload: { stage: 'final', results: oilResults(31), supersedesId: wrong.json().id },
    });
    expect(again.json().error.code).toBe('inspection_superseded');
    const list = await as(t.app, member)({ method: 'GET', url: `/api/lots/${oil.id}/inspections` });
    expect(
      list.json().items.map((i: { supersededById: string | null }) => i.supersededById),
    ).toEqual([fixed.json().id, null]);
  });
});
