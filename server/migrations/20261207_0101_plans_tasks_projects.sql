-- 实施方案 → 任务分解 (plans with sub-plans 专项行动 and tasks in a tree), 每月汇报进度 (a lead unit's monthly progress
-- report per task, reviewed 通过 / 退回补充), task escalation (督办单, then the responsible leader), and 项目化
-- (construction projects with milestones, photos per milestone and a hand-over date). A task's and a project's
-- status are computed from dates and progress (common/tasks.ts), never stored.

create table plans (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns(id),
  -- the campaign's region, copied for scope checks in SQL
  region_id uuid not null references regions(id),
  -- a 专项行动 sits under the campaign's 实施方案
  parent_id uuid references plans(id),
  kind text not null check (kind in ('plan', 'special')),
  name text not null,
  summary text,
  sort integer not null default 0,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index plans_campaign_idx on plans(campaign_id, sort);
create index plans_parent_idx on plans(parent_id);

create table tasks (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id) on delete cascade,
  -- a sub-task (任务 → 子任务)
  parent_id uuid references tasks(id) on delete cascade,
  -- 序号 as the office writes it (1, 1.2, 三(1) …) and the order within the plan
  code text,
  seq integer not null default 0,
  title text not null,
  measures text,
  lead_unit_id uuid not null references units(id),
  -- 配合单位: unit ids
  coop_unit_ids jsonb not null default '[]',
  -- 责任领导: a member of the campaign's leading group
  leader_member_id uuid references leading_group_members(id),
  start_date date not null,
  due_date date not null,
  -- the dates first planned (基线): a changed due date leaves them, so the Gantt shows planned vs actual
  baseline_start date not null,
  baseline_due date not null,
  -- the latest approved percent done, and when the task reached 100 % (the approving review's time)
  percent integer not null default 0 check (percent between 0 and 100),
  completed_at timestamptz,
  -- 节点: [{ name, date, done }]
  milestones jsonb not null default '[]',
  -- links: standards a task closes (补短) and sites it works on
  standard_ids jsonb not null default '[]',
  site_ids jsonb not null default '[]',
  -- escalation: 0 none, 1 督办单 issued, 2 raised to the responsible leader
  escalation_level integer not null default 0,
  escalated_at timestamptz,
  -- generated from a standard of the decomposition (one task per standard and plan)
  source_standard_id uuid references standards(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  check (due_date >= start_date),
  unique (plan_id, source_standard_id)
);
create index tasks_plan_idx on tasks(plan_id, seq);
create index tasks_lead_unit_idx on tasks(lead_unit_id, due_date);
create index tasks_due_idx on tasks(due_date) where completed_at is null;

create table task_progress (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references tasks(id) on delete cascade,
  -- the month reported, YYYY-MM
  period text not null,
  percent integer not null check (percent between 0 and 100),
  summary text not null,
  difficulties text,
  file_ids jsonb not null default '[]',
  state text not null default 'submitted' check (state in ('submitted', 'approved', 'returned')),
  -- submitted after the month's due day
  late boolean not null default false,
  submitted_by uuid references users(id),
  submitted_at timestamptz not null,
  -- how many times it was submitted (a returned report is submitted again)
  submissions integer not null default 1,
  review_comment text,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  version integer not null default 1,
  unique (task_id, period)
);
create index task_progress_period_idx on task_progress(period, state);

create table task_events (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references tasks(id) on delete cascade,
  -- created, updated, progress_submitted, progress_approved, progress_returned, reminded, escalated …
  action text not null,
  actor_user_id uuid references users(id),
  note text,
  data jsonb,
  created_at timestamptz not null
);
create index task_events_task_idx on task_events(task_id, created_at);

-- A reminder or escalation sent once: (task, kind, key) — e.g. ('remind', '2026-11'), ('escalate', '1').
create table task_notices (
  task_id uuid not null references tasks(id) on delete cascade,
  kind text not null check (kind in ('remind', 'missing', 'escalate')),
  key text not null,
  code text,
  sent_at timestamptz not null,
  primary key (task_id, kind, key)
);

create table projects (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid references campaigns(id),
  region_id uuid not null references regions(id),
  name text not null,
  type text not null,
  address text,
  lat double precision,
  lng double precision,
  -- the outline on the map: [[lng, lat], …] (a closed ring), or null
  outline jsonb,
  owner_unit_id uuid not null references units(id),
  -- 元
  investment_planned numeric(14, 2) not null default 0 check (investment_planned >= 0),
  investment_spent numeric(14, 2) not null default 0 check (investment_spent >= 0),
  handover_date date not null,
  description text,
  -- an optional link to a plan's task (项目化 of a task)
  task_id uuid references tasks(id) on delete set null,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index projects_region_idx on projects(region_id, handover_date);
create index projects_owner_idx on projects(owner_unit_id);

create table project_milestones (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects(id) on delete cascade,
  kind text not null check (kind in ('approval', 'design', 'start', 'structure', 'acceptance', 'handover')),
  planned_date date not null,
  actual_date date,
  note text,
  updated_by uuid references users(id),
  updated_at timestamptz not null,
  version integer not null default 1,
  unique (project_id, kind)
);

create table project_photos (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references projects(id) on delete cascade,
  milestone_id uuid references project_milestones(id) on delete set null,
  file_id uuid not null references files(id),
  stage text not null check (stage in ('before', 'during', 'after')),
  caption text,
  uploaded_by uuid references users(id),
  created_at timestamptz not null
);
create index project_photos_project_idx on project_photos(project_id, created_at);
