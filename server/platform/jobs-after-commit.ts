/**
 * Jobs after commit. A command queues a job in its own transaction (`enqueueJob`: one INSERT into `outbox_jobs`);
 * nothing runs until that transaction has committed, so a rolled-back command leaves no job and tells nobody.
 *
 * Who runs the jobs (`drainJobs`), always in the background — a request never waits for them:
 * - the node's drain loop (`AfterCommitDrainer`, one per app): woken right after a request that queued a job has
 *   committed (an onSend hook for any request whose context counted one: `registerAfterCommit`; wakes coalesce, at
 *   most one drain per `minGapMs`, so under load one drain delivers the jobs of many requests), and every
 *   `everyMs` for jobs other nodes or scripts left;
 * - a pg-boss job every few seconds (`server/jobs.ts`, `deliver-after-commit`) — the safety net for a crash between
 *   COMMIT and the drain, and the one that forgets old done jobs (the deadline sweep drains itself too).
 *
 * Each drain claims pending rows with `for update skip locked`, so two app nodes never run one job twice; a job's
 * effects and its `done_at` commit in the same transaction, so a job runs exactly once. Kinds with a batch handler
 * (`registerBatchJobHandler`; notices: modules/notifications/notify.ts) are delivered many jobs at a time in a few
 * statements; if a batch fails, that drain is rolled back and redone one job at a time (a savepoint per job), so
 * a failing job is counted in `attempts` with `last_error` and retried by the next drain, up to MAX_ATTEMPTS, while
 * the others go out. Within one process the drains of one database run one after another (`drainJobs` waits its
 * turn), so when a call returns, every job committed before it and not held by another node is done. Messages a
 * handler queues in `message_outbox` (SMS) are handed to the transport after the drain's COMMIT
 * (platform/outbox.ts `deliverPending`).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from './clock';
import type { Db, Tx } from './db';
import { deliverPending, type MessageTransport } from './outbox';

/** Counts the jobs a request queued, so only those requests drain after their response is ready. */
export interface AfterCommitTracker {
  queued: number;
}

export interface OutboxJob {
  id: string;
  kind: string;
  subject_type: string | null;
  subject_id: string | null;
  payload: unknown;
  created_at: Date;
  attempts: number;
}

/** Runs one job inside the drain's transaction; whatever it writes commits with the job's `done_at`. */
export type JobHandler = (tx: Tx, job: OutboxJob) => Promise<void>;

export const MAX_ATTEMPTS = 10;
/** Done jobs are kept this long (for tracing a notice back to its job), then deleted by the scheduled drain. */
export const RETAIN_DAYS = 7;
/** Jobs claimed per transaction. */
const BATCH = 200;
/** The drain loop's period on a server node (main.ts; the benchmark uses it too). */
export const DRAIN_EVERY_MS = 300;
/** At most one woken drain per this many ms: under load the jobs of many requests go out together. */
export const DRAIN_MIN_GAP_MS = 50;
const handlers = new Map<string, JobHandler>();
/** Runs every job of one kind claimed by a drain, in the drain's transaction (e.g. notices: one INSERT for all). */
export type BatchJobHandler = (tx: Tx, jobs: OutboxJob[]) => Promise<void>;
const batchHandlers = new Map<string, BatchJobHandler>();
let transport: MessageTransport | null = null;

/** Registers the handler for a job kind (at module load of the module that queues such jobs). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/**
 * Registers a handler that delivers many jobs of a kind at once (the per-job handler stays for the retry path, when
 * a batch fails and its jobs are redone one by one).
 */
export function registerBatchJobHandler(kind: string, handler: BatchJobHandler): void {
  batchHandlers.set(kind, handler);
}

/** The transport for `message_outbox` (SMS) after each drain; set once by the app (`registerAfterCommit`). */
export function setMessageTransport(t: MessageTransport | null): void {
  transport = t;
}

