// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi, type FakeRequest, type Handler } from '../../testing/fake-api.js';
import { me, site } from '../../testing/fixtures.js';

const aceh = site({ code: 'ATM-01', name: 'RPB Nilam Aceh Tamiang' });
const bali = site({ code: 'JBR-01', name: 'RPB Kakao Jembrana', timeZone: 'Asia/Makassar' });

const PROBLEMS = [
  { row: 5, column: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' },
  {
    row: 12,
    column: 'modal_usaha',
    code: 'import_rupiah',
    message: 'Harus jumlah Rupiah bulat, mis. 150000000 atau 150.000.000.',
  },
  { row: 40, column: 'email', code: 'import_email', message: 'Alamat e-mail tidak valid.' },
];

function setUp(routes: Record<string, Handler>, sites = [aceh]) {
  const api = installFakeApi({
    'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
    'GET /api/sites': () => ({ body: { items: sites, nextCursor: null } }),
    ...routes,
  });
  window.history.replaceState(null, '', '/organisations/transfer');
  render(<App />);
  return api;
}

const members = () =>
  new File(['nama;jenis\nUD Satu;umkm\n'], 'anggota.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });

async function chooseFileAndCheck(file = members()) {
  const section = await screen.findByTestId('members-import');
  fireEvent.change(within(section).getByTestId('import-file'), { target: { files: [file] } });
  fireEvent.click(within(section).getByRole('button', { name: 'Periksa' }));
  return section;
}

const uploadedName = (request: FakeRequest | undefined) =>
  ((request?.body as FormData | undefined)?.get('file') as File | null)?.name;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('members import preview', () => {
  it('lists every problem with its row and column, and offers only "valid rows" then', async () => {
    const api = setUp({
      'POST /api/imports/members/preview': () => ({
        body: { totalRows: 1000, validRows: 997, invalidRows: 3, problems: PROBLEMS },
      }),
      'POST /api/imports/members': (request) => ({
        body: {
          totalRows: 1000,
          validRows: 997,
          invalidRows: 3,
          problems: PROBLEMS,
          applied: request.query.get('strategy') === 'valid_only',
          imported: 997,
        },
      }),
    });
    const section = await chooseFileAndCheck();

    const preview = await within(section).findByTestId('import-preview');
    expect(within(preview).getByTestId('import-counts').textContent).toBe(
      '1.000 baris997 valid3 bermasalah',
    );
    const rows = within(preview).getAllByTestId('table-row');
    const cells = (row: HTMLElement) =>
      Array.from((row as HTMLTableRowElement).cells).map((cell) => cell.textContent);
    expect(rows.map(cells)).toEqual([
      ['5', 'nib', 'NIB harus 13 digit angka.'],
      ['12', 'modal_usaha', 'Harus jumlah Rupiah bulat, mis. 150000000 atau 150.000.000.'],
      ['40', 'email', 'Alamat e-mail tidak valid.'],
    ]);
    expect(
      within(preview).getByText('Anggota akan didaftarkan di RPB Nilam Aceh Tamiang (ATM-01).'),
    ).toBeTruthy();

    // The file went to the preview, at the manager's site, with the CSRF token.
    const check = api.requests.find((r) => r.path === '/api/imports/members/preview');
    expect(check?.method).toBe('POST');
    expect(check?.query.get('siteId')).toBe(aceh.id);
    expect(check?.headers.get('X-CSRF-Token')).toBe('csrf-token');
    expect(uploadedName(check)).toBe('anggota.xlsx');

    // All-or-nothing cannot succeed with bad rows: disabled, and the reason is tied to it.
    const allOrNothing = within(preview).getByTestId('import-all-or-nothing') as HTMLButtonElement;
    expect(allOrNothing.disabled).toBe(true);
    const why = document.getElementById(allOrNothing.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe(
      '"Impor semua atau tidak sama sekali" tidak tersedia karena 3 baris bermasalah. Perbaiki berkasnya lalu periksa lagi, atau impor baris yang valid saja.',
    );

    const validOnly = within(preview).getByRole('button', {
      name: 'Impor baris yang valid saja (997)',
    });
    fireEvent.click(validOnly);
    const result = await within(section).findByTestId('import-result');
    expect(result.textContent).toContain('997 anggota diimpor.');
    expect(result.textContent).toContain('3 baris bermasalah dilewati');
    const run = api.requests.find((r) => r.path === '/api/imports/members');
    expect(run?.query.get('strategy')).toBe('valid_only');
    expect(run?.query.get('siteId')).toBe(aceh.id);
    expect(uploadedName(run)).toBe('anggota.xlsx');
    // The skipped rows stay listed, to be fixed; the preview is done with.
    expect(within(result).getAllByTestId('table-row')).toHaveLength(3);
    expect(within(section).queryByTestId('import-preview')).toBeNull();
  });

  it('offers all-or-nothing when every row is valid', async () => {
    const api = setUp({
      'POST /api/imports/members/preview': () => ({
        body: { totalRows: 2, validRows: 2, invalidRows: 0, problems: [] },
      }),
      'POST /api/imports/members': () => ({
        body: {
          totalRows: 2,
          validRows: 2,
          invalidRows: 0,
          problems: [],
          applied: true,
          imported: 2,
        },
      }),
    });
    const section = await chooseFileAndCheck();
    const preview = await within(section).findByTestId('import-preview');
    expect(within(preview).getByText('Semua 2 baris valid dan siap diimpor.')).toBeTruthy();
    expect(within(preview).queryByTestId('import-problems')).toBeNull();
    expect(within(preview).queryByTestId('all-or-nothing-why')).toBeNull();

    const allOrNothing = within(preview).getByTestId('import-all-or-nothing') as HTMLButtonElement;
    expect(allOrNothing.disabled).toBe(false);
    fireEvent.click(allOrNothing);
    expect((await within(section).findByTestId('import-result')).textContent).toContain(
      '2 anggota diimpor.',
    );
    expect(api.requests.find((r) => r.path === '/api/imports/members')?.query.get('strategy')).toBe(
      'all_or_nothing',
    );
  });

  it('asks staff with several sites to choose one before sending anything', async () => {
    const api = setUp({}, [aceh, bali]);
    const section = await chooseFileAndCheck();
    const siteSelect = within(section).getByLabelText('Situs tujuan');
    await waitFor(() => expect(siteSelect.getAttribute('aria-invalid')).toBe('true'));
    expect(within(section).getByText('Pilih situs tempat anggota ini didaftarkan.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });
});
