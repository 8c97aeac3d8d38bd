/**
 * 登记慈善组织 and 修改: the office of a county or town keeps the registry of its area — name, 统一社会信用代码 (checked
 * by GB 32100 in common/charity.ts; one organisation per code), type, contact, status (正常 / 停止活动 / 注销). Edits
 * carry the version the editor saw (409 when someone else changed it first). Audited with before and after.
 */
import type { z } from 'zod';
import type { OrgBody, updateOrgBody } from '../../../common/contracts/charity';
import { isValidUscc } from '../../../common/charity';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { adminOrgIdsOf, assertMay, assertReadOrg, mayManageRegistry } from './access';
import { findOrg, findRegion, type RegionRow } from './repository';

const invalid = (message: string, field: string) => new AppError('unprocessable', message, { field });

async function placeInRegion(tx: Tx, ctx: Ctx, regionId: string): Promise<RegionRow> {
  const region = await findRegion(tx, regionId);
  if (!region || !['county', 'town'].includes(region.level)) throw invalid('所属区划须为区县或乡镇（街道）', 'regionId');
  authorize(ctx.actor, 'charity.manage', { regionPath: region.path });
  return region;
}

async function checkCode(tx: Tx, code: string, selfId?: string) {
  if (code.length !== 18) throw invalid('统一社会信用代码应为 18 位', 'creditCode');
  if (!isValidUscc(code)) throw invalid('统一社会信用代码不正确（按 GB 32100 校验，末位校验码不符或含不允许的字符）', 'creditCode');
  let q = tx.selectFrom('charity_organisations').select(['id', 'name']).where('credit_code', '=', code);
  if (selfId) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw invalid(`统一社会信用代码 ${code} 已登记`, 'creditCode');
}

/** Registers an organisation; returns its id. */
export async function registerOrganisation(ctx: Ctx, body: OrgBody): Promise<string> {
  authorize(ctx.actor, 'charity.manage');
  return ctx.db.transaction().execute(async (tx) => {
    const region = await placeInRegion(tx, ctx, body.regionId);
    await checkCode(tx, body.creditCode);
    const now = ctx.clock.now();
    const values = {
      region_id: region.id,
      name: body.name,
      credit_code: body.creditCode,
      kind: body.kind,
      registered_on: body.registeredOn ?? null,
      contact_name: body.contactName || null,
      contact_phone: body.contactPhone || null,
      address: body.address || null,
      description: body.description || null,
    };
    const row = await tx
      .insertInto('charity_organisations')
      .values({ ...values, created_by: ctx.actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'charity_org.registered', subjectType: 'charity_org', subjectId: row.id, after: values });
    return row.id;
  });
}

/** Edits an organisation's record and status (the office of its region). */
export async function updateOrganisation(ctx: Ctx, id: string, body: z.output<typeof updateOrgBody>): Promise<void> {
  const org = await findOrg(ctx.db, id);
  assertReadOrg(ctx.actor, org, await adminOrgIdsOf(ctx.db, ctx.actor));
  assertMay(mayManageRegistry(ctx.actor, org), '只有本区划的文明办可以修改慈善组织登记信息');
  await ctx.db.transaction().execute(async (tx) => {
    await checkCode(tx, body.creditCode, id);
    const set = {
      name: body.name,
      credit_code: body.creditCode,
      kind: body.kind,
      status: body.status,
      registered_on: body.registeredOn ?? null,
      contact_name: body.contactName || null,
      contact_phone: body.contactPhone || null,
      address: body.address || null,
      description: body.description || null,
    };
    await updateVersioned(tx, 'charity_organisations', id, body.version, set, ctx.clock.now());
    const before = {
      name: org!.name,
      credit_code: org!.credit_code,
      kind: org!.kind,
      status: org!.status,
      registered_on: org!.registered_on,
      contact_name: org!.contact_name,
      contact_phone: org!.contact_phone,
      address: org!.address,
      description: org!.description,
    };
    await recordEvent(tx, ctx, { action: 'charity_org.updated', subjectType: 'charity_org', subjectId: id, before, after: set });
  });
}
