import { describe, expect, it } from 'vitest';
import { compile, ProblemError, type Problem, type ScheduledOperation } from './model.js';
import { parseFjs } from './parse-fjs.js';
import { parseJssp } from './parse-jssp.js';
import { Random } from './random.js';
import { solve, type Progress } from './solve.js';

/**
 * An independent validator written from the problem statement (not the solver's evaluation):
 * every operation once, on an eligible machine for its duration, in job order, after its
 * job's release, no overlap on a machine, none inside an unavailable interval.
 */
function validate(problem: Problem, ops: ScheduledOperation[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, ScheduledOperation>();
  for (const o of ops) {
    const key = `${o.job}/${o.op}`;
    if (seen.has(key)) errors.push(`${key} twice`);
    seen.set(key, o);
    const spec = problem.jobs[o.job]?.operations[o.op];
    if (!spec) {
      errors.push(`${key} unknown`);
      continue;
    }
    const alt = spec.alternatives.find((a) => a.machine === o.machine);
    if (!alt) errors.push(`${key} on ineligible machine ${o.machine}`);
    else if (o.end - o.start !== alt.duration) errors.push(`${key} wrong duration`);
    if (!Number.isInteger(o.start) || o.start < 0) errors.push(`${key} bad start ${o.start}`);
    for (const iv of problem.machines?.[o.machine]?.unavailable ?? []) {
      const end = iv.end ?? Number.POSITIVE_INFINITY;
      if (end > iv.start && o.start < end && (iv.start < o.end || iv.start <= o.start)) {
        errors.push(`${key} overlaps unavailable [${iv.start}, ${end}) on machine ${o.machine}`);
      }
    }
  }
  problem.jobs.forEach((job, j) => {
    job.operations.forEach((_, k) => {
      const o = seen.get(`${j}/${k}`);
      if (!o) return errors.push(`${j}/${k} missing`);
      if (k === 0 && o.start < (job.release ?? 0)) errors.push(`${j} starts before release`);
      const prev = seen.get(`${j}/${k - 1}`);
      if (prev && o.start < prev.end) errors.push(`${j}/${k} starts before its predecessor ends`);
    });
  });
  const byMachine = new Map<number, ScheduledOperation[]>();
  for (const o of ops) byMachine.set(o.machine, [...(byMachine.get(o.machine) ?? []), o]);
  for (const [k, list] of byMachine) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.start < list[i - 1]!.end) errors.push(`overlap on machine ${k}`);
    }
  }
  return errors;
}

const FT06 = `6 6
2  1  0  3  1  6  3  7  5  3  4  6
1  8  2  5  4 10  5 10  0 10  3  4
2  5  3  4  5  8  0  9  1  1  4  7
1  5  0  5  2  5  3  3  4  8  5  9
2  9  1  3  4  5  5  4  0  3  3  1
1  3  3  3  5  9  0 10  4  4  2  1`;

const KACEM1 = `4 5 5
3  5 1 2 2 5 3 4 4 1 5 2  5 1 5 2 4 3 5 4 7 5 5  5 1 4 2 5 3 5 4 4 5 5
3  5 1 2 2 5 3 4 4 7 5 8  5 1 5 2 6 3 9 4 8 5 5  5 1 4 2 5 3 4 4 54 5 5
4  5 1 9 2 8 3 6 4 7 5 9  5 1 6 2 1 3 2 4 5 5 4  5 1 2 2 5 3 4 4 2 5 4  5 1 4 2 5 3 2 4 1 5 5
2  5 1 1 2 5 3 2 4 4 5 12 5 1 5 2 1 3 2 4 1 5 2`;

/** A random flexible job shop with optional calendars, releases and due dates. */
function randomProblem(
  seed: number,
  opts: { jobs: number; machines: number; calendars?: boolean; releases?: boolean },
): Problem {
  const rng = new Random(seed);
  const jobs: Problem['jobs'] = [];
  for (let j = 0; j < opts.jobs; j++) {
    const operations = [];
    const count = 2 + rng.int(4);
    for (let k = 0; k < count; k++) {
      const alternatives = [];
      const first = rng.int(opts.machines);
      const alts = 1 + rng.int(Math.min(3, opts.machines));
      for (let a = 0; a < alts; a++)
        alternatives.push({ machine: (first + a) % opts.machines, duration: 1 + rng.int(9) });
      operations.push({ alternatives });
    }
    jobs.push({ operations, ...(opts.releases ? { release: rng.int(20) } : {}) });
  }
  const machines = opts.calendars
    ? Array.from({ length: opts.machines }, () => ({
        unavailable: Array.from({ length: 4 }, (_, i) => {
          const start = i * 25 + rng.int(15);
          return { start, end: start + 1 + rng.int(8) };
        }),
      }))
    : undefined;
  return { machineCount: opts.machines, jobs, ...(machines ? { machines } : {}) };
}

