-- The problem loop: categories, deadline policies, problems with their photos and timeline,
-- dispatch rules, supervision notices (督办单) and notifications.

create table reference_data (
  name text primary key,
  version integer not null,
  loaded_at timestamptz not null default now()
);

create table problem_categories (
  code text primary key,
  parent_code text references problem_categories(code),
  name text not null,
  kind text not null check (kind in ('component','event','creation')),
  sort integer not null default 0,
  active boolean not null default true,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index problem_categories_parent_idx on problem_categories(parent_code);

-- 处置时限: per severity, editable by the office
create table problem_deadline_policies (
  severity text primary key check (severity in ('normal','major','serious','urgent')),
  hours integer not null check (hours between 1 and 8760),
  working_days boolean not null default false,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
insert into problem_deadline_policies (severity, hours) values ('urgent', 24), ('serious', 72), ('major', 120), ('normal', 168);

create table problem_code_counters (
  month text primary key,
  last integer not null
);

create table problems (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  client_id text,
  description text not null,
  category_code text not null references problem_categories(code),
  source text not null check (source in ('inspection','covert','citizen','grid','hotline','media','leader','recheck')),
  severity text not null check (severity in ('normal','major','serious','urgent')),
  state text not null check (state in ('pending','rejected','accepted','dispatched','rectifying','verifying','closed')),
  site_id uuid,                      -- sites arrive with the standards/inspections module
  region_id uuid not null references regions(id),
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  address text,
  unit_id uuid references units(id),
  assignee_id uuid references users(id),
  reporter_id uuid references users(id),
  reporter_name text,
  deadline timestamptz,
  accepted_at timestamptz,
  first_dispatched_at timestamptz,
  dispatched_at timestamptz,
  acknowledged_at timestamptz,
  rectified_at timestamptz,
  rectified_by uuid references users(id),
  closed_at timestamptz,
  reject_reason text,
  extension_requested_days integer,
  extension_reason text,
  extension_count integer not null default 0,
  rework_count integer not null default 0,
  verify_count integer not null default 0,
  dispute_count integer not null default 0,
  duplicate_of uuid references problems(id),
  relapsed_from uuid references problems(id),
  relapse_count integer not null default 0,
  reminded_at timestamptz,
  supervised_at timestamptz,
  escalated_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index problems_client_idx on problems(reporter_id, client_id) where client_id is not null;
create index problems_state_idx on problems(state);
create index problems_unit_state_idx on problems(unit_id, state);
create index problems_region_idx on problems(region_id);
create index problems_created_idx on problems(created_at);
create index problems_dispatched_idx on problems(first_dispatched_at);
create index problems_deadline_open_idx on problems(deadline) where state in ('dispatched','rectifying');
create index problems_reporter_idx on problems(reporter_id);

create table problem_photos (
  problem_id uuid not null references problems(id) on delete cascade,
  file_id uuid not null references files(id),
  stage text not null check (stage in ('report','rectification','verification')),
  sort integer not null default 0,
  primary key (problem_id, file_id)
);

-- The timeline shown on the problem page (the audit trail keeps the accountable record as well).
create table problem_events (
  id bigserial primary key,
  problem_id uuid not null references problems(id) on delete cascade,
  action text not null,
  from_state text,
  to_state text,
  actor_id uuid,
  actor_name text,
  payload jsonb,
  occurred_at timestamptz not null
);
create index problem_events_problem_idx on problem_events(problem_id, id);

-- 派遣规则: category × region → unit (null means any); the most specific match wins.
create table dispatch_rules (
  id uuid primary key default gen_random_uuid(),
  category_code text references problem_categories(code),
  region_id uuid references regions(id),
  unit_id uuid not null references units(id),
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (category_code is not null or region_id is not null)
);

create table supervision_notices (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  problem_id uuid not null references problems(id) on delete cascade,
  unit_id uuid references units(id),
  issued_at timestamptz not null,
  deadline timestamptz,
  escalated_at timestamptz,
  escalated_to text
);
create index supervision_notices_problem_idx on supervision_notices(problem_id);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  title text not null,
  body text,
  link text,
  problem_id uuid references problems(id) on delete cascade,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notifications_user_idx on notifications(user_id, created_at desc);
create index notifications_unread_idx on notifications(user_id) where read_at is null;
