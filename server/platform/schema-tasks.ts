/** Table types: 实施方案、任务、月度进度、项目 (migration 20261207_0101_plans_tasks_projects). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { MilestoneKind, PhotoStage, PlanKind, ProgressState, TaskMilestone } from '../../common/tasks';

/** A DATE column: 'YYYY-MM-DD' both ways (the pg type parser leaves dates as text). */
type DateText = ColumnType<string, string, string>;
/** A NUMERIC column read as a number (pg type parser 1700). */
type Money = ColumnType<number, number | undefined, number>;
type Ids = JSONColumnType<string[], string, string>;

export interface PlansTable {
  id: Generated<string>;
  campaign_id: string;
  region_id: string;
  parent_id: string | null;
  kind: PlanKind;
  name: string;
  summary: string | null;
  sort: Generated<number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface TasksTable {
  id: Generated<string>;
  plan_id: string;
  parent_id: string | null;
  code: string | null;
  seq: Generated<number>;
  title: string;
  measures: string | null;
  lead_unit_id: string;
  coop_unit_ids: Ids;
  leader_member_id: string | null;
  start_date: DateText;
  due_date: DateText;
  baseline_start: DateText;
  baseline_due: DateText;
  percent: Generated<number>;
  completed_at: Date | null;
  milestones: JSONColumnType<TaskMilestone[], string, string>;
  standard_ids: Ids;
  site_ids: Ids;
  escalation_level: Generated<number>;
  escalated_at: Date | null;
  source_standard_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface TaskProgressTable {
  id: Generated<string>;
  task_id: string;
  period: string;
  percent: number;
  summary: string;
  difficulties: string | null;
  file_ids: Ids;
  state: Generated<ProgressState>;
  late: Generated<boolean>;
  submitted_by: string | null;
  submitted_at: Date;
  submissions: Generated<number>;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  version: Generated<number>;
}

export interface TaskEventsTable {
  id: Generated<string>;
  task_id: string;
  action: string;
  actor_user_id: string | null;
  note: string | null;
  data: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Date;
}

export interface TaskNoticesTable {
  task_id: string;
  kind: 'remind' | 'missing' | 'escalate';
  key: string;
  code: string | null;
  sent_at: Date;
}

export interface ProjectsTable {
  id: Generated<string>;
  campaign_id: string | null;
  region_id: string;
  name: string;
  type: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  outline: ColumnType<Array<[number, number]> | null, string | null, string | null>;
  owner_unit_id: string;
  investment_planned: Money;
  investment_spent: Money;
  handover_date: DateText;
  description: string | null;
  task_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface ProjectMilestonesTable {
  id: Generated<string>;
  project_id: string;
  kind: MilestoneKind;
  planned_date: DateText;
  actual_date: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  updated_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface ProjectPhotosTable {
  id: Generated<string>;
  project_id: string;
  milestone_id: string | null;
  file_id: string;
  stage: PhotoStage;
  caption: string | null;
  uploaded_by: string | null;
  created_at: Date;
}

/** 任务进度设置 of a region (migration 20261208_0131_task_settings; region_id null: the shipped default). */
export interface RegionTaskSettingsTable {
  id: Generated<string>;
  region_id: string | null;
  progress_due_day: number;
  remind_days_before: number;
  escalate_after_days: number;
  leader_after_days: number;
  milestone_remind_days: number;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** A project milestone's reminder or overdue notice, sent once per (milestone, kind, planned date). */
export interface ProjectNoticesTable {
  milestone_id: string;
  kind: 'remind' | 'overdue';
  key: string;
  sent_at: Date;
}

/** 每月汇报进度's evidence documents (migration 20261208_0101_task_evidence_files): stored bytes, type by content. */
export interface TaskEvidenceFilesTable {
  id: Generated<string>;
  task_id: string;
  uploaded_by: string;
  mime: string;
  ext: string;
  original_name: string;
  size_bytes: number;
  storage_key: string;
  created_at: Date;
}

export interface TasksDB {
  plans: PlansTable;
  tasks: TasksTable;
  task_progress: TaskProgressTable;
  task_events: TaskEventsTable;
  task_notices: TaskNoticesTable;
  task_evidence_files: TaskEvidenceFilesTable;
  projects: ProjectsTable;
  project_milestones: ProjectMilestonesTable;
  project_photos: ProjectPhotosTable;
  region_task_settings: RegionTaskSettingsTable;
  project_notices: ProjectNoticesTable;
}
