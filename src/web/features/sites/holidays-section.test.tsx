// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/app.js';
import type { SiteDetail } from '../../lib/contracts.js';
import { apiError, installFakeApi } from '../../testing/fake-api.js';
import { pinClock } from '../../testing/clock.js';
import { me } from '../../testing/fixtures.js';

const SITE = '77777777-7777-4777-8777-777777777777';
const detail: SiteDetail = {
  id: SITE,
  code: 'ATM-01',
  name: 'RPB Nilam Bandar Pusaka',
  clusterId: '88888888-8888-4888-8888-888888888888',
  clusterName: 'Klaster Nilam Aceh Tamiang',
  programmeId: '99999999-9999-4999-8999-999999999999',
  programmeName: 'RPB Tugas Pembantuan 2024',
  commodity: 'Nilam',
  operatorOrgId: null,
  operatorName: null,
  assetOwnerOrgId: null,
  assetOwnerName: null,
  address: null,
  regionCode: '11.16',
  regions: [],
  province: 'Aceh',
  regency: 'Kabupaten Aceh Tamiang',
  timeZone: 'Asia/Jakarta',
  timeZoneOverridden: false,
  contacts: [],
  openingHours: [],
  canEdit: true,
  updatedAt: '2026-07-01T00:00:00.000Z',
};

pinClock('2026-07-21T03:00:00Z');

describe("a site's holidays", () => {
  it('adds the national holidays of the chosen year in one action and says what happened', async () => {
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      [`GET /api/sites/${SITE}`]: () => ({ body: detail }),
      'GET /api/equipment': () => ({ body: { items: [], nextCursor: null } }),
      'GET /api/qualifications': () => ({ body: { items: [], nextCursor: null } }),
      [`GET /api/sites/${SITE}/holidays`]: (request) => ({
        body: { year: Number(request.query.get('year')), items: [] },
      }),
      [`POST /api/sites/${SITE}/holidays/national`]: (request) => {
        const { year } = request.body as { year: number };
        if (year === 2025)
          return apiError(
            400,
            'national_holidays_unavailable',
            'Daftar libur nasional dan cuti bersama tahun 2025 belum tersedia di RPB (tersedia: 2026, 2027).',
          );
        return {
          body: {
            year,
            added: year === 2026 ? 24 : 8,
            skipped: year === 2026 ? 1 : 0,
            complete: year === 2026,
            source: 'SKB',
          },
        };
      },
    });
    window.history.replaceState(null, '', `/sites/${SITE}`);
    render(<App />);
    const section = await screen.findByTestId('site-holidays');
    await within(section).findByText(/Tambahkan libur nasional 2026 sekaligus/);

    fireEvent.click(within(section).getByRole('button', { name: 'Tambah libur nasional 2026' }));
    await within(section).findByText(
      '24 hari libur nasional dan cuti bersama 2026 ditambahkan; 1 tanggal sudah ada dan tidak diubah.',
    );
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body)).toEqual([{ year: 2026 }]);
    // The list is loaded again to show what was added.
    await waitFor(() =>
      expect(
        api.requests.filter((r) => r.path === `/api/sites/${SITE}/holidays`).length,
      ).toBeGreaterThan(1),
    );
    expect(within(section).queryByTestId('holidays-national-partial')).toBeNull();

    fireEvent.change(within(section).getByLabelText('Tahun'), { target: { value: '2027' } });
    fireEvent.click(
      await within(section).findByRole('button', { name: 'Tambah libur nasional 2027' }),
    );
    const partial = await within(section).findByTestId('holidays-national-partial');
    expect(partial.textContent).toContain('Daftar 2027 belum lengkap');

    fireEvent.change(within(section).getByLabelText('Tahun'), { target: { value: '2025' } });
    expect(within(section).queryByTestId('holidays-national-partial')).toBeNull();
    fireEvent.click(
      await within(section).findByRole('button', { name: 'Tambah libur nasional 2025' }),
    );
    const banner = await within(section).findByTestId('error-banner');
    expect(banner.dataset['code']).toBe('national_holidays_unavailable');
    expect(banner.textContent).toContain('tahun 2025 belum tersedia');
  });
});
