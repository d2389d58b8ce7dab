/** Pure rules of factory sharing, with a pinned clock (vitest runs with TZ=UTC). */
import { describe, expect, it } from 'vitest';
import type { SiteCalendar } from '../availability/availability.js';
import {
  bookingActions,
  bookingNotice,
  bookingPowers,
  bookingProblems,
  checkInProblem,
  DEFAULT_RULES,
  distanceKm,
  earliestBookable,
  expandRecurrence,
  formatSpan,
  isNoShow,
  minutesPerWeek,
  offerFor,
  ownBookingsOnly,
  rankFits,
  type BookingFacts,
} from './bookings.js';

const H = 3_600_000;
/** Tuesday 21 July 2026, 11:00 WITA. */
const NOW = Date.parse('2026-07-21T03:00:00Z');
const wita = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const bali: SiteCalendar = {
  timeZone: 'Asia/Makassar',
  hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: '08:00', closes: '12:00' },
    { weekday, opens: '13:00', closes: '16:00' },
  ]),
  holidays: ['2026-08-17'],
};

const facts = (over: Partial<BookingFacts> = {}): BookingFacts => ({
  now: NOW,
  interval: { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '10:00') },
  rules: { ...DEFAULT_RULES, qualificationRequired: false },
  calendar: bali,
  machineStatus: 'active',
  mode: 'self',
  qualified: true,
  sizeClass: 'micro',
  weekMinutes: new Map(),
  staff: false,
  ...over,
});
const codes = (f: BookingFacts) => bookingProblems(f).map((p) => p.code);

describe('bookingProblems', () => {
  it('accepts a request that keeps every rule', () => {
    expect(bookingProblems(facts())).toEqual([]);
  });

  it('names each broken rule, in the order a person would fix them', () => {
    expect(
      codes(
        facts({
          interval: { start: wita('2026-07-22', '10:00'), end: wita('2026-07-22', '09:00') },
        }),
      ),
    ).toEqual(['booking_end_before_start']);
    expect(
      codes(
        facts({
          interval: { start: wita('2026-07-22', '08:15'), end: wita('2026-07-22', '09:15') },
        }),
      ),
    ).toEqual(['booking_off_grid']);
    expect(
      codes(
        facts({
          interval: { start: wita('2026-07-22', '11:00'), end: wita('2026-07-22', '14:00') },
        }),
      ),
    ).toEqual(['booking_outside_hours']); // over the lunch break
    expect(
      codes(
        facts({
          interval: { start: wita('2026-08-17', '08:00'), end: wita('2026-08-17', '09:00') },
        }),
      ),
    ).toEqual(['booking_outside_hours']); // a holiday
    expect(
      codes(
        facts({
          interval: { start: wita('2026-07-21', '08:00'), end: wita('2026-07-21', '09:00') },
        }),
      ),
    ).toEqual(['booking_in_past']);
    expect(
      codes(
        facts({
          interval: { start: wita('2026-07-21', '11:30'), end: wita('2026-07-21', '12:00') },
        }),
      ),
    ).toEqual(['booking_lead_time']);
    expect(
      codes(
        facts({
          interval: { start: wita('2026-11-02', '08:00'), end: wita('2026-11-02', '09:00') },
        }),
      ),
    ).toEqual(['booking_beyond_horizon']);
    expect(codes(facts({ machineStatus: 'broken' }))).toEqual(['machine_unavailable']);
    expect(codes(facts({ machineStatus: 'retired' }))).toEqual(['machine_retired']);
    expect(
      codes(facts({ rules: { ...DEFAULT_RULES, serviceModeAllowed: false }, mode: 'service' })),
    ).toEqual(['service_mode_not_offered']);
  });

  it('staff booking for a member may start inside the lead time, never in the past', () => {
    const soon = { start: wita('2026-07-21', '11:30'), end: wita('2026-07-21', '12:00') };
    expect(codes(facts({ interval: soon, staff: true }))).toEqual([]);
    const past = { start: wita('2026-07-21', '10:30'), end: wita('2026-07-21', '11:30') };
    expect(codes(facts({ interval: past, staff: true }))).toEqual(['booking_in_past']);
  });

  it('lengths at the boundaries', () => {
    const rules = {
      ...DEFAULT_RULES,
      qualificationRequired: false,
      minMinutes: 60,
      maxMinutes: 120,
    };
    const len = (m: number) => ({
      start: wita('2026-07-22', '08:00'),
      end: wita('2026-07-22', '08:00') + m * 60_000,
    });
    expect(codes(facts({ rules, interval: len(30) }))).toEqual(['booking_too_short']);
    expect(codes(facts({ rules, interval: len(60) }))).toEqual([]);
    expect(codes(facts({ rules, interval: len(120) }))).toEqual([]);
    expect(codes(facts({ rules, interval: len(150) }))).toEqual(['booking_too_long']);
  });

  it('a qualification is needed to operate the machine yourself, not for the operator service', () => {
    const rules = { ...DEFAULT_RULES, qualificationRequired: true };
    expect(codes(facts({ rules, qualified: false }))).toEqual(['qualification_required']);
    expect(codes(facts({ rules, qualified: false, mode: 'service' }))).toEqual([]);
    expect(codes(facts({ rules, qualified: true }))).toEqual([]);
  });

  it('weekly quota by size class, counted per ISO week in site time; unclassified uses micro', () => {
    const rules = {
      ...DEFAULT_RULES,
      qualificationRequired: false,
      weeklyHours: { micro: 3, small: 10, medium: null, large: null },
    };
    const week = minutesPerWeek(
      [{ start: wita('2026-07-20', '08:00'), end: wita('2026-07-20', '09:00') }],
      'Asia/Makassar',
    );
    // 1 h used + 2 h asked = 3 h: exactly the quota.
    expect(codes(facts({ rules, weekMinutes: week }))).toEqual([]);
    const more = { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '10:30') };
    expect(bookingProblems(facts({ rules, weekMinutes: week, interval: more }))).toEqual([
      { code: 'booking_quota_exceeded', weeklyHours: 3, usedHours: 1 },
    ]);
    expect(codes(facts({ rules, weekMinutes: week, interval: more, sizeClass: 'small' }))).toEqual(
      [],
    );
    expect(codes(facts({ rules, weekMinutes: week, interval: more, sizeClass: null }))).toEqual([
      'booking_quota_exceeded',
    ]);
    expect(codes(facts({ rules, weekMinutes: week, interval: more, sizeClass: 'medium' }))).toEqual(
      [],
    );
  });
});

