-- 问卷调查: questionnaires (versioned; a version is never changed, so a wave's questionnaire is frozen), waves with
-- population figures, quotas by town × respondent group (× gender), assigned interviewers, interviews (入户/拦截,
-- offline, idempotent on the interviewer's clientId) and public responses (one per device), and each interview's rate
-- items (which answers count for which rate, scored when the interview is written) for SQL aggregation.

create table survey_questionnaires (
  id uuid primary key default gen_random_uuid(),
  -- one family across versions; PUT on the newest version inserts the next one
  family_key uuid not null,
  version integer not null,
  -- the region whose office owns it (a county or city); starter questionnaires are copied into a region
  region_id uuid not null references regions(id),
  name text not null,
  definition jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null,
  retired_at timestamptz,
  unique (family_key, version)
);
create index survey_questionnaires_region_idx on survey_questionnaires(region_id, family_key, version desc);

create table survey_waves (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  campaign_id uuid references campaigns(id),
  questionnaire_id uuid not null references survey_questionnaires(id),
  name text not null,
  state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
  starts_on date not null,
  ends_on date not null,
  target_size integer not null check (target_size > 0),
  -- cells: town × group, optionally × gender
  quota_by_gender boolean not null default false,
  -- an interview under this many seconds is flagged 用时过短
  min_duration_seconds integer not null default 180,
  -- the public link (/s/:token); null: no public mode
  public_token text unique,
  created_by uuid references users(id),
  created_at timestamptz not null,
  opened_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index survey_waves_region_idx on survey_waves(region_id, state, starts_on desc);

-- population figures per town and respondent group (the base of quotas and post-stratification weights)
create table survey_population (
  wave_id uuid not null references survey_waves(id) on delete cascade,
  town_id uuid not null references regions(id),
  group_code text not null,
  population integer not null check (population >= 0),
  primary key (wave_id, town_id, group_code)
);

-- quota cells; gender is '' when the wave does not split by gender
create table survey_quotas (
  wave_id uuid not null references survey_waves(id) on delete cascade,
  town_id uuid not null references regions(id),
  group_code text not null,
  gender text not null default '',
  target integer not null check (target >= 0),
  done integer not null default 0,
  primary key (wave_id, town_id, group_code, gender)
);

create table survey_interviewers (
  wave_id uuid not null references survey_waves(id) on delete cascade,
  user_id uuid not null references users(id),
  town_id uuid not null references regions(id),
  primary key (wave_id, user_id, town_id)
);
create index survey_interviewers_user_idx on survey_interviewers(user_id);

create table survey_responses (
  id uuid primary key default gen_random_uuid(),
  wave_id uuid not null references survey_waves(id),
  mode text not null check (mode in ('interview', 'public')),
  method text check (method in ('door', 'street')),
  interviewer_id uuid references users(id),
  client_id uuid,
  -- public mode: the device (HMAC under the deployment's key), one response per device and wave
  device_hash text,
  address_hash text,
  town_id uuid not null references regions(id),
  group_code text not null,
  gender text not null,
  age integer not null,
  age_band text,
  residence text not null,
  eligible boolean not null,
  answers jsonb not null,
  lat double precision,
  lng double precision,
  accuracy_m double precision,
  started_at timestamptz,
  finished_at timestamptz,
  duration_seconds integer,
  received_at timestamptz not null,
  flags text[] not null default '{}',
  -- the office's review of a flagged interview: null (not reviewed), 'kept' or 'voided' (leaves the results)
  review text check (review in ('kept', 'voided')),
  review_note text,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz
);
create unique index survey_responses_client_idx on survey_responses(wave_id, interviewer_id, client_id) where client_id is not null;
create unique index survey_responses_device_idx on survey_responses(wave_id, device_hash) where device_hash is not null;
create index survey_responses_wave_idx on survey_responses(wave_id, mode, town_id, group_code);

create table survey_response_items (
  response_id uuid not null references survey_responses(id) on delete cascade,
  wave_id uuid not null references survey_waves(id),
  question_code text not null,
  rate text not null check (rate in ('awareness', 'support', 'participation', 'satisfaction')),
  valid boolean not null,
  counted boolean not null,
  primary key (response_id, question_code)
);
create index survey_response_items_wave_idx on survey_response_items(wave_id, rate);
