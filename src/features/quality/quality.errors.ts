/** Error codes of quality (plans, inspections, gates, non-conformance, certificates). */
import { errorsOf } from '../../server/domain-error.js';

export const qualityErrors = {
  specification_not_found: { id: 'Spesifikasi tidak ditemukan.', en: 'Specification not found.' },
  characteristic_not_found: {
    id: 'Karakteristik mutu tidak ditemukan.',
    en: 'Quality characteristic not found.',
  },
  plan_exists: {
    id: 'Sudah ada rencana pemeriksaan aktif untuk produk dan tahap ini.',
    en: 'An active inspection plan already covers this product and stage.',
  },
  no_specification_for_lot: {
    id: 'Tidak ada rencana pemeriksaan untuk {productType} pada tahap {stage}; pilih spesifikasi.',
    en: 'No inspection plan covers {productType} at stage {stage}; choose a specification.',
  },
  specification_wrong_product: {
    id: 'Spesifikasi ini untuk {specProduct}, bukan {productType}.',
    en: 'This specification is for {specProduct}, not {productType}.',
  },
  inspection_wrong_stage: {
    id: 'Lot {code} tidak bisa diperiksa pada tahap {stage} (status {status}).',
    en: 'Lot {code} cannot be inspected at stage {stage} (status {status}).',
  },
  result_missing: {
    id: 'Nilai {name} wajib diisi.',
    en: 'A value for {name} is required.',
  },
  result_not_in_spec: {
    id: '{name} bukan bagian dari spesifikasi ini.',
    en: '{name} is not part of this specification.',
  },
  result_out_of_range: {
    id: 'Nilai {value} untuk {name} di luar rentang fisik ({min}–{max} {unit}); periksa satuannya.',
    en: 'The value {value} for {name} is outside the physical range ({min}–{max} {unit}); check the unit.',
  },
  result_wrong_type: {
    id: '{name} diisi dengan {expected}.',
    en: '{name} takes {expected}.',
  },
  defectives_exceed_sample: {
    id: 'Jumlah cacat tidak boleh melebihi ukuran sampel.',
    en: 'Defectives cannot exceed the sample size.',
  },
  inspection_not_found: {
    id: 'Catatan pemeriksaan tidak ditemukan.',
    en: 'Inspection record not found.',
  },
  inspection_superseded: {
    id: 'Catatan ini sudah dikoreksi oleh catatan lain.',
    en: 'This record has already been corrected by another.',
  },
  inspection_other_lot: {
    id: 'Koreksi harus untuk lot yang sama.',
    en: 'A correction must be for the same lot.',
  },
  lot_not_released: {
    id: 'Lot {code} berstatus {status} dan belum lolos pemeriksaan mutu; tidak boleh keluar dari RPB.',
    en: 'Lot {code} is {status} and has not passed quality inspection; it cannot leave the site.',
  },
  nc_not_found: { id: 'Ketidaksesuaian tidak ditemukan.', en: 'Non-conformance not found.' },
  nc_closed: { id: 'Ketidaksesuaian sudah ditutup.', en: 'The non-conformance is closed.' },
  nc_cannot_close: {
    id: 'Belum bisa ditutup: {missing}.',
    en: 'Cannot close yet: {missing}.',
  },
  nc_action_not_found: { id: 'Tindakan tidak ditemukan.', en: 'Action not found.' },
  certificate_needs_release: {
    id: 'Sertifikat hanya untuk lot yang lolos pemeriksaan akhir (status {status}).',
    en: 'Certificates are issued only for lots that passed final inspection (status {status}).',
  },
  certificate_exists: {
    id: 'Lot ini sudah punya sertifikat {number}.',
    en: 'This lot already has certificate {number}.',
  },
  coa_not_found: {
    id: 'Sertifikat hasil uji tidak ditemukan.',
    en: 'Certificate of analysis not found.',
  },
} as const;

export const qualityError = errorsOf(qualityErrors);