describe('minutesPerWeek', () => {
  it('splits an interval at Monday 00:00 in the site zone', () => {
    // Sunday 23:00 – Monday 01:00 WIB.
    const iv = {
      start: Date.parse('2026-07-26T23:00:00+07:00'),
      end: Date.parse('2026-07-27T01:00:00+07:00'),
    };
    const weeks = [...minutesPerWeek([iv], 'Asia/Jakarta').entries()];
    expect(weeks).toEqual([
      [Date.parse('2026-07-20T00:00:00+07:00'), 60],
      [Date.parse('2026-07-27T00:00:00+07:00'), 60],
    ]);
  });
});

describe('expandRecurrence', () => {
  const first = { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '10:00') };
  it('weekly by count keeps the local time', () => {
    const occ = expandRecurrence(
      first,
      { frequency: 'weekly', interval: 1, count: 3 },
      'Asia/Makassar',
    );
    expect(occ.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-07-22T00:00:00.000Z',
      '2026-07-29T00:00:00.000Z',
      '2026-08-05T00:00:00.000Z',
    ]);
    expect(occ.every((o) => o.end - o.start === 2 * H)).toBe(true);
  });
  it('every second day until a local date, inclusive', () => {
    const occ = expandRecurrence(
      first,
      { frequency: 'daily', interval: 2, until: '2026-07-28' },
      'Asia/Makassar',
    );
    expect(occ.map((o) => new Date(o.start + 8 * H).toISOString().slice(0, 10))).toEqual([
      '2026-07-22',
      '2026-07-24',
      '2026-07-26',
      '2026-07-28',
    ]);
  });
  it('never more than a year of occurrences; one without a limit', () => {
    expect(
      expandRecurrence(
        first,
        { frequency: 'daily', interval: 1, until: '2030-01-01' },
        'Asia/Makassar',
      ),
    ).toHaveLength(366);
    expect(
      expandRecurrence(first, { frequency: 'daily', interval: 1 }, 'Asia/Makassar'),
    ).toHaveLength(1);
  });
  it('does not mutate its input', () => {
    const frozen = Object.freeze({ ...first });
    expandRecurrence(
      frozen,
      Object.freeze({ frequency: 'weekly' as const, interval: 1, count: 2 }),
      'Asia/Jayapura',
    );
    expect(frozen).toEqual(first);
  });
});

