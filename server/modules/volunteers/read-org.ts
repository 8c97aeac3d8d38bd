/** 志愿队伍 and 阵地 as the caller may see them (lists in scope; one record or 404). */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { adminTeamIdsOf, mayReadOrg, mayReadTeam } from './access';
import { toStationDto, toTeamDto, type StationDto, type TeamDto } from './presenter';
import { findStation, findTeam, teamAdmins, visibleStations, visibleTeams } from './repository';

export async function readTeams(ctx: Ctx, regionId?: string): Promise<{ items: TeamDto[] }> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const rows = await visibleTeams(ctx.db, ctx.actor, adminTeams, regionId);
  const admins = await teamAdmins(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toTeamDto(r, admins.get(r.id) ?? [], ctx.actor, adminTeams)) };
}

export async function readTeam(ctx: Ctx, id: string): Promise<TeamDto> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const team = await findTeam(ctx.db, id);
  if (!team || !mayReadTeam(ctx.actor, team, adminTeams)) throw notFound('队伍');
  const admins = await teamAdmins(ctx.db, [id]);
  return toTeamDto(team, admins.get(id) ?? [], ctx.actor, adminTeams);
}

export async function readStations(ctx: Ctx, regionId?: string): Promise<{ items: StationDto[] }> {
  const rows = await visibleStations(ctx.db, ctx.actor, ctx.clock.now(), regionId);
  return { items: rows.map((r) => toStationDto(r, ctx.actor)) };
}

export async function readStation(ctx: Ctx, id: string): Promise<StationDto> {
  const s = await findStation(ctx.db, ctx.clock.now(), id);
  if (!s || !mayReadOrg(ctx.actor, s.region_path)) throw notFound('阵地');
  return toStationDto(s, ctx.actor);
}
