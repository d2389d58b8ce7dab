/** Error codes raised by the HTTP edge itself (not by a feature). */
import type { ErrorCatalogue } from '../domain-error.js';

export const httpErrors = {
  validation_failed: {
    id: 'Data yang dikirim tidak valid. Periksa kolom yang ditandai.',
    en: 'The data sent is not valid. Check the marked fields.',
  },
  invalid_json: {
    id: 'Isi permintaan bukan JSON yang valid.',
    en: 'The request body is not valid JSON.',
  },
  unsupported_media_type: {
    id: 'Jenis isi permintaan tidak didukung; kirim application/json.',
    en: 'Unsupported request content type; send application/json.',
  },
  payload_too_large: {
    id: 'Isi permintaan terlalu besar.',
    en: 'The request body is too large.',
  },
  invalid_cursor: {
    id: 'Penanda halaman (cursor) tidak valid; mulai lagi dari halaman pertama.',
    en: 'The page cursor is not valid; start again from the first page.',
  },
  unauthenticated: {
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please log in first.',
  },
  session_expired: {
    id: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    en: 'Your session has ended. Please log in again.',
  },
  token_invalid: {
    id: 'Token API tidak valid, kedaluwarsa, atau telah dicabut.',
    en: 'The API token is invalid, expired or revoked.',
  },
  csrf_invalid: {
    id: 'Permintaan ditolak karena token keamanan (CSRF) tidak ada atau salah. Muat ulang halaman.',
    en: 'Request refused: the security (CSRF) token is missing or wrong. Reload the page.',
  },
  forbidden: {
    id: 'Anda tidak memiliki izin untuk tindakan ini.',
    en: 'You do not have permission for this action.',
  },
  not_found: {
    id: 'Data tidak ditemukan.',
    en: 'Not found.',
  },
  route_not_found: {
    id: 'Alamat API tidak dikenal.',
    en: 'Unknown API address.',
  },
  method_not_allowed: {
    id: 'Metode HTTP tidak diizinkan untuk alamat ini.',
    en: 'HTTP method not allowed for this address.',
  },
  rate_limited: {
    id: 'Terlalu banyak permintaan. Coba lagi dalam {retryAfterSeconds} detik.',
    en: 'Too many requests. Try again in {retryAfterSeconds} seconds.',
  },
  conflict: {
    id: 'Data bentrok dengan data yang sudah ada.',
    en: 'The data conflicts with existing data.',
  },
  service_unavailable: {
    id: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'The service is unavailable. Try again shortly.',
  },
  internal_error: {
    id: 'Terjadi kesalahan pada server. Kejadian ini telah dicatat; coba lagi nanti.',
    en: 'Something went wrong on the server. It has been logged; try again later.',
  },
} satisfies ErrorCatalogue;
