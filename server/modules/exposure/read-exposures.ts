/** Staff reads of the board: a page of exposures, one with its photos, a photo's public copy, and whether a problem may be proposed. */
import type { z } from 'zod';
import type { exposureEligibility } from '../../../common/contracts/exposure';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { can } from '../../platform/policy';
import { canReadProblem } from '../../platform/visibility';
import { findProblem } from '../problems/repository';
import { mayReadExposure, visibleExposureSql } from './access';
import { presentExposure, presentListItem } from './presenter';
import { proposeBlocked } from './propose-exposure';
import { findExposure, findPhoto, listExposures, pendingAfterPhotos, photosOf, type ExposureFilter, type ExposureSort } from './repository';

export async function readExposure(ctx: Ctx, id: string) {
  const e = await findExposure(ctx.db, id);
  if (!e || !mayReadExposure(ctx.actor, e)) throw notFound('曝光');
  const pending = e.state === 'published' && e.problem_state === 'closed' ? await pendingAfterPhotos(ctx.db, id, e.problem_id) : [];
  return { ...presentExposure(e, await photosOf(ctx.db, id), ctx.actor), pendingAfterPhotos: pending.map((p) => ({ fileId: p.file_id })) };
}

export async function readExposures(
  ctx: Ctx,
  q: ExposureFilter & { sort: ExposureSort; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  if (!holds(ctx.actor, 'exposure.read')) throw new AppError('forbidden', '没有权限查看曝光台');
  const { rows, total } = await listExposures(ctx.db, visibleExposureSql(ctx.actor), q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((e) => presentListItem(e, ctx.actor)), total };
}

/** The stored key of a photo's public copy (the editor's preview), for a reader of the exposure. */
export async function previewKey(ctx: Ctx, id: string, photoId: string): Promise<string> {
  const e = await findExposure(ctx.db, id);
  if (!e || !mayReadExposure(ctx.actor, e)) throw notFound('曝光');
  const ph = await findPhoto(ctx.db, id, photoId);
  if (!ph || !ph.public_key) throw notFound('照片');
  return ph.public_key;
}

/** Whether the actor may propose the problem now (the problem page's button), and why not. */
export async function eligibility(ctx: Ctx, problemId: string): Promise<z.infer<typeof exposureEligibility>> {
  const p = await findProblem(ctx.db, problemId);
  if (!p || !canReadProblem(ctx.actor, p)) throw notFound('问题');
  if (!can(ctx.actor, 'exposure.manage', { regionPath: p.region_path }))
    return { canPropose: false, reason: '您没有提出曝光的权限', exposureId: null };
  const b = await proposeBlocked(ctx, p);
  return { canPropose: !b.reason, reason: b.reason, exposureId: b.exposureId };
}
