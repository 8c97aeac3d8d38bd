-- Issue 11 (B): Open311 GeoReport v2, integrator API keys, 12345 hotline work orders.

-- A problem posted through Open311 has its own source.
alter table problems drop constraint if exists problems_source_check;
alter table problems add constraint problems_source_check
  check (source in ('inspection','covert','citizen','grid','hotline','media','leader','recheck','open311'));

-- Integrator API keys (对接密钥): issued and revoked by the 安全管理员 for a named integrator, scoped to one county
-- (the Open311 jurisdiction). Only the SHA-256 of the key is stored; the key is shown once at creation.
create table integration_keys (
  id uuid primary key default gen_random_uuid(),
  integrator text not null check (length(integrator) between 1 and 60),
  region_id uuid not null references regions(id),
  key_hash text not null unique,
  key_prefix text not null,
  note text,
  rate_limit_per_minute integer not null default 60 check (rate_limit_per_minute between 1 and 6000),
  -- fixed one-minute window, counted by one UPDATE per request (the same on every node)
  window_start timestamptz,
  window_count integer not null default 0,
  created_by uuid references users(id),
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references users(id),
  version integer not null default 1
);
create index integration_keys_region_idx on integration_keys(region_id);

-- Public interface settings of a region (nearest region wins): which problem sources are listed publicly (Open311
-- GET requests / updates), and where the 12345 办结回复 is sent.
create table public_interface_settings (
  region_id uuid primary key references regions(id),
  public_sources jsonb not null,
  hotline_callback_url text,
  version integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null
);

-- A request posted through Open311: the citizen's identity stays here, never in problems and never in an answer.
create table open311_requests (
  problem_id uuid primary key references problems(id),
  key_id uuid not null references integration_keys(id),
  token text not null unique,
  service_code text not null,
  email text,
  first_name text,
  last_name text,
  phone text,
  device_id text,
  account_id text,
  media_url text,
  address_string text,
  attributes jsonb not null default '{}',
  created_at timestamptz not null
);

-- A 12345 work order (工单) that became a problem; 诉求人 is stored masked only.
create table hotline_orders (
  problem_id uuid primary key references problems(id),
  county_id uuid not null references regions(id),
  order_no text not null,
  caller_masked text,
  transfer_unit text,
  called_at timestamptz not null,
  due_at timestamptz,
  key_id uuid references integration_keys(id),
  imported_by uuid references users(id),
  created_at timestamptz not null,
  -- 办结回复: written when the problem closes; the callback's outcome
  replied_at timestamptz,
  callback_sent_at timestamptz,
  unique (county_id, order_no)
);
create index hotline_orders_order_no_idx on hotline_orders(order_no);
