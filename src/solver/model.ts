/**
 * The scheduling problem as callers describe it (plain objects), and its compiled form (flat
 * typed arrays) that the search works on. Pure: no I/O.
 *
 * Time is an integer number of abstract units (minutes, seconds...) from 0. Operations of a job
 * run in the given order, each on exactly one of its eligible machines, without interruption,
 * never overlapping another operation or an unavailable interval of that machine.
 */

export interface Alternative {
  /** 0-based machine index. */
  machine: number;
  /** Integer processing time on that machine (≥ 0). */
  duration: number;
}

export interface Operation {
  alternatives: Alternative[];
}

export interface Job {
  operations: Operation[];
  /** Earliest start of the first operation (default 0). */
  release?: number;
  /** Due date of the last operation's end (tardiness objective). */
  due?: number;
  /** Weight of this job's tardiness (default 1). */
  weight?: number;
  name?: string;
}

/** Half-open interval [start, end); `end` null/omitted means closed forever from `start`. */
export interface Interval {
  start: number;
  end?: number | null;
}

export interface Machine {
  name?: string;
  unavailable?: Interval[];
}

export interface Problem {
  machineCount: number;
  jobs: Job[];
  /** Optional per-machine calendars (index = machine). */
  machines?: Machine[];
}

export type Objective = 'makespan' | 'tardiness';

export interface ScheduledOperation {
  job: number;
  op: number;
  machine: number;
  start: number;
  end: number;
}

/** Raised for impossible or malformed problem data. */
export class ProblemError extends Error {
  override name = 'ProblemError';
}

/** Largest time value accepted, so that sums stay exact in doubles. */
export const MAX_TIME = 1_000_000_000;
export const FOREVER = Number.POSITIVE_INFINITY;

/** The compiled, immutable problem. Operations are numbered job by job in file order. */
export interface Model {
  readonly jobCount: number;
  readonly machineCount: number;
  readonly opCount: number;
  /** Ops of job j are jobFirst[j] .. jobFirst[j+1]-1. */
  readonly jobFirst: Int32Array;
  readonly opJob: Int32Array;
  /** Index of the op within its job. */
  readonly opIndex: Int32Array;
  /** Previous / next op of the same job, -1 if none. */
  readonly jobPrev: Int32Array;
  readonly jobNext: Int32Array;
  /** Alternatives of op o are altFirst[o] .. altFirst[o+1]-1. */
  readonly altFirst: Int32Array;
  readonly altMachine: Int32Array;
  readonly altDuration: Int32Array;
  /** Duration of op o on machine k, -1 if not eligible (row-major op*machineCount+k). */
  readonly durationOn: Int32Array;
  readonly minDuration: Int32Array;
  readonly release: Float64Array;
  readonly due: Float64Array;
  readonly weight: Float64Array;
  readonly hasDueDates: boolean;
  /** Unavailable intervals of machine k: calFirst[k] .. calFirst[k+1]-1, sorted and merged. */
  readonly calFirst: Int32Array;
  readonly calStart: Float64Array;
  readonly calEnd: Float64Array;
  readonly hasCalendars: boolean;
  readonly hasReleases: boolean;
}

function checkTime(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ProblemError(`${what} must be an integer, got ${String(value)}`);
  }
  if (value < 0) throw new ProblemError(`${what} must not be negative, got ${value}`);
  if (value > MAX_TIME) throw new ProblemError(`${what} must be at most ${MAX_TIME}, got ${value}`);
  return value;
}

/** Sorts and merges intervals; validates bounds. Returns [starts, ends]. */
export function mergeIntervals(
  intervals: readonly Interval[],
  what: string,
): Array<[number, number]> {
  const list: Array<[number, number]> = [];
  for (const [i, iv] of intervals.entries()) {
    const s = checkTime(iv.start, `${what} interval ${i} start`);
    const e =
      iv.end === null || iv.end === undefined
        ? FOREVER
        : checkTime(iv.end, `${what} interval ${i} end`);
    if (e < s) throw new ProblemError(`${what} interval ${i} ends (${e}) before it starts (${s})`);
    if (e > s) list.push([s, e]);
  }
  list.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const iv of list) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** Validates a problem and compiles it into flat arrays. Throws ProblemError on bad data. */
