// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { SessionProvider } from '../../app/session-context.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { grant, me, site } from '../../testing/fixtures.js';
import { dayIn } from '../../lib/format.js';
import { TariffsSection } from './tariffs-section.js';
import type { InvoiceT, PaymentT, TariffT } from './types.js';
import { monthBounds, previousMonth } from './types.js';

/** The preview shows a moment before its request settles; its issue button is disabled until then. */
async function clickWhenEnabled(testId: string) {
  await waitFor(() =>
    expect((screen.getByTestId(testId) as HTMLButtonElement).disabled).toBe(false),
  );
  fireEvent.click(screen.getByTestId(testId));
}

const SITE = '11111111-1111-4111-8111-111111111111';
const ORG = '22222222-2222-4222-8222-222222222222';
const MACHINE = '33333333-3333-4333-8333-333333333333';
const INVOICE = '44444444-4444-4444-8444-444444444444';

const aceh = site({ id: SITE, code: 'ATM-01', name: 'RPB Nilam Bandar Pusaka' });
const manager = me(['site_manager'], {
  grants: [grant('site_manager', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});
const member = me(['umkm_member'], {
  grants: [
    grant('umkm_member', {
      scopeType: 'organisation',
      scopeId: ORG,
      scopeName: 'CV Nilam Harum Tamiang',
    }),
  ],
});

function invoice(overrides: Partial<InvoiceT> = {}): InvoiceT {
  return {
    id: INVOICE,
    kind: 'invoice',
    number: 'INV/ATM-01/2026/00001',
    siteId: SITE,
    siteCode: 'ATM-01',
    memberOrgId: ORG,
    memberName: 'CV Nilam Harum Tamiang',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-15',
    periodFrom: '2026-02-01',
    periodTo: '2026-02-28',
    seller: {
      name: 'Koperasi Produsen Aroma Tamiang Makmur',
      npwp: '0015432187107000',
      address: 'Desa Perupuk',
      bankAccount: 'Bank Aceh Syariah 010.01.02.123456-7',
    },
    buyer: { name: 'CV Nilam Harum Tamiang', npwp: null, address: null, bankAccount: null },
    pkp: true,
    ppnRatePercent: 12,
    dppFactor: '11/12',
    subtotal: 675_000,
    discounts: 0,
    subsidies: 0,
    net: 675_000,
    dpp: 618_750,
    ppn: 74_250,
    total: 749_250,
    amountInWords: 'Tujuh ratus empat puluh sembilan ribu dua ratus lima puluh rupiah',
    paid: 0,
    credited: 0,
    outstanding: 749_250,
    status: 'open',
    creditedInvoiceId: null,
    creditNoteId: null,
    reason: null,
    canManage: false,
    lines: [
      {
        position: 1,
        description: 'Ketel suling KTL-100A, 4 jam',
        quantity: 4,
        unit: 'jam',
        unitPrice: 90_000,
        gross: 360_000,
        discount: 0,
        subsidy: 0,
        net: 360_000,
        taxable: true,
      },
      {
        position: 2,
        description: 'Ketel suling KTL-100A, 3,5 jam',
        quantity: 3.5,
        unit: 'jam',
        unitPrice: 90_000,
        gross: 315_000,
        discount: 0,
        subsidy: 0,
        net: 315_000,
        taxable: true,
      },
    ],
    createdAt: '2026-03-01T02:00:00.000Z',
    ...overrides,
  };
}

const page = <T,>(items: T[]) => ({ body: { items, nextCursor: null } });

function openApp(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('month-end invoicing', () => {
  it('previews last month for the only site, then issues it after a confirmation', async () => {
    const runs: FakeRequest[] = [];
    const kelompok = invoice({
      id: '55555555-5555-4555-8555-555555555555',
      number: 'INV/ATM-01/2026/00002',
      memberName: 'Kelompok Tani Nilam Sepakat',
      subtotal: 50_000,
      subsidies: 25_000,
      net: 25_000,
      dpp: 22_917,
      ppn: 2_750,
      total: 27_750,
    });
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      'GET /api/sites': () => page([aceh]),
      [`POST /api/sites/${SITE}/invoicing-runs`]: (request) => {
        runs.push(request);
        const { month, dryRun } = request.body as { month: string; dryRun: boolean };
        return {
          body: {
            month,
            dryRun,
            chargesCreated: 3,
            warnings: [],
            invoices: [invoice(), kelompok],
            total: 777_000,
          },
        };
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    openApp('/billing/run');
    const lastMonth = previousMonth(dayIn(new Date(), 'Asia/Jakarta').slice(0, 7));
    await waitFor(() =>
      expect((screen.getByLabelText('Bulan pemakaian') as HTMLInputElement).value).toBe(lastMonth),
    );
    await waitFor(() =>
      expect((screen.getByLabelText('Situs') as HTMLSelectElement).value).toBe(SITE),
    );

    fireEvent.click(screen.getByTestId('run-preview'));
    const result = await screen.findByTestId('run-result');
    expect(runs[0]?.body).toEqual({ month: lastMonth, dryRun: true });
    const cards = within(result).getAllByTestId('run-invoice');
    expect(cards.map((card) => card.getAttribute('data-member'))).toEqual([
      'CV Nilam Harum Tamiang',
      'Kelompok Tani Nilam Sepakat',
    ]);
    expect(within(cards[0]!).getByTestId('invoice-total').textContent).toBe('Rp749.250');
    expect(within(cards[0]!).getByTestId('invoice-ppn').textContent).toBe('Rp74.250');
    expect(within(cards[1]!).getByTestId('invoice-subsidies').textContent).toBe('−Rp25.000');
    expect(within(result).getByTestId('run-summary').textContent).toBe(
      '2 tagihan, total Rp777.000.',
    );

    await clickWhenEnabled('run-issue');
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Terbitkan 2 tagihan'));
    const issued = await screen.findByTestId('run-issued');
    expect(runs[1]?.body).toEqual({ month: lastMonth, dryRun: false });
    const link = within(issued).getByRole('link', { name: 'INV/ATM-01/2026/00001' });
    expect(link.getAttribute('href')).toBe(`/invoices/${INVOICE}`);
    expect(screen.queryByTestId('run-result')).toBeNull();
  });

  it('shows the refusal to issue a month that has not ended', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      'GET /api/sites': () => page([aceh]),
      [`POST /api/sites/${SITE}/invoicing-runs`]: (request) =>
        (request.body as { dryRun: boolean }).dryRun
          ? {
              body: {
                month: '2020-01',
                dryRun: true,
                chargesCreated: 0,
                warnings: [
                  {
                    bookingId: null,
                    code: 'no_tariff',
                    message: 'Belum ada tarif per_hour untuk kelas non_member.',
                  },
                ],
                invoices: [invoice()],
                total: 749_250,
              },
            }
          : apiError(409, 'invoicing_month_open', 'Bulan 2020-01 belum berakhir di lokasi ini.'),
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    openApp('/billing/run');
    const month = await screen.findByLabelText('Bulan pemakaian');
    fireEvent.change(month, { target: { value: '2020-01' } });
    fireEvent.click(screen.getByTestId('run-preview'));
    expect((await screen.findByTestId('run-warnings')).textContent).toContain('Belum ada tarif');
    await clickWhenEnabled('run-issue');
    expect(await screen.findByTestId('error-banner')).toHaveProperty(
      'dataset',
      expect.objectContaining({ code: 'invoicing_month_open' }),
    );
  });
});

describe('an invoice', () => {
  it('shows a member the lines, PPN, terbilang, the PDF and the balance still owed', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: member }),
      [`GET /api/invoices/${INVOICE}`]: () => ({ body: invoice() }),
      'GET /api/payments': () => page([]),
    });
    openApp(`/invoices/${INVOICE}`);
    expect(
      await screen.findByRole('heading', { name: 'Faktur INV/ATM-01/2026/00001' }),
    ).toBeTruthy();
    expect(screen.getByTestId('invoice-status').textContent).toBe('Belum dibayar');
    expect(screen.getByTestId('invoice-outstanding').textContent).toBe('Rp749.250');
    expect(screen.getByTestId('invoice-dpp').textContent).toBe('Rp618.750');
    expect(screen.getByText('DPP nilai lain (11/12)')).toBeTruthy();
    expect(screen.getByTestId('terbilang').textContent).toContain(
      'Tujuh ratus empat puluh sembilan ribu dua ratus lima puluh rupiah',
    );
    expect(screen.getByTestId('invoice-pdf').getAttribute('href')).toBe(
      `/api/invoices/${INVOICE}/pdf`,
    );
    // A member neither records payments nor corrects invoices.
    expect(screen.queryByTestId('record-payment')).toBeNull();
    expect(screen.queryByTestId('create-credit-note')).toBeNull();
  });

  it('lets the manager record a transfer, asking for its reference first', async () => {
    let current = invoice();
    let payments: PaymentT[] = [];
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      [`GET /api/invoices/${INVOICE}`]: () => ({ body: current }),
      [`GET /api/sites/${SITE}`]: () => ({ body: { ...aceh, timeZone: 'Asia/Jakarta' } }),
      'GET /api/payments': () => page(payments),
      'POST /api/payments': (request) => {
        const body = request.body as { amount: number; reference: string; receivedOn: string };
        const payment: PaymentT = {
          id: '66666666-6666-4666-8666-666666666666',
          siteId: SITE,
          memberOrgId: ORG,
          memberName: current.memberName,
          method: 'bank_transfer',
          reference: body.reference,
          amount: body.amount,
          receivedOn: body.receivedOn,
          notes: null,
          allocations: [{ invoiceId: INVOICE, number: current.number, amount: body.amount }],
          unallocated: 0,
          createdAt: '2026-03-02T02:00:00.000Z',
        };
        payments = [payment];
        current = invoice({ paid: 749_250, outstanding: 0, status: 'paid' });
        return { status: 201, body: payment };
      },
    });
    openApp(`/invoices/${INVOICE}`);
    fireEvent.click(await screen.findByTestId('record-payment'));
    const form = screen.getByTestId('payment-form');
    expect((within(form).getByLabelText('Jumlah diterima') as HTMLInputElement).value).toBe(
      '749.250',
    );
    fireEvent.submit(form);
    expect(
      await within(form).findByText('Isi nomor referensi: wajib untuk pembayaran selain tunai.'),
    ).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Nomor referensi'), {
      target: { value: 'TRF-20260302-001' },
    });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByTestId('invoice-status').textContent).toBe('Lunas'));
    const post = api.requests.find((r) => r.method === 'POST' && r.path === '/api/payments');
    expect(post?.body).toMatchObject({
      siteId: SITE,
      memberOrgId: ORG,
      method: 'bank_transfer',
      reference: 'TRF-20260302-001',
      amount: 749_250,
      allocations: null,
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-token');
    expect(
      screen.getByText('Pembayaran Rp749.250 tercatat untuk INV/ATM-01/2026/00001.'),
    ).toBeTruthy();
    expect(
      within(await screen.findByTestId('payment-table')).getByText('TRF-20260302-001'),
    ).toBeTruthy();
    expect(screen.queryByTestId('record-payment')).toBeNull();
  });
});

