/**
 * Encryption of single personal-data fields at rest (the NIK), with node:crypto only.
 *
 * - Values are sealed with AES-256-GCM under a key derived from the data key (RPB_DATA_KEY) by
 *   HKDF-SHA256; a fresh 96-bit IV per value, and the column's purpose (e.g.
 *   "organisations.owner_nik") bound as associated data, so a ciphertext copied into another
 *   column does not open. Stored form: `v1:` + base64(iv ‖ tag ‖ ciphertext). The prefix names
 *   the format and key generation, so a later key rotation can tell old values from new ones.
 * - A blind index — HMAC-SHA256 under a second derived key, hex — allows equality lookups and
 *   uniqueness checks without the plain value. It is deterministic by design (equal NIKs give
 *   equal indexes), so it is never shown to anyone.
 *
 * Losing the data key loses every encrypted value: there is no way back without it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value could not be opened: wrong data key, or the value was changed. */
export class FieldDecryptError extends Error {}

export interface FieldCipher {
  /** Seals `plain` for the column named by `purpose`: `v1:` + base64(iv ‖ tag ‖ ciphertext). */
  encrypt(plain: string, purpose: string): string;
  /** Opens a value sealed by `encrypt` for the same purpose; throws FieldDecryptError otherwise. */
  decrypt(stored: string, purpose: string): string;
  /** Keyed HMAC-SHA256 of `plain` (hex, 64 characters) for equality lookups. */
  blindIndex(plain: string, purpose: string): string;
}

const derive = (key: Buffer, info: string) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, DATA_KEY_BYTES));

export function createFieldCipher(dataKey: Buffer): FieldCipher {
  if (dataKey.length !== DATA_KEY_BYTES)
    throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes, not ${dataKey.length}`);
  const encKey = derive(dataKey, 'rpb field encryption v1');
  const macKey = derive(dataKey, 'rpb blind index v1');
  return {
    encrypt(plain, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(stored, purpose) {
      const sep = stored.indexOf(':');
      if (sep < 0 || stored.slice(0, sep) !== VERSION)
        throw new FieldDecryptError(`unknown encrypted value format "${stored.slice(0, 8)}"`);
      const raw = Buffer.from(stored.slice(sep + 1), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES)
        throw new FieldDecryptError('encrypted value is too short');
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new FieldDecryptError(
          'cannot decrypt a stored value: the data key (RPB_DATA_KEY) is not the one it was sealed with, or the value was altered',
        );
      }
    },
    blindIndex(plain, purpose) {
      return createHmac('sha256', macKey).update(`${purpose}\u0000${plain}`, 'utf8').digest('hex');
    },
  };
}
