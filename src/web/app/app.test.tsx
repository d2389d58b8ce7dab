// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, installFakeApi, type Handler } from '../testing/fake-api.js';
import { me, site } from '../testing/fixtures.js';
import { App } from './app.js';

const anonymous = () => apiError(401, 'unauthenticated', 'Silakan masuk.');
const noSites: Handler = () => ({ body: { items: [], nextCursor: null } });

function openApp(path = '/') {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('login', () => {
  it('greets a visitor in Bahasa Indonesia', async () => {
    installFakeApi({ 'GET /api/auth/me': anonymous });
    openApp('/');
    expect(await screen.findByRole('heading', { name: 'Masuk ke RPB' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('id');
  });

  it('checks the form before sending it, with messages beside the fields', async () => {
    const api = installFakeApi({ 'GET /api/auth/me': anonymous });
    openApp('/login');
    fireEvent.click(await screen.findByRole('button', { name: 'Masuk' }));
    expect(await screen.findAllByText('Wajib diisi.')).toHaveLength(2);
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.some((request) => request.path === '/api/auth/login')).toBe(false);
  });

  it("shows the API's message for a wrong password, asked for in the UI language", async () => {
    const api = installFakeApi({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/login': (request) =>
        request.headers.get('Accept-Language') === 'en'
          ? apiError(401, 'invalid_credentials', 'Wrong e-mail or password.')
          : apiError(401, 'invalid_credentials', 'E-mail atau kata sandi salah.'),
    });
    openApp('/login');
    fireEvent.change(await screen.findByLabelText('E-mail'), {
      target: { value: 'siti@example.id' },
    });
    fireEvent.change(screen.getByLabelText('Kata sandi'), { target: { value: 'salah-sekali' } });
    fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'E-mail atau kata sandi salah.',
    );

    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'en' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Log in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Wrong e-mail or password.'),
    );
    expect(api.requests.filter((r) => r.path === '/api/auth/login').map((r) => r.body)).toEqual([
      { email: 'siti@example.id', password: 'salah-sekali' },
      { email: 'siti@example.id', password: 'salah-sekali' },
    ]);
  });

  it('switches to English and stays in English after a reload', async () => {
    installFakeApi({ 'GET /api/auth/me': anonymous });
    openApp('/login');
    fireEvent.change(await screen.findByTestId('language-switch'), { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { name: 'Log in to RPB' })).toBeTruthy();

    cleanup();
    openApp('/login');
    expect(await screen.findByRole('heading', { name: 'Log in to RPB' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it("logs in and takes the user's language from the profile", async () => {
    installFakeApi({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/login': () => ({
        body: me(['administrator'], { locale: 'en', name: 'Admin' }),
      }),
      'GET /api/sites': noSites,
    });
    openApp('/login');
    fireEvent.change(await screen.findByLabelText('E-mail'), {
      target: { value: 'admin@example.id' },
    });
    fireEvent.change(screen.getByLabelText('Kata sandi'), { target: { value: 'rahasia-sekali' } });
    fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByRole('heading', { name: 'Hello, Admin' })).toBeTruthy();
  });
});

describe('signed-in layout', () => {
  it('gives an administrator the platform menu', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['administrator']) }),
      'GET /api/sites': noSites,
    });
    openApp('/');
    const nav = await screen.findByTestId('main-nav');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Beranda',
      'Situs',
      'Peralatan',
      'Pemesanan',
      'Cari kapasitas',
      'Penerimaan bahan',
      'Lot & stok',
      'Pekerjaan proses',
      'Ketidaksesuaian',
      'Standar & rencana mutu',
      'Grafik kendali (SPC)',
      'Penarikan',
      'Pelatihan & kualifikasi',
      'Organisasi',
      'Pendaftaran',
      'Penagihan bulanan',
      'Tagihan',
      'Paket jam',
      'Pendapatan & ekspor',
      'Subsidi',
      'Program',
      'Aturan kualifikasi',
      'Pengguna',
      'Log audit',
      'Pekerjaan latar',
      'Akun',
    ]);
    expect(screen.getByTestId('role-administrator').textContent).toBe('Administrator');
  });

  it('shows a member their sites with the local zone and Rupiah values', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['umkm_member']) }),
      'GET /api/sites': () => ({
        body: {
          items: [
            site({
              name: 'RPB Kakao Luwu',
              timeZone: 'Asia/Makassar',
              equipmentValue: 1_234_567_890,
            }),
          ],
          nextCursor: null,
        },
      }),
    });
    openApp('/');
    expect(await screen.findByText('RPB Kakao Luwu')).toBeTruthy();
    expect(screen.getByTestId('nav-sites')).toBeTruthy();
    expect(screen.getByTestId('site-zone').textContent).toBe('WITA');
    expect(screen.getByText('Rp1.234.567.890')).toBeTruthy();
    expect(screen.getByText(/^\d{2}\.\d{2} WITA$/)).toBeTruthy();
  });

  it('says what to do when the user can see no site', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['buyer']) }),
      'GET /api/sites': noSites,
    });
    openApp('/sites');
    expect((await screen.findByTestId('empty-state')).textContent).toContain('Minta administrator');
  });

  it('keeps a member out of the administrator pages', async () => {
    installFakeApi({ 'GET /api/auth/me': () => ({ body: me(['umkm_member']) }) });
    openApp('/users');
    expect(await screen.findByRole('heading', { name: 'Anda tidak punya akses' })).toBeTruthy();
  });

  it('saves a language switch in the profile, with the CSRF token', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      'GET /api/sites': noSites,
      'PATCH /api/auth/me': () => ({ body: me(['site_manager'], { locale: 'en' }) }),
    });
    openApp('/');
    fireEvent.change(await screen.findByTestId('language-switch'), { target: { value: 'en' } });
    expect(await screen.findByTestId('nav-home')).toHaveProperty('textContent', 'Home');
    const patch = api.requests.find((request) => request.method === 'PATCH');
    expect(patch?.body).toEqual({ locale: 'en' });
    expect(patch?.headers.get('X-CSRF-Token')).toBe('csrf-token');
  });

  it('starts the next login at the home page after an explicit logout', async () => {
    let signedIn = true;
    installFakeApi({
      'GET /api/auth/me': () => (signedIn ? { body: me(['site_operator']) } : anonymous()),
      'GET /api/tokens': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/sites': noSites,
      'POST /api/auth/logout': () => {
        signedIn = false;
        return { body: { ok: true } };
      },
      'POST /api/auth/login': () => ({ body: me(['buyer'], { name: 'Dewi' }) }),
    });
    openApp('/account');
    fireEvent.click(await screen.findByTestId('logout'));
    fireEvent.change(await screen.findByLabelText('E-mail'), {
      target: { value: 'dewi@example.id' },
    });
    fireEvent.change(screen.getByLabelText('Kata sandi'), { target: { value: 'rahasia-sekali' } });
    fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByRole('heading', { name: 'Halo, Dewi' })).toBeTruthy();
    expect(window.location.pathname).toBe('/');
  });

  it('sends a user whose session ended back to the login page', async () => {
    installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['buyer']) }),
      'GET /api/sites': () => apiError(401, 'unauthenticated', 'Sesi berakhir.'),
    });
    openApp('/sites');
    expect(await screen.findByText('Sesi Anda telah berakhir. Silakan masuk lagi.')).toBeTruthy();
  });
});

