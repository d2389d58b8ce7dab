/**
 * Natural batching of one kind of statement ("group commit" done by the app): a call made while
 * `maxInFlight` batches of its kind are already out waits, and every call waiting when a batch
 * comes back goes together as the next batch — one statement, one round trip and, for a write,
 * one commit for all of them. An idle call goes at once: no timer, no added latency. Under load
 * the batches grow by themselves with the arrival rate, so the database does less per call
 * exactly when it is busiest.
 *
 * `run(inputs)` answers each input at the same index. If it throws for a batch of several, each
 * input is run again alone, so a bad input fails only its own caller.
 */
import type { Executor } from './connect.js';

export interface CoalesceOptions {
  /** Largest batch (default 64). */
  maxBatch?: number;
  /**
   * Batches out at once (default 1). More let a call wait less for the batch ahead of it, but make
   * batches smaller: for bookings, 2 or 4 cost more CPU per call and gave lower throughput.
   */
  maxInFlight?: number;
}

export type Coalesced<I, O> = (input: I) => Promise<O>;

interface Waiting<I, O> {
  input: I;
  ok: (o: O) => void;
  fail: (e: unknown) => void;
}

export function coalesce<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  options: CoalesceOptions = {},
): Coalesced<I, O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 1;
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;

  const release = () => {
    inFlight--;
    flush();
  };

  const settle = async (batch: Waiting<I, O>[]) => {
    let out: O[];
    try {
      out = await run(batch.map((w) => w.input));
      if (out.length !== batch.length)
        throw new Error(`coalesce: ${out.length} answers for ${batch.length} inputs`);
    } catch (err) {
      // The slot stays taken while the inputs run alone: they never overlap the next batch.
      if (batch.length === 1) batch[0]!.fail(err);
      else
        await Promise.all(
          batch.map((w) =>
            run([w.input]).then(
              (o) => w.ok(o[0]!),
              (e: unknown) => w.fail(e),
            ),
          ),
        );
      release();
      return;
    }
    // The next batch leaves before this one's callers go on: their continuations (answers,
    // logging) would otherwise run first and hold back the statement they are all queued for.
    release();
    batch.forEach((w, i) => w.ok(out[i]!));
  };

  const flush = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void settle(batch);
    }
  };

  return (input) =>
    new Promise<O>((ok, fail) => {
      queue.push({ input, ok, fail });
      flush();
    });
}

/**
 * A repository statement that serves one input or many (`many(db, inputs)`, answers in order),
 * as a function of one input: on the pool, calls coalesce (one queue per pool); inside a
 * transaction, whose single connection nothing else may share, it runs alone.
 */
export function together<I, O>(
  many: (db: Executor, inputs: I[]) => Promise<O[]>,
  options?: CoalesceOptions,
): (db: Executor, input: I) => Promise<O> {
  const queues = new WeakMap<Executor, Coalesced<I, O>>();
  return async (db, input) => {
    if (db.isTransaction) return (await many(db, [input]))[0]!;
    let queue = queues.get(db);
    if (!queue) queues.set(db, (queue = coalesce((xs: I[]) => many(db, xs), options)));
    return queue(input);
  };
}
