/**
 * Where the data key (see field-cipher.ts) comes from, decided once at start-up:
 *
 * - RPB_DATA_KEY, when set (always, on a PostgreSQL server);
 * - embedded database: the key file `data-key` in the data directory (RPB_DATA_DIR), created
 *   with 32 random bytes (mode 0600) on first start. It belongs with the data: a backup of the
 *   data directory must include it, and the database dump alone cannot be read without it;
 * - a PostgreSQL server without RPB_DATA_KEY refuses to start — except under NODE_ENV=test,
 *   where a fixed test key is derived so that test databases need no setup.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, decodeDataKey, type Config } from '../config.js';
import { DATA_KEY_BYTES } from './field-cipher.js';

export const DATA_KEY_FILE = 'data-key';

export interface ResolvedDataKey {
  key: Buffer;
  source: 'environment' | 'key-file' | 'new-key-file' | 'memory' | 'test';
  /** The key file, when the key lives in one. */
  file?: string;
}

/** The fixed key of test runs on a PostgreSQL server (NODE_ENV=test only; never secret). */
export const TEST_DATA_KEY = createHash('sha256').update('rpb test data key, not secret').digest();

export function resolveDataKey(config: Config): ResolvedDataKey {
  if (config.dataKey) return { key: config.dataKey, source: 'environment' };
  if (config.database.kind === 'postgres') {
    if (config.testMode) return { key: TEST_DATA_KEY, source: 'test' };
    throw new ConfigError(
      'missing RPB_DATA_KEY: required with DATABASE_URL; it encrypts personal data (NIK) — generate one with `openssl rand -base64 32` and keep it with your backups',
    );
  }
  if (config.database.dataDir === null)
    return { key: randomBytes(DATA_KEY_BYTES), source: 'memory' };
  return keyFile(path.join(config.dataDir, DATA_KEY_FILE));
}

function keyFile(file: string): ResolvedDataKey {
  const read = () => {
    const key = decodeDataKey(fs.readFileSync(file, 'utf8'));
    if (!key)
      throw new ConfigError(
        `invalid data key file ${file}: expected 32 bytes as base64 (restore it from a backup, or set RPB_DATA_KEY)`,
      );
    return key;
  };
  if (fs.existsSync(file)) return { key: read(), source: 'key-file', file };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(DATA_KEY_BYTES);
  try {
    // 'wx': another process starting at the same moment may have written it first.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: read(), source: 'key-file', file };
    throw err;
  }
  return { key, source: 'new-key-file', file };
}
