import { createToken, findActorByEmail } from '../features/accounts/accounts.service.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type Command } from './command.js';
import { CliFailure, configOrFail, fail, withDatabase } from './environment.js';

export const tokenCreateCommand: Command = {
  name: 'token create',
  summary: 'Create an API token for a user; prints only the token',
  help: `Usage: rpb token create --email E [--name NAME] [--days N]

Prints only the new token on stdout (use it as "Authorization: Bearer <token>"). It is shown
once; RPB stores only its hash. --days makes it expire; without it, it lasts until revoked.
Exit codes: 0 created, 1 no such user, 2 bad usage.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      email: { type: 'string' },
      name: { type: 'string' },
      days: { type: 'string' },
    });
    if (!values.email) throw new UsageError('--email is required');
    const days = values.days === undefined ? null : Number(values.days);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650))
      throw new UsageError('--days must be a whole number from 1 to 3650');
    try {
      const config = configOrFail();
      const secret = await withDatabase(config, (d) =>
        d.db.transaction().execute(async (trx) => {
          const actor = await findActorByEmail(trx, values.email!, 'cli');
          if (!actor) throw new CliFailure(`error: no user with e-mail ${values.email}`, 1);
          const created = await createToken(
            trx,
            { name: values.name ?? 'cli', expiresInDays: days },
            { actor, now: new Date() },
            { pepper: config.sessionSecret },
          );
          return created.secret;
        }),
      );
      io.stdout.write(`${secret}\n`);
      return 0;
    } catch (err) {
      return fail(io, err);
    }
  },
};