let messagesQueued = 0;

/** A handler queued a message in `message_outbox`: this drain hands messages to the transport after its COMMIT. */
export function noteMessageQueued(): void {
  messagesQueued += 1;
}

type JobInput = { kind: string; subjectType?: string | null; subjectId?: string | null; payload: unknown };

/** The INSERT that queues a job (for `enqueueJob`, which counts it in `ctx.afterCommit`). */
export function jobInsert(db: Tx, ctx: { clock: Clock }, job: JobInput) {
  return db.insertInto('outbox_jobs').values({
    kind: job.kind,
    subject_type: job.subjectType ?? null,
    subject_id: job.subjectId ?? null,
    payload: JSON.stringify(job.payload),
    created_at: ctx.clock.now(),
  });
}

/** Queues a job in the caller's transaction; `ctx.afterCommit` (a request's tracker) learns it must drain. */
export async function enqueueJob(tx: Tx, ctx: { clock: Clock; afterCommit?: AfterCommitTracker }, job: JobInput): Promise<void> {
  await jobInsert(tx, ctx, job).execute();
  if (ctx.afterCommit) ctx.afterCommit.queued += 1;
}

/** One drain at a time per database in this process: each call runs after the ones before it. */
const turns = new WeakMap<object, Promise<unknown>>();
function inTurn<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(db) ?? Promise.resolve()).then(work, work);
  turns.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** Resolves once every drain of this database started in this process so far (and those they queued) has finished. */
export async function drainsSettled(db: Db): Promise<void> {
  for (;;) {
    const tail = turns.get(db);
    if (!tail) return;
    await tail;
    if (turns.get(db) === tail) return;
  }
}

/**
 * Runs every committed pending job (oldest first, up to 200 per transaction), then hands queued messages to the
 * transport (when a job queued one — `noteMessageQueued` — or always with `always`: the scheduled drain also retries
 * failed sends). Safe to call from any number of places and nodes at once; within a process it waits for the drain
 * before it. Returns how many jobs ran and how many failed this time.
 */
export function drainJobs(
  db: Db,
  now: Date = new Date(),
  opts: { always?: boolean } = {},
): Promise<{ done: number; failed: number; sent: number }> {
  return inTurn(db, () => drainNow(db, now, opts));
}

class BatchFailed extends Error {}

async function drainNow(db: Db, now: Date, opts: { always?: boolean }): Promise<{ done: number; failed: number; sent: number }> {
  let done = 0;
  let failed = 0;
  let oneByOne = false;
  // Jobs that failed in this drain wait for the next one (not retried again and again while more jobs are pending).
  const failedNow: string[] = [];
  for (;;) {
    let r: Awaited<ReturnType<typeof runClaimed>>;
    try {
      r = await db.transaction().execute((tx) => runClaimed(tx, oneByOne, failedNow));
    } catch (error) {
      // A batch handler failed: nothing of this drain's transaction stays; redo it one job at a time.
      if (!(error instanceof BatchFailed) || oneByOne) throw error;
      oneByOne = true;
      continue;
    }
    done += r.done;
    failed += r.failedIds.length;
    failedNow.push(...r.failedIds);
    oneByOne = false;
    if (r.claimed < BATCH) break;
  }
  // Messages the jobs queued (or an earlier failed send, on the scheduled drain) go to the transport now.
  const hinted = messagesQueued > 0;
  messagesQueued = 0;
  const sent = transport && (hinted || opts.always) ? await deliverPending(db, transport, now) : 0;
  // The scheduled drain also forgets jobs done more than RETAIN_DAYS ago (their notices live on in their own tables).
  if (opts.always)
    await sql`delete from outbox_jobs where id in (select id from outbox_jobs where done_at < now() - make_interval(days => ${RETAIN_DAYS}) limit 1000)`.execute(
      db,
    );
  return { done, failed, sent };
}

