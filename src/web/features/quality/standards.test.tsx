// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { grant, me, site } from '../../testing/fixtures.js';
import type {
  CharacteristicT,
  InspectionPlanT,
  SpecificationItemsT,
  SpecificationT,
} from './types.js';

const SITE = '77777777-7777-4777-8777-777777777777';
const BUYER = '88888888-8888-4888-8888-888888888888';
const SNI = '5a1e0000-0000-4000-8000-000000002385';
const COCOA = '5a1e0000-0000-4000-8000-000000002323';
const MINE = '99999999-9999-4999-8999-999999999999';
const PLAN = '66666666-6666-4666-8666-666666666666';
const COLOUR = '00000000-0000-4000-8000-0000000000c1';
const SG = '00000000-0000-4000-8000-0000000000c2';
const PA = '00000000-0000-4000-8000-0000000000a7';
const aceh = site({ id: SITE, code: 'ATM-01', name: 'RPB Nilam Bandar Pusaka' });
const manager = me(['site_manager'], {
  grants: [grant('site_manager', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});
const operator = me(['site_operator'], {
  grants: [grant('site_operator', { scopeType: 'site', scopeId: SITE, scopeName: aceh.name })],
});

const char = (
  id: string,
  code: string,
  name: string,
  unit: string | null,
  min: number | null,
  max: number | null,
): CharacteristicT => ({
  id,
  code,
  name,
  kind: unit === null ? 'attribute' : 'numeric',
  unit,
  physicalMin: min,
  physicalMax: max,
  testMethod: null,
});
const colour = char(COLOUR, 'oil_colour', 'Warna', null, null, null);
const sg = char(SG, 'oil_specific_gravity', 'Bobot jenis 25 °C/25 °C', '-', 0.5, 1.5);
const pa = char(PA, 'oil_patchouli_alcohol', 'Patchouli alcohol (C15H26O)', '%', 0, 100);

const sni: SpecificationT = {
  id: SNI,
  productType: 'patchouli_oil',
  name: 'Minyak nilam — mutu SNI',
  source: 'SNI 06-2385-2006',
  buyerOrgId: null,
  buyerName: null,
  items: [
    { characteristic: colour, lower: null, upper: null, target: null, expectedPass: true },
    { characteristic: sg, lower: 0.95, upper: 0.975, target: null, expectedPass: null },
    { characteristic: pa, lower: 30, upper: null, target: null, expectedPass: null },
  ],
  inspectionCount: 3,
  canEdit: false,
};
const cocoa: SpecificationT = {
  ...sni,
  id: COCOA,
  productType: 'cocoa_beans',
  name: 'Biji kakao — Mutu I',
  source: 'SNI 2323:2008',
  items: [],
  inspectionCount: 0,
};
const buyers = [{ id: BUYER, name: 'PT Pembeli Wangi' }];
const catalogue = (items: SpecificationT[], canCreate = true): SpecificationItemsT => ({
  items,
  characteristics: [colour, sg, pa],
  buyers: canCreate ? buyers : [],
  canCreate,
});
const plan: InspectionPlanT = {
  id: PLAN,
  siteId: SITE,
  productType: 'patchouli_oil',
  stage: 'final',
  specificationId: SNI,
  specificationName: sni.name,
  inspectionLevel: 'S-2',
  aql: 1,
  unitKg: 1,
  canEdit: true,
  reducedAllowed: false,
  reducedApprovedBy: null,
  reducedApprovedAt: null,
};
const productTypes = {
  items: [
    {
      code: 'cocoa_beans',
      name: 'Biji kakao kering',
      nameId: 'Biji kakao kering',
      nameEn: 'Dried cocoa beans',
    },
    {
      code: 'patchouli_oil',
      name: 'Minyak nilam',
      nameId: 'Minyak nilam',
      nameEn: 'Patchouli oil',
    },
  ],
};

function openApp(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function routes(state: { specs: SpecificationT[]; plans: InspectionPlanT[] }) {
  return {
    'GET /api/auth/me': () => ({ body: manager }),
    'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
    'GET /api/product-types': () => ({ body: productTypes }),
    'GET /api/specifications': () => ({ body: catalogue(state.specs) }),
    'GET /api/inspection-plans': () => ({ body: { items: state.plans } }),
  };
}

const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

describe('buyer specifications', () => {
  it('starts from a standard, checks lower ≤ target ≤ upper beside the field, and sends the whole specification', async () => {
    const sent: FakeRequest[] = [];
    const state = { specs: [sni, cocoa], plans: [plan] };
    installFakeApi({
      ...routes(state),
      'POST /api/specifications': (request) => {
        sent.push(request);
        const created: SpecificationT = {
          ...sni,
          id: MINE,
          name: 'Minyak nilam — PT Pembeli Wangi',
          buyerOrgId: BUYER,
          buyerName: 'PT Pembeli Wangi',
          inspectionCount: 0,
          canEdit: true,
        };
        state.specs = [...state.specs, created];
        return { status: 201, body: created };
      },
    });
    openApp('/quality/standards');
    fireEvent.click(await screen.findByTestId('spec-add'));
    const form = await screen.findByTestId('spec-form');
    change(within(form).getByLabelText('Jenis produk'), 'patchouli_oil');
    // Only the standards of this product are offered as a base.
    const base = within(form).getByLabelText('Berdasarkan standar') as HTMLSelectElement;
    expect([...base.options].map((o) => o.textContent)).toEqual([
      'Pilih standar acuan',
      'Minyak nilam — mutu SNI (SNI 06-2385-2006)',
    ]);
    change(base, SNI);
    fireEvent.click(within(form).getByTestId('spec-base-apply'));
    const items = within(form).getAllByTestId('spec-item');
    expect(items).toHaveLength(3);
    expect(
      (within(form).getByLabelText('Sumber (pembeli dan standar acuan)') as HTMLInputElement).value,
    ).toBe('SNI 06-2385-2006');
    change(within(form).getByLabelText('Nama spesifikasi'), 'Minyak nilam — PT Pembeli Wangi');
    change(
      within(form).getByLabelText('Sumber (pembeli dan standar acuan)'),
      'PT Pembeli Wangi, berdasarkan SNI 06-2385-2006',
    );
    change(within(form).getByLabelText('Pembeli'), BUYER);
    // A stricter patchouli alcohol with a target below its own lower limit: refused beside it.
    change(within(form).getByTestId('spec-lower-2'), '32');
    change(within(form).getByTestId('spec-target-2'), '31,5');
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan spesifikasi' }));
    expect(
      await within(items[2]!).findByText('Harus batas bawah ≤ target ≤ batas atas.'),
    ).toBeTruthy();
    // 300 % is no percentage of patchouli alcohol: the unit is pointed at.
    change(within(form).getByTestId('spec-target-2'), '300');
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan spesifikasi' }));
    expect(await within(items[2]!).findByText(/Di luar rentang fisik 0–100/)).toBeTruthy();
    expect(sent).toHaveLength(0);

    change(within(form).getByTestId('spec-target-2'), '33');
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan spesifikasi' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Spesifikasi Minyak nilam — PT Pembeli Wangi tersimpan.',
    );
    expect(sent.map((r) => r.body)).toEqual([
      {
        productType: 'patchouli_oil',
        name: 'Minyak nilam — PT Pembeli Wangi',
        source: 'PT Pembeli Wangi, berdasarkan SNI 06-2385-2006',
        buyerOrgId: BUYER,
        items: [
          {
            characteristicId: COLOUR,
            unit: null,
            lower: null,
            target: null,
            upper: null,
            expectedPass: true,
          },
          {
            characteristicId: SG,
            unit: '-',
            lower: 0.95,
            target: null,
            upper: 0.975,
            expectedPass: null,
          },
          {
            characteristicId: PA,
            unit: '%',
            lower: 32,
            target: 33,
            upper: null,
            expectedPass: null,
          },
        ],
      },
    ]);
    expect(screen.queryByTestId('spec-form')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('spec')).toHaveLength(3));
  });

  it('edits an unused specification (PUT), shows the API’s field message, and offers only a copy of a used one', async () => {
    const mine: SpecificationT = {
      ...sni,
      id: MINE,
      name: 'Minyak nilam — PT Pembeli Wangi',
      source: 'PT Pembeli Wangi',
      buyerOrgId: BUYER,
      buyerName: 'PT Pembeli Wangi',
      items: [sni.items[2]!],
      inspectionCount: 0,
      canEdit: true,
    };
    const sent: FakeRequest[] = [];
    installFakeApi({
      ...routes({ specs: [sni, mine], plans: [] }),
      [`PUT /api/specifications/${MINE}`]: (request) => {
        sent.push(request);
        return apiError(400, 'validation_failed', 'Periksa isian yang ditandai.', {
          fields: [
            {
              path: 'items.0.unit',
              code: 'spec_unit_mismatch',
              message: 'Patchouli alcohol (C15H26O) diukur dalam %, bukan mg/kg.',
            },
          ],
        });
      },
    });
    openApp('/quality/standards');
    const list = await screen.findAllByTestId('spec');
    // The SNI standard is used by 3 inspections: no edit, a copy instead.
    expect(within(list[0]!).getByTestId('spec-used').textContent).toContain('Dipakai di 3');
    expect(within(list[0]!).queryByTestId('spec-edit')).toBeNull();
    expect(within(list[0]!).getByTestId('spec-copy')).toBeTruthy();
    fireEvent.click(within(list[1]!).getByTestId('spec-edit'));
    const form = await screen.findByTestId('spec-form');
    expect(screen.getByText('Ubah spesifikasi')).toBeTruthy();
    expect((within(form).getByLabelText('Nama spesifikasi') as HTMLInputElement).value).toBe(
      'Minyak nilam — PT Pembeli Wangi',
    );
    expect((within(form).getByTestId('spec-lower-0') as HTMLInputElement).value).toBe('30');
    change(within(form).getByTestId('spec-lower-0'), '31');
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan spesifikasi' }));
    expect(
      await within(form).findByText('Patchouli alcohol (C15H26O) diukur dalam %, bukan mg/kg.'),
    ).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      buyerOrgId: BUYER,
      items: [{ characteristicId: PA, unit: '%', lower: 31 }],
    });
  });

  it('shows operators the specifications and plans without any way to change them', async () => {
    installFakeApi({
      ...routes({ specs: [], plans: [] }),
      'GET /api/auth/me': () => ({ body: operator }),
      'GET /api/specifications': () => ({ body: catalogue([{ ...sni, canEdit: false }], false) }),
      'GET /api/inspection-plans': () => ({ body: { items: [{ ...plan, canEdit: false }] } }),
    });
    openApp('/quality/standards');
    expect(await screen.findByTestId('plan')).toBeTruthy();
    expect(screen.getByTestId('plan-summary').textContent).toBe(
      'Tingkat S-2 · AQL 1 · 1 unit = 1 kg',
    );
    expect(screen.queryByTestId('spec-add')).toBeNull();
    expect(screen.queryByTestId('spec-edit')).toBeNull();
    expect(screen.queryByTestId('spec-copy')).toBeNull();
    expect(screen.queryByTestId('plan-add')).toBeNull();
    expect(screen.queryByTestId('plan-edit')).toBeNull();
    expect(screen.queryByTestId('plan-reduced-allowed')).toBeNull();
    expect(screen.getByTestId('plan-reduced-state').textContent).toBe(
      'Pemeriksaan dikurangi tidak diizinkan',
    );
  });
});

