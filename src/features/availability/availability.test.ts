import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { TimeZone } from '../registry/registry.contract.js';
import {
  alignToGrid,
  earliestFit,
  freeIntervals,
  intersect,
  isoInstant,
  isoWeekday,
  localDate,
  localMinutesOfDay,
  localToUtc,
  normalize,
  onGrid,
  openIntervals,
  overlaps,
  startOfLocalWeek,
  subtract,
  totalLength,
  union,
  utcOffsetMinutes,
  withinOpenHours,
  zoneLabel,
  type Interval,
  type SiteCalendar,
  type SiteTimeZone,
} from './availability.js';

const MIN = 60_000;
const H = 60 * MIN;
const iv = (start: number, end: number): Interval => ({ start, end });
/** Deeply frozen copies: any attempt to mutate an input throws (ESM is strict mode). */
const frozen = (xs: Interval[]): readonly Interval[] =>
  Object.freeze(xs.map((x) => Object.freeze({ ...x })));
/** Local wall-clock instants written with their offset, independent of the code under test. */
const wib = (s: string) => Date.parse(`${s}+07:00`);
const wita = (s: string) => Date.parse(`${s}+08:00`);
const wit = (s: string) => Date.parse(`${s}+09:00`);

// The module reads no clock; the pinned one makes any accidental dependency visible.
beforeAll(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-26T03:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

/** A site in Bali: Mon–Fri 08:00–12:00 and 13:00–16:00 WITA, closed for Idul Fitri 1446 H. */
const bali: SiteCalendar = Object.freeze({
  timeZone: 'Asia/Makassar',
  hours: Object.freeze(
    [1, 2, 3, 4, 5].flatMap((weekday) =>
      [
        { weekday, opens: '08:00:00', closes: '12:00:00' },
        { weekday, opens: '13:00', closes: '16:00' },
      ].map((h) => Object.freeze(h)),
    ),
  ),
  holidays: Object.freeze(['2025-03-31', '2025-04-01']),
});

/** A site in Medan (WIB) with a night shift Monday 20:00 → Tuesday 06:00. */
const medan: SiteCalendar = {
  timeZone: 'Asia/Jakarta',
  hours: [
    { weekday: 1, opens: '20:00', closes: '24:00' },
    { weekday: 2, opens: '00:00', closes: '06:00' },
    { weekday: 2, opens: '08:00', closes: '12:00' },
  ],
  holidays: [],
};

/** A site in Jayapura (WIT): Mon–Sat 07:00–15:00. */
const jayapura: SiteCalendar = {
  timeZone: 'Asia/Jayapura',
  hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '07:00', closes: '15:00' })),
  holidays: ['2025-12-25'],
};

