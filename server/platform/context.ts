/** What every command receives first: who acts, on which database handle, when, and from where. */
import type { Actor } from './actor';
import type { Clock } from './clock';
import type { Db, Tx } from './db';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface Ctx {
  actor: Actor;
  db: Db;
  clock: Clock;
  meta: RequestMeta;
}

/** Runs `work` in one transaction; the audit event and the change commit or roll back together. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}
