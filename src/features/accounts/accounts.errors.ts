/** Error codes of accounts, with their messages. */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const accountsErrors = {
  invalid_credentials: {
    id: 'E-mail atau kata sandi salah.',
    en: 'Wrong e-mail or password.',
  },
  account_locked: {
    id: 'Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi dalam {retryAfterMinutes} menit.',
    en: 'Too many failed attempts. The account is locked for now; try again in {retryAfterMinutes} minutes.',
  },
  account_disabled: {
    id: 'Akun ini dinonaktifkan. Hubungi administrator.',
    en: 'This account is disabled. Contact an administrator.',
  },
  demo_login_disabled: {
    id: 'Akun demo hanya dapat dipakai saat server berjalan dalam mode demo.',
    en: 'Demo accounts can only log in while the server runs in demo mode.',
  },
  wrong_current_password: {
    id: 'Kata sandi saat ini salah.',
    en: 'The current password is wrong.',
  },
  password_unchanged: {
    id: 'Kata sandi baru harus berbeda dari kata sandi saat ini.',
    en: 'The new password must differ from the current one.',
  },
  email_taken: {
    id: 'Sudah ada pengguna dengan e-mail ini.',
    en: 'A user with this e-mail already exists.',
  },
  user_not_found: {
    id: 'Pengguna tidak ditemukan.',
    en: 'User not found.',
  },
  token_not_found: {
    id: 'Token API tidak ditemukan.',
    en: 'API token not found.',
  },
  grant_scope_mismatch: {
    id: 'Peran {role} tidak dapat diberikan pada lingkup {scopeType}.',
    en: 'The role {role} cannot be granted on a {scopeType} scope.',
  },
  grant_scope_not_found: {
    id: 'Lingkup {scopeType} dengan ID {scopeId} tidak ditemukan.',
    en: 'No {scopeType} with ID {scopeId} exists.',
  },
} satisfies ErrorCatalogue;

export const accountsError = errorsOf(accountsErrors);
