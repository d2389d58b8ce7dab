import type { Model } from './model.js';

/**
 * A lower bound on the makespan (calendars ignored, so it stays valid with them):
 * the longest job (release + shortest processing times), the machine bound over operations
 * with a single eligible machine (earliest head + load + shortest tail), and the average
 * minimum work per machine.
 */
export function makespanLowerBound(model: Model): number {
  const n = model.opCount;
  const m = model.machineCount;
  const head = new Float64Array(n);
  const tail = new Float64Array(n);
  let bound = 0;
  let totalMin = 0;
  for (let j = 0; j < model.jobCount; j++) {
    const first = model.jobFirst[j]!;
    const last = model.jobFirst[j + 1]! - 1;
    let t = model.release[j]!;
    for (let v = first; v <= last; v++) {
      head[v] = t;
      t += model.minDuration[v]!;
      totalMin += model.minDuration[v]!;
    }
    bound = Math.max(bound, t);
    let q = 0;
    for (let v = last; v >= first; v--) {
      tail[v] = q;
      q += model.minDuration[v]!;
    }
  }
  bound = Math.max(bound, Math.ceil(totalMin / m));
  const load = new Float64Array(m);
  const minHead = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  const minTail = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  for (let v = 0; v < n; v++) {
    if (model.altFirst[v + 1]! - model.altFirst[v]! !== 1) continue;
    const k = model.altMachine[model.altFirst[v]!]!;
    load[k] = load[k]! + model.minDuration[v]!;
    minHead[k] = Math.min(minHead[k]!, head[v]!);
    minTail[k] = Math.min(minTail[k]!, tail[v]!);
  }
  for (let k = 0; k < m; k++) {
    if (load[k]! > 0) bound = Math.max(bound, minHead[k]! + load[k]! + minTail[k]!);
  }
  return bound;
}
