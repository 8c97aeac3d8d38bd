/**
 * 志愿之城: teams, stations, population, volunteers (review), the volunteer's own record, activities, sign-ups, the
 * organiser's rotating check-in code, check-ins, the roster, certified hours and corrections
 * (common/contracts/volunteers.ts, common/contracts/volunteer-activities.ts).
 */
import type {
  activitiesQuery,
  activityBody,
  activityPage,
  activityResponse,
  certifyBody,
  certifyResponse,
  checkinBody,
  checkinCodeResponse,
  checkinResponse,
  correctHoursBody,
  rosterResponse,
  signupResponse,
  updateActivityBody,
} from '@common/contracts/volunteer-activities';
import type {
  joinVolunteerBody,
  myVolunteerRecord,
  populationBody,
  populationResponse,
  reviewVolunteerBody,
  stationBody,
  stationList,
  stationResponse,
  teamBody,
  teamResponse,
  updateStationBody,
  updateTeamBody,
  volunteerPage,
  volunteerResponse,
  volunteersQuery,
} from '@common/contracts/volunteers';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile, type QueryParams } from './client';
import { useResourceMutation } from './resource';

export type Team = z.input<typeof teamResponse>;
export type TeamInput = z.input<typeof teamBody>;
export type TeamUpdate = z.input<typeof updateTeamBody>;
export type Station = z.input<typeof stationResponse>;
export type StationInput = z.input<typeof stationBody>;
export type StationUpdate = z.input<typeof updateStationBody>;
export type Population = z.input<typeof populationResponse>;
export type PopulationInput = z.input<typeof populationBody>;
export type Volunteer = z.input<typeof volunteerResponse>;
export type VolunteerPage = z.input<typeof volunteerPage>;
export type VolunteersQuery = Partial<z.input<typeof volunteersQuery>>;
export type ReviewInput = z.input<typeof reviewVolunteerBody>;
export type JoinInput = z.input<typeof joinVolunteerBody>;
export type MyRecord = z.input<typeof myVolunteerRecord>;
export type Activity = z.input<typeof activityResponse>;
export type ActivityPage = z.input<typeof activityPage>;
export type ActivitiesQuery = Partial<z.input<typeof activitiesQuery>>;
export type ActivityInput = z.input<typeof activityBody>;
export type ActivityUpdate = z.input<typeof updateActivityBody>;
export type Signup = z.input<typeof signupResponse>;
export type CheckinCode = z.input<typeof checkinCodeResponse>;
export type CheckinInput = z.input<typeof checkinBody> & { acceptOutside?: boolean };
export type Checkin = z.input<typeof checkinResponse>;
export type Roster = z.input<typeof rosterResponse>;
export type RosterEntry = Roster['items'][number];
export type CertifyInput = z.input<typeof certifyBody>;
export type Certified = z.input<typeof certifyResponse>;
export type CorrectInput = z.input<typeof correctHoursBody>;

const ORG = 'volunteer-org';
const PEOPLE = 'volunteers';
const ACTIVITIES = 'volunteer-activities';
const ME = 'volunteer-me';

// ---- organisation --------------------------------------------------------------------------------------------------

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: [ORG, 'teams'],
    queryFn: () => api.get<{ items: Team[] }>('/api/volunteers/teams'),
    enabled,
  });
}

export function useCreateTeam() {
  return useResourceMutation([ORG], (body: TeamInput) => api.post<Team>('/api/volunteers/teams', body));
}

export function useUpdateTeam() {
  return useResourceMutation([ORG], ({ id, ...body }: TeamUpdate & { id: string }) => api.put<Team>(`/api/volunteers/teams/${id}`, body));
}

export function useSetTeamAdmins() {
  return useResourceMutation([ORG], ({ id, userIds }: { id: string; userIds: string[] }) =>
    api.put<Team>(`/api/volunteers/teams/${id}/admins`, { userIds }),
  );
}

export function useStations(enabled = true) {
  return useQuery({
    queryKey: [ORG, 'stations'],
    queryFn: () => api.get<z.input<typeof stationList>>('/api/volunteers/stations'),
    enabled,
  });
}

export function useCreateStation() {
  return useResourceMutation([ORG], (body: StationInput) => api.post<Station>('/api/volunteers/stations', body));
}

export function useUpdateStation() {
  return useResourceMutation([ORG], ({ id, ...body }: StationUpdate & { id: string }) =>
    api.put<Station>(`/api/volunteers/stations/${id}`, body),
  );
}

/** 常住人口 of a county's towns for a year (null where not yet entered). */
export function usePopulation(countyId: string | undefined, year: number) {
  return useQuery({
    queryKey: [ORG, 'population', countyId, year],
    queryFn: () => api.get<Population>('/api/volunteers/population', { countyId, year }),
    enabled: !!countyId,
  });
}

