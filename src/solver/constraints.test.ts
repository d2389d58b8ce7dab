import { describe, expect, it } from 'vitest';
import {
  eligibleMachineAndDuration,
  everyOperationOnce,
  jobOrderAndRelease,
  noOverlapOnMachine,
  respectsCalendars,
  violations,
} from './constraints.js';
import { compile, type ScheduledOperation } from './model.js';

// Two jobs on two machines; job 1 is released at 1; machine 1 is closed during [10, 12).
const model = compile({
  machineCount: 2,
  jobs: [
    {
      operations: [
        { alternatives: [{ machine: 0, duration: 3 }] },
        {
          alternatives: [
            { machine: 1, duration: 2 },
            { machine: 0, duration: 4 },
          ],
        },
      ],
    },
    { operations: [{ alternatives: [{ machine: 1, duration: 4 }] }], release: 1 },
  ],
  machines: [{}, { unavailable: [{ start: 10, end: 12 }] }],
});
const valid: ScheduledOperation[] = [
  { job: 0, op: 0, machine: 0, start: 0, end: 3 },
  { job: 0, op: 1, machine: 1, start: 5, end: 7 },
  { job: 1, op: 0, machine: 1, start: 1, end: 5 },
];
const edit = (i: number, change: Partial<ScheduledOperation>): ScheduledOperation[] =>
  valid.map((op, k) => (k === i ? { ...op, ...change } : op));

describe('constraints', () => {
  it('accept a valid schedule', () => {
    expect(violations(model, valid)).toEqual([]);
  });

  it('everyOperationOnce flags missing, duplicated and unknown operations', () => {
    expect(everyOperationOnce(model, valid.slice(1))).toEqual(['job 0 op 0 is not scheduled']);
    expect(everyOperationOnce(model, [...valid, valid[0]!])).toEqual([
      'job 0 op 0 is scheduled twice',
    ]);
    expect(
      everyOperationOnce(model, [...valid, { job: 1, op: 1, machine: 0, start: 0, end: 1 }]),
    ).toHaveLength(1);
  });

  it('eligibleMachineAndDuration flags an ineligible machine and a wrong duration', () => {
    expect(eligibleMachineAndDuration(model, edit(2, { machine: 0 }))).toEqual([
      'job 1 op 0 is on ineligible machine 0',
    ]);
    expect(eligibleMachineAndDuration(model, edit(1, { machine: 0 }))).toEqual([
      'job 0 op 1 lasts 2, expected 4',
    ]);
  });

  it('jobOrderAndRelease flags an operation starting before its predecessor ends or before release', () => {
    expect(jobOrderAndRelease(model, edit(1, { start: 2, end: 4 }))).toEqual([
      'job 0 op 1 starts before op 0 ends',
    ]);
    expect(jobOrderAndRelease(model, edit(2, { start: 0, end: 4 }))).toEqual([
      'job 1 starts at 0 before its release 1',
    ]);
  });

  it('noOverlapOnMachine flags two operations sharing a machine at the same time', () => {
    expect(noOverlapOnMachine(model, edit(1, { start: 4, end: 6 }))).toHaveLength(1);
    expect(noOverlapOnMachine(model, valid)).toEqual([]);
  });

  it('respectsCalendars flags an operation overlapping an unavailable interval', () => {
    expect(respectsCalendars(model, edit(1, { start: 9, end: 11 }))).toHaveLength(1);
    expect(respectsCalendars(model, edit(1, { start: 12, end: 14 }))).toEqual([]);
    expect(respectsCalendars(model, edit(1, { start: 8, end: 10 }))).toEqual([]);
  });
});
