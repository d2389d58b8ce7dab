import { readFile } from 'node:fs/promises';
import type { CliIo, Command } from './command.js';
import {
  ParseError,
  ProblemError,
  parseFjs,
  parseJssp,
  startSolver,
  type Objective,
  type Problem,
  type Progress,
  type SolveResult,
} from '../solver/index.js';

const HELP = `Usage: rpb solve FILE [options]

Solves a job-shop (.txt, standard JSSP format, machines from 0) or flexible job-shop
(.fjs, Brandimarte/Hurink format, machines from 1) instance and prints the schedule.

Options:
  --time-limit SECONDS   stop after this many seconds (default 10)
  --iterations N         stop after N local-search iterations (reproducible with --seed)
  --seed N               seed of the pseudo-random generator (default 1)
  --objective OBJ        makespan (default) or tardiness
  --format FMT           fjs or jssp (default: from the file extension)
  --json                 print one JSON object (makespan, operations, elapsedMs, iterations,
                         lowerBound, ...) on stdout instead of the summary and Gantt chart
  --help                 show this help

Progress goes to stderr. Exit codes: 0 solved, 1 failure, 2 bad usage or bad input.`;

interface SolveArgs {
  file: string;
  timeLimitSeconds?: number;
  iterations?: number;
  seed: number;
  objective: Objective;
  format?: 'fjs' | 'jssp';
  json: boolean;
}

class BadUsage extends Error {}

function parseArgs(args: string[]): SolveArgs | 'help' {
  const out: Partial<SolveArgs> & { seed: number; objective: Objective; json: boolean } = {
    seed: 1,
    objective: 'makespan',
    json: false,
  };
  const value = (i: number, name: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new BadUsage(`${name} needs a value`);
    return v;
  };
  const integer = (text: string, name: string, min: number): number => {
    if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
      throw new BadUsage(`${name} must be an integer ≥ ${min}, got "${text}"`);
    }
    return Number(text);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        out.json = true;
        break;
      case '--time-limit': {
        const text = value(i++, arg);
        const s = Number(text);
        if (!Number.isFinite(s) || s <= 0)
          throw new BadUsage(`--time-limit must be a positive number of seconds, got "${text}"`);
        out.timeLimitSeconds = s;
        break;
      }
      case '--iterations':
        out.iterations = integer(value(i++, arg), arg, 0);
        break;
      case '--seed':
        out.seed = integer(value(i++, arg), arg, 0);
        break;
      case '--objective': {
        const v = value(i++, arg);
        if (v !== 'makespan' && v !== 'tardiness')
          throw new BadUsage(`--objective must be makespan or tardiness, got "${v}"`);
        out.objective = v;
        break;
      }
      case '--format': {
        const v = value(i++, arg);
        if (v !== 'fjs' && v !== 'jssp')
          throw new BadUsage(`--format must be fjs or jssp, got "${v}"`);
        out.format = v;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new BadUsage(`unknown option ${arg}`);
        if (out.file !== undefined)
          throw new BadUsage(`unexpected argument "${arg}" (one FILE only)`);
        out.file = arg;
    }
  }
  if (out.file === undefined) throw new BadUsage('missing FILE');
  return out as SolveArgs;
}

function formatOf(file: string, format?: 'fjs' | 'jssp'): 'fjs' | 'jssp' {
  if (format) return format;
  const lower = file.toLowerCase();
  if (lower.endsWith('.fjs')) return 'fjs';
  if (lower.endsWith('.txt') || lower.endsWith('.jss') || lower.endsWith('.jssp')) return 'jssp';
  throw new BadUsage(`cannot tell the format of ${file} from its extension: use --format fjs|jssp`);
}

const JOB_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An ASCII Gantt chart, one row per machine, one character per time slice. */
export function gantt(result: SolveResult, machineCount: number, width = 72): string {
  const span = Math.max(1, result.makespan);
  const scale = span / width;
  const rows: string[] = [];
  const label = (k: number): string => `M${k}`.padStart(String(machineCount).length + 1);
  for (let k = 0; k < machineCount; k++) {
    const cells = new Array<string>(width).fill('.');
    for (const op of result.operations) {
      if (op.machine !== k || op.end <= op.start) continue;
      const from = Math.floor(op.start / scale);
      const to = Math.max(from + 1, Math.floor(op.end / scale));
      for (let c = from; c < Math.min(to, width); c++)
        cells[c] = JOB_CHARS[op.job % JOB_CHARS.length]!;
    }
    rows.push(`${label(k)} |${cells.join('')}|`);
  }
  rows.push(`${' '.repeat(label(0).length)}  0${String(result.makespan).padStart(width - 1)}`);
  return rows.join('\n');
}

