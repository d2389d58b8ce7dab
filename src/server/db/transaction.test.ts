import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from './connect.js';
import { DomainError } from '../domain-error.js';
import { transaction } from './transaction.js';

let d: Database;
beforeAll(async () => {
  d = await createTestDatabase();
  await d.db.schema.createTable('retry_probe').addColumn('n', 'integer').execute();
});
afterAll(() => d.close());

const abort = (code: string) => Object.assign(new Error(`aborted (${code})`), { code });
const rows = async () =>
  (
    await d.db
      .selectFrom('retry_probe' as never)
      .selectAll()
      .execute()
  ).length;

describe('transaction', () => {
  it('runs a transaction aborted by a deadlock again, and keeps only the run that committed', async () => {
    let runs = 0;
    const out = await transaction(d.db, async (trx) => {
      runs++;
      await trx
        .insertInto('retry_probe' as never)
        .values({ n: runs } as never)
        .execute();
      if (runs === 1) throw abort('40P01');
      return 'done';
    });
    expect(out).toBe('done');
    expect(runs).toBe(2);
    expect(await rows()).toBe(1);
  });

  it('gives up after three aborts, and never retries other errors', async () => {
    let runs = 0;
    await expect(
      transaction(d.db, async () => {
        runs++;
        throw abort('40001');
      }),
    ).rejects.toMatchObject({ code: '40001' });
    expect(runs).toBe(3);
    runs = 0;
    await expect(
      transaction(d.db, async () => {
        runs++;
        throw new DomainError('booking_conflict');
      }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(runs).toBe(1);
  });
});
