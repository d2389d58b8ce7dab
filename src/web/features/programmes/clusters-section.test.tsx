// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi } from '../../testing/fake-api.js';
import { me } from '../../testing/fixtures.js';

const PROGRAMME = '44444444-4444-4444-8444-444444444444';
const programme = {
  id: PROGRAMME,
  code: 'RPB-TP-2024',
  name: 'RPB Tugas Pembantuan 2024',
  fundingSource: 'apbn_tp',
  year: 2024,
  budget: 24_500_000_000,
  realisation: 2_000_000_000,
  remaining: 22_500_000_000,
  description: null,
};
const cluster = {
  id: '55555555-5555-4555-8555-555555555555',
  programmeId: PROGRAMME,
  programmeName: programme.name,
  name: 'Klaster Nilam Aceh Tamiang',
  commodity: 'Nilam (minyak atsiri)',
  regionCode: '11.16',
  province: 'Aceh',
  regency: 'Kabupaten Aceh Tamiang',
  siteCount: 1,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('clusters of a programme', () => {
  it("lists the programme's clusters and lets an administrator add one, with field errors first", async () => {
    let clusters = [cluster];
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['administrator']) }),
      [`GET /api/programmes/${PROGRAMME}`]: () => ({ body: programme }),
      [`GET /api/programmes/${PROGRAMME}/investments`]: () => ({
        body: { items: [], nextCursor: null },
      }),
      'GET /api/clusters': () => ({ body: { items: clusters, nextCursor: null } }),
      'GET /api/regions': () => ({ body: { items: [], nextCursor: null } }),
      'POST /api/clusters': (request) => {
        const body = request.body as { name: string; commodity: string };
        clusters = [
          ...clusters,
          {
            ...cluster,
            id: '66666666-6666-4666-8666-666666666666',
            name: body.name,
            commodity: body.commodity,
            siteCount: 0,
          },
        ];
        return { status: 201, body: clusters[1] };
      },
    });
    window.history.replaceState(null, '', `/programmes/${PROGRAMME}`);
    render(<App />);
    const table = await screen.findByTestId('cluster-table');
    expect(within(table).getByText('Klaster Nilam Aceh Tamiang')).toBeTruthy();

    const form = screen.getByTestId('cluster-form');
    fireEvent.submit(form);
    await waitFor(() =>
      expect(within(form).getAllByText('Wajib diisi.').length).toBeGreaterThan(0),
    );
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Nama klaster'), {
      target: { value: 'Klaster Kakao Jembrana' },
    });
    fireEvent.change(within(form).getByLabelText('Komoditas'), { target: { value: 'Kakao' } });
    expect(api.requests.find((r) => r.path === '/api/clusters')?.query.get('programmeId')).toBe(
      PROGRAMME,
    );
  });

  it('lets an administrator change a cluster, and remove one after confirming, showing a refusal', async () => {
    let clusters = [cluster];
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['administrator']) }),
      [`GET /api/programmes/${PROGRAMME}`]: () => ({ body: programme }),
      [`GET /api/programmes/${PROGRAMME}/investments`]: () => ({
        body: { items: [], nextCursor: null },
      }),
      'GET /api/clusters': () => ({ body: { items: clusters, nextCursor: null } }),
      'GET /api/regions': () => ({ body: { items: [], nextCursor: null } }),
      [`PATCH /api/clusters/${cluster.id}`]: (request) => {
        clusters = [{ ...cluster, ...(request.body as { name: string }) }];
        return { body: clusters[0] };
      },
      [`DELETE /api/clusters/${cluster.id}`]: () =>
        apiError(
          409,
          'cluster_has_sites',
          'Klaster Klaster Kakao tidak dapat dihapus karena masih memiliki 1 lokasi RPB.',
          { count: 1 },
        ),
    });
    window.history.replaceState(null, '', `/programmes/${PROGRAMME}`);
    render(<App />);
    const table = await screen.findByTestId('cluster-table');

    fireEvent.click(within(table).getByLabelText('Ubah klaster Klaster Nilam Aceh Tamiang'));
    const form = screen.getByTestId('cluster-edit-form');
    expect(screen.queryByTestId('cluster-form')).toBeNull();
    const name = within(form).getByLabelText('Nama klaster');
    expect((name as HTMLInputElement).value).toBe('Klaster Nilam Aceh Tamiang');
    fireEvent.change(name, { target: { value: 'Klaster Kakao' } });
    fireEvent.submit(form);
    // The list is loaded again after the change.
    await waitFor(() =>
      expect(within(screen.getByTestId('cluster-table')).getByText('Klaster Kakao')).toBeTruthy(),
    );
    const patch = api.requests.find((r) => r.method === 'PATCH');
    // The region was not touched, so it is not sent.
    expect(patch?.body).toEqual({ name: 'Klaster Kakao', commodity: 'Nilam (minyak atsiri)' });
    expect(screen.queryByTestId('cluster-edit-form')).toBeNull();

    const reloaded = screen.getByTestId('cluster-table');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    fireEvent.click(within(reloaded).getByLabelText('Hapus klaster Klaster Kakao'));
    expect(confirm).toHaveBeenCalledWith(
      'Hapus klaster "Klaster Kakao"? Klaster yang masih memiliki situs tidak dapat dihapus.',
    );
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);

    confirm.mockReturnValue(true);
    fireEvent.click(within(reloaded).getByLabelText('Hapus klaster Klaster Kakao'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset['code']).toBe('cluster_has_sites');
    expect(banner.textContent).toContain('masih memiliki 1 lokasi RPB');
    expect(within(screen.getByTestId('cluster-table')).getByText('Klaster Kakao')).toBeTruthy();
  });
});
