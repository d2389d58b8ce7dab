// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { grant, me, site } from '../../testing/fixtures.js';
import type { LotT, ProcessJobT } from './types.js';

const SITE = '77777777-7777-4777-8777-777777777777';
const ORG = '11111111-1111-4111-8111-111111111111';
const LOT = '44444444-4444-4444-8444-444444444444';
const JOB = '55555555-5555-4555-8555-555555555555';
const aceh = site({ id: SITE, code: 'ATM-01', name: 'RPB Nilam Bandar Pusaka' });
const operator = me(['site_operator'], {
  grants: [grant('site_operator', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});
const member = me(['umkm_member'], {
  grants: [
    grant('umkm_member', { scopeType: 'organisation', scopeId: ORG, scopeName: 'CV Nilam Harum' }),
  ],
});

function lot(overrides: Partial<LotT> = {}): LotT {
  return {
    id: LOT,
    code: 'ATM-01-IN-260721-0001',
    kind: 'intake',
    siteId: SITE,
    siteCode: 'ATM-01',
    productType: 'patchouli_leaves',
    productName: 'Daun nilam kering',
    ownerOrgId: ORG,
    ownerName: 'CV Nilam Harum Tamiang',
    pooled: false,
    quantityKg: 1250.5,
    remainingKg: 1250.5,
    status: 'released',
    grade: null,
    moisturePercent: 14.5,
    jobId: null,
    receivedAt: '2026-07-21T02:05:00.000Z',
    receivedBy: 'operator.aceh@demo.rpb.test',
    notes: null,
    owners: [],
    consumedBy: [],
    handovers: [],
    canHandOver: false,
    canEdit: true,
    ...overrides,
  };
}

function openApp(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const common = {
  'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
};

describe('material intake', () => {
  it('checks the form before sending, reads "1.250,5" as kilograms, and offers the receipt', async () => {
    const sent: unknown[] = [];
    const api = installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      'GET /api/organisations': () => ({
        body: {
          items: [
            {
              id: ORG,
              kind: 'umkm',
              name: 'CV Nilam Harum Tamiang',
              nib: null,
              province: 'Aceh',
              regency: null,
              sizeClass: 'small',
            },
          ],
          nextCursor: null,
        },
      }),
      // The API's list, which may hold types this app has no name for (it shows the API's).
      'GET /api/product-types': () => ({
        body: {
          items: [
            {
              code: 'patchouli_leaves',
              name: 'Daun nilam kering',
              nameId: 'Daun nilam kering',
              nameEn: 'Dried patchouli leaves',
            },
            {
              code: 'rattan_cane',
              name: 'Rotan batang',
              nameId: 'Rotan batang',
              nameEn: 'Rattan cane',
            },
          ],
        },
      }),
      'POST /api/lots/intake': (request: FakeRequest) => {
        sent.push(request.body);
        return { status: 201, body: lot() };
      },
      'GET /api/lots/44444444-4444-4444-8444-444444444444': () => ({ body: lot() }),
    });
    openApp('/lots/intake');
    const form = await screen.findByTestId('intake-form');
    await within(form).findByRole('option', { name: 'CV Nilam Harum Tamiang' });
    fireEvent.click(within(form).getByRole('button', { name: 'Terima bahan' }));
    await waitFor(() =>
      expect(within(form).getAllByText('Wajib diisi.').length).toBeGreaterThan(0),
    );
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    const products = within(form).getByLabelText('Jenis produk') as HTMLSelectElement;
    await waitFor(() =>
      expect([...products.options].map((o) => o.textContent)).toEqual([
        'Pilih jenis produk',
        'Daun nilam kering',
        'Rotan batang',
      ]),
    );
    fireEvent.change(within(form).getByLabelText('Pemilik bahan'), { target: { value: ORG } });
    fireEvent.change(within(form).getByLabelText('Jenis produk'), {
      target: { value: 'patchouli_leaves' },
    });
    fireEvent.change(within(form).getByLabelText('Jumlah (kg)'), { target: { value: '1.250,5' } });
    expect(within(form).getByText('= 1.250,5 kg')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Kadar air (%)'), { target: { value: '14,5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Terima bahan' }));

    expect((await screen.findByTestId('intake-lot-code')).textContent).toBe(
      'ATM-01-IN-260721-0001',
    );
    expect(sent).toEqual([
      {
        siteId: SITE,
        ownerOrgId: ORG,
        productType: 'patchouli_leaves',
        quantityKg: 1250.5,
        moisturePercent: 14.5,
        grade: null,
        notes: null,
      },
    ]);

    // The printable receipt: code, quantity, time in the site's zone, two signatures.
    fireEvent.click(screen.getByTestId('open-receipt'));
    const receipt = await screen.findByTestId('receipt');
    expect(within(receipt).getByTestId('receipt-code').textContent).toBe('ATM-01-IN-260721-0001');
    expect(within(receipt).getByTestId('receipt-quantity').textContent).toBe('1.250,5 kg');
    await waitFor(() =>
      expect(within(receipt).getByTestId('receipt-time').textContent).toMatch(/09\.05 WIB$/),
    );
    expect(within(receipt).getByText('Diterima oleh (petugas RPB)')).toBeTruthy();
  });
});

describe('the lot page', () => {
  it('shows a quarantined lot to its owner without the handover form, and the reason', async () => {
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: member }),
      [`GET /api/lots/${LOT}`]: () => ({
        body: lot({
          kind: 'output',
          code: 'ATM-01-OUT-260721-0001',
          productType: 'patchouli_oil',
          productName: 'Minyak nilam',
          status: 'quarantine',
          quantityKg: 10,
          remainingKg: 10,
          jobId: JOB,
          canEdit: false,
        }),
      }),
      [`GET /api/lots/${LOT}/sampling`]: () => ({
        body: {
          planId: '66666666-6666-4666-8666-666666666666',
          stage: 'final',
          lotSizeUnits: 10,
          severity: 'normal',
          codeLetter: 'E',
          sampleSize: 13,
          accept: 0,
          reject: 1,
          hundredPercent: true,
          discontinued: false,
        },
      }),
      [`GET /api/lots/${LOT}/inspections`]: () => ({ body: { items: [] } }),
      [`GET /api/lots/${LOT}/certificate`]: () =>
        apiError(404, 'coa_not_found', 'Sertifikat hasil uji tidak ditemukan.'),
      [`GET /api/lots/${LOT}/genealogy`]: () => ({
        body: {
          lot: lot(),
          upstream: [
            {
              lot: lot(),
              depth: -1,
              viaJobId: JOB,
              machineName: 'Ketel suling nilam 100 kg A',
              operatorName: 'Operator Aceh',
              bookingId: null,
            },
          ],
          downstream: [],
          handovers: [],
        },
      }),
      'GET /api/stock': () => ({
        body: {
          items: [
            {
              ownerOrgId: ORG,
              ownerName: 'CV Nilam Harum Tamiang',
              productType: 'patchouli_oil',
              productName: 'Minyak nilam',
              kg: 10,
              lots: 1,
            },
          ],
        },
      }),
    });
    openApp(`/lots/${LOT}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'ATM-01-OUT-260721-0001' }),
    ).toBeTruthy();
    expect(screen.getAllByTestId('lot-status')[0]!.textContent).toBe('Karantina');
    const sampling = await screen.findByTestId('sampling');
    expect(within(sampling).getByTestId('sampling-letter').textContent).toBe('E');
    expect(within(sampling).getByTestId('sampling-all').textContent).toContain('semua 10 unit');
    // The owner reads; no inspection form, no handover form, no certificate button.
    expect(screen.queryByTestId('open-inspection-form')).toBeNull();
    expect(screen.queryByTestId('handover-form')).toBeNull();
    expect(screen.queryByTestId('coa-issue')).toBeNull();
    expect((await screen.findByTestId('coa-none')).textContent).toContain('setelah lot lolos');
    const upstream = await screen.findByTestId('genealogy-upstream');
    expect(upstream.textContent).toContain('ATM-01-IN-260721-0001');
    expect(upstream.textContent).toContain('mesin Ketel suling nilam 100 kg A');
    expect((await screen.findByTestId('stock-table')).textContent).toContain('10 kg');
  });

  it('lets staff hand a released lot back and shows the API’s refusal as it answered', async () => {
    let attempts = 0;
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      [`GET /api/lots/${LOT}`]: () => ({ body: lot({ canHandOver: true }) }),
      [`GET /api/lots/${LOT}/sampling`]: () => ({
        body: {
          planId: null,
          stage: 'incoming',
          lotSizeUnits: 1251,
          severity: 'normal',
          codeLetter: null,
          sampleSize: null,
          accept: null,
          reject: null,
          hundredPercent: false,
          discontinued: false,
        },
      }),
      [`GET /api/lots/${LOT}/inspections`]: () => ({ body: { items: [] } }),
      [`GET /api/lots/${LOT}/genealogy`]: () => ({
        body: { lot: lot(), upstream: [], downstream: [], handovers: [] },
      }),
      'GET /api/stock': () => ({ body: { items: [] } }),
      [`POST /api/lots/${LOT}/handovers`]: (request) => {
        attempts += 1;
        if (attempts === 1)
          return apiError(409, 'handover_exceeds_remaining', 'Hanya tersisa 1250.5 kg di lot X.');
        return {
          status: 201,
          body: lot({
            remainingKg: 0,
            status: 'handed_over',
            handovers: [
              {
                id: '88888888-8888-4888-8888-888888888888',
                toOrgId: ORG,
                toName: 'CV Nilam Harum Tamiang',
                kg: (request.body as { kg: number }).kg,
                handedAt: '2026-07-22T03:00:00.000Z',
                handedBy: 'operator.aceh@demo.rpb.test',
                receivedByName: 'Zulkifli',
              },
            ],
          }),
        };
      },
    });
    openApp(`/lots/${LOT}`);
    expect(await screen.findByTestId('sampling-none')).toBeTruthy();
    const form = await screen.findByTestId('handover-form');
    fireEvent.change(within(form).getByLabelText('Jumlah diserahkan (kg)'), {
      target: { value: '2000' },
    });
    fireEvent.change(within(form).getByLabelText('Nama penerima'), {
      target: { value: 'Zulkifli' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Serahkan' }));
    expect((await within(form).findByTestId('error-banner')).textContent).toContain(
      'Hanya tersisa',
    );
    fireEvent.change(within(form).getByLabelText('Jumlah diserahkan (kg)'), {
      target: { value: '1.250,5' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Serahkan' }));
    expect((await screen.findByTestId('handover-list')).textContent).toContain('Zulkifli');
    expect(screen.queryByTestId('handover-form')).toBeNull();
  });
});

describe('completing a job', () => {
  const job: ProcessJobT = {
    id: JOB,
    siteId: SITE,
    bookingId: '99999999-9999-4999-8999-999999999999',
    machineId: '33333333-3333-4333-8333-333333333333',
    machineName: 'Ketel suling nilam 100 kg A',
    process: 'distillation',
    pooled: false,
    status: 'open',
    operatorName: 'Operator Aceh',
    startedAt: '2026-07-21T01:10:00.000Z',
    endedAt: '2026-07-21T04:45:00.000Z',
    inputs: [
      {
        lotId: LOT,
        code: 'ATM-01-IN-260721-0001',
        ownerName: 'CV Nilam Harum Tamiang',
        productType: 'patchouli_leaves',
        kg: 500,
      },
    ],
    outputs: [],
    wasteKg: null,
    statedGainKg: null,
    kwh: null,
    lpgKg: null,
    waterM3: null,
    yields: [],
    notes: null,
    canEdit: true,
  };

  it('starts from oil and residue, shows the mass balance live, and the API’s refusal', async () => {
    const sent: unknown[] = [];
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      [`GET /api/jobs/${JOB}`]: () => ({ body: job }),
      [`POST /api/jobs/${JOB}/complete`]: (request) => {
        sent.push(request.body);
        return apiError(
          422,
          'outputs_exceed_inputs',
          'Keluaran dan limbah (520 kg) melebihi masukan (500 kg) sebanyak 20 kg tanpa pertambahan yang dinyatakan.',
        );
      },
    });
    openApp(`/process-jobs/${JOB}`);
    const form = await screen.findByTestId('complete-job-form');
    const rows = within(form).getAllByTestId('output-row');
    expect(rows).toHaveLength(2);
    expect((within(rows[0]!).getByLabelText('Jenis produk') as HTMLSelectElement).value).toBe(
      'patchouli_oil',
    );
    expect((within(rows[1]!).getByLabelText('Jenis produk') as HTMLSelectElement).value).toBe(
      'distillation_residue',
    );
    fireEvent.change(within(form).getByTestId('output-kg-0'), { target: { value: '10' } });
    fireEvent.change(within(form).getByTestId('output-kg-1'), { target: { value: '450' } });
    fireEvent.change(within(form).getByTestId('waste-kg'), { target: { value: '60' } });
    const balance = within(form).getByTestId('mass-balance');
    expect(balance.getAttribute('data-state')).toBe('excess');
    expect(within(balance).getByTestId('mass-balance-excess').textContent).toContain('20 kg');

    fireEvent.click(within(form).getByRole('button', { name: 'Selesaikan pekerjaan' }));
    expect((await within(form).findByTestId('error-banner')).textContent).toContain(
      'sebanyak 20 kg',
    );
    expect(sent).toEqual([
      {
        outputs: [
          { kind: 'output', productType: 'patchouli_oil', kg: 10, grade: null },
          { kind: 'byproduct', productType: 'distillation_residue', kg: 450, grade: null },
        ],
        wasteKg: 60,
        statedGainKg: null,
        kwh: null,
        lpgKg: null,
        waterM3: null,
        notes: null,
      },
    ]);

    fireEvent.change(within(form).getByTestId('waste-kg'), { target: { value: '40' } });
    expect(balance.getAttribute('data-state')).toBe('ok');
  });
});

describe('intake photos', () => {
  const PHOTO = '12121212-1212-4212-8212-121212121212';
  it('takes photos with the phone camera on the form and sends them once the lot exists', async () => {
    const uploads: FakeRequest[] = [];
    let photos: unknown[] = [];
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      'GET /api/organisations': () => ({
        body: {
          items: [{ id: ORG, kind: 'umkm', name: 'CV Nilam Harum Tamiang', nib: null }],
          nextCursor: null,
        },
      }),
      'GET /api/product-types': () => ({
        body: {
          items: [
            {
              code: 'patchouli_leaves',
              name: 'Daun nilam kering',
              nameId: 'Daun nilam kering',
              nameEn: 'Dried patchouli leaves',
            },
          ],
        },
      }),
      'POST /api/lots/intake': () => ({ status: 201, body: lot() }),
      [`POST /api/lots/${LOT}/photos`]: (request) => {
        uploads.push(request);
        const photo = {
          id: PHOTO,
          lotId: LOT,
          contentType: 'image/jpeg',
          sizeBytes: 4,
          uploadedAt: '2026-07-21T02:06:00.000Z',
          uploadedBy: 'Operator Aceh',
        };
        photos = [photo];
        return { status: 201, body: photo };
      },
      [`GET /api/lots/${LOT}/photos`]: () => ({ body: { items: photos, canEdit: true } }),
    });
    openApp('/lots/intake');
    const form = await screen.findByTestId('intake-form');
    await within(form).findByRole('option', { name: 'CV Nilam Harum Tamiang' });
    const input = within(form).getByTestId('photo-input') as HTMLInputElement;
    // Phones open the rear camera; any image type may be chosen.
    expect(input.getAttribute('accept')).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    // A PDF is refused before anything is sent.
    fireEvent.change(input, {
      target: { files: [new File(['%PDF'], 'nota.pdf', { type: 'application/pdf' })] },
    });
    expect((await within(form).findByRole('alert')).textContent).toContain('nota.pdf');
    const sack = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'karung.jpg', {
      type: 'image/jpeg',
    });
    fireEvent.change(input, { target: { files: [sack] } });
    expect(within(form).getByTestId('intake-photos-chosen').textContent).toContain('1 foto');
    expect(within(form).queryByRole('alert')).toBeNull();

    fireEvent.change(within(form).getByLabelText('Pemilik bahan'), { target: { value: ORG } });
    fireEvent.change(within(form).getByLabelText('Jenis produk'), {
      target: { value: 'patchouli_leaves' },
    });
    fireEvent.change(within(form).getByLabelText('Jumlah (kg)'), { target: { value: '20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Terima bahan' }));

    expect(await screen.findByTestId('intake-lot-code')).toBeTruthy();
    expect(uploads).toHaveLength(1);
    expect(((uploads[0]!.body as FormData).get('file') as File).name).toBe('karung.jpg');
    const gallery = await screen.findByTestId('lot-photo-gallery');
    expect(within(gallery).getByRole('img').getAttribute('src')).toBe(
      `/api/lots/${LOT}/photos/${PHOTO}/file`,
    );
    expect(screen.queryByTestId('intake-photos-failed')).toBeNull();
  });
});

describe('the lot label', () => {
  it('prints a QR code that opens the lot’s page', async () => {
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      [`GET /api/lots/${LOT}`]: () => ({ body: lot() }),
    });
    openApp(`/lots/${LOT}/label`);
    const label = await screen.findByTestId('lot-label');
    const qr = (await within(label).findByTestId('qr-code')) as HTMLImageElement;
    const url = `${window.location.origin}/lots/${LOT}`;
    expect(qr.getAttribute('data-url')).toBe(url);
    // The image is the code of exactly that address (same renderer and settings).
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    expect(qr.getAttribute('src')).toBe(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    );
    const other = await QRCode.toString(`${url}x`, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    expect(qr.getAttribute('src')).not.toContain(encodeURIComponent(other));
    expect(qr.getAttribute('alt')).toBe('Kode QR lot ATM-01-IN-260721-0001');
    expect(label.textContent).toContain(url);
  });
});

describe('genealogy on the lot page', () => {
  const UP = '21212121-2121-4121-8121-212121212121';
  const BOOKING = '99999999-9999-4999-8999-999999999999';
  const MACHINE = '33333333-3333-4333-8333-333333333333';
  const record = (id: string, verdict: 'pass' | 'fail', supersededById: string | null) => ({
    id,
    lotId: UP,
    lotCode: 'ATM-01-IN-260720-0003',
    stage: 'incoming',
    specificationId: '5a1e0000-0000-4000-8000-000000002323',
    specificationName: 'Daun nilam — mutu',
    specificationSource: 'SNI',
    verdict,
    sampleSize: null,
    defectives: null,
    results: [],
    inspector: 'qc@demo.rpb.test',
    inspectedAt: '2026-07-20T03:00:00.000Z',
    supersedesId: null,
    supersededById,
    notes: null,
    nonConformanceId: null,
    labReports: [],
  });

  it('links the booking a step ran on and shows the verdicts on what went in', async () => {
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: member }),
      [`GET /api/lots/${LOT}`]: () => ({
        body: lot({ kind: 'output', code: 'ATM-01-OUT-260721-0001', jobId: JOB, canEdit: false }),
      }),
      [`GET /api/lots/${LOT}/photos`]: () => ({ body: { items: [], canEdit: false } }),
      [`GET /api/lots/${LOT}/sampling`]: () => apiError(404, 'plan_not_found', 'x'),
      [`GET /api/lots/${LOT}/inspections`]: () => ({ body: { items: [] } }),
      [`GET /api/lots/${LOT}/certificate`]: () => apiError(404, 'coa_not_found', 'x'),
      'GET /api/stock': () => ({ body: { items: [] } }),
      [`GET /api/lots/${LOT}/genealogy`]: () => ({
        body: {
          lot: lot(),
          upstream: [
            {
              lot: lot({ id: UP, code: 'ATM-01-IN-260720-0003' }),
              depth: -1,
              viaJobId: JOB,
              machineName: 'Ketel suling nilam 100 kg A',
              operatorName: 'Operator Aceh',
              bookingId: BOOKING,
            },
          ],
          downstream: [],
          handovers: [],
        },
      }),
      [`GET /api/bookings/${BOOKING}`]: () => ({
        body: {
          id: BOOKING,
          machineId: MACHINE,
          startsAt: '2026-07-21T01:00:00.000Z',
          endsAt: '2026-07-21T07:00:00.000Z',
        },
      }),
      [`GET /api/lots/${UP}/inspections`]: () => ({
        body: {
          items: [
            record('31313131-3131-4131-8131-313131313131', 'fail', 'x'),
            record('41414141-4141-4141-8141-414141414141', 'pass', null),
          ],
        },
      }),
    });
    openApp(`/lots/${LOT}`);
    const upstream = await screen.findByTestId('genealogy-upstream');
    const booking = await within(upstream).findByRole('link', { name: /pemesanan/ });
    expect(booking.getAttribute('href')).toBe(
      `/equipment/${MACHINE}/calendar?view=day&date=2026-07-21`,
    );
    expect(booking.textContent).toMatch(/08\.00.*14\.00/);
    const verdicts = await within(upstream).findByTestId('genealogy-inspections');
    // Only the current record counts: the corrected failure is history.
    expect(verdicts.textContent).toBe('Pemeriksaan: Lolos (Daun nilam — mutu, 20 Jul 2026)');
  });
});

describe('the recall page', () => {
  const manager = me(['site_manager'], {
    grants: [grant('site_manager', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
  });
  const MACHINE = '33333333-3333-4333-8333-333333333333';
  const affected = (
    code: string,
    overrides: Partial<LotT>,
    handedOverKg: number,
    to: string[],
  ) => ({
    ...lot({ code, ...overrides }),
    handedOverKg,
    handedTo: to,
  });

  it('traces an intake lot to every lot made from it and where each went', async () => {
    const api = installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: manager }),
      [`GET /api/lots/${LOT}`]: () => ({ body: lot() }),
      'GET /api/recall': () => ({
        body: {
          items: [
            affected(
              'ATM-01-OUT-260721-0001',
              { id: '61616161-6161-4161-8161-616161616161', kind: 'output', remainingKg: 2 },
              8,
              ['CV Nilam Harum Tamiang'],
            ),
            affected(
              'ATM-01-BP-260721-0001',
              { id: '71717171-7171-4171-8171-717171717171', kind: 'byproduct', remainingKg: 400 },
              0,
              [],
            ),
          ],
        },
      }),
      'GET /api/equipment': () => ({
        body: {
          items: [{ id: MACHINE, siteId: SITE, code: 'KTL-100A', name: 'Ketel suling nilam' }],
          nextCursor: null,
        },
      }),
    });
    openApp(`/recall?lotId=${LOT}`);
    expect((await screen.findByTestId('recall-lot')).textContent).toContain(
      'ATM-01-IN-260721-0001',
    );
    expect((await screen.findByTestId('recall-count')).textContent).toBe('2 lot terdampak.');
    const links = screen.getAllByTestId('recall-lot-link');
    expect(links.map((l) => l.textContent)).toEqual([
      'ATM-01-OUT-260721-0001',
      'ATM-01-BP-260721-0001',
    ]);
    expect(links[0]!.getAttribute('href')).toBe('/lots/61616161-6161-4161-8161-616161616161');
    const table = screen.getByTestId('recall-affected');
    expect(table.textContent).toContain('CV Nilam Harum Tamiang');
    expect(table.textContent).toContain('Belum ada yang keluar');
    const byLot = api.requests.find((r) => r.path === '/api/recall')!;
    expect(byLot.query.get('lotId')).toBe(LOT);

    // By machine and period: the API is asked for that machine, from/to as instants.
    fireEvent.click(screen.getByTestId('recall-by-machine'));
    const machine = await screen.findByLabelText('Mesin');
    await within(machine).findByRole('option', { name: /KTL-100A|Ketel suling nilam/ });
    fireEvent.change(machine, { target: { value: MACHINE } });
    await waitFor(() =>
      expect(api.requests.some((r) => r.path === '/api/recall' && r.query.get('machineId'))).toBe(
        true,
      ),
    );
    const byMachine = api.requests.find(
      (r) => r.path === '/api/recall' && r.query.get('machineId') === MACHINE,
    )!;
    expect(Date.parse(byMachine.query.get('from')!)).toBeLessThan(
      Date.parse(byMachine.query.get('to')!),
    );
  });
});

describe('lab reports on the lot page', () => {
  const INSPECTION = '41414141-4141-4141-8141-414141414141';
  const REPORT = '51515151-5151-4151-8151-515151515151';
  it('offers each report for download and lets staff attach another to the current record', async () => {
    let reports: unknown[] = [];
    const uploads: FakeRequest[] = [];
    const record = () => ({
      id: INSPECTION,
      lotId: LOT,
      lotCode: 'ATM-01-IN-260721-0001',
      stage: 'incoming',
      specificationId: '5a1e0000-0000-4000-8000-000000002323',
      specificationName: 'Daun nilam — mutu',
      specificationSource: 'SNI',
      verdict: 'pass',
      sampleSize: null,
      defectives: null,
      results: [],
      inspector: 'qc@demo.rpb.test',
      inspectedAt: '2026-07-21T03:00:00.000Z',
      supersedesId: null,
      supersededById: null,
      notes: null,
      nonConformanceId: null,
      labReports: reports,
    });
    installFakeApi({
      ...common,
      'GET /api/auth/me': () => ({ body: operator }),
      [`GET /api/lots/${LOT}`]: () => ({ body: lot() }),
      [`GET /api/lots/${LOT}/photos`]: () => ({ body: { items: [], canEdit: true } }),
      [`GET /api/lots/${LOT}/sampling`]: () => apiError(404, 'plan_not_found', 'x'),
      [`GET /api/lots/${LOT}/inspections`]: () => ({ body: { items: [record()] } }),
      [`GET /api/lots/${LOT}/certificate`]: () => apiError(404, 'coa_not_found', 'x'),
      [`GET /api/lots/${LOT}/genealogy`]: () => ({
        body: { lot: lot(), upstream: [], downstream: [], handovers: [] },
      }),
      'GET /api/stock': () => ({ body: { items: [] } }),
      [`POST /api/inspections/${INSPECTION}/lab-reports`]: (request) => {
        uploads.push(request);
        const report = {
          id: REPORT,
          inspectionId: INSPECTION,
          filename: 'hasil-gc.pdf',
          contentType: 'application/pdf',
          sizeBytes: 2048,
          uploadedAt: '2026-07-21T04:00:00.000Z',
          uploadedBy: 'qc@demo.rpb.test',
        };
        reports = [report];
        return { status: 201, body: report };
      },
    });
    openApp(`/lots/${LOT}`);
    const box = await screen.findByTestId('lab-reports');
    expect(within(box).queryByTestId('lab-report-link')).toBeNull();
    fireEvent.change(within(box).getByTestId('lab-report-input'), {
      target: { files: [new File(['%PDF-1.7'], 'hasil-gc.pdf', { type: 'application/pdf' })] },
    });
    const link = await screen.findByTestId('lab-report-link');
    expect(uploads).toHaveLength(1);
    expect(((uploads[0]!.body as FormData).get('file') as File).name).toBe('hasil-gc.pdf');
    expect(link.getAttribute('href')).toBe(
      `/api/inspections/${INSPECTION}/lab-reports/${REPORT}/file`,
    );
    expect(link.textContent).toBe('Unduh hasil-gc.pdf');
  });
});
