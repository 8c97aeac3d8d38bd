/**
 * Concurrent requests' statements coalesced into one (group commit in the application). Under load, sixteen grid
 * workers reporting at once each sent their own authentication, check and write: PostgreSQL parsed, planned,
 * executed and committed each, and Node wrote each to a socket — per statement, not per row, which is where the time
 * went (a whole report cost ten raw single-row INSERTs). A batcher gathers the calls made while its statement is busy
 * and sends them as one statement over arrays when it is free again.
 *
 * - No waiting when idle: the first call goes out on the next turn of the event loop (`setImmediate`, so calls made in
 *   the same turn go with it); later calls queue only while `lanes` batches are already running.
 * - One failure does not fail the others: when a batch of several fails, each call is retried alone, so only the call
 *   at fault sees its error (e.g. a resend racing its twin on a unique index).
 * - One batcher per database (a `WeakMap` on the Kysely instance). Inside a transaction a call runs alone in it: a
 *   batch runs on the pool, never inside someone's transaction.
 */
import type { Db, Tx } from './db';

export interface BatcherOptions {
  /** The most calls in one batch. */
  max?: number;
  /** Batches running at once (the next one gathers while these run). */
  lanes?: number;
}

/** A function of one input whose calls are coalesced into `run` over several inputs (answers in the same order). */
export function batcher<I, O>(run: (inputs: I[]) => Promise<O[]>, opts: BatcherOptions = {}): (input: I) => Promise<O> {
  const max = opts.max ?? 32;
  const lanes = opts.lanes ?? 2;
  let queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let running = 0;
  let scheduled = false;

  const settle = async (batch: typeof queue) => {
    try {
      const out = await run(batch.map((b) => b.input));
      if (out.length !== batch.length) throw new Error(`batch answered ${out.length} results for ${batch.length} inputs`);
      batch.forEach((b, i) => b.resolve(out[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      // Each alone, so only the one at fault fails.
      else await Promise.all(batch.map((b) => run([b.input]).then((o) => b.resolve(o[0]), b.reject)));
    }
  };

  const flush = () => {
    scheduled = false;
    while (running < lanes && queue.length) {
      const batch = queue.slice(0, max);
      queue = queue.slice(batch.length);
      running += 1;
      void settle(batch).finally(() => {
        running -= 1;
        schedule();
      });
    }
  };

  const schedule = () => {
    if (scheduled || !queue.length || running >= lanes) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (input: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}

/**
 * A batcher per database for a statement over arrays: `run(db, inputs)`. A transaction runs its call alone inside
 * itself (its work must see, and commit with, the transaction).
 */
export function batchedStatement<I, O>(
  run: (db: Db | Tx, inputs: I[]) => Promise<O[]>,
  opts?: BatcherOptions,
): (db: Db | Tx, input: I) => Promise<O> {
  const perDb = new WeakMap<object, (input: I) => Promise<O>>();
  return (db, input) => {
    if (db.isTransaction) return run(db, [input]).then((o) => o[0]);
    let b = perDb.get(db);
    if (!b) {
      b = batcher((inputs: I[]) => run(db, inputs), opts);
      perDb.set(db, b);
    }
    return b(input);
  };
}
