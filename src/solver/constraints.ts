import { FOREVER, type Model, type ScheduledOperation } from './model.js';

/**
 * The hard constraints of the problem as small named checks over a finished schedule. Each
 * returns human-readable violations (empty when satisfied). The solver runs them all on every
 * result it returns, as a last line of defence; tests exercise each one alone.
 */
export type Constraint = (model: Model, ops: readonly ScheduledOperation[]) => string[];

function byOp(
  model: Model,
  ops: readonly ScheduledOperation[],
): Array<ScheduledOperation | undefined> {
  const table: Array<ScheduledOperation | undefined> = new Array(model.opCount);
  for (const op of ops) {
    const first = model.jobFirst[op.job];
    if (first === undefined || op.job >= model.jobCount) continue;
    const index = first + op.op;
    if (op.op >= 0 && index < model.jobFirst[op.job + 1]!) table[index] = op;
  }
  return table;
}

/** Every operation is scheduled exactly once. */
export const everyOperationOnce: Constraint = (model, ops) => {
  const seen = new Uint8Array(model.opCount);
  const errors: string[] = [];
  for (const op of ops) {
    const first = model.jobFirst[op.job];
    const index = first === undefined || op.job >= model.jobCount ? -1 : first + op.op;
    if (index < 0 || op.op < 0 || index >= model.jobFirst[op.job + 1]!) {
      errors.push(`unknown operation job ${op.job} op ${op.op}`);
    } else if (seen[index]) errors.push(`job ${op.job} op ${op.op} is scheduled twice`);
    else seen[index] = 1;
  }
  for (let v = 0; v < model.opCount; v++) {
    if (!seen[v]) errors.push(`job ${model.opJob[v]} op ${model.opIndex[v]} is not scheduled`);
  }
  return errors;
};

/** Each operation runs on one of its eligible machines for exactly that machine's time. */
export const eligibleMachineAndDuration: Constraint = (model, ops) => {
  const errors: string[] = [];
  const table = byOp(model, ops);
  for (let v = 0; v < model.opCount; v++) {
    const op = table[v];
    if (!op) continue;
    const d =
      op.machine >= 0 && op.machine < model.machineCount
        ? model.durationOn[v * model.machineCount + op.machine]!
        : -1;
    if (d < 0) errors.push(`job ${op.job} op ${op.op} is on ineligible machine ${op.machine}`);
    else if (op.end - op.start !== d)
      errors.push(`job ${op.job} op ${op.op} lasts ${op.end - op.start}, expected ${d}`);
  }
  return errors;
};

/** Operations of a job run in order, the first not before the job's release. */
export const jobOrderAndRelease: Constraint = (model, ops) => {
  const errors: string[] = [];
  const table = byOp(model, ops);
  for (let v = 0; v < model.opCount; v++) {
    const op = table[v];
    if (!op) continue;
    const jp = model.jobPrev[v]!;
    if (jp < 0) {
      if (op.start < model.release[op.job]!)
        errors.push(
          `job ${op.job} starts at ${op.start} before its release ${model.release[op.job]}`,
        );
    } else {
      const prev = table[jp];
      if (prev && op.start < prev.end)
        errors.push(`job ${op.job} op ${op.op} starts before op ${op.op - 1} ends`);
    }
  }
  return errors;
};

/** No two operations overlap on a machine. */
export const noOverlapOnMachine: Constraint = (_model, ops) => {
  const errors: string[] = [];
  const sorted = [...ops].sort(
    (a, b) => a.machine - b.machine || a.start - b.start || a.end - b.end,
  );
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.machine === b.machine && b.start < a.end && a.end > a.start && b.end > b.start) {
      errors.push(
        `machine ${a.machine}: job ${a.job} op ${a.op} and job ${b.job} op ${b.op} overlap`,
      );
    }
  }
  return errors;
};

/** No operation overlaps an unavailable interval of its machine (nor starts inside one). */
export const respectsCalendars: Constraint = (model, ops) => {
  const errors: string[] = [];
  for (const op of ops) {
    if (op.machine < 0 || op.machine >= model.machineCount) continue;
    for (let c = model.calFirst[op.machine]!; c < model.calFirst[op.machine + 1]!; c++) {
      const s = model.calStart[c]!;
      const e = model.calEnd[c]!;
      const overlaps = op.start < e && (s < op.end || (s <= op.start && op.end === op.start));
      if (overlaps) {
        errors.push(
          `job ${op.job} op ${op.op} overlaps machine ${op.machine} unavailable [${s}, ${e === FOREVER ? '∞' : e})`,
        );
      }
    }
  }
  return errors;
};

export const constraints: Record<string, Constraint> = {
  everyOperationOnce,
  eligibleMachineAndDuration,
  jobOrderAndRelease,
  noOverlapOnMachine,
  respectsCalendars,
};

/** All violations of all constraints. */
export function violations(model: Model, ops: readonly ScheduledOperation[]): string[] {
  const out: string[] = [];
  for (const check of Object.values(constraints)) out.push(...check(model, ops));
  return out;
}
