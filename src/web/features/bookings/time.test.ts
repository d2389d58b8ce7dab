import { describe, expect, it } from 'vitest';
import { clockIn, formatTimeRange, zonedInstant } from '../../lib/format.js';
import {
  daySegments,
  daySpan,
  durationOptions,
  endOptions,
  rangeOf,
  startOptions,
  utilisation,
  weekDays,
  weekdayOf,
  type Span,
} from './time.js';

const WIB = 'Asia/Jakarta';
const at = (time: string, day = '2026-07-23') => Date.parse(zonedInstant(day, time, WIB));
const span = (from: string, to: string): Span => ({ start: at(from), end: at(to) });
const clocks = (list: number[]) => list.map((ms) => clockIn(new Date(ms), WIB));
// Aceh Tamiang on a Thursday: 08–12 and 13–17.
const open = [span('08:00', '12:00'), span('13:00', '17:00')];
const rules = { slotMinutes: 30, minMinutes: 60, maxMinutes: 180 };

describe('days and weeks in the site zone', () => {
  it('gives instants with the zone offset and reads wall-clock times back', () => {
    expect(zonedInstant('2026-07-23', '08:30', 'Asia/Makassar')).toBe('2026-07-23T08:30:00+08:00');
    expect(clockIn('2026-07-23T00:30:00Z', 'Asia/Jayapura')).toBe('09:30');
  });

  it('formats a span with its zone label, naming the day when it runs past midnight', () => {
    expect(
      formatTimeRange(
        zonedInstant('2026-07-23', '13:00', WIB),
        zonedInstant('2026-07-23', '15:00', WIB),
        WIB,
        'id',
      ),
    ).toBe('13.00–15.00 WIB');
    expect(
      formatTimeRange('2026-07-23T14:00:00Z', '2026-07-24T00:00:00Z', 'Asia/Makassar', 'en'),
    ).toBe('22:00–24 Jul 2026, 08:00 WITA');
  });

  it('runs weeks from Monday to Sunday', () => {
    expect(weekdayOf('2026-07-26')).toBe(7);
    expect(weekDays('2026-07-23')).toEqual([
      '2026-07-20',
      '2026-07-21',
      '2026-07-22',
      '2026-07-23',
      '2026-07-24',
      '2026-07-25',
      '2026-07-26',
    ]);
    expect(rangeOf('2026-07-23', 'week', 'Asia/Jayapura')).toEqual({
      from: '2026-07-20T00:00:00+09:00',
      to: '2026-07-27T00:00:00+09:00',
    });
    expect(rangeOf('2026-07-23', 'day', WIB).to).toBe('2026-07-24T00:00:00+07:00');
  });
});

describe('the slot grid', () => {
  it('offers starts on the grid inside the open hours', () => {
    const starts = clocks(startOptions(open, at('00:00'), 60));
    expect(starts).toEqual([
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
  });

  it('rounds an opening that is off the grid up to it', () => {
    expect(clocks(startOptions([span('11:45', '13:00')], at('00:00'), 30))).toEqual([
      '12:00',
      '12:30',
    ]);
  });

  it('offers ends from the shortest to the longest booking, before the break', () => {
    expect(clocks(endOptions(open, at('13:00'), rules))).toEqual([
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ]);
    expect(clocks(endOptions(open, at('10:00'), rules))).toEqual(['11:00', '11:30', '12:00']);
  });

  it('still offers ends when the shortest booking does not fit, so the check can say why', () => {
    expect(clocks(endOptions(open, at('11:30'), rules))).toEqual(['12:00']);
    expect(endOptions(open, at('12:30'), rules)).toEqual([]);
  });

  it('lists durations on the grid, coarser when there would be too many', () => {
    expect(durationOptions(rules)).toEqual([60, 90, 120, 150, 180]);
    expect(durationOptions({ slotMinutes: 5, minMinutes: 30, maxMinutes: 480 })[1]).toBe(90);
  });
});

describe('a day drawn as slots', () => {
  it('shows free rows one by one, a booking as one block, and the break merged', () => {
    const segments = daySegments({
      day: daySpan('2026-07-23', WIB),
      open,
      busy: [span('09:00', '11:00')],
      free: [span('08:00', '09:00'), span('11:00', '12:00'), span('13:00', '17:00')],
      now: at('07:00'),
      slotMinutes: 30,
    });
    expect(segments.map((s) => `${s.kind} ${clocks([s.start, s.end]).join('-')}`)).toEqual([
      'free 08:00-08:30',
      'free 08:30-09:00',
      'busy 09:00-11:00',
      'free 11:00-11:30',
      'free 11:30-12:00',
      'closed 12:00-13:00',
      'free 13:00-13:30',
      'free 13:30-14:00',
      'free 14:00-14:30',
      'free 14:30-15:00',
      'free 15:00-15:30',
      'free 15:30-16:00',
      'free 16:00-16:30',
      'free 16:30-17:00',
    ]);
  });

  it('marks time gone by and is empty on a closed day', () => {
    const segments = daySegments({
      day: daySpan('2026-07-23', WIB),
      open: [span('08:00', '12:00')],
      busy: [],
      free: [span('10:00', '12:00')],
      now: at('09:40'),
      slotMinutes: 60,
    });
    expect(segments.map((s) => s.kind)).toEqual(['past', 'free', 'free']);
    expect(
      daySegments({
        day: daySpan('2026-07-26', WIB),
        open: [],
        busy: [],
        free: [],
        now: 0,
        slotMinutes: 30,
      }),
    ).toEqual([]);
  });

  it('shows a booking outside the open hours too', () => {
    const segments = daySegments({
      day: daySpan('2026-07-23', WIB),
      open: [span('08:00', '09:00')],
      busy: [span('01:30', '03:30')],
      free: [],
      now: at('00:00'),
      slotMinutes: 30,
    });
    expect(segments[0]).toMatchObject({ kind: 'busy', start: at('01:30'), end: at('03:30') });
  });

  it('counts the booked share of the open time', () => {
    expect(utilisation(open, [span('09:00', '11:00'), span('20:00', '21:00')])).toBe(0.25);
    expect(utilisation([], [span('09:00', '11:00')])).toBe(0);
  });
});
