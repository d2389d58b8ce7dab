import { describe, expect, it } from 'vitest';
import { ProblemError, type Problem } from './model.js';
import type { Progress } from './solve.js';
import { startSolver } from './worker.js';

const op = (machine: number, duration: number) => ({ alternatives: [{ machine, duration }] });
const problem: Problem = {
  machineCount: 3,
  jobs: Array.from({ length: 8 }, (_, j) => ({
    operations: [
      op(j % 3, 3 + (j % 5)),
      op((j + 1) % 3, 2 + (j % 4)),
      op((j + 2) % 3, 4 + (j % 3)),
    ],
  })),
};

describe('startSolver', () => {
  it('solves in a worker thread, emitting progress and resolving with the result', async () => {
    const run = startSolver(problem, { iterationLimit: 2000, seed: 5, progressIntervalMs: 0 });
    const events: Progress[] = [];
    run.onProgress((p) => events.push(p));
    const result = await run.result;
    expect(result.operations).toHaveLength(24);
    expect(result.iterations).toBeLessThanOrEqual(2000);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)!.makespan).toBe(result.makespan);
  });

  it('cancel() ends a long run early with the best schedule so far', async () => {
    const run = startSolver(
      {
        machineCount: 5,
        jobs: Array.from({ length: 30 }, (_, j) => ({
          operations: [0, 1, 2, 3, 4].map((k) => op((k + j) % 5, 1 + ((j * 7 + k * 3) % 11))),
        })),
      },
      { timeLimitMs: 60_000 },
    );
    let first = true;
    run.onProgress(() => {
      if (first) run.cancel();
      first = false;
    });
    const started = Date.now();
    const result = await run.result;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.operations).toHaveLength(150);
  });

  it('rejects impossible data with a ProblemError', async () => {
    const run = startSolver({ machineCount: 1, jobs: [{ operations: [{ alternatives: [] }] }] });
    await expect(run.result).rejects.toBeInstanceOf(ProblemError);
  });
});
