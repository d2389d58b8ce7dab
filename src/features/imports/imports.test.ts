import { describe, expect, it } from 'vitest';
import { parseDate, parseMemberRow, parseRupiah } from './imports.js';

const ctx = {
  legalForms: ['cv', 'pt', 'perorangan'],
  knownKbli: new Set(['10731', '20294']),
  thisYear: 2026,
};

describe('cell parsing', () => {
  it('reads whole Rupiah the ways people type it, and refuses sen and text', () => {
    expect(parseRupiah('150000000')).toBe(150_000_000);
    expect(parseRupiah('150.000.000')).toBe(150_000_000);
    expect(parseRupiah('Rp 150.000.000,00')).toBe(150_000_000);
    expect(parseRupiah('')).toBeNull();
    expect(parseRupiah('150.000.000,50')).toBe('invalid');
    expect(parseRupiah('1.50')).toBe('invalid');
    expect(parseRupiah('seratus')).toBe('invalid');
  });
  it('reads ISO and Indonesian day-first dates, and refuses impossible ones', () => {
    expect(parseDate('2026-07-21')).toBe('2026-07-21');
    expect(parseDate('21/07/2026')).toBe('2026-07-21');
    expect(parseDate('1-2-2026')).toBe('2026-02-01');
    expect(parseDate('30/02/2026')).toBe('invalid');
    expect(parseDate('07/21/2026')).toBe('invalid');
  });
});

describe('a members row', () => {
  const good = {
    nama: 'CV Nilam Harum',
    jenis: '',
    bentuk_usaha: 'cv',
    nib: '9120 3017 26154',
    npwp: '01.312.166.0-091.000',
    nik_pemilik: '3171011708450001',
    kbli: '10731, 20294',
    tahun: '2025',
    modal_usaha: '150.000.000',
    omzet_tahunan: '2.500.000.000',
    tenaga_kerja: '12',
  };
  it('becomes a record with normalised identifiers, KBLI codes and a financial year', () => {
    const r = parseMemberRow(good, 2, ctx);
    if (!('record' in r)) throw new Error(JSON.stringify(r));
    expect(r.record).toMatchObject({
      row: 2,
      kind: 'umkm',
      name: 'CV Nilam Harum',
      kbli: ['10731', '20294'],
      financial: { year: 2025, capital: 150_000_000, annualSales: 2_500_000_000, workers: 12 },
    });
    expect(r.record.values).toMatchObject({
      nib: '9120301726154',
      npwp: '0013121660091000',
      owner_nik: '3171011708450001',
      legal_form: 'cv',
    });
  });
  it('lists every bad cell of the row by column', () => {
    const r = parseMemberRow(
      {
        ...good,
        nama: '',
        nib: '123',
        npwp: '01.312.166.1-091.000',
        kbli: '99999',
        tahun: '',
        modal_usaha: 'banyak',
        jenis: 'bank',
      },
      7,
      ctx,
    );
    expect('problems' in r && r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [7, 'nama', 'import_required'],
      [7, 'jenis', 'import_choice'],
      [7, 'nib', 'nib_format'],
      [7, 'npwp', 'npwp_check_digit'],
      [7, 'kbli', 'kbli_unknown'],
      [7, 'modal_usaha', 'import_rupiah'],
      [7, 'tahun', 'import_year'],
    ]);
  });
});
