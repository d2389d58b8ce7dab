import { describe, expect, it } from 'vitest';
import nationalHolidayFile from '../../reference-data/national-holidays.json' with { type: 'json' };
import type { Actor } from '../../server/context.js';
import {
  canManageSite,
  canOperateSite,
  displayRegionName,
  nationalListProblems,
  openingHoursProblem,
  regionChain,
  regionLevelOf,
  resolveTimeZone,
  sitePowers,
  timeZoneOfProvince,
  type NationalHolidayList,
} from './sites.js';

describe('time zone of a province', () => {
  it.each([
    ['61', 'Asia/Pontianak'], // Kalimantan Barat
    ['62.01', 'Asia/Pontianak'], // Kalimantan Tengah
    ['11.16', 'Asia/Jakarta'], // Aceh
    ['21', 'Asia/Jakarta'], // Kepulauan Riau
    ['31', 'Asia/Jakarta'],
    ['36', 'Asia/Jakarta'], // Banten
    ['51.01', 'Asia/Makassar'], // Bali
    ['53', 'Asia/Makassar'], // NTT
    ['63', 'Asia/Makassar'], // Kalimantan Selatan
    ['65', 'Asia/Makassar'], // Kalimantan Utara
    ['76', 'Asia/Makassar'], // Sulawesi Barat
    ['81', 'Asia/Jayapura'],
    ['82', 'Asia/Jayapura'],
    ['96.01.01.2001', 'Asia/Jayapura'], // Papua Barat Daya
  ])('%s → %s', (code, zone) => expect(timeZoneOfProvince(code)).toBe(zone));

  it('knows no zone for codes that are no province', () => {
    for (const c of ['00', '20', '37', '54', '66', '77', '97'])
      expect(timeZoneOfProvince(c)).toBeNull();
  });

  it('derives unless overridden, keeps an override, and null returns to the derived zone', () => {
    const base = { current: 'Asia/Jakarta' as const, overridden: false };
    expect(resolveTimeZone({ ...base, regionCode: '61.71', requested: undefined })).toEqual({
      timeZone: 'Asia/Pontianak',
      overridden: false,
    });
    expect(resolveTimeZone({ ...base, regionCode: '61.71', requested: 'Asia/Jakarta' })).toEqual({
      timeZone: 'Asia/Jakarta',
      overridden: true,
    });
    expect(
      resolveTimeZone({
        regionCode: '51.01',
        requested: undefined,
        current: 'Asia/Jakarta',
        overridden: true,
      }),
    ).toEqual({ timeZone: 'Asia/Jakarta', overridden: true });
    expect(
      resolveTimeZone({
        regionCode: '51.01',
        requested: null,
        current: 'Asia/Jakarta',
        overridden: true,
      }),
    ).toEqual({ timeZone: 'Asia/Makassar', overridden: false });
    // Setting the derived zone explicitly is no override.
    expect(
      resolveTimeZone({ ...base, regionCode: '51.01', requested: 'Asia/Makassar' }).overridden,
    ).toBe(false);
  });
});

