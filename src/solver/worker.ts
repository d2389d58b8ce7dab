/**
 * The solver's worker thread: the only solver file that touches node:worker_threads.
 * `startSolver()` starts this file in a new thread, which runs `solve()` and posts progress
 * and the result back. Cancellation goes through a shared flag the search polls.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createSolverRun, type RunOptions, type SolverMessage, type SolverRun } from './run.js';
import type { Model, Problem } from './model.js';
import { solve } from './solve.js';

const MARK = 'rpbSolverThread';

interface ThreadData {
  [MARK]: true;
  problem: Problem;
  options: RunOptions;
  stop: Int32Array;
}

if (!isMainThread && parentPort && (workerData as ThreadData | null)?.[MARK] === true) {
  const data = workerData as ThreadData;
  const port = parentPort;
  const post = (message: SolverMessage): void => port.postMessage(message);
  try {
    const result = solve(
      data.problem,
      { ...data.options, shouldStop: () => Atomics.load(data.stop, 0) === 1 },
      (progress) => post({ type: 'progress', progress }),
    );
    post({ type: 'result', result });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message });
  }
}

function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

/** Solves in a worker thread; see SolverRun. `problem` must be a plain Problem (not a Model). */
export function startSolver(problem: Problem | Model, options: RunOptions = {}): SolverRun {
  if ((problem as Model).opCount !== undefined)
    throw new TypeError('startSolver takes a Problem, not a compiled Model');
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const data: ThreadData = { [MARK]: true, problem: problem as Problem, options, stop };
  const worker = typescript
    ? // From source (tests, tsx): worker threads do not inherit tsx's loader, and on Node 20
      // `execArgv: ['--import', 'tsx']` is not applied to workers, so register tsx first.
      new Worker(
        `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(
          new URL('./worker.ts', here).href,
        )}); });`,
        { eval: true, workerData: data },
      )
    : new Worker(new URL('./worker.js', here), { workerData: data });
  return createSolverRun({
    onMessage: (listener) => worker.on('message', listener),
    onFailure: (listener) => {
      worker.on('error', listener);
      worker.on('exit', (code) => listener(new Error(`solver thread exited with code ${code}`)));
    },
    requestStop: () => Atomics.store(stop, 0, 1),
    close: () => void worker.terminate(),
  });
}
