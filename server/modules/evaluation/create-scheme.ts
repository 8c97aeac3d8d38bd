/**
 * 新建考核方案 and 修改考核方案. A scheme is versioned: creating one starts a family at version 1; editing posts the
 * whole scheme again and inserts the next version of the family — a run keeps pointing at the version it used.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { DEFAULT_ESCALATION } from '../../../common/evaluation-workflow';
import type { CreateSchemeBody, UpdateSchemeBody } from '../../../common/contracts/evaluation';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { scopeOf } from './policy';
import { findScheme } from './repository';
import { validateScheme } from './validate-scheme';

async function insertVersion(ctx: Ctx, body: UpdateSchemeBody, campaignId: string, regionPath: string, key: string, version: number) {
  await validateScheme(ctx.db, body, regionPath);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('evaluation_schemes')
      .values({
        scheme_key: key,
        version,
        campaign_id: campaignId,
        name: body.name,
        period_type: body.periodType,
        red_count: body.redCount ?? 5,
        black_count: body.blackCount ?? 5,
        groups: JSON.stringify(body.groups),
        escalation: JSON.stringify(body.escalation ?? DEFAULT_ESCALATION),
        objection_days: body.objectionDays ?? 5,
        rollup_method: body.rollupMethod ?? 'average',
        created_by: actorUserId(ctx.actor),
        created_at: ctx.clock.now(),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new AppError('version_conflict', '方案已被他人修改，请刷新后重试');
        throw e;
      });
    await recordEvent(tx, ctx, {
      action: version === 1 ? 'evaluation_scheme.created' : 'evaluation_scheme.revised',
      subjectType: 'evaluation_scheme',
      subjectId: row.id,
      after: { name: body.name, version, campaign_id: campaignId, groups: body.groups.length },
    });
    return row;
  });
}

/** Creates a scheme (version 1) for a campaign in the actor's scope. */
export async function createScheme(ctx: Ctx, body: CreateSchemeBody): Promise<{ id: string; version: number }> {
  const campaign = await sql<{ id: string; region_path: string }>`
    select c.id, r.path as region_path from campaigns c join regions r on r.id = c.region_id where c.id = ${body.campaignId}`
    .execute(ctx.db)
    .then((r) => r.rows[0]);
  if (!campaign) throw notFound('创建项目');
  authorize(
    ctx.actor,
    'evaluation.manage',
    { regionPath: campaign.region_path, campaignId: campaign.id },
    { permission: 'campaigns.read' },
  );
  return insertVersion(ctx, body, campaign.id, campaign.region_path, crypto.randomUUID(), 1);
}

/** Edits a scheme: the next version of its family (only from the latest version, else 409). */
export async function reviseScheme(ctx: Ctx, id: string, body: UpdateSchemeBody): Promise<{ id: string; version: number }> {
  const scheme = await findScheme(ctx.db, id);
  if (!scheme) throw notFound('考核方案');
  authorize(ctx.actor, 'evaluation.manage', scopeOf(scheme));
  if (!scheme.latest) throw new AppError('version_conflict', '该方案已有更新的版本，请在最新版本上修改');
  return insertVersion(ctx, body, scheme.campaign_id, scheme.region_path, scheme.scheme_key, scheme.version + 1);
}
