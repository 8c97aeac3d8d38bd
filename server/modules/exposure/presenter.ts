/** Exposures as the API answers them: staff (common/contracts/exposure.ts) and public (only what may be shown). */
import type { z } from 'zod';
import type { exposureListItem, exposureResponse, publicExposureItem, publicExposureResponse } from '../../../common/contracts/exposure';
import { EXPOSURE_STATE_LABELS, type ExposureState } from '../../../common/exposure-workflow';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import { allowedExposureActions } from './access';
import type { ExposurePhotoRow, ExposureRow, PublicRow } from './repository';

/** Days from found to fixed, one decimal. */
export const daysBetween = (from: Date, to: Date | null) =>
  to ? Math.round(((to.getTime() - from.getTime()) / 86_400_000) * 10) / 10 : null;

export function presentListItem(e: ExposureRow, actor: Actor): z.infer<typeof exposureListItem> {
  return {
    id: e.id,
    problemId: e.problem_id,
    problemCode: e.problem_code,
    problemState: e.problem_state,
    problemStateLabel: PROBLEM_STATE_LABELS[e.problem_state as ProblemState] ?? e.problem_state,
    regionId: e.region_id,
    regionName: e.region_name,
    unitId: e.unit_id,
    unitName: e.unit_name,
    state: e.state,
    stateLabel: EXPOSURE_STATE_LABELS[e.state as ExposureState],
    title: e.title,
    foundAt: e.found_at,
    deadline: e.deadline,
    closedAt: e.closed_at,
    proposedAt: e.proposed_at,
    publishedAt: e.published_at,
    takenDownAt: e.taken_down_at,
    version: e.version,
    allowedActions: allowedExposureActions(actor, e),
    photoCount: e.photo_count,
    boxCount: e.box_count,
  };
}

export function presentExposure(
  e: ExposureRow,
  photos: ExposurePhotoRow[],
  actor: Actor,
): Omit<z.infer<typeof exposureResponse>, 'pendingAfterPhotos'> {
  const { photoCount: _p, boxCount: _b, ...core } = presentListItem(e, actor);
  return {
    ...core,
    description: e.description,
    problemDescription: e.problem_description,
    isCovertFinding: e.is_covert_finding,
    proposedByName: e.proposed_by_name,
    submittedAt: e.submitted_at,
    returnedAt: e.returned_at,
    returnReason: e.return_reason,
    approvedByName: e.approved_by_name,
    approveComment: e.approve_comment,
    takenDownByName: e.taken_down_by_name,
    takeDownReason: e.take_down_reason,
    daysTaken: e.problem_state === 'closed' ? daysBetween(e.found_at, e.closed_at) : null,
    photos: photos.map((p) => ({
      id: p.id,
      position: p.position,
      fileId: p.file_id,
      stage: p.stage,
      boxes: p.boxes,
      width: p.width,
      height: p.height,
      rendered: !!p.public_key,
    })),
  };
}

export const publicPhotoUrl = (exposureId: string, photoId: string) => `/api/public/exposures/${exposureId}/photos/${photoId}`;

export function presentPublicItem(e: PublicRow, now: Date): z.infer<typeof publicExposureItem> {
  const fixedAt = e.fixed_at ?? null;
  const overdue = !!e.deadline && (fixedAt ? fixedAt > e.deadline : now > e.deadline);
  return {
    id: e.id,
    title: e.title,
    townName: e.town_name,
    unitId: e.unit_id,
    unitName: e.unit_name ?? '未明确责任单位',
    foundAt: e.found_at,
    deadline: e.deadline,
    publishedAt: e.published_at!,
    fixed: !!fixedAt,
    fixedAt,
    daysTaken: daysBetween(e.found_at, fixedAt),
    overdue,
    beforePhoto: e.before_photo_id ? publicPhotoUrl(e.id, e.before_photo_id) : null,
    // The after-photo shows only once the problem is fixed.
    afterPhoto: fixedAt && e.after_photo_id ? publicPhotoUrl(e.id, e.after_photo_id) : null,
  };
}

export function presentPublicExposure(
  e: PublicRow,
  photos: Array<{ id: string; stage: 'before' | 'after' }>,
  now: Date,
): z.infer<typeof publicExposureResponse> {
  const item = presentPublicItem(e, now);
  return {
    ...item,
    description: e.description,
    beforePhotos: photos.filter((p) => p.stage === 'before').map((p) => publicPhotoUrl(e.id, p.id)),
    afterPhotos: item.fixed ? photos.filter((p) => p.stage === 'after').map((p) => publicPhotoUrl(e.id, p.id)) : [],
  };
}
