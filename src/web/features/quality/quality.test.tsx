// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { grant, me, site } from '../../testing/fixtures.js';
import type { LotT } from '../toll/types.js';
import type {
  InspectionT,
  NonConformanceT,
  SpcChartT,
  SpecificationT,
  VerificationT,
} from './types.js';

const SITE = '77777777-7777-4777-8777-777777777777';
const ORG = '11111111-1111-4111-8111-111111111111';
const LOT = '44444444-4444-4444-8444-444444444444';
const PLAN = '66666666-6666-4666-8666-666666666666';
const SPEC = '5a1e0000-0000-4000-8000-000000002385';
const NC = '12121212-1212-4212-8212-121212121212';
const STAFF = '15151515-1515-4515-8515-151515151515';
const PA = '00000000-0000-4000-8000-0000000000a7';
const COLOUR = '00000000-0000-4000-8000-0000000000c1';
const SG = '00000000-0000-4000-8000-0000000000c2';
const aceh = site({ id: SITE, code: 'ATM-01', name: 'RPB Nilam Bandar Pusaka' });
const operator = me(['site_operator'], {
  grants: [grant('site_operator', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});
const manager = me(['site_manager'], {
  grants: [grant('site_manager', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});
const anonymous = () => apiError(401, 'unauthenticated', 'Silakan masuk.');

const spec: SpecificationT = {
  id: SPEC,
  productType: 'patchouli_oil',
  name: 'Minyak nilam — mutu SNI',
  source: 'SNI 06-2385-2006',
  buyerOrgId: null,
  buyerName: null,
  inspectionCount: 0,
  canEdit: false,
  items: [
    {
      characteristic: {
        id: COLOUR,
        code: 'oil_colour',
        name: 'Warna (kuning muda – cokelat kemerahan)',
        kind: 'attribute',
        unit: null,
        physicalMin: null,
        physicalMax: null,
        testMethod: 'SNI 06-2385-2006 butir 6.1 (visual)',
      },
      lower: null,
      upper: null,
      target: null,
      expectedPass: true,
    },
    {
      characteristic: {
        id: SG,
        code: 'oil_specific_gravity',
        name: 'Bobot jenis 25 °C/25 °C',
        kind: 'numeric',
        unit: '-',
        physicalMin: 0.5,
        physicalMax: 1.5,
        testMethod: null,
      },
      lower: 0.95,
      upper: 0.975,
      target: null,
      expectedPass: null,
    },
    {
      characteristic: {
        id: PA,
        code: 'oil_patchouli_alcohol',
        name: 'Patchouli alcohol (C15H26O)',
        kind: 'numeric',
        unit: '%',
        physicalMin: 0,
        physicalMax: 100,
        testMethod: 'SNI 06-2385-2006 (GC)',
      },
      lower: 30,
      upper: null,
      target: null,
      expectedPass: null,
    },
  ],
};

const oil = (overrides: Partial<LotT> = {}): LotT => ({
  id: LOT,
  code: 'ATM-01-OUT-260721-0001',
  kind: 'output',
  siteId: SITE,
  siteCode: 'ATM-01',
  productType: 'patchouli_oil',
  productName: 'Minyak nilam',
  ownerOrgId: ORG,
  ownerName: 'CV Nilam Harum Tamiang',
  pooled: false,
  quantityKg: 10,
  remainingKg: 10,
  status: 'quarantine',
  grade: null,
  moisturePercent: null,
  jobId: '55555555-5555-4555-8555-555555555555',
  receivedAt: '2026-07-21T05:00:00.000Z',
  receivedBy: 'operator.aceh@demo.rpb.test',
  notes: null,
  owners: [],
  consumedBy: [],
  handovers: [],
  canHandOver: false,
  canEdit: true,
  ...overrides,
});

function inspection(pa: number, overrides: Partial<InspectionT> = {}): InspectionT {
  const pass = pa >= 30;
  return {
    id: '13131313-1313-4313-8313-131313131313',
    lotId: LOT,
    lotCode: 'ATM-01-OUT-260721-0001',
    stage: 'final',
    specificationId: SPEC,
    specificationName: spec.name,
    specificationSource: spec.source,
    verdict: pass ? 'pass' : 'fail',
    sampleSize: null,
    defectives: null,
    results: [
      {
        characteristicId: COLOUR,
        code: 'oil_colour',
        name: 'Warna',
        unit: null,
        value: null,
        passed: true,
        lower: null,
        upper: null,
      },
      {
        characteristicId: SG,
        code: 'oil_specific_gravity',
        name: 'Bobot jenis',
        unit: '-',
        value: 0.962,
        passed: true,
        lower: 0.95,
        upper: 0.975,
      },
      {
        characteristicId: PA,
        code: 'oil_patchouli_alcohol',
        name: 'Patchouli alcohol',
        unit: '%',
        value: pa,
        passed: pass,
        lower: 30,
        upper: null,
      },
    ],
    inspector: 'operator.aceh@demo.rpb.test',
    inspectedAt: '2026-07-21T06:00:00.000Z',
    supersedesId: null,
    supersededById: null,
    notes: null,
    nonConformanceId: pass ? null : NC,
    labReports: [],
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

function lotRoutes(state: { lot: LotT; inspections: InspectionT[] }, sent: unknown[]) {
  return {
    'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
    [`GET /api/lots/${LOT}`]: () => ({ body: state.lot }),
    [`GET /api/lots/${LOT}/sampling`]: () => ({
      body: {
        planId: PLAN,
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
    [`GET /api/lots/${LOT}/inspections`]: () => ({ body: { items: state.inspections } }),
    [`GET /api/lots/${LOT}/certificate`]: () =>
      apiError(404, 'coa_not_found', 'Sertifikat hasil uji tidak ditemukan.'),
    [`GET /api/lots/${LOT}/genealogy`]: () => ({
      body: { lot: state.lot, upstream: [], downstream: [], handovers: [] },
    }),
    'GET /api/stock': () => ({ body: { items: [] } }),
    'GET /api/inspection-plans': () => ({
      body: {
        items: [
          {
            id: PLAN,
            siteId: null,
            productType: 'patchouli_oil',
            stage: 'final',
            specificationId: SPEC,
            specificationName: spec.name,
            inspectionLevel: 'S-2',
            aql: 1,
            unitKg: 1,
          },
        ],
      },
    }),
    'GET /api/specifications': () => ({
      body: { items: [spec], characteristics: spec.items.map((i) => i.characteristic) },
    }),
    [`POST /api/lots/${LOT}/inspections`]: (request: FakeRequest) => {
      sent.push(request.body);
      const body = request.body as { results: { characteristicId: string; value: number }[] };
      const pa = body.results.find((r) => r.characteristicId === PA)!.value;
      const saved = inspection(pa, {
        id: `13131313-1313-4313-8313-13131313131${sent.length}`,
        supersedesId: (request.body as { supersedesId: string | null }).supersedesId,
      });
      state.inspections = [
        ...state.inspections.map((i) =>
          i.id === saved.supersedesId ? { ...i, supersededById: saved.id } : i,
        ),
        saved,
      ];
      state.lot = { ...state.lot, status: saved.verdict === 'pass' ? 'released' : 'rejected' };
      return { status: 201, body: saved };
    },
  };
}

describe('the inspection form', () => {
  it('judges each value live, sends the results, and shows the verdict with the NC it opened', async () => {
    const sent: unknown[] = [];
    const state = { lot: oil(), inspections: [] as InspectionT[] };
    installFakeApi({ 'GET /api/auth/me': () => ({ body: operator }), ...lotRoutes(state, sent) });
    openApp(`/lots/${LOT}`);
    fireEvent.click(await screen.findByTestId('open-inspection-form'));
    const form = await screen.findByTestId('inspection-form');
    expect(
      (screen.getByLabelText('Spesifikasi') as HTMLSelectElement).selectedOptions[0]!.textContent,
    ).toBe('Minyak nilam — mutu SNI (SNI 06-2385-2006)');
    expect(within(form).getByText(/n = 10, terima bila cacat ≤ 0/)).toBeTruthy();

    // Patchouli alcohol 28 % against min. 30: not conforming, right beside the field.
    fireEvent.change(within(form).getByTestId('result-oil_patchouli_alcohol'), {
      target: { value: '28' },
    });
    expect(within(form).getByTestId('live-oil_patchouli_alcohol').dataset['verdict']).toBe('fail');
    expect(within(form).getByText(/Persyaratan: min\. 30 %/)).toBeTruthy();
    // A slip of the unit is pointed out before the API refuses it.
    fireEvent.change(within(form).getByTestId('result-oil_specific_gravity'), {
      target: { value: '962' },
    });
    expect(within(form).getByText(/periksa satuannya/)).toBeTruthy();
    fireEvent.change(within(form).getByTestId('result-oil_specific_gravity'), {
      target: { value: '0,962' },
    });
    expect(within(form).getByTestId('live-oil_specific_gravity').dataset['verdict']).toBe('pass');
    // The attribute is required.
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan dan tandatangani' }));
    expect(await within(form).findByText('Wajib diisi.')).toBeTruthy();
    expect(sent).toHaveLength(0);
    fireEvent.click(within(form).getByTestId('result-oil_colour-pass'));
    expect(within(form).getByTestId('inspection-live-summary').textContent).toContain(
      '1 parameter tidak memenuhi',
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan dan tandatangani' }));

    const verdict = await screen.findByTestId('inspection-verdict');
    expect(verdict.dataset['verdict']).toBe('fail');
    expect(within(verdict).getByTestId('verdict-nc-link').getAttribute('href')).toBe(
      `/non-conformances/${NC}`,
    );
    expect(sent).toEqual([
      {
        stage: 'final',
        specificationId: SPEC,
        results: [
          { characteristicId: COLOUR, value: null, passed: true },
          { characteristicId: SG, value: 0.962, passed: null },
          { characteristicId: PA, value: 28, passed: null },
        ],
        sampleSize: null,
        defectives: null,
        notes: null,
        supersedesId: null,
      },
    ]);
    // The lot is read again: rejected.
    await waitFor(() =>
      expect(screen.getAllByTestId('lot-status')[0]!.dataset['status']).toBe('rejected'),
    );
    const record = await screen.findByTestId('inspection-record');
    expect(record.dataset['verdict']).toBe('fail');

    // "Koreksi": the form starts from the record and the new one supersedes it.
    fireEvent.click(within(record).getByTestId('inspection-correct'));
    const correction = await screen.findByTestId('inspection-form');
    expect(
      (within(correction).getByTestId('result-oil_patchouli_alcohol') as HTMLInputElement).value,
    ).toBe('28');
    fireEvent.change(within(correction).getByTestId('result-oil_patchouli_alcohol'), {
      target: { value: '32' },
    });
    fireEvent.change(within(correction).getByLabelText('Alasan koreksi'), {
      target: { value: 'Salah ketik' },
    });
    fireEvent.click(within(correction).getByRole('button', { name: 'Simpan koreksi' }));
    await waitFor(() =>
      expect(screen.getByTestId('inspection-verdict').dataset['verdict']).toBe('pass'),
    );
    expect(sent[1]).toMatchObject({
      supersedesId: '13131313-1313-4313-8313-131313131311',
      notes: 'Salah ketik',
    });
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('inspection-record')
          .map((r) => [r.dataset['verdict'], r.dataset['superseded']]),
      ).toEqual([
        ['pass', 'false'],
        ['fail', 'true'],
      ]),
    );
  });
});

describe('a non-conformance', () => {
  const nc: NonConformanceT = {
    id: NC,
    siteId: SITE,
    lotId: LOT,
    lotCode: 'ATM-01-OUT-260721-0001',
    inspectionId: null,
    title: 'ATM-01-OUT-260721-0001: Patchouli alcohol tidak memenuhi SNI 06-2385-2006',
    status: 'open',
    disposition: null,
    rootCause: null,
    verification: null,
    openedAt: '2026-07-21T06:00:00.000Z',
    closedAt: null,
    actions: [],
    canEdit: true,
  };

  it('shows the closure gate’s message, then closes once everything is there', async () => {
    let current = nc;
    const patches: unknown[] = [];
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
      [`GET /api/sites/${SITE}/staff`]: () => ({
        body: {
          items: [
            { userId: STAFF, name: 'Operator Aceh', roles: ['site_operator'] },
            { userId: ORG, name: 'Manajer Aceh', roles: ['site_manager'] },
          ],
        },
      }),
      [`GET /api/non-conformances/${NC}`]: () => ({ body: current }),
      [`POST /api/non-conformances/${NC}/close`]: () => {
        if (!current.disposition || current.actions.some((a) => !a.doneAt))
          return apiError(
            422,
            'nc_cannot_close',
            'Belum bisa ditutup: disposisi, akar masalah, tindakan perbaikan, verifikasi.',
          );
        current = {
          ...current,
          status: 'closed',
          closedAt: '2026-07-22T01:00:00.000Z',
          canEdit: false,
        };
        return { body: current };
      },
      [`PATCH /api/non-conformances/${NC}`]: (request) => {
        patches.push(request.body);
        current = { ...current, ...(request.body as Partial<NonConformanceT>) };
        return { body: current };
      },
      [`POST /api/non-conformances/${NC}/actions`]: (request) => {
        const body = request.body as {
          description: string;
          dueOn: string;
          ownerUserId: string | null;
        };
        current = {
          ...current,
          actions: [
            {
              id: '14141414-1414-4414-8414-141414141414',
              description: body.description,
              ownerUserId: body.ownerUserId,
              ownerName: body.ownerUserId === STAFF ? 'Operator Aceh' : null,
              dueOn: body.dueOn,
              doneAt: null,
            },
          ],
        };
        return { status: 201, body: current };
      },
      'POST /api/nc-actions/14141414-1414-4414-8414-141414141414/done': () => {
        current = {
          ...current,
          actions: current.actions.map((a) => ({ ...a, doneAt: '2026-07-21T09:00:00.000Z' })),
        };
        return { body: current };
      },
    });
    openApp(`/non-conformances/${NC}`);
    fireEvent.click(await screen.findByTestId('nc-close-button'));
    expect((await screen.findByTestId('error-banner')).textContent).toContain(
      'Belum bisa ditutup: disposisi',
    );

    const decision = screen.getByTestId('nc-decision-form');
    fireEvent.click(within(decision).getByTestId('disposition-downgrade'));
    fireEvent.change(within(decision).getByLabelText('Akar masalah'), {
      target: { value: 'Daun terlalu muda' },
    });
    fireEvent.change(within(decision).getByLabelText('Verifikasi'), {
      target: { value: 'Uji ulang batch berikut' },
    });
    fireEvent.click(within(decision).getByRole('button', { name: 'Simpan' }));
    expect(await within(decision).findByText('Keputusan tersimpan.')).toBeTruthy();
    expect(patches).toEqual([
      {
        disposition: 'downgrade',
        rootCause: 'Daun terlalu muda',
        verification: 'Uji ulang batch berikut',
      },
    ]);

    const actionForm = screen.getByTestId('nc-action-form');
    fireEvent.change(within(actionForm).getByLabelText('Tindakan'), {
      target: { value: 'Perpanjang waktu suling menjadi 8 jam' },
    });
    // The owner is picked among the site's staff (GET /api/sites/:id/staff).
    const owner = within(actionForm).getByLabelText('Penanggung jawab') as HTMLSelectElement;
    await waitFor(() =>
      expect([...owner.options].map((o) => o.textContent)).toContain('Operator Aceh'),
    );
    fireEvent.change(owner, { target: { value: STAFF } });
    fireEvent.click(within(actionForm).getByRole('button', { name: 'Tambah tindakan' }));
    expect((await screen.findByTestId('nc-action')).textContent).toContain('Operator Aceh');
    fireEvent.click(await screen.findByTestId('nc-action-done'));
    await waitFor(() => expect(screen.getByTestId('nc-action').dataset['done']).toBe('true'));
    fireEvent.click(screen.getByTestId('nc-close-button'));
    await waitFor(() =>
      expect(screen.getAllByTestId('nc-status')[0]!.dataset['status']).toBe('closed'),
    );
    expect(screen.getByText(/lot turun mutu dan boleh diserahkan/)).toBeTruthy();
  });
});

describe('the public verification page', () => {
  const verification: VerificationT = {
    genuine: true,
    number: 'COA/ATM-01/2026/000001',
    issuedAt: '2026-07-21T07:00:00.000Z',
    timeZone: 'Asia/Makassar',
    lotCode: 'ATM-01-OUT-260721-0002',
    product: 'Minyak nilam / Patchouli oil',
    quantityKg: 10,
    owner: 'CV Nilam Harum Tamiang',
    site: 'RPB Nilam Bandar Pusaka',
    specification: 'Minyak nilam — mutu SNI',
    standard: 'SNI 06-2385-2006',
    verdict: 'pass',
    results: [
      {
        name: 'Patchouli alcohol (C15H26O) / Patchouli alcohol (C15H26O)',
        unit: '%',
        value: '32',
        requirement: 'min. 30',
        requirementEn: 'min. 30',
        passed: true,
      },
    ],
  };
  const token = 'abcdefghijklmnopqrstuvwxyz012345';

  it('tells a visitor without an account that the certificate is genuine, and what it certifies', async () => {
    installFakeApi({
      'GET /api/auth/me': anonymous,
      [`GET /api/public/certificates/${token}`]: () => ({ body: verification }),
    });
    openApp(`/verify/${token}`);
    const result = await screen.findByTestId('verify-result');
    expect(result.dataset['genuine']).toBe('true');
    expect(result.textContent).toContain('ASLI');
    expect(screen.getByTestId('verify-number').textContent).toBe('COA/ATM-01/2026/000001');
    expect(screen.getByTestId('verify-owner').textContent).toBe('CV Nilam Harum Tamiang');
    expect(screen.getByTestId('verify-standard').textContent).toBe('SNI 06-2385-2006');
    expect(screen.getByTestId('verify-results').textContent).toContain('min. 30');
    // In the issuing site's zone (WITA), not the platform's.
    expect(screen.getByTestId('verify-issued').textContent).toMatch(/15[.:]00 WITA$/);
  });

  it('warns when the content no longer matches, and when there is no such certificate', async () => {
    installFakeApi({
      'GET /api/auth/me': anonymous,
      [`GET /api/public/certificates/${token}`]: () => ({
        body: { ...verification, genuine: false },
      }),
      'GET /api/public/certificates/bbbbbbbbbbbbbbbbbbbbbbbbbbbb': () =>
        apiError(404, 'coa_not_found', 'Sertifikat hasil uji tidak ditemukan.'),
    });
    openApp(`/verify/${token}`);
    expect((await screen.findByTestId('verify-result')).dataset['genuine']).toBe('false');
    cleanup();
    openApp('/verify/bbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    expect((await screen.findByTestId('verify-result')).textContent).toContain(
      'Sertifikat tidak ditemukan',
    );
  });
});

describe('the SPC page', () => {
  it('draws the chart with the violating point and its rule, and shows Cp/Cpk', async () => {
    const points = [32.1, 31.8, 32.4, 32.0, 35.5, 32.1].map((value, i) => ({
      index: i,
      at: `2026-01-0${i + 1}T01:00:00.000Z`,
      value,
      secondary: i === 0 ? null : 0.3,
      lotCode: `L-${i}`,
      rules: i === 4 ? [1] : [],
    }));
    const chart: SpcChartT = {
      chart: 'imr',
      n: points.length,
      unit: '%',
      limits: { centre: 32, ucl: 33.2, lcl: 30.8 },
      secondary: { centre: 0.45, ucl: 1.47, lcl: 0 },
      points,
      violations: [{ rule: 1, index: 4, side: 'above' }],
      spec: { lower: 30, upper: null, source: 'SNI 06-2385-2006' },
      capability: {
        mean: 32.3,
        sdOverall: 1.3,
        sigmaWithin: 0.4,
        cp: null,
        cpk: 1.92,
        pp: null,
        ppk: 0.59,
      },
    };
    const asked: URLSearchParams[] = [];
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
      'GET /api/equipment': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/specifications': () => ({
        body: { items: [spec], characteristics: spec.items.map((i) => i.characteristic) },
      }),
      'GET /api/spc': (request) => {
        asked.push(request.query);
        return { body: chart };
      },
    });
    openApp('/spc');
    const svg = await screen.findByTestId('spc-chart');
    const signals = within(svg).getAllByTestId('spc-signal');
    expect(signals.map((s) => s.getAttribute('data-rules'))).toEqual(['1']);
    expect(svg.querySelector('[data-line="UCL"]')).toBeTruthy();
    expect(svg.querySelector('[data-line="LSL"]')).toBeTruthy();
    expect(screen.getByTestId('spc-cpk').textContent).toBe('1,92');
    expect(screen.getByTestId('spc-violation').textContent).toContain('Aturan 1');
    expect(screen.getByTestId('spc-violation').textContent).toContain('lot L-4');
    // Only numeric characteristics are offered for an I-MR chart; the first is asked for.
    expect(asked[0]!.get('characteristicId')).toBe(SG);
    expect(asked[0]!.get('productType')).toBe('patchouli_oil');
    expect(
      within(screen.getByTestId('spc-filters'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).not.toContain('Warna (kuning muda – cokelat kemerahan)');
  });
});

describe('discontinued sampling', () => {
  it('shows the API’s notice; a manager restarts inspection at tightened with a reason', async () => {
    const sent: unknown[] = [];
    const state = { lot: oil(), inspections: [] as InspectionT[] };
    const base = {
      planId: PLAN,
      stage: 'final',
      lotSizeUnits: 10,
      codeLetter: null,
      sampleSize: null,
      accept: null,
      reject: null,
      hundredPercent: false,
    };
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      ...lotRoutes(state, sent),
      [`GET /api/lots/${LOT}/sampling`]: () => ({
        body: {
          ...base,
          severity: 'tightened',
          discontinued: true,
          notice: 'Pemeriksaan dengan rencana ini dihentikan (ISO 2859-1 butir 9.4).',
          canRestart: true,
        },
      }),
      [`POST /api/lots/${LOT}/sampling/restart`]: (request: FakeRequest) => {
        sent.push(request.body);
        return {
          body: {
            ...base,
            codeLetter: 'F',
            sampleSize: 20,
            accept: 0,
            reject: 1,
            severity: 'tightened',
            discontinued: false,
            notice: null,
            canRestart: false,
          },
        };
      },
    });
    openApp(`/lots/${LOT}`);
    expect((await screen.findByTestId('sampling-notice')).textContent).toContain('butir 9.4');
    const button = screen.getByTestId('sampling-restart') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('sampling-restart-reason'), {
      target: { value: 'Daun diganti, waktu suling 8 jam' },
    });
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId('sampling-notice')).toBeNull());
    expect(sent).toEqual([{ stage: 'final', reason: 'Daun diganti, waktu suling 8 jam' }]);
    expect(screen.getByTestId('sampling-severity').textContent).toBe('Diperketat');
    expect(screen.getByTestId('sampling-n').textContent).toBe('20');
  });
});

