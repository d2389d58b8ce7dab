import { describe, expect, it } from 'vitest';
import type { Executor } from './connect.js';
import { coalesce, together } from './coalesce.js';

/** A run() whose batches stay out until released, recording what each batch held. */
function gated() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = (xs: number[]) => {
    batches.push(xs);
    return new Promise<number[]>((ok) => gates.push(() => ok(xs.map((x) => x * 10))));
  };
  const releaseNext = async () => {
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { batches, run, releaseNext };
}

describe('coalesce', () => {
  it('sends an idle call at once, alone', async () => {
    const g = gated();
    const f = coalesce(g.run);
    const a = f(1);
    expect(g.batches).toEqual([[1]]);
    await g.releaseNext();
    await expect(a).resolves.toBe(10);
  });

  it('sends the calls made while a batch is out together as the next batch, each answered by index', async () => {
    const g = gated();
    const f = coalesce(g.run);
    const first = f(1);
    const rest = [f(2), f(3), f(4)];
    expect(g.batches).toEqual([[1]]);
    await g.releaseNext();
    expect(g.batches).toEqual([[1], [2, 3, 4]]);
    await g.releaseNext();
    await expect(first).resolves.toBe(10);
    await expect(Promise.all(rest)).resolves.toEqual([20, 30, 40]);
  });

  it('sends the next batch before the callers of the one that came back go on', async () => {
    const g = gated();
    const f = coalesce(g.run);
    let batchesWhenAnswered = 0;
    const first = f(1).then((x) => {
      batchesWhenAnswered = g.batches.length;
      return x;
    });
    const rest = [f(2), f(3)];
    await g.releaseNext();
    await expect(first).resolves.toBe(10);
    expect(batchesWhenAnswered).toBe(2);
    await g.releaseNext();
    await expect(Promise.all(rest)).resolves.toEqual([20, 30]);
  });

  it('keeps batches within maxBatch and at most maxInFlight out', async () => {
    const g = gated();
    const f = coalesce(g.run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((x) => f(x));
    expect(g.batches).toEqual([[1], [2]]);
    await g.releaseNext();
    expect(g.batches).toEqual([[1], [2], [3, 4]]);
    await g.releaseNext();
    await g.releaseNext();
    await g.releaseNext();
    expect(g.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('when a batch fails, runs each input alone so only the bad one fails', async () => {
    const seen: number[][] = [];
    let hold: (() => void) | null = null;
    const f = coalesce(async (xs: number[]) => {
      seen.push(xs);
      if (seen.length === 1) await new Promise<void>((r) => (hold = r));
      if (xs.includes(13)) throw new Error('unlucky');
      return xs.map((x) => x + 1);
    });
    const first = f(1);
    const results = Promise.allSettled([f(12), f(13), f(14)]);
    hold!();
    await expect(first).resolves.toBe(2);
    const [a, b, c] = await results;
    expect(a).toEqual({ status: 'fulfilled', value: 13 });
    expect(b).toMatchObject({ status: 'rejected', reason: new Error('unlucky') });
    expect(c).toEqual({ status: 'fulfilled', value: 15 });
    expect(seen).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('refuses an answer that does not match the batch, failing its callers', async () => {
    const f = coalesce(async (xs: number[]) => (xs.length > 0 ? [] : [0]));
    await expect(f(1)).rejects.toThrow(/0 answers for 1 inputs/);
  });

  it('together: one queue per pool, and alone inside a transaction', async () => {
    const calls: [string, number[]][] = [];
    const one = together(async (db: Executor, xs: number[]) => {
      calls.push([(db as unknown as { name: string }).name, xs]);
      await new Promise((r) => setTimeout(r, 5));
      return xs.map((x) => -x);
    });
    const pool = (name: string) => ({ name, isTransaction: false }) as unknown as Executor;
    const [a, b] = [pool('a'), pool('b')];
    const trx = { name: 't', isTransaction: true } as unknown as Executor;
    const answers = await Promise.all([
      one(a, 1),
      one(a, 2),
      one(a, 3),
      one(b, 4),
      one(trx, 5),
      one(trx, 6),
    ]);
    expect(answers).toEqual([-1, -2, -3, -4, -5, -6]);
    expect(calls).toEqual([
      ['a', [1]],
      ['b', [4]],
      ['t', [5]],
      ['t', [6]],
      ['a', [2, 3]],
    ]);
  });
});
