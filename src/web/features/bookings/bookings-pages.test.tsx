// @vitest-environment jsdom
/**
 * Pages of factory sharing against a fake API: the capacity search (near site, sites where the
 * member is not registered), cancelling one occurrence or the rest of a series, and recording
 * an outage (the bookings it displaces and their alternatives).
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { grant, me, site } from '../../testing/fixtures.js';
import {
  MACHINE,
  memberMe,
  ORG,
  pinBookingClock,
  SITE as SITE_A,
  testBooking,
  testMachine,
} from './booking-fixtures.js';
import type { AvailabilityT, BookingT, CapacityFitT, OutageResultT } from './types.js';

const SITE_B = '66666666-6666-4666-8666-666666666666';
const SITE_C = '55555555-5555-4555-8555-555555555555';
const MACHINE_2 = '44444444-4444-4444-8444-444444444444';
const MACHINE_B = '22222222-2222-4222-8222-222222222222';
const SERIES = '99999999-9999-4999-8999-999999999999';

const page = <T,>(items: T[]) => ({ body: { items, nextCursor: null } });

function fit(over: Partial<CapacityFitT>): CapacityFitT {
  return {
    machineId: MACHINE,
    machineCode: 'KTL-100A',
    machineName: 'Ketel suling nilam 100 kg A',
    siteId: SITE_A,
    siteCode: 'ATM-01',
    siteName: 'RPB Nilam Bandar Pusaka',
    province: '11',
    timeZone: 'Asia/Jakarta',
    earliestStart: '2026-07-22T01:00:00.000Z',
    freeMinutes: 600,
    distanceKm: 0,
    registered: true,
    contact: null,
    ...over,
  };
}

pinBookingClock();

describe('the capacity search', () => {
  it('measures from the home site, lets the member pick another, and offers to join where it is not registered', async () => {
    const capacity = (request: FakeRequest) => ({
      body: {
        nearSiteId: request.query.get('nearSiteId') ?? SITE_A,
        items: [
          fit({}),
          fit({
            machineId: MACHINE_B,
            machineCode: 'KTL-B1',
            machineName: 'Ketel suling nilam B1',
            siteId: SITE_B,
            siteCode: 'ATM-02',
            siteName: 'RPB Nilam Kuala Simpang',
            distanceKm: 38.4,
            registered: false,
            contact: { name: 'Ibu Rahmah', phone: '+62 812-6000-1234', email: 'rahmah@rpb.test' },
          }),
        ],
      },
    });
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: memberMe() }),
      'GET /api/sites': () =>
        page([
          site({ id: SITE_A, code: 'ATM-01', name: 'RPB Nilam Bandar Pusaka' }),
          site({ id: SITE_C, code: 'ATM-03', name: 'RPB Nilam Seruway' }),
        ]),
      'GET /api/regions': () => page([]),
      'GET /api/clusters': () => page([]),
      'GET /api/capacity': capacity,
    });
    window.history.replaceState(
      null,
      '',
      '/capacity?capability=distillation&from=2026-07-22&to=2026-07-28&hours=2',
    );
    render(<App />);

    const table = await screen.findByTestId('capacity-table');
    const searches = () => api.requests.filter((r) => r.path === '/api/capacity');
    // The first search leaves the site to the API, which measures from the home site…
    expect(searches()[0]!.query.get('nearSiteId')).toBeNull();
    expect(searches()[0]!.query.get('minutes')).toBe('120');
    // …and the picker then shows it.
    const picker = screen.getByLabelText('Dekat lokasi') as HTMLSelectElement;
    await waitFor(() => expect(picker.value).toBe(SITE_A));
    expect(screen.getByTestId('capacity-near').textContent).toBe(
      'Jarak dari RPB Nilam Bandar Pusaka (ATM-01).',
    );

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Registered: the machine's schedule, where it is booked.
    expect(within(rows[0]!).getByTestId('capacity-calendar').getAttribute('href')).toBe(
      `/equipment/${MACHINE}/calendar?view=day&date=2026-07-22`,
    );
    // Not registered: no schedule link, but whom to ask to join.
    expect(within(rows[1]!).queryByTestId('capacity-calendar')).toBeNull();
    expect(within(rows[1]!).queryByRole('link', { name: /KTL-B1/ })).toBeNull();
    const join = within(rows[1]!).getByTestId('capacity-join');
    expect(join.textContent).toContain('Anda belum terdaftar di lokasi ini.');
    expect(within(join).getByRole('link', { name: '+62 812-6000-1234' }).getAttribute('href')).toBe(
      'tel:+6281260001234',
    );
    expect(within(join).getByRole('link', { name: 'rahmah@rpb.test' }).getAttribute('href')).toBe(
      'mailto:rahmah@rpb.test',
    );
    expect(rows[1]!.textContent).toContain('38,4 km');

    // Another near site is sent with the search.
    fireEvent.change(picker, { target: { value: SITE_C } });
    fireEvent.click(screen.getByTestId('capacity-submit'));
    await waitFor(() => expect(searches().at(-1)!.query.get('nearSiteId')).toBe(SITE_C));
    await waitFor(() =>
      expect(screen.getByTestId('capacity-near').textContent).toBe(
        'Jarak dari RPB Nilam Seruway (ATM-03).',
      ),
    );
    expect(window.location.search).toContain(`nearSiteId=${SITE_C}`);
  });
});

describe('cancelling a recurring booking', () => {
  function bookingsApi(upcoming: BookingT[], extra: Parameters<typeof installFakeApi>[0] = {}) {
    return installFakeApi({
      'GET /api/auth/me': () => ({ body: memberMe() }),
      'GET /api/bookings/summary': () => ({
        body: { memberOrgId: ORG, noShows90Days: 0, upcoming: upcoming.length, hoursThisMonth: 0 },
      }),
      'GET /api/bookings': (request) =>
        request.query.get('status') === 'offered' ? page([]) : page(upcoming),
      'GET /api/waitlist': () => ({ body: { items: [] } }),
      'GET /api/calendar-feeds': () => ({ body: { items: [] } }),
      ...extra,
    });
  }
  const first = testBooking({ seriesId: SERIES });
  const second = testBooking({
    seriesId: SERIES,
    startsAt: '2026-07-30T01:00:00.000Z',
    endsAt: '2026-07-30T03:00:00.000Z',
  });
  const third = testBooking({
    seriesId: SERIES,
    startsAt: '2026-08-06T01:00:00.000Z',
    endsAt: '2026-08-06T03:00:00.000Z',
  });

  it('cancels the rest of the series from this occurrence on, after confirming', async () => {
    const cancelled = (b: BookingT) => ({ ...b, status: 'cancelled' as const });
    const api = bookingsApi([first, second, third], {
      [`POST /api/booking-series/${SERIES}/cancel`]: () => ({
        body: { cancelled: [cancelled(second), cancelled(third)] },
      }),
    });
    window.history.replaceState(null, '', '/bookings');
    render(<App />);

    const cards = await screen.findAllByTestId('booking-card');
    expect(cards).toHaveLength(3);
    fireEvent.click(within(cards[1]!).getByTestId('booking-cancel'));
    const form = within(cards[1]!).getByTestId('booking-cancel-form');
    // Only this one, by default.
    expect((within(form).getByLabelText('Hanya jadwal ini') as HTMLInputElement).checked).toBe(
      true,
    );
    within(form).getByRole('button', { name: 'Ya, batalkan' });
    fireEvent.click(
      within(form).getByLabelText('Jadwal ini dan semua jadwal berikutnya dalam seri'),
    );
    fireEvent.change(within(form).getByLabelText('Alasan pembatalan (opsional)'), {
      target: { value: 'Panen selesai' },
    });
    // Nothing is sent before the confirmation.
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Ya, batalkan sisa seri' }));

    expect((await screen.findByTestId('booking-notice')).textContent).toBe(
      '2 jadwal dalam seri dibatalkan.',
    );
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, r.body])).toEqual([
      [`/api/booking-series/${SERIES}/cancel`, { from: second.startsAt, reason: 'Panen selesai' }],
    ]);
    // The list is read again.
    await waitFor(() =>
      expect(
        api.requests.filter((r) => r.path === '/api/bookings' && !r.query.get('status')),
      ).toHaveLength(2),
    );
  });

  it('cancels only this occurrence', async () => {
    const api = bookingsApi([first, second], {
      [`POST /api/bookings/${first.id}/cancel`]: () => ({
        body: { ...first, status: 'cancelled' },
      }),
    });
    window.history.replaceState(null, '', '/bookings');
    render(<App />);

    const cards = await screen.findAllByTestId('booking-card');
    fireEvent.click(within(cards[0]!).getByTestId('booking-cancel'));
    const form = within(cards[0]!).getByTestId('booking-cancel-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Ya, batalkan' }));
    await waitFor(() =>
      expect(api.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
        [`/api/bookings/${first.id}/cancel`, { reason: null }],
      ]),
    );
  });

  it('a booking outside a series has no choice to make', async () => {
    bookingsApi([testBooking()]);
    window.history.replaceState(null, '', '/bookings');
    render(<App />);
    const card = await screen.findByTestId('booking-card');
    fireEvent.click(within(card).getByTestId('booking-cancel'));
    expect(within(card).queryByTestId('cancel-scope')).toBeNull();
  });
});

describe('recording an outage', () => {
  it('shows the bookings it cancels and, for each, the alternatives in their own site zone', async () => {
    const machine = testMachine();
    const availability: AvailabilityT = {
      machineId: MACHINE,
      timeZone: 'Asia/Jakarta',
      from: '2026-07-22T17:00:00.000Z',
      to: '2026-07-23T17:00:00.000Z',
      machineStatus: 'active',
      rules: {
        slotMinutes: 30,
        minMinutes: 30,
        maxMinutes: 480,
        leadMinutes: 60,
        horizonDays: 60,
        approvalRequired: false,
        qualificationRequired: false,
        serviceModeAllowed: true,
        noShowGraceMinutes: 30,
        offerHoldMinutes: 120,
        weeklyHours: { micro: null, small: null, medium: null, large: null },
      },
      open: [{ startsAt: '2026-07-23T01:00:00.000Z', endsAt: '2026-07-23T10:00:00.000Z' }],
      busy: [],
      free: [{ startsAt: '2026-07-23T01:00:00.000Z', endsAt: '2026-07-23T10:00:00.000Z' }],
    };
    const displaced = testBooking({ status: 'cancelled', cancelReason: 'Kondensor bocor' });
    const result: OutageResultT = {
      outage: testBooking({
        kind: 'outage',
        outageKind: 'breakdown',
        memberOrgId: null,
        memberName: null,
        mode: null,
        reason: 'Kondensor bocor',
        startsAt: '2026-07-23T01:00:00.000Z',
        endsAt: '2026-07-23T10:00:00.000Z',
      }),
      affected: [
        {
          booking: displaced,
          alternatives: [
            {
              machineId: MACHINE_2,
              machineCode: 'KTL-100B',
              machineName: 'Ketel suling nilam 100 kg B',
              siteName: 'RPB Nilam Bandar Pusaka',
              timeZone: 'Asia/Jakarta',
              startsAt: '2026-07-23T06:00:00.000Z',
              endsAt: '2026-07-23T08:00:00.000Z',
            },
            {
              machineId: MACHINE_B,
              machineCode: 'KTL-T1',
              machineName: 'Ketel suling Tomohon',
              siteName: 'RPB Tomohon',
              timeZone: 'Asia/Makassar',
              startsAt: '2026-07-24T00:00:00.000Z',
              endsAt: '2026-07-24T02:00:00.000Z',
            },
          ],
        },
      ],
    };
    const api = installFakeApi({
      'GET /api/auth/me': () => ({
        body: me(['site_manager'], {
          grants: [
            grant('site_manager', {
              scopeType: 'site',
              scopeId: SITE_A,
              scopeName: 'RPB Nilam Bandar Pusaka',
            }),
          ],
        }),
      }),
      [`GET /api/equipment/${MACHINE}`]: () => ({ body: machine }),
      [`GET /api/sites/${SITE_A}`]: () => ({ body: { id: SITE_A, timeZone: 'Asia/Jakarta' } }),
      [`GET /api/machines/${MACHINE}/availability`]: () => ({ body: availability }),
      'GET /api/bookings': () => page([]),
      'GET /api/calendar-feeds': () => ({ body: { items: [] } }),
      [`POST /api/machines/${MACHINE}/outages`]: () => ({ status: 201, body: result }),
    });
    window.history.replaceState(
      null,
      '',
      `/equipment/${MACHINE}/calendar?view=day&date=2026-07-23`,
    );
    render(<App />);

    const section = await screen.findByTestId('outage-section');
    const form = within(section).getByTestId('outage-form');
    fireEvent.change(within(form).getByLabelText('Jenis'), { target: { value: 'breakdown' } });
    fireEvent.change(within(form).getByLabelText('Alasan'), {
      target: { value: 'Kondensor bocor' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Catat' }));

    const outcome = await within(section).findByTestId('outage-result');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      kind: 'breakdown',
      startsAt: '2026-07-23T08:00:00+07:00',
      endsAt: '2026-07-23T17:00:00+07:00',
      reason: 'Kondensor bocor',
    });
    expect(outcome.textContent).toContain('1 pemesanan dibatalkan dan anggotanya diberi tahu:');
    const affected = within(outcome).getByTestId('outage-affected');
    expect(affected.textContent).toContain('CV Nilam Harum Tamiang');
    const alternatives = within(affected).getAllByTestId('outage-alternative');
    expect(alternatives.map((a) => a.textContent)).toEqual([
      expect.stringContaining('Ketel suling nilam 100 kg B (KTL-100B)'),
      expect.stringContaining('Ketel suling Tomohon (KTL-T1)'),
    ]);
    // In WIB at the machine's own site, in WITA at Tomohon (08:00–10:00 WITA on the 24th).
    expect(alternatives[0]!.textContent).toContain('13.00–15.00 WIB');
    expect(alternatives[1]!.textContent).toContain('08.00–10.00 WITA');
    expect(within(alternatives[1]!).getByRole('link').getAttribute('href')).toBe(
      `/equipment/${MACHINE_B}/calendar?view=day&date=2026-07-24`,
    );
  });
});
