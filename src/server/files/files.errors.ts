/** Error codes of uploaded files (any feature that accepts a document or a photo). */
import type { ErrorCatalogue } from '../domain-error.js';

export const filesErrors = {
  upload_not_multipart: {
    id: 'Unggah berkas sebagai multipart/form-data dengan bagian "file".',
    en: 'Upload the file as multipart/form-data with a "file" part.',
  },
  upload_file_missing: {
    id: 'Berkas belum dilampirkan (bagian "file").',
    en: 'No file attached (the "file" part).',
  },
  upload_too_many_files: {
    id: 'Unggah satu berkas per permintaan.',
    en: 'Upload one file per request.',
  },
  file_too_large: {
    id: 'Berkas terlalu besar; maksimal {maxMegabytes} MB.',
    en: 'The file is too large; at most {maxMegabytes} MB.',
  },
  file_type_not_allowed: {
    id: 'Jenis berkas tidak diterima; gunakan {allowed}.',
    en: 'File type not accepted; use {allowed}.',
  },
} satisfies ErrorCatalogue;
