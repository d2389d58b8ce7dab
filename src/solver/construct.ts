import { FOREVER, ProblemError, earliestFit, type Model, type Objective } from './model.js';
import type { Random } from './random.js';
import type { Schedule } from './schedule.js';

/**
 * Giffler–Thompson style construction of an active schedule, generalised to flexible job
 * shops and calendars. At each step: find the ready operation/machine pair that can complete
 * first (time C*, machine k*); among ready operations that could start on k* before C*, pick
 * one by a priority rule (most work remaining for makespan, least slack for tardiness, with a
 * little randomness) and put it on the machine where it completes earliest.
 * Throws ProblemError when an operation can never be placed (every eligible machine closed).
 */
export function construct(
  model: Model,
  schedule: Schedule,
  objective: Objective,
  rng: Random,
  noise: number,
): void {
  const n = model.jobCount;
  const m = model.machineCount;
  const next = new Int32Array(n);
  const jobReady = new Float64Array(n);
  const machReady = new Float64Array(m);
  const remaining = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    next[j] = model.jobFirst[j]!;
    jobReady[j] = model.release[j]!;
    for (let v = model.jobFirst[j]!; v < model.jobFirst[j + 1]!; v++)
      remaining[j] = remaining[j]! + model.minDuration[v]!;
  }
  const tardiness = objective === 'tardiness' && model.hasDueDates;
  const startOn = (v: number, k: number, d: number): number => {
    const t = Math.max(jobReady[model.opJob[v]!]!, machReady[k]!);
    return model.hasCalendars ? earliestFit(model, k, t, d) : t;
  };
  for (let step = 0; step < model.opCount; step++) {
    let bestC = FOREVER;
    let bestK = -1;
    let ties = 0;
    for (let j = 0; j < n; j++) {
      const v = next[j]!;
      if (v >= model.jobFirst[j + 1]!) continue;
      for (let a = model.altFirst[v]!; a < model.altFirst[v + 1]!; a++) {
        const k = model.altMachine[a]!;
        const d = model.altDuration[a]!;
        const c = startOn(v, k, d) + d;
        if (c < bestC) {
          bestC = c;
          bestK = k;
          ties = 1;
        } else if (c === bestC && c !== FOREVER && rng.int(++ties) === 0) bestK = k;
      }
    }
    if (bestK < 0) {
      for (let j = 0; j < n; j++) {
        const v = next[j]!;
        if (v < model.jobFirst[j + 1]!) {
          throw new ProblemError(
            `job ${j} operation ${model.opIndex[v]} can never be placed: every eligible machine is closed for good before it could run`,
          );
        }
      }
    }
    // Conflict set on bestK, choose by priority.
    let chosen = -1;
    let chosenPriority = -FOREVER;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const v = next[j]!;
      if (v >= model.jobFirst[j + 1]!) continue;
      const d = model.durationOn[v * m + bestK]!;
      if (d < 0) continue;
      const s = startOn(v, bestK, d);
      if (s >= bestC && s + d > bestC) continue;
      const due = model.due[j]! === FOREVER ? 1e15 : model.due[j]!;
      let priority = tardiness ? -(due - remaining[j]! - s) : remaining[j]!;
      if (noise > 0 && rng.int(1000) < noise * 1000)
        priority += rng.int(1 + Math.floor(remaining[j]! / 4));
      count++;
      if (priority > chosenPriority || (priority === chosenPriority && rng.int(count) === 0)) {
        chosen = v;
        chosenPriority = priority;
      }
    }
    if (chosen < 0) throw new Error('construction: empty conflict set');
    // Machine where the chosen operation completes earliest.
    let k = -1;
    let bestEnd = FOREVER;
    let kTies = 0;
    for (let a = model.altFirst[chosen]!; a < model.altFirst[chosen + 1]!; a++) {
      const mk = model.altMachine[a]!;
      const d = model.altDuration[a]!;
      const c = startOn(chosen, mk, d) + d;
      if (c < bestEnd) {
        bestEnd = c;
        k = mk;
        kTies = 1;
      } else if (c === bestEnd && c !== FOREVER && rng.int(++kTies) === 0) k = mk;
    }
    if (k < 0) k = bestK;
    const d = model.durationOn[chosen * m + k]!;
    const s = startOn(chosen, k, d);
    schedule.append(chosen, k);
    const j = model.opJob[chosen]!;
    jobReady[j] = s + d;
    machReady[k] = s + d;
    remaining[j] = remaining[j]! - model.minDuration[chosen]!;
    next[j] = next[j]! + 1;
  }
}
