/**
 * Solver benchmark: solves standard instances one at a time (one worker thread each), checks
 * every schedule with the independent checker shared/bench/check_schedule.py, and writes a
 * Markdown table (instance, best known, found, gap, time to best) to bench/results/.
 *
 *   npx tsx bench/solver/run.ts [--time-limit S] [--seed N] [--shared DIR] [--dist] [GROUP|NAME ...]
 *
 * GROUP: ta, mk, la, ft, edata, kacem (default: ta mk la edata). NAME: an instance name from
 * bounds.csv (e.g. ta01, mk06, la16_edata). --dist runs the compiled engine from dist/solver/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Engine from '../../src/solver/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  timeLimit: number;
  seed: number;
  shared: string;
  dist: boolean;
  selectors: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    timeLimit: 10,
    seed: 1,
    shared: resolve(root, '../shared'),
    dist: false,
    selectors: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--time-limit') o.timeLimit = Number(argv[++i]);
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--shared') o.shared = resolve(argv[++i]!);
    else if (a === '--dist') o.dist = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.selectors.push(a);
  }
  if (o.selectors.length === 0) o.selectors = ['ta', 'mk', 'la', 'edata'];
  return o;
}

interface Instance {
  name: string;
  family: string;
  jobs: number;
  machines: number;
  lb: number;
  best: number;
  optimal: boolean;
  file: string;
}

const GROUPS: Record<string, (i: Instance) => boolean> = {
  ta: (i) => i.family === 'jssp/taillard',
  la: (i) => i.family === 'jssp/lawrence',
  ft: (i) => i.family === 'jssp/ft',
  mk: (i) => i.family === 'fjsp/brandimarte',
  edata: (i) => i.family === 'fjsp/hurink/edata',
  kacem: (i) => i.family === 'fjsp/kacem',
};

function readBounds(shared: string): Instance[] {
  const text = readFileSync(join(shared, 'bench/instances/bounds.csv'), 'utf8');
  const [, ...rows] = text.trim().split('\n');
  return rows.map((row) => {
    const [name, family, jobs, machines, lb, best, optimal, file] = row.split(',');
    return {
      name: name!,
      family: family!,
      jobs: Number(jobs),
      machines: Number(machines),
      lb: Number(lb),
      best: Number(best),
      optimal: optimal === 'yes',
      file: file!,
    };
  });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const engine: typeof Engine = options.dist
    ? ((await import(join(root, 'dist/solver/index.js'))) as typeof Engine)
    : await import('../../src/solver/index.js');
  const all = readBounds(options.shared);
  const selected: Instance[] = [];
  for (const sel of options.selectors) {
    const group = GROUPS[sel];
    const found = group ? all.filter(group) : all.filter((i) => i.name === sel);
    if (found.length === 0) throw new Error(`no instance or group "${sel}" in bounds.csv`);
    for (const i of found) if (!selected.includes(i)) selected.push(i);
  }
  const outDir = join(root, 'bench/results');
  const solutionDir = join(outDir, 'solutions');
  mkdirSync(solutionDir, { recursive: true });
  const checker = join(options.shared, 'bench/check_schedule.py');

  const rows: string[] = [];
  const gaps = new Map<string, number[]>();
  let allValid = true;
  for (const inst of selected) {
    const path = join(options.shared, 'bench/instances', inst.file);
    const text = readFileSync(path, 'utf8');
    const problem = inst.file.endsWith('.fjs') ? engine.parseFjs(text) : engine.parseJssp(text);
    const run = engine.startSolver(problem, {
      timeLimitMs: options.timeLimit * 1000,
      seed: options.seed,
    });
    const result = await run.result;
    const solutionPath = join(solutionDir, `${inst.name}.json`);
    writeFileSync(
      solutionPath,
      JSON.stringify({
        makespan: result.makespan,
        elapsedMs: result.elapsedMs,
        iterations: result.iterations,
        lowerBound: result.lowerBound,
        operations: result.operations,
      }),
    );
    const check = spawnSync('python3', [checker, path, solutionPath], { encoding: 'utf8' });
    const valid =
      check.status === 0 && check.stdout.startsWith(`VALID makespan=${result.makespan}`);
    if (!valid) allValid = false;
    const gap = ((result.makespan - inst.best) / inst.best) * 100;
    const family = Object.keys(GROUPS).find((g) => GROUPS[g]!(inst))!;
    gaps.set(family, [...(gaps.get(family) ?? []), gap]);
    const row = `| ${inst.name} | ${inst.jobs}×${inst.machines} | ${inst.best}${inst.optimal ? '' : '*'} | ${result.makespan} | ${gap.toFixed(2)} | ${(result.timeToBestMs / 1000).toFixed(2)} | ${result.iterations} | ${valid ? 'yes' : `NO: ${(check.stdout + check.stderr).trim().slice(0, 80)}`} |`;
    rows.push(row);
    process.stderr.write(`${row}\n`);
  }
  const header = [
    `Solver benchmark: time limit ${options.timeLimit} s per instance, seed ${options.seed}, one worker thread, ${options.dist ? 'compiled dist/' : 'tsx (source)'}`,
    '',
    '| instance | size | best known | found | gap % | time to best (s) | iterations | valid |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const summary = [
    '',
    '| group | instances | mean gap % | max gap % |',
    '|---|---|---|---|',
    ...[...gaps].map(
      ([g, list]) =>
        `| ${g} | ${list.length} | ${(list.reduce((a, b) => a + b, 0) / list.length).toFixed(2)} | ${Math.max(...list).toFixed(2)} |`,
    ),
    '',
    '`*` best known not proven optimal. Gap = (found − best known) / best known.',
  ];
  const table = [...header, ...rows, ...summary].join('\n');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(outDir, `solver-${stamp}.md`);
  writeFileSync(out, `${table}\n`);
  process.stdout.write(`${table}\n\nwritten to ${out}\n`);
  if (!allValid) process.exitCode = 1;
}

await main();