describe('normalize', () => {
  it('drops empty and negative intervals, sorts, and merges overlapping and touching ones', () => {
    const input = frozen([iv(50, 60), iv(5, 5), iv(10, 20), iv(30, 25), iv(15, 30), iv(30, 40)]);
    expect(normalize(input)).toEqual([iv(10, 40), iv(50, 60)]);
  });
  it('keeps intervals one millisecond apart separate', () => {
    expect(normalize([iv(0, 10), iv(11, 20)])).toEqual([iv(0, 10), iv(11, 20)]);
  });
  it('merges a run of touching intervals into one and swallows contained ones', () => {
    expect(normalize(frozen([iv(0, 10), iv(10, 20), iv(20, 30), iv(2, 3)]))).toEqual([iv(0, 30)]);
  });
  it('returns an empty list for empty input and for only empty intervals', () => {
    expect(normalize([])).toEqual([]);
    expect(normalize([iv(3, 3), iv(4, 1), iv(NaN, 5)])).toEqual([]);
  });
  it('returns a new array even when the input is already normal', () => {
    const input = frozen([iv(0, 1), iv(2, 3)]);
    const out = normalize(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });
});

describe('union, intersect, subtract', () => {
  it('unions overlapping, touching and disjoint intervals', () => {
    expect(
      union(frozen([iv(0, 10), iv(40, 50)]), frozen([iv(10, 20), iv(45, 60), iv(70, 80)])),
    ).toEqual([iv(0, 20), iv(40, 60), iv(70, 80)]);
  });
  it('intersects; touching intervals share no instant', () => {
    expect(intersect(frozen([iv(0, 10), iv(20, 30)]), frozen([iv(5, 25), iv(30, 40)]))).toEqual([
      iv(5, 10),
      iv(20, 25),
    ]);
    expect(intersect([iv(0, 10)], [iv(10, 20)])).toEqual([]);
  });
  it('subtracts a cut from the middle, leaving pieces on both sides', () => {
    expect(subtract(frozen([iv(0, 100)]), frozen([iv(40, 60)]))).toEqual([iv(0, 40), iv(60, 100)]);
  });
  it('subtracts cuts that span several pieces, touch their ends, or cover them', () => {
    const a = frozen([iv(0, 10), iv(20, 30), iv(40, 50), iv(60, 70)]);
    const b = frozen([iv(65, 100), iv(5, 25), iv(30, 35), iv(40, 50)]);
    expect(subtract(a, b)).toEqual([iv(0, 5), iv(25, 30), iv(60, 65)]);
  });
  it('handles empty inputs', () => {
    const x = frozen([iv(0, 10)]);
    expect(union([], [])).toEqual([]);
    expect(union(x, [])).toEqual([iv(0, 10)]);
    expect(intersect(x, [])).toEqual([]);
    expect(intersect([], x)).toEqual([]);
    expect(subtract(x, [])).toEqual([iv(0, 10)]);
    expect(subtract([], x)).toEqual([]);
    expect(totalLength([])).toBe(0);
  });
  it('overlaps: sharing an instant, not touching, never with an empty interval', () => {
    expect(overlaps(iv(0, 10), iv(9, 20))).toBe(true);
    expect(overlaps(iv(0, 10), iv(2, 3))).toBe(true);
    expect(overlaps(iv(0, 10), iv(10, 20))).toBe(false);
    expect(overlaps(iv(10, 20), iv(0, 10))).toBe(false);
    expect(overlaps(iv(5, 5), iv(0, 10))).toBe(false);
  });
  it('totalLength counts overlapping time once', () => {
    expect(totalLength(frozen([iv(0, 10), iv(5, 15), iv(20, 21), iv(30, 20)]))).toBe(16);
  });
});

/** mulberry32: a tiny seeded PRNG, so the random cases are the same on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('interval algebra against a minute-by-minute reference', () => {
  const SPAN = 48; // minutes
  const rnd = mulberry32(20250326);
  const int = (n: number) => Math.floor(rnd() * n);
  /** Up to 6 random intervals on whole minutes, some empty or reversed, unsorted. */
  const randomList = (): Interval[] =>
    Array.from({ length: int(7) }, () => iv(int(SPAN + 1) * MIN, int(SPAN + 1) * MIN));
  const minutesIn = (xs: readonly Interval[]) => {
    const set = new Set<number>();
    for (const x of xs)
      for (let m = 0; m < SPAN; m++) if (x.start <= m * MIN && m * MIN < x.end) set.add(m);
    return set;
  };
  /** The canonical intervals of a set of minutes: maximal runs. */
  const runs = (set: Set<number>): Interval[] => {
    const out: Interval[] = [];
    for (let m = 0; m < SPAN; m++) {
      if (!set.has(m)) continue;
      const last = out[out.length - 1];
      if (last && last.end === m * MIN) out[out.length - 1] = iv(last.start, (m + 1) * MIN);
      else out.push(iv(m * MIN, (m + 1) * MIN));
    }
    return out;
  };
  const cases = Array.from({ length: 400 }, () => [randomList(), randomList()] as const);

  it('normalize and totalLength', () => {
    for (const [a] of cases) {
      const ref = minutesIn(a);
      expect(normalize(frozen(a))).toEqual(runs(ref));
      expect(totalLength(frozen(a))).toBe(ref.size * MIN);
    }
  });
  it('union', () => {
    for (const [a, b] of cases) {
      const ref = new Set([...minutesIn(a), ...minutesIn(b)]);
      expect(union(frozen(a), frozen(b))).toEqual(runs(ref));
    }
  });
  it('intersect', () => {
    for (const [a, b] of cases) {
      const inB = minutesIn(b);
      const ref = new Set([...minutesIn(a)].filter((m) => inB.has(m)));
      expect(intersect(frozen(a), frozen(b))).toEqual(runs(ref));
    }
  });
  it('subtract', () => {
    for (const [a, b] of cases) {
      const inB = minutesIn(b);
      const ref = new Set([...minutesIn(a)].filter((m) => !inB.has(m)));
      expect(subtract(frozen(a), frozen(b))).toEqual(runs(ref));
    }
  });
  it('reads inputs that are normalized already as they are, with the same answers', () => {
    for (const [a, b] of cases) {
      const na = frozen(normalize(a));
      const nb = frozen(normalize(b));
      expect(subtract(na, nb)).toEqual(subtract(frozen(a), frozen(b)));
      expect(intersect(na, nb)).toEqual(intersect(frozen(a), frozen(b)));
      expect(totalLength(na)).toBe(totalLength(frozen(a)));
      // Still a new array of new intervals.
      const copy = subtract(na, []);
      expect(copy).toEqual(na);
      expect(copy).not.toBe(na);
      copy.forEach((x, i) => expect(x).not.toBe(na[i]));
    }
  });
  it('overlaps', () => {
    for (const [a, b] of cases) {
      for (const x of a) {
        for (const y of b) {
          const inY = minutesIn([y]);
          const ref = [...minutesIn([x])].some((m) => inY.has(m));
          expect(overlaps(x, y)).toBe(ref);
        }
      }
    }
  });
});

