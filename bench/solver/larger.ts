/**
 * Generalisation check on larger instances than shared/bench holds: Taillard-generator job
 * shops from 20×15 to 100×20 and Brandimarte-like flexible job shops (20×10, 30×15, 2–5
 * eligible machines per operation). Solves each in-process (one thread) and prints a Markdown
 * table with the reference (best known where the seeds are Taillard's published ones, else the
 * engine's lower bound), found makespan, gap, iterations and iterations per second.
 *
 *   npx tsx bench/solver/larger.ts [--time-limit S] [--iterations N] [--seed N] [--dist] [NAME ...]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Engine from '../../src/solver/index.js';
import { brandimarteLike } from './brandimarte-like.js';
import { taillard } from './taillard.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Spec {
  name: string;
  kind: 'jssp' | 'fjs';
  jobs: number;
  machines: number;
  seeds: [number, number];
  /** Best known makespan (Taillard's published instances only). */
  best?: number;
}

// ta11/ta21/ta31: Taillard's (1993) published seeds; the others are our own seeds (compare with
// the lower bound only).
const SPECS: Spec[] = [
  { name: 'ta11', kind: 'jssp', jobs: 20, machines: 15, seeds: [533484900, 317419073], best: 1357 },
  {
    name: 'ta21',
    kind: 'jssp',
    jobs: 20,
    machines: 20,
    seeds: [1035939303, 773961798],
    best: 1642,
  },
  { name: 'ta31', kind: 'jssp', jobs: 30, machines: 15, seeds: [98640593, 1981283465], best: 1764 },
  { name: 'g30x20', kind: 'jssp', jobs: 30, machines: 20, seeds: [1958948863, 1885080807] },
  { name: 'g50x15', kind: 'jssp', jobs: 50, machines: 15, seeds: [1368624604, 1254244522] },
  { name: 'g50x20', kind: 'jssp', jobs: 50, machines: 20, seeds: [986489220, 1592932823] },
  { name: 'g100x20', kind: 'jssp', jobs: 100, machines: 20, seeds: [1939838953, 1420929437] },
  { name: 'f20x10', kind: 'fjs', jobs: 20, machines: 10, seeds: [20101, 0] },
  { name: 'f30x15', kind: 'fjs', jobs: 30, machines: 15, seeds: [30151, 0] },
];

const args = process.argv.slice(2);
let timeLimit = 10;
let iterations: number | undefined;
let seed = 1;
let dist = false;
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--time-limit') timeLimit = Number(args[++i]);
  else if (a === '--iterations') iterations = Number(args[++i]);
  else if (a === '--seed') seed = Number(args[++i]);
  else if (a === '--dist') dist = true;
  else names.push(a);
}
const engine: typeof Engine = dist
  ? ((await import(join(root, 'dist/solver/index.js'))) as typeof Engine)
  : await import('../../src/solver/index.js');

const rows: string[] = [
  `time limit ${iterations === undefined ? `${timeLimit} s` : `— (${iterations} iterations)`}, seed ${seed}, one thread, ${dist ? 'dist' : 'tsx'}`,
  '',
  '| instance | size | reference | found | gap % | iterations | it/s | restarts | best at (s) |',
  '|---|---|---|---|---|---|---|---|---|',
];
const gaps: number[] = [];
for (const spec of SPECS.filter((s) => names.length === 0 || names.includes(s.name))) {
  const text =
    spec.kind === 'jssp'
      ? taillard(spec.jobs, spec.machines, spec.seeds[0], spec.seeds[1])
      : brandimarteLike(spec.jobs, spec.machines, spec.seeds[0]);
  const problem = spec.kind === 'jssp' ? engine.parseJssp(text) : engine.parseFjs(text);
  const r = engine.solve(problem, {
    seed,
    ...(iterations === undefined
      ? { timeLimitMs: timeLimit * 1000 }
      : { iterationLimit: iterations }),
  });
  const ref = spec.best ?? r.lowerBound;
  const gap = ((r.makespan - ref) / ref) * 100;
  gaps.push(gap);
  const row = `| ${spec.name} | ${spec.jobs}×${spec.machines} | ${ref}${spec.best ? ' (BKS)' : ' (LB)'} | ${r.makespan} | ${gap.toFixed(2)} | ${r.iterations} | ${Math.round(r.iterations / (r.elapsedMs / 1000))} | ${r.restarts} | ${(r.timeToBestMs / 1000).toFixed(1)} |`;
  rows.push(row);
  process.stderr.write(`${row}\n`);
}
rows.push('', `mean gap ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(2)}%`);
process.stdout.write(`${rows.join('\n')}\n`);
