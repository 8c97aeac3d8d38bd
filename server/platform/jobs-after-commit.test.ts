import { describe, expect, it } from 'vitest';
import { systemClock } from './clock';
import type { Db } from './db';
import { AfterCommitDrainer } from './jobs-after-commit';

/** A stand-in drain that records when each run started and ended and finishes when `finish()` is called. */
function slowDrain() {
  const runs: { start: number; end?: number }[] = [];
  const waiting: (() => void)[] = [];
  const drain = () =>
    new Promise<void>((resolve) => {
      const run: { start: number; end?: number } = { start: Date.now() };
      runs.push(run);
      waiting.push(() => {
        run.end = Date.now();
        resolve();
      });
    });
  const finish = () => waiting.splice(0).forEach((w) => w());
  return { runs, drain, finish };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const db = {} as Db;

describe('AfterCommitDrainer', () => {
  it('coalesces wakes while a drain is scheduled into that drain', async () => {
    const d = slowDrain();
    const loop = new AfterCommitDrainer({ db, clock: systemClock, drain: d.drain }, { everyMs: 0, minGapMs: 0 });
    for (let i = 0; i < 5; i++) loop.wake();
    await sleep(20);
    expect(d.runs).toHaveLength(1);
    d.finish();
    await loop.idle();
    expect(d.runs).toHaveLength(1);
  });

  it('woken while a drain runs, runs one more drain, minGapMs after that one ended, and idle() waits for it', async () => {
    const d = slowDrain();
    const loop = new AfterCommitDrainer({ db, clock: systemClock, drain: d.drain }, { everyMs: 0, minGapMs: 80 });
    loop.wake();
    await sleep(10);
    expect(d.runs).toHaveLength(1);
    // Requests committing while the first drain runs: not a drain each, and none queued behind it at once.
    for (let i = 0; i < 10; i++) {
      loop.wake();
      await sleep(2);
    }
    expect(d.runs).toHaveLength(1);
    let idle = false;
    const idled = loop.idle().then(() => (idle = true));
    d.finish();
    await sleep(40);
    expect(d.runs).toHaveLength(1); // still inside the gap
    expect(idle).toBe(false); // the follow-up is due, so the loop is not idle
    await sleep(80);
    expect(d.runs).toHaveLength(2);
    expect(d.runs[1].start - d.runs[0].end!).toBeGreaterThanOrEqual(75);
    d.finish();
    await idled;
    expect(d.runs).toHaveLength(2);
  });

  it('stopping while woken during a drain delivers that wake before it returns', async () => {
    const d = slowDrain();
    const loop = new AfterCommitDrainer({ db, clock: systemClock, drain: d.drain }, { everyMs: 0, minGapMs: 1000 });
    loop.wake();
    await sleep(10);
    loop.wake();
    const stopped = loop.stop();
    d.finish();
    await sleep(10);
    expect(d.runs).toHaveLength(2); // the wake's drain runs at once, not after the gap
    d.finish();
    await stopped;
  });
});
