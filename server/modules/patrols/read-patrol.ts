/**
 * One check-in as its reader may see it: the site must be in their scope for check-ins (or led by them), else 404 —
 * and the problem filed with it is named only when the reader may see that problem (visibility.ts).
 */
import { sql } from 'kysely';
import { PATROL_FAR_METRES } from '../../../common/contracts/patrols';
import type { ProblemState } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { canSeeSite, problemVisibleSql } from '../../platform/visibility';
import { fileUrls } from './presenter';
import { findPatrol, patrolPhotos } from './repository';
import { assertMayRead } from './scope';

/** The check-in, or 404. */
export async function readPatrol(ctx: Ctx, id: string) {
  assertMayRead(ctx.actor);
  const visible = problemVisibleSql(ctx.actor, 'problems.read', {
    regionPath: sql.ref('pr.path'),
    unitId: sql.ref('p.unit_id'),
    reporterId: sql.ref('p.reporter_id'),
    roundId: sql.ref('p.round_id'),
    siteId: sql.ref('p.site_id'),
  });
  const row = await findPatrol(ctx.db, id, visible);
  if (
    !row ||
    !canSeeSite(ctx.actor, 'patrols.read', { regionPath: row.region_path, unitId: row.unit_id, leadUserId: row.site_lead_user_id })
  )
    throw notFound('打卡记录');
  const photos = await patrolPhotos(ctx.db, row.id);
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    siteAddress: row.site_address,
    day: row.day,
    checkedAt: row.checked_at,
    leadUserId: row.lead_user_id,
    leadName: row.lead_name,
    result: row.result,
    note: row.note,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng, accuracy: row.accuracy_m } : null,
    locationSource: row.location_source,
    distanceM: row.distance_m,
    far: row.distance_m !== null && row.distance_m > PATROL_FAR_METRES,
    photos: photos.map((p) => ({ fileId: p.file_id, takenAt: p.taken_at, ...fileUrls(p.file_id) })),
    problem:
      row.problem_id && row.problem_code && row.problem_state
        ? { id: row.problem_id, code: row.problem_code, state: row.problem_state as ProblemState }
        : null,
  };
}
