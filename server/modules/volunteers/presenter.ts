/** 志愿之城 rows as the contracts shape them (common/contracts/volunteers.ts); ID numbers only ever masked. */
import type { z } from 'zod';
import type { stationResponse, teamResponse, volunteerResponse } from '../../../common/contracts/volunteers';
import { starLevel } from '../../../common/volunteers';
import type { Actor } from '../../platform/actor';
import { maskPhone } from '../../platform/outbox';
import { mayManageOrg, mayReviewVolunteer, showsPhone } from './access';
import type { StationRow, TeamRow, VolunteerRow } from './repository';
import { starHours } from './stars';

export type TeamDto = z.output<typeof teamResponse>;
export type StationDto = z.output<typeof stationResponse>;
export type VolunteerDto = z.output<typeof volunteerResponse>;

export function toTeamDto(t: TeamRow, admins: Array<{ userId: string; name: string }>, actor: Actor, adminTeams: string[]): TeamDto {
  const manages = mayManageOrg(actor, t.region_path);
  return {
    id: t.id,
    regionId: t.region_id,
    regionName: t.region_name,
    parentId: t.parent_id,
    kind: t.kind,
    name: t.name,
    unitId: t.unit_id,
    unitName: t.unit_name,
    contactName: t.contact_name,
    contactPhone: t.contact_phone,
    description: t.description,
    admins,
    volunteerCount: t.volunteer_count,
    pendingCount: t.pending_count,
    version: t.version,
    abilities: { update: manages, manageAdmins: manages, review: manages || adminTeams.includes(t.id) },
  };
}

export function toStationDto(s: StationRow, actor: Actor): StationDto {
  return {
    id: s.id,
    regionId: s.region_id,
    regionName: s.region_name,
    parentId: s.parent_id,
    level: s.level,
    name: s.name,
    address: s.address,
    location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    contactName: s.contact_name,
    contactPhone: s.contact_phone,
    activityCount: s.activity_count,
    recentActivityCount: s.recent_activity_count,
    version: s.version,
    abilities: { update: mayManageOrg(actor, s.region_path) },
  };
}

export const skillsOf = (s: string[] | string): string[] => (typeof s === 'string' ? (JSON.parse(s) as string[]) : s);

export function toVolunteerDto(v: VolunteerRow, actor: Actor, adminTeams: string[]): VolunteerDto {
  return {
    id: v.id,
    userId: v.user_id,
    name: v.name,
    phone: showsPhone(actor, v, adminTeams) ? v.phone : maskPhone(v.phone),
    gender: v.gender,
    idNumber: v.id_number_masked,
    skills: skillsOf(v.skills),
    availability: v.availability,
    teamId: v.team_id,
    teamName: v.team_name,
    regionId: v.region_id,
    state: v.state,
    reviewComment: v.review_comment,
    reviewedAt: v.reviewed_at,
    createdAt: v.created_at,
    certifiedMinutes: v.certified_minutes,
    stars: starLevel(v.certified_minutes, starHours()),
    version: v.version,
    abilities: { review: v.state === 'pending' && mayReviewVolunteer(actor, v, adminTeams) && v.user_id !== actor.id },
  };
}

/** 张** — the first character, the rest starred (the public certificate check). */
export const maskName = (name: string) => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
