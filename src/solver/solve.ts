import { makespanLowerBound } from './bounds.js';
import { systemClock, type Clock } from './clock.js';
import { violations } from './constraints.js';
import { construct } from './construct.js';
import {
  compile,
  type Model,
  type Objective,
  type Problem,
  type ScheduledOperation,
} from './model.js';
import { Random } from './random.js';
import { Schedule } from './schedule.js';
import { tabuSearch, type SearchTuning } from './tabu.js';

export interface SolveOptions {
  /** 'makespan' (default) or 'tardiness' (total weighted tardiness, then makespan). */
  objective?: Objective;
  /** Wall-clock limit in ms (default 10 000 when no iteration limit is given). */
  timeLimitMs?: number;
  /** Iteration limit of the local search; with a seed this makes a run reproducible. */
  iterationLimit?: number;
  /** Seed of the pseudo-random generator (default 1). */
  seed?: number;
  /** Injected clock in ms (default: performance.now). Used only to stop and report. */
  clock?: Clock;
  /** Polled regularly; returning true cancels the run (the best solution so far is returned). */
  shouldStop?: () => boolean;
  /** Minimum ms between two progress events (default 200). */
  progressIntervalMs?: number;
  /** Advanced search knobs (benchmarks/experiments); the defaults are the tested ones. */
  tuning?: SearchTuning;
}

export interface Progress {
  /** Best objective so far: makespan, or total weighted tardiness. */
  bestObjective: number;
  makespan: number;
  tardiness: number;
  iterations: number;
  elapsedMs: number;
}

export interface SolveResult {
  status: 'optimal' | 'feasible';
  objective: Objective;
  /** Objective value: makespan, or total weighted tardiness. */
  objectiveValue: number;
  makespan: number;
  tardiness: number;
  lowerBound: number;
  operations: ScheduledOperation[];
  iterations: number;
  iterationsToBest: number;
  restarts: number;
  elapsedMs: number;
  timeToBestMs: number;
  seed: number;
}

function isModel(p: Problem | Model): p is Model {
  return (p as Model).opCount !== undefined;
}

/** The best of a few randomised constructions (deterministic for a seed). */
function bestConstruction(model: Model, objective: Objective, rng: Random): Schedule {
  let avgAlts = model.altMachine.length / model.opCount;
  avgAlts = Math.max(1, avgAlts);
  const runs = Math.max(
    1,
    Math.min(20, Math.floor(4e6 / (model.opCount * model.jobCount * avgAlts))),
  );
  const tardiness = objective === 'tardiness' && model.hasDueDates;
  let best: Schedule | undefined;
  for (let r = 0; r < runs; r++) {
    const s = new Schedule(model);
    construct(model, s, objective, rng, r === 0 ? 0 : 0.3);
    if (!s.decode()) continue;
    if (
      !best ||
      (tardiness
        ? s.tardiness < best.tardiness ||
          (s.tardiness === best.tardiness && s.makespan < best.makespan)
        : s.makespan < best.makespan)
    ) {
      best = s;
    }
  }
  if (!best) throw new Error('construction produced no feasible schedule');
  return best;
}

/** The operations of a decoded schedule, in job/op order. */
export function scheduledOperations(s: Schedule): ScheduledOperation[] {
  const model = s.model;
  const out: ScheduledOperation[] = [];
  for (let v = 0; v < model.opCount; v++) {
    out.push({
      job: model.opJob[v]!,
      op: model.opIndex[v]!,
      machine: s.mach[v]!,
      start: s.start[v]!,
      end: s.start[v]! + s.dur[v]!,
    });
  }
  return out;
}

/**
 * Solves a (flexible) job-shop problem synchronously: construction, then tabu search until
 * the time or iteration limit, cancellation, or a proven optimum. Throws ProblemError on
 * impossible data. Run it in a worker thread (see worker.ts) to keep an event loop free.
 */
export function solve(
  problem: Problem | Model,
  options: SolveOptions = {},
  onProgress?: (p: Progress) => void,
): SolveResult {
  const clock = options.clock ?? systemClock;
  const t0 = clock();
  const model = isModel(problem) ? problem : compile(problem);
  const objective: Objective = options.objective ?? 'makespan';
  const seed = options.seed ?? 1;
  const iterationLimit = options.iterationLimit ?? Number.POSITIVE_INFINITY;
  const timeLimitMs =
    options.timeLimitMs ??
    (options.iterationLimit === undefined ? 10_000 : Number.POSITIVE_INFINITY);
  const interval = options.progressIntervalMs ?? 200;
  const rng = new Random(seed);
  const lowerBound = makespanLowerBound(model);
  const tardinessMode = objective === 'tardiness' && model.hasDueDates;

  const initial = bestConstruction(model, objective, rng);
  initial.computeTails();
  let lastEmit = Number.NEGATIVE_INFINITY;
  let timeToBest = clock() - t0;
  let bestMakespan = initial.makespan;
  let bestTardiness = tardinessMode ? initial.tardiness : 0;
  let iterations = 0;
  const emit = (force: boolean): void => {
    if (!onProgress) return;
    const now = clock();
    if (!force && now - lastEmit < interval) return;
    lastEmit = now;
    onProgress({
      bestObjective: tardinessMode ? bestTardiness : bestMakespan,
      makespan: bestMakespan,
      tardiness: bestTardiness,
      iterations,
      elapsedMs: Math.round(now - t0),
    });
  };
  emit(true);
  const stoppedByCaller = (): boolean => options.shouldStop?.() === true;
  const result = tabuSearch(model, initial, {
    objective,
    seed,
    iterationLimit,
    lowerBound,
    ...(options.tuning ? { tuning: options.tuning } : {}),
    shouldStop: () => {
      if (stoppedByCaller()) return true;
      const elapsed = clock() - t0;
      emit(false);
      return elapsed >= timeLimitMs;
    },
    onImprove: (best, iteration) => {
      timeToBest = clock() - t0;
      bestMakespan = best.makespan;
      bestTardiness = tardinessMode ? best.tardiness : 0;
      iterations = iteration;
      emit(false);
    },
  });
  iterations = result.iterations;
  const best = result.best;
  if (!best.decode()) throw new Error('internal error: the best schedule does not decode');
  const operations = scheduledOperations(best);
  const problems = violations(model, operations);
  if (problems.length > 0)
    throw new Error(`internal error: invalid schedule: ${problems.slice(0, 5).join('; ')}`);
  const tardiness = model.hasDueDates ? best.weightedTardiness() : 0;
  const elapsedMs = Math.round(clock() - t0);
  emit(true);
  return {
    status:
      best.makespan <= lowerBound && (!tardinessMode || tardiness === 0) ? 'optimal' : 'feasible',
    objective,
    objectiveValue: tardinessMode ? tardiness : best.makespan,
    makespan: best.makespan,
    tardiness,
    lowerBound,
    operations,
    iterations: result.iterations,
    iterationsToBest: result.iterationsToBest,
    restarts: result.restarts,
    elapsedMs,
    timeToBestMs: Math.round(timeToBest),
    seed,
  };
}
