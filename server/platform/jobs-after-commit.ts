/**
 * Jobs after commit. A command queues a job in its own transaction (`enqueueJob`: one INSERT into `outbox_jobs`);
 * nothing runs until that transaction has committed, so a rolled-back command leaves no job and tells nobody.
 *
 * Who runs the jobs (`drainJobs`):
 * - the request that queued one, right after its transaction committed (an onSend hook for any request whose
 *   context counted a queued job: `registerAfterCommit`), so the person acting and the next screen see the result;
 * - a pg-boss job every few seconds (`server/jobs.ts`, `deliver-after-commit`) — the safety net for a crash between
 *   COMMIT and the drain, and the drain for jobs queued outside a request (the deadline sweep drains itself too).
 *
 * Each drain claims pending rows with `for update skip locked`, so two app nodes (or two requests) never run one
 * job twice; a job's effects and its `done_at` commit in the same transaction (one savepoint per job), so a job runs
 * exactly once. A failing job is rolled back to its savepoint, counted in `attempts` with `last_error`, and retried by
 * the next drain, up to MAX_ATTEMPTS. Handlers are registered per job kind (`registerJobHandler`; notices:
 * modules/notifications/notify.ts). Messages a handler queues in `message_outbox` (SMS) are handed to the transport
 * after the drain's COMMIT (platform/outbox.ts `deliverPending`).
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
const BATCH = 50;
const handlers = new Map<string, JobHandler>();
let transport: MessageTransport | null = null;

/** Registers the handler for a job kind (at module load of the module that queues such jobs). */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
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

/**
 * The INSERT that queues a job, for a `writeTogether` batch; the caller counts it in `ctx.afterCommit` (as
 * `enqueueJob` does) once the batch is sent.
 */
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

/**
 * Runs every committed pending job (oldest first, batches of 50), then hands queued messages to the transport
 * (when a job queued one — `noteMessageQueued` — or always with `always`: the scheduled drain also retries failed sends).
 * Safe to call from any number of places at once. Returns how many jobs ran and how many failed this time.
 */
export async function drainJobs(
  db: Db,
  now: Date = new Date(),
  opts: { always?: boolean } = {},
): Promise<{ done: number; failed: number; sent: number }> {
  let done = 0;
  let failed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (tx) => {
      const rows = (await tx
        .selectFrom('outbox_jobs')
        .select(['id', 'kind', 'subject_type', 'subject_id', 'payload', 'created_at', 'attempts'])
        .where('done_at', 'is', null)
        .where('attempts', '<', MAX_ATTEMPTS)
        .orderBy('created_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute()) as OutboxJob[];
      for (const job of rows) {
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
          failed += 1;
        }
      }
      return rows.length;
    });
    if (batch < BATCH) break;
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

/**
 * Wires the request-side drain: every request gets a tracker on its context; a request that queued a job drains
 * after its handler returned (its transaction has committed) and before its answer leaves, so the next request
 * already sees the notices. A drain that fails is logged and left to the scheduled drain; the answer stands.
 */
export function registerAfterCommit(app: FastifyInstance, deps: { db: Db; clock: Clock; outbox: MessageTransport }): void {
  setMessageTransport(deps.outbox);
  app.addHook('onRequest', async (req) => {
    if (req.ctx) req.ctx.afterCommit = { queued: 0 };
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.ctx?.afterCommit?.queued) {
      req.ctx.afterCommit.queued = 0;
      try {
        await drainJobs(deps.db, deps.clock.now());
      } catch (error) {
        req.log.error({ err: error }, 'after-commit drain failed; the scheduled drain will retry');
      }
    }
    return payload;
  });
}