describe('solve', () => {
  it('finds the optimum 55 of ft06 within a few thousand iterations', () => {
    const problem = parseJssp(FT06);
    const result = solve(problem, { iterationLimit: 5000, seed: 3 });
    expect(validate(problem, result.operations)).toEqual([]);
    expect(result.makespan).toBe(55);
  });

  it('finds the optimum 11 of Kacem 4×5 (flexible)', () => {
    const problem = parseFjs(KACEM1);
    const result = solve(problem, { iterationLimit: 3000, seed: 1 });
    expect(validate(problem, result.operations)).toEqual([]);
    expect(result.makespan).toBe(11);
    expect(result.status).toBe('optimal');
  });

  it('returns the same schedule for the same seed and iteration limit', () => {
    const problem = randomProblem(7, { jobs: 8, machines: 4 });
    const a = solve(problem, { iterationLimit: 2000, seed: 42 });
    const b = solve(problem, { iterationLimit: 2000, seed: 42 });
    expect(b.operations).toEqual(a.operations);
    expect(b.iterations).toBe(a.iterations);
  });

  it('returns valid schedules on random flexible instances', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const problem = randomProblem(seed, { jobs: 6 + seed, machines: 3 + (seed % 3) });
      const result = solve(problem, { iterationLimit: 1500, seed });
      expect(validate(problem, result.operations)).toEqual([]);
      expect(result.makespan).toBeGreaterThanOrEqual(result.lowerBound);
    }
  });

  it('returns valid schedules when the best estimated moves are decoded exactly (tuning.exactTop)', () => {
    const problem = randomProblem(11, { jobs: 8, machines: 4 });
    const result = solve(problem, { iterationLimit: 800, seed: 2, tuning: { exactTop: 4 } });
    expect(validate(problem, result.operations)).toEqual([]);
  });

  it('never overlaps an unavailable interval nor starts before a release date', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const problem = randomProblem(100 + seed, {
        jobs: 6,
        machines: 3,
        calendars: true,
        releases: true,
      });
      const result = solve(problem, { iterationLimit: 400, seed });
      expect(validate(problem, result.operations)).toEqual([]);
    }
  });

  it('schedules around a maintenance window instead of splitting an operation', () => {
    const problem: Problem = {
      machineCount: 1,
      jobs: [{ operations: [{ alternatives: [{ machine: 0, duration: 5 }] }] }],
      machines: [{ unavailable: [{ start: 3, end: 4 }] }],
    };
    const result = solve(problem, { iterationLimit: 10 });
    expect(result.operations[0]).toMatchObject({ start: 4, end: 9 });
  });

  it('finds an on-time plan with the tardiness objective when one exists', () => {
    // Job 0 is long and due late, job 1 short and due early: makespan order does not matter,
    // but only "job 1 first on M0" keeps both on time.
    const op = (machine: number, duration: number) => ({ alternatives: [{ machine, duration }] });
    const problem: Problem = {
      machineCount: 2,
      jobs: [
        { operations: [op(0, 6), op(1, 2)], due: 20 },
        { operations: [op(0, 2), op(1, 6)], due: 9, weight: 5 },
        { operations: [op(1, 3), op(0, 3)], due: 15 },
      ],
    };
    const result = solve(problem, { iterationLimit: 500, objective: 'tardiness', seed: 2 });
    expect(validate(problem, result.operations)).toEqual([]);
    expect(result.tardiness).toBe(0);
    expect(result.objectiveValue).toBe(0);
  });

  it('reduces weighted tardiness on a random instance with due dates', () => {
    const base = randomProblem(9, { jobs: 10, machines: 3 });
    const problem: Problem = {
      ...base,
      jobs: base.jobs.map((j, i) => ({ ...j, due: 10 + 3 * i, weight: 1 + (i % 3) })),
    };
    const quick = solve(problem, { iterationLimit: 1, objective: 'tardiness', seed: 1 });
    const longer = solve(problem, { iterationLimit: 1500, objective: 'tardiness', seed: 1 });
    expect(validate(problem, longer.operations)).toEqual([]);
    expect(longer.tardiness).toBeLessThanOrEqual(quick.tardiness);
  });

  it('stops when asked and still returns the best schedule so far', () => {
    const problem = randomProblem(3, { jobs: 12, machines: 4 });
    let polls = 0;
    const result = solve(problem, { shouldStop: () => ++polls > 3 });
    expect(result.iterations).toBeLessThanOrEqual(4 * 32);
    expect(validate(problem, result.operations)).toEqual([]);
  });

  it('reports progress with the best objective and elapsed time from the injected clock', () => {
    let now = 0;
    const events: Progress[] = [];
    const problem = parseJssp(FT06);
    solve(problem, { iterationLimit: 300, clock: () => (now += 1), progressIntervalMs: 0 }, (p) =>
      events.push(p),
    );
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)!.bestObjective).toBeGreaterThanOrEqual(55);
    expect(events.at(-1)!.elapsedMs).toBeGreaterThan(0);
  });

  it('stops at the time limit measured by the injected clock', () => {
    let now = 0;
    const result = solve(randomProblem(4, { jobs: 10, machines: 4 }), {
      timeLimitMs: 50,
      clock: () => (now += 1),
    });
    expect(result.iterations).toBeLessThan(50 * 32);
  });

  it('rejects a job released after every eligible machine has closed for good', () => {
    const problem: Problem = {
      machineCount: 2,
      jobs: [
        {
          operations: [
            {
              alternatives: [
                { machine: 0, duration: 2 },
                { machine: 1, duration: 2 },
              ],
            },
          ],
          release: 100,
        },
      ],
      machines: [
        { unavailable: [{ start: 50 }] },
        {
          unavailable: [
            { start: 10, end: 20 },
            { start: 60, end: null },
          ],
        },
      ],
    };
    expect(() => solve(problem, { iterationLimit: 10 })).toThrow(ProblemError);
    expect(() => solve(problem, { iterationLimit: 10 })).toThrow(/can never be placed/);
  });

  it('accepts a compiled model as well as a problem', () => {
    const result = solve(compile(parseJssp(FT06)), { iterationLimit: 100 });
    expect(result.operations).toHaveLength(36);
  });
});
