/**
 * 新建督查轮次: chosen sites, a reproducible random sample (N per site type within regions, from a
 * stored seed), or — for 回头看 — the sites with problems closed in the last N days.
 */
import { actorUserId } from '../../platform/actor';
import crypto from 'node:crypto';

import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { notify } from '../notifications/notify';
import { drawSample, inDrawOrder } from './sample-sites';
import type { CreateRoundInput } from './schemas';

/** Creates the round; returns its id, sites and the seed used. */
export async function createRound(ctx: Ctx, input: CreateRoundInput): Promise<{ id: string; siteIds: string[]; seed: string | null }> {
  const db = ctx.db;
  const campaign = await db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.region_id', 'r.path'])
    .where('c.id', '=', input.campaignId)
    .executeTakeFirst();
  if (!campaign) throw notFound('创建项目');
  const regionId = input.regionId ?? campaign.region_id;
  const region = await db.selectFrom('regions').select(['id', 'path']).where('id', '=', regionId).executeTakeFirst();
  if (!region) throw new AppError('validation', '督查范围的区域不存在');
  authorize(
    ctx.actor,
    'inspections.create',
    { regionPath: region.path, campaignId: campaign.id },
    { permission: 'campaigns.read', subject: { campaignId: campaign.id, regionPath: campaign.path, areaWide: true } },
  );

  const versionId =
    input.standardVersionId ??
    (
      await db
        .selectFrom('standard_versions')
        .select('id')
        .where('campaign_id', '=', campaign.id)
        .orderBy('created_at', 'desc')
        .executeTakeFirst()
    )?.id;
  if (!versionId) throw new AppError('validation', '该创建项目还没有测评体系，请先导入测评体系');
  if (
    !(await db
      .selectFrom('standard_versions')
      .select('id')
      .where('id', '=', versionId)
      .where('campaign_id', '=', campaign.id)
      .executeTakeFirst())
  ) {
    throw new AppError('validation', '测评体系版本不属于该创建项目');
  }

  // Candidates: active sites inside the round's region, in the draw's stable order (see inDrawOrder).
  const candidates = inDrawOrder(
    await db
      .selectFrom('sites as s')
      .innerJoin('regions as r', 'r.id', 's.region_id')
      .select(['s.id', 's.site_type_code', 's.name', 'r.path', 'r.code as regionCode'])
      .where('s.active', '=', true)
      .where('r.path', 'like', `${region.path}%`)
      .execute(),
  );
  const inRegion = new Set(candidates.map((c) => c.id));
  let siteIds: string[] = [];
  let seed: string | null = null;
  if (input.siteIds?.length) {
    const missing = input.siteIds.filter((id) => !inRegion.has(id));
    if (missing.length) throw new AppError('validation', `有 ${missing.length} 个点位不存在、已停用或不在督查范围内`);
    siteIds = [...new Set(input.siteIds)];
  } else if (input.sample) {
    seed = input.sample.seed ?? crypto.randomBytes(6).toString('hex');
    let pool = candidates;
    if (input.sample.regionIds?.length) {
      const paths = (await db.selectFrom('regions').select('path').where('id', 'in', input.sample.regionIds).execute()).map((r) => r.path);
      if (paths.length !== new Set(input.sample.regionIds).size) throw new AppError('validation', '抽样区域不存在');
      pool = candidates.filter((c) => paths.some((p) => c.path.startsWith(p)));
    }
    siteIds = drawSample(
      pool.map((c) => ({ id: c.id, siteTypeCode: c.site_type_code })),
      input.sample.siteTypeCodes,
      input.sample.perType,
      seed,
    );
  } else if (input.kind === 'recheck' && input.recheckDays) {
    const since = new Date(ctx.clock.now().getTime() - input.recheckDays * 24 * 3600_000);
    const rows = await db
      .selectFrom('problems')
      .select('site_id')
      .distinct()
      .where('state', '=', 'closed')
      .where('closed_at', '>=', since)
      .where('site_id', 'is not', null)
      .execute();
    siteIds = rows.map((r) => r.site_id!).filter((id) => inRegion.has(id));
  }
  if (!siteIds.length) throw new AppError('validation', '没有符合条件的点位');

  if (input.inspectorIds.length) {
    const ok = await db
      .selectFrom('user_roles')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', input.inspectorIds)
      .where('role', '=', 'inspector')
      .execute();
    if (ok.length !== new Set(input.inspectorIds).size) throw new AppError('validation', '督查人员须是具有督查员角色的账号');
  }

  const now = ctx.clock.now();
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('inspection_rounds')
      .values({
        name: input.name,
        kind: input.kind,
        campaign_id: campaign.id,
        standard_version_id: versionId,
        region_id: region.id,
        start_date: input.startDate,
        end_date: input.endDate,
        sample: input.sample
          ? JSON.stringify({ ...input.sample, seed })
          : input.recheckDays
            ? JSON.stringify({ recheckDays: input.recheckDays })
            : null,
        pass_threshold: input.passThreshold,
        is_covert: input.kind === 'covert',
        created_by: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('inspection_round_sites')
      .values(siteIds.map((site_id) => ({ round_id: row.id, site_id })))
      .execute();
    if (input.inspectorIds.length)
      await tx
        .insertInto('inspection_round_inspectors')
        .values([...new Set(input.inspectorIds)].map((user_id) => ({ round_id: row.id, user_id })))
        .execute();
    await recordEvent(tx, ctx, {
      action: 'inspection_round.created',
      subjectType: 'inspection_round',
      subjectId: row.id,
      after: { name: input.name, kind: input.kind, sites: siteIds.length, seed },
    });
    // Only the team hears of a round; for a covert round that is the point (三不).
    await notify(ctx, tx, [{ users: input.inspectorIds }], {
      kind: 'dispatched',
      title: `督查任务：${input.name}（${input.startDate} 至 ${input.endDate}，${siteIds.length} 个点位）`,
      link: `/inspections/${row.id}`,
      regionPath: region.path,
    });
    return row.id;
  });
  return { id, siteIds, seed };
}
