/** Loading configuration and the database for a CLI command, with one-line failures. */
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/connect.js';
import { DataDirLockedError } from '../server/db/lock.js';
import { migrate } from '../server/db/migrate.js';
import type { CliIo } from './command.js';

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function configOrFail(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliFailure(`error: ${err.message}`, 2);
    throw err;
  }
}

/** Opens (and migrates) the configured database, runs `fn`, and always closes it. */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  let database: Database;
  try {
    database = await openDatabase(config.database);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliFailure(`error: ${err.message}`, 1);
    throw new CliFailure(`error: cannot open the database: ${(err as Error).message}`, 1);
  }
  try {
    await migrate(database.pool);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export function fail(io: CliIo, err: unknown): number {
  if (err instanceof CliFailure) {
    io.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  io.stderr.write(`error: ${(err as Error).message}\n`);
  return 1;
}
