/**
 * 待受理 triage of public sources (随手拍, Open311, 12345). 受理 is the loop's own `accept` (POST
 * /api/problems/:id/transitions); here: 不予受理 with a preset reason the citizen sees (the loop's `reject`, its
 * internal reason naming the preset and the office's note), and merge into a nearby open problem of the same category
 * (the loop's `reject` as 重复, `duplicate_of` set, and the merged report's citizens follow the surviving problem; a merged
 * 12345 order gets its 办结回复 when the survivor closes, a rejected one its reply with the reason at once — hotline/reply.ts).
 */
import { sql } from 'kysely';
import { PUBLIC_SOURCES, MERGE_RADIUS_METERS } from '../../../common/public-reports';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { canReadProblem } from '../../platform/visibility';
import { findProblem, type ProblemRow } from '../problems/repository';
import { transitionInTransaction } from '../problems/transition-problem';
import { mergeCandidateRows, rejectReasonList } from './repository';

/** A pending problem of a public source the actor may triage, or 404. */
export async function loadTriageable(ctx: Ctx, id: string): Promise<ProblemRow> {
  const p = await findProblem(ctx.db, id);
  if (!p || !(PUBLIC_SOURCES as readonly string[]).includes(p.source) || !canReadProblem(ctx.actor, p, 'citizenReports.triage')) {
    throw notFound('问题');
  }
  authorize(ctx.actor, 'citizenReports.triage', { regionPath: p.region_path, unitId: p.unit_id });
  return p;
}

const assertPending = (p: ProblemRow) => {
  if (p.state !== 'pending')
    throw new AppError('invalid_transition', `问题当前为“${PROBLEM_STATE_LABELS[p.state as ProblemState]}”，不在待受理队列中`);
};

async function writePublicReply(ctx: Ctx, tx: Tx, problemId: string, reasonCode: string, publicText: string) {
  await sql`insert into problem_public_replies (problem_id, reason_code, public_text, decided_by, decided_at)
    values (${problemId}, ${reasonCode}, ${publicText}, ${ctx.actor.id || null}, ${ctx.clock.now()})
    on conflict (problem_id) do update set reason_code = excluded.reason_code, public_text = excluded.public_text,
      decided_by = excluded.decided_by, decided_at = excluded.decided_at`.execute(tx);
}

/** 不予受理 with a preset reason. */
export async function rejectPublicReport(ctx: Ctx, id: string, input: { version: number; reasonCode: string; note?: string | null }) {
  const p = await loadTriageable(ctx, id);
  assertPending(p);
  const reason = (await rejectReasonList(ctx.db)).find((r) => r.code === input.reasonCode);
  if (!reason) throw new AppError('validation', '不予受理的理由不在可选列表中');
  if (reason.code === 'duplicate') throw new AppError('validation', '重复的问题请用“合并”并入已有问题');
  await ctx.db.transaction().execute(async (tx) => {
    await transitionInTransaction(ctx, tx, id, 'reject', input.version, {
      reason: input.note ? `${reason.label}：${input.note}` : reason.label,
    });
    // A 12345 order: the reject verb queued its reply, which reads this public reason when it is sent.
    await writePublicReply(ctx, tx, id, reason.code, reason.public_text);
  });
  return (await findProblem(ctx.db, id))!;
}

/** Suggestions for a merge: nearby open problems of the same category. */
export async function mergeCandidates(ctx: Ctx, id: string) {
  const p = await loadTriageable(ctx, id);
  if (p.lat === null || p.lng === null) return { items: [] };
  const rows = await mergeCandidateRows(ctx.db, ctx.actor, {
    id: p.id,
    lat: p.lat,
    lng: p.lng,
    category_code: p.category_code,
    created_at: p.created_at,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      description: r.description,
      state: r.state,
      stateLabel: PROBLEM_STATE_LABELS[r.state as ProblemState],
      distanceMeters: Math.round(r.d * 10) / 10,
      createdAt: r.created_at,
    })),
  };
}

/** Merges a pending public report into an open problem nearby: the survivor keeps going, the reporters follow it. */
export async function mergePublicReport(ctx: Ctx, id: string, input: { version: number; targetId: string }) {
  const p = await loadTriageable(ctx, id);
  assertPending(p);
  if (input.targetId === id) throw new AppError('validation', '不能并入自身');
  const candidates = (await mergeCandidates(ctx, id)).items;
  const target = candidates.find((c) => c.id === input.targetId);
  if (!target) {
    throw new AppError('validation', `只能并入 ${MERGE_RADIUS_METERS} 米内、同一类别、仍在办理中的问题`);
  }
  const reason = (await rejectReasonList(ctx.db)).find((r) => r.code === 'duplicate');
  await ctx.db.transaction().execute(async (tx) => {
    // duplicate_of first: the reject verb then knows this is a merge (a merged 12345 order waits for the survivor).
    await sql`update problems set duplicate_of = ${target.id} where id = ${id}`.execute(tx);
    await transitionInTransaction(ctx, tx, id, 'reject', input.version, { reason: `重复：并入 ${target.code}` });
    await writePublicReply(ctx, tx, id, 'duplicate', reason?.public_text ?? '该问题已有人反映，已并入同一案件办理。');
    // The merged report's citizens now follow the survivor (and so do earlier merges into this one).
    await sql`update citizen_reports set problem_id = ${target.id} where problem_id = ${id}`.execute(tx);
    await recordEvent(tx, ctx, {
      action: 'problem.merged',
      subjectType: 'problem',
      subjectId: id,
      before: { duplicate_of: null },
      after: { duplicate_of: target.id, target_code: target.code },
    });
  });
  return (await findProblem(ctx.db, id))!;
}
