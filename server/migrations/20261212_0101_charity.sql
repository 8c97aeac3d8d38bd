-- 慈善之家: the registry of charity organisations kept by a county's or town's office (统一社会信用代码, contact,
-- status), the accounts that record for an organisation (charity_org_admins, a relation like volunteer_team_admins),
-- its projects (goal, beneficiaries, period, region, status) with links to volunteer activities, receipts (files typed
-- by their bytes) and the public ledger of donations and spending. The ledger is append-only: the database refuses
-- UPDATE and DELETE on its rows (a correction is a new entry naming the one it corrects, with a reason).

create table charity_organisations (
  id uuid primary key default gen_random_uuid(),
  -- the county or town whose office keeps the record (scope checks are one path prefix on regions)
  region_id uuid not null references regions(id),
  name text not null,
  -- 统一社会信用代码 (GB 32100, check character verified by the app)
  credit_code text not null,
  kind text not null check (kind in ('association', 'foundation', 'social_service', 'other')),
  status text not null default 'active' check (status in ('active', 'inactive', 'deregistered')),
  registered_on date,
  contact_name text,
  contact_phone text,
  address text,
  description text,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create unique index charity_organisations_code_idx on charity_organisations(credit_code);
create index charity_organisations_region_idx on charity_organisations(region_id);

create table charity_org_admins (
  org_id uuid not null references charity_organisations(id) on delete cascade,
  user_id uuid not null references users(id),
  created_at timestamptz not null,
  primary key (org_id, user_id)
);
create index charity_org_admins_user_idx on charity_org_admins(user_id);

create table charity_projects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references charity_organisations(id),
  -- where the project is carried out (a county or a town of the organisation's county)
  region_id uuid not null references regions(id),
  name text not null,
  category text not null check (category in ('education', 'elderly', 'disability', 'disaster', 'poverty', 'other')),
  -- 筹款目标, in fen
  goal_fen bigint not null check (goal_fen >= 0),
  beneficiaries text not null,
  starts_on date not null,
  ends_on date,
  status text not null default 'preparing' check (status in ('preparing', 'active', 'closed')),
  description text,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  check (ends_on is null or ends_on >= starts_on)
);
create index charity_projects_org_idx on charity_projects(org_id);
create index charity_projects_region_idx on charity_projects(region_id);
create unique index charity_projects_name_idx on charity_projects(org_id, name);

-- Volunteer activities carried out for a project (the activity pages are the volunteers module's).
create table charity_project_activities (
  project_id uuid not null references charity_projects(id),
  activity_id uuid not null references volunteer_activities(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  primary key (project_id, activity_id)
);
create index charity_project_activities_activity_idx on charity_project_activities(activity_id);

-- Receipts (发票、收据、签收单、照片): stored through the file storage; public only once a ledger entry names them.
create table charity_receipts (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references charity_projects(id),
  uploaded_by uuid not null references users(id),
  mime text not null check (mime in ('image/jpeg', 'image/png', 'application/pdf')),
  ext text not null,
  original_name text not null,
  size_bytes integer not null check (size_bytes > 0),
  storage_key text not null,
  created_at timestamptz not null
);
create index charity_receipts_project_idx on charity_receipts(project_id);

create sequence charity_ledger_entry_no_seq;
create table charity_ledger_entries (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references charity_projects(id),
  -- the order entries were written in (times tie under a fixed clock)
  entry_no bigint not null default nextval('charity_ledger_entry_no_seq'),
  kind text not null check (kind in ('donation', 'spending')),
  donation_type text check (donation_type in ('money', 'goods')),
  -- money: the amount; goods: their estimated value; spending: the amount spent — all in fen
  amount_fen bigint not null check (amount_fen >= 0),
  goods_description text,
  goods_quantity text,
  -- null when the donor asked to stay anonymous (shown 匿名)
  donor_name text,
  -- never public (a phone or an address to send a 捐赠票据)
  donor_contact text,
  occurred_on date not null,
  -- 用途 of a donation, or what the money was spent on
  purpose text not null,
  -- a correction names the entry it replaces (one correction per entry) and says why
  corrects_id uuid references charity_ledger_entries(id),
  reason text,
  recorded_by uuid not null references users(id),
  created_at timestamptz not null,
  check ((kind = 'donation') = (donation_type is not null)),
  check (donation_type is distinct from 'goods' or goods_description is not null),
  check ((corrects_id is null) = (reason is null))
);
create unique index charity_ledger_entries_corrects_idx on charity_ledger_entries(corrects_id);
create index charity_ledger_entries_project_idx on charity_ledger_entries(project_id, entry_no);

create table charity_entry_receipts (
  entry_id uuid not null references charity_ledger_entries(id),
  receipt_id uuid not null references charity_receipts(id),
  primary key (entry_id, receipt_id)
);
create unique index charity_entry_receipts_receipt_idx on charity_entry_receipts(receipt_id);

create function charity_ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '慈善台账只能追加，不能修改或删除（% % refused）', tg_table_name, tg_op using errcode = 'P0001';
end $$;

create trigger charity_ledger_entries_append_only before update or delete on charity_ledger_entries
  for each row execute function charity_ledger_refuse_change();
create trigger charity_ledger_entries_no_truncate before truncate on charity_ledger_entries
  for each statement execute function charity_ledger_refuse_change();
create trigger charity_entry_receipts_append_only before update or delete on charity_entry_receipts
  for each row execute function charity_ledger_refuse_change();
create trigger charity_entry_receipts_no_truncate before truncate on charity_entry_receipts
  for each statement execute function charity_ledger_refuse_change();
