import { describe, expect, it } from 'vitest';
import kbli2020 from '../../reference-data/kbli-2020.json' with { type: 'json' };
import kbliFull from '../../reference-data/kbli-2020-full.json' with { type: 'json' };
import {
  checkKbliFormat,
  checkNib,
  checkNik,
  checkNpwp,
  formatNpwp,
  luhnValid,
  maskNik,
  movedUp,
  nikWarnings,
  PP_7_2021,
  sizeClass,
  thresholdsOn,
} from './organisations.js';

describe('NIB', () => {
  it('accepts 13 digits, with the spaces and dots people type', () => {
    expect(checkNib('9120 3017 26154')).toEqual({ ok: true, value: '9120301726154' });
  });
  it('refuses anything but 13 digits', () => {
    for (const bad of ['912030172615', '91203017261545', '91203017261AB', ''])
      expect(checkNib(bad)).toEqual({ ok: false, reason: 'nib_format' });
  });
});

describe('NIK', () => {
  it('reads a man’s NIK: region codes and birth date in either century', () => {
    const r = checkNik('3171011708450001');
    expect(r.ok && r.facts).toEqual({
      provinceCode: '31',
      regencyCode: '31.71',
      districtCode: '31.71.01',
      female: false,
      birthDates: ['1945-08-17', '2045-08-17'],
    });
  });
  it('reads a woman’s NIK (day + 40)', () => {
    const r = checkNik('3171015708450001');
    expect(r.ok && r.facts.female).toBe(true);
  });
  it('refuses impossible birth dates: 30 February, month 13, day 72', () => {
    expect(checkNik('3171013002001234')).toEqual({ ok: false, reason: 'nik_birth_date' });
    expect(checkNik('3171011713450001')).toEqual({ ok: false, reason: 'nik_birth_date' });
    expect(checkNik('3171017208450001')).toEqual({ ok: false, reason: 'nik_birth_date' });
  });
  it('refuses a zero serial and non-16-digit input', () => {
    expect(checkNik('3171011708450000')).toEqual({ ok: false, reason: 'nik_serial' });
    expect(checkNik('317101170845000')).toEqual({ ok: false, reason: 'nik_format' });
    expect(checkNik('0571011708450001')).toEqual({ ok: false, reason: 'nik_province' });
  });
  it('warns, without refusing, when region or birth date differ from the profile', () => {
    const r = checkNik('3171011708450001');
    if (!r.ok) throw new Error('valid NIK expected');
    expect(nikWarnings(r.facts, { regionCode: '31.71', birthDate: '1945-08-17' })).toEqual([]);
    expect(nikWarnings(r.facts, { regionCode: '11.16', birthDate: '1950-01-01' })).toEqual([
      'nik_region_mismatch',
      'nik_birth_date_mismatch',
    ]);
  });
  it('masks all but the region and serial for display', () => {
    expect(maskNik('3171011708450001')).toBe('3171********0001');
  });
});

