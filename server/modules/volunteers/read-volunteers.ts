/** The roster (paged, sorted, filtered, in scope) and one volunteer; phones masked except for the team's admins. */
import type { z } from 'zod';
import type { volunteersQuery } from '../../../common/contracts/volunteers';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { adminTeamIdsOf, mayReadVolunteer } from './access';
import { toVolunteerDto, type VolunteerDto } from './presenter';
import { findVolunteerById, visibleVolunteers } from './repository';

export async function readVolunteers(ctx: Ctx, q: z.output<typeof volunteersQuery>): Promise<{ items: VolunteerDto[]; total: number }> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const { rows, total } = await visibleVolunteers(ctx.db, ctx.actor, adminTeams, q);
  return { items: rows.map((r) => toVolunteerDto(r, ctx.actor, adminTeams)), total };
}

export async function readVolunteer(ctx: Ctx, id: string): Promise<VolunteerDto> {
  const adminTeams = await adminTeamIdsOf(ctx.db, ctx.actor);
  const v = await findVolunteerById(ctx.db, id);
  if (!v || !mayReadVolunteer(ctx.actor, v, adminTeams)) throw notFound('志愿者');
  return toVolunteerDto(v, ctx.actor, adminTeams);
}
