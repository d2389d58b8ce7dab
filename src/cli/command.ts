/**
 * The shape of one `rpb` sub-command. Each command lives in its own file under src/cli/ and is
 * registered explicitly in main.ts. `run` returns the process exit code:
 * 0 success, 1 failure at run time, 2 bad usage or bad input.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Command {
  /** e.g. "serve", "user create" */
  name: string;
  summary: string;
  /** Full help text shown by `rpb NAME --help`. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}
