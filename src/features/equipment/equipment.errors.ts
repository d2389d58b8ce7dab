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
  status_outage_until_invalid: {
    id: 'Batas waktu "kembali beroperasi" hanya untuk status perawatan atau rusak, dan harus setelah sekarang.',
    en: 'A "back in service by" time applies only to maintenance or broken, and must be after now.',
  },
  // Upload codes (file_too_large, …) are shared: server/files/files.errors.ts.
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
