import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { DATA_KEY_FILE, resolveDataKey, TEST_DATA_KEY } from './data-key.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-key-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('RPB_DATA_KEY in the configuration', () => {
  const key = randomBytes(32);

  it('accepts 32 bytes as base64, URL-safe base64 or hex', () => {
    expect(loadConfig({ RPB_DATA_KEY: key.toString('base64') }).dataKey).toEqual(key);
    expect(loadConfig({ RPB_DATA_KEY: key.toString('base64url') }).dataKey).toEqual(key);
    expect(loadConfig({ RPB_DATA_KEY: key.toString('hex') }).dataKey).toEqual(key);
    expect(loadConfig({}).dataKey).toBeNull();
  });

  it('refuses another length or alphabet in one line that names the variable but not the value', () => {
    for (const bad of [randomBytes(16).toString('base64'), 'not a key', 'ab'.repeat(31)]) {
      const run = () => loadConfig({ RPB_DATA_KEY: bad });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(/^invalid RPB_DATA_KEY: expected 32 random bytes/);
      try {
        run();
      } catch (err) {
        expect((err as Error).message).not.toContain(bad);
        expect((err as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('resolving the data key at start-up', () => {
  it('uses RPB_DATA_KEY when it is set, on either database', () => {
    const key = randomBytes(32);
    const env = { RPB_DATA_KEY: key.toString('hex') };
    expect(resolveDataKey(loadConfig(env))).toEqual({ key, source: 'environment' });
    expect(resolveDataKey(loadConfig({ ...env, DATABASE_URL: 'postgres://u@db/rpb' }))).toEqual({
      key,
      source: 'environment',
    });
  });

  it('refuses to start on a PostgreSQL server without RPB_DATA_KEY, with one line naming it', () => {
    const run = () => resolveDataKey(loadConfig({ DATABASE_URL: 'postgres://u@db/rpb' }));
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/^missing RPB_DATA_KEY: required with DATABASE_URL/);
    const prod = () =>
      resolveDataKey(
        loadConfig({
          DATABASE_URL: 'postgres://u@db/rpb',
          NODE_ENV: 'production',
          RPB_SESSION_SECRET: 'x'.repeat(40),
        }),
      );
    expect(prod).toThrow(/RPB_DATA_KEY/);
  });

  it('derives the fixed test key under NODE_ENV=test only', () => {
    const r = resolveDataKey(loadConfig({ DATABASE_URL: 'postgres://u@db/rpb', NODE_ENV: 'test' }));
    expect(r).toEqual({ key: TEST_DATA_KEY, source: 'test' });
    expect(TEST_DATA_KEY).toHaveLength(32);
  });

  it('creates a key file (mode 0600) in the embedded data directory once and reuses it', () => {
    const dir = tempDir();
    const config = loadConfig({ RPB_DATA_DIR: dir });
    const first = resolveDataKey(config);
    const file = path.join(dir, DATA_KEY_FILE);
    expect(first).toMatchObject({ source: 'new-key-file', file });
    expect(first.key).toHaveLength(32);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.key.toString('base64'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveDataKey(config);
    expect(again).toMatchObject({ source: 'key-file', file });
    expect(again.key).toEqual(first.key);
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DATA_KEY_FILE), 'garbage\n');
    expect(() => resolveDataKey(loadConfig({ RPB_DATA_DIR: dir }))).toThrow(
      /invalid data key file .*data-key/,
    );
    expect(fs.readFileSync(path.join(dir, DATA_KEY_FILE), 'utf8')).toBe('garbage\n');
  });
});
