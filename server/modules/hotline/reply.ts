/**
 * 办结回复: every 12345 order gets its answer from the loop —
 * - closed (核查通过): the unit's 整改措施 as the reply text, the after-photos, the time;
 * - merged into another problem (triage merge, `duplicate_of`): the same reply as above, from the SURVIVING problem,
 *   written when the survivor closes (the order follows the survivor as merged reporters do);
 * - 不予受理 (triage reject): the reason the citizen sees, written at the rejection.
 * The reply time is recorded on the order and, where the region configured a callback URL, the reply is sent there as
 * JSON by an after-commit job (`hotline.reply`), retried by the drain (attempts, last_error) until it is accepted.
 * The list and the .xlsx export (read-orders.ts) read the same reply.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { enqueueJob, registerJobHandler, type OutboxJob } from '../../platform/jobs-after-commit';
import { postJsonSafely } from '../../platform/outbound-url';
import { resolveSettings } from '../integrations/public-settings';

export const REPLY_JOB = 'hotline.reply';
/** How long the 12345 platform may take to accept a callback. */
const CALLBACK_TIMEOUT_MS = 10_000;

/**
 * SQL pieces shared with read-orders.ts, over `hotline_orders as h` joined to its own problem `p`: the answering
 * problem `a` — the end of the merge chain (`duplicate_of`, a merge may go into a report that is merged later), else
 * `p` itself — and the public reply of the answering problem's 不予受理.
 */
export const ANSWERING_PROBLEM_ON = sql<boolean>`a.id = coalesce((with recursive chain(id, dup, n) as (
    select p.id, p.duplicate_of, 0
    union all select q.id, q.duplicate_of, chain.n + 1 from problems q join chain on q.id = chain.dup where chain.n < 20
  ) select chain.id from chain where chain.dup is null limit 1), p.id)`;
export const measuresOfAnswer = sql<string | null>`(select e.payload->>'measures' from problem_events e
  where e.problem_id = a.id and e.action = 'submit_rectification' order by e.id desc limit 1)`;
export const photoIdsOfAnswer = sql<string[]>`coalesce((select array_agg(pp.file_id::text order by pp.sort)
  from problem_photos pp where pp.problem_id = a.id and pp.stage = 'rectification'), '{}')`;

export const rejectLabelOfAnswer = sql<string | null>`(select rr.label from problem_public_replies ppr
  join public_reject_reasons rr on rr.code = ppr.reason_code where ppr.problem_id = a.id)`;
/** The public reason of the triage's 不予受理, else the reason the loop's 不予立案 gave (shown to the reporter). */
export const rejectTextOfAnswer = sql<string | null>`coalesce(
  (select ppr.public_text from problem_public_replies ppr where ppr.problem_id = a.id), a.reject_reason)`;

/** What a row needs to word its reply (`state` is the answering problem's). */
export interface ReplySource {
  state: string;
  unit_name: string | null;
  measures: string | null;
  reject_label: string | null;
  reject_text: string | null;
}

/** Whether the order was answered by a 不予受理 (of its own problem or of the one it was merged into). */
export const isRejection = (r: Pick<ReplySource, 'state'>) => r.state === 'rejected';

/** The reply's words for any answered order. */
export function replyTextOf(r: ReplySource): string {
  return isRejection(r) ? rejectReplyText(r.reject_label, r.reject_text) : replyText(r.unit_name, r.measures);
}

