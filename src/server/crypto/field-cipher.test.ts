import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldDecryptError } from './field-cipher.js';

const NIK = '5101024102900001';
const PURPOSE = 'organisations.owner_nik';

describe('field cipher (AES-256-GCM, versioned)', () => {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key);

  it('round-trips a value, in the v1 format, with a fresh IV each time', () => {
    const a = cipher.encrypt(NIK, PURPOSE);
    const b = cipher.encrypt(NIK, PURPOSE);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+={0,2}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(NIK);
    // 12-byte IV + 16-byte tag + 16 bytes of NIK.
    expect(Buffer.from(a.slice(3), 'base64')).toHaveLength(12 + 16 + 16);
    expect(cipher.decrypt(a, PURPOSE)).toBe(NIK);
    expect(cipher.decrypt(b, PURPOSE)).toBe(NIK);
    expect(createFieldCipher(Buffer.from(key)).decrypt(a, PURPOSE)).toBe(NIK);
  });

  it('detects tampering: any changed byte (IV, tag or ciphertext) is refused', () => {
    const sealed = cipher.encrypt(NIK, PURPOSE);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i]! ^= 0x01;
      expect(() => cipher.decrypt(`v1:${bad.toString('base64')}`, PURPOSE), `byte ${i}`).toThrow(
        FieldDecryptError,
      );
    }
    expect(() => cipher.decrypt(`v1:${raw.subarray(0, 20).toString('base64')}`, PURPOSE)).toThrow(
      FieldDecryptError,
    );
  });

  it('refuses a value sealed under another key, for another column, or in an unknown format', () => {
    const sealed = cipher.encrypt(NIK, PURPOSE);
    expect(() => createFieldCipher(randomBytes(32)).decrypt(sealed, PURPOSE)).toThrow(
      /RPB_DATA_KEY/,
    );
    expect(() => cipher.decrypt(sealed, 'people.nik')).toThrow(FieldDecryptError);
    expect(() => cipher.decrypt(`v2:${sealed.slice(3)}`, PURPOSE)).toThrow(/format/);
    expect(() => cipher.decrypt(NIK, PURPOSE)).toThrow(FieldDecryptError);
  });

  it('gives a blind index that is stable under one key and differs between keys and columns', () => {
    const idx = cipher.blindIndex(NIK, PURPOSE);
    expect(idx).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex(NIK, PURPOSE)).toBe(idx);
    expect(cipher.blindIndex('5101024102900002', PURPOSE)).not.toBe(idx);
    expect(cipher.blindIndex(NIK, 'people.nik')).not.toBe(idx);
    expect(createFieldCipher(randomBytes(32)).blindIndex(NIK, PURPOSE)).not.toBe(idx);
    expect(idx).not.toContain(NIK);
  });

  it('accepts only a 32-byte key', () => {
    expect(() => createFieldCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
