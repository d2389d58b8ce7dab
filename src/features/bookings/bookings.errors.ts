/** Error codes of factory sharing (bookings, outages, wait list, calendar feeds), with messages. */
import { errorsOf } from '../../server/domain-error.js';

export const bookingsErrors = {
  booking_conflict: {
    id: 'Mesin sudah dipesan atau tidak tersedia pada waktu itu ({conflictStartsAt}–{conflictEndsAt}). Pilih waktu lain.',
    en: 'The machine is already booked or unavailable at that time ({conflictStartsAt}–{conflictEndsAt}). Choose another time.',
  },
  booking_not_found: { id: 'Pemesanan tidak ditemukan.', en: 'Booking not found.' },
  booking_end_before_start: {
    id: 'Waktu selesai harus setelah waktu mulai.',
    en: 'The end must be after the start.',
  },
  booking_off_grid: {
    id: 'Waktu mulai dan selesai harus mengikuti kelipatan {slotMinutes} menit.',
    en: 'Start and end must fall on the {slotMinutes}-minute grid.',
  },
  booking_too_short: {
    id: 'Pemesanan mesin ini minimal {minMinutes} menit.',
    en: 'Bookings of this machine last at least {minMinutes} minutes.',
  },
  booking_too_long: {
    id: 'Pemesanan mesin ini maksimal {maxMinutes} menit.',
    en: 'Bookings of this machine last at most {maxMinutes} minutes.',
  },
  booking_in_past: {
    id: 'Waktu yang dipilih sudah lewat.',
    en: 'The chosen time is in the past.',
  },
  booking_lead_time: {
    id: 'Pesan paling lambat {leadMinutes} menit sebelum waktu mulai.',
    en: 'Book at least {leadMinutes} minutes before the start.',
  },
  booking_beyond_horizon: {
    id: 'Mesin ini hanya bisa dipesan paling jauh {horizonDays} hari ke depan.',
    en: 'This machine can be booked at most {horizonDays} days ahead.',
  },
  booking_outside_hours: {
    id: 'Waktu itu di luar jam buka lokasi atau pada hari libur.',
    en: 'That time is outside the site’s opening hours or on a holiday.',
  },
  machine_retired: {
    id: 'Mesin ini sudah tidak dipakai (pensiun) dan tidak bisa dipesan.',
    en: 'This machine is retired and cannot be booked.',
  },
  machine_unavailable: {
    id: 'Mesin sedang berstatus {status} dan tidak bisa dipesan.',
    en: 'The machine is in status {status} and cannot be booked.',
  },
  service_mode_not_offered: {
    id: 'Lokasi ini tidak menyediakan layanan operator untuk mesin ini.',
    en: 'This site does not offer operator service on this machine.',
  },
  qualification_required: {
    id: 'Belum ada pekerja dengan kualifikasi yang berlaku untuk mesin ini. Ikuti pelatihan atau pilih layanan operator.',
    en: 'No worker holds a valid qualification for this machine. Attend a training or choose operator service.',
  },
  booking_quota_exceeded: {
    id: 'Kuota mesin ini {weeklyHours} jam per minggu; minggu itu sudah terpakai {usedHours} jam.',
    en: 'The quota on this machine is {weeklyHours} hours a week; {usedHours} hours of that week are already booked.',
  },
  member_out_of_scope: {
    id: 'Anda tidak boleh memesan atas nama anggota ini.',
    en: 'You may not book on behalf of this member.',
  },
  member_not_at_site: {
    id: 'Organisasi ini belum terdaftar sebagai anggota di lokasi mesin.',
    en: 'This organisation is not a registered member of the machine’s site.',
  },
  person_not_of_member: {
    id: 'Pekerja itu bukan bagian dari organisasi anggota ini.',
    en: 'That worker does not belong to this member organisation.',
  },
  booking_action_not_allowed: {
    id: 'Pemesanan berstatus {status} tidak bisa di-{action}.',
    en: 'A booking in status {status} cannot be {action}.',
  },
  booking_forbidden: {
    id: 'Anda tidak boleh melakukan ini pada pemesanan ini.',
    en: 'You may not do this on this booking.',
  },
  check_in_too_early: {
    id: 'Check-in dibuka {minutes} menit sebelum waktu mulai.',
    en: 'Check-in opens {minutes} minutes before the start.',
  },
  check_in_too_late: {
    id: 'Waktu pemesanan sudah berakhir; check-in tidak bisa lagi.',
    en: 'The booked time is over; it can no longer be checked in.',
  },
  offer_expired: {
    id: 'Tawaran ini sudah kedaluwarsa.',
    en: 'This offer has expired.',
  },
  operator_not_at_site: {
    id: 'Pengguna itu bukan operator atau manajer di lokasi mesin.',
    en: 'That user is not an operator or manager at the machine’s site.',
  },
  series_conflicts: {
    id: '{count} dari {total} jadwal berulang tidak bisa dipesan. Pilih "lewati yang bentrok" atau ubah jadwal.',
    en: '{count} of {total} occurrences cannot be booked. Choose "skip conflicts" or change the schedule.',
  },
  series_not_found: { id: 'Seri pemesanan tidak ditemukan.', en: 'Booking series not found.' },
  waitlist_not_found: { id: 'Antrean tidak ditemukan.', en: 'Wait-list entry not found.' },
  waitlist_duplicate: {
    id: 'Anggota ini sudah mengantre untuk mesin dan rentang waktu yang sama.',
    en: 'This member is already waiting for the same machine and window.',
  },
  waitlist_window_invalid: {
    id: 'Rentang antrean harus di masa depan dan cukup panjang untuk {minutes} menit.',
    en: 'The wait-list window must be in the future and long enough for {minutes} minutes.',
  },
  outage_not_found: { id: 'Gangguan/perawatan tidak ditemukan.', en: 'Outage not found.' },
  calendar_feed_not_found: {
    id: 'Kalender tidak ditemukan.',
    en: 'Calendar feed not found.',
  },
  max_below_min: {
    id: 'Lama maksimal harus sama dengan atau lebih dari lama minimal.',
    en: 'The maximum length must be at least the minimum length.',
  },
  not_on_grid: {
    id: 'Harus kelipatan lama slot.',
    en: 'Must be a multiple of the slot length.',
  },
  range_too_long: {
    id: 'Rentang waktu terlalu panjang; maksimal {maxDays} hari.',
    en: 'The time range is too long; at most {maxDays} days.',
  },
} as const;

export const bookingsError = errorsOf(bookingsErrors);
export type BookingsErrorCode = keyof typeof bookingsErrors;
