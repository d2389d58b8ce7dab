// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { machine as machineFixture, me } from '../../testing/fixtures.js';
import type { ChangeStatusResultT, MachineT } from './types.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const MACHINE_ID = '00000000-0000-4000-8000-00000000a001';
const SITE_ID = '00000000-0000-4000-8000-00000000b001';
const machine: MachineT = machineFixture({
  id: MACHINE_ID,
  siteId: SITE_ID,
  clusterId: '00000000-0000-4000-8000-00000000c001',
  clusterName: 'Klaster Nilam Aceh',
  programmeId: '00000000-0000-4000-8000-00000000d001',
  name: 'Ketel suling 100 kg',
  capacity: { value: 100, unit: 'kg', basis: 'per_batch' },
  hourlyRate: 150_000,
  acquisitionValue: 250_000_000,
  updatedAt: '2026-03-04T02:00:00.000Z',
});

/** What the status change did to bookings (the bookings outage flow), as the API answers it. */
type Outcome = Pick<ChangeStatusResultT, 'outages' | 'lifted' | 'affected'>;
const NOTHING: Outcome = { outages: [], lifted: [], affected: [] };

function machineRoutes(
  roles: Parameters<typeof me>[0],
  onStatus: (request: FakeRequest) => void,
  outcome: Outcome = NOTHING,
) {
  let current = machine;
  const history: unknown[] = [];
  return {
    'GET /api/auth/me': () => ({ body: me(roles) }),
    [`GET /api/equipment/${MACHINE_ID}`]: () => ({ body: current }),
    [`GET /api/equipment/${MACHINE_ID}/status-history`]: () => ({ body: { items: history } }),
    [`GET /api/equipment/${MACHINE_ID}/documents`]: () => ({ body: { items: [] } }),
    [`GET /api/equipment/${MACHINE_ID}/photos`]: () => ({ body: { items: [] } }),
    [`GET /api/sites/${SITE_ID}`]: () => ({ body: { timeZone: 'Asia/Jakarta' } }),
    [`POST /api/equipment/${MACHINE_ID}/status`]: (request: FakeRequest) => {
      onStatus(request);
      const body = request.body as { status: MachineT['status']; reason: string | null };
      history.unshift({
        from: current.status,
        to: body.status,
        at: '2026-03-04T03:05:00.000Z',
        reason: body.reason,
        by: 'operator.aceh@demo.rpb.test',
      });
      current = { ...current, status: body.status };
      return { body: { ...current, ...outcome } };
    },
  };
}

