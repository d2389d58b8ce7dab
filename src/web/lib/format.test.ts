import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayIn,
  formatCount,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatRupiah,
  formatRupiahInput,
  formatTime,
  parseRupiahInput,
  zoneLabel,
  zonedDayBoundary,
} from './format.js';

// 2026-03-04 01:05 UTC = 08:05 WIB = 09:05 WITA = 10:05 WIT.
const INSTANT = new Date('2026-03-04T01:05:00Z');

describe('formatRupiah', () => {
  it('glues Rp to the amount and groups thousands with dots (PUEBI)', () => {
    expect(formatRupiah(1234567)).toBe('Rp1.234.567');
    expect(formatRupiah(1234)).toBe('Rp1.234');
    expect(formatRupiah(999)).toBe('Rp999');
    expect(formatRupiah(0)).toBe('Rp0');
  });

  it('puts the minus sign before Rp', () => {
    expect(formatRupiah(-1234)).toBe('-Rp1.234');
    expect(formatRupiah(-1234567)).toBe('-Rp1.234.567');
  });

  it('keeps every digit of large amounts, also beyond 2^53 as bigint', () => {
    expect(formatRupiah(1_500_000_000_000)).toBe('Rp1.500.000.000.000');
    expect(formatRupiah(9_007_199_254_740_993n)).toBe('Rp9.007.199.254.740.993');
    expect(formatRupiah(-12_345_678_901_234_567_890n)).toBe('-Rp12.345.678.901.234.567.890');
  });

  it('shows no decimals for integer Rupiah and two, with a comma, otherwise', () => {
    expect(formatRupiah(1234567)).not.toContain(',');
    expect(formatRupiah(1234567.5)).toBe('Rp1.234.567,50');
    expect(formatRupiah(1234567, 2)).toBe('Rp1.234.567,00');
  });

  it('never prints a space (ICU puts a no-break space after the currency symbol)', () => {
    expect(formatRupiah(1234567)).not.toMatch(/\s/);
  });

  it('does not print "-Rp0" for a negative amount that rounds to zero', () => {
    expect(formatRupiah(-0.4, 0)).toBe('Rp0');
  });
});

describe('zoneLabel', () => {
  it('labels the four Indonesian IANA zones WIB, WIB, WITA, WIT', () => {
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Pontianak')).toBe('WIB');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
  });
});

describe('times in the site zone', () => {
  it('runs in a UTC process, so the results below cannot come from the machine zone', () => {
    expect(new Date(0).getTimezoneOffset()).toBe(0);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toMatch(/^(UTC|Etc\/UTC)$/);
  });

  it('shows the same instant one hour apart in WIB and WITA, with the label', () => {
    expect(formatTime(INSTANT, 'Asia/Jakarta', 'id')).toBe('08.05 WIB');
    expect(formatTime(INSTANT, 'Asia/Makassar', 'id')).toBe('09.05 WITA');
    expect(formatTime(INSTANT, 'Asia/Jayapura', 'id')).toBe('10.05 WIT');
    expect(formatTime(INSTANT, 'Asia/Pontianak', 'id')).toBe('08.05 WIB');
  });

  it('formats date and time in the UI language, keeping WIB/WITA/WIT in English too', () => {
    expect(formatDateTime(INSTANT, 'Asia/Makassar', 'id')).toBe('4 Mar 2026, 09.05 WITA');
    expect(formatDateTime(INSTANT, 'Asia/Makassar', 'en')).toBe('4 Mar 2026, 09:05 WITA');
    expect(formatDateTime('2026-03-04T01:05:00Z', 'Asia/Jakarta', 'en')).toBe(
      '4 Mar 2026, 08:05 WIB',
    );
  });

  it('moves to the next calendar day in the east while it is still the previous day in UTC', () => {
    const lateUtc = new Date('2026-03-04T16:30:00Z');
    expect(formatDateTime(lateUtc, 'Asia/Jakarta', 'en')).toBe('4 Mar 2026, 23:30 WIB');
    expect(formatDateTime(lateUtc, 'Asia/Jayapura', 'en')).toBe('5 Mar 2026, 01:30 WIT');
  });
});

describe('zonedDayBoundary', () => {
  it('turns a calendar day into the first and last instant of that day in the zone', () => {
    expect(zonedDayBoundary('2026-03-04', 'Asia/Jakarta', 'start')).toBe(
      '2026-03-04T00:00:00.000+07:00',
    );
    expect(zonedDayBoundary('2026-03-04', 'Asia/Makassar', 'end')).toBe(
      '2026-03-04T23:59:59.999+08:00',
    );
    expect(new Date(zonedDayBoundary('2026-03-04', 'Asia/Jayapura', 'start')).toISOString()).toBe(
      '2026-03-03T15:00:00.000Z',
    );
  });
});

describe('formatCount', () => {
  it('groups thousands the way the UI language does', () => {
    expect(formatCount(12345, 'id')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
});

describe('calendar dates', () => {
  it('formats a day without a zone shift, whatever the zone of the browser', () => {
    expect(formatDate('2026-07-21', 'id')).toBe('21 Jul 2026');
    expect(formatDate('2026-12-01', 'en')).toBe('1 Dec 2026');
  });

  it('knows which day it is in a zone, and counts days across months', () => {
    const lateUtc = new Date('2026-03-04T18:30:00Z');
    expect(dayIn(lateUtc, 'Asia/Jakarta')).toBe('2026-03-05');
    expect(addDays('2026-02-27', 30)).toBe('2026-03-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('parseRupiahInput', () => {
  it('accepts plain digits, dotted thousands, "Rp" and zero sen', () => {
    expect(parseRupiahInput('150000000')).toBe(150_000_000);
    expect(parseRupiahInput('150.000.000')).toBe(150_000_000);
    expect(parseRupiahInput(' Rp 1.250.000,00 ')).toBe(1_250_000);
    expect(parseRupiahInput('')).toBeNull();
  });

  it('refuses what is not a whole Rupiah amount', () => {
    for (const text of ['banyak', '1.50.000', '1.500,50', '-5000', '1,5 juta'])
      expect(parseRupiahInput(text)).toBe('invalid');
  });

  it('writes an amount back the way it is typed', () => {
    expect(formatRupiahInput(150_000_000)).toBe('150.000.000');
    expect(formatRupiahInput(null)).toBe('');
  });
});

describe('formatFileSize', () => {
  it('uses the unit that keeps the number short', () => {
    expect(formatFileSize(512, 'id')).toBe('512 B');
    expect(formatFileSize(1_258_291, 'id')).toBe('1,2 MB');
    expect(formatFileSize(1_258_291, 'en')).toBe('1.2 MB');
    expect(formatFileSize(350 * 1024, 'en')).toBe('350 KB');
  });
});
