/** Table types for Kysely, kept beside the migrations that create them. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ProblemDB, ProblemsTable } from './schema-problems';
import type { InspectionDB } from './schema-inspections';
import type { AccountsDB } from './schema-accounts';
import type { JobsDB } from './schema-jobs';
import type { PatrolsDB } from './schema-patrols';
import type { EvaluationDB } from './schema-evaluation';
import type { RewardsDB } from './schema-rewards';
import type { IntegrationsDB } from './schema-integrations';
import type { DashboardDB } from './schema-dashboard';
import type { ExposurePhotosTable, ExposuresTable } from './schema-exposure';
import type { SurveysDB } from './schema-surveys';
import type { TasksDB } from './schema-tasks';
import type { VolunteersDB } from './schema-volunteers';
import type { CharityDB } from './schema-charity';
import type { HonoursDB } from './schema-honours';

export type * from './schema-problems';
export type * from './schema-inspections';
export type * from './schema-accounts';
export type * from './schema-jobs';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface RegionsTable {
  id: Generated<string>;
  parent_id: string | null;
  code: string;
  name: string;
  level: string;
  path: string;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  id: Generated<string>;
  name: string;
  type: string;
  region_id: string;
  parent_id: string | null;
  head_name: string | null;
  head_phone: string | null;
  liaison_name: string | null;
  liaison_phone: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignsTable {
  id: Generated<string>;
  name: string;
  title_type: string;
  level: string;
  region_id: string;
  cycle_start_year: number;
  cycle_end_year: number;
  status: Generated<string>;
  description: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  phone: string | null;
  /** Opted in to notices by SMS (the kinds a region sends on the SMS channel). */
  sms_notices: Generated<boolean>;
  name: string;
  unit_id: string | null;
  region_id: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  is_demo: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
}

export interface LeadingGroupMembersTable {
  id: Generated<string>;
  campaign_id: string;
  user_id: string | null;
  name: string;
  post: string;
  group_role: string;
  phone: string | null;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface LeadingGroupUnitLinksTable {
  member_id: string;
  unit_id: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
}

export interface AuditEventsTable {
  id: ColumnType<number, never, never>;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  user_agent: string | null;
}

/** An audit event's place in the hash chain, given by the sealer (audit_seal(), migration 20261203_0801). */
export interface AuditChainTable {
  seq: ColumnType<number, never, never>;
  event_id: ColumnType<number, never, never>;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
  sealed_at: ColumnType<Date, never, never>;
}

/** Audit events awaiting their seal. */
export interface AuditUnsealedTable {
  event_id: ColumnType<number, never, never>;
}

export interface FilesTable {
  id: Generated<string>;
  uploaded_by: string;
  original_name: string | null;
  mime: string;
  size: number;
  sha256: string;
  width: number;
  height: number;
  taken_at: Date | null;
  lat: number | null;
  lng: number | null;
  location_source: string | null;
  address: string | null;
  original_key: string;
  thumbnail_key: string;
  evidence_key: string;
  created_at: Timestamp;
  /** The covert round the photo was taken for by its team (evidence watermarked 暗访组). */
  round_id: Generated<string | null>;
}

/** 节假日日历: statutory days off ('holiday') and weekend days worked instead ('workday'); reference data. */
export interface CalendarDaysTable {
  day: string;
  kind: string;
  name: string;
  source: string | null;
}

/** 底图设置: the base layer under the maps, per region (null: the deployment default); migration 20261203_0951. */
export interface MapSettingsTable {
  id: Generated<string>;
  region_id: string | null;
  kind: Generated<string>;
  tianditu_layer: Generated<string>;
  tianditu_key: string | null;
  tile_url: string | null;
  tile_max_zoom: Generated<number>;
  attribution: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface DB
  extends
    ProblemDB,
    InspectionDB,
    AccountsDB,
    JobsDB,
    PatrolsDB,
    EvaluationDB,
    DashboardDB,
    RewardsDB,
    IntegrationsDB,
    SurveysDB,
    TasksDB,
    VolunteersDB,
    CharityDB,
    HonoursDB {
  calendar_days: CalendarDaysTable;
  exposures: ExposuresTable;
  exposure_photos: ExposurePhotosTable;
  regions: RegionsTable;
  units: UnitsTable;
  campaigns: CampaignsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  leading_group_members: LeadingGroupMembersTable;
  leading_group_unit_links: LeadingGroupUnitLinksTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  audit_chain: AuditChainTable;
  audit_unsealed: AuditUnsealedTable;
  files: FilesTable;
  map_settings: MapSettingsTable;
}

export type Problem = Selectable<ProblemsTable>;

export type Region = Selectable<RegionsTable>;
export type Unit = Selectable<UnitsTable>;
export type Campaign = Selectable<CampaignsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