describe('changing a machine status', () => {
  it('requires a reason for broken, then records the change in the history', async () => {
    const sent: FakeRequest[] = [];
    installFakeApi(machineRoutes(['site_operator'], (request) => sent.push(request)));
    window.history.replaceState(null, '', `/equipment/${MACHINE_ID}`);
    render(<App />);
    const form = await screen.findByTestId('status-form');

    // Operators may not retire a machine.
    expect(within(form).queryByTestId('status-option-retired')).toBeNull();

    fireEvent.click(within(form).getByTestId('status-option-broken'));
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan status' }));
    expect(
      await within(form).findByText('Tulis alasannya: wajib untuk status rusak dan dihentikan.'),
    ).toBeTruthy();
    expect(sent).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Alasan (wajib)'), {
      target: { value: 'pompa bocor' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan status' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({ status: 'broken', reason: 'pompa bocor' });

    const history = await screen.findByTestId('status-history');
    expect(history.textContent).toContain('pompa bocor');
    // In the site's zone, with its label (10.05 WIB), whatever the test machine's zone.
    expect(history.textContent).toContain('10.05 WIB');
    expect(screen.getAllByTestId('machine-status')[0]?.textContent).toBe('Rusak');
  });

  it('sends maintenance without a reason', async () => {
    const sent: FakeRequest[] = [];
    installFakeApi(machineRoutes(['site_manager'], (request) => sent.push(request)));
    window.history.replaceState(null, '', `/equipment/${MACHINE_ID}`);
    render(<App />);
    const form = await screen.findByTestId('status-form');
    expect(within(form).getByTestId('status-option-retired')).toBeTruthy();
    fireEvent.click(within(form).getByTestId('status-option-maintenance'));
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan status' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({ status: 'maintenance', reason: null });
  });

  it('sends a "back in service by" time in the site zone and lists the bookings it cancelled with alternatives', async () => {
    const sent: FakeRequest[] = [];
    const outcome: Outcome = {
      outages: [
        {
          id: '00000000-0000-4000-8000-00000000e001',
          outageKind: 'breakdown',
          startsAt: '2026-03-04T03:05:00.000Z',
          endsAt: '2026-03-06T10:00:00.000Z',
        },
      ],
      lifted: [],
      affected: [
        {
          booking: {
            id: '00000000-0000-4000-8000-00000000e002',
            status: 'cancelled',
            startsAt: '2026-03-05T02:00:00.000Z',
            endsAt: '2026-03-05T04:00:00.000Z',
            timeZone: 'Asia/Jakarta',
            memberOrgId: '00000000-0000-4000-8000-00000000e003',
            memberName: 'UD Nilam Harum',
            personName: null,
          },
          alternatives: [
            {
              machineId: '00000000-0000-4000-8000-00000000a002',
              machineCode: 'KTL-100B',
              machineName: 'Ketel suling kedua',
              siteName: 'RPB Nilam Bandar Pusaka',
              timeZone: 'Asia/Jakarta',
              startsAt: '2026-03-05T02:00:00.000Z',
              endsAt: '2026-03-05T04:00:00.000Z',
            },
          ],
        },
      ],
    };
    installFakeApi(machineRoutes(['site_operator'], (request) => sent.push(request), outcome));
    window.history.replaceState(null, '', `/equipment/${MACHINE_ID}`);
    render(<App />);
    const form = await screen.findByTestId('status-form');
    fireEvent.click(within(form).getByTestId('status-option-broken'));
    fireEvent.change(within(form).getByLabelText('Alasan (wajib)'), {
      target: { value: 'pompa bocor' },
    });
    // A date without a time is refused before anything is sent.
    fireEvent.change(within(form).getByLabelText('Kembali beroperasi pada (tanggal)'), {
      target: { value: '2026-03-06' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan status' }));
    expect(
      await within(form).findByText('Isi tanggal dan jam, atau kosongkan keduanya.'),
    ).toBeTruthy();
    expect(sent).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Jam'), { target: { value: '17:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Simpan status' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    // 17:00 at the site (WIB), whatever the zone of the browser.
    expect(sent[0]?.body).toEqual({
      status: 'broken',
      reason: 'pompa bocor',
      outageUntil: '2026-03-06T17:00:00+07:00',
    });
    const result = await screen.findByTestId('status-outcome');
    expect(result.textContent).toContain('1 pemesanan dibatalkan dan anggotanya diberi tahu');
    const affected = within(result).getByTestId('status-affected');
    expect(affected.textContent).toContain('UD Nilam Harum');
    const alternative = within(affected).getByTestId('status-alternative');
    expect(alternative.textContent).toContain('Ketel suling kedua (KTL-100B)');
    expect(alternative.textContent).toContain('09.00');
    expect(within(alternative).getByRole('link').getAttribute('href')).toBe(
      '/equipment/00000000-0000-4000-8000-00000000a002/calendar?view=day&date=2026-03-05',
    );
  });

  it('retiring says every future booking will be cancelled; no period is asked', async () => {
    installFakeApi(machineRoutes(['site_manager'], () => undefined));
    window.history.replaceState(null, '', `/equipment/${MACHINE_ID}`);
    render(<App />);
    const form = await screen.findByTestId('status-form');
    fireEvent.click(within(form).getByTestId('status-option-retired'));
    expect(within(form).queryByLabelText('Kembali beroperasi pada (tanggal)')).toBeNull();
    expect(form.textContent).toContain('Semua pemesanan mendatang mesin ini dibatalkan');
    fireEvent.click(within(form).getByTestId('status-option-maintenance'));
    expect(within(form).getByLabelText('Kembali beroperasi pada (tanggal)')).toBeTruthy();
  });
});
