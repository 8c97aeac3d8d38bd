import { describe, expect, it } from 'vitest';
import { batchedStatement, batcher } from './batcher';
import type { Db } from './db';

/** A statement over arrays that records each batch it was sent and answers after `release()`. */
function recorder(opts: { failOn?: number } = {}) {
  const batches: number[][] = [];
  const waiting: (() => void)[] = [];
  const run = (inputs: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push(inputs);
      waiting.push(() =>
        opts.failOn !== undefined && inputs.includes(opts.failOn)
          ? reject(new Error(`bad ${opts.failOn}`))
          : resolve(inputs.map((x) => x * 10)),
      );
    });
  const release = () => waiting.splice(0).forEach((w) => w());
  return { batches, run, release };
}

/** A few turns of the event loop: enough for a finished batch's follow-up to go out. */
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('batcher', () => {
  it('sends the calls of one turn as one batch and answers each in order', async () => {
    const r = recorder();
    const call = batcher(r.run, { lanes: 1 });
    const answers = Promise.all([1, 2, 3].map(call));
    await turn();
    expect(r.batches).toEqual([[1, 2, 3]]);
    r.release();
    expect(await answers).toEqual([10, 20, 30]);
  });

  it('a lone call goes out on the next turn without waiting for company', async () => {
    const r = recorder();
    const call = batcher(r.run);
    const one = call(7);
    await turn();
    expect(r.batches).toEqual([[7]]);
    r.release();
    expect(await one).toBe(70);
  });

  it('gathers the calls made while every lane is busy into the next batch, at most `max` at a time', async () => {
    const r = recorder();
    const call = batcher(r.run, { lanes: 1, max: 3 });
    const first = call(1);
    await turn();
    const later = [2, 3, 4, 5].map(call);
    await turn();
    expect(r.batches).toEqual([[1]]); // the lane is busy: nothing else went out
    r.release();
    expect(await first).toBe(10);
    await turn();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    r.release();
    await turn();
    expect(r.batches).toEqual([[1], [2, 3, 4], [5]]);
    r.release();
    expect(await Promise.all(later)).toEqual([20, 30, 40, 50]);
  });

  it('runs two batches at once with two lanes', async () => {
    const r = recorder();
    const call = batcher(r.run, { lanes: 2 });
    const a = call(1);
    await turn();
    const b = call(2);
    await turn();
    expect(r.batches).toEqual([[1], [2]]);
    r.release();
    expect(await Promise.all([a, b])).toEqual([10, 20]);
  });

  it('when a batch fails, retries each call alone so only the one at fault sees the error', async () => {
    const r = recorder({ failOn: 2 });
    const call = batcher(r.run, { lanes: 1 });
    const settled = Promise.allSettled([1, 2, 3].map(call));
    await turn();
    r.release(); // the batch [1, 2, 3] fails
    await turn();
    expect(r.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    r.release();
    const out = await settled;
    expect(out.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([10, 'bad 2', 30]);
  });

  it('refuses a batch that answers a different number of results', async () => {
    const call = batcher(async (xs: number[]) => xs.slice(1));
    await expect(call(1)).rejects.toThrow('batch answered 0 results for 1 inputs');
  });
});

describe('batchedStatement', () => {
  it('keeps one batcher per database and runs a transaction’s call alone, inside it', async () => {
    const seen: { db: string; inputs: number[] }[] = [];
    const statement = batchedStatement(async (db, inputs: number[]) => {
      seen.push({ db: (db as unknown as { name: string }).name, inputs });
      return inputs.map((x) => x + 1);
    });
    const a = { name: 'a', isTransaction: false } as unknown as Db;
    const b = { name: 'b', isTransaction: false } as unknown as Db;
    const tx = { name: 'tx', isTransaction: true } as unknown as Db;
    const out = await Promise.all([statement(a, 1), statement(b, 2), statement(a, 3), statement(tx, 4), statement(tx, 5)]);
    expect(out).toEqual([2, 3, 4, 5, 6]);
    expect(seen).toEqual(
      expect.arrayContaining([
        { db: 'tx', inputs: [4] },
        { db: 'tx', inputs: [5] },
        { db: 'a', inputs: [1, 3] },
        { db: 'b', inputs: [2] },
      ]),
    );
    expect(seen).toHaveLength(4);
  });
});
