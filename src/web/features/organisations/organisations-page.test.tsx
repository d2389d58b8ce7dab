// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import type { Role } from '../../lib/contracts.js';
import { installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { me, organisationSummary, site } from '../../testing/fixtures.js';

const nilam = organisationSummary({ name: 'CV Nilam Harum Tamiang', sizeClass: 'small' });
const atsiri = organisationSummary({ name: 'UD Atsiri Bandar Pusaka', sizeClass: null });

/** Filters like the API: by name and size class. */
function organisations(request: FakeRequest) {
  const q = (request.query.get('q') ?? '').toLowerCase();
  const sizeClass = request.query.get('sizeClass');
  const items = [nilam, atsiri].filter(
    (o) => o.name.toLowerCase().includes(q) && (!sizeClass || o.sizeClass === sizeClass),
  );
  return { body: { items, nextCursor: null } };
}

function openList(role: Role, list = organisations) {
  const api = installFakeApi({
    'GET /api/auth/me': () => ({ body: me([role]) }),
    'GET /api/sites': () => ({ body: { items: [site()], nextCursor: null } }),
    'GET /api/organisations': list,
  });
  window.history.replaceState(null, '', '/organisations');
  render(<App />);
  return api;
}

const listQueries = (requests: FakeRequest[]) =>
  requests.filter((r) => r.path === '/api/organisations').map((r) => r.query.toString());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('organisations list', () => {
  it('filters by size class chip and by a search sent after a pause in typing', async () => {
    const api = openList('site_manager');
    const table = await screen.findByTestId('organisation-table');
    expect(within(table).getAllByTestId('table-row')).toHaveLength(2);
    expect(within(table).getByTestId('size-class').textContent).toBe('Kecil');

    fireEvent.click(screen.getByRole('button', { name: 'Kecil' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('table-row').map((row) => row.textContent)).toEqual([
        expect.stringContaining('CV Nilam Harum Tamiang'),
      ]),
    );
    expect(screen.getByRole('button', { name: 'Kecil' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.change(screen.getByLabelText('Cari nama atau NIB'), { target: { value: 'atsiri' } });
    expect(
      await screen.findByText('Tidak ada organisasi yang cocok', undefined, { timeout: 3000 }),
    ).toBeTruthy();
    expect(listQueries(api.requests)).toEqual([
      'limit=25',
      'sizeClass=small&limit=25',
      'q=atsiri&sizeClass=small&limit=25',
    ]);
    // The filters are kept in the address, so "back" from a profile finds them again.
    expect(window.location.search).toBe('?sizeClass=small&q=atsiri');

    fireEvent.click(within(screen.getByTestId('empty-state')).getByText('Hapus filter'));
    await waitFor(() => expect(screen.getAllByTestId('table-row')).toHaveLength(2));
    expect(window.location.search).toBe('');
  });

  it('offers adding and importing to site staff, and export only to programme officers', async () => {
    openList('site_manager');
    await screen.findByTestId('organisation-table');
    expect(screen.getByTestId('add-organisation').getAttribute('href')).toBe('/organisations/new');
    expect(screen.getByTestId('open-transfer').textContent).toBe('Impor/Ekspor');
    cleanup();
    vi.unstubAllGlobals();

    openList('programme_officer', () => ({ body: { items: [], nextCursor: null } }));
    expect(
      await screen.findByText(
        'Organisasi muncul di sini setelah pengelola situs mendaftarkan anggotanya.',
      ),
    ).toBeTruthy();
    expect(screen.queryByTestId('add-organisation')).toBeNull();
    expect(screen.getByTestId('open-transfer').textContent).toBe('Ekspor');
  });
});