describe('reduced inspection in force', () => {
  it('the sampling panel says Dikurangi with the smaller sample and why', async () => {
    const state = { lot: oil(), inspections: [] as InspectionT[] };
    installFakeApi({
      'GET /api/auth/me': () => ({ body: manager }),
      ...lotRoutes(state, []),
      [`GET /api/lots/${LOT}/sampling`]: () => ({
        body: {
          planId: PLAN,
          stage: 'final',
          lotSizeUnits: 800,
          severity: 'reduced',
          codeLetter: 'J',
          sampleSize: 32,
          accept: 1,
          reject: 2,
          hundredPercent: false,
          discontinued: false,
          notice: null,
          canRestart: false,
        },
      }),
    });
    openApp(`/lots/${LOT}`);
    expect((await screen.findByTestId('sampling-severity')).textContent).toBe('Dikurangi');
    expect(screen.getByTestId('sampling-n').textContent).toBe('32');
    expect(screen.getByTestId('sampling-ac-re').textContent).toBe('1 / 2');
    expect(screen.getByTestId('sampling-reduced').textContent).toContain('izin pihak berwenang');
  });

  it('no reduced note on normal inspection', async () => {
    const state = { lot: oil(), inspections: [] as InspectionT[] };
    installFakeApi({ 'GET /api/auth/me': () => ({ body: manager }), ...lotRoutes(state, []) });
    openApp(`/lots/${LOT}`);
    expect((await screen.findByTestId('sampling-severity')).textContent).toBe('Normal');
    expect(screen.queryByTestId('sampling-reduced')).toBeNull();
  });
});