describe('life of a booking', () => {
  it('check-in opens 30 minutes early and closes at the end', () => {
    const b = { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '10:00') };
    expect(checkInProblem(b, wita('2026-07-22', '07:29'))).toBe('check_in_too_early');
    expect(checkInProblem(b, wita('2026-07-22', '07:30'))).toBeNull();
    expect(checkInProblem(b, wita('2026-07-22', '09:59'))).toBeNull();
    expect(checkInProblem(b, wita('2026-07-22', '10:00'))).toBe('check_in_too_late');
  });
  it('a no-show after the grace period, only for confirmed bookings', () => {
    const start = wita('2026-07-22', '08:00');
    expect(isNoShow({ start, status: 'confirmed' }, 30, start + 29 * 60_000)).toBe(false);
    expect(isNoShow({ start, status: 'confirmed' }, 30, start + 30 * 60_000)).toBe(true);
    expect(isNoShow({ start, status: 'checked_in' }, 30, start + 60 * 60_000)).toBe(false);
  });
  it('actions follow the role and the status', () => {
    const b = {
      kind: 'booking' as const,
      status: 'requested' as const,
      siteId: 'S',
      memberOrgId: 'O',
      mode: 'service' as const,
      start: wita('2026-07-22', '08:00'),
      end: wita('2026-07-22', '10:00'),
    };
    const member = bookingPowers([{ role: 'umkm_member', scopeId: 'O' }]);
    const staff = bookingPowers([{ role: 'site_operator', scopeId: 'S' }]);
    const stranger = bookingPowers([{ role: 'umkm_member', scopeId: 'X' }]);
    expect(bookingActions(member, b, NOW)).toMatchObject({
      cancel: true,
      approve: false,
      assignOperator: false,
    });
    expect(bookingActions(staff, b, NOW)).toMatchObject({
      cancel: true,
      approve: true,
      reject: true,
      assignOperator: true,
    });
    expect(Object.values(bookingActions(stranger, b, NOW)).some(Boolean)).toBe(false);
    expect(
      bookingActions(member, { ...b, status: 'confirmed' }, wita('2026-07-22', '07:45')),
    ).toMatchObject({ checkIn: true, cancel: true });
    expect(bookingActions(member, { ...b, status: 'completed' }, NOW)).toMatchObject({
      cancel: false,
      checkOut: false,
    });
  });
  it('members and buyers see only their own bookings; staff and officers all they can see', () => {
    expect(ownBookingsOnly([{ role: 'umkm_member', scopeId: 'O' }])).toEqual(['O']);
    expect(ownBookingsOnly([{ role: 'buyer', scopeId: 'B' }])).toEqual([]);
    expect(
      ownBookingsOnly([
        { role: 'umkm_member', scopeId: 'O' },
        { role: 'site_operator', scopeId: 'S' },
      ]),
    ).toBeNull();
    expect(ownBookingsOnly([{ role: 'programme_officer', scopeId: null }])).toBeNull();
  });
});

describe('wait list and search', () => {
  it('offers the earliest place in the window where the minutes fit', () => {
    const free = [
      { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '09:00') },
      { start: wita('2026-07-22', '10:00'), end: wita('2026-07-22', '13:00') },
    ];
    const window = { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '12:00') };
    expect(offerFor({ window, minutes: 120 }, free, NOW)).toEqual({
      start: wita('2026-07-22', '10:00'),
      end: wita('2026-07-22', '12:00'),
    });
    expect(offerFor({ window, minutes: 150 }, free, NOW)).toBeNull();
    expect(offerFor({ window, minutes: 60 }, free, wita('2026-07-22', '08:30'))).toEqual({
      start: wita('2026-07-22', '10:00'),
      end: wita('2026-07-22', '11:00'),
    });
  });
  it('ranks by the local day of the earliest fit, then distance (unknown last), then time, then name', () => {
    const fit = (name: string, at: number, km: number | null, tz = 'Asia/Makassar' as const) => ({
      name,
      earliestStart: at,
      distanceKm: km,
      timeZone: tz,
    });
    const ranked = rankFits([
      fit('C', wita('2026-07-22', '15:00'), 1),
      fit('B', wita('2026-07-22', '08:00'), null),
      fit('A', wita('2026-07-22', '08:00'), 50),
      fit('D', wita('2026-07-22', '08:00'), null),
      // Next morning, next door: never before a fit today.
      fit('E', wita('2026-07-23', '08:00'), 0),
      fit('F', wita('2026-07-22', '09:00'), 1),
    ]);
    // Same day: the nearest first (C at 15:00 one km away beats A at 08:00 50 km away); equal
    // distance: the earlier start (F at 09:00 before C).
    expect(ranked.map((r) => r.name)).toEqual(['F', 'C', 'A', 'B', 'D', 'E']);
  });
  it('distance is a real criterion: the nearer fit later the same day comes first', () => {
    const ranked = rankFits([
      {
        name: 'far',
        earliestStart: wita('2026-07-22', '08:00'),
        distanceKm: 300,
        timeZone: 'Asia/Makassar' as const,
      },
      {
        name: 'near',
        earliestStart: wita('2026-07-22', '14:30'),
        distanceKm: 2,
        timeZone: 'Asia/Makassar' as const,
      },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['near', 'far']);
  });
  it('the day is the local day of each site: 23:30 WIB is already the next day in WIT', () => {
    // 2026-07-22 23:30 WIB = 2026-07-23 01:30 WIT; java starts at 22:30 WIB, still the 22nd.
    const wib = Date.parse('2026-07-22T23:30:00+07:00');
    const ranked = rankFits([
      { name: 'papua', earliestStart: wib, distanceKm: 1, timeZone: 'Asia/Jayapura' as const },
      { name: 'java', earliestStart: wib - H, distanceKm: 900, timeZone: 'Asia/Jakarta' as const },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['java', 'papua']);
  });
  it('distance between Negara (Bali) and Denpasar is about 80 km', () => {
    const km = distanceKm({ lat: -8.3569, lon: 114.6186 }, { lat: -8.65, lon: 115.2167 });
    expect(km).toBeGreaterThan(70);
    expect(km).toBeLessThan(80);
  });
});

