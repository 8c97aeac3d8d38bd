-- Foundation: organisation, accounts, sessions, audit trail.
-- Written for PostgreSQL 15 (production) and PGlite (embedded); no features newer than 15.

create table regions (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references regions(id),
  code varchar(20) not null unique,
  name text not null,
  level text not null check (level in ('city','county','town','village','grid')),
  -- materialised path of ids ('/<root>/<child>/'), so a scope is one LIKE prefix match
  path text not null,
  sort integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index regions_parent_idx on regions(parent_id);
create index regions_path_idx on regions(path text_pattern_ops);

create table units (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  type text not null check (type in ('county_dept','town','community','window','school','hospital','enterprise','other')),
  region_id uuid not null references regions(id),
  parent_id uuid references units(id),
  head_name text,
  head_phone text,
  liaison_name text,
  liaison_phone text,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index units_region_idx on units(region_id);
create index units_parent_idx on units(parent_id);

create table campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  title_type text not null check (title_type in ('civilized_city','sanitary_city','garden_city','forest_city','clean_city','local')),
  level text not null check (level in ('national','provincial','municipal','county')),
  region_id uuid not null references regions(id),
  cycle_start_year integer not null,
  cycle_end_year integer not null,
  status text not null default 'planning' check (status in ('planning','active','accepted','archived')),
  description text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (cycle_end_year >= cycle_start_year)
);
create index campaigns_region_idx on campaigns(region_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  phone text unique,
  name text not null,
  unit_id uuid references units(id),
  region_id uuid references regions(id),
  password_hash text not null,
  must_change_password boolean not null default true,
  is_demo boolean not null default false,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  active boolean not null default true,
  last_login_at timestamptz,
  password_changed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_unit_idx on users(unit_id);
create index users_region_idx on users(region_id);

create table user_roles (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  role text not null,
  scope_type text not null check (scope_type in ('global','region','unit','campaign')),
  scope_id uuid,
  check ((scope_type = 'global') = (scope_id is null))
);
create unique index user_roles_unique on user_roles(user_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'));

create table leading_group_members (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns(id) on delete cascade,
  user_id uuid references users(id),
  name text not null,
  post text not null,
  group_role text not null check (group_role in ('leader','deputy_leader','member')),
  phone text,
  sort integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index leading_group_campaign_idx on leading_group_members(campaign_id);

-- 结对联创: each deputy leader is linked to the units they pair with
create table leading_group_unit_links (
  member_id uuid not null references leading_group_members(id) on delete cascade,
  unit_id uuid not null references units(id),
  primary key (member_id, unit_id)
);

create table sessions (
  id text primary key,              -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  ended_at timestamptz
);
create index sessions_user_idx on sessions(user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens(user_id);

-- Audit trail: append-only, hash-chained. The chain is computed by the database itself so every
-- writer (the app, scripts, a future service) produces the same chain.
create sequence audit_events_id_seq;
create table audit_events (
  id bigint primary key,
  occurred_at timestamptz not null,
  actor_id uuid,
  actor_name text,
  action text not null,
  subject_type text not null,
  subject_id text,
  before jsonb,
  after jsonb,
  ip text,
  user_agent text,
  prev_hash text not null,
  hash text not null
);
create index audit_events_time_idx on audit_events(occurred_at);
create index audit_events_subject_idx on audit_events(subject_type, subject_id);
create index audit_events_actor_idx on audit_events(actor_id);

-- The hash covers every content column and the previous row's hash. Time is hashed as epoch
-- microseconds so the session time zone cannot change the text being hashed.
create function audit_row_hash(e audit_events) returns text language sql immutable as $$
  select encode(sha256(convert_to(concat_ws(chr(31),
    e.id::text, e.prev_hash,
    (extract(epoch from e.occurred_at) * 1000000)::bigint::text,
    coalesce(e.actor_id::text, ''), coalesce(e.actor_name, ''), e.action, e.subject_type,
    coalesce(e.subject_id, ''), coalesce(e.before::text, ''), coalesce(e.after::text, ''),
    coalesce(e.ip, ''), coalesce(e.user_agent, '')), 'UTF8')), 'hex')
$$;

create function audit_events_chain() returns trigger language plpgsql as $$
declare
  previous text;
begin
  -- One writer at a time extends the chain; the lock is held until the writer's transaction ends,
  -- so the next writer sees this row as its predecessor.
  perform pg_advisory_xact_lock(7461029);
  new.id := nextval('audit_events_id_seq');
  select hash into previous from audit_events order by id desc limit 1;
  new.prev_hash := coalesce(previous, 'genesis');
  new.hash := audit_row_hash(new);
  return new;
end $$;

create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'P0001';
end $$;

create trigger audit_events_chain before insert on audit_events
  for each row execute function audit_events_chain();
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_refuse_change();
