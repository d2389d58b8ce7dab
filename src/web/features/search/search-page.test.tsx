// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi } from '../../testing/fake-api.js';
import { me } from '../../testing/fixtures.js';

const ORG = '11111111-1111-4111-8111-111111111111';
const PERSON = '22222222-2222-4222-8222-222222222222';
const MACHINE = '33333333-3333-4333-8333-333333333333';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('registry search', () => {
  it('searches from the home page and links each hit to its page', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      'GET /api/sites': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/search': (request) => ({
        body:
          request.query.get('q') === 'nilam'
            ? {
                organisations: [
                  {
                    type: 'organisation',
                    id: ORG,
                    title: 'CV Nilam Harum Tamiang',
                    subtitle: '9120208371645',
                    organisationId: ORG,
                  },
                ],
                people: [
                  {
                    type: 'person',
                    id: PERSON,
                    title: 'Rahmad Hidayat',
                    subtitle: 'CV Nilam Harum Tamiang',
                    organisationId: ORG,
                  },
                ],
                equipment: [
                  {
                    type: 'equipment',
                    id: MACHINE,
                    title: 'Ketel suling nilam 100 kg A',
                    subtitle: 'KTL-100A · RPB Nilam Bandar Pusaka',
                    organisationId: null,
                  },
                ],
              }
            : { organisations: [], people: [], equipment: [] },
      }),
    });
    window.history.replaceState(null, '', '/');
    render(<App />);
    const form = await screen.findByTestId('search-form');
    fireEvent.change(within(form).getByLabelText('Cari di registri'), {
      target: { value: 'nilam' },
    });
    fireEvent.submit(form);
    const people = await screen.findByTestId('search-people');
    expect(within(people).getByRole('link', { name: 'Rahmad Hidayat' }).getAttribute('href')).toBe(
      `/organisations/${ORG}/people/${PERSON}`,
    );
    expect(
      within(screen.getByTestId('search-equipment')).getByRole('link').getAttribute('href'),
    ).toBe(`/equipment/${MACHINE}`);
    expect(
      within(screen.getByTestId('search-organisations')).getByText('CV Nilam Harum Tamiang'),
    ).toBeTruthy();
    expect(api.requests.find((r) => r.path === '/api/search')?.query.get('q')).toBe('nilam');

    const again = screen.getByTestId('search-form');
    fireEvent.change(within(again).getByLabelText('Cari di registri'), {
      target: { value: 'zzz' },
    });
    fireEvent.submit(again);
    await waitFor(() => expect(screen.getByText('Tidak ada hasil untuk “zzz”')).toBeTruthy());
  });
});
