/**
 * Opens the database: a PostgreSQL server through `pg`, or embedded PGlite through its
 * node-postgres adapter — one Kysely dialect, the same result types on both.
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { acquireDirectoryLock, type DirectoryLock } from './lock.js';
import { prepareMarkedStatements } from './prepared.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Repositories accept either: the edge decides whether a transaction is open. */
export type Executor = Db | Trx;

export interface Database {
  db: Db;
  /** The raw pool (pg-boss and the migration runner use it). */
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** PGlite only: a gzipped copy of the whole data directory (test templates, backups). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

// bigint (int8) and numeric stay strings: repositories convert where they know the range.
// timestamptz arrive as Date (pg default).

export interface OpenOptions {
  /** A pre-built PGlite data dump (tests load a migrated template this way). */
  loadDataDir?: Blob;
  max?: number;
  /** Told when an idle pooled connection fails (the pool replaces it). */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection that the server closes (restart, failover, DROP DATABASE … FORCE)
    // emits 'error' on the pool; without a listener that would crash the process. The pool
    // drops the broken client and opens a new one on the next query.
    pool.on('error', (err) => options.onIdleError?.(err));
    prepareMarkedStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }

  let lock: DirectoryLock | null = null;
  if (config.dataDir) lock = acquireDirectoryLock(config.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(config.dataDir ? { dataDir: config.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { btree_gist, pg_trgm },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  // PGlite is a single session: one connection, and a timeout so that a query issued outside a
  // transaction while that transaction holds the connection fails instead of hanging forever.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, connectionTimeoutMillis: 30_000 });
  prepareMarkedStatements(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