describe('account', () => {
  it('shows field errors from the API beside the field, and checks the confirmation locally', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_operator']) }),
      'GET /api/tokens': () => ({ body: { items: [], nextCursor: null } }),
      'POST /api/auth/password': () =>
        apiError(400, 'wrong_current_password', 'Kata sandi saat ini salah.', {
          fields: [
            { path: 'currentPassword', code: 'wrong', message: 'Periksa kata sandi saat ini.' },
          ],
        }),
    });
    openApp('/account');
    const section = await screen.findByTestId('password-section');
    const fill = (label: string, value: string) =>
      fireEvent.change(within(section).getByLabelText(label), { target: { value } });

    fill('Kata sandi saat ini', 'lama-sekali-1');
    fill('Kata sandi baru', 'baru-sekali-22');
    fill('Ulangi kata sandi baru', 'baru-sekali-23');
    fireEvent.click(within(section).getByRole('button', { name: 'Ganti kata sandi' }));
    expect(
      await within(section).findByText('Kedua kata sandi baru tidak sama. Ketik ulang.'),
    ).toBeTruthy();
    expect(api.requests.some((request) => request.path === '/api/auth/password')).toBe(false);

    fill('Ulangi kata sandi baru', 'baru-sekali-22');
    fireEvent.click(within(section).getByRole('button', { name: 'Ganti kata sandi' }));
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'Kata sandi saat ini salah.',
    );
    expect(within(section).getByText('Periksa kata sandi saat ini.')).toBeTruthy();
    expect(api.requests.find((request) => request.path === '/api/auth/password')?.body).toEqual({
      currentPassword: 'lama-sekali-1',
      newPassword: 'baru-sekali-22',
    });
  });
});