describe('NPWP', () => {
  it('checks the Luhn digit of 15-digit NPWPs and gives the 16-digit canonical form', () => {
    expect(checkNpwp('01.312.166.0-091.000')).toEqual({
      ok: true,
      value: '013121660091000',
      kind: 'npwp15',
      canonical: '0013121660091000',
    });
    expect(checkNpwp('016090524017000').ok).toBe(true);
    expect(checkNpwp('01.312.166.1-091.000')).toEqual({ ok: false, reason: 'npwp_check_digit' });
  });
  it('accepts the 16-digit form with a leading zero, and a NIK as a resident’s NPWP', () => {
    expect(checkNpwp('0013121660091000')).toMatchObject({ ok: true, kind: 'npwp16' });
    expect(checkNpwp('3171011708450001')).toMatchObject({ ok: true, kind: 'nik' });
    expect(checkNpwp('3171013002001234')).toEqual({ ok: false, reason: 'npwp_nik_invalid' });
  });
  it('reads a 22-digit NITKU and whether it is the head office', () => {
    expect(checkNpwp('0013121660091000000000')).toMatchObject({
      ok: true,
      kind: 'nitku',
      canonical: '0013121660091000',
      headOffice: true,
    });
    expect(checkNpwp('0013121660091000000001')).toMatchObject({ ok: true, headOffice: false });
    expect(checkNpwp('0013121661091000000000')).toEqual({ ok: false, reason: 'npwp_check_digit' });
  });
  it('refuses other lengths and letters', () => {
    expect(checkNpwp('12345')).toEqual({ ok: false, reason: 'npwp_length' });
    expect(checkNpwp('01.312.166.0-091.00A')).toEqual({ ok: false, reason: 'npwp_format' });
  });
  it('formats a 15-digit NPWP the usual way', () => {
    expect(formatNpwp('013121660091000')).toBe('01.312.166.0-091.000');
  });
  it('implements Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('KBLI', () => {
  it('takes 5 digits', () => {
    expect(checkKbliFormat('20294')).toEqual({ ok: true, value: '20294' });
    expect(checkKbliFormat('2029')).toEqual({ ok: false, reason: 'kbli_format' });
  });
});

describe('size class under PP 7/2021', () => {
  it('decides by annual sales when known, at the exact thresholds', () => {
    const c = (annualSales: number) => sizeClass({ annualSales }, PP_7_2021)?.sizeClass;
    expect(c(2_000_000_000)).toBe('micro');
    expect(c(2_000_000_001)).toBe('small');
    expect(c(15_000_000_000)).toBe('small');
    expect(c(15_000_000_001)).toBe('medium');
    expect(c(50_000_000_000)).toBe('medium');
    expect(c(50_000_000_001)).toBe('large');
  });
  it('decides by capital (excluding land and buildings) when there are no sales figures', () => {
    expect(sizeClass({ capital: 1_000_000_000 }, PP_7_2021)).toEqual({
      sizeClass: 'micro',
      basis: 'capital',
    });
    expect(sizeClass({ capital: 1_000_000_001 }, PP_7_2021)).toEqual({
      sizeClass: 'small',
      basis: 'capital',
    });
    expect(sizeClass({ capital: 10_000_000_001 }, PP_7_2021)).toEqual({
      sizeClass: 'large',
      basis: 'capital',
    });
    expect(sizeClass({}, PP_7_2021)).toBeNull();
  });
  it('picks the rule-set in force on a date', () => {
    const later = { ...PP_7_2021, rule: 'hypothetical 2027', validFrom: '2027-01-01' };
    expect(thresholdsOn([PP_7_2021, later], '2026-12-31')?.rule).toBe('PP 7/2021');
    expect(thresholdsOn([PP_7_2021, later], '2027-01-01')?.rule).toBe('hypothetical 2027');
    expect(thresholdsOn([PP_7_2021], '2020-01-01')).toBeNull();
  });
  it('knows moving up a class', () => {
    expect(movedUp('micro', 'small')).toBe(true);
    expect(movedUp('small', 'small')).toBe(false);
    expect(movedUp('medium', 'small')).toBe(false);
  });
});

describe('the shipped KBLI 2020 lists (src/reference-data)', () => {
  const items = kbliFull.items;
  // KBLI 2020 / ISIC Rev. 4 sections by 2-digit division.
  const SECTIONS: [string, number, number][] = [
    ['A', 1, 3],
    ['B', 5, 9],
    ['C', 10, 33],
    ['D', 35, 35],
    ['E', 36, 39],
    ['F', 41, 43],
    ['G', 45, 47],
    ['H', 49, 53],
    ['I', 55, 56],
    ['J', 58, 63],
    ['K', 64, 66],
    ['L', 68, 68],
    ['M', 69, 75],
    ['N', 77, 82],
    ['O', 84, 84],
    ['P', 85, 85],
    ['Q', 86, 88],
    ['R', 90, 93],
    ['S', 94, 96],
    ['T', 97, 98],
    ['U', 99, 99],
  ];
  const sectionOf = (code: string) =>
    SECTIONS.find(([, lo, hi]) => +code.slice(0, 2) >= lo && +code.slice(0, 2) <= hi)?.[0];

  it('holds 1,786 unique 5-digit codes in order, each in the section of its division', () => {
    expect(items).toHaveLength(1786);
    expect(new Set(items.map((k) => k.code)).size).toBe(items.length);
    for (const k of items) {
      expect(k.code, k.code).toMatch(/^\d{5}$/);
      expect(k.section, k.code).toBe(sectionOf(k.code));
    }
    expect(items.map((k) => k.code)).toEqual(items.map((k) => k.code).sort());
    expect(new Set(items.map((k) => k.section)).size).toBe(21);
  });

  it('has clean titles: trimmed, single spaces, no stray characters, typos of the source fixed', () => {
    for (const k of items) {
      expect(k.title, k.code).toMatch(/^\S(.*\S)?$/);
      expect(k.title, k.code).not.toMatch(/ {2}|Â|\.$|Pengahsil|Lainnnya|Lainya\b|NIaga/);
      expect(k.title.length, k.code).toBeLessThanOrEqual(300);
    }
    const title = (code: string) => items.find((k) => k.code === code)?.title;
    expect(title('01117')).toBe('Pertanian Biji-bijian Penghasil Minyak Makan');
    expect(title('35111')).toBe('Pembangkitan Tenaga Listrik');
    expect(title('47911')).toMatch(/^Perdagangan Eceran Melalui Media/);
  });

  it('contains every code of the 0003 list with the same title', () => {
    const full = new Map(items.map((k) => [k.code, k.title]));
    expect(kbli2020).toHaveLength(255);
    for (const k of kbli2020) expect(full.get(k.code), k.code).toBe(k.title);
  });
});
