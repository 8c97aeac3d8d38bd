/** Table types: 志愿之城 — teams, stations, volunteers, activities, sign-ups, attendance (migration 20261209_0101_volunteers). */
import type { Generated, JSONColumnType } from 'kysely';
import type { ActivityState, AttendanceState, SignupState, StationLevel, TeamKind, VolunteerState } from '../../common/volunteers';

type Strings = JSONColumnType<string[], string, string>;

export interface RegionPopulationTable {
  region_id: string;
  year: number;
  population: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface VolunteerTeamsTable {
  id: Generated<string>;
  region_id: string;
  parent_id: string | null;
  kind: TeamKind;
  name: string;
  unit_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  description: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface VolunteerTeamAdminsTable {
  team_id: string;
  user_id: string;
  created_at: Date;
}

export interface VolunteerStationsTable {
  id: Generated<string>;
  region_id: string;
  parent_id: string | null;
  level: StationLevel;
  name: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface VolunteersTable {
  id: Generated<string>;
  user_id: string;
  region_id: string;
  team_id: string;
  name: string;
  phone: string;
  gender: 'male' | 'female' | null;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  skills: Strings;
  availability: string | null;
  state: Generated<VolunteerState>;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  certificate_code: string | null;
  /** When the certificate code was issued (migration 20261209_0111). */
  certificate_issued_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface VolunteerActivitiesTable {
  id: Generated<string>;
  region_id: string;
  team_id: string | null;
  station_id: string | null;
  title: string;
  description: string | null;
  starts_at: Date;
  ends_at: Date;
  place: string;
  lat: number;
  lng: number;
  geofence_m: Generated<number>;
  capacity: number;
  skills: Strings;
  state: Generated<ActivityState>;
  cancel_reason: string | null;
  checkin_secret: string;
  organiser_id: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface VolunteerSignupsTable {
  id: Generated<string>;
  activity_id: string;
  volunteer_id: string;
  state: SignupState;
  created_at: Date;
  updated_at: Date;
  /** The waiting list's order (migration 20261209_0301): a new number each time the sign-up joins. */
  queue_no: Generated<number>;
}

export interface VolunteerAttendanceTable {
  id: Generated<string>;
  activity_id: string;
  volunteer_id: string;
  state: AttendanceState;
  check_in_at: Date;
  check_in_lat: number | null;
  check_in_lng: number | null;
  check_in_distance_m: number | null;
  check_in_outside: Generated<boolean>;
  check_out_at: Date | null;
  check_out_lat: number | null;
  check_out_lng: number | null;
  check_out_distance_m: number | null;
  check_out_outside: Generated<boolean>;
  outside_confirmed_by: string | null;
  outside_confirmed_at: Date | null;
  minutes: number | null;
  certified_minutes: number | null;
  certified_by: string | null;
  certified_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface VolunteerCheckinCodesUsedTable {
  activity_id: string;
  volunteer_id: string;
  direction: 'in' | 'out';
  /** bigint (the pg type parser reads int8 as a number). */
  code_window: number;
  used_at: Date;
}

export interface VolunteerHourCorrectionsTable {
  id: Generated<string>;
  attendance_id: string;
  old_minutes: number | null;
  new_minutes: number;
  reason: string;
  corrected_by: string;
  corrected_at: Date;
}

export interface VolunteersDB {
  region_population: RegionPopulationTable;
  volunteer_teams: VolunteerTeamsTable;
  volunteer_team_admins: VolunteerTeamAdminsTable;
  volunteer_stations: VolunteerStationsTable;
  volunteers: VolunteersTable;
  volunteer_activities: VolunteerActivitiesTable;
  volunteer_signups: VolunteerSignupsTable;
  volunteer_attendance: VolunteerAttendanceTable;
  volunteer_checkin_codes_used: VolunteerCheckinCodesUsedTable;
  volunteer_hour_corrections: VolunteerHourCorrectionsTable;
}
