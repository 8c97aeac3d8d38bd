/**
 * What registering and joining share: the team applied to (any team; its county is the volunteer's region), the
 * one-registration-per-ID-number rule (by the keyed hash), and the pending volunteer row with its audit event. The ID
 * number is sealed before the transaction (id-number.ts); only its masked form reaches the audit chain.
 */
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordEvent } from '../../platform/audit';
import type { SealedIdNumber } from './id-number';
import { countyOf, findRegion, findTeam, type TeamRow } from './repository';

export const ID_TAKEN = '该身份证号码已注册志愿者';

export interface Profile {
  name: string;
  gender?: 'male' | 'female' | null;
  skills?: string[];
  availability?: string | null;
  teamId: string;
  phone: string;
}

export async function teamToJoin(tx: Tx, teamId: string): Promise<TeamRow & { county_id: string }> {
  const team = await findTeam(tx, teamId);
  if (!team) throw new AppError('unprocessable', '所选志愿队伍不存在', { field: 'teamId' });
  const county = await countyOf(tx, (await findRegion(tx, team.region_id))!);
  return { ...team, county_id: county.id };
}

export async function insertVolunteer(tx: Tx, ctx: Ctx, userId: string, p: Profile, sealed: SealedIdNumber): Promise<string> {
  if (await tx.selectFrom('volunteers').select('id').where('user_id', '=', userId).executeTakeFirst()) {
    throw new AppError('unprocessable', '您已提交过志愿者注册，请在“我的志愿”查看', { field: 'teamId' });
  }
  if (await tx.selectFrom('volunteers').select('id').where('id_number_hash', '=', sealed.hash).executeTakeFirst()) {
    throw new AppError('unprocessable', ID_TAKEN, { field: 'idNumber' });
  }
  const team = await teamToJoin(tx, p.teamId);
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('volunteers')
    .values({
      user_id: userId,
      region_id: team.county_id,
      team_id: team.id,
      name: p.name,
      phone: p.phone,
      gender: p.gender ?? null,
      id_number_enc: sealed.enc,
      id_number_hash: sealed.hash,
      id_number_masked: sealed.masked,
      skills: JSON.stringify([...new Set(p.skills ?? [])]),
      availability: p.availability || null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(tx, ctx, {
    action: 'volunteer.applied',
    subjectType: 'volunteer',
    subjectId: row.id,
    after: { user_id: userId, team_id: team.id, team_name: team.name, name: p.name, id_number: sealed.masked, state: 'pending' },
  });
  return row.id;
}
