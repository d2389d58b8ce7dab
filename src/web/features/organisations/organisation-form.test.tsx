// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { me, organisation, site } from '../../testing/fixtures.js';

const aceh = site({ code: 'ATM-01', name: 'RPB Nilam Aceh Tamiang' });
const empty = { body: { items: [], nextCursor: null } };

/** The API of one organisation's page, around the organisation given. */
function organisationRoutes(current: ReturnType<typeof organisation>) {
  const path = `/api/organisations/${current.id}`;
  return {
    [`GET ${path}`]: () => ({ body: current }),
    [`GET ${path}/financials`]: () => ({ body: { sizeClass: null, years: [], changes: [] } }),
    [`GET ${path}/products`]: () => empty,
    [`GET ${path}/certificates`]: () => empty,
  };
}

/** The <p> error shown under a field, found from the field itself (aria-describedby). */
function errorOf(control: HTMLElement): string | null {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ');
  const error = ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field-error');
  return error?.textContent ?? null;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('registering an organisation', () => {
  it('shows each identifier problem beside its field, then the warnings after saving', async () => {
    const created = organisation({
      name: 'UD Nilam Wangi',
      nib: '9130000000001',
      ownerNik: '1116015507850001',
      ownerNikMasked: false,
    });
    let attempts = 0;
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      'GET /api/sites': () => ({ body: { items: [aceh], nextCursor: null } }),
      'POST /api/organisations': (request: FakeRequest) => {
        attempts += 1;
        if (attempts === 1) {
          return apiError(400, 'validation_failed', 'Periksa isian yang ditandai.', {
            fields: [
              { path: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' },
              { path: 'ownerNik', code: 'nik_format', message: 'NIK harus 16 digit angka.' },
            ],
          });
        }
        expect((request.body as { nib: string }).nib).toBe('9130000000001');
        return {
          status: 201,
          body: {
            organisation: created,
            warnings: [
              {
                code: 'nik_birth_date_mismatch',
                field: 'ownerNik',
                message:
                  'Tanggal lahir dalam NIK tidak cocok dengan tanggal lahir pemilik. Periksa keduanya.',
              },
            ],
          },
        };
      },
      ...organisationRoutes(created),
    });
    window.history.replaceState(null, '', '/organisations/new');
    render(<App />);
    const form = await screen.findByTestId('organisation-form');

    // The manager's only site is chosen already: members are registered at a site.
    const siteSelect = within(form).getByLabelText('Situs') as HTMLSelectElement;
    await waitFor(() => expect(siteSelect.value).toBe(aceh.id));
    expect(within(form).getByText('13 digit angka dari OSS. Spasi dan titik boleh.')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Nama usaha'), {
      target: { value: 'UD Nilam Wangi' },
    });
    const nib = within(form).getByLabelText('NIB');
    const nik = within(form).getByLabelText('NIK pemilik');
    fireEvent.change(nib, { target: { value: '913000000000' } });
    fireEvent.change(nik, { target: { value: '11160155078500' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Daftarkan' }));

    await waitFor(() => expect(errorOf(nib)).toBe('NIB harus 13 digit angka.'));
    expect(nib.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(nik)).toBe('NIK harus 16 digit angka.');
    expect(within(form).getByLabelText('NPWP').getAttribute('aria-invalid')).toBe('false');
    expect(within(form).getByTestId('error-banner').textContent).toContain(
      'Periksa isian yang ditandai.',
    );
    // Only what was filled in is sent, with the kind and the site.
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
      kind: 'umkm',
      name: 'UD Nilam Wangi',
      nib: '913000000000',
      ownerNik: '11160155078500',
      siteId: aceh.id,
    });

    fireEvent.change(nib, { target: { value: '9130000000001' } });
    fireEvent.change(nik, { target: { value: '1116015507850001' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Daftarkan' }));

    // Saved: the profile opens, says so, and shows the NIK finding as a notice, not an error.
    const warnings = await screen.findByTestId('organisation-warnings');
    expect(warnings.getAttribute('role')).toBe('status');
    expect(warnings.textContent).toContain('Tersimpan, tetapi mohon periksa:');
    expect(warnings.textContent).toContain(
      'NIK pemilik: Tanggal lahir dalam NIK tidak cocok dengan tanggal lahir pemilik.',
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('UD Nilam Wangi');
    expect(screen.getByText(/UD Nilam Wangi terdaftar\./)).toBeTruthy();
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });
});

describe('changing a profile', () => {
  it('sends only the changed fields, never the masked NIK, and shows warnings after saving', async () => {
    const current = organisation({ phone: null, regionCode: null });
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      ...organisationRoutes(current),
      [`PATCH /api/organisations/${current.id}`]: (request) => ({
        body: {
          organisation: { ...current, ...(request.body as object) },
          warnings: [
            {
              code: 'nik_region_mismatch',
              field: 'ownerNik',
              message: 'Kode wilayah dalam NIK tidak cocok dengan alamat.',
            },
          ],
        },
      }),
    });
    window.history.replaceState(null, '', `/organisations/${current.id}`);
    render(<App />);
    const profile = await screen.findByTestId('organisation-profile');
    expect(within(profile).getByTestId('owner-nik').textContent).toBe('1116********0001');

    fireEvent.click(within(profile).getByTestId('edit-profile'));
    const form = within(profile).getByTestId('organisation-form');
    const nik = within(form).getByLabelText('NIK pemilik') as HTMLInputElement;
    expect(nik.value).toBe('');
    expect(errorOf(nik)).toBeNull();
    expect(within(form).getByText(/Tersimpan: 1116\*{8}0001 \(disamarkan\)/)).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Kode wilayah'), {
      target: { value: '51.01' },
    });
    fireEvent.change(within(form).getByLabelText('Provinsi'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan' }));

    const warnings = await screen.findByTestId('organisation-warnings');
    expect(warnings.textContent).toContain('Kode wilayah dalam NIK tidak cocok dengan alamat.');
    expect(screen.getByText('Profil tersimpan.')).toBeTruthy();
    expect(api.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      regionCode: '51.01',
      province: null,
    });
  });

  it('offers no changes to a programme officer, who may only read', async () => {
    const current = organisation({ canEdit: false });
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['programme_officer']) }),
      ...organisationRoutes(current),
    });
    window.history.replaceState(null, '', `/organisations/${current.id}`);
    render(<App />);
    const profile = await screen.findByTestId('organisation-profile');
    expect(within(profile).queryByTestId('edit-profile')).toBeNull();
    expect(await screen.findByText('Organisasi ini belum mencatat produknya.')).toBeTruthy();
    expect(screen.queryByTestId('add-product')).toBeNull();
    expect(screen.queryByTestId('add-financial-year')).toBeNull();
  });
});
