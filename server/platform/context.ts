/** What every command receives first: who acts, on which database handle, when, and from where. */
import type { Actor } from './actor';
import type { Clock } from './clock';
import type { Db, Tx } from './db';
import type { AfterCommitTracker } from './jobs-after-commit';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface Ctx {
  actor: Actor;
  db: Db;
  clock: Clock;
  meta: RequestMeta;
  /** A request's count of jobs queued for after COMMIT (platform/jobs-after-commit.ts); absent outside requests. */
  afterCommit?: AfterCommitTracker;
}

/** Runs `work` in one transaction; the audit event and the change commit or roll back together. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}
