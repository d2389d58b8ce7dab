import { DataDirLockedError } from '../server/db/lock.js';
import { startServer } from '../server/runtime.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { configOrFail, fail } from './environment.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the web app and API (migrates the database first)',
  help: `Usage: rpb serve

Starts RPB: applies pending migrations, loads the demo data into an empty database when
RPB_DEMO is on (the default for the embedded database), runs background workers and serves
the web app and the API on HOST:PORT (default 0.0.0.0:3000). Configuration comes from the
environment; see README.md. Stops cleanly on SIGINT/SIGTERM.

Exit codes: 0 stopped cleanly, 1 failed to start, 2 bad configuration.`,
  async run(args, io) {
    parseCommandArgs(args, {});
    try {
      const config = configOrFail();
      const running = await startServer(config).catch((err: unknown) => {
        if (err instanceof DataDirLockedError) throw new Error(err.message);
        throw err;
      });
      io.stderr.write(
        `RPB listening on ${running.url} (database: ${running.database.kind}${config.demo ? ', demo mode' : ''})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          io.stderr.write(`${signal} received, shutting down\n`);
          running.close().then(resolve, (err: unknown) => {
            io.stderr.write(`error while closing: ${(err as Error).message}\n`);
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};
