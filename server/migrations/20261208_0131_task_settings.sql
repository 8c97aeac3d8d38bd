-- 任务进度设置 (issue 13 with issue 8's region-scoped configuration): the monthly progress report's due day, how many
-- days before it the lead unit's head is reminded, how many days past a task's due date its 督办单 goes out and how
-- many days after that it goes to the responsible leader, and how many days before a project milestone's planned date
-- the owner unit is reminded. The nearest region's row wins; the row without a region is the shipped default (the
-- values that were code constants: 25, 3, 1, 7; 3 for milestones).
create table region_task_settings (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  progress_due_day integer not null check (progress_due_day between 1 and 28),
  remind_days_before integer not null check (remind_days_before between 0 and 10),
  escalate_after_days integer not null check (escalate_after_days between 1 and 30),
  leader_after_days integer not null check (leader_after_days between 1 and 60),
  milestone_remind_days integer not null check (milestone_remind_days between 0 and 30),
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create unique index region_task_settings_uq on region_task_settings (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid));
insert into region_task_settings (region_id, progress_due_day, remind_days_before, escalate_after_days, leader_after_days, milestone_remind_days)
  values (null, 25, 3, 1, 7, 3);

-- Project milestone notices, sent once per (milestone, kind, planned date): 'remind' to the owner unit before the
-- planned date, 'overdue' to the office once it has passed without an actual date. A planned date moved later is a
-- new key, so the new date is reminded again.
create table project_notices (
  milestone_id uuid not null references project_milestones(id) on delete cascade,
  kind text not null check (kind in ('remind', 'overdue')),
  key text not null,
  sent_at timestamptz not null,
  primary key (milestone_id, kind, key)
);
