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
  job_booking_not_ready: {
    id: 'Pekerjaan proses hanya untuk pemesanan yang dikonfirmasi, sedang berjalan (check-in) atau selesai; bukan yang masih diajukan, ditawarkan, dibatalkan atau tidak hadir.',
    en: 'A process job needs a confirmed, checked-in or completed booking; not one that is requested, offered, cancelled or a no-show.',
  },
  input_not_booking_member: {
    id: 'Lot {code} milik {owner}, bukan milik anggota pemesan ({member}). Bahan pemilik lain hanya boleh masuk batch gabungan (pooled).',
    en: 'Lot {code} belongs to {owner}, not to the booking’s member ({member}). Other owners’ material goes only into a pooled batch.',
  },
  process_not_on_machine: {
    id: 'Mesin ini tidak bisa melakukan proses {process}; pilih salah satu: {capabilities}.',
    en: 'This machine cannot do {process}; choose one of: {capabilities}.',
  },
  process_required: {
    id: 'Mesin ini punya beberapa kemampuan ({capabilities}); pilih proses pekerjaan ini.',
    en: 'This machine has several capabilities ({capabilities}); choose the process of this job.',
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
  operator_not_staff: {
    id: 'Operator harus manajer atau operator lokasi ini.',
    en: 'The operator must be a manager or operator of this site.',
  },
  lot_photo_not_found: { id: 'Foto lot tidak ditemukan.', en: 'Lot photo not found.' },
  lot_photos_full: {
    id: 'Satu lot paling banyak punya {max} foto; hapus foto lama dulu.',
    en: 'A lot has at most {max} photos; remove an old one first.',
  },
  handover_exceeds_remaining: {
    id: 'Hanya tersisa {remainingKg} kg di lot {code}.',
    en: 'Only {remainingKg} kg are left in lot {code}.',
  },
} as const;

export const tollError = errorsOf(tollErrors);
