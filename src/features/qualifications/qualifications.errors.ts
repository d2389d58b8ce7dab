/**
 * Error codes of people, training and qualifications, with their messages. Codes marked
 * "field" are also used in `details.fields` of a `validation_failed` answer (beside the field);
 * identifier codes (nik_format, phone_format, …) come from the organisations catalogue.
 */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const qualificationsErrors = {
  person_not_found: { id: 'Orang tidak ditemukan.', en: 'Person not found.' },
  person_nik_taken: {
    id: 'NIK ini sudah tercatat untuk orang lain di organisasi ini.',
    en: 'This NIK is already recorded for another person of this organisation.',
  },
  person_in_use: {
    id: 'Orang ini memiliki riwayat pelatihan atau kualifikasi dan tidak dapat dihapus; nonaktifkan saja.',
    en: 'This person has training or qualification records and cannot be deleted; deactivate them instead.',
  },
  person_inactive: {
    id: 'Orang ini tidak aktif. Aktifkan kembali terlebih dahulu.',
    en: 'This person is inactive. Reactivate them first.',
  },
  person_not_member: {
    id: 'Organisasi orang ini bukan anggota lokasi tersebut.',
    en: "This person's organisation is not a member of that site.",
  },
  trainer_not_found: {
    id: 'Pelatih harus pengguna yang terdaftar dan aktif.',
    en: 'The trainer must be a registered, active user.',
  },
  training_session_not_found: {
    id: 'Sesi pelatihan tidak ditemukan.',
    en: 'Training session not found.',
  },
  training_in_future: {
    id: 'Kehadiran hanya dapat dicatat untuk pelatihan yang sudah berlangsung.',
    en: 'Attendance can only be recorded for a training that has taken place.',
  },
  attendance_not_found: {
    id: 'Orang ini tidak tercatat hadir pada sesi pelatihan tersebut.',
    en: 'This person is not recorded as attending that training session.',
  },
  attendance_in_use: {
    id: 'Kehadiran ini menjadi dasar sebuah kualifikasi dan tidak dapat diubah atau dihapus.',
    en: 'A qualification rests on this attendance; it cannot be changed or removed.',
  },
  // field
  attendance_not_passed: {
    id: 'Orang ini tidak lulus pada sesi pelatihan tersebut.',
    en: 'This person did not pass that training session.',
  },
  // field
  attendance_machine_type: {
    id: 'Sesi pelatihan itu untuk jenis mesin lain.',
    en: 'That training session was for another machine type.',
  },
  // field
  date_in_future: {
    id: 'Tanggal tidak boleh setelah hari ini (waktu setempat lokasi).',
    en: 'The date cannot be after today (the site’s local time).',
  },
  // field
  granted_before_training: {
    id: 'Tanggal pemberian tidak boleh sebelum tanggal pelatihan.',
    en: 'The grant date cannot be before the training date.',
  },
  // field
  use_before_grant: {
    id: 'Tanggal penggunaan tidak boleh sebelum tanggal pemberian kualifikasi.',
    en: 'The use date cannot be before the qualification was granted.',
  },
  // field
  rule_duplicate_type: {
    id: 'Jenis mesin ini muncul lebih dari sekali.',
    en: 'This machine type appears more than once.',
  },
  qualification_not_found: {
    id: 'Kualifikasi tidak ditemukan.',
    en: 'Qualification not found.',
  },
  qualification_held: {
    id: 'Orang ini sudah memiliki kualifikasi yang berlaku untuk jenis mesin ini.',
    en: 'This person already holds a valid qualification for this machine type.',
  },
  qualification_revoked: {
    id: 'Kualifikasi ini sudah dicabut.',
    en: 'This qualification has been revoked.',
  },
  qualification_expired: {
    id: 'Kualifikasi ini sudah berakhir pada {expiresOn}; diperlukan pemberian baru.',
    en: 'This qualification lapsed on {expiresOn}; a new grant is needed.',
  },
} satisfies ErrorCatalogue;

export const qualificationsError = errorsOf(qualificationsErrors);
