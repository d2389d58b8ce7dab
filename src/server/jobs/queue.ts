/**
 * Background jobs on pg-boss, in the same PostgreSQL (server or PGlite) through the app's pool.
 * Any number of processes may run workers; pg-boss hands each job to one of them and retries
 * failures with exponential backoff.
 */
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database, Executor } from '../db/connect.js';

export interface JobDefinition {
  handler: (data: Record<string, unknown>) => Promise<unknown>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Run on this cron schedule (UTC), in addition to explicit sends. */
  cron?: string;
}

export interface JobQueue {
  /**
   * Queues a job. Pass the current transaction to make the job part of it: it then exists only
   * if the transaction commits.
   */
  send(
    queue: string,
    data?: Record<string, unknown>,
    options?: { trx?: Executor; singletonSeconds?: number },
  ): Promise<string | null>;
  stop(): Promise<void>;
}

export const PGBOSS_SCHEMA = 'pgboss';

export async function startJobQueue(
  database: Database,
  definitions: Record<string, JobDefinition>,
  options: { workers: boolean; onError: (err: Error) => void },
): Promise<JobQueue> {
  const viaPool = {
    executeSql: (text: string, values: unknown[]) => database.pool.query(text, values),
  };
  const boss = new PgBoss({
    db: viaPool,
    schema: PGBOSS_SCHEMA,
    supervise: options.workers,
    schedule: options.workers,
    migrate: true,
  });
  boss.on('error', options.onError);
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const [name, def] of Object.entries(definitions)) {
    const policy = {
      retryLimit: def.retryLimit ?? 5,
      retryDelay: def.retryDelaySeconds ?? 10,
      retryBackoff: true,
    };
    if (existing.has(name)) await boss.updateQueue(name, { name, ...policy });
    else await boss.createQueue(name, { name, ...policy });
    if (options.workers) {
      await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: 1 },
        async (jobs) => {
          for (const job of jobs) await def.handler(job.data ?? {});
        },
      );
      if (def.cron) await boss.schedule(name, def.cron, {}, { singletonKey: name });
    }
  }
  return {
    async send(queue, data = {}, opts = {}) {
      const trx = opts.trx;
      return boss.send(queue, data, {
        ...(opts.singletonSeconds ? { singletonSeconds: opts.singletonSeconds } : {}),
        ...(trx
          ? {
              db: {
                executeSql: async (text: string, values: unknown[]) =>
                  trx.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: unknown[] }>,
              },
            }
          : {}),
      });
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
