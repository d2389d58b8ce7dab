/**
 * The `rpb` command line. Commands are registered explicitly below; each lives in its own file.
 */
import { fileURLToPath } from 'node:url';
import { UsageError, type CliIo, type Command } from './command.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { serveCommand } from './serve.js';
import { solveCommand } from './solve.js';
import { tokenCreateCommand } from './token-create.js';
import { userCreateCommand } from './user-create.js';

export const commands: readonly Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCreateCommand,
  tokenCreateCommand,
  solveCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: rpb COMMAND [options]   (rpb COMMAND --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(usage());
    return argv.length === 0 ? 2 : 0;
  }
  // Longest match first: "user create" before a hypothetical "user".
  const command = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!command) {
    io.stderr.write(`error: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${usage()}`);
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\n(see rpb ${command.name} --help)\n`);
      return 2;
    }
    io.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

// Run when executed directly (tsx src/cli/main.ts ...); bin/rpb.js imports main() instead.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