describe('region codes', () => {
  it('tells levels from the shape and lists the ancestors', () => {
    expect(regionLevelOf('11')).toBe('province');
    expect(regionLevelOf('11.16')).toBe('regency');
    expect(regionLevelOf('11.16.01')).toBe('district');
    expect(regionLevelOf('11.16.01.2001')).toBe('village');
    expect(regionLevelOf('11.1')).toBeNull();
    expect(regionChain('11.16.01.2001')).toEqual(['11', '11.16', '11.16.01', '11.16.01.2001']);
  });
  it('turns upper-case dataset names into display names', () => {
    expect(displayRegionName('KABUPATEN ACEH TAMIANG')).toBe('Kabupaten Aceh Tamiang');
    expect(displayRegionName('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(displayRegionName('Bandar Pusaka')).toBe('Bandar Pusaka');
  });
});

describe('opening hours', () => {
  it('accepts several touching intervals a day and refuses inverted or overlapping ones', () => {
    expect(
      openingHoursProblem([
        { weekday: 5, opens: '08:00', closes: '11:30' },
        { weekday: 5, opens: '13:00', closes: '16:00' },
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '12:00', closes: '16:00' },
      ]),
    ).toBeNull();
    expect(openingHoursProblem([{ weekday: 1, opens: '16:00', closes: '08:00' }])).toEqual({
      index: 0,
      problem: 'closes_before_opens',
    });
    expect(
      openingHoursProblem([
        { weekday: 2, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '11:00', closes: '13:00' },
      ]),
    ).toEqual({ index: 1, problem: 'overlap', other: 0 });
  });
});

describe('site powers', () => {
  const actor = (grants: Actor['grants']): Actor => ({
    userId: 'u',
    email: 'u@x',
    name: 'u',
    locale: 'id',
    grants,
    via: 'session',
  });
  it('lets managers manage and operate their sites, operators only operate, officers neither', () => {
    const g = (role: Actor['grants'][number]['role'], scopeId: string | null) => ({
      role,
      scopeType: 'site' as const,
      scopeId,
      scopeName: null,
    });
    const m = sitePowers(actor([g('site_manager', 'a')]));
    expect([canManageSite(m, 'a'), canManageSite(m, 'b'), canOperateSite(m, 'a')]).toEqual([
      true,
      false,
      true,
    ]);
    const o = sitePowers(actor([g('site_operator', 'a')]));
    expect([canManageSite(o, 'a'), canOperateSite(o, 'a'), canOperateSite(o, 'b')]).toEqual([
      false,
      true,
      false,
    ]);
    const p = sitePowers(
      actor([{ role: 'programme_officer', scopeType: 'system', scopeId: null, scopeName: null }]),
    );
    expect([canManageSite(p, 'a'), canOperateSite(p, 'a')]).toEqual([false, false]);
    const admin = sitePowers(
      actor([{ role: 'administrator', scopeType: 'system', scopeId: null, scopeName: null }]),
    );
    expect(canManageSite(admin, 'z')).toBe(true);
  });
});

describe('the shipped national holidays (src/reference-data/national-holidays.json)', () => {
  const lists = nationalHolidayFile.years as NationalHolidayList[];
  const of = (year: number) => lists.find((l) => l.year === year)!;

  it('has sound lists: real dates of their own year, each once, named, of a national kind', () => {
    expect(lists.map((l) => l.year)).toEqual([2026, 2027]);
    for (const list of lists)
      expect({ year: list.year, problems: nationalListProblems(list) }).toEqual({
        year: list.year,
        problems: [],
      });
    for (const list of lists) {
      const dates = list.holidays.map((h) => h.date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('holds the SKB 2026 in full: 17 national holidays and 8 days of cuti bersama', () => {
    const y2026 = of(2026);
    expect(y2026.complete).toBe(true);
    expect(y2026.source).toContain('1497 Tahun 2025');
    expect(y2026.holidays.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(y2026.holidays.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
  });

  it('marks 2027 as partial: only days fixed by law or by the date of Easter', () => {
    const y2027 = of(2027);
    expect(y2027.complete).toBe(false);
    expect(y2027.holidays.every((h) => h.kind === 'national')).toBe(true);
    expect(y2027.holidays.map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-26', // Good Friday: Easter is 28 March 2027
      '2027-03-28',
      '2027-05-01',
      '2027-05-06', // Ascension: Easter + 39 days
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ]);
  });

  it('finds what is wrong with a list', () => {
    expect(
      nationalListProblems({
        year: 2026,
        complete: true,
        source: 'x',
        holidays: [
          { date: '2026-02-30', name: 'a', kind: 'national' },
          { date: '2025-12-25', name: 'b', kind: 'national' },
          { date: '2026-01-01', name: 'c', kind: 'national' },
          { date: '2026-01-01', name: ' ', kind: 'cuti_bersama' },
        ],
      }),
    ).toEqual([
      '2026-02-30: not a date',
      '2025-12-25: not in 2026',
      '2026-01-01: listed twice',
      '2026-01-01: name empty or too long',
    ]);
  });
});
