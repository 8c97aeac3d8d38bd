/**
 * 设置队伍管理员: the office names the accounts that run a team (review its volunteers, see their phones). An admin is
 * an approved volunteer of the team's county or a staff account placed in it. Audited with the before and after lists.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { adminTeamIdsOf, mayManageOrg, mayReadTeam } from './access';
import { countyOf, findRegion, findTeam, teamAdmins } from './repository';

export async function setTeamAdmins(ctx: Ctx, teamId: string, userIds: string[]): Promise<void> {
  const team = await findTeam(ctx.db, teamId);
  if (!team || !mayReadTeam(ctx.actor, team, await adminTeamIdsOf(ctx.db, ctx.actor))) throw notFound('队伍');
  if (!mayManageOrg(ctx.actor, team.region_path)) throw new AppError('forbidden', '只有本区划的创建办可以设置队伍管理员');
  const ids = [...new Set(userIds)];
  await ctx.db.transaction().execute(async (tx) => {
    const county = await countyOf(tx, (await findRegion(tx, team.region_id))!);
    if (ids.length) {
      const ok = await sql<{ id: string }>`
        select u.id from users u
        left join regions ur on ur.id = u.region_id
        left join units un on un.id = u.unit_id left join regions unr on unr.id = un.region_id
        where u.id in (${sql.join(ids)}) and u.active
          and (ur.path like ${county.path + '%'} or unr.path like ${county.path + '%'}
               or exists (select 1 from volunteers v join volunteer_teams vt on vt.id = v.team_id join regions vr on vr.id = vt.region_id
                          where v.user_id = u.id and v.state = 'approved' and vr.path like ${county.path + '%'}))`.execute(tx);
      if (ok.rows.length !== ids.length) {
        throw new AppError('unprocessable', '管理员须为本区县的工作人员或已通过审核的志愿者', { field: 'userIds' });
      }
    }
    const before = (await teamAdmins(tx, [teamId])).get(teamId) ?? [];
    await tx.deleteFrom('volunteer_team_admins').where('team_id', '=', teamId).execute();
    const now = ctx.clock.now();
    if (ids.length) {
      await tx
        .insertInto('volunteer_team_admins')
        .values(ids.map((user_id) => ({ team_id: teamId, user_id, created_at: now })))
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'volunteer_team.admins_set',
      subjectType: 'volunteer_team',
      subjectId: teamId,
      before: { admins: before.map((a) => a.userId) },
      after: { admins: ids },
    });
  });
}
