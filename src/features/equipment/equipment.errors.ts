/** Error codes of equipment, with their messages. */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const equipmentErrors = {
  machine_not_found: {
    id: 'Mesin tidak ditemukan.',
    en: 'Machine not found.',
  },
  machine_code_taken: {
    id: 'Kode mesin {code} sudah dipakai di lokasi ini.',
    en: 'The machine code {code} is already used at this site.',
  },
  funding_programme_not_found: {
    id: 'Program pendanaan {programmeId} tidak ditemukan.',
    en: 'Funding programme {programmeId} not found.',
  },
  status_unchanged: {
    id: 'Mesin sudah berstatus {status}.',
    en: 'The machine already has the status {status}.',
  },
  status_reason_required: {
    id: 'Sebutkan alasan saat menandai mesin {status}.',
    en: 'Give a reason when marking a machine {status}.',
  },
  status_change_forbidden: {
    id: 'Anda tidak boleh mengubah status mesin dari {from} menjadi {to}.',
    en: 'You may not change the machine status from {from} to {to}.',
  },
  upload_not_multipart: {
    id: 'Unggah berkas sebagai multipart/form-data dengan bagian "file".',
    en: 'Upload the file as multipart/form-data with a "file" part.',
  },
  upload_file_missing: {
    id: 'Berkas belum dilampirkan (bagian "file").',
    en: 'No file attached (the "file" part).',
  },
  upload_too_many_files: {
    id: 'Unggah satu berkas per permintaan.',
    en: 'Upload one file per request.',
  },
  file_too_large: {
    id: 'Berkas terlalu besar; maksimal {maxMegabytes} MB.',
    en: 'The file is too large; at most {maxMegabytes} MB.',
  },
  file_type_not_allowed: {
    id: 'Jenis berkas tidak diterima; gunakan {allowed}.',
    en: 'File type not accepted; use {allowed}.',
  },
  document_not_found: {
    id: 'Dokumen mesin tidak ditemukan.',
    en: 'Machine document not found.',
  },
  document_dates_invalid: {
    id: 'Tanggal kedaluwarsa tidak boleh sebelum tanggal terbit.',
    en: 'The expiry date cannot be before the issue date.',
  },
  photo_not_found: {
    id: 'Foto mesin tidak ditemukan.',
    en: 'Machine photo not found.',
  },
} satisfies ErrorCatalogue;

export const equipmentError = errorsOf(equipmentErrors);
