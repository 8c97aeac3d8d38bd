/**
 * 设置队伍管理员: the office names the accounts that run a team (review its volunteers, see their phones). An admin is
 * an approved volunteer of the team's county or a staff account placed in it. Audited with the before and after lists.
 */
import { sql } from 'kysely';
import { replaceAdmins } from '../../platform/admin-relation';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { adminTeamIdsOf, mayManageOrg, mayReadTeam } from './access';
import { countyOf, findRegion, findTeam } from './repository';

export async function setTeamAdmins(ctx: Ctx, teamId: string, userIds: string[]): Promise<void> {
  const team = await findTeam(ctx.db, teamId);
  if (!team || !mayReadTeam(ctx.actor, team, await adminTeamIdsOf(ctx.db, ctx.actor))) throw notFound('队伍');
  if (!mayManageOrg(ctx.actor, team.region_path)) throw new AppError('forbidden', '只有本区划的创建办可以设置队伍管理员');
  await replaceAdmins(ctx, {
    table: 'volunteer_team_admins',
    ownerId: teamId,
    userIds,
    eligible: async (tx, ids) => {
      const county = await countyOf(tx, (await findRegion(tx, team.region_id))!);
      const ok = await sql<{ id: string }>`
        select u.id from users u
        left join regions ur on ur.id = u.region_id
        left join units un on un.id = u.unit_id left join regions unr on unr.id = un.region_id
        where u.id in (${sql.join(ids)}) and u.active
          and (ur.path like ${county.path + '%'} or unr.path like ${county.path + '%'}
               or exists (select 1 from volunteers v join volunteer_teams vt on vt.id = v.team_id join regions vr on vr.id = vt.region_id
                          where v.user_id = u.id and v.state = 'approved' and vr.path like ${county.path + '%'}))`.execute(tx);
      return ok.rows.map((r) => r.id);
    },
    refusal: '管理员须为本区县的工作人员或已通过审核的志愿者',
    action: 'volunteer_team.admins_set',
    subjectType: 'volunteer_team',
  });
}
