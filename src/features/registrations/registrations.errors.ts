/**
 * Error codes of UMKM self-registration, with their messages. A duplicate NIB or e-mail reuses
 * `nib_taken` (organisations) and `email_taken` (accounts), with `details.field` naming the
 * field, so the form can show the message beside it.
 */
import { errorsOf, type ErrorCatalogue } from '../../server/domain-error.js';

export const registrationsErrors = {
  registration_not_found: {
    id: 'Pendaftaran tidak ditemukan.',
    en: 'Registration not found.',
  },
  registration_decided: {
    id: 'Pendaftaran ini sudah diputuskan sebelumnya; muat ulang daftar.',
    en: 'This registration has already been decided; reload the list.',
  },
  registration_site_unknown: {
    id: 'Pilih situs yang ingin Anda ikuti dari daftar.',
    en: 'Choose the site you want to join from the list.',
  },
} satisfies ErrorCatalogue;

export const registrationsError = errorsOf(registrationsErrors);
