/** Public API of the scheduling engine. */
export type {
  Alternative,
  Interval,
  Job,
  Machine,
  Model,
  Objective,
  Operation,
  Problem,
  ScheduledOperation,
} from './model.js';
export { ProblemError, compile } from './model.js';
export { ParseError } from './parse.js';
export { parseFjs } from './parse-fjs.js';
export { parseJssp } from './parse-jssp.js';
export { makespanLowerBound } from './bounds.js';
export { violations, constraints } from './constraints.js';
export { solve, type Progress, type SolveOptions, type SolveResult } from './solve.js';
export type { RunOptions, SolverRun } from './run.js';
export { startSolver } from './worker.js';
