// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { me, scopeOption } from '../../testing/fixtures.js';

const emptyPage = () => ({ body: { items: [], nextCursor: null } });
const nilam = scopeOption({ name: 'CV Nilam Harum Tamiang', detail: 'umkm' });
const koperasi = scopeOption({ name: 'Koperasi Nilam Jaya', detail: 'cooperative' });
const programme = scopeOption({ name: 'RPB 2024', code: 'RPB-2024', detail: '2024' });

/** Scope options by type, filtered by `q` like the real API. */
function scopeOptions(request: FakeRequest) {
  const q = (request.query.get('q') ?? '').toLowerCase();
  const all = request.query.get('type') === 'programme' ? [programme] : [nilam, koperasi];
  return {
    body: { items: all.filter((o) => o.name.toLowerCase().includes(q)), nextCursor: null },
  };
}

async function openForm() {
  window.history.replaceState(null, '', '/users');
  render(<App />);
  fireEvent.click(await screen.findByTestId('open-create-user'));
  return screen.getByTestId('create-user');
}

const optionTexts = (select: HTMLElement) =>
  Array.from((select as HTMLSelectElement).options).map((option) => option.textContent);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('create user: role → scope type', () => {
  it('offers only the scope types that fit the role, and picks the scope from the API', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['administrator']) }),
      'GET /api/users': emptyPage,
      'GET /api/scope-options': scopeOptions,
      'POST /api/users': (request) => ({
        status: 201,
        body: {
          id: '00000000-0000-4000-8000-999999999999',
          email: 'sari@example.id',
          name: 'Sari',
          locale: 'id',
          disabled: false,
          lockedUntil: null,
          lastLoginAt: null,
          grants: [],
          ...(request.body as object),
        },
      }),
    });
    const form = await openForm();
    const role = within(form).getByLabelText('Peran');
    const scopeType = within(form).getByLabelText('Cakupan') as HTMLSelectElement;
    expect(scopeType.disabled).toBe(true);

    // No role yet: the role says what is missing, the scope type (not choosable yet) does not.
    fireEvent.click(within(form).getByRole('button', { name: 'Buat pengguna' }));
    await waitFor(() => expect(role.getAttribute('aria-invalid')).toBe('true'));
    expect(scopeType.getAttribute('aria-invalid')).toBe('false');

    // A programme officer: the whole system (no pick) or one programme.
    fireEvent.change(role, { target: { value: 'programme_officer' } });
    expect(optionTexts(scopeType)).toEqual(['Seluruh sistem', 'Program']);
    expect(scopeType.value).toBe('system');
    expect(within(form).queryByTestId('scope-picker')).toBeNull();
    fireEvent.change(scopeType, { target: { value: 'programme' } });
    const programmes = await within(form).findByRole('option', {
      name: 'RPB 2024 (RPB-2024) — 2024',
    });
    expect(programmes).toBeTruthy();

    // Site staff: a site only.
    fireEvent.change(role, { target: { value: 'site_manager' } });
    expect(optionTexts(scopeType)).toEqual(['Situs']);

    // A member: an organisation only, chosen from the scope options.
    fireEvent.change(role, { target: { value: 'umkm_member' } });
    expect(optionTexts(scopeType)).toEqual(['Organisasi']);
    const organisation = await within(form).findByLabelText('Organisasi');
    await within(form).findByRole('option', { name: 'CV Nilam Harum Tamiang — UMKM' });
    expect(optionTexts(organisation)).toEqual([
      'Pilih organisasi',
      'CV Nilam Harum Tamiang — UMKM',
      'Koperasi Nilam Jaya — Koperasi',
    ]);
    expect(
      api.requests
        .filter((request) => request.path === '/api/scope-options')
        .map((request) => request.query.get('type')),
    ).toEqual(['programme', 'site', 'organisation']);

    fireEvent.change(within(form).getByLabelText('E-mail'), {
      target: { value: 'sari@example.id' },
    });
    fireEvent.change(within(form).getByLabelText('Nama'), { target: { value: 'Sari' } });
    fireEvent.change(within(form).getByLabelText('Kata sandi awal'), {
      target: { value: 'sandi-awal-2026' },
    });

    // Nothing picked yet: said beside the picker, nothing sent.
    fireEvent.click(within(form).getByRole('button', { name: 'Buat pengguna' }));
    await waitFor(() => expect(organisation.getAttribute('aria-invalid')).toBe('true'));
    expect(role.getAttribute('aria-invalid')).toBe('false');
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);

    fireEvent.change(organisation, { target: { value: nilam.id } });
    fireEvent.click(within(form).getByRole('button', { name: 'Buat pengguna' }));
    await waitFor(() =>
      expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
        email: 'sari@example.id',
        name: 'Sari',
        password: 'sandi-awal-2026',
        locale: 'id',
        grants: [{ role: 'umkm_member', scopeType: 'organisation', scopeId: nilam.id }],
      }),
    );
  });

  it('searches a long list on the server and keeps the choice while searching', async () => {
    const many = Array.from({ length: 12 }, (_, index) =>
      scopeOption({ name: `UMKM Contoh ${String(index + 1).padStart(2, '0')}` }),
    );
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['administrator']) }),
      'GET /api/users': emptyPage,
      'GET /api/scope-options': (request) => {
        const q = (request.query.get('q') ?? '').toLowerCase();
        return {
          body: {
            items: [nilam, ...many].filter((o) => o.name.toLowerCase().includes(q)),
            nextCursor: null,
          },
        };
      },
    });
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Peran'), { target: { value: 'buyer' } });
    const organisation = await within(form).findByLabelText('Organisasi');
    const search = await within(form).findByLabelText('Cari organisasi');
    fireEvent.change(organisation, { target: { value: many[0]!.id } });

    fireEvent.change(search, { target: { value: 'tamiang' } });
    await within(form).findByText('1 pilihan ditampilkan.', undefined, { timeout: 3000 });
    expect(optionTexts(organisation)).toEqual([
      'Pilih organisasi',
      'UMKM Contoh 01 — UMKM',
      'CV Nilam Harum Tamiang — UMKM',
    ]);
    expect((organisation as HTMLSelectElement).value).toBe(many[0]!.id);
    expect(api.requests.at(-1)?.query.get('q')).toBe('tamiang');

    fireEvent.change(search, { target: { value: 'tidak ada' } });
    expect(
      await within(form).findByText(
        'Tidak ada yang cocok dengan "tidak ada". Ubah kata pencariannya.',
        undefined,
        {
          timeout: 3000,
        },
      ),
    ).toBeTruthy();
  });
});