function summary(file: string, problem: Problem, result: SolveResult): string {
  const gap =
    result.lowerBound > 0 ? ((result.makespan - result.lowerBound) / result.lowerBound) * 100 : 0;
  const lines = [
    `${file}: ${problem.jobs.length} jobs, ${problem.machineCount} machines`,
    `makespan ${result.makespan} (lower bound ${result.lowerBound}, gap ≤ ${gap.toFixed(2)}%)${result.status === 'optimal' ? ', optimal' : ''}`,
  ];
  if (result.objective === 'tardiness') lines.push(`total weighted tardiness ${result.tardiness}`);
  lines.push(
    `${result.iterations} iterations in ${(result.elapsedMs / 1000).toFixed(1)} s, best found at ${(result.timeToBestMs / 1000).toFixed(1)} s (seed ${result.seed})`,
  );
  return lines.join('\n');
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'Solve a job-shop or flexible job-shop instance file',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    let parsed: SolveArgs | 'help';
    let format: 'fjs' | 'jssp';
    try {
      parsed = parseArgs(args);
      if (parsed === 'help') {
        io.stdout.write(`${HELP}\n`);
        return 0;
      }
      format = formatOf(parsed.file, parsed.format);
    } catch (error) {
      if (error instanceof BadUsage) {
        io.stderr.write(`error: ${error.message}\n(see rpb solve --help)\n`);
        return 2;
      }
      throw error;
    }
    const { file } = parsed;
    let problem: Problem;
    try {
      const text = await readFile(file, 'utf8');
      problem = format === 'fjs' ? parseFjs(text) : parseJssp(text);
    } catch (error) {
      if (error instanceof ParseError) {
        io.stderr.write(`error: ${file} line ${error.line}: ${error.reason}\n`);
        return 2;
      }
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr.write(`error: cannot read ${file}: ${code ?? (error as Error).message}\n`);
      return 2;
    }

    const tty = io.stderr.isTTY === true;
    const run = startSolver(problem, {
      objective: parsed.objective,
      seed: parsed.seed,
      ...(parsed.timeLimitSeconds !== undefined
        ? { timeLimitMs: parsed.timeLimitSeconds * 1000 }
        : {}),
      ...(parsed.iterations !== undefined ? { iterationLimit: parsed.iterations } : {}),
      progressIntervalMs: tty ? 200 : 1000,
    });
    let lastLine = '';
    run.onProgress((p: Progress) => {
      const line = `best ${parsed.objective === 'tardiness' ? `tardiness ${p.tardiness} ` : ''}makespan ${p.makespan}  ${p.iterations} it  ${(p.elapsedMs / 1000).toFixed(1)} s`;
      if (tty) io.stderr.write(`\r${line.padEnd(lastLine.length)}`);
      else if (line !== lastLine) io.stderr.write(`${line}\n`);
      lastLine = line;
    });
    // Ctrl-C stops the search and still prints the best schedule.
    const onSigint = (): void => run.cancel();
    process.once('SIGINT', onSigint);
    let result: SolveResult;
    try {
      result = await run.result;
    } catch (error) {
      if (tty && lastLine) io.stderr.write('\n');
      if (error instanceof ProblemError) {
        io.stderr.write(`error: ${file}: ${error.message}\n`);
        return 2;
      }
      io.stderr.write(`error: ${(error as Error).message}\n`);
      return 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    if (tty && lastLine) io.stderr.write('\n');

    if (parsed.json) {
      const out = {
        instance: file,
        objective: parsed.objective,
        status: result.status,
        makespan: result.makespan,
        tardiness: result.tardiness,
        lowerBound: result.lowerBound,
        elapsedMs: result.elapsedMs,
        timeToBestMs: result.timeToBestMs,
        iterations: result.iterations,
        seed: result.seed,
        operations: result.operations,
      };
      io.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      io.stdout.write(`${summary(file, problem, result)}\n`);
      const opCount = result.operations.length;
      if (problem.machineCount <= 30 && opCount <= 400)
        io.stdout.write(`\n${gantt(result, problem.machineCount)}\n`);
    }
    return 0;
  },
};
