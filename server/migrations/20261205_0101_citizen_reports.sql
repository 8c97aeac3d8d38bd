-- 随手拍 (citizen reports, issue 11): the public door into the problem loop.

-- The account public uploads are filed under (files.uploaded_by is required). It cannot sign in (inactive, no usable
-- password hash) and holds no role; staff see its uploads as 随手拍群众, never the citizen.
insert into users (id, username, name, password_hash, must_change_password, active, created_at, updated_at)
values ('00000000-0000-0000-0000-0000000000c1', '__citizen__', '随手拍群众', '!', false, false, now(), now())
on conflict (id) do nothing;

-- The short public category list (data, editable by the office): the categories offered on /p/report, in order. Kept
-- apart from problem_categories, which the reference data loads after the migrations.
create table public_report_categories (
  code text primary key,
  sort integer not null default 0
);
insert into public_report_categories (code, sort) values
  ('E0102', 1), ('E0104', 2), ('E0201', 3), ('E0502', 4), ('E0504', 5), ('E0505', 6), ('C0106', 7), ('C0110', 8),
  ('E0404', 9), ('W0102', 10), ('E0601', 11);

-- The reporter of a citizen report, apart from problems (never shown publicly or to the unit). problem_id is the
-- problem the reporter follows: after a merge, the surviving problem (original_problem_id keeps the one filed).
create table citizen_reports (
  id uuid primary key default gen_random_uuid(),
  problem_id uuid not null references problems(id),
  original_problem_id uuid not null unique references problems(id),
  -- the private tracking code: 20 random base32 characters (100 bits), stored as its SHA-256
  tracking_hash text not null unique check (tracking_hash ~ '^[0-9a-f]{64}$'),
  name text,
  phone text,
  phone_verified boolean not null default false,
  device_id text,
  ip_hash text,
  rating text check (rating in ('satisfied', 'basically', 'dissatisfied')),
  rating_comment text,
  rated_at timestamptz,
  -- 回访: a 不满意 rating waits for the office (open), which records the result (done), reopening the case or not
  followup_state text check (followup_state in ('open', 'done')),
  followup_result text,
  followup_reopened boolean,
  followup_by uuid references users(id),
  followup_at timestamptz,
  created_at timestamptz not null,
  check ((rating is null) = (rated_at is null))
);
create index citizen_reports_problem_idx on citizen_reports (problem_id);
create index citizen_reports_followup_idx on citizen_reports (followup_state, rated_at) where followup_state is not null;

-- Photos uploaded through /api/public/files, until a report claims them (by the same device).
create table public_uploads (
  file_id uuid primary key references files(id),
  device_id text not null,
  problem_id uuid references problems(id),
  created_at timestamptz not null
);

-- Proof-of-work challenges: issued, then spent once (a replay is refused), expiring.
create table public_challenges (
  id uuid primary key default gen_random_uuid(),
  salt text not null,
  challenge text not null unique,
  expires_at timestamptz not null,
  spent_at timestamptz
);
create index public_challenges_expires_idx on public_challenges (expires_at);

-- Rate limits: one row per counted request (bucket, hashed key); old rows are deleted as new ones arrive.
create table public_rate_events (
  id bigserial primary key,
  bucket text not null,
  key_hash text not null,
  at timestamptz not null
);
create index public_rate_events_idx on public_rate_events (bucket, key_hash, at);

-- Phone verification codes (hashed), one live code per phone.
create table public_phone_codes (
  id uuid primary key default gen_random_uuid(),
  phone text not null,
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null
);
create index public_phone_codes_phone_idx on public_phone_codes (phone, created_at);

-- The office's reasons to decline a public report, as the citizen sees them (data, editable).
create table public_reject_reasons (
  code text primary key,
  label text not null,
  public_text text not null,
  sort integer not null default 0,
  active boolean not null default true
);
insert into public_reject_reasons (code, label, public_text, sort) values
  ('untrue', '不属实', '经核实，反映的情况不属实。', 1),
  ('duplicate', '重复', '该问题已有人反映，已并入同一案件办理。', 2),
  ('out_of_scope', '非职责范围', '反映的事项不属于城市创建管理范围，请通过 12345 热线反映。', 3),
  ('incomplete', '信息不全', '照片或位置信息不全，无法核实，请补充后重新上报。', 4),
  ('resolved', '已处理', '反映的问题在受理前已处理完毕。', 5);

-- The public answer to a triaged problem of a public source (随手拍, Open311, 12345): the reason the citizen sees.
create table problem_public_replies (
  problem_id uuid primary key references problems(id),
  reason_code text not null references public_reject_reasons(code),
  public_text text not null,
  decided_by uuid references users(id),
  decided_at timestamptz not null
);