export function useSavePopulation() {
  return useResourceMutation([ORG], (body: PopulationInput) => api.put<void>('/api/volunteers/population', body));
}

// ---- volunteers ----------------------------------------------------------------------------------------------------

export function useVolunteers(params: VolunteersQuery) {
  return useQuery({
    queryKey: [PEOPLE, 'list', params],
    queryFn: () => api.get<VolunteerPage>('/api/volunteers', params as QueryParams),
    placeholderData: keepPreviousData,
  });
}

export function useReviewVolunteer() {
  return useResourceMutation([PEOPLE, ORG], ({ id, ...body }: ReviewInput & { id: string }) =>
    api.post<Volunteer>(`/api/volunteers/${id}/review`, body),
  );
}

export function useJoinVolunteers() {
  return useResourceMutation([PEOPLE, ME], (body: JoinInput) => api.post<Volunteer>('/api/volunteers/join', body));
}

/** 队伍花名册 (.xlsx) of one team. */
export function downloadTeamRoster(teamId: string, teamName: string) {
  return downloadFile(`/api/volunteers/teams/${teamId}/roster.xlsx`, undefined, `${teamName}花名册.xlsx`);
}

export function useMyRecord() {
  return useQuery({ queryKey: [ME], queryFn: () => api.get<MyRecord>('/api/volunteers/me') });
}

export function downloadCertificate() {
  return downloadFile('/api/volunteers/me/certificate.docx', undefined, '志愿服务证明.docx');
}

// ---- activities ----------------------------------------------------------------------------------------------------

export function useActivities(params: ActivitiesQuery) {
  return useQuery({
    queryKey: [ACTIVITIES, 'list', params],
    queryFn: () => api.get<ActivityPage>('/api/volunteers/activities', params as QueryParams),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: [ACTIVITIES, 'detail', id],
    queryFn: () => api.get<Activity>(`/api/volunteers/activities/${id}`),
    enabled: !!id,
  });
}

export function useCreateActivity() {
  return useResourceMutation([ACTIVITIES, ORG], (body: ActivityInput) => api.post<Activity>('/api/volunteers/activities', body));
}

export function useUpdateActivity() {
  return useResourceMutation([ACTIVITIES], ({ id, ...body }: ActivityUpdate & { id: string }) =>
    api.patch<Activity>(`/api/volunteers/activities/${id}`, body),
  );
}

export function useCancelActivity() {
  return useResourceMutation([ACTIVITIES], ({ id, ...body }: { id: string; version: number; reason: string }) =>
    api.post<Activity>(`/api/volunteers/activities/${id}/cancel`, body),
  );
}

export function useSignUp() {
  return useResourceMutation([ACTIVITIES, ME], (id: string) => api.post<Signup>(`/api/volunteers/activities/${id}/signups`, {}));
}

export function useCancelSignup() {
  return useResourceMutation([ACTIVITIES, ME], (id: string) => api.delete<Signup>(`/api/volunteers/activities/${id}/signups/mine`));
}

/** The organiser's rotating code: fetched again when it runs out (the page schedules the refetch by expiresAt). */
export function useCheckinCode(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [ACTIVITIES, 'code', id],
    queryFn: () => api.get<CheckinCode>(`/api/volunteers/activities/${id}/checkin-code`),
    enabled: !!id && enabled,
    staleTime: 0,
    gcTime: 0,
    retry: 1,
  });
}

export function useRoster(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [ACTIVITIES, 'roster', id],
    queryFn: () => api.get<Roster>(`/api/volunteers/activities/${id}/roster`),
    enabled: !!id && enabled,
    refetchInterval: 10_000,
  });
}

export function useCheckin() {
  return useResourceMutation([ACTIVITIES, ME], (body: CheckinInput) => api.post<Checkin>('/api/volunteers/checkins', body), {
    silent: true,
  });
}

export function useConfirmOutside() {
  return useResourceMutation([ACTIVITIES], ({ attendanceId, version }: { attendanceId: string; version: number }) =>
    api.post<unknown>(`/api/volunteers/activities/attendance/${attendanceId}/confirm-outside`, { version }),
  );
}

export function useCertify() {
  return useResourceMutation([ACTIVITIES, PEOPLE, ME], ({ id, ...body }: CertifyInput & { id: string }) =>
    api.post<Certified>(`/api/volunteers/activities/${id}/certify`, body),
  );
}

export function useCorrectHours() {
  return useResourceMutation([ACTIVITIES, PEOPLE, ME], ({ attendanceId, ...body }: CorrectInput & { attendanceId: string }) =>
    api.post<unknown>(`/api/volunteers/activities/attendance/${attendanceId}/correct`, body),
  );
}
