import { seedDemoIfEmpty } from '../server/demo/demo-data.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type Command } from './command.js';
import { configOrFail, fail, withDatabase } from './environment.js';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load data into the database (--demo: the demo network and users)',
  help: `Usage: rpb seed --demo

--demo   load the demo programme, clusters, two sites (Aceh Tamiang, WIB; Jembrana, WITA),
         machines, members and one user per role — only into an empty database.
         Demo users can log in only while the server runs with RPB_DEMO on.

Exit codes: 0 loaded, 1 the database is not empty or failed, 2 bad usage.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { demo: { type: 'boolean' } });
    if (!values.demo) throw new UsageError('say what to seed: --demo');
    try {
      const config = configOrFail();
      const loaded = await withDatabase(config, (d) => seedDemoIfEmpty(d.db, new Date()));
      if (!loaded) {
        io.stderr.write(
          'error: the database already has data; demo data loads only into an empty database\n',
        );
        return 1;
      }
      io.stdout.write('demo data loaded\n');
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};
