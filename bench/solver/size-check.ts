/**
 * Size/memory check on a large classic job shop (100 jobs × 20 machines, like Taillard's ta71,
 * made with Taillard's generator): solves it in a worker thread at a time limit, validates the
 * schedule with the shared checker and reports the peak resident memory of the process.
 *
 *   npx tsx bench/solver/size-check.ts [--time-limit S] [--dist] [--shared DIR] [JOBS MACHINES TIME_SEED MACHINE_SEED]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Engine from '../../src/solver/index.js';
import { taillard } from './taillard.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
let timeLimit = 30;
let dist = false;
let shared = resolve(root, '../shared');
const rest: number[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--time-limit') timeLimit = Number(args[++i]);
  else if (args[i] === '--dist') dist = true;
  else if (args[i] === '--shared') shared = resolve(args[++i]!);
  else rest.push(Number(args[i]));
}
const [jobs = 100, machines = 20, timeSeed = 1939838953, machineSeed = 1420929437] = rest;
const engine: typeof Engine = dist
  ? ((await import(join(root, 'dist/solver/index.js'))) as typeof Engine)
  : await import('../../src/solver/index.js');

const text = taillard(jobs, machines, timeSeed, machineSeed);
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const instancePath = join(dir, `taillard-${jobs}x${machines}-${timeSeed}.txt`);
writeFileSync(instancePath, text);
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const run = engine.startSolver(engine.parseJssp(text), { timeLimitMs: timeLimit * 1000, seed: 1 });
const result = await run.result;
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
const solutionPath = join(dir, `taillard-${jobs}x${machines}-${timeSeed}.json`);
writeFileSync(
  solutionPath,
  JSON.stringify({ makespan: result.makespan, operations: result.operations }),
);
const check = spawnSync(
  'python3',
  [join(shared, 'bench/check_schedule.py'), instancePath, solutionPath],
  { encoding: 'utf8' },
);
process.stdout.write(
  `${jobs}×${machines} (Taillard generator, seeds ${timeSeed}/${machineSeed}): makespan ${result.makespan}, lower bound ${result.lowerBound}, ` +
    `gap to LB ${(((result.makespan - result.lowerBound) / result.lowerBound) * 100).toFixed(2)}%, ${result.iterations} iterations, ` +
    `elapsed ${(result.elapsedMs / 1000).toFixed(1)} s, best at ${(result.timeToBestMs / 1000).toFixed(1)} s, ` +
    `peak RSS ${(peak / 1048576).toFixed(0)} MB, checker: ${check.stdout.trim()}\n`,
);