describe('my invoices', () => {
  it('shows a member what it owes and its invoices with their status', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: member }),
      'GET /api/invoices': () => page([invoice()]),
      [`GET /api/organisations/${ORG}/statement`]: (request) => ({
        body: {
          memberOrgId: ORG,
          memberName: 'CV Nilam Harum Tamiang',
          from: request.query.get('from'),
          to: request.query.get('to'),
          opening: 749_250,
          entries: [],
          closing: 749_250,
        },
      }),
    });
    openApp('/my-invoices');
    expect((await screen.findByTestId('balance-amount')).textContent).toBe('Rp749.250');
    const table = await screen.findByTestId('invoice-table');
    expect(within(table).getByTestId('invoice-status').textContent).toBe('Belum dibayar');
    expect(api.requests.find((r) => r.path === '/api/invoices')?.query.get('memberOrgId')).toBe(
      ORG,
    );
    fireEvent.click(screen.getByTestId('status-filter-paid'));
    await waitFor(() =>
      expect(
        api.requests
          .filter((r) => r.path === '/api/invoices')
          .at(-1)
          ?.query.get('status'),
      ).toBe('paid'),
    );
  });
});

describe('tariffs of a machine', () => {
  const tariff = (overrides: Partial<TariffT> = {}): TariffT => ({
    id: '77777777-7777-4777-8777-777777777777',
    machineId: MACHINE,
    basis: 'per_hour',
    customerClass: 'member_small',
    unitPrice: 90_000,
    operatorFeePerHour: 35_000,
    validFrom: '2026-01-01',
    validTo: null,
    ...overrides,
  });

  it('says which tariff is in the way when a new one overlaps it', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      [`GET /api/machines/${MACHINE}/tariffs`]: () => ({
        body: { items: [tariff()], canEdit: true },
      }),
      [`POST /api/machines/${MACHINE}/tariffs`]: () =>
        apiError(409, 'tariff_overlap', 'Tarif per_hour untuk kelas member_small …', {
          basis: 'per_hour',
          customerClass: 'member_small',
          otherFrom: '2026-01-01',
          otherTo: '…',
        }),
    });
    // The section on its own: the machine page draws it with the machine's site zone.
    render(
      <I18nProvider initialLocale="id">
        <SessionProvider>
          <TariffsSection machineId={MACHINE} timeZone="Asia/Jakarta" />
        </SessionProvider>
      </I18nProvider>,
    );
    const table = await screen.findByTestId('tariff-table-per_hour');
    expect(within(table).getByText('Rp90.000/jam')).toBeTruthy();
    expect(within(table).getByText('Anggota kecil')).toBeTruthy();

    fireEvent.click(screen.getByTestId('add-tariff'));
    const form = screen.getByTestId('tariff-form');
    fireEvent.change(within(form).getByLabelText('Kelas pelanggan'), {
      target: { value: 'member_small' },
    });
    fireEvent.change(within(form).getByLabelText('Tarif'), { target: { value: '95.000' } });
    fireEvent.submit(form);
    const overlap = await within(form).findByTestId('tariff-overlap');
    expect(overlap.textContent).toContain('Tarif Per jam untuk Anggota kecil sudah berlaku');
    expect(overlap.textContent).toContain('seterusnya');
    expect(await within(table).findByTestId('tariff-conflict')).toBeTruthy();
  });
});