describe('inspection plans', () => {
  it('adds a plan for the manager’s site with a preferred AQL, shows the API’s refusal, and edits one by PUT without the site', async () => {
    const sent: FakeRequest[] = [];
    const state = { specs: [sni, cocoa], plans: [plan] };
    installFakeApi({
      ...routes(state),
      'POST /api/inspection-plans': (request) => {
        sent.push(request);
        return apiError(
          409,
          'plan_exists',
          'Sudah ada rencana pemeriksaan aktif untuk produk dan tahap ini.',
        );
      },
      [`PUT /api/inspection-plans/${PLAN}`]: (request) => {
        sent.push(request);
        const next = { ...plan, id: MINE, aql: 2.5, inspectionLevel: 'II' as const };
        state.plans = [next];
        return { body: { items: state.plans } };
      },
    });
    openApp('/quality/standards');
    fireEvent.click(await screen.findByTestId('plan-add'));
    const form = await screen.findByTestId('plan-form');
    // A manager plans for the site(s) it manages; it is chosen when there is one.
    expect((within(form).getByLabelText('Berlaku di') as HTMLSelectElement).value).toBe(SITE);
    change(within(form).getByLabelText('Jenis produk'), 'patchouli_oil');
    const specSelect = within(form).getByLabelText('Spesifikasi') as HTMLSelectElement;
    expect([...specSelect.options].map((o) => o.textContent)).toEqual([
      'Pilih spesifikasi',
      'Minyak nilam — mutu SNI (SNI 06-2385-2006)',
    ]);
    change(specSelect, SNI);
    change(within(form).getByLabelText('Tahap'), 'incoming');
    const aql = within(form).getByLabelText('AQL (ISO 2859-1)') as HTMLSelectElement;
    // Only the ISO 2859-1 preferred values, written the Indonesian way.
    expect([...aql.options].slice(8, 12).map((o) => o.textContent)).toEqual([
      '0,4',
      '0,65',
      '1',
      '1,5',
    ]);
    expect(aql.options).toHaveLength(26);
    change(aql, '0.65');
    change(within(form).getByLabelText('Tingkat pemeriksaan'), 'S-3');
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan rencana' }));
    expect((await within(form).findByTestId('error-banner')).textContent).toContain(
      'Sudah ada rencana pemeriksaan aktif',
    );
    expect(sent[0]!.body).toEqual({
      siteId: SITE,
      productType: 'patchouli_oil',
      stage: 'incoming',
      specificationId: SNI,
      inspectionLevel: 'S-3',
      aql: 0.65,
      unitKg: 1,
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Batal' }));

    fireEvent.click(await screen.findByTestId('plan-edit'));
    const edit = await screen.findByTestId('plan-form');
    expect(within(edit).getByTestId('plan-edit-note')).toBeTruthy();
    expect(within(edit).queryByLabelText('Berlaku di')).toBeNull();
    change(within(edit).getByLabelText('AQL (ISO 2859-1)'), '2.5');
    change(within(edit).getByLabelText('Tingkat pemeriksaan'), 'II');
    fireEvent.click(within(edit).getByRole('button', { name: 'Simpan rencana' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Rencana pemeriksaan tersimpan.',
    );
    expect(sent[1]!.method).toBe('PUT');
    expect(sent[1]!.body).toEqual({
      productType: 'patchouli_oil',
      stage: 'final',
      specificationId: SNI,
      inspectionLevel: 'II',
      aql: 2.5,
      unitKg: 1,
    });
    expect(screen.getByTestId('plan-summary').textContent).toBe(
      'Tingkat II · AQL 2,5 · 1 unit = 1 kg',
    );
  });
});

describe('reduced inspection (ISO 2859-1 9.3.3 c)', () => {
  it('a manager allows it with a reason by the dedicated action (the plan stays), sees who decided, and withdraws it', async () => {
    const sent: FakeRequest[] = [];
    const state = { specs: [sni], plans: [plan] };
    installFakeApi({
      ...routes(state),
      [`POST /api/inspection-plans/${PLAN}/reduced`]: (request) => {
        sent.push(request);
        const body = request.body as { allowed: boolean };
        state.plans = [
          {
            ...plan,
            reducedAllowed: body.allowed,
            reducedApprovedBy: 'Bu Rina',
            reducedApprovedAt: '2027-06-01T03:00:00.000Z',
          },
        ];
        return { body: { items: state.plans } };
      },
    });
    openApp('/quality/standards');
    const box = (await screen.findByLabelText(
      'Pemeriksaan dikurangi diizinkan',
    )) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('plan-reduced').textContent).toContain('skor peralihan 30');
    expect(screen.queryByTestId('plan-reduced-save')).toBeNull();
    fireEvent.click(box);
    const save = screen.getByTestId('plan-reduced-save') as HTMLButtonElement;
    expect(save.textContent).toBe('Izinkan pemeriksaan dikurangi');
    // A reason is required before the decision can be sent.
    expect(save.disabled).toBe(true);
    change(screen.getByLabelText('Alasan keputusan'), '  Mutu stabil 10 lot  ');
    fireEvent.click(save);
    expect((await screen.findByTestId('plan-reduced-state')).textContent).toContain(
      'diizinkan oleh Bu Rina',
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.body).toEqual({ allowed: true, reason: 'Mutu stabil 10 lot' });
    expect(
      (screen.getByLabelText('Pemeriksaan dikurangi diizinkan') as HTMLInputElement).checked,
    ).toBe(true);
    expect(screen.queryByTestId('plan-reduced-save')).toBeNull();

    fireEvent.click(screen.getByLabelText('Pemeriksaan dikurangi diizinkan'));
    change(screen.getByLabelText('Alasan keputusan'), 'Ganti pemasok daun');
    const withdraw = screen.getByTestId('plan-reduced-save');
    expect(withdraw.textContent).toBe('Cabut izin pemeriksaan dikurangi');
    fireEvent.click(withdraw);
    await waitFor(() =>
      expect(screen.getByTestId('plan-reduced-state').textContent).toContain(
        'dicabut oleh Bu Rina',
      ),
    );
    expect(sent[1]!.body).toEqual({ allowed: false, reason: 'Ganti pemasok daun' });
  });
});