/** Claims up to BATCH pending jobs and runs them: by kind in batches, or (after a failed batch) one by one. */
async function runClaimed(tx: Tx, oneByOne: boolean, skip: string[]): Promise<{ claimed: number; done: number; failedIds: string[] }> {
  let q = tx
    .selectFrom('outbox_jobs')
    .select(['id', 'kind', 'subject_type', 'subject_id', 'payload', 'created_at', 'attempts'])
    .where('done_at', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS);
  if (skip.length) q = q.where('id', 'not in', skip);
  const rows = (await q.orderBy('created_at').limit(BATCH).forUpdate().skipLocked().execute()) as OutboxJob[];
  let done = 0;
  const failedIds: string[] = [];
  const single: OutboxJob[] = [];
  const byKind = new Map<string, OutboxJob[]>();
  for (const job of rows) {
    if (oneByOne || !batchHandlers.has(job.kind)) single.push(job);
    else if (byKind.has(job.kind)) byKind.get(job.kind)!.push(job);
    else byKind.set(job.kind, [job]);
  }
  const batched: string[] = [];
  for (const [kind, jobs] of byKind) {
    try {
      await batchHandlers.get(kind)!(tx, jobs);
    } catch (error) {
      throw new BatchFailed(String((error as Error).message));
    }
    batched.push(...jobs.map((j) => j.id));
  }
  if (batched.length) {
    await tx
      .updateTable('outbox_jobs')
      .set({ done_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, last_error: null })
      .where('id', 'in', batched)
      .execute();
    done += batched.length;
  }
  for (const job of single) {
    const handler = handlers.get(job.kind);
    await sql`savepoint outbox_job`.execute(tx);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(tx, job);
      await tx
        .updateTable('outbox_jobs')
        .set({ done_at: sql<Date>`now()`, attempts: job.attempts + 1, last_error: null })
        .where('id', '=', job.id)
        .execute();
      await sql`release savepoint outbox_job`.execute(tx);
      done += 1;
    } catch (error) {
      await sql`rollback to savepoint outbox_job`.execute(tx);
      await tx
        .updateTable('outbox_jobs')
        .set({ attempts: job.attempts + 1, last_error: String((error as Error).message).slice(0, 400) })
        .where('id', '=', job.id)
        .execute();
      failedIds.push(job.id);
    }
  }
  return { claimed: rows.length, done, failedIds };
}

/**
 * A node's drain loop. `wake()` (after a request's COMMIT) runs a drain soon — at once, or `minGapMs` after the
 * previous one ended — and coalesces: while one is scheduled, further wakes join it; while one runs, they schedule the
 * next for `minGapMs` after it ends (under load a drain then carries the jobs of that whole span instead of drains
 * running back to back with a few jobs each, every one a transaction of several statements). With `everyMs` > 0 it also
 * looks for pending jobs on a timer (one cheap read; a drain only when there is something never tried: a failing job
 * is retried by the drains that run anyway and the scheduled one, not every `everyMs`). `idle()` resolves when
 * nothing woken is scheduled or running (tests wait on it; it never drains by itself).
 */
