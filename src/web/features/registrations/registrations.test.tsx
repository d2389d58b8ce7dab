// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { me } from '../../testing/fixtures.js';
import type { MyRegistrationT, PublicSiteT, RegistrationT } from './types.js';

const anonymous = () => apiError(401, 'unauthenticated', 'Silakan masuk.');
const aceh: PublicSiteT = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'ATM-01',
  name: 'RPB Nilam Bandar Pusaka',
  province: 'Aceh',
  regency: 'Kabupaten Aceh Tamiang',
};
const siteRef = {
  id: aceh.id,
  code: aceh.code,
  name: aceh.name,
  timeZone: 'Asia/Jakarta' as const,
};

function openApp(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

/** The error shown under a field, found from the field itself (aria-describedby). */
function errorOf(control: HTMLElement): string | null {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ');
  return (
    ids.map((id) => document.getElementById(id)).find((el) => el?.className === 'field-error')
      ?.textContent ?? null
  );
}

const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('self-registration', () => {
  it('is reached from the login page and checks required fields before sending', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': anonymous,
      'GET /api/registrations/sites': () => ({ body: { items: [aceh] } }),
    });
    openApp('/login');
    fireEvent.click(await screen.findByRole('link', { name: 'Daftar sebagai anggota UMKM' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Daftar sebagai anggota UMKM' }),
    ).toBeTruthy();
    const form = screen.getByTestId('registration-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Kirim pendaftaran' }));
    await waitFor(() =>
      expect(errorOf(within(form).getByLabelText('NIB', { exact: true }))).toBe('Wajib diisi.'),
    );
    expect(errorOf(within(form).getByLabelText('NIK pemilik'))).toBe('Wajib diisi.');
    expect(errorOf(within(form).getByLabelText('Situs'))).toBe('Wajib diisi.');
    expect(errorOf(within(form).getByLabelText('Cari kode atau nama KBLI'))).toBe('Wajib diisi.');
    expect(api.requests.some((r) => r.path === '/api/registrations')).toBe(false);
  });

  it('picks codes from the whole KBLI 2020 list, e.g. online retail and maize farming', async () => {
    const KBLI = [
      { code: '01111', title: 'Pertanian Jagung' },
      {
        code: '47911',
        title:
          'Perdagangan Eceran Melalui Media untuk Komoditi Makanan, Minuman, Tembakau, Kimia, Farmasi, Kosmetik dan Alat Laboratorium',
      },
    ];
    const api = installFakeApi({
      'GET /api/auth/me': anonymous,
      'GET /api/registrations/sites': () => ({ body: { items: [aceh] } }),
      'GET /api/kbli': (request: FakeRequest) => {
        const q = (request.query.get('q') ?? '').toLowerCase();
        return {
          body: {
            items: KBLI.filter((k) => k.code.startsWith(q) || k.title.toLowerCase().includes(q)),
            nextCursor: null,
          },
        };
      },
    });
    openApp('/register');
    const form = await screen.findByTestId('registration-form');
    type(form, 'Cari kode atau nama KBLI', '47911');
    fireEvent.click(await within(form).findByRole('button', { name: 'Tambah KBLI 47911' }));
    type(form, 'Cari kode atau nama KBLI', 'jagung');
    fireEvent.click(await within(form).findByRole('button', { name: 'Tambah KBLI 01111' }));
    const chosen = within(screen.getByTestId('kbli-chosen'));
    expect(chosen.getByText('47911')).toBeTruthy();
    expect(chosen.getByText('01111')).toBeTruthy();
    expect(api.requests.filter((r) => r.path === '/api/kbli').map((r) => r.query.get('q'))).toEqual(
      expect.arrayContaining(['47911', 'jagung']),
    );
  });

  it('shows the API answers beside their fields, then what happens next', async () => {
    let attempts = 0;
    const sent: unknown[] = [];
    installFakeApi({
      'GET /api/auth/me': anonymous,
      'GET /api/registrations/sites': () => ({ body: { items: [aceh] } }),
      'GET /api/kbli': () => ({
        body: { items: [{ code: '20294', title: 'Industri Minyak Atsiri' }], nextCursor: null },
      }),
      'POST /api/registrations': (request: FakeRequest) => {
        sent.push(request.body);
        attempts += 1;
        if (attempts === 1) {
          return apiError(400, 'validation_failed', 'Data yang dikirim tidak valid.', {
            fields: [{ path: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' }],
          });
        }
        if (attempts === 2) {
          return apiError(409, 'email_taken', 'Sudah ada pengguna dengan e-mail ini.', {
            field: 'applicantEmail',
          });
        }
        return {
          status: 201,
          body: {
            id: '00000000-0000-4000-8000-0000000000f1',
            status: 'pending',
            site: siteRef,
            submittedAt: '2026-07-21T03:00:00.000Z',
            warnings: [],
          },
        };
      },
    });
    openApp('/register');
    const form = await screen.findByTestId('registration-form');
    await within(form).findByRole('option', { name: /ATM-01/ });
    type(form, 'Nama usaha', 'UD Nilam Wangi');
    type(form, 'NIB', '912030172615');
    type(form, 'NPWP', '01.312.166.0-091.000');
    type(form, 'Nama pemilik', 'Rahmah');
    type(form, 'NIK pemilik', '1116015507850001');
    fireEvent.change(within(form).getByLabelText('Situs'), { target: { value: aceh.id } });
    type(form, 'Cari kode atau nama KBLI', 'atsiri');
    fireEvent.click(await within(form).findByRole('button', { name: 'Tambah KBLI 20294' }));
    expect(within(screen.getByTestId('kbli-chosen')).getByText('20294')).toBeTruthy();
    type(form, 'Nama Anda', 'Rahmah');
    type(form, 'E-mail untuk masuk', 'rahmah@example.id');
    type(form, 'Kata sandi', 'nilam-wangi-2026');
    type(form, 'Ulangi kata sandi', 'nilam-wangi-2026');

    fireEvent.click(within(form).getByRole('button', { name: 'Kirim pendaftaran' }));
    await waitFor(() =>
      expect(errorOf(within(form).getByLabelText('NIB', { exact: true }))).toBe(
        'NIB harus 13 digit angka.',
      ),
    );
    expect(sent[0]).toEqual({
      name: 'UD Nilam Wangi',
      nib: '912030172615',
      npwp: '01.312.166.0-091.000',
      ownerName: 'Rahmah',
      ownerNik: '1116015507850001',
      kbli: ['20294'],
      siteId: aceh.id,
      applicantName: 'Rahmah',
      applicantEmail: 'rahmah@example.id',
      password: 'nilam-wangi-2026',
    });

    type(form, 'NIB', '9120301726154');
    fireEvent.click(within(form).getByRole('button', { name: 'Kirim pendaftaran' }));
    await waitFor(() =>
      expect(errorOf(within(form).getByLabelText('E-mail untuk masuk'))).toBe(
        'Sudah ada pengguna dengan e-mail ini.',
      ),
    );

    type(form, 'E-mail untuk masuk', 'rahmah.nilam@example.id');
    fireEvent.click(within(form).getByRole('button', { name: 'Kirim pendaftaran' }));
    const done = await screen.findByTestId('registration-done');
    expect(done.textContent).toContain(
      'Pendaftaran UD Nilam Wangi di RPB Nilam Bandar Pusaka (ATM-01) menunggu persetujuan',
    );
    expect(done.textContent).toContain('rahmah.nilam@example.id');
  });
});

