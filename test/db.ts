/**
 * A fresh database per test file, copied from the template that global-setup migrated:
 * PGlite loads the dumped data directory; PostgreSQL creates a database from the template.
 */
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/server/db/connect.js';

let counter = 0;

export async function createTestDatabase(): Promise<Database> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(tpl.dumpFile)]);
    return openDatabase({ kind: 'pglite', dataDir: null }, { loadDataDir: blob });
  }
  const name = `rpb_test_${process.ppid}_${process.pid}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: tpl.url });
  await admin.connect();
  try {
    // A template may be copied only while nobody is connected to it; a backend that has just
    // closed (or a concurrent copy) can hold it for a moment, so retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${tpl.template}`);
        break;
      } catch (err) {
        if (attempt >= 50 || !/being accessed by other users/.test((err as Error).message))
          throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(tpl.url);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { max: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: tpl.url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

/**
 * Environment variables pointing a CLI command or a child process at a fresh database of its
 * own: a new PGlite data directory, or a new database on the test PostgreSQL server.
 */
export async function freshDatabaseEnv(): Promise<{
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'pglite') {
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-cli-'));
    return {
      env: { RPB_DATA_DIR: dir },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `rpb_test_${process.ppid}_${process.pid}_${counter++}_cli`;
  const admin = new pg.Client({ connectionString: tpl.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(tpl.url);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: tpl.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
