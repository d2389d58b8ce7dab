import { describe, expect, it } from 'vitest';
import { compile } from './model.js';
import { Schedule } from './schedule.js';

const op = (machine: number, duration: number) => ({ alternatives: [{ machine, duration }] });
// Job 0: M0(3) → M1(2); job 1: M1(4) → M0(1).
const problem = {
  machineCount: 2,
  jobs: [{ operations: [op(0, 3), op(1, 2)] }, { operations: [op(1, 4), op(0, 1)] }],
};

function sequenced(model = compile(problem)): Schedule {
  const s = new Schedule(model);
  s.append(0, 0); // j0o0 on M0
  s.append(3, 0); // j1o1 on M0
  s.append(2, 1); // j1o0 on M1
  s.append(1, 1); // j0o1 on M1
  return s;
}

describe('Schedule', () => {
  it('decodes machine sequences into the semi-active schedule', () => {
    const s = sequenced();
    expect(s.decode()).toBe(true);
    expect(Array.from(s.start)).toEqual([0, 4, 0, 4]);
    expect(s.makespan).toBe(6);
  });

  it('computes tails as the longest path after each operation', () => {
    const s = sequenced();
    s.decode();
    s.computeTails();
    expect(Array.from(s.tail)).toEqual([2, 0, 2, 0]);
  });

  it('relocate then relocate back restores the sequences', () => {
    const s = sequenced();
    const before = [Array.from(s.mPrev), Array.from(s.mNext)];
    s.relocate(1, 1, -1); // j0o1 to the front of M1
    expect(s.mHead[1]).toBe(1);
    s.relocate(1, 1, 2);
    expect([Array.from(s.mPrev), Array.from(s.mNext)]).toEqual(before);
  });

  it('reports a cycle between job order and machine order as undecodable', () => {
    const s = new Schedule(compile(problem));
    s.append(3, 0); // j1o1 before j0o0 on M0
    s.append(0, 0);
    s.append(1, 1); // j0o1 before j1o0 on M1: j0o0→j0o1→j1o0→j1o1→j0o0
    s.append(2, 1);
    expect(s.decode()).toBe(false);
  });

  it('delays operations past unavailable intervals and release dates', () => {
    const model = compile({
      ...problem,
      jobs: [problem.jobs[0]!, { ...problem.jobs[1]!, release: 1 }],
      machines: [{ unavailable: [{ start: 4, end: 6 }] }, {}],
    });
    const s = sequenced(model);
    expect(s.decode()).toBe(true);
    // j1o0 released at 1 → [1,5); j1o1 would run [5,6) but M0 is closed [4,6) → starts 6.
    expect(Array.from(s.start)).toEqual([0, 5, 1, 6]);
  });

  it('reports an operation that cannot fit before a machine closes for good', () => {
    const model = compile({ ...problem, machines: [{ unavailable: [{ start: 2 }] }, {}] });
    expect(sequenced(model).decode()).toBe(false);
  });

  it('computes total weighted tardiness from due dates', () => {
    const model = compile({
      ...problem,
      jobs: [
        { ...problem.jobs[0]!, due: 5, weight: 3 },
        { ...problem.jobs[1]!, due: 5 },
      ],
    });
    const s = sequenced(model);
    s.decode();
    expect(s.tardiness).toBe(3 * 1 + 0);
  });
});