export function compile(problem: Problem): Model {
  const m = problem.machineCount;
  if (!Number.isInteger(m) || m < 1)
    throw new ProblemError(`machine count must be a positive integer, got ${m}`);
  const jobs = problem.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0) throw new ProblemError('the problem has no jobs');
  const n = jobs.length;
  let opCount = 0;
  let altCount = 0;
  for (const [j, job] of jobs.entries()) {
    if (!job.operations || job.operations.length === 0)
      throw new ProblemError(`job ${j} has no operations`);
    for (const [k, op] of job.operations.entries()) {
      if (!op.alternatives || op.alternatives.length === 0) {
        throw new ProblemError(`job ${j} operation ${k} has no eligible machine`);
      }
      altCount += op.alternatives.length;
    }
    opCount += job.operations.length;
  }
  const jobFirst = new Int32Array(n + 1);
  const opJob = new Int32Array(opCount);
  const opIndex = new Int32Array(opCount);
  const jobPrev = new Int32Array(opCount);
  const jobNext = new Int32Array(opCount);
  const altFirst = new Int32Array(opCount + 1);
  const altMachine = new Int32Array(altCount);
  const altDuration = new Int32Array(altCount);
  const durationOn = new Int32Array(opCount * m).fill(-1);
  const minDuration = new Int32Array(opCount);
  const release = new Float64Array(n);
  const due = new Float64Array(n).fill(FOREVER);
  const weight = new Float64Array(n).fill(1);
  let hasDueDates = false;
  let hasReleases = false;
  let o = 0;
  let a = 0;
  for (const [j, job] of jobs.entries()) {
    jobFirst[j] = o;
    if (job.release !== undefined) {
      release[j] = checkTime(job.release, `job ${j} release`);
      if (release[j]! > 0) hasReleases = true;
    }
    if (job.due !== undefined && job.due !== null) {
      due[j] = checkTime(job.due, `job ${j} due date`);
      hasDueDates = true;
    }
    if (job.weight !== undefined) weight[j] = checkTime(job.weight, `job ${j} weight`);
    for (const [k, op] of job.operations.entries()) {
      opJob[o] = j;
      opIndex[o] = k;
      jobPrev[o] = k > 0 ? o - 1 : -1;
      jobNext[o] = k < job.operations.length - 1 ? o + 1 : -1;
      altFirst[o] = a;
      let min = Number.MAX_SAFE_INTEGER;
      for (const alt of op.alternatives) {
        const what = `job ${j} operation ${k}`;
        if (!Number.isInteger(alt.machine) || alt.machine < 0 || alt.machine >= m) {
          throw new ProblemError(
            `${what} refers to machine ${alt.machine}, but machines are 0..${m - 1}`,
          );
        }
        const d = checkTime(alt.duration, `${what} duration on machine ${alt.machine}`);
        const prev = durationOn[o * m + alt.machine]!;
        if (prev >= 0) {
          // The same machine listed twice: keep the shorter time.
          if (d < prev) {
            durationOn[o * m + alt.machine] = d;
            for (let x = altFirst[o]!; x < a; x++)
              if (altMachine[x] === alt.machine) altDuration[x] = d;
          }
          min = Math.min(min, d);
          continue;
        }
        altMachine[a] = alt.machine;
        altDuration[a] = d;
        durationOn[o * m + alt.machine] = d;
        min = Math.min(min, d);
        a++;
      }
      minDuration[o] = min;
      o++;
    }
  }
  jobFirst[n] = o;
  altFirst[opCount] = a;

  const calFirst = new Int32Array(m + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  const machines = problem.machines ?? [];
  if (machines.length > m)
    throw new ProblemError(`${machines.length} machine calendars given for ${m} machines`);
  for (let k = 0; k < m; k++) {
    calFirst[k] = starts.length;
    const cal = machines[k]?.unavailable;
    if (!cal) continue;
    for (const [s, e] of mergeIntervals(cal, `machine ${k} unavailable`)) {
      starts.push(s);
      ends.push(e);
    }
  }
  calFirst[m] = starts.length;

  return {
    jobCount: n,
    machineCount: m,
    opCount,
    jobFirst,
    opJob,
    opIndex,
    jobPrev,
    jobNext,
    altFirst,
    altMachine: altMachine.slice(0, a),
    altDuration: altDuration.slice(0, a),
    durationOn,
    minDuration,
    release,
    due,
    weight,
    hasDueDates,
    calFirst,
    calStart: Float64Array.from(starts),
    calEnd: Float64Array.from(ends),
    hasCalendars: starts.length > 0,
    hasReleases,
  };
}

/**
 * Earliest start ≥ t at which an operation of length d fits on machine k between its
 * unavailable intervals (a linear scan); FOREVER if it never fits.
 */
export function earliestFit(model: Model, k: number, t: number, d: number): number {
  const end = model.calFirst[k + 1]!;
  for (let c = model.calFirst[k]!; c < end; c++) {
    const cs = model.calStart[c]!;
    const ce = model.calEnd[c]!;
    if (ce <= t) continue;
    if (cs < t + d || cs <= t) {
      t = ce;
      if (t === FOREVER) return FOREVER;
    } else break;
  }
  return t;
}