describe('after registering', () => {
  it('tells an applicant without a role that the site has yet to approve', async () => {
    const mine: MyRegistrationT = {
      id: '00000000-0000-4000-8000-0000000000f2',
      status: 'pending',
      organisationId: '00000000-0000-4000-8000-0000000000f3',
      organisationName: 'UD Nilam Wangi',
      site: siteRef,
      submittedAt: '2026-07-21T03:00:00.000Z',
      decidedAt: null,
      rejectReason: null,
    };
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me([]) }),
      'GET /api/sites': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/registrations/mine': () => ({ body: { items: [mine] } }),
    });
    openApp('/');
    const status = await screen.findByTestId('my-registration');
    expect(status.textContent).toContain(
      'Pendaftaran UD Nilam Wangi di RPB Nilam Bandar Pusaka (ATM-01) menunggu persetujuan pengelola situs.',
    );
    expect(status.textContent).toContain('21 Jul 2026, 10.00 WIB');
  });
});

describe('the managers’ registrations', () => {
  const pending: RegistrationT = {
    id: '00000000-0000-4000-8000-0000000000f4',
    status: 'pending',
    site: siteRef,
    organisation: {
      id: '00000000-0000-4000-8000-0000000000f5',
      name: 'UD Nilam Wangi',
      legalForm: 'perorangan',
      nib: '9120301726154',
      npwp: '0013121660091000',
      address: null,
      province: 'Aceh',
      regency: 'Kabupaten Aceh Tamiang',
      regionCode: null,
      phone: null,
      email: null,
      ownerName: 'Rahmah',
      ownerNik: '1116********0001',
      kbli: [{ code: '20294', title: 'Industri Minyak Atsiri' }],
    },
    applicant: { name: 'Rahmah', email: 'rahmah@example.id' },
    submittedAt: '2026-07-21T03:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
  };

  it('rejects only with a reason, and approves', async () => {
    let listed: RegistrationT[] = [pending];
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      'GET /api/registrations': () => ({ body: { items: listed, nextCursor: null } }),
      [`POST /api/registrations/${pending.id}/approve`]: () => {
        listed = [];
        return { body: { ...pending, status: 'approved' } };
      },
    });
    openApp('/registrations');
    const card = await screen.findByTestId('registration');
    expect(card.textContent).toContain('1116********0001');
    expect(card.textContent).toContain('20294');

    fireEvent.click(within(card).getByRole('button', { name: 'Tolak' }));
    const reject = within(card).getByTestId('registration-reject-form');
    fireEvent.click(within(reject).getByRole('button', { name: 'Tolak pendaftaran' }));
    await waitFor(() =>
      expect(errorOf(within(reject).getByLabelText('Alasan penolakan'))).toBe('Wajib diisi.'),
    );
    fireEvent.click(within(reject).getByRole('button', { name: 'Batal' }));

    fireEvent.click(within(card).getByRole('button', { name: 'Setujui' }));
    expect(
      await screen.findByText('UD Nilam Wangi kini anggota RPB Nilam Bandar Pusaka.'),
    ).toBeTruthy();
    expect(await screen.findByText('Tidak ada pendaftaran yang menunggu')).toBeTruthy();
    expect(api.requests.filter((r) => r.path.endsWith('/reject'))).toEqual([]);
  });
});
