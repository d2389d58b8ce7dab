import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { configOrFail, fail, withDatabase } from './environment.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: `Usage: rpb migrate

Applies the pending migrations to the configured database (DATABASE_URL, or the embedded one
in RPB_DATA_DIR) and prints their names. Safe to run while other processes start.

Exit codes: 0 done, 1 a migration failed, 2 bad configuration.`,
  async run(args, io) {
    parseCommandArgs(args, {});
    try {
      const config = configOrFail();
      // withDatabase migrates; a second run reports nothing new.
      await withDatabase(config, async () => undefined);
      io.stdout.write('migrations: up to date\n');
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};
