import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DataDirLockedError } from './lock.js';

describe('embedded data directory lock', () => {
  it('refuses a second holder while the first is alive, and frees the directory on release', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-lock-')), 'pglite');
    const first = acquireDirectoryLock(dir);
    expect(() => acquireDirectoryLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirectoryLock(dir)).toThrow(/in use by another RPB process/);
    first.release();
    acquireDirectoryLock(dir).release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-lock-')), 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, '2147483646'); // no such pid
    acquireDirectoryLock(dir).release();
  });
});
