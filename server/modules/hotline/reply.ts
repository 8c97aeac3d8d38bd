/**
 * 办结回复: when a 12345 problem closes (核查通过), its reply — the unit's 整改措施 as the reply text, the after-photos,
 * the time — is recorded on the order and, where the region configured a callback URL, sent there as JSON by an
 * after-commit job (`hotline.reply`), retried by the drain (attempts, last_error) until it is accepted. The .xlsx
 * export (export-replies.ts) reads the same reply.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { enqueueJob, registerJobHandler, type OutboxJob } from '../../platform/jobs-after-commit';
import { resolveSettings } from '../integrations/public-settings';

export const REPLY_JOB = 'hotline.reply';
/** How long the 12345 platform may take to accept a callback. */
const CALLBACK_TIMEOUT_MS = 10_000;

/** The reply of a closed order: text, after-photos, time. */
export async function replyOf(db: Db | Tx, problemId: string) {
  const row = await db
    .selectFrom('hotline_orders as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(['h.order_no', 'h.replied_at', 'p.code', 'p.closed_at', 'p.state', 'u.name as unit_name', 'pr.path as region_path'])
    .select(
      sql<
        string | null
      >`(select e.payload->>'measures' from problem_events e where e.problem_id = p.id and e.action = 'submit_rectification'
        order by e.id desc limit 1)`.as('measures'),
    )
    .select(
      sql<string[]>`coalesce((select array_agg(pp.file_id::text order by pp.sort) from problem_photos pp
        where pp.problem_id = p.id and pp.stage = 'rectification'), '{}')`.as('photo_ids'),
    )
    .where('h.problem_id', '=', problemId)
    .executeTakeFirst();
  if (!row) return null;
  const base = (process.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  return {
    orderNo: row.order_no,
    problemCode: row.code,
    closedAt: row.closed_at,
    replyText: replyText(row.unit_name, row.measures),
    photoUrls: (row.photo_ids ?? []).map((id) => `${base}/open311/v2/media/${id}.jpg`),
    regionPath: row.region_path,
  };
}

/** The reply's words: who handled it and what they did. */
export function replyText(unit: string | null, measures: string | null): string {
  return `${unit ? `经${unit}办理，` : ''}${measures ? `${measures.replace(/[。\s]+$/, '')}。` : ''}经核查问题已整改到位，现予办结。`;
}

/**
 * Called in the closing transaction (核查通过) for a problem that came from 12345: records the reply time and, when a
 * callback URL applies, queues the callback (nothing leaves before COMMIT).
 */
export async function queueHotlineReply(ctx: Ctx, tx: Tx, problemId: string, regionPath: string): Promise<void> {
  const res = await tx
    .updateTable('hotline_orders')
    .set({ replied_at: ctx.clock.now() })
    .where('problem_id', '=', problemId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return;
  const settings = await resolveSettings(tx, { id: '', path: regionPath });
  if (!settings.hotlineCallbackUrl) return;
  await enqueueJob(tx, ctx, {
    kind: REPLY_JOB,
    subjectType: 'problem',
    subjectId: problemId,
    payload: { url: settings.hotlineCallbackUrl },
  });
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
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    redirect: 'manual',
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`回调地址答复 HTTP ${res.status}`);
  await tx.updateTable('hotline_orders').set({ callback_sent_at: new Date() }).where('problem_id', '=', problemId).execute();
}

registerJobHandler(REPLY_JOB, sendReply);
