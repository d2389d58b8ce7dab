/**
 * Reading and writing tables as CSV or XLSX, for imports and exports. Format only: which
 * columns a table has and what a row means belong to the feature that imports it.
 *
 * CSV follows RFC 4180 (quoted fields, doubled quotes, CRLF or LF), strips a UTF-8 BOM and
 * detects `;` as the separator — Excel in Indonesian locales writes `;` because `,` is the
 * decimal separator there.
 */
import ExcelJS from 'exceljs';
import { DomainError } from '../domain-error.js';

export type TableFormat = 'csv' | 'xlsx';

export interface Table {
  headers: string[];
  /** Data rows, keyed by header; every value a trimmed string ('' when empty). */
  rows: Record<string, string>[];
}

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 50_000 };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a ZIP file

/** Decides the format from the file's bytes and name; refuses anything else. */
export function detectFormat(bytes: Uint8Array, filename: string): TableFormat {
  const lower = filename.toLowerCase();
  const isZip = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  if (lower.endsWith('.xlsx') && isZip) return 'xlsx';
  if (lower.endsWith('.csv') && !isZip && !bytes.subarray(0, 4096).includes(0)) return 'csv';
  throw new DomainError('table_unsupported_format', { filename });
}

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formula
    if ('error' in value) return '';
  }
  return String(value);
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw new DomainError('table_unreadable');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r) => {
    const values: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) values.push(cellText(r.getCell(c).value));
    out.push(values);
  });
  return out;
}

/**
 * Reads an uploaded table: the first non-empty row holds the headers; blank rows are dropped.
 * `expected` lists the known columns: an unknown or duplicate header is refused, so a typo in a
 * header never silently drops a column.
 */
export async function readTable(
  bytes: Uint8Array,
  filename: string,
  expected: readonly string[],
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<Table> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new DomainError('table_too_large', {
      maxMegabytes: Math.round(limits.maxBytes / 1024 / 1024),
    });
  }
  const format = detectFormat(bytes, filename);
  const raw =
    format === 'csv' ? parseCsv(new TextDecoder('utf-8').decode(bytes)) : await xlsxRows(bytes);
  const nonEmpty = raw.map((r) => r.map((v) => v.trim())).filter((r) => r.some((v) => v !== ''));
  const [head, ...body] = nonEmpty;
  if (!head) throw new DomainError('table_empty');
  const headers = head.map((h) => h.trim());
  const known = new Set(expected);
  const unknown = headers.filter((h) => !known.has(h));
  if (unknown.length > 0)
    throw new DomainError('table_unknown_columns', {
      columns: unknown.join(', '),
      expected: expected.join(', '),
    });
  const dup = headers.find((h, i) => headers.indexOf(h) !== i);
  if (dup) throw new DomainError('table_duplicate_column', { column: dup });
  if (body.length > limits.maxRows)
    throw new DomainError('table_too_many_rows', { maxRows: limits.maxRows });
  return {
    headers,
    rows: body.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))),
  };
}

const csvField = (v: string) =>
  /[",;\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** CSV with a BOM (so Excel opens UTF-8 correctly) and CRLF line ends. */
export function writeCsv(
  headers: readonly string[],
  rows: readonly Record<string, string | number | null>[],
): Uint8Array {
  const lines = [
    headers.map(csvField).join(','),
    ...rows.map((r) =>
      headers
        .map((h) => csvField(r[h] === null || r[h] === undefined ? '' : String(r[h])))
        .join(','),
    ),
  ];
  return new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
}

/** One sheet with a bold header row; numbers stay numbers so Excel can sum them. */
export async function writeXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly Record<string, string | number | null>[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([...headers]).font = { bold: true };
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  sheet.columns.forEach((col) => (col.width = 18));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
