/** 新增/修改/删除点位: type, region, unit and lead must exist; the region must be in the actor's scope. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { siteSubject } from './presenter';
import { findSite, type SiteRow } from './repository';
import type { SiteInput } from './schemas';

/** Column values for a site from API input. */
export function siteColumns(input: Partial<SiteInput>) {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.siteTypeCode !== undefined) out.site_type_code = input.siteTypeCode;
  if (input.address !== undefined) out.address = input.address || null;
  if (input.location !== undefined) {
    out.lat = input.location?.lat ?? null;
    out.lng = input.location?.lng ?? null;
  }
  if (input.polygon !== undefined) out.polygon = input.polygon ? JSON.stringify(input.polygon) : null;
  if (input.regionId !== undefined) out.region_id = input.regionId;
  if (input.unitId !== undefined) out.unit_id = input.unitId;
  if (input.leadUserId !== undefined) out.lead_user_id = input.leadUserId;
  if (input.leadName !== undefined) out.lead_name = input.leadName || null;
  if (input.leadPhone !== undefined) out.lead_phone = input.leadPhone || null;
  if (input.photoFileId !== undefined) out.photo_file_id = input.photoFileId;
  if (input.active !== undefined) out.active = input.active;
  return out;
}

/** Checks references and returns the target region's path. */
export async function checkSiteRefs(tx: Tx | Ctx['db'], input: Partial<SiteInput>): Promise<string | null> {
  if (input.siteTypeCode && !(await tx.selectFrom('site_types').select('code').where('code', '=', input.siteTypeCode).executeTakeFirst()))
    throw new AppError('validation', `点位类型 ${input.siteTypeCode} 不存在`);
  if (input.unitId && !(await tx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst()))
    throw new AppError('validation', '包保单位不存在');
  if (input.leadUserId && !(await tx.selectFrom('users').select('id').where('id', '=', input.leadUserId).executeTakeFirst()))
    throw new AppError('validation', '点长账号不存在');
  if (input.photoFileId && !(await tx.selectFrom('files').select('id').where('id', '=', input.photoFileId).executeTakeFirst()))
    throw new AppError('validation', '点位照片不存在');
  if (!input.regionId) return null;
  const region = await tx.selectFrom('regions').select('path').where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw new AppError('validation', '所属区域不存在');
  return region.path;
}

/** Inserts a site and its audit event inside the caller's transaction. */
export async function insertSite(tx: Tx, ctx: Ctx, input: SiteInput): Promise<string> {
  if (await tx.selectFrom('sites').select('id').where('name', '=', input.name).where('region_id', '=', input.regionId).executeTakeFirst()) {
    throw new AppError('duplicate', `该区域已有名为“${input.name}”的点位`);
  }
  const row = await tx
    .insertInto('sites')
    .values(siteColumns(input) as never)
    .returning(['id', 'name', 'site_type_code', 'region_id', 'unit_id'])
    .executeTakeFirstOrThrow();
  await recordEvent(tx, ctx, { action: 'site.created', subjectType: 'site', subjectId: row.id, after: row });
  return row.id;
}

/** Creates a site. */
export async function createSite(ctx: Ctx, input: SiteInput): Promise<SiteRow> {
  const path = await checkSiteRefs(ctx.db, input);
  authorize(ctx.actor, 'sites.create', { regionPath: path, unitId: input.unitId ?? null }, { permission: 'regions.read' });
  const id = await ctx.db.transaction().execute((tx) => insertSite(tx, ctx, input));
  return (await findSite(ctx.db, id))!;
}

/** Updates a site at the version the client saw. */
export async function updateSite(ctx: Ctx, id: string, input: Partial<SiteInput> & { version: number }): Promise<SiteRow> {
  const before = await findSite(ctx.db, id);
  if (!before) throw notFound('点位');
  authorize(ctx.actor, 'sites.update', siteSubject(before));
  const path = await checkSiteRefs(ctx.db, input);
  if (path) authorize(ctx.actor, 'sites.update', { regionPath: path });
  const { version, ...changes } = input;
  await ctx.db.transaction().execute(async (tx) => {
    const after = await updateVersioned(tx, 'sites', id, version, siteColumns(changes), ctx.clock.now());
    await recordEvent(tx, ctx, { action: 'site.updated', subjectType: 'site', subjectId: id, before, after });
  });
  return (await findSite(ctx.db, id))!;
}

/** Deletes a site never inspected; otherwise it should be deactivated. */
export async function deleteSite(ctx: Ctx, id: string): Promise<void> {
  const site = await findSite(ctx.db, id);
  if (!site) throw notFound('点位');
  authorize(ctx.actor, 'sites.delete', siteSubject(site));
  await ctx.db.transaction().execute(async (tx) => {
    const used = await tx.selectFrom('inspection_round_sites').select('site_id').where('site_id', '=', id).executeTakeFirst();
    const problem = await tx.selectFrom('problems').select('id').where('site_id', '=', id).executeTakeFirst();
    if (used || problem) throw new AppError('in_use', `“${site.name}”已有督查或问题记录，不能删除，可改为停用`);
    await tx.deleteFrom('sites').where('id', '=', id).execute();
    await recordEvent(tx, ctx, {
      action: 'site.deleted',
      subjectType: 'site',
      subjectId: id,
      before: { name: site.name, site_type_code: site.site_type_code },
    });
  });
}
