-- Standards (测评体系), sites (点位) and inspections (督查/暗访), and the links from problems to them.

create table site_types (
  code text primary key,
  name text not null,
  short text not null,
  sort integer not null default 0,
  active boolean not null default true,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table sites (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  site_type_code text not null references site_types(code),
  address text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  polygon jsonb,
  region_id uuid not null references regions(id),
  unit_id uuid references units(id),
  lead_user_id uuid references users(id),
  lead_name text,
  lead_phone text,
  photo_file_id uuid references files(id),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (name, region_id)
);
create index sites_type_idx on sites(site_type_code);
create index sites_region_idx on sites(region_id);
create index sites_unit_idx on sites(unit_id);

create table standard_versions (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns(id) on delete cascade,
  name text not null,
  cloned_from uuid references standard_versions(id),
  source text not null default 'import' check (source in ('import','starter','clone')),
  created_by uuid references users(id),
  created_at timestamptz not null,
  unique (campaign_id, name)
);

-- 测评项目 (level 1) and 测评内容 (level 2; deeper levels allowed)
create table standard_items (
  id uuid primary key default gen_random_uuid(),
  version_id uuid not null references standard_versions(id) on delete cascade,
  parent_id uuid references standard_items(id) on delete cascade,
  level integer not null check (level >= 1),
  name text not null,
  sort integer not null default 0
);
create index standard_items_version_idx on standard_items(version_id);

create table standards (
  id uuid primary key default gen_random_uuid(),
  version_id uuid not null references standard_versions(id) on delete cascade,
  item_id uuid not null references standard_items(id) on delete cascade,
  code text not null,
  text text not null,
  method text not null check (method in ('field','survey','material','other')),
  points numeric(6,2) not null default 0 check (points >= 0),
  site_type_codes text[] not null default '{}',
  lead_unit_id uuid references units(id),
  negative boolean not null default false,
  sort integer not null default 0,
  unique (version_id, code)
);
create index standards_version_idx on standards(version_id);
create index standards_site_types_idx on standards using gin (site_type_codes);

-- 任务分解: the units that answer for a standard besides the lead
create table standard_units (
  standard_id uuid not null references standards(id) on delete cascade,
  unit_id uuid not null references units(id),
  primary key (standard_id, unit_id)
);
create index standard_units_unit_idx on standard_units(unit_id);

create table inspection_rounds (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('routine','special','covert','mock','recheck')),
  campaign_id uuid not null references campaigns(id),
  standard_version_id uuid references standard_versions(id),
  region_id uuid not null references regions(id),
  start_date date not null,
  end_date date not null,
  sample jsonb,
  pass_threshold numeric(4,3) not null default 0.9,
  is_covert boolean not null,
  released_at timestamptz,
  released_by uuid references users(id),
  created_by uuid references users(id),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (end_date >= start_date)
);
create index inspection_rounds_campaign_idx on inspection_rounds(campaign_id, start_date);

create table inspection_round_inspectors (
  round_id uuid not null references inspection_rounds(id) on delete cascade,
  user_id uuid not null references users(id),
  primary key (round_id, user_id)
);
create index inspection_round_inspectors_user_idx on inspection_round_inspectors(user_id);

create table inspection_round_sites (
  round_id uuid not null references inspection_rounds(id) on delete cascade,
  site_id uuid not null references sites(id),
  primary key (round_id, site_id)
);

create table inspection_visits (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references inspection_rounds(id) on delete cascade,
  site_id uuid not null references sites(id),
  inspector_id uuid references users(id),
  visited_at timestamptz not null,
  passed integer not null,
  failed integer not null,
  not_applicable integer not null,
  score_rate numeric(6,4),
  deduction_score numeric(7,2) not null,
  updated_at timestamptz not null,
  unique (round_id, site_id)
);
create index inspection_visits_site_idx on inspection_visits(site_id, visited_at);

create table inspection_results (
  visit_id uuid not null references inspection_visits(id) on delete cascade,
  standard_id uuid not null references standards(id),
  verdict text not null check (verdict in ('pass','fail','na')),
  note text,
  photo_ids uuid[] not null default '{}',
  problem_id uuid,
  primary key (visit_id, standard_id)
);

alter table problems add column round_id uuid references inspection_rounds(id);
alter table problems add column standard_id uuid references standards(id);
alter table problems add constraint problems_site_fk foreign key (site_id) references sites(id);
create index problems_round_idx on problems(round_id) where round_id is not null;
create index problems_site_standard_idx on problems(site_id, standard_id) where site_id is not null;
