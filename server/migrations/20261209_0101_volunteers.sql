-- 志愿之城: teams in a tree (总队 → 支队 → 小队, 专业队) with team admins, the practice network of stations
-- (新时代文明实践中心 → 所 → 站 → 点) on the map, volunteers who register themselves (the ID number stored encrypted,
-- shown masked) and are approved by a team admin, activities with a geofence and capacity, sign-ups with a waiting
-- list, check-in/out by a rotating QR code, certified hours with audited corrections, resident population per town
-- (the base of "registered volunteers per 1 000 residents"). Star levels are computed from certified hours, never stored.

create table region_population (
  region_id uuid not null references regions(id),
  year integer not null check (year between 2000 and 2100),
  -- 常住人口
  population integer not null check (population >= 0),
  updated_by uuid references users(id),
  updated_at timestamptz not null,
  primary key (region_id, year)
);

create table volunteer_teams (
  id uuid primary key default gen_random_uuid(),
  -- the county or town the team belongs to (scope checks are one path prefix on regions)
  region_id uuid not null references regions(id),
  parent_id uuid references volunteer_teams(id),
  kind text not null check (kind in ('corps', 'detachment', 'squad', 'specialist')),
  name text not null,
  -- a unit that runs the team (a 单位志愿服务队), optional
  unit_id uuid references units(id),
  contact_name text,
  contact_phone text,
  description text,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index volunteer_teams_region_idx on volunteer_teams(region_id);
create index volunteer_teams_parent_idx on volunteer_teams(parent_id);
create unique index volunteer_teams_name_idx on volunteer_teams(region_id, name);

create table volunteer_team_admins (
  team_id uuid not null references volunteer_teams(id) on delete cascade,
  user_id uuid not null references users(id),
  created_at timestamptz not null,
  primary key (team_id, user_id)
);
create index volunteer_team_admins_user_idx on volunteer_team_admins(user_id);

create table volunteer_stations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  parent_id uuid references volunteer_stations(id),
  level text not null check (level in ('center', 'institute', 'station', 'point')),
  name text not null,
  address text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  contact_name text,
  contact_phone text,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index volunteer_stations_region_idx on volunteer_stations(region_id);
create index volunteer_stations_parent_idx on volunteer_stations(parent_id);

create table volunteers (
  id uuid primary key default gen_random_uuid(),
  -- the account the volunteer signs in with (self-registered, or a staff account that also volunteers)
  user_id uuid not null unique references users(id),
  -- the county of the team joined (scope)
  region_id uuid not null references regions(id),
  team_id uuid not null references volunteer_teams(id),
  name text not null,
  phone text not null,
  gender text check (gender in ('male', 'female')),
  -- 身份证号: AES-256-GCM under the deployment's key (iv:tag:ciphertext, base64), a keyed hash for uniqueness, and
  -- the masked form every screen shows
  id_number_enc text not null,
  id_number_hash text not null unique,
  id_number_masked text not null,
  skills jsonb not null default '[]',
  -- 服务时间 as the volunteer wrote it (周末、工作日晚上 …)
  availability text,
  state text not null default 'pending' check (state in ('pending', 'approved', 'rejected', 'left')),
  review_comment text,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  -- the certificate's public verification code (issued with the first certificate)
  certificate_code text unique,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index volunteers_team_idx on volunteers(team_id, state);
create index volunteers_region_idx on volunteers(region_id, state);

create table volunteer_activities (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  -- organised by a team or a station (at least one)
  team_id uuid references volunteer_teams(id),
  station_id uuid references volunteer_stations(id),
  title text not null,
  description text,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text not null,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  geofence_m integer not null default 300 check (geofence_m between 50 and 5000),
  capacity integer not null check (capacity between 1 and 10000),
  skills jsonb not null default '[]',
  state text not null default 'published' check (state in ('published', 'cancelled', 'finished')),
  cancel_reason text,
  -- the key of the rotating check-in code (HMAC over the 30 s window); never sent to volunteers
  checkin_secret text not null,
  -- the organiser who runs check-in and certifies the hours
  organiser_id uuid not null references users(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  check (ends_at > starts_at),
  check (team_id is not null or station_id is not null)
);
create index volunteer_activities_region_idx on volunteer_activities(region_id, starts_at);
create index volunteer_activities_team_idx on volunteer_activities(team_id);
create index volunteer_activities_station_idx on volunteer_activities(station_id);

create table volunteer_signups (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references volunteer_activities(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  state text not null check (state in ('signed', 'waitlisted', 'cancelled')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (activity_id, volunteer_id)
);
create index volunteer_signups_activity_idx on volunteer_signups(activity_id, state, created_at);

create table volunteer_attendance (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references volunteer_activities(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  state text not null check (state in ('checked_in', 'checked_out', 'certified')),
  check_in_at timestamptz not null,
  check_in_lat double precision,
  check_in_lng double precision,
  check_in_distance_m integer,
  -- outside the geofence: counts only after the organiser confirms it
  check_in_outside boolean not null default false,
  check_out_at timestamptz,
  check_out_lat double precision,
  check_out_lng double precision,
  check_out_distance_m integer,
  check_out_outside boolean not null default false,
  outside_confirmed_by uuid references users(id),
  outside_confirmed_at timestamptz,
  -- computed from check-in/out inside the activity's time (common/volunteers.ts serviceMinutes)
  minutes integer check (minutes >= 0),
  -- what the organiser certified (may differ from minutes after a correction, which is audited)
  certified_minutes integer check (certified_minutes >= 0),
  certified_by uuid references users(id),
  certified_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  unique (activity_id, volunteer_id)
);
create index volunteer_attendance_volunteer_idx on volunteer_attendance(volunteer_id, state);

-- Each code window is taken once per volunteer and direction: a replayed scan is refused.
create table volunteer_checkin_codes_used (
  activity_id uuid not null references volunteer_activities(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  direction text not null check (direction in ('in', 'out')),
  code_window bigint not null,
  used_at timestamptz not null,
  primary key (activity_id, volunteer_id, direction, code_window)
);

-- Hours corrections (谁认证、谁负责): every change of certified minutes with its reason (also in the audit chain).
create table volunteer_hour_corrections (
  id uuid primary key default gen_random_uuid(),
  attendance_id uuid not null references volunteer_attendance(id) on delete cascade,
  old_minutes integer,
  new_minutes integer not null check (new_minutes >= 0),
  reason text not null,
  corrected_by uuid not null references users(id),
  corrected_at timestamptz not null
);
create index volunteer_hour_corrections_attendance_idx on volunteer_hour_corrections(attendance_id);

-- 文明啄木鸟: a problem reported by a volunteer is counted on the volunteer's record.
alter table problems drop constraint if exists problems_source_check;
alter table problems add constraint problems_source_check
  check (source in ('inspection','covert','citizen','grid','hotline','media','leader','recheck','open311','volunteer'));
