/**
 * 巡查打卡: the 点长 of a site records, once a Beijing day, that he patrolled it — at least one photo taken today (the
 * photo pipeline's EXIF time, files/read-exif.ts), an optional note, the device position (with the distance to the
 * site when it has coordinates) and 巡查无问题 or a problem found, which is filed through the report flow
 * (problems/submit-problem.ts: same rules, same notices) and linked.
 *
 * A phone on a flaky network resends with the same `clientId`: the resend answers the check-in it made (200). A second,
 * different check-in of the same site on the same day changes nothing and answers 409.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { PATROL_FAR_METRES, type checkInBody } from '../../../common/contracts/patrols';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { assertOwnUploads, canSeeSite } from '../../platform/visibility';
import { beijingDay } from '../calendar/calendar';
import { submitProblem } from '../problems/submit-problem';
import { distanceMetres } from './distance';
import { findByClientId, findOnDay, findPatrolSite, photoFacts, type PatrolSite } from './repository';

type Input = z.output<typeof checkInBody>;

const hhmm = (d: Date) => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The site the actor may check in at: 404 outside what they may see, 403 when they are not its 点长. */
export async function loadSiteForCheckIn(ctx: Ctx, siteId: string): Promise<PatrolSite> {
  const site = await findPatrolSite(ctx.db, siteId);
  const subject = site && { regionPath: site.region_path, unitId: site.unit_id, leadUserId: site.lead_user_id };
  if (!site || !canSeeSite(ctx.actor, 'patrols.read', subject!)) throw notFound('点位');
  if (!holds(ctx.actor, 'patrols.checkIn') || !ctx.actor.id || site.lead_user_id !== ctx.actor.id)
    throw forbidden('只有该点位的点长本人可以巡查打卡');
  if (!site.active) throw new AppError('validation', `“${site.name}”已停用，无需打卡`);
  return site;
}

/** Refuses photos that are not the actor's own uploads of today, were shot on another day, or prove another check-in. */
async function checkPhotos(ctx: Ctx, photoIds: string[], day: string) {
  const ids = [...new Set(photoIds)];
  await assertOwnUploads(ctx.db, ctx.actor, ids);
  const facts = await photoFacts(ctx.db, ids);
  for (const f of facts) {
    if (f.used_by) throw new AppError('validation', '有照片已用于另一次打卡，请现场重新拍照');
    if (beijingDay(f.created_at) !== day) throw new AppError('validation', '照片须是今天现场拍摄上传的，请重新拍照');
    // A photo without an EXIF time (many browsers strip it) counts by its upload time, which is today.
    if (f.taken_at && beijingDay(f.taken_at) !== day)
      throw new AppError('validation', `有照片拍摄于${monthDay(beijingDay(f.taken_at))}，不是今天拍摄的，请现场重新拍照`);
  }
  return { ids, facts: ids.map((id) => facts.find((f) => f.id === id)!) };
}

/** Where the check-in was made: the device's position, else the first photo's. */
function placeOf(input: Input, photos: Array<{ lat: number | null; lng: number | null }>) {
  if (input.location)
    return { lat: input.location.lat, lng: input.location.lng, accuracy: input.location.accuracy ?? null, source: 'device' as const };
  const p = photos.find((x) => x.lat !== null && x.lng !== null);
  return p ? { lat: p.lat!, lng: p.lng!, accuracy: null, source: 'photo' as const } : null;
}

const alreadyDone = (site: PatrolSite, at: Date) =>
  new AppError('conflict', `“${site.name}”今天已打卡（${hhmm(at)}），每个点位每天打卡一次`);

/** Records a check-in, or returns the one this client already made; `created` says which. */
export async function checkIn(ctx: Ctx, input: Input): Promise<{ id: string; created: boolean }> {
  if (!holds(ctx.actor, 'patrols.checkIn') && !holds(ctx.actor, 'patrols.read')) throw forbidden();
  if (ctx.actor.id) {
    const replay = await findByClientId(ctx.db, ctx.actor.id, input.clientId);
    if (replay) {
      if (replay.site_id !== input.siteId) throw new AppError('conflict', 'clientId 已用于另一次打卡，请刷新后重试');
      return { id: replay.id, created: false };
    }
  }
  const site = await loadSiteForCheckIn(ctx, input.siteId);
  const now = ctx.clock.now();
  const day = beijingDay(now);
  const earlier = await findOnDay(ctx.db, site.id, day);
  if (earlier) throw alreadyDone(site, earlier.checked_at);
  const photos = await checkPhotos(ctx, input.photoIds, day);
  const place = placeOf(input, photos.facts);
  const distance =
    place && site.lat !== null && site.lng !== null ? Math.round(distanceMetres(place, { lat: site.lat, lng: site.lng })) : null;

  // A problem found goes through the report flow (idempotent by its own client id, derived from this one).
  const problem =
    input.result === 'problem' && input.problem
      ? (
          await submitProblem(ctx, {
            clientId: `patrol-${input.clientId}`,
            description: input.problem.description,
            categoryCode: input.problem.categoryCode,
            severity: input.problem.severity,
            location: place ? { lat: place.lat, lng: place.lng } : null,
            address: site.address,
            siteId: site.id,
            photoIds: photos.ids,
          })
        ).problem
      : null;

  return ctx.db.transaction().execute(async (tx) => {
    // Two sends for one site and day (two tabs, a resend racing the first) queue here: the second sees the first.
    await sql`select pg_advisory_xact_lock(hashtext(${`patrol:${site.id}:${day}`}))`.execute(tx);
    const first = await findOnDay(tx, site.id, day);
    if (first) {
      if (first.lead_user_id === ctx.actor.id && first.client_id === input.clientId)
        return { id: (await findByClientId(tx, ctx.actor.id, input.clientId))!.id, created: false };
      throw alreadyDone(site, first.checked_at);
    }
    const id = randomUUID();
    const row = {
      id,
      site_id: site.id,
      day,
      lead_user_id: ctx.actor.id,
      client_id: input.clientId,
      result: input.result,
      problem_id: problem?.id ?? null,
      note: input.note?.trim() || null,
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      accuracy_m: place?.accuracy ?? null,
      location_source: place?.source ?? null,
      distance_m: distance,
      checked_at: now,
    };
    await tx.insertInto('site_patrols').values(row).execute();
    await tx
      .insertInto('site_patrol_photos')
      .values(photos.ids.map((fileId, i) => ({ patrol_id: id, file_id: fileId, sort: i })))
      .execute();
    const { client_id: _c, ...facts } = row;
    await recordEvent(tx, ctx, {
      action: 'patrol.checked_in',
      subjectType: 'site_patrol',
      subjectId: id,
      after: { ...facts, photo_ids: photos.ids, far: distance !== null && distance > PATROL_FAR_METRES },
    });
    return { id, created: true };
  });
}
