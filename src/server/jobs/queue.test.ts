import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { browseJobs } from '../../features/jobs/jobs.service.js';
import type { Database } from '../db/connect.js';
import { startJobQueue, type JobQueue } from './queue.js';

let d: Database;
let queue: JobQueue;
const seen: string[] = [];
let attemptsOfFlaky = 0;

beforeAll(async () => {
  d = await createTestDatabase();
  queue = await startJobQueue(
    d,
    {
      'test.echo': { handler: async (data) => void seen.push(String(data.word)) },
      'test.flaky': {
        retryLimit: 2,
        retryDelaySeconds: 1,
        handler: async () => {
          attemptsOfFlaky++;
          if (attemptsOfFlaky === 1) throw new Error('first attempt fails');
        },
      },
    },
    { workers: true, onError: () => undefined },
  );
}, 60_000);
afterAll(async () => {
  await queue.stop();
  await d.close();
});

async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('job queue (pg-boss on the same database)', () => {
  it('runs a queued job in a worker', async () => {
    await queue.send('test.echo', { word: 'halo' });
    await until(() => seen.includes('halo'));
  });

  it('queues a job inside a transaction only when it commits', async () => {
    await d.db.transaction().execute(async (trx) => {
      await queue.send('test.echo', { word: 'committed' }, { trx });
    });
    await d.db
      .transaction()
      .execute(async (trx) => {
        await queue.send('test.echo', { word: 'rolled-back' }, { trx });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await until(() => seen.includes('committed'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).not.toContain('rolled-back');
  });

  it('retries a failed job and shows it to administrators with its retry count', async () => {
    await queue.send('test.flaky', {});
    await until(
      async () =>
        (await browseJobs(d.db, { limit: 10, queue: 'test.flaky' })).items[0]?.state ===
        'completed',
    );
    const job = (await browseJobs(d.db, { limit: 10, queue: 'test.flaky' })).items[0]!;
    expect(job).toMatchObject({
      queue: 'test.flaky',
      state: 'completed',
      retryCount: 1,
      retryLimit: 2,
    });
    expect(attemptsOfFlaky).toBe(2);
  });
});
