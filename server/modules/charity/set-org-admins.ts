/**
 * 设置组织管理员: the office names the accounts that record for an organisation (its projects, receipts and ledger).
 * An admin is an active account placed in the organisation's county (its region or its unit's region). Audited with
 * the before and after lists.
 */
import { sql } from 'kysely';
import { replaceAdmins } from '../../platform/admin-relation';
import type { Ctx } from '../../platform/context';
import { adminOrgIdsOf, assertMay, assertReadOrg, mayManageRegistry } from './access';
import { countyPathOf, findOrg } from './repository';

export async function setOrgAdmins(ctx: Ctx, orgId: string, userIds: string[]): Promise<void> {
  const org = await findOrg(ctx.db, orgId);
  assertReadOrg(ctx.actor, org, await adminOrgIdsOf(ctx.db, ctx.actor));
  assertMay(mayManageRegistry(ctx.actor, org), '只有本区划的文明办可以设置组织管理员');
  await replaceAdmins(ctx, {
    table: 'charity_org_admins',
    ownerId: orgId,
    userIds,
    eligible: async (tx, ids) => {
      const county = await countyPathOf(tx, org.org_region_path);
      const ok = await sql<{ id: string }>`
        select u.id from users u
        left join regions ur on ur.id = u.region_id
        left join units un on un.id = u.unit_id left join regions unr on unr.id = un.region_id
        where u.id in (${sql.join(ids)}) and u.active
          and (ur.path like ${county + '%'} or unr.path like ${county + '%'})`.execute(tx);
      return ok.rows.map((r) => r.id);
    },
    refusal: '管理员须为本区县的在用账号',
    action: 'charity_org.admins_set',
    subjectType: 'charity_org',
  });
}
