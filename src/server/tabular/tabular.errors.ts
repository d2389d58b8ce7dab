/** Error codes of table files (imports). */
import type { ErrorCatalogue } from '../domain-error.js';

export const tabularErrors = {
  table_unsupported_format: {
    id: 'Berkas {filename} bukan XLSX atau CSV. Simpan sebagai .xlsx atau .csv lalu unggah lagi.',
    en: 'The file {filename} is not XLSX or CSV. Save it as .xlsx or .csv and upload it again.',
  },
  table_unreadable: {
    id: 'Berkas XLSX tidak dapat dibaca (rusak atau terkunci kata sandi).',
    en: 'The XLSX file cannot be read (damaged or password-protected).',
  },
  table_too_large: {
    id: 'Berkas terlalu besar; maksimal {maxMegabytes} MB.',
    en: 'The file is too large; at most {maxMegabytes} MB.',
  },
  table_too_many_rows: {
    id: 'Terlalu banyak baris; maksimal {maxRows} baris per berkas.',
    en: 'Too many rows; at most {maxRows} rows per file.',
  },
  table_empty: {
    id: 'Berkas tidak berisi data (baris pertama harus berisi nama kolom).',
    en: 'The file holds no data (the first row must hold the column names).',
  },
  table_unknown_columns: {
    id: 'Kolom tidak dikenal: {columns}. Kolom yang dikenal: {expected}.',
    en: 'Unknown columns: {columns}. Known columns: {expected}.',
  },
  table_duplicate_column: {
    id: 'Kolom {column} muncul lebih dari sekali.',
    en: 'The column {column} appears more than once.',
  },
} satisfies ErrorCatalogue;
