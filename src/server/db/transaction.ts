/**
 * One transaction, run again when PostgreSQL aborted it only to break a deadlock (40P01) or a
 * serialization conflict (40001): everything it did was rolled back, so running it again is the
 * correct answer, not an error for the user. Such aborts are rare but real — e.g. a multi-row
 * booking insert (db/coalesce.ts) and a series' transaction each waiting on the other's not yet
 * committed machine time. `fn` must only touch the database (and in-memory state it may redo).
 */
import type { Executor, Trx } from './connect.js';

const RETRYABLE = new Set(['40P01', '40001']);

export const isRetryableAbort = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  RETRYABLE.has(String((err as { code?: unknown }).code));

export async function transaction<T>(
  db: Executor,
  fn: (trx: Trx) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (attempt >= attempts || !isRetryableAbort(err)) throw err;
    }
  }
}
