/**
 * 上报问题: anyone in the field reports a problem. The client's `clientId` makes a resend after a lost
 * connection return the same problem instead of a second one.
 */
import { REPORT_SOURCES_BY_ROLE, PROBLEM_SOURCE_LABELS, type ProblemSource } from '../../../common/problem-workflow';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor';
import { auditEventInsert } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { jobInsert } from '../../platform/jobs-after-commit';
import { assertOwnUploads } from '../../platform/visibility';
import { writeTogether } from '../../platform/write-batch';
import { noticeJob } from '../notifications/notify';
import { categoryUsableIn } from '../problem-categories/list-categories';
import { firstTimelineEntry, problemInsert, reportedEvent, type NewProblemValues } from './insert-problem';
import { findByClientId, findProblem, nextCode, reportPhotosInsert, timelineInsert, type ProblemRow } from './repository';
import type { SubmitProblemInput } from './schemas';
import { problemLink } from './verb';

/** The source a report is filed under: the one asked for if the reporter's roles allow it, else their default. */
export function reportSource(actor: Actor, asked: ProblemSource | undefined): ProblemSource {
  const allowed = actor.grants.flatMap((g) => REPORT_SOURCES_BY_ROLE[g.role] ?? []);
  if (!asked) return allowed[0] ?? 'inspection';
  if (!allowed.includes(asked)) throw new AppError('validation', `您不能以“${PROBLEM_SOURCE_LABELS[asked]}”来源上报问题`);
  return asked;
}

/** Whether the region (by path) lies inside the area of one of the actor's reporting roles. */
function mayReportIn(actor: Actor, regionPath: string): boolean {
  return actor.grants.some(
    (g) =>
      (REPORT_SOURCES_BY_ROLE[g.role]?.length ?? 0) > 0 &&
      (g.scopeType === 'global' || (!!g.regionPath && regionPath.startsWith(g.regionPath))),
  );
}

/** Where a report without a region belongs: the reporter's region, else their unit's. */
async function defaultRegion(ctx: Ctx): Promise<string | null> {
  if (ctx.actor.regionId) return ctx.actor.regionId;
  if (!ctx.actor.unitId) return null;
  const unit = await ctx.db.selectFrom('units').select('region_id').where('id', '=', ctx.actor.unitId).executeTakeFirst();
  return unit?.region_id ?? null;
}

/** Creates a problem (or returns the one this client already created); `created` says which. */
export async function submitProblem(ctx: Ctx, input: SubmitProblemInput): Promise<{ problem: ProblemRow; created: boolean }> {
  authorize(ctx.actor, 'problems.report');
  const existing = await findByClientId(ctx.db, ctx.actor.id, input.clientId);
  if (existing) return { problem: (await findProblem(ctx.db, existing.id))!, created: false };

  const source = reportSource(ctx.actor, input.source);
  const site = input.siteId
    ? await ctx.db.selectFrom('sites').select(['id', 'region_id']).where('id', '=', input.siteId).executeTakeFirst()
    : null;
  if (input.siteId && !site) throw new AppError('validation', '点位不存在');
  const regionId = input.regionId ?? site?.region_id ?? (await defaultRegion(ctx));
  if (!regionId) throw new AppError('validation', '请选择问题所在区域');
  const region = await ctx.db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst();
  // Outside the reporter's own area a region answers as if it did not exist (no probing of other counties).
  if (!region || !mayReportIn(ctx.actor, region.path)) throw new AppError('validation', '所属区域不存在或不在您的工作范围内');
  if (site) {
    const sitePath = await ctx.db.selectFrom('regions').select('path').where('id', '=', site.region_id).executeTakeFirstOrThrow();
    if (!mayReportIn(ctx.actor, sitePath.path)) throw new AppError('validation', '点位不存在');
  }
  // A category switched off for this region, or another county's local one, is as good as unknown here.
  if (!(await categoryUsableIn(ctx.db, input.categoryCode, region.path)))
    throw new AppError('validation', `问题类别 ${input.categoryCode} 不存在或已停用`);
  await assertOwnUploads(ctx.db, ctx.actor, input.photoIds);

  // The code comes from the county's sequence (no lock); then the problem, its timeline entry, its photos, the
  // nearest office's notice job and the audit event go to the database as one statement (write-batch.ts): one round
  // trip, one implicit transaction, all or nothing. The audit event is chained by the sealer after COMMIT.
  const code = await nextCode(ctx.db, 'WT', regionId, ctx.clock.now());
  const id = randomUUID();
  const values: NewProblemValues = {
    clientId: input.clientId,
    description: input.description,
    categoryCode: input.categoryCode,
    source,
    severity: input.severity,
    state: 'pending',
    regionId,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    address: input.address ?? null,
    siteId: input.siteId ?? null,
  };
  const notice = noticeJob([{ nearestOffice: region.path }], {
    kind: 'reported',
    title: `新上报问题 ${code} 待受理`,
    body: input.description.slice(0, 80),
    link: problemLink(id),
    problemId: id,
    regionPath: region.path,
  });
  try {
    await writeTogether(ctx.db, [
      problemInsert(ctx.db, ctx, values, code, id),
      timelineInsert(ctx.db, firstTimelineEntry(ctx, id, values)),
      ...(input.photoIds.length ? [reportPhotosInsert(ctx.db, id, input.photoIds)] : []),
      jobInsert(ctx.db, ctx, notice),
      auditEventInsert(ctx.db, ctx, reportedEvent({ id, code }, values)),
    ]);
    if (ctx.afterCommit) ctx.afterCommit.queued += 1; // the nearest office hears of it right after this request
    return { problem: (await findProblem(ctx.db, id))!, created: true };
  } catch (e) {
    // Two resends racing: the unique (reporter, clientId) index lets one win; the other returns it.
    const again = await findByClientId(ctx.db, ctx.actor.id, input.clientId);
    if (again) return { problem: (await findProblem(ctx.db, again.id))!, created: false };
    throw e;
  }
}
