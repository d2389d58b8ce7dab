import { ProblemError } from './model.js';
import type { Progress, SolveOptions, SolveResult } from './solve.js';

/** Messages from the solver thread. */
export type SolverMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: SolveResult }
  | { type: 'error'; name: string; message: string };

/** Options that cross the thread boundary (no functions). */
export type RunOptions = Omit<SolveOptions, 'clock' | 'shouldStop'>;

/** The minimal transport a SolverRun needs (a worker thread in production, anything in tests). */
export interface SolverPort {
  onMessage(listener: (message: SolverMessage) => void): void;
  onFailure(listener: (error: Error) => void): void;
  /** Asks the solver to stop and return its best solution so far. */
  requestStop(): void;
  /** Frees the thread once a result or error has arrived. */
  close(): void;
}

/** A running solve: progress events, the final result, and cancellation. */
export interface SolverRun {
  /** Subscribes to progress events; returns an unsubscribe function. */
  onProgress(listener: (progress: Progress) => void): () => void;
  /** Resolves with the best schedule found (also after cancel()); rejects on bad input. */
  readonly result: Promise<SolveResult>;
  /** Stops the search early; `result` then resolves with the best solution so far. */
  cancel(): void;
}

export function createSolverRun(port: SolverPort): SolverRun {
  const listeners = new Set<(progress: Progress) => void>();
  let settled = false;
  const result = new Promise<SolveResult>((resolve, reject) => {
    port.onMessage((message) => {
      if (message.type === 'progress') {
        for (const listener of listeners) listener(message.progress);
      } else if (!settled) {
        settled = true;
        port.close();
        if (message.type === 'result') resolve(message.result);
        else
          reject(
            message.name === 'ProblemError'
              ? new ProblemError(message.message)
              : new Error(message.message),
          );
      }
    });
    port.onFailure((error) => {
      if (settled) return;
      settled = true;
      port.close();
      reject(error);
    });
  });
  return {
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    result,
    cancel() {
      if (!settled) port.requestStop();
    },
  };
}
