/**
 * Runs once per `vitest run`: prepares a migrated database template that every test file then
 * copies, so each file starts from a clean, isolated database.
 * - PGlite (default): a migrated data directory dumped to a tarball in a temp folder.
 * - PostgreSQL (TEST_DATABASE_URL set): a template database on that server, dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/connect.js';
import { migrate } from '../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate:
      { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; url: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `rpb_test_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase(
      { kind: 'postgres', url: templateUrl.toString() },
      { max: 1 },
    );
    await migrate(database.pool);
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', url, template });
    return async () => {
      // Copies made by test files are dropped by the files; drop leftovers of crashed runs too.
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`rpb_test_${process.pid}_%`],
      );
      for (const { datname } of left.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-test-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database.pool);
  const dumpFile = path.join(dir, 'template.tar.gz');
  const dump = await database.dumpDataDir!();
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', { kind: 'pglite', dumpFile });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
