/**
 * Uploaded files (machine documents and photos, lot photos, lab reports): which are accepted,
 * judged by their first bytes and never by their name, and how large they may be. The database
 * checks the same sizes and types. Pure: no I/O.
 */
import { errorsOf } from '../domain-error.js';
import { filesErrors } from './files.errors.js';

/** Largest document (PDF or image) and photo stored, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type FileType = (typeof DOCUMENT_TYPES)[number];

export const filesError = errorsOf(filesErrors);

/** One file part of a multipart upload. */
export interface Upload {
  filename: string;
  declaredType: string;
  bytes: Buffer;
}

/** The real type of a file from its magic bytes; null when it is none of the accepted kinds. */
export function sniffContentType(bytes: Uint8Array): FileType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (
    starts(0x52, 0x49, 0x46, 0x46) && // RIFF....WEBP
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return null;
}

/** Checks an upload's size and real type; returns the type to store. */
export function acceptFile<T extends FileType>(
  file: Upload,
  maxBytes: number,
  allowed: readonly T[],
): T {
  if (file.bytes.length > maxBytes)
    throw filesError('file_too_large', { maxMegabytes: maxBytes / 1024 / 1024 });
  if (file.bytes.length === 0) throw filesError('upload_file_missing');
  const type = sniffContentType(file.bytes);
  if (!type || !(allowed as readonly FileType[]).includes(type)) {
    throw filesError('file_type_not_allowed', {
      allowed: allowed.map((t) => t.split('/')[1]!.toUpperCase()).join(', '),
      declared: file.declaredType,
    });
  }
  return type as T;
}

/** A file name safe to store and to send back in Content-Disposition. */
export const safeFileName = (name: string) =>
  (name.replace(/[\\/\r\n\t"]+/g, '_').trim() || 'file').slice(0, 255);

/** The usual extension of an accepted type (for names made up by the server). */
export const extensionOf = (type: FileType) =>
  ({ 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' })[
    type
  ];
