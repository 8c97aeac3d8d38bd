/**
 * The campaign a person works on, for the pickers that need a default (测评体系, 督查轮次): the campaign of their
 * campaign-scoped grant (专班), else the one whose leading group names them, else — among the active campaigns they may
 * see — the one assessed soonest (its cycle ends first), which is the one the county is working towards now. One
 * statement; campaigns are area-wide records, scoped as the campaigns list is.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { scopeSql } from '../../platform/policy';

/** The working campaign, or null when the person may see none. */
export async function workingCampaign(ctx: Ctx): Promise<{ id: string; name: string } | null> {
  const { actor } = ctx;
  const granted = actor.grants.filter((g) => g.scopeType === 'campaign' && g.scopeId).map((g) => g.scopeId!);
  const visible = scopeSql(actor, 'campaigns.list', {
    campaignId: sql.ref('c.id'),
    regionPath: sql.ref('r.path'),
    areaPath: sql.ref('r.path'),
  });
  const { rows } = await sql<{ id: string; name: string }>`
    select c.id, c.name
    from campaigns c join regions r on r.id = c.region_id
    where ${visible}
    order by
      (c.id = any(${granted}::uuid[])) desc,
      exists (select 1 from leading_group_members m where m.campaign_id = c.id and m.user_id = ${actor.id || null}) desc,
      (c.status = 'active') desc,
      c.cycle_end_year asc, c.cycle_start_year asc, c.created_at asc, c.id
    limit 1`.execute(ctx.db);
  return rows[0] ?? null;
}
