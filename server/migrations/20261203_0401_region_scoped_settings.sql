-- Region-scoped problem settings (issue 7): a region's value overrides its ancestors' for its subtree;
-- rows with no region (problem_deadline_policies, shipped categories, dispatch rules without a region)
-- are the global defaults.

-- 整改时限 overrides per region and severity (the global defaults stay in problem_deadline_policies).
create table region_deadline_policies (
  region_id uuid not null references regions(id),
  severity text not null check (severity in ('normal','major','serious','urgent')),
  hours integer not null check (hours between 1 and 8760),
  working_days boolean not null default false,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (region_id, severity)
);

-- A category added by a region (local addition, visible to its subtree); null = shipped with the platform.
alter table problem_categories add column region_id uuid references regions(id);
create index problem_categories_region_idx on problem_categories(region_id);

-- 停用 / 启用 a category for one region's subtree without touching it for everyone else.
create table region_category_settings (
  region_id uuid not null references regions(id),
  category_code text not null references problem_categories(code),
  active boolean not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (region_id, category_code)
);
create index region_category_settings_code_idx on region_category_settings(category_code);
create index dispatch_rules_region_idx on dispatch_rules(region_id);
