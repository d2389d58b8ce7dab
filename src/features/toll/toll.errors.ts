/** Error codes of toll processing (custody, jobs, handovers), with their messages. */
import { errorsOf } from '../../server/domain-error.js';

export const tollErrors = {
  lot_not_found: { id: 'Lot tidak ditemukan.', en: 'Lot not found.' },
  product_type_unknown: {
    id: 'Jenis produk {productType} tidak dikenal.',
    en: 'Unknown product type {productType}.',
  },
  owner_not_member: {
    id: 'Pemilik bahan harus anggota lokasi ini.',
    en: 'The owner of the material must be a member of this site.',
  },
  job_not_found: { id: 'Pekerjaan proses tidak ditemukan.', en: 'Process job not found.' },
  job_booking_invalid: {
    id: 'Pekerjaan proses hanya bisa dibuat untuk pemesanan mesin di lokasi ini yang belum dibatalkan.',
    en: 'A process job needs a booking of a machine at this site that is not cancelled.',
  },
  job_exists: {
    id: 'Pemesanan ini sudah punya pekerjaan proses.',
    en: 'This booking already has a process job.',
  },
  job_completed: {
    id: 'Pekerjaan proses sudah selesai dan tidak bisa diubah.',
    en: 'The process job is completed and cannot change.',
  },
  input_not_available: {
    id: 'Lot {code} hanya tersisa {remainingKg} kg (diminta {kg} kg) atau tidak bisa diproses (status {status}).',
    en: 'Lot {code} has only {remainingKg} kg left (asked {kg} kg) or cannot be processed (status {status}).',
  },
  input_other_site: { id: 'Lot {code} ada di lokasi lain.', en: 'Lot {code} is at another site.' },
  owners_mixed: {
    id: 'Bahan dari beberapa pemilik hanya boleh dicampur dalam batch gabungan (pooled) yang dinyatakan jelas.',
    en: 'Material of several owners may only be mixed in an explicitly pooled batch.',
  },
  outputs_exceed_inputs: {
    id: 'Keluaran dan limbah ({outKg} kg) melebihi masukan ({inKg} kg) sebanyak {excessKg} kg tanpa pertambahan yang dinyatakan.',
    en: 'Outputs and waste ({outKg} kg) exceed the inputs ({inKg} kg) by {excessKg} kg without a stated gain.',
  },
  handover_exceeds_remaining: {
    id: 'Hanya tersisa {remainingKg} kg di lot {code}.',
    en: 'Only {remainingKg} kg are left in lot {code}.',
  },
} as const;

export const tollError = errorsOf(tollErrors);
