/** Error codes of imports: problems of one cell, and refusals of a whole import. */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const importsErrors = {
  import_required: { id: 'Wajib diisi.', en: 'Required.' },
  import_too_long: { id: 'Maksimal {max} karakter.', en: 'At most {max} characters.' },
  import_choice: { id: 'Harus salah satu dari: {options}.', en: 'Must be one of: {options}.' },
  import_email: { id: 'Alamat e-mail tidak valid.', en: 'Not a valid e-mail address.' },
  import_date: {
    id: 'Tanggal tidak valid; tulis 2026-07-21 atau 21/07/2026.',
    en: 'Not a valid date; write 2026-07-21 or 21/07/2026.',
  },
  import_rupiah: {
    id: 'Harus jumlah Rupiah bulat, mis. 150000000 atau 150.000.000.',
    en: 'Must be a whole Rupiah amount, e.g. 150000000 or 150.000.000.',
  },
  import_whole_number: { id: 'Harus bilangan bulat.', en: 'Must be a whole number.' },
  import_year: {
    id: 'Tahun harus 4 digit antara 2000 dan {max}, dan wajib diisi bila ada modal, omzet atau tenaga kerja.',
    en: 'The year must be 4 digits from 2000 to {max}, and is required with capital, sales or workers.',
  },
  import_duplicate_in_file: {
    id: 'Nilai ini sudah muncul di baris {firstRow} berkas yang sama.',
    en: 'This value already appears in row {firstRow} of the same file.',
  },
  import_site_required: {
    id: 'Pilih situs tempat anggota ini didaftarkan.',
    en: 'Choose the site these members are registered at.',
  },
  import_machine_code: {
    id: 'Kode mesin hanya huruf, angka, titik, strip dan garis bawah (maks. 40), mis. KTL-100A.',
    en: 'A machine code has only letters, digits, dots, dashes and underscores (max. 40), e.g. KTL-100A.',
  },
  import_decimal: {
    id: 'Harus angka lebih dari 0, mis. 100 atau 1,5.',
    en: 'Must be a number above 0, e.g. 100 or 1.5.',
  },
  import_specs: {
    id: 'Tulis spesifikasi sebagai kunci=nilai dipisah titik koma, mis. daya_kw=7.5; bahan=SS304.',
    en: 'Write specifications as key=value separated by semicolons, e.g. power_kw=7.5; material=SS304.',
  },
  import_site_unknown: {
    id: 'Tidak ada situs dengan kode {code} yang dapat Anda kelola.',
    en: 'There is no site with code {code} that you manage.',
  },
  import_programme_unknown: {
    id: 'Tidak ada program dengan kode {code}.',
    en: 'There is no programme with code {code}.',
  },
  import_file_missing: {
    id: 'Unggah berkas XLSX atau CSV pada kolom "file".',
    en: 'Upload an XLSX or CSV file in the "file" field.',
  },
} satisfies ErrorCatalogue;

export const importsError = errorsOf(importsErrors);
