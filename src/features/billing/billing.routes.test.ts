/**
 * Money through the API on a real database: July 2026 at a WITA site, invoiced on 2 August.
 * Tariff Rp100.000/hour for micro members; a 50% programme subsidy for micro members capped at
 * 2 hours a month; a 5-hour pack; a no-show and a late cancellation.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  idsInOnePage,
  idsPageByPage,
  login,
  type Session,
  type TestApp,
} from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import { queueOverdueReminders } from './billing.service.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let machine: string;
let admin: Session;
let mgr: Session;
let op: Session;
let member: Session;
let other: Session;
let officer: Session;
let memberUserId: string;

const wita = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

async function booking(over: Record<string, unknown>) {
  return (
    await t.database.db
      .insertInto('bookings')
      .values({
        machine_id: machine,
        kind: 'booking',
        mode: 'self',
        member_org_id: a.orgId,
        booked_by_label: 'test',
        status: 'completed',
        starts_at: wita('2026-07-06', '08:00'),
        ends_at: wita('2026-07-06', '10:00'),
        ...over,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  // Sessions outlive the months this file moves the clock through.
  t = await createTestApp({ env: { RPB_SESSION_DAYS: '365' } });
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  await db
    .updateTable('organisations')
    .set({ size_class: 'micro', npwp: '0123456789012345', address: 'Jl. Kakao 1, Negara' })
    .where('id', '=', a.orgId)
    .execute();
  machine = (
    await db
      .insertInto('machines')
      .values({
        site_id: a.siteId,
        code: 'OVN-1',
        name: 'Oven pengering',
        process: 'drying',
        capabilities: ['drying'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await makeUser(db, { email: 'root@example.test' });
  await makeUser(db, {
    email: 'mgr@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'op@example.test',
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  memberUserId = (
    await makeUser(db, {
      email: 'member@example.test',
      role: 'umkm_member',
      scopeType: 'organisation',
      scopeId: a.orgId,
    })
  ).id;
  await makeUser(db, {
    email: 'other@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: b.orgId,
  });
  await makeUser(db, {
    email: 'officer@example.test',
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: a.programmeId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgr = await login(t.app, 'mgr@example.test', PASSWORD);
  op = await login(t.app, 'op@example.test', PASSWORD);
  member = await login(t.app, 'member@example.test', PASSWORD);
  other = await login(t.app, 'other@example.test', PASSWORD);
  officer = await login(t.app, 'officer@example.test', PASSWORD);
});

afterAll(() => t.close());

describe('billing policy and tariffs', () => {
  it('a PKP site must state a valid NPWP; only managers set the policy', async () => {
    const body = {
      pkp: true,
      sellerName: 'Koperasi Kakao Jembrana',
      sellerNpwp: null,
      sellerAddress: 'Jl. Raya Negara 5, Jembrana, Bali',
      bankAccount: 'BPD Bali 018.02.00.12345-6 a.n. Koperasi Kakao Jembrana',
      chargeBasis: 'actual',
      rounding: 'slot_up',
      noShowPercent: 50,
      lateCancelPercent: 25,
      lateCancelWindowMinutes: 1440,
      paymentTermsDays: 14,
    };
    const put = (s: Session, over: Record<string, unknown> = {}) =>
      as(
        t.app,
        s,
      )({
        method: 'PUT',
        url: `/api/sites/${a.siteId}/billing-settings`,
        payload: { ...body, ...over },
      });
    expect((await put(mgr)).json().error.code).toBe('npwp_required_for_pkp');
    const bad = await put(mgr, { sellerNpwp: '01.234.567.8-901.000' });
    expect(bad.json().error.code).toBe('validation_failed');
    expect((await put(op, { sellerNpwp: '0012345678901234' })).statusCode).toBe(403);
    expect((await put(member, { sellerNpwp: '0012345678901234' })).statusCode).toBe(403);
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/sites/${a.siteId}/billing-settings` }))
        .statusCode,
    ).toBe(404);
    const ok = await put(mgr, { sellerNpwp: '09.254.294.3-407.000' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      pkp: true,
      sellerNpwp: '0092542943407000',
      isDefault: false,
      canEdit: true,
    });
  });

  it('tariffs: overlapping validity for the same class is refused with a clear message; negative prices fail validation', async () => {
    const post = (body: Record<string, unknown>) =>
      as(t.app, mgr)({ method: 'POST', url: `/api/machines/${machine}/tariffs`, payload: body });
    const first = await post({
      basis: 'per_hour',
      customerClass: 'member_micro',
      unitPrice: 100_000,
      validFrom: '2026-01-01',
    });
    expect(first.statusCode, first.body).toBe(201);
    const clash = await post({
      basis: 'per_hour',
      customerClass: 'member_micro',
      unitPrice: 90_000,
      validFrom: '2026-06-01',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toBe(
      'Tarif per jam untuk anggota mikro sudah berlaku pada sebagian periode itu (2026-01-01–…). Akhiri tarif lama lebih dulu.',
    );
    expect(
      (
        await post({
          basis: 'per_hour',
          customerClass: 'member_small',
          unitPrice: -1,
          validFrom: '2026-01-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post({
          basis: 'per_hour',
          customerClass: 'member_small',
          unitPrice: 120_000,
          operatorFeePerHour: 25_000,
          validFrom: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    // Members cannot set tariffs; they can read them.
    expect(
      (
        await as(
          t.app,
          member,
        )({
          method: 'POST',
          url: `/api/machines/${machine}/tariffs`,
          payload: {
            basis: 'per_hour',
            customerClass: 'non_member',
            unitPrice: 1,
            validFrom: '2026-01-01',
          },
        })
      ).statusCode,
    ).toBe(403);
    const list = await as(
      t.app,
      member,
    )({ method: 'GET', url: `/api/machines/${machine}/tariffs` });
    expect(list.json().items).toHaveLength(2);
    expect(list.json().canEdit).toBe(false);
    // A tariff that has started cannot be deleted, only ended.
    const id = first
      .json()
      .items.find((x: { customerClass: string }) => x.customerClass === 'member_micro').id;
    expect(
      (await as(t.app, mgr)({ method: 'DELETE', url: `/api/tariffs/${id}` })).json().error.code,
    ).toBe('tariff_in_use');
  });
});

describe('the month-end run', () => {
  let pack: string;
  let completed: string;
  beforeAll(async () => {
    t.clock.set('2026-07-21T03:00:00Z');
    // 50% for micro members, at most 2 hours a month.
    const sub = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/subsidies',
      payload: {
        programmeId: a.programmeId,
        name: 'Subsidi sewa mesin UMKM mikro 2026',
        percent: 50,
        classes: ['member_micro'],
        maxHoursPerMonth: 2,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    // A 5-hour pack valid 20–31 July.
    const p = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: '/api/hour-packs',
      payload: {
        siteId: a.siteId,
        memberOrgId: a.orgId,
        machineId: null,
        name: 'Paket 5 jam',
        hours: 5,
        price: 400_000,
        validFrom: '2026-07-20',
        validTo: '2026-07-31',
      },
    });
    expect(p.statusCode, p.body).toBe(201);
    pack = p.json().id;
    // 6 July: 2 h booked, used 08:05–09:40 → 1 h 35 → 2 h on the 30-min grid... billed 1.5 h? slot_up of 95 min = 120.
    completed = await booking({
      checked_in_at: wita('2026-07-06', '08:05'),
      checked_out_at: wita('2026-07-06', '09:40'),
    });
    // 22 July: 3 h used, paid by the pack.
    await booking({
      starts_at: wita('2026-07-22', '08:00'),
      ends_at: wita('2026-07-22', '11:00'),
      checked_in_at: wita('2026-07-22', '08:00'),
      checked_out_at: wita('2026-07-22', '11:00'),
    });
    // 14 July: a no-show of 2 h (50% fee).
    await booking({
      status: 'no_show',
      no_show_at: wita('2026-07-14', '08:30'),
      starts_at: wita('2026-07-14', '08:00'),
      ends_at: wita('2026-07-14', '10:00'),
    });
    // 28 July: cancelled by the member 2 h before a 2 h slot (late: 25% fee).
    await booking({
      status: 'cancelled',
      cancelled_at: wita('2026-07-28', '06:00'),
      cancelled_by: memberUserId,
      starts_at: wita('2026-07-28', '08:00'),
      ends_at: wita('2026-07-28', '10:00'),
    });
    // A staff-made cancellation owes nothing.
    await booking({
      status: 'cancelled',
      cancelled_at: wita('2026-07-29', '07:00'),
      starts_at: wita('2026-07-29', '08:00'),
      ends_at: wita('2026-07-29', '10:00'),
    });
    // Electricity sold by the site.
    const item = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/priced-items`,
      payload: {
        code: 'KWH',
        name: 'Listrik (kWh)',
        unit: 'kWh',
        unitPrice: 1_699,
        taxable: true,
        validFrom: '2026-01-01',
      },
    });
    const kwh = item.json().items[0].id;
    const charge = await as(
      t.app,
      op,
    )({
      method: 'POST',
      url: '/api/charges',
      payload: {
        kind: 'item',
        siteId: a.siteId,
        memberOrgId: a.orgId,
        pricedItemId: kwh,
        quantity: 12.5,
        usageDate: '2026-07-06',
      },
    });
    expect(charge.statusCode).toBe(403); // operators read money, managers write it
    const ok = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: '/api/charges',
      payload: {
        kind: 'item',
        siteId: a.siteId,
        memberOrgId: a.orgId,
        pricedItemId: kwh,
        quantity: 12.5,
        usageDate: '2026-07-06',
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ gross: 21_238, unit: 'kWh', quantity: 12.5 }); // 12.5 × 1.699 = 21.237,5 → 21.238
  });

  it('previews exactly what it would issue, writes nothing, and refuses to issue a running month', async () => {
    t.clock.set('2026-07-31T03:00:00Z');
    const early = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/invoicing-runs`,
      payload: { month: '2026-07', dryRun: false },
    });
    expect(early.json().error.code).toBe('invoicing_month_open');
    t.clock.set('2026-08-02T01:00:00Z');
    const preview = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/invoicing-runs`,
      payload: { month: '2026-07', dryRun: true },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.dryRun).toBe(true);
    expect(p.invoices).toHaveLength(1);
    const inv = p.invoices[0];
    const lines = inv.lines.map((l: { description: string; net: number; subsidy: number }) => [
      l.description.slice(0, 30),
      l.net,
      l.subsidy,
    ]);
    // usage 6 July: 95 min → 120 min (slot) = Rp200.000, subsidy 50% = Rp100.000 (uses the 2 h cap)
    // pack sale Rp400.000; kWh Rp21.238; no-show 50% × 200.000; late cancel 25% × 200.000;
    // usage 22 July: 3 h from the pack → Rp0.
    expect(inv.subtotal).toBe(200_000 + 400_000 + 21_238 + 100_000 + 50_000 + 0);
    expect(inv.subsidies).toBe(100_000);
    expect(inv.net).toBe(671_238);
    // PKP from 2025: DPP = 11/12 × 671.238 = 615.301,5 → 615.302; PPN 12% = 73.836,24 → 73.836.
    expect(inv).toMatchObject({
      pkp: true,
      dpp: 615_302,
      ppn: 73_836,
      total: 745_074,
      ppnRatePercent: 12,
      dppFactor: '11/12',
    });
    expect(inv.number).toMatch(/^INV\/S-\d+\/2026\/000001$/);
    expect(inv.amountInWords).toBe('Tujuh ratus empat puluh lima ribu tujuh puluh empat rupiah');
    expect(lines.length).toBe(6);
    // Nothing was written.
    expect(
      (await as(t.app, mgr)({ method: 'GET', url: `/api/invoices?siteId=${a.siteId}` })).json()
        .items,
    ).toHaveLength(0);
    const packs = await as(t.app, member)({ method: 'GET', url: '/api/hour-packs' });
    expect(packs.json().items.find((x: { id: string }) => x.id === pack).minutesUsed).toBe(0);
  });

  it('issues the invoices once: a second run bills nothing twice, and the pack is debited only by use', async () => {
    const run = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/invoicing-runs`,
      payload: { month: '2026-07', dryRun: false },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().invoices).toHaveLength(1);
    expect(run.json().invoices[0].total).toBe(745_074);
    const again = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/invoicing-runs`,
      payload: { month: '2026-07', dryRun: false },
    });
    expect(again.json()).toMatchObject({ invoices: [], chargesCreated: 0 });
    const packs = await as(t.app, member)({ method: 'GET', url: '/api/hour-packs' });
    expect(packs.json().items.find((x: { id: string }) => x.id === pack).minutesUsed).toBe(180);
    const charges = await t.database.db
      .selectFrom('charges')
      .select(['booking_id', 'kind'])
      .where('booking_id', '=', completed)
      .execute();
    expect(charges).toEqual([{ booking_id: completed, kind: 'usage' }]);
  });

  it('issued invoices are immutable in the database; corrections are credit notes', async () => {
    const inv = (await as(t.app, member)({ method: 'GET', url: '/api/invoices' })).json().items[0];
    await expect(
      t.database.db.updateTable('invoices').set({ total: 1 }).where('id', '=', inv.id).execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      t.database.db.deleteFrom('invoice_lines').where('invoice_id', '=', inv.id).execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      t.database.db
        .updateTable('charges')
        .set({ net: 0 })
        .where('invoice_id', '=', inv.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('the PDF renders in Indonesian with the letterhead, NPWP, amounts and terbilang', async () => {
    const inv = (await as(t.app, member)({ method: 'GET', url: '/api/invoices' })).json().items[0];
    const res = await as(t.app, member)({ method: 'GET', url: `/api/invoices/${inv.id}/pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain('Koperasi Kakao Jembrana');
    expect(text).toContain('NPWP 0092542943407000');
    expect(text).toContain(inv.number);
    expect(text).toContain('Rp745.074');
    expect(text).toContain('PPN 12%');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Terbilang: Tujuh ratus empat puluh lima ribu tujuh puluh empat rupiah',
    );
    // Another member cannot read it.
    expect(
      (await as(t.app, other)({ method: 'GET', url: `/api/invoices/${inv.id}/pdf` })).statusCode,
    ).toBe(404);
  });

  it('payments are allocated, the balance and statement follow, and bad payments are refused', async () => {
    const inv = (await as(t.app, member)({ method: 'GET', url: '/api/invoices' })).json().items[0];
    expect(inv.status).toBe('open');
    const pay = (body: Record<string, unknown>) =>
      as(
        t.app,
        mgr,
      )({
        method: 'POST',
        url: '/api/payments',
        payload: { siteId: a.siteId, memberOrgId: a.orgId, receivedOn: '2026-08-05', ...body },
      });
    expect((await pay({ method: 'bank_transfer', amount: 100_000 })).json().error.code).toBe(
      'payment_reference_required',
    );
    const tooMuch = await pay({
      method: 'cash',
      amount: 900_000,
      allocations: [{ invoiceId: inv.id, amount: 800_000 }],
    });
    expect(tooMuch.json().error.code).toBe('allocation_exceeds_outstanding');
    const first = await pay({ method: 'qris', reference: 'QR-20260805-0001', amount: 500_000 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().allocations).toEqual([
      { invoiceId: inv.id, number: inv.number, amount: 500_000 },
    ]);
    expect(
      (await pay({ method: 'qris', reference: 'QR-20260805-0001', amount: 1 })).json().error.code,
    ).toBe('payment_reference_taken');
    const after = (
      await as(t.app, member)({ method: 'GET', url: `/api/invoices/${inv.id}` })
    ).json();
    expect(after).toMatchObject({ paid: 500_000, outstanding: 245_074, status: 'open' });
    // The rest plus a little more: the surplus stays unallocated (credit in the member's favour).
    const rest = await pay({ method: 'cash', amount: 250_000 });
    expect(rest.json()).toMatchObject({ unallocated: 4_926 });
    expect(
      (await as(t.app, member)({ method: 'GET', url: `/api/invoices/${inv.id}` })).json().status,
    ).toBe('paid');
    const st = await as(
      t.app,
      member,
    )({
      method: 'GET',
      url: `/api/organisations/${a.orgId}/statement?from=2026-08-01&to=2026-08-31`,
    });
    expect(st.statusCode, st.body).toBe(200);
    expect(st.json()).toMatchObject({ opening: 0, closing: -4_926 });
    expect(st.json().entries.map((e: { kind: string }) => e.kind)).toEqual([
      'invoice',
      'payment',
      'payment',
    ]);
    // A paid invoice is not credited without undoing the payment first.
    const cn = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/invoices/${inv.id}/credit-note`,
      payload: { reason: 'Salah tarif' },
    });
    expect(cn.json().error.code).toBe('credit_note_after_payment');
  });

  it('exports, the revenue report and the subsidy claim', async () => {
    const csv = await as(
      t.app,
      mgr,
    )({ method: 'GET', url: '/api/exports/invoices?from=2026-08-01&to=2026-08-31&format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('nomor,jenis,lokasi');
    expect(csv.body).toContain('745074');
    const payments = await as(
      t.app,
      mgr,
    )({ method: 'GET', url: '/api/exports/payments?from=2026-08-01&to=2026-08-31&format=csv' });
    expect(payments.body).toContain('QR-20260805-0001');
    const rev = await as(t.app, officer)({ method: 'GET', url: '/api/reports/revenue?year=2026' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json().total).toBe(671_238);
    const subs = await as(t.app, officer)({ method: 'GET', url: '/api/subsidies' });
    const claim = await as(
      t.app,
      officer,
    )({ method: 'GET', url: `/api/subsidies/${subs.json().items[0].id}/claim?month=2026-07` });
    expect(claim.json()).toMatchObject({ totalSubsidy: 100_000, totalMinutes: 120 });
    expect(claim.json().lines[0].invoiceNumber).toMatch(/^INV\//);
    const xlsx = await as(
      t.app,
      officer,
    )({
      method: 'GET',
      url: `/api/subsidies/${subs.json().items[0].id}/claim?month=2026-07&format=xlsx`,
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(
      (await as(t.app, member)({ method: 'GET', url: '/api/reports/revenue?year=2026' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('credit notes and numbering', () => {
  it('a credit note cancels an unpaid invoice once; numbers stay gapless per site, year and kind', async () => {
    t.clock.set('2026-09-02T01:00:00Z');
    await booking({
      starts_at: wita('2026-08-10', '08:00'),
      ends_at: wita('2026-08-10', '09:00'),
      checked_in_at: wita('2026-08-10', '08:00'),
      checked_out_at: wita('2026-08-10', '09:00'),
    });
    const run = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/invoicing-runs`,
      payload: { month: '2026-08', dryRun: false },
    });
    const inv = run.json().invoices[0];
    expect(inv.number).toMatch(/\/000002$/);
    const cn = await as(
      t.app,
      mgr,
    )({
      method: 'POST',
      url: `/api/invoices/${inv.id}/credit-note`,
      payload: { reason: 'Pemakaian dicatat ganda' },
    });
    expect(cn.statusCode, cn.body).toBe(201);
    expect(cn.json()).toMatchObject({
      kind: 'credit_note',
      total: inv.total,
      status: 'credit_note',
    });
    expect(cn.json().number).toMatch(/^CN\/S-\d+\/2026\/000001$/);
    expect(
      (await as(t.app, member)({ method: 'GET', url: `/api/invoices/${inv.id}` })).json().status,
    ).toBe('credited');
    const twice = await as(
      t.app,
      mgr,
    )({ method: 'POST', url: `/api/invoices/${inv.id}/credit-note`, payload: { reason: 'lagi' } });
    expect(twice.json().error.code).toBe('invoice_already_credited');
  });

  it('two concurrent runs never bill a charge twice nor reuse a number', async () => {
    t.clock.set('2026-10-02T01:00:00Z');
    for (let d = 1; d <= 20; d++) {
      const day = `2026-09-${String(d).padStart(2, '0')}`;
      await booking({
        starts_at: wita(day, '08:00'),
        ends_at: wita(day, '09:00'),
        checked_in_at: wita(day, '08:00'),
        checked_out_at: wita(day, '09:00'),
      });
    }
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        as(
          t.app,
          mgr,
        )({
          method: 'POST',
          url: `/api/sites/${a.siteId}/invoicing-runs`,
          payload: { month: '2026-09', dryRun: false },
        }),
      ),
    );
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(runs.flatMap((r) => r.json().invoices)).toHaveLength(1);
    const all = await t.database.db
      .selectFrom('invoices')
      .select(['seq', 'kind'])
      .where('site_id', '=', a.siteId)
      .where('kind', '=', 'invoice')
      .orderBy('seq')
      .execute();
    expect(all.map((x) => x.seq)).toEqual([1, 2, 3]);
    const lines = await t.database.db
      .selectFrom('charges')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('usage_date', '>=', '2026-09-01')
      .where('usage_date', '<=', '2026-09-30')
      .executeTakeFirstOrThrow();
    expect(Number(lines.n)).toBe(20);
  });
});

describe('overdue reminders', () => {
  it('e-mail the member once a week while an issued invoice stays unpaid after its due date', async () => {
    // The August invoice was credited; September's (issued 2 October, due 16 October) is open.
    t.clock.set('2026-10-20T02:00:00Z');
    await t.database.db.deleteFrom('outbox_messages').execute();
    expect(await queueOverdueReminders(t.database.db, t.clock.now())).toEqual({ queued: 1 });
    expect(await queueOverdueReminders(t.database.db, t.clock.now())).toEqual({ queued: 0 });
    const mail = await t.database.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject', 'body_text'])
      .execute();
    expect(mail[0]).toMatchObject({ to_address: 'member@example.test' });
    expect(mail[0]!.subject).toMatch(/^Tagihan jatuh tempo INV\//);
    expect(mail[0]!.body_text).toContain('sisa tagihan Rp');
    // A week later, once more.
    expect(await queueOverdueReminders(t.database.db, new Date('2026-10-27T02:00:00Z'))).toEqual({
      queued: 1,
    });
  });
});

describe('paging', () => {
  it('charges, invoices and payments page through every row once, in the list order', async () => {
    for (const url of ['/api/charges', '/api/invoices', '/api/payments']) {
      const all = await idsInOnePage(t.app, admin, url);
      expect(all.length, url).toBeGreaterThan(1);
      expect(await idsPageByPage(t.app, admin, url), url).toEqual(all);
    }
  });
});
