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
  lab_report_not_found: {
    id: 'Laporan laboratorium tidak ditemukan.',
    en: 'Lab report not found.',
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
  spec_duplicate_characteristic: {
    id: '{name} sudah ada di spesifikasi ini; setiap karakteristik cukup sekali.',
    en: '{name} is already in this specification; each characteristic goes in once.',
  },
  spec_unit_mismatch: {
    id: '{name} diukur dalam {expected}, bukan {unit}.',
    en: '{name} is measured in {expected}, not {unit}.',
  },
  spec_attribute_limits: {
    id: '{name} dinilai lulus/tidak; jangan isi batas atau target angka.',
    en: '{name} is judged pass/fail; give it no numeric limits or target.',
  },
  spec_numeric_needs_limit: {
    id: 'Isi batas bawah, batas atas, atau keduanya untuk {name}.',
    en: 'Give {name} a lower limit, an upper limit or both.',
  },
  spec_limits_order: {
    id: '{name}: harus batas bawah ≤ target ≤ batas atas ({lower} ≤ {target} ≤ {upper}).',
    en: '{name}: needs lower ≤ target ≤ upper ({lower} ≤ {target} ≤ {upper}).',
  },
  spec_limit_out_of_range: {
    id: '{name}: {value} di luar rentang fisik ({min}–{max} {unit}); periksa satuannya.',
    en: '{name}: {value} is outside the physical range ({min}–{max} {unit}); check the unit.',
  },
  specification_in_use: {
    id: 'Spesifikasi ini sudah dipakai di {count} catatan pemeriksaan dan tidak bisa diubah; simpan sebagai spesifikasi baru.',
    en: 'This specification is used by {count} inspection records and cannot change; save it as a new specification.',
  },
  buyer_not_found: {
    id: 'Pembeli tidak ditemukan; pilih organisasi pembeli.',
    en: 'Buyer not found; choose a buyer organisation.',
  },
  aql_not_in_series: {
    id: 'AQL {aql} bukan nilai baku ISO 2859-1; pilih salah satu dari {series}.',
    en: 'AQL {aql} is not an ISO 2859-1 preferred value; choose one of {series}.',
  },
  plan_not_found: {
    id: 'Rencana pemeriksaan tidak ditemukan.',
    en: 'Inspection plan not found.',
  },
  sampling_discontinued: {
    id: 'Pemeriksaan dengan rencana ini dihentikan (ISO 2859-1 butir 9.4): lima lot ditolak pada pemeriksaan diperketat. Tidak ada lot yang diterima dengan rencana ini sampai mutu pemasok diperbaiki; manajer lokasi dapat memulainya lagi pada tingkat diperketat.',
    en: "Inspection under this plan is discontinued (ISO 2859-1 clause 9.4): five lots were rejected on tightened inspection. No lot is accepted under this plan until the supplier's quality is improved; a site manager can restart it at tightened inspection.",
  },
  sampling_not_discontinued: {
    id: 'Pemeriksaan dengan rencana ini tidak sedang dihentikan; tidak ada yang perlu dimulai lagi.',
    en: 'Inspection under this plan is not discontinued; there is nothing to restart.',
  },
  coa_not_found: {
    id: 'Sertifikat hasil uji tidak ditemukan.',
    en: 'Certificate of analysis not found.',
  },
} as const;

export const qualityError = errorsOf(qualityErrors);