export class AfterCommitDrainer {
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private pending: Promise<void> | null = null;
  private fire: (() => Promise<void>) | null = null;
  private lastEnd = 0;
  private stopped = false;
  /** A woken drain is running; `again`: it was woken meanwhile, so another follows it. */
  private running = false;
  private again = false;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      log?: (error: unknown) => void;
      /** What a drain runs (tests pass a stand-in); `drainJobs` by default. */
      drain?: (db: Db, now: Date) => Promise<unknown>;
    },
    private readonly opts: { everyMs: number; minGapMs: number } = { everyMs: 0, minGapMs: DRAIN_MIN_GAP_MS },
  ) {}

  /** Drain soon (coalesced with a drain already scheduled). */
  wake(): void {
    if (this.stopped || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, this.lastEnd + this.opts.minGapMs - Date.now());
    const previous = this.pending;
    let fire!: () => Promise<void>;
    const run = new Promise<void>((resolve) => {
      fire = () => {
        this.running = true;
        return (this.deps.drain ?? drainJobs)(this.deps.db, this.deps.clock.now())
          .then(
            () => undefined,
            (error: unknown) => this.deps.log?.(error),
          )
          .finally(() => {
            this.running = false;
            this.lastEnd = Date.now();
            // Woken while it ran: the next drain is scheduled before this one counts as done (idle() waits for it).
            if (this.again && !this.stopped) {
              this.again = false;
              this.wake();
            }
            resolve();
          });
      };
    });
    this.fire = fire;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire = null;
      void fire();
    }, wait);
    this.pending = previous ? Promise.all([previous, run]).then(() => undefined) : run;
  }

  /** Starts the periodic look for jobs nobody woke this node for. */
  start(): void {
    if (this.opts.everyMs <= 0 || this.ticker || this.stopped) return;
    this.ticker = setInterval(() => void this.tick(), this.opts.everyMs);
    this.ticker.unref();
  }

  private async tick(): Promise<void> {
    if (this.timer || this.stopped) return;
    try {
      const r = await sql<{
        n: number;
      }>`select 1 as n from outbox_jobs where done_at is null and attempts = 0 limit 1`.execute(this.deps.db);
      if (r.rows.length) this.wake();
    } catch (error) {
      this.deps.log?.(error);
    }
  }

  /** Resolves when no woken drain is scheduled or running. */
  async idle(): Promise<void> {
    for (;;) {
      const p = this.pending;
      if (!p) return;
      await p;
      if (this.pending === p) return;
    }
  }

  /** Stops the timers and waits for a drain in flight (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.timer && this.fire) {
      // A scheduled drain runs now rather than being dropped (its jobs would otherwise wait for the scheduled drain).
      clearTimeout(this.timer);
      this.timer = null;
      const fire = this.fire;
      this.fire = null;
      await fire();
    }
    await this.idle();
    // Woken while the last drain ran: its jobs are delivered now rather than left to the scheduled drain.
    if (this.again) {
      this.again = false;
      await (this.deps.drain ?? drainJobs)(this.deps.db, this.deps.clock.now()).catch((error: unknown) => this.deps.log?.(error));
    }
    await drainsSettled(this.deps.db);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The node's after-commit drain loop (platform/jobs-after-commit.ts). */
    afterCommit: AfterCommitDrainer;
  }
}

/**
 * Wires the after-commit drain: every request gets a tracker on its context; a request that queued a job wakes the
 * node's drain loop once its handler has returned (its transaction has committed). The answer does not wait for the
 * delivery: the loop sends the jobs of many requests together. `everyMs` > 0 also starts the periodic look (a
 * server node; tests leave it off so that only the wake and explicit drains deliver).
 */
export function registerAfterCommit(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; outbox: MessageTransport },
  opts: { everyMs?: number; minGapMs?: number } = {},
): AfterCommitDrainer {
  setMessageTransport(deps.outbox);
  const drainer = new AfterCommitDrainer(
    {
      db: deps.db,
      clock: deps.clock,
      log: (error) => app.log.error({ err: error }, 'after-commit drain failed; the scheduled drain will retry'),
    },
    { everyMs: opts.everyMs ?? 0, minGapMs: opts.minGapMs ?? DRAIN_MIN_GAP_MS },
  );
  app.decorate('afterCommit', drainer);
  app.addHook('onRequest', async (req) => {
    if (req.ctx) req.ctx.afterCommit = { queued: 0 };
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.ctx?.afterCommit?.queued) {
      req.ctx.afterCommit.queued = 0;
      drainer.wake();
    }
    return payload;
  });
  app.addHook('onReady', async () => drainer.start());
  app.addHook('onClose', async () => drainer.stop());
  return drainer;
}
