import { describe, expect, it } from 'vitest';
import { FOREVER, ProblemError, compile, earliestFit, mergeIntervals } from './model.js';
import { makespanLowerBound } from './bounds.js';

const op = (machine: number, duration: number) => ({ alternatives: [{ machine, duration }] });

describe('compile', () => {
  it('numbers operations job by job with job predecessor links', () => {
    const m = compile({
      machineCount: 2,
      jobs: [{ operations: [op(0, 2), op(1, 3)] }, { operations: [op(1, 1)] }],
    });
    expect(m.opCount).toBe(3);
    expect(Array.from(m.jobPrev)).toEqual([-1, 0, -1]);
    expect(Array.from(m.jobNext)).toEqual([1, -1, -1]);
    expect(m.durationOn[1 * 2 + 1]).toBe(3);
    expect(m.durationOn[1 * 2 + 0]).toBe(-1);
  });

  it('rejects an operation with no eligible machine', () => {
    expect(() =>
      compile({ machineCount: 1, jobs: [{ operations: [{ alternatives: [] }] }] }),
    ).toThrow(/job 0 operation 0 has no eligible machine/);
  });

  it('rejects negative and fractional durations and unknown machines', () => {
    expect(() => compile({ machineCount: 1, jobs: [{ operations: [op(0, -1)] }] })).toThrow(
      ProblemError,
    );
    expect(() => compile({ machineCount: 1, jobs: [{ operations: [op(0, 1.5)] }] })).toThrow(
      /integer/,
    );
    expect(() => compile({ machineCount: 1, jobs: [{ operations: [op(3, 1)] }] })).toThrow(
      /machine 3/,
    );
  });

  it('merges overlapping unavailable intervals and keeps open-ended ones', () => {
    expect(
      mergeIntervals(
        [{ start: 5, end: 8 }, { start: 0, end: 2 }, { start: 7, end: 10 }, { start: 20 }],
        'm',
      ),
    ).toEqual([
      [0, 2],
      [5, 10],
      [20, FOREVER],
    ]);
    expect(() => mergeIntervals([{ start: 5, end: 3 }], 'm')).toThrow(/ends/);
  });
});

describe('earliestFit', () => {
  const model = compile({
    machineCount: 1,
    jobs: [{ operations: [op(0, 1)] }],
    machines: [{ unavailable: [{ start: 3, end: 5 }, { start: 8, end: 9 }, { start: 20 }] }],
  });

  it('starts an operation where it fits entirely between unavailable intervals', () => {
    expect(earliestFit(model, 0, 0, 3)).toBe(0);
    expect(earliestFit(model, 0, 1, 3)).toBe(5);
    expect(earliestFit(model, 0, 4, 3)).toBe(5);
    expect(earliestFit(model, 0, 6, 3)).toBe(9);
  });

  it('returns FOREVER when the machine closes for good first', () => {
    expect(earliestFit(model, 0, 9, 12)).toBe(FOREVER);
    expect(earliestFit(model, 0, 25, 1)).toBe(FOREVER);
  });
});

describe('makespanLowerBound', () => {
  it('is at least the longest job and the busiest single-choice machine', () => {
    const model = compile({
      machineCount: 2,
      jobs: [
        { operations: [op(0, 5), op(1, 5)] },
        { operations: [op(0, 4)] },
        { operations: [op(0, 4)] },
      ],
    });
    // machine 0: earliest head 0 + load 13 + shortest tail 0
    expect(makespanLowerBound(model)).toBe(13);
  });

  it('counts release dates in the job bound', () => {
    const model = compile({ machineCount: 1, jobs: [{ operations: [op(0, 5)], release: 10 }] });
    expect(makespanLowerBound(model)).toBe(15);
  });
});