describe('time zones', () => {
  it('SiteTimeZone is the registry’s TimeZone', () => {
    expectTypeOf<SiteTimeZone>().toEqualTypeOf<TimeZone>();
  });
  it('has fixed offsets and labels', () => {
    expect(utcOffsetMinutes('Asia/Jakarta')).toBe(420);
    expect(utcOffsetMinutes('Asia/Pontianak')).toBe(420);
    expect(utcOffsetMinutes('Asia/Makassar')).toBe(480);
    expect(utcOffsetMinutes('Asia/Jayapura')).toBe(540);
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Pontianak')).toBe('WIB');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
    expect(() => utcOffsetMinutes('Asia/Dili' as string as SiteTimeZone)).toThrow(RangeError);
  });
  it('gives local dates and minutes of day around local midnight', () => {
    const t = Date.parse('2025-03-24T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(localDate(t, 'Asia/Jakarta')).toBe('2025-03-24');
    expect(localDate(t, 'Asia/Makassar')).toBe('2025-03-25');
    expect(localDate(t, 'Asia/Jayapura')).toBe('2025-03-25');
    expect(localMinutesOfDay(t, 'Asia/Jakarta')).toBe(23 * 60 + 30);
    expect(localMinutesOfDay(t, 'Asia/Makassar')).toBe(30);
    expect(localMinutesOfDay(t, 'Asia/Jayapura')).toBe(90);
    expect(localDate(wit('2025-03-25T00:00') - 1, 'Asia/Jayapura')).toBe('2025-03-24');
    expect(localMinutesOfDay(wit('2025-03-25T00:00') - 1, 'Asia/Jayapura')).toBe(1439);
  });
  it('gives ISO weekdays and refuses what is not a date', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2025-03-24')).toBe(1);
    expect(isoWeekday('2025-03-30')).toBe(7);
    expect(isoWeekday('2024-02-29')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
    for (const bad of ['2025-02-29', '2025-3-1', '2025-13-01', '24-03-2025', ''])
      expect(() => isoWeekday(bad), bad).toThrow(RangeError);
  });
  it('turns local wall-clock times into instants', () => {
    expect(localToUtc('2025-03-25', '08:00', 'Asia/Makassar')).toBe(wita('2025-03-25T08:00'));
    expect(localToUtc('2025-03-25', '08:00:30', 'Asia/Jakarta')).toBe(wib('2025-03-25T08:00:30'));
    expect(localToUtc('2025-03-25', '08:00', 'Asia/Pontianak')).toBe(wib('2025-03-25T08:00'));
    expect(localToUtc('2025-03-25', '00:00', 'Asia/Jayapura')).toBe(
      Date.parse('2025-03-24T15:00:00Z'),
    );
    expect(localToUtc('2025-03-25', '24:00:00', 'Asia/Jayapura')).toBe(wit('2025-03-26T00:00'));
    for (const bad of ['25:00', '12:60', '24:01', '8:00', '08:00:60', '0800'])
      expect(() => localToUtc('2025-03-25', bad, 'Asia/Jakarta'), bad).toThrow(RangeError);
  });
  it('finds Monday 00:00 local of the week, also when UTC is still on Sunday', () => {
    const mondayWib = wib('2025-03-24T00:00');
    expect(startOfLocalWeek(mondayWib, 'Asia/Jakarta')).toBe(mondayWib);
    expect(startOfLocalWeek(wib('2025-03-24T00:30'), 'Asia/Jakarta')).toBe(mondayWib); // Sunday 17:30Z
    expect(startOfLocalWeek(wib('2025-03-30T23:59:59'), 'Asia/Jakarta')).toBe(mondayWib);
    expect(startOfLocalWeek(wib('2025-03-31T00:00'), 'Asia/Jakarta')).toBe(wib('2025-03-31T00:00'));
    expect(startOfLocalWeek(wit('2025-03-26T12:00'), 'Asia/Jayapura')).toBe(
      wit('2025-03-24T00:00'),
    );
    // 1 January 1970 was a Thursday: the week starts on 29 December 1969.
    expect(startOfLocalWeek(0, 'Asia/Makassar')).toBe(wita('1969-12-29T00:00'));
  });
});

describe('openIntervals', () => {
  it('gives two weeks of a Bali site in WITA, without weekends and holidays', () => {
    const range = iv(wita('2025-03-24T00:00'), wita('2025-04-07T00:00'));
    const open = openIntervals(bali, Object.freeze(range));
    const days = ['03-24', '03-25', '03-26', '03-27', '03-28', '04-02', '04-03', '04-04'];
    expect(open).toEqual(
      days.flatMap((d) => [
        iv(wita(`2025-${d}T08:00`), wita(`2025-${d}T12:00`)),
        iv(wita(`2025-${d}T13:00`), wita(`2025-${d}T16:00`)),
      ]),
    );
    expect(open[0]).toEqual(iv(Date.parse('2025-03-24T00:00Z'), Date.parse('2025-03-24T04:00Z')));
    expect(totalLength(open)).toBe(8 * 7 * H);
  });
  it('clips to the range', () => {
    const range = iv(wita('2025-03-25T10:00'), wita('2025-03-26T14:00'));
    expect(openIntervals(bali, range)).toEqual([
      iv(wita('2025-03-25T10:00'), wita('2025-03-25T12:00')),
      iv(wita('2025-03-25T13:00'), wita('2025-03-25T16:00')),
      iv(wita('2025-03-26T08:00'), wita('2025-03-26T12:00')),
      iv(wita('2025-03-26T13:00'), wita('2025-03-26T14:00')),
    ]);
  });
  it('uses local days of the site when the range is a UTC day (WIT)', () => {
    // 2025-03-24T00:00Z … 2025-03-25T00:00Z is Monday 09:00 → Tuesday 09:00 WIT.
    const range = iv(Date.parse('2025-03-24T00:00Z'), Date.parse('2025-03-25T00:00Z'));
    expect(openIntervals(jayapura, range)).toEqual([
      iv(wit('2025-03-24T09:00'), wit('2025-03-24T15:00')),
      iv(wit('2025-03-25T07:00'), wit('2025-03-25T09:00')),
    ]);
  });
  it('joins hours that touch across local midnight into one interval (WIB)', () => {
    const range = iv(wib('2025-03-24T00:00'), wib('2025-03-26T00:00'));
    expect(openIntervals(medan, range)).toEqual([
      iv(wib('2025-03-24T20:00'), wib('2025-03-25T06:00')),
      iv(wib('2025-03-25T08:00'), wib('2025-03-25T12:00')),
    ]);
  });
  it('treats Asia/Pontianak like Asia/Jakarta', () => {
    const range = iv(wib('2025-03-24T00:00'), wib('2025-03-26T00:00'));
    expect(openIntervals({ ...medan, timeZone: 'Asia/Pontianak' }, range)).toEqual(
      openIntervals(medan, range),
    );
  });
  it('is empty for an empty range, a site without hours, or a holiday', () => {
    const day = iv(wita('2025-03-31T00:00'), wita('2025-04-01T00:00'));
    expect(openIntervals(bali, iv(day.start, day.start))).toEqual([]);
    expect(openIntervals({ ...bali, hours: [] }, iv(0, 30 * 24 * H))).toEqual([]);
    expect(openIntervals(bali, day)).toEqual([]);
    expect(openIntervals({ ...bali, holidays: [] }, day)).toHaveLength(2);
  });
  it('refuses bad weekdays and infinite ranges', () => {
    const bad = { ...bali, hours: [{ weekday: 0, opens: '08:00', closes: '12:00' }] };
    expect(() => openIntervals(bad, iv(0, 24 * H))).toThrow(RangeError);
    expect(() => openIntervals(bali, iv(0, Infinity))).toThrow(RangeError);
  });
  it('does not depend on the clock', () => {
    const range = iv(wita('2025-03-24T00:00'), wita('2025-04-07T00:00'));
    const before = openIntervals(bali, range);
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    expect(openIntervals(bali, range)).toEqual(before);
    vi.setSystemTime(new Date('2025-03-26T03:00:00Z'));
  });
});

describe('freeIntervals', () => {
  it('removes bookings, outages and maintenance from the open time (Bali, WITA)', () => {
    const range = iv(wita('2025-03-25T00:00'), wita('2025-03-26T00:00'));
    const busy = frozen([
      iv(wita('2025-03-25T11:30'), wita('2025-03-25T14:00')), // outage over the lunch break
      iv(wita('2025-03-25T09:00'), wita('2025-03-25T10:30')), // booking
      iv(wita('2025-03-25T10:00'), wita('2025-03-25T10:45')), // overlapping maintenance
      iv(wita('2025-03-31T08:00'), wita('2025-03-31T16:00')), // on a holiday, outside the range
    ]);
    expect(freeIntervals(bali, range, busy)).toEqual([
      iv(wita('2025-03-25T08:00'), wita('2025-03-25T09:00')),
      iv(wita('2025-03-25T10:45'), wita('2025-03-25T11:30')),
      iv(wita('2025-03-25T14:00'), wita('2025-03-25T16:00')),
    ]);
  });
  it('keeps a night shift free across local midnight except where booked (WIB)', () => {
    const range = iv(wib('2025-03-24T00:00'), wib('2025-03-26T00:00'));
    const busy = [iv(wib('2025-03-24T23:00'), wib('2025-03-25T01:00'))];
    expect(freeIntervals(medan, range, busy)).toEqual([
      iv(wib('2025-03-24T20:00'), wib('2025-03-24T23:00')),
      iv(wib('2025-03-25T01:00'), wib('2025-03-25T06:00')),
      iv(wib('2025-03-25T08:00'), wib('2025-03-25T12:00')),
    ]);
  });
  it('equals the open time without busy intervals, and nothing when all is busy', () => {
    const range = iv(wit('2025-12-22T00:00'), wit('2025-12-29T00:00'));
    const open = openIntervals(jayapura, range);
    expect(open).toHaveLength(5); // Mon–Sat minus Christmas
    expect(freeIntervals(jayapura, range, [])).toEqual(open);
    expect(freeIntervals(jayapura, range, [range])).toEqual([]);
  });
  it('agrees with the algebra on 10,000 random busy intervals', () => {
    const rnd = mulberry32(7);
    const range = iv(wita('2025-03-03T00:00'), wita('2025-03-31T00:00'));
    const busy = frozen(
      Array.from({ length: 10_000 }, () => {
        const start = range.start + Math.floor(rnd() * 28 * 96) * 15 * MIN;
        return iv(start, start + (1 + Math.floor(rnd() * 8)) * 15 * MIN);
      }),
    );
    const open = openIntervals(bali, range);
    const free = freeIntervals(bali, range, busy);
    expect(normalize(free)).toEqual(free);
    expect(intersect(free, busy)).toEqual([]);
    expect(totalLength(free) + totalLength(intersect(open, busy))).toBe(totalLength(open));
  });
});

describe('grid', () => {
  const day = (t: string) => wita(`2025-03-25T${t}`);
  it('aligns free time to 30-minute slots: start up, end down, empty ones dropped', () => {
    const free = frozen([
      iv(day('08:00'), day('08:50')),
      iv(day('09:10'), day('11:45')),
      iv(day('12:05'), day('12:25')), // nothing on the grid inside
      iv(day('13:30'), day('16:00')),
    ]);
    expect(alignToGrid(free, 'Asia/Makassar', 30)).toEqual([
      iv(day('08:00'), day('08:30')),
      iv(day('09:30'), day('11:30')),
      iv(day('13:30'), day('16:00')),
    ]);
    expect(alignToGrid([], 'Asia/Makassar', 30)).toEqual([]);
  });
  it('counts the grid from the site’s local midnight, not from UTC', () => {
    // 90-minute grid: 07:30, 09:00, 10:30, … WITA; counted from UTC midnight it would be 09:30.
    expect(alignToGrid([iv(day('08:10'), day('12:00'))], 'Asia/Makassar', 90)).toEqual([
      iv(day('09:00'), day('12:00')),
    ]);
    expect(onGrid(day('09:00'), 'Asia/Makassar', 90)).toBe(true);
    expect(onGrid(Date.parse('2025-03-25T01:30Z'), 'Asia/Makassar', 90)).toBe(false); // 09:30 WITA
  });
  it('restarts a grid that does not divide the day at local midnight', () => {
    // 7-minute grid: …, 23:48, 23:55, then 00:00, 00:07, …
    const free = [iv(wit('2025-03-24T23:56'), wit('2025-03-25T00:10'))];
    expect(alignToGrid(free, 'Asia/Jayapura', 7)).toEqual([
      iv(wit('2025-03-25T00:00'), wit('2025-03-25T00:07')),
    ]);
    expect(onGrid(wit('2025-03-24T23:55'), 'Asia/Jayapura', 7)).toBe(true);
    expect(onGrid(wit('2025-03-25T00:00'), 'Asia/Jayapura', 7)).toBe(true);
  });
  it('onGrid wants whole minutes divisible by the grid', () => {
    expect(onGrid(day('09:30'), 'Asia/Makassar', 30)).toBe(true);
    expect(onGrid(day('09:30') + 1000, 'Asia/Makassar', 30)).toBe(false);
    expect(onGrid(day('09:30') + 1, 'Asia/Makassar', 30)).toBe(false);
    expect(onGrid(day('09:15'), 'Asia/Makassar', 30)).toBe(false);
    expect(onGrid(day('09:15'), 'Asia/Makassar', 15)).toBe(true);
    expect(onGrid(wib('2025-03-25T00:00'), 'Asia/Jakarta', 60)).toBe(true);
    expect(onGrid(wib('2025-03-25T00:00'), 'Asia/Makassar', 60)).toBe(true); // 01:00 WITA
  });
  it('refuses grids that are not a positive whole number of minutes', () => {
    for (const g of [0, -30, 7.5, NaN]) {
      expect(() => alignToGrid([], 'Asia/Jakarta', g)).toThrow(RangeError);
      expect(() => onGrid(0, 'Asia/Jakarta', g)).toThrow(RangeError);
    }
  });
});

describe('earliestFit', () => {
  const day = (t: string) => wita(`2025-03-25T${t}`);
  const free = frozen([
    iv(day('08:10'), day('09:20')), // 60 min fit only at 08:30 → 09:30 > 09:20: no
    iv(day('10:00'), day('11:15')),
    iv(day('13:00'), day('16:00')),
  ]);
  it('finds the earliest grid start where the length fits in one free interval', () => {
    expect(earliestFit(free, 60, 'Asia/Makassar', 30, day('00:00'))).toBe(day('10:00'));
    expect(earliestFit(free, 45, 'Asia/Makassar', 30, day('00:00'))).toBe(day('08:30'));
    expect(earliestFit(free, 45, 'Asia/Makassar', 15, day('00:00'))).toBe(day('08:15'));
  });
  it('starts no earlier than notBefore, rounded up to the grid', () => {
    expect(earliestFit(free, 60, 'Asia/Makassar', 30, day('10:01'))).toBe(day('13:00'));
    expect(earliestFit(free, 30, 'Asia/Makassar', 30, day('10:01'))).toBe(day('10:30'));
    expect(earliestFit(free, 60, 'Asia/Makassar', 30, day('14:30'))).toBe(day('14:30'));
  });
  it('returns null when nothing fits', () => {
    expect(earliestFit(free, 240, 'Asia/Makassar', 30, day('00:00'))).toBeNull();
    expect(earliestFit(free, 60, 'Asia/Makassar', 30, day('15:01'))).toBeNull();
    expect(earliestFit([], 30, 'Asia/Makassar', 30, 0)).toBeNull();
  });
  it('treats touching free intervals as one', () => {
    const touching = frozen([iv(day('09:00'), day('10:00')), iv(day('08:00'), day('09:00'))]);
    expect(earliestFit(touching, 120, 'Asia/Makassar', 30, 0)).toBe(day('08:00'));
  });
  it('refuses a length that is not positive', () => {
    expect(() => earliestFit(free, 0, 'Asia/Makassar', 30, 0)).toThrow(RangeError);
  });
});

describe('withinOpenHours', () => {
  const day = (t: string) => wita(`2025-03-25T${t}`);
  it('accepts time inside one opening interval, up to its very ends', () => {
    expect(withinOpenHours(bali, iv(day('09:00'), day('11:00')))).toBe(true);
    expect(withinOpenHours(bali, iv(day('08:00'), day('12:00')))).toBe(true);
  });
  it('refuses time across the lunch break, outside hours, on weekends and holidays', () => {
    expect(withinOpenHours(bali, iv(day('11:00'), day('13:30')))).toBe(false);
    expect(withinOpenHours(bali, iv(day('07:59'), day('09:00')))).toBe(false);
    expect(withinOpenHours(bali, iv(day('15:00'), day('16:01')))).toBe(false);
    expect(withinOpenHours(bali, iv(wita('2025-03-29T09:00'), wita('2025-03-29T10:00')))).toBe(
      false,
    );
    expect(withinOpenHours(bali, iv(wita('2025-03-31T09:00'), wita('2025-03-31T10:00')))).toBe(
      false,
    );
  });
  it('accepts contiguous hours across local midnight (WIB night shift)', () => {
    expect(withinOpenHours(medan, iv(wib('2025-03-24T22:00'), wib('2025-03-25T02:00')))).toBe(true);
    expect(withinOpenHours(medan, iv(wib('2025-03-24T22:00'), wib('2025-03-25T07:00')))).toBe(
      false,
    );
  });
  it('refuses an empty interval', () => {
    expect(withinOpenHours(bali, iv(day('09:00'), day('09:00')))).toBe(false);
  });
});

describe('isoInstant', () => {
  it('writes what Date.prototype.toISOString writes, also at the edges of days and years', () => {
    const samples = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.UTC(2026, 6, 21, 3, 0, 0),
      Date.UTC(2028, 1, 29, 23, 59, 59, 999),
      Date.UTC(2099, 11, 31, 23, 59, 59, 999),
      Date.UTC(2100, 0, 1),
      -1,
      Date.UTC(1969, 11, 31, 23, 0),
      1.5,
    ];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      samples.push(Math.floor((seed / 2 ** 31) * 4_200_000_000_000));
    }
    for (const ms of samples) expect(isoInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
  it('writes whole minutes (cached per minute of the day) as toISOString does', () => {
    const day = Date.UTC(2026, 6, 21);
    for (let m = 0; m < 1440; m++) {
      for (const ms of [day + m * MIN, day + m * MIN + 1000, day + m * MIN + 1]) {
        expect(isoInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
      }
    }
    let seed = 11;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const ms = Math.floor((seed / 2 ** 31) * 70_000_000) * MIN;
      expect(isoInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
