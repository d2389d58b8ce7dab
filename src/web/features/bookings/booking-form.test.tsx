// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/app.js';
import {
  apiError,
  installFakeApi,
  type FakeRequest,
  type Handler,
} from '../../testing/fake-api.js';
import { en } from '../../i18n/en.js';
import { id } from '../../i18n/id.js';
import { idBookings } from '../../i18n/id-bookings.js';
import { idRegistrations } from '../../i18n/id-registrations.js';
import { idRegistry } from '../../i18n/id-registry.js';
import {
  MACHINE,
  memberMe,
  ORG,
  pinBookingClock,
  SITE,
  testBooking,
  testMachine,
} from './booking-fixtures.js';
import type { AvailabilityT } from './types.js';

const PERSON = '22222222-2222-4222-8222-222222222222';
const DAY = '2026-07-23';
const wib = (time: string, day = DAY) => `${day}T${time}:00+07:00`;
const utc = (time: string, day = DAY) => new Date(wib(time, day)).toISOString();

const machine = testMachine();

const rules = {
  slotMinutes: 30 as const,
  minMinutes: 60,
  maxMinutes: 480,
  leadMinutes: 60,
  horizonDays: 60,
  approvalRequired: false,
  qualificationRequired: true,
  serviceModeAllowed: true,
  noShowGraceMinutes: 30,
  offerHoldMinutes: 120,
  weeklyHours: { micro: 16, small: 24, medium: null, large: null },
};

const availability: AvailabilityT = {
  machineId: MACHINE,
  timeZone: 'Asia/Jakarta',
  from: utc('00:00'),
  to: new Date(wib('00:00', '2026-07-24')).toISOString(),
  machineStatus: 'active',
  rules,
  open: [
    { startsAt: utc('08:00'), endsAt: utc('12:00') },
    { startsAt: utc('13:00'), endsAt: utc('17:00') },
  ],
  busy: [
    {
      id: '55555555-5555-4555-8555-555555555555',
      startsAt: utc('13:00'),
      endsAt: utc('15:00'),
      kind: 'booking',
      status: 'confirmed',
      outageKind: null,
      mine: false,
    },
  ],
  free: [
    { startsAt: utc('08:00'), endsAt: utc('12:00') },
    { startsAt: utc('15:00'), endsAt: utc('17:00') },
  ],
};

const booking = (startsAt: string, endsAt: string) =>
  testBooking({ startsAt, endsAt, seriesId: '44444444-4444-4444-8444-444444444444' });

/** The live check of the fake API: 13–15 is taken; mornings need a qualified worker. */
function check(request: FakeRequest) {
  const body = request.body as { startsAt: string; endsAt: string; personId: string | null };
  const start = Date.parse(body.startsAt);
  const end = Date.parse(body.endsAt);
  const overlaps = start < Date.parse(utc('15:00')) && Date.parse(utc('13:00')) < end;
  const morning = start < Date.parse(utc('12:00'));
  return {
    body: {
      ok: !overlaps && !(morning && !body.personId),
      problems:
        morning && !body.personId
          ? [
              {
                code: 'qualification_required',
                message:
                  'Belum ada pekerja dengan kualifikasi yang berlaku untuk mesin ini. Ikuti pelatihan atau pilih layanan operator.',
                details: {},
              },
            ]
          : [],
      conflicts: overlaps
        ? [{ startsAt: utc('13:00'), endsAt: utc('15:00'), kind: 'booking' }]
        : [],
    },
  };
}

function fakeApi(extra: Record<string, Handler> = {}) {
  return installFakeApi({
    'GET /api/auth/me': () => ({ body: memberMe() }),
    [`GET /api/equipment/${MACHINE}`]: () => ({ body: machine }),
    [`GET /api/sites/${SITE}`]: () => ({ body: { id: SITE, timeZone: 'Asia/Jakarta' } }),
    [`GET /api/machines/${MACHINE}/availability`]: () => ({ body: availability }),
    [`GET /api/organisations/${ORG}/people`]: () => ({
      body: {
        items: [{ id: PERSON, name: 'Nurul Aini', organisationId: ORG }],
        nextCursor: null,
      },
    }),
    'POST /api/bookings/check': check,
    ...extra,
  });
}

const checks = (api: { requests: FakeRequest[] }) =>
  api.requests.filter((r) => r.path === '/api/bookings/check');

pinBookingClock();

