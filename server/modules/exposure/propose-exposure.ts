/**
 * 提出曝光: the office puts a problem it may see on the board as a draft (草稿), with the problem's report photos
 * (before) and rectification photos (after) — rendered as public copies with nothing blurred yet — and a public text
 * drafted from the problem. A finding of a covert round may be proposed only after its round is released
 * (visibility.ts's published-round rule), a problem still 待受理 or 不予立案 not at all, nor one not yet dispatched (no
 * unit to name: 422). The unit responsible is told.
 */
import type { z } from 'zod';
import type { proposeExposureBody } from '../../../common/contracts/exposure';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import type { FileStorage } from '../../platform/storage';
import { canReadProblem } from '../../platform/visibility';
import { notify } from '../notifications/notify';
import { findProblem, type ProblemRow } from '../problems/repository';
import { liveExposureOf, problemPhotosForExposure } from './repository';
import { renderPhoto } from './render-photos';

/** Why the problem cannot be proposed (Chinese), or null. */
export async function proposeBlocked(ctx: Ctx, p: ProblemRow): Promise<{ reason: string | null; exposureId: string | null }> {
  const live = await liveExposureOf(ctx.db, p.id);
  if (live) return { reason: '该问题已在曝光台（草稿、待审批或已曝光）', exposureId: live.id };
  if (p.round_is_covert && p.round_hidden) return { reason: '暗访发现的问题须在该轮暗访发布后才能曝光', exposureId: null };
  if (p.state === 'pending' || p.state === 'rejected') return { reason: '待受理或不予立案的问题不能曝光', exposureId: null };
  if (p.duplicate_of) return { reason: '重复问题不能曝光，请曝光原问题', exposureId: null };
  // The board names the unit that answers for the problem: without one (受理 but not yet 派遣) there is nobody to name.
  if (!p.unit_id) return { reason: '该问题尚未派遣，没有责任单位，请先派遣再提出曝光', exposureId: null };
  return { reason: null, exposureId: null };
}

/** Loads a problem the actor may see and may expose (exposure.manage over its region); else 404 / 403. */
export async function loadProposable(ctx: Ctx, problemId: string): Promise<ProblemRow> {
  const p = await findProblem(ctx.db, problemId);
  if (!p || !canReadProblem(ctx.actor, p)) throw notFound('问题');
  authorize(
    ctx.actor,
    'exposure.manage',
    { regionPath: p.region_path },
    { permission: 'problems.read', subject: { regionPath: p.region_path, unitId: p.unit_id } },
  );
  return p;
}

const draftTitle = (p: ProblemRow) => `${p.category_name}：${p.address ?? p.region_name}`.slice(0, 60);

export async function proposeExposure(ctx: Ctx, storage: FileStorage, input: z.infer<typeof proposeExposureBody>): Promise<string> {
  const p = await loadProposable(ctx, input.problemId);
  const blocked = await proposeBlocked(ctx, p);
  if (blocked.reason) throw new AppError(blocked.exposureId ? 'conflict' : 'invalid_transition', `不能提出曝光：${blocked.reason}`);
  const photos = await problemPhotosForExposure(ctx.db, p.id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('exposures')
      .values({
        problem_id: p.id,
        region_id: p.region_id,
        unit_id: p.unit_id,
        title: (input.title ?? draftTitle(p)).trim(),
        description: (input.description ?? p.description).trim().slice(0, 1000),
        proposed_by: actorUserId(ctx.actor),
        proposed_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('problem_id').where('state', '!=', 'taken_down').doNothing())
      .returning('id')
      .executeTakeFirst();
    // Two offices proposing at once: the second finds the first's row.
    if (!row) throw new AppError('conflict', '不能提出曝光：该问题已在曝光台');
    const inserted = photos.length
      ? await tx
          .insertInto('exposure_photos')
          .values(
            photos.map((ph, i) => ({
              exposure_id: row.id,
              position: i,
              file_id: ph.file_id,
              stage: ph.stage === 'report' ? ('before' as const) : ('after' as const),
              boxes: '[]',
              width: ph.width,
              height: ph.height,
            })),
          )
          .returning(['id', 'exposure_id', 'file_id'])
          .execute()
      : [];
    for (const ph of inserted) await renderPhoto(tx, storage, ph, []);
    await recordEvent(tx, ctx, {
      action: 'exposure.propose',
      subjectType: 'exposure',
      subjectId: row.id,
      after: { problem_id: p.id, problem_code: p.code, unit_id: p.unit_id, photos: inserted.length },
    });
    if (p.unit_id)
      await notify(ctx, tx, [{ unit: p.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
        kind: 'exposure',
        title: `问题 ${p.code} 被提出曝光`,
        body: `创建办拟将该问题在曝光台公开，经领导审批后发布。请抓紧整改。`,
        link: `/problems/${p.id}`,
        problemId: p.id,
        regionPath: p.region_path,
      });
    return row.id;
  });
}
