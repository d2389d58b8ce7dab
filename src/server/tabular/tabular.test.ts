import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import { detectFormat, parseCsv, readTable, writeCsv, writeXlsx } from './tabular.js';

const enc = (s: string) => new TextEncoder().encode(s);
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'no error';
};

describe('CSV', () => {
  it('reads quoted fields with separators, quotes and line breaks inside', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""halo""\nlagi"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "halo"\nlagi'],
    ]);
  });
  it('detects the semicolon Excel writes in Indonesian locales, and drops a BOM', () => {
    expect(parseCsv('\ufeffnama;modal\nCV A;1.000.000,50\n')).toEqual([
      ['nama', 'modal'],
      ['CV A', '1.000.000,50'],
    ]);
  });
});

describe('reading an uploaded table', () => {
  it('maps rows to headers, trims values and skips blank rows', async () => {
    const t = await readTable(
      enc('nib,name\n 9120301726154 ,CV A\n,\n9120105558120,UD B\n'),
      'members.csv',
      ['nib', 'name', 'npwp'],
    );
    expect(t).toEqual({
      headers: ['nib', 'name'],
      rows: [
        { nib: '9120301726154', name: 'CV A' },
        { nib: '9120105558120', name: 'UD B' },
      ],
    });
  });

  it('refuses unknown and duplicate columns, empty files, too many rows and files that are not XLSX/CSV', async () => {
    expect(await codeOf(readTable(enc('nib,nmae\n1,2\n'), 'm.csv', ['nib', 'name']))).toBe(
      'table_unknown_columns',
    );
    expect(await codeOf(readTable(enc('nib,nib\n1,2\n'), 'm.csv', ['nib']))).toBe(
      'table_duplicate_column',
    );
    expect(await codeOf(readTable(enc('\n\n'), 'm.csv', ['nib']))).toBe('table_empty');
    expect(
      await codeOf(
        readTable(enc('nib\n1\n2\n3\n'), 'm.csv', ['nib'], { maxBytes: 1000, maxRows: 2 }),
      ),
    ).toBe('table_too_many_rows');
    expect(
      await codeOf(
        readTable(enc('x'.repeat(2000)), 'm.csv', ['nib'], { maxBytes: 1000, maxRows: 2 }),
      ),
    ).toBe('table_too_large');
    expect(() => detectFormat(enc('%PDF-1.7'), 'members.pdf')).toThrow(DomainError);
    expect(() => detectFormat(enc('nib\n1'), 'members.xlsx')).toThrow(DomainError); // not a ZIP
    expect(await codeOf(readTable(enc('PK\u0003\u0004garbage'), 'm.xlsx', ['nib']))).toBe(
      'table_unreadable',
    );
  });

  it('reads back exactly what it writes, as XLSX and as CSV', async () => {
    const headers = ['nib', 'name', 'capital'];
    const rows = [
      { nib: '9120301726154', name: 'CV Nilam "Harum", Tamiang', capital: '150000000' },
      { nib: '9120105558120', name: 'UD Atsiri; Bandar Pusaka', capital: '' },
    ];
    const xlsx = await writeXlsx('Anggota', headers, rows);
    expect((await readTable(xlsx, 'export.xlsx', headers)).rows).toEqual(rows);
    const csv = writeCsv(headers, rows);
    expect((await readTable(csv, 'export.csv', headers)).rows).toEqual(rows);
  });
});
