-- 月评排名 (the evaluation engine): versioned schemes (考核方案), runs (a scheme version × a period) with their results,
-- indicator values and provenance, objections (申诉) and the office's 人工评分. A run is computed once and stored: a
-- later change to the records never moves a past figure; a recomputation of a published run is a new revision.

-- A scheme version. Editing a scheme inserts the next version of the same family (scheme_key); a run points at the
-- exact version it used, so editing never changes a past run.
create table evaluation_schemes (
  id uuid primary key default gen_random_uuid(),
  scheme_key uuid not null,
  version integer not null check (version >= 1),
  campaign_id uuid not null references campaigns(id),
  name text not null,
  period_type text not null check (period_type in ('month')),
  red_count integer not null check (red_count >= 0),
  black_count integer not null check (black_count >= 0),
  -- groups with their subjects and weighted indicators and rules, as posted (validated by the server)
  groups jsonb not null,
  -- consecutive black-list months → proposal, e.g. [{"streak":2,"action":"interview"},{"streak":3,"action":"accountability"}]
  escalation jsonb not null,
  objection_days integer not null check (objection_days between 1 and 30),
  created_by uuid references users(id),
  created_at timestamptz not null,
  unique (scheme_key, version)
);
create index evaluation_schemes_campaign_idx on evaluation_schemes(campaign_id, created_at desc);

create table evaluation_runs (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references evaluation_schemes(id),
  scheme_key uuid not null,
  campaign_id uuid not null references campaigns(id),
  period text not null,
  revision integer not null default 1 check (revision >= 1),
  revises_run_id uuid references evaluation_runs(id),
  state text not null check (state in ('draft', 'publicized', 'signed_off', 'published', 'superseded')),
  computed_at timestamptz not null,
  created_by uuid references users(id),
  created_at timestamptz not null,
  publicized_at timestamptz,
  objection_deadline timestamptz,
  signed_off_by uuid references users(id),
  signed_off_at timestamptz,
  sign_off_comment text,
  published_at timestamptz,
  -- for a revision: per subject, what changed against the published run it revises
  diff jsonb,
  version integer not null default 1
);
create index evaluation_runs_scheme_idx on evaluation_runs(scheme_key, period, revision);
create index evaluation_runs_campaign_idx on evaluation_runs(campaign_id, period desc);

-- One row per subject of each group of a run: its total, rank and list.
create table evaluation_results (
  run_id uuid not null references evaluation_runs(id) on delete cascade,
  group_index integer not null,
  group_name text not null,
  subject_type text not null check (subject_type in ('unit', 'town', 'site', 'county')),
  subject_id uuid not null,
  subject_name text not null,
  -- the scheme's points (before any adjustment from an objection)
  computed_score double precision not null,
  adjustment double precision not null default 0,
  score double precision not null,
  rank integer not null,
  list text check (list in ('red', 'black')),
  veto boolean not null default false,
  -- consecutive months on the black list, this one included (0 when not on it)
  black_streak integer not null default 0,
  proposal text check (proposal in ('interview', 'accountability')),
  primary key (run_id, group_index, subject_id)
);
create index evaluation_results_subject_idx on evaluation_results(subject_id);

create table evaluation_values (
  run_id uuid not null references evaluation_runs(id) on delete cascade,
  group_index integer not null,
  subject_id uuid not null,
  position integer not null,
  code text not null,
  value double precision,
  numerator double precision,
  denominator double precision,
  points double precision not null,
  vetoed boolean not null default false,
  primary key (run_id, group_index, subject_id, position)
);

-- What produced each value: the records (problems, visits, material obligations, manual scores) as they stood when
-- the run was computed.
create table evaluation_provenance (
  run_id uuid not null references evaluation_runs(id) on delete cascade,
  subject_id uuid not null,
  code text not null,
  record_type text not null,
  record_id uuid not null,
  label text not null,
  counted boolean not null default true
);
create index evaluation_provenance_idx on evaluation_provenance(run_id, subject_id, code);

create table evaluation_objections (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references evaluation_runs(id) on delete cascade,
  subject_id uuid not null,
  reason text not null,
  file_ids uuid[] not null default '{}',
  filed_by uuid references users(id),
  filed_at timestamptz not null,
  state text not null default 'pending' check (state in ('pending', 'adjusted', 'rejected')),
  answer text,
  adjustment double precision,
  answered_by uuid references users(id),
  answered_at timestamptz,
  version integer not null default 1
);
create index evaluation_objections_run_idx on evaluation_objections(run_id, subject_id);

-- 人工评分: a score (manual.score) or a count of bonus items (manual.bonus) the office enters for a subject and period,
-- with its reason and an optional attachment. The newest entry for (code, subject, period) counts.
create table evaluation_manual_scores (
  id uuid primary key default gen_random_uuid(),
  code text not null check (code in ('manual.score', 'manual.bonus')),
  subject_type text not null check (subject_type in ('unit', 'town', 'site', 'county')),
  subject_id uuid not null,
  period text not null,
  value double precision not null,
  reason text not null,
  file_id uuid references files(id),
  entered_by uuid references users(id),
  entered_at timestamptz not null,
  unique (code, subject_type, subject_id, period)
);
create index evaluation_manual_scores_period_idx on evaluation_manual_scores(period, code);