describe('earliestBookable: the first slot the member can book, by the request pipeline', () => {
  const free = [
    { start: wita('2026-07-21', '13:00'), end: wita('2026-07-21', '16:00') },
    { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '12:00') },
    { start: wita('2026-07-27', '08:00'), end: wita('2026-07-27', '12:00') },
  ];
  const { interval: _i, ...base } = facts();
  it('is the earliest free start when every rule holds', () => {
    expect(earliestBookable(free, 120, base, NOW)).toBe(wita('2026-07-21', '13:00'));
  });
  it('skips starts inside the lead time', () => {
    // 20 hours: from Wednesday 07:00, so the Tuesday afternoon is out.
    const rules = { ...base.rules, leadMinutes: 20 * 60 };
    expect(earliestBookable(free, 120, { ...base, rules }, NOW)).toBe(wita('2026-07-22', '08:00'));
  });
  it('skips a week whose quota is used up and takes the next week', () => {
    const rules = { ...base.rules, weeklyHours: { ...base.rules.weeklyHours, micro: 3 } };
    // Two hours already held in the week of 20 July: two more would pass the three-hour quota.
    const weekMinutes = minutesPerWeek(
      [{ start: wita('2026-07-20', '08:00'), end: wita('2026-07-20', '10:00') }],
      'Asia/Makassar',
    );
    expect(earliestBookable(free, 120, { ...base, rules, weekMinutes }, NOW)).toBe(
      wita('2026-07-27', '08:00'),
    );
  });
  it('is null when no start can cure a problem: too long, qualification, service mode, horizon', () => {
    expect(
      earliestBookable(free, 120, { ...base, rules: { ...base.rules, maxMinutes: 60 } }, NOW),
    ).toBeNull();
    expect(
      earliestBookable(
        free,
        120,
        { ...base, rules: { ...base.rules, qualificationRequired: true }, qualified: false },
        NOW,
      ),
    ).toBeNull();
    // …but in service mode the qualification does not matter.
    expect(
      earliestBookable(
        free,
        120,
        {
          ...base,
          mode: 'service',
          rules: { ...base.rules, qualificationRequired: true },
          qualified: false,
        },
        NOW,
      ),
    ).toBe(wita('2026-07-21', '13:00'));
    expect(
      earliestBookable(
        free,
        120,
        { ...base, mode: 'service', rules: { ...base.rules, serviceModeAllowed: false } },
        NOW,
      ),
    ).toBeNull();
    expect(
      earliestBookable(free, 90, { ...base, rules: { ...base.rules, slotMinutes: 60 } }, NOW),
    ).toBeNull();
    const rules = { ...base.rules, leadMinutes: 24 * 60, horizonDays: 1 };
    expect(earliestBookable(free, 120, { ...base, rules }, NOW)).toBeNull();
  });
});

describe('notices', () => {
  it('formats a span in the site zone, Indonesian and English', () => {
    const iv = { start: wita('2026-07-22', '08:00'), end: wita('2026-07-22', '10:30') };
    expect(formatSpan(iv, 'Asia/Makassar', 'id')).toBe('Rabu, 22 Juli 2026 08.00–10.30 WITA');
    expect(formatSpan(iv, 'Asia/Makassar', 'en')).toBe('Wednesday, 22 July 2026 08:00–10:30 WITA');
    expect(formatSpan(iv, 'Asia/Jayapura', 'id')).toBe('Rabu, 22 Juli 2026 09.00–11.30 WIT');
  });
  it('fills the e-mail in the recipient language', () => {
    const m = bookingNotice('rejected', 'id', { machine: 'Oven', when: 'Rabu', reason: 'Penuh' });
    expect(m.subject).toBe('Pemesanan ditolak: Oven');
    expect(m.text).toContain('Alasan: Penuh');
  });
});