/** The reply of an answered order: text, after-photos (none for a rejection), time. */
export async function replyOf(db: Db | Tx, problemId: string) {
  const row = await db
    .selectFrom('hotline_orders as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    .innerJoin('problems as a', (j) => j.on(ANSWERING_PROBLEM_ON))
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['h.order_no', 'h.replied_at', 'p.code', 'a.state', 'a.closed_at', 'u.name as unit_name'])
    .select('pr.path as region_path')
    .select([rejectLabelOfAnswer.as('reject_label'), rejectTextOfAnswer.as('reject_text')])
    .select(measuresOfAnswer.as('measures'))
    .select(photoIdsOfAnswer.as('photo_ids'))
    .where('h.problem_id', '=', problemId)
    .executeTakeFirst();
  if (!row) return null;
  const base = (process.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  const rejected = isRejection(row);
  return {
    orderNo: row.order_no,
    problemCode: row.code,
    closedAt: rejected ? row.replied_at : row.closed_at,
    replyText: replyTextOf(row),
    photoUrls: rejected ? [] : (row.photo_ids ?? []).map((id) => `${base}/open311/v2/media/${id}.jpg`),
    regionPath: row.region_path,
  };
}

/** The reply's words: who handled it and what they did. */
export function replyText(unit: string | null, measures: string | null): string {
  return `${unit ? `经${unit}办理，` : ''}${measures ? `${measures.replace(/[。\s]+$/, '')}。` : ''}经核查问题已整改到位，现予办结。`;
}

/** The words of a 不予受理 reply: the preset reason and the text the citizen sees. */
export function rejectReplyText(label: string | null, publicText: string | null): string {
  const text = (publicText ?? '').replace(/[。\s]+$/, '');
  return `经审核，该诉求不予受理${label ? `（${label}）` : ''}${text ? `：${text}` : ''}。`;
}

/**
 * Called in the transaction that answers a problem — closing it (核查通过) or rejecting it (不予受理) — for the
 * 12345 orders it answers: its own order and the orders of problems merged into it. Records the reply time and,
 * when a callback URL applies to the order's region, queues the callback (nothing leaves before COMMIT). Does
 * nothing for a problem that answers no order.
 */
export async function queueHotlineReply(ctx: Ctx, tx: Tx, problemId: string): Promise<void> {
  const answered = await tx
    .updateTable('hotline_orders')
    .set({ replied_at: ctx.clock.now() })
    .where(
      sql<boolean>`problem_id in (with recursive merged(id) as (
        select ${problemId}::uuid union select q.id from problems q join merged on q.duplicate_of = merged.id
      ) select id from merged)`,
    )
    // A problem merged into another answers nothing itself: its orders wait for the survivor.
    .where(sql<boolean>`not exists (select 1 from problems x where x.id = ${problemId} and x.duplicate_of is not null)`)
    .returning('problem_id')
    .execute();
  for (const { problem_id } of answered) {
    const region = await tx
      .selectFrom('problems as p')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .select(['r.id', 'r.path'])
      .where('p.id', '=', problem_id)
      .executeTakeFirstOrThrow();
    const settings = await resolveSettings(tx, region);
    if (!settings.hotlineCallbackUrl) continue;
    await enqueueJob(tx, ctx, {
      kind: REPLY_JOB,
      subjectType: 'problem',
      subjectId: problem_id,
      payload: { url: settings.hotlineCallbackUrl },
    });
  }
}

/** Sends one callback: the reply as JSON; anything but a 2xx answer is a failure (the drain retries it). */
async function sendReply(tx: Tx, job: OutboxJob): Promise<void> {
  const problemId = job.subject_id!;
  const reply = await replyOf(tx, problemId);
  if (!reply) return;
  const { url } = job.payload as { url: string };
  const body = {
    orderNo: reply.orderNo,
    problemCode: reply.problemCode,
    replyText: reply.replyText,
    photoUrls: reply.photoUrls,
    closedAt: reply.closedAt ? new Date(reply.closedAt).toISOString() : null,
  };
  // Checked again as it connects (a name that now resolves into the network is refused); no redirect is followed.
  const res = await postJsonSafely(url, body, { timeoutMs: CALLBACK_TIMEOUT_MS });
  if (res.status >= 300 && res.status < 400) throw new Error(`回调地址答复 HTTP ${res.status}（重定向，不予跟随）`);
  if (res.status < 200 || res.status >= 300) throw new Error(`回调地址答复 HTTP ${res.status}`);
  await tx.updateTable('hotline_orders').set({ callback_sent_at: new Date() }).where('problem_id', '=', problemId).execute();
}

registerJobHandler(REPLY_JOB, sendReply);
