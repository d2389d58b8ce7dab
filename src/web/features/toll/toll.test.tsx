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