describe('site billing settings', () => {
  it('requires the NPWP of a PKP before sending and shows the API field errors', async () => {
    const settings = {
      siteId: SITE,
      pkp: false,
      sellerName: 'Koperasi Produsen Aroma Tamiang Makmur',
      sellerNpwp: null,
      sellerAddress: null,
      bankAccount: null,
      chargeBasis: 'actual',
      rounding: 'slot_up',
      noShowPercent: 50,
      lateCancelPercent: 25,
      lateCancelWindowMinutes: 1440,
      paymentTermsDays: 14,
      isDefault: true,
      canEdit: true,
    };
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      [`GET /api/sites/${SITE}`]: () => ({
        body: { ...aceh, regency: 'Aceh Tamiang', province: 'Aceh', timeZone: 'Asia/Jakarta' },
      }),
      [`GET /api/sites/${SITE}/billing-settings`]: () => ({ body: settings }),
      [`GET /api/sites/${SITE}/priced-items`]: () => ({ body: { items: [] } }),
      'GET /api/ppn-rates': () => ({
        body: {
          items: [
            {
              validFrom: '2025-01-01',
              ratePercent: 12,
              dppNumerator: 11,
              dppDenominator: 12,
              source: 'PMK 131/2024',
            },
          ],
        },
      }),
      [`PUT /api/sites/${SITE}/billing-settings`]: () =>
        apiError(400, 'validation_failed', 'Periksa isian.', {
          fields: [{ path: 'sellerNpwp', code: 'checksum', message: 'NPWP tidak valid.' }],
        }),
    });
    openApp(`/sites/${SITE}/billing`);
    const form = await screen.findByTestId('billing-settings-form');
    expect(await screen.findByText(/^Mulai 1 Jan 2025: PPN 12% × DPP 11\/12/)).toBeTruthy();
    fireEvent.click(within(form).getByLabelText(/Pengusaha Kena Pajak/));
    fireEvent.change(within(form).getByLabelText('Biaya tidak hadir (%)'), {
      target: { value: '150' },
    });
    fireEvent.submit(form);
    expect(await within(form).findByText('Isi NPWP penjual: wajib untuk PKP.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.change(within(form).getByLabelText('NPWP penjual (wajib untuk PKP)'), {
      target: { value: '12.345' },
    });
    fireEvent.submit(form);
    // The contract's limit, in Indonesian, beside the field.
    expect(await within(form).findByText('Maksimal 100.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Biaya tidak hadir (%)'), {
      target: { value: '50' },
    });
    fireEvent.submit(form);
    expect(await within(form).findByText('NPWP tidak valid.')).toBeTruthy();
    const put = api.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ pkp: true, sellerNpwp: '12.345', noShowPercent: 50 });
  });
});

describe('month helpers', () => {
  it('steps back over a year end and knows the length of February', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
