import { describe, expect, it } from 'vitest';
import type { DomainError } from '../domain-error.js';
import { acceptFile, PHOTO_TYPES, safeFileName, sniffContentType } from './files.js';

describe('file sniffing', () => {
  it('recognises PDF, JPEG, PNG and WebP by their first bytes, whatever the name says', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.4 ...'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe(
      'image/webp',
    );
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffContentType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('accepting a file', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const upload = (bytes: Buffer, declaredType = 'image/jpeg') => ({
    filename: 'x.jpg',
    declaredType,
    bytes,
  });
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as DomainError).code;
    }
    return null;
  };

  it('returns the sniffed type, refuses empty, too large and other kinds', () => {
    expect(acceptFile(upload(jpeg), 100, PHOTO_TYPES)).toBe('image/jpeg');
    expect(codeOf(() => acceptFile(upload(Buffer.alloc(0)), 100, PHOTO_TYPES))).toBe(
      'upload_file_missing',
    );
    expect(codeOf(() => acceptFile(upload(jpeg), 6, PHOTO_TYPES))).toBe('file_too_large');
    // A PDF named like a photo is still a PDF, and photos are images only.
    expect(codeOf(() => acceptFile(upload(Buffer.from('%PDF-1.7')), 100, PHOTO_TYPES))).toBe(
      'file_type_not_allowed',
    );
  });

  it('makes file names safe for a header', () => {
    expect(safeFileName('a/b\\c"d\r\n.pdf')).toBe('a_b_c_d_.pdf');
    expect(safeFileName('  ')).toBe('file');
  });
});
