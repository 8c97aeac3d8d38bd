/** Table types for the problem loop (Kysely). */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | null, string | null>;

export interface ReferenceDataTable {
  name: string;
  version: number;
  loaded_at: Generated<Date>;
}

export interface ProblemCategoriesTable {
  code: string;
  parent_code: string | null;
  name: string;
  kind: string;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
  /** The region that added this category (visible to its subtree); null = shipped with the platform. */
  region_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A region's 整改时限 override for one severity (inherited by its subtree). */
export interface RegionDeadlinePoliciesTable {
  region_id: string;
  severity: string;
  hours: number;
  working_days: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** A region's 停用/启用 of a category for its subtree. */
export interface RegionCategorySettingsTable {
  region_id: string;
  category_code: string;
  active: boolean;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ProblemDeadlinePoliciesTable {
  severity: string;
  hours: number;
  working_days: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ProblemsTable {
  id: Generated<string>;
  code: string;
  client_id: string | null;
  description: string;
  category_code: string;
  source: string;
  severity: string;
  state: string;
  site_id: string | null;
  region_id: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  unit_id: string | null;
  assignee_id: string | null;
  reporter_id: string | null;
  reporter_name: string | null;
  deadline: Date | null;
  accepted_at: Date | null;
  first_dispatched_at: Date | null;
  dispatched_at: Date | null;
  acknowledged_at: Date | null;
  rectified_at: Date | null;
  rectified_by: string | null;
  closed_at: Date | null;
  reject_reason: string | null;
  extension_requested_days: number | null;
  extension_reason: string | null;
  extension_count: Generated<number>;
  rework_count: Generated<number>;
  verify_count: Generated<number>;
  dispute_count: Generated<number>;
  duplicate_of: string | null;
  relapsed_from: string | null;
  relapse_count: Generated<number>;
  round_id: Generated<string | null>;
  /** The code a covert finding carried before release (its public WT code is given at release). */
  covert_code: Generated<string | null>;
  standard_id: Generated<string | null>;
  reminded_at: Date | null;
  supervised_at: Date | null;
  escalated_at: Date | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface ProblemPhotosTable {
  problem_id: string;
  file_id: string;
  stage: string;
  sort: Generated<number>;
  /** The covert round that added the photo: hidden with the round until release. */
  round_id: Generated<string | null>;
}

export interface ProblemEventsTable {
  id: Generated<number>;
  problem_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_name: string | null;
  payload: Json;
  occurred_at: Date;
  /** The covert round whose finding this entry records: hidden with the round until release. */
  round_id: Generated<string | null>;
}

export interface DispatchRulesTable {
  id: Generated<string>;
  category_code: string | null;
  region_id: string | null;
  unit_id: string;
  note: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SupervisionNoticesTable {
  id: Generated<string>;
  code: string;
  problem_id: string;
  unit_id: string | null;
  issued_at: Date;
  deadline: Date | null;
  escalated_at: Date | null;
  escalated_to: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  problem_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface ProblemDB {
  reference_data: ReferenceDataTable;
  problem_categories: ProblemCategoriesTable;
  problem_deadline_policies: ProblemDeadlinePoliciesTable;
  region_deadline_policies: RegionDeadlinePoliciesTable;
  region_category_settings: RegionCategorySettingsTable;
  problems: ProblemsTable;
  problem_photos: ProblemPhotosTable;
  problem_events: ProblemEventsTable;
  dispatch_rules: DispatchRulesTable;
  supervision_notices: SupervisionNoticesTable;
  notifications: NotificationsTable;
}
