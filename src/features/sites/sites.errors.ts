/** Error codes of regions, clusters and sites, with their messages. */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const sitesErrors = {
  site_not_found: {
    id: 'Lokasi RPB tidak ditemukan.',
    en: 'Site not found.',
  },
  cluster_not_found: {
    id: 'Klaster tidak ditemukan.',
    en: 'Cluster not found.',
  },
  cluster_has_sites: {
    id: 'Klaster {name} tidak dapat dihapus karena masih memiliki {count} lokasi RPB.',
    en: 'The cluster {name} cannot be removed: it still has {count} site(s).',
  },
  region_not_found: {
    id: 'Kode wilayah {code} tidak ada dalam data wilayah Kemendagri.',
    en: 'The region code {code} is not in the Kemendagri region data.',
  },
  region_level_not_allowed: {
    id: 'Kode wilayah {code} adalah {level}; di sini diperlukan tingkat {allowed}.',
    en: 'The region code {code} is a {level}; a {allowed} is needed here.',
  },
  opening_hours_invalid: {
    id: 'Jam buka baris {index}: jam tutup harus setelah jam buka.',
    en: 'Opening hours row {index}: closing time must be after opening time.',
  },
  opening_hours_overlap: {
    id: 'Jam buka baris {index} tumpang tindih dengan baris {other} pada hari yang sama.',
    en: 'Opening hours row {index} overlaps row {other} on the same day.',
  },
  holiday_not_found: {
    id: 'Hari libur tidak ditemukan.',
    en: 'Holiday not found.',
  },
  holiday_date_taken: {
    id: 'Sudah ada hari libur pada tanggal {date} di lokasi ini.',
    en: 'This site already has a holiday on {date}.',
  },
  national_holidays_unavailable: {
    id: 'Daftar libur nasional dan cuti bersama tahun {year} belum tersedia di RPB (tersedia: {years}).',
    en: 'The list of national holidays and collective leave for {year} is not available in RPB (available: {years}).',
  },
  site_organisation_not_found: {
    id: 'Organisasi {organisationId} tidak ditemukan.',
    en: 'Organisation {organisationId} not found.',
  },
  organisation_kind_not_allowed: {
    id: 'Organisasi jenis {kind} tidak dapat menjadi {as}.',
    en: 'An organisation of kind {kind} cannot be the {as}.',
  },
  programme_not_found_for_cluster: {
    id: 'Program {programmeId} tidak ditemukan.',
    en: 'Programme {programmeId} not found.',
  },
  site_code_taken: {
    id: 'Kode lokasi {code} sudah dipakai.',
    en: 'The site code {code} is already in use.',
  },
} satisfies ErrorCatalogue;

export const sitesError = errorsOf(sitesErrors);
