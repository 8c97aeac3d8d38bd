/**
 * 上报问题: anyone in the field reports a problem. The client's `clientId` makes a resend after a lost
 * connection return the same problem instead of a second one.
 */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { notifyUsers, regionPeople } from '../notifications/notify';
import { appendEvent, attachPhotos, countFiles, findByClientId, findProblem, nextCode, type ProblemRow } from './repository';
import type { SubmitProblemInput } from './schemas';
import { problemLink } from './verb';

export interface NewProblemValues {
  clientId: string | null;
  description: string;
  categoryCode: string;
  source: string;
  severity: string;
  state: 'pending' | 'accepted' | 'dispatched';
  regionId: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  siteId: string | null;
  unitId?: string | null;
  deadline?: Date | null;
  relapsedFrom?: string | null;
  roundId?: string | null;
  standardId?: string | null;
}

/**
 * Inserts a problem row, its timeline entry and (unless `auditLater`) its audit event; returns the id.
 * `code` may be taken beforehand with `nextCode(ctx.db, …)` so the month's counter row is not locked for
 * the whole transaction; a caller that passes `auditLater` writes the event with `auditReported` as its
 * last statement, so the audit chain's lock is held only until COMMIT.
 */
export async function insertProblem(tx: Tx, ctx: Ctx, v: NewProblemValues, opts: { code?: string; auditLater?: boolean } = {}): Promise<{ id: string; code: string }> {
  const now = ctx.clock.now();
  const code = opts.code ?? (await nextCode(tx, 'WT', now));
  const row = await tx
    .insertInto('problems')
    .values({
      code,
      client_id: v.clientId,
      description: v.description,
      category_code: v.categoryCode,
      source: v.source,
      severity: v.severity,
      state: v.state,
      region_id: v.regionId,
      lat: v.lat,
      lng: v.lng,
      address: v.address,
      site_id: v.siteId,
      unit_id: v.unitId ?? null,
      deadline: v.deadline ?? null,
      dispatched_at: v.state === 'dispatched' ? now : null,
      first_dispatched_at: v.state === 'dispatched' ? now : null,
      relapsed_from: v.relapsedFrom ?? null,
      round_id: v.roundId ?? null,
      standard_id: v.standardId ?? null,
      accepted_at: v.state === 'pending' ? null : now,
      reporter_id: actorUserId(ctx.actor),
      reporter_name: ctx.actor.name,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  await appendEvent(tx, { problemId: row.id, action: v.relapsedFrom ? 'relapse' : 'report', from: null, to: v.state, actorId: ctx.actor.id || null, actorName: ctx.actor.name, at: now, payload: v.relapsedFrom ? { relapsedFrom: v.relapsedFrom } : undefined });
  if (!opts.auditLater) await auditReported(tx, ctx, row, v);
  return row;
}

/** The audit event of a new problem. */
export function auditReported(tx: Tx, ctx: Ctx, row: { id: string; code: string }, v: NewProblemValues) {
  return recordEvent(tx, ctx, { action: 'problem.reported', subjectType: 'problem', subjectId: row.id, after: { code: row.code, category_code: v.categoryCode, source: v.source, severity: v.severity, region_id: v.regionId, state: v.state } });
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

  const category = await ctx.db.selectFrom('problem_categories').select(['code', 'active']).where('code', '=', input.categoryCode).executeTakeFirst();
  if (!category || !category.active) throw new AppError('validation', `问题类别 ${input.categoryCode} 不存在或已停用`);
  const regionId = input.regionId ?? (await defaultRegion(ctx));
  if (!regionId) throw new AppError('validation', '请选择问题所在区域');
  const region = await ctx.db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst();
  if (!region) throw new AppError('validation', '所属区域不存在');
  if ((await countFiles(ctx.db, input.photoIds)) !== new Set(input.photoIds).size) throw new AppError('validation', '照片不存在，请重新上传');

  // The code is taken in its own statement (autocommit), so concurrent reports do not queue on the
  // month's counter row until COMMIT; a report that then fails leaves a gap in the numbering, nothing worse.
  const code = await nextCode(ctx.db, 'WT', ctx.clock.now());
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      const values: NewProblemValues = {
        clientId: input.clientId,
        description: input.description,
        categoryCode: input.categoryCode,
        source: input.source,
        severity: input.severity,
        state: 'pending',
        regionId,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
        address: input.address ?? null,
        siteId: input.siteId ?? null,
      };
      const row = await insertProblem(tx, ctx, values, { code, auditLater: true });
      await attachPhotos(tx, row.id, input.photoIds, 'report');
      const office = await regionPeople(tx, region.path, ['office']);
      await notifyUsers(tx, office, { kind: 'reported', title: `新上报问题 ${row.code} 待受理`, body: input.description.slice(0, 80), link: problemLink(row.id), problemId: row.id }, ctx.clock.now());
      // Last: the audit chain is serialized from here to COMMIT.
      await auditReported(tx, ctx, row, values);
      return row.id;
    });
    return { problem: (await findProblem(ctx.db, id))!, created: true };
  } catch (e) {
    // Two resends racing: the unique (reporter, clientId) index lets one win; the other returns it.
    const again = await findByClientId(ctx.db, ctx.actor.id, input.clientId);
    if (again) return { problem: (await findProblem(ctx.db, again.id))!, created: false };
    throw e;
  }
}
