/**
 * task_notices: each reminder, missing-report notice and escalation is sent once per (task, kind, key) — the sweep
 * claims the row first (insert … on conflict do nothing) and sends only when it got it, so two sweeps (two nodes, or
 * one run twice) never send twice. Keys: the month for 'remind' and 'missing' ('2026-11'), the level for 'escalate'.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db';

export type TaskNoticeKind = 'remind' | 'missing' | 'escalate';

/** Claims (task, kind, key); false when it was sent already. */
export async function claimTaskNotice(
  tx: Tx,
  n: { taskId: string; kind: TaskNoticeKind; key: string; code?: string | null; at: Date },
): Promise<boolean> {
  const r = await tx
    .insertInto('task_notices')
    .values({ task_id: n.taskId, kind: n.kind, key: n.key, code: n.code ?? null, sent_at: n.at })
    .onConflict((oc) => oc.columns(['task_id', 'kind', 'key']).doNothing())
    .returning('task_id')
    .executeTakeFirst();
  return !!r;
}

/** The 督办单 number of a task's escalation: RWDB<yyyymm>-<county code>-<n>, from the county's sequence (as problems' DB…). */
export async function nextSupervisionCode(tx: Tx, regionId: string, at: Date): Promise<string> {
  const r = await sql<{ code: string }>`select next_problem_code('RWDB', ${regionId}, ${at}) as code`.execute(tx);
  return r.rows[0].code;
}

/** `SQL` true when the (task, kind, key) notice was sent (for the sweep's candidate queries over tasks `t`). */
export const noticeSentSql = (kind: TaskNoticeKind, key: string | ReturnType<typeof sql>) =>
  sql<boolean>`exists (select 1 from task_notices n where n.task_id = t.id and n.kind = ${kind} and n.key = ${key})`;
