/**
 * Error codes of organisations, with their messages. The identifier codes (nib_format, …) are
 * also used as field codes in `details.fields` of a `validation_failed` answer, so that the UI
 * shows each message beside its field. Warnings never refuse a request.
 */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const organisationsErrors = {
  organisation_not_found: { id: 'Organisasi tidak ditemukan.', en: 'Organisation not found.' },
  nib_format: { id: 'NIB harus 13 digit angka.', en: 'The NIB must be 13 digits.' },
  nib_taken: {
    id: 'NIB ini sudah terdaftar pada organisasi lain.',
    en: 'This NIB is already registered to another organisation.',
  },
  nik_format: { id: 'NIK harus 16 digit angka.', en: 'The NIK must be 16 digits.' },
  nik_province: {
    id: 'Dua digit pertama NIK bukan kode provinsi (11–99).',
    en: 'The first two digits of the NIK are not a province code (11–99).',
  },
  nik_birth_date: {
    id: 'Digit 7–12 NIK bukan tanggal lahir yang valid (DDMMYY; perempuan: tanggal + 40).',
    en: 'Digits 7–12 of the NIK are not a valid birth date (DDMMYY; women: day + 40).',
  },
  nik_serial: {
    id: 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.',
    en: 'The NIK serial (last 4 digits) cannot be 0000.',
  },
  npwp_format: {
    id: 'NPWP hanya boleh berisi angka (titik, strip dan spasi diabaikan).',
    en: 'The NPWP may contain only digits (dots, dashes and spaces are ignored).',
  },
  npwp_length: {
    id: 'NPWP harus 15 digit, 16 digit (NPWP16 atau NIK), atau 22 digit (NITKU).',
    en: 'The NPWP must have 15 digits, 16 digits (NPWP16 or NIK) or 22 digits (NITKU).',
  },
  npwp_check_digit: {
    id: 'Digit pemeriksa NPWP salah; periksa kembali nomornya.',
    en: 'The NPWP check digit is wrong; check the number again.',
  },
  npwp_nik_invalid: {
    id: 'NPWP 16 digit yang tidak diawali 0 harus berupa NIK yang valid.',
    en: 'A 16-digit NPWP not starting with 0 must be a valid NIK.',
  },
  kbli_format: { id: 'Kode KBLI harus 5 digit angka.', en: 'The KBLI code must be 5 digits.' },
  kbli_unknown: {
    id: 'Kode KBLI {code} tidak ada dalam daftar KBLI 2020 yang dimuat.',
    en: 'KBLI code {code} is not in the loaded KBLI 2020 list.',
  },
  kbli_not_attached: {
    id: 'Kode KBLI ini tidak tercatat pada organisasi.',
    en: 'This KBLI code is not recorded for the organisation.',
  },
  phone_format: {
    id: 'Nomor telepon tidak valid; tulis mis. 0812 3456 7890 atau +62 812 3456 7890.',
    en: 'Not a valid phone number; write e.g. 0812 3456 7890 or +62 812 3456 7890.',
  },
  region_code_format: {
    id: 'Kode wilayah harus berformat Kemendagri, mis. 51.01 atau 51.01.02.2001.',
    en: 'The region code must use the Kemendagri format, e.g. 51.01 or 51.01.02.2001.',
  },
  site_required: {
    id: 'Pilih situs tempat UMKM ini didaftarkan sebagai anggota.',
    en: 'Choose the site this UMKM is registered at as a member.',
  },
  product_not_found: { id: 'Produk tidak ditemukan.', en: 'Product not found.' },
  product_name_taken: {
    id: 'Organisasi ini sudah memiliki produk dengan nama yang sama.',
    en: 'This organisation already has a product with this name.',
  },
  certificate_not_found: { id: 'Sertifikat tidak ditemukan.', en: 'Certificate not found.' },
  certificate_number_taken: {
    id: 'Sertifikat {type} dengan nomor ini sudah tercatat.',
    en: 'A {type} certificate with this number is already recorded.',
  },
  certificate_dates: {
    id: 'Tanggal kedaluwarsa harus setelah tanggal terbit.',
    en: 'The expiry date must be after the issue date.',
  },
  certificate_file_missing: {
    id: 'Sertifikat ini belum memiliki berkas.',
    en: 'This certificate has no file yet.',
  },
  certificate_file_type: {
    id: 'Berkas sertifikat harus PDF, JPEG atau PNG.',
    en: 'The certificate file must be a PDF, JPEG or PNG.',
  },
  certificate_file_too_large: {
    id: 'Berkas sertifikat maksimal 5 MB.',
    en: 'The certificate file may be at most 5 MB.',
  },
} satisfies ErrorCatalogue;

export const organisationsError = errorsOf(organisationsErrors);

/** Soft findings returned beside a saved organisation; they never block the change. */
export const organisationsWarnings = {
  nik_region_mismatch: {
    id: 'Kode wilayah dalam NIK tidak cocok dengan alamat. NIK tetap memakai wilayah pendaftaran pertama, jadi ini bisa benar.',
    en: 'The region in the NIK does not match the address. A NIK keeps the region of first registration, so this may be right.',
  },
  nik_birth_date_mismatch: {
    id: 'Tanggal lahir dalam NIK tidak cocok dengan tanggal lahir pemilik. Periksa keduanya.',
    en: "The birth date in the NIK does not match the owner's birth date. Check both.",
  },
} satisfies ErrorCatalogue;
export type OrganisationWarningCode = keyof typeof organisationsWarnings;