describe('the booking form', () => {
  it('checks the request while the user edits and shows the API conflict message on submit', async () => {
    const api = fakeApi({
      'POST /api/bookings': () =>
        apiError(
          409,
          'booking_conflict',
          'Mesin sudah dipesan atau tidak tersedia pada waktu itu (2026-07-23 13:00–15:00 WIB). Pilih waktu lain.',
          { conflictStartsAt: '2026-07-23 13:00', conflictEndsAt: '15:00 WIB' },
        ),
    });
    window.history.replaceState(
      null,
      '',
      `/equipment/${MACHINE}/book?date=${DAY}&start=14:00&end=15:00`,
    );
    render(<App />);

    const form = await screen.findByTestId('booking-form');
    expect((within(form).getByLabelText('Anggota') as HTMLSelectElement).value).toBe(ORG);
    expect((within(form).getByLabelText('Mulai (WIB)') as HTMLSelectElement).value).toBe('14:00');
    const live = within(form).getByTestId('live-check');
    await waitFor(() => expect(live.getAttribute('data-state')).toBe('problems'));
    expect(within(live).getByTestId('check-conflict').textContent).toBe(
      'Bentrok dengan pemesanan lain: 13.00–15.00 WIB',
    );
    expect(checks(api)).toHaveLength(1);
    expect(checks(api)[0]!.body).toEqual({
      machineId: MACHINE,
      memberOrgId: ORG,
      startsAt: wib('14:00'),
      endsAt: wib('15:00'),
      mode: 'self',
      personId: null,
      notes: null,
    });

    // Taken slots are marked in the start list; a morning start takes the shortest length.
    const start = within(form).getByLabelText('Mulai (WIB)') as HTMLSelectElement;
    expect(within(start).getByRole('option', { name: '13.00 — Terisi' })).toBeTruthy();
    fireEvent.change(start, { target: { value: '09:00' } });
    expect((within(form).getByLabelText('Selesai (WIB)') as HTMLSelectElement).value).toBe('10:00');
    expect(
      (await within(live).findByText(/Belum ada pekerja dengan kualifikasi/)).getAttribute(
        'data-code',
      ),
    ).toBe('qualification_required');

    // Naming the worker makes it bookable.
    fireEvent.change(within(form).getByLabelText('Pekerja (opsional)'), {
      target: { value: PERSON },
    });
    await waitFor(() => expect(live.getAttribute('data-state')).toBe('ok'));
    expect(live.textContent).toContain('Waktu ini bisa dipesan.');
    expect(checks(api)).toHaveLength(3);

    // Back to the taken afternoon: the API refuses and its message is shown as it came.
    fireEvent.change(start, { target: { value: '14:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Pesan' }));
    const banner = await within(form).findByRole('alert');
    expect(banner.getAttribute('data-code')).toBe('booking_conflict');
    expect(banner.textContent).toContain('Mesin sudah dipesan atau tidak tersedia pada waktu itu');
  });

  it('books a weekly series and lists the skipped occurrences with the reason', async () => {
    const api = fakeApi({
      'POST /api/booking-series': () => ({
        status: 201,
        body: {
          seriesId: '44444444-4444-4444-8444-444444444444',
          booked: [
            booking(utc('15:00'), utc('16:00')),
            booking(utc('15:00', '2026-08-06'), utc('16:00', '2026-08-06')),
          ],
          skipped: [
            {
              startsAt: utc('15:00', '2026-07-30'),
              endsAt: utc('16:00', '2026-07-30'),
              problems: [
                {
                  code: 'booking_outside_hours',
                  message: 'Waktu itu di luar jam buka lokasi atau pada hari libur.',
                  details: {},
                },
              ],
            },
          ],
        },
      }),
    });
    window.history.replaceState(
      null,
      '',
      `/equipment/${MACHINE}/book?date=${DAY}&start=15:00&end=16:00`,
    );
    render(<App />);

    const form = await screen.findByTestId('booking-form');
    fireEvent.click(within(form).getByLabelText('Ulangi pemesanan ini'));
    fireEvent.change(within(form).getByLabelText('Jumlah kali'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Pesan jadwal berulang' }));

    const result = await screen.findByTestId('series-result');
    expect(result.textContent).toContain('2 jadwal dipesan.');
    const skipped = within(result).getByTestId('series-skipped');
    expect(skipped.textContent).toContain('Kamis, 30 Jul 2026 · 15.00–16.00 WIB');
    expect(skipped.textContent).toContain(
      'Waktu itu di luar jam buka lokasi atau pada hari libur.',
    );
    expect(api.requests.find((r) => r.path === '/api/booking-series')?.body).toEqual({
      machineId: MACHINE,
      memberOrgId: ORG,
      startsAt: wib('15:00'),
      endsAt: wib('16:00'),
      mode: 'self',
      personId: null,
      notes: null,
      frequency: 'weekly',
      interval: 1,
      until: null,
      count: 3,
      skipConflicts: true,
    });
  });
});

describe('booking messages', () => {
  it('share no key with the other message files (a spread would silently override it)', () => {
    const others = new Set([...Object.keys(idRegistry), ...Object.keys(idRegistrations)]);
    const keys = Object.keys(idBookings) as (keyof typeof idBookings)[];
    expect(keys.filter((key) => others.has(key))).toEqual([]);
    for (const key of keys) {
      expect(id[key]).toBe(idBookings[key]);
      expect(en[key]).toBeTruthy();
    }
  });
});
