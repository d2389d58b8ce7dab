import { z } from 'zod';
import {
  CreateUserRequest,
  ROLES,
  Role,
  SCOPE_TYPES,
  type ScopeType,
} from '../features/accounts/accounts.contract.js';
import { ROLE_SCOPES } from '../features/accounts/accounts.js';
import { accountsErrors } from '../features/accounts/accounts.errors.js';
import { createUser } from '../features/accounts/accounts.service.js';
import type { Executor } from '../server/db/connect.js';
import { DomainError, formatMessage } from '../server/domain-error.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type Command } from './command.js';
import { CliFailure, configOrFail, fail, withDatabase } from './environment.js';

const UUID = z.string().uuid();

/** `site:ATM-01`, `programme:RPB-TP-2024`, `organisation:<uuid>` or `system`. */
async function resolveScope(db: Executor, role: Role, scope: string | undefined) {
  if (!scope) {
    const only = ROLE_SCOPES[role];
    if (only.includes('system')) return { scopeType: 'system' as const, scopeId: null };
    throw new UsageError(`--scope is required for ${role} (${only.join(' or ')}:ID)`);
  }
  if (scope === 'system') return { scopeType: 'system' as const, scopeId: null };
  const [type, ...rest] = scope.split(':');
  const ref = rest.join(':');
  if (!(SCOPE_TYPES as readonly string[]).includes(type ?? '') || !ref) {
    throw new UsageError(
      `--scope must be system, programme:ID, site:ID or organisation:ID (got "${scope}")`,
    );
  }
  const scopeType = type as ScopeType;
  if (UUID.safeParse(ref).success) return { scopeType, scopeId: ref };
  // Sites and programmes may also be named by their code.
  const table = scopeType === 'site' ? 'sites' : scopeType === 'programme' ? 'programmes' : null;
  if (!table) throw new UsageError(`organisation scopes take the organisation's ID (a UUID)`);
  const row = await db.selectFrom(table).select('id').where('code', '=', ref).executeTakeFirst();
  if (!row) throw new CliFailure(`error: no ${scopeType} with code ${ref}`, 1);
  return { scopeType, scopeId: row.id };
}

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'Create a user with a role on a scope',
  help: `Usage: rpb user create --email E --password P --role ROLE [--scope SCOPE] [--name N] [--locale id|en]

ROLE   one of ${ROLES.join(', ')}
SCOPE  system (administrator, programme officer) | programme:ID|CODE | site:ID|CODE |
       organisation:ID — e.g. --scope site:ATM-01

The password must have at least 10 characters. The change is written to the audit log.
Exit codes: 0 created, 1 refused (e-mail taken, unknown scope), 2 bad usage.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
    });
    if (!values.email || !values.password || !values.role)
      throw new UsageError('--email, --password and --role are required');
    const role = Role.safeParse(values.role);
    if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    try {
      const config = configOrFail();
      const user = await withDatabase(config, (d) =>
        d.db.transaction().execute(async (trx) => {
          const scope = await resolveScope(trx, role.data, values.scope);
          const input = CreateUserRequest.safeParse({
            email: values.email,
            name: values.name ?? values.email!.split('@')[0],
            password: values.password,
            locale: values.locale ?? 'id',
            grants: [{ role: role.data, ...scope }],
          });
          if (!input.success) {
            const issue = input.error.issues[0]!;
            throw new CliFailure(`error: --${String(issue.path[0])}: ${issue.message}`, 2);
          }
          return createUser(trx, input.data, { actor: null, now: new Date() });
        }),
      );
      io.stdout.write(`${user.id}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DomainError && err.code in accountsErrors) {
        io.stderr.write(
          `error: ${formatMessage(accountsErrors[err.code as keyof typeof accountsErrors].en, err.details)}\n`,
        );
        return 1;
      }
      if (err instanceof UsageError) throw err;
      return fail(io, err);
    }
  },
};
