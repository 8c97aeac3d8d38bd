/**
 * 上报问题: anyone in the field reports a problem. The client's `clientId` makes a resend after a lost
 * connection return the same problem instead of a second one.
 */
import { REPORT_SOURCES_BY_ROLE, PROBLEM_SOURCE_LABELS, type ProblemSource } from '../../../common/problem-workflow';
import { newId } from '../../platform/ids';
import type { Actor } from '../../platform/actor';
import { auditEventRow } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { assertOwnUploads } from '../../platform/visibility';
import { noticeJob } from '../notifications/notify';
import { firstTimelineEntry, problemRow, reportedEvent, type NewProblemValues } from './insert-problem';
import { checkAndWriteReport, REPORT_SLOTS, type CheckedReport, type ReportWrite } from './report-statements';
import { findByClientId, findProblem, reportPhotoRows, timelineRow, type ProblemRow } from './repository';
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

/** The region paths inside which the actor's reporting roles may report (or everywhere: a global grant). */
function reportArea(actor: Actor): { global: boolean; paths: string[] } {
  const reporting = actor.grants.filter((g) => (REPORT_SOURCES_BY_ROLE[g.role]?.length ?? 0) > 0);
  return {
    global: reporting.some((g) => g.scopeType === 'global'),
    paths: [...new Set(reporting.flatMap((g) => (g.regionPath ? [g.regionPath] : [])))],
  };
}

/**
 * Creates a problem (or returns the one this client already created); `created` says which. One statement after
 * authentication (and the photos' owner, when there are photos): every check, the code and — when the checks pass —
 * the write, which also answers the new row (`checkAndWriteReport`). The rows are made here with placeholders for what
 * the check decides (the code, the region: `REPORT_SLOTS`). Reports arriving together share the statement
 * (platform/batcher.ts), as they share the authentication's: under load a statement carries several.
 */
export async function submitProblem(ctx: Ctx, input: SubmitProblemInput): Promise<{ problem: ProblemRow; created: boolean }> {
  authorize(ctx.actor, 'problems.report');
  let source: ProblemSource | null = null;
  let sourceError: unknown = null;
  try {
    source = reportSource(ctx.actor, input.source);
  } catch (error) {
    sourceError = error;
  }
  // The photos first: a refused upload takes no number.
  await assertOwnUploads(ctx.db, ctx.actor, input.photoIds);
  const now = ctx.clock.now();
  const id = newId();
  const code = REPORT_SLOTS.code;
  const values: NewProblemValues = {
    clientId: input.clientId,
    description: input.description,
    categoryCode: input.categoryCode,
    source: source ?? 'inspection', // a source the reporter may not use writes nothing (`mayWrite` below)
    severity: input.severity,
    state: 'pending',
    regionId: REPORT_SLOTS.regionId,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    address: input.address ?? null,
    siteId: input.siteId ?? null,
  };
  const notice = noticeJob([{ nearestOffice: REPORT_SLOTS.regionPath }], {
    kind: 'reported',
    title: `新上报问题 ${code} 待受理`,
    body: input.description.slice(0, 80),
    link: problemLink(id),
    problemId: id,
    regionPath: REPORT_SLOTS.regionPath,
  });
  let checked: CheckedReport;
  try {
    // The problem, its timeline entry, its photos, the nearest office's notice job and the audit event go with the
    // checks as one statement (with the other reports sent at the same moment): one round trip, one implicit
    // transaction, all or nothing. If that statement fails, each of its reports is sent again alone, so one report's
    // fault stays its own. The audit event is chained by the sealer after COMMIT.
    checked = await checkAndWriteReport(
      ctx.db,
      {
        reporterId: ctx.actor.id,
        clientId: input.clientId,
        regionId: input.regionId ?? null,
        siteId: input.siteId ?? null,
        actorRegionId: ctx.actor.regionId,
        actorUnitId: ctx.actor.unitId,
        categoryCode: input.categoryCode,
        area: reportArea(ctx.actor),
        mayWrite: source !== null,
        now,
      },
      {
        problem: problemRow(ctx, values, code, id) as ReportWrite['problem'],
        timeline: timelineRow(firstTimelineEntry(ctx, id, values)),
        photos: reportPhotoRows(id, input.photoIds),
        job: { payload: notice.payload, created_at: now },
        audit: auditEventRow(ctx, reportedEvent({ id, code }, values)),
      },
    );
  } catch (e) {
    // Two resends racing: the unique (reporter, clientId) index lets one win; the other returns it.
    const again = await findByClientId(ctx.db, ctx.actor.id, input.clientId);
    if (again) return { problem: (await findProblem(ctx.db, again.id))!, created: false };
    throw e;
  }
  const check = checked.check;
  if (check.existing_id) return { problem: (await findProblem(ctx.db, check.existing_id))!, created: false };
  if (sourceError || !source) throw sourceError;
  if (input.siteId && !check.site_found) throw new AppError('validation', '点位不存在');
  if (!check.wanted_region_id) throw new AppError('validation', '请选择问题所在区域');
  // Outside the reporter's own area a region answers as if it did not exist (no probing of other counties).
  if (!check.region_id || !check.region_path || !mayReportIn(ctx.actor, check.region_path))
    throw new AppError('validation', '所属区域不存在或不在您的工作范围内');
  if (input.siteId && !mayReportIn(ctx.actor, check.site_path ?? '')) throw new AppError('validation', '点位不存在');
  // A category switched off for this region, or another county's local one, is as good as unknown here.
  if (!check.category_usable) throw new AppError('validation', `问题类别 ${input.categoryCode} 不存在或已停用`);
  if (!checked.problem) throw new Error('a report passed every check but was not written');
  // The node's drain loop delivers the nearest office's notice right after this request (with others' together).
  if (ctx.afterCommit) ctx.afterCommit.queued += 1;
  return { problem: checked.problem, created: true };
}
