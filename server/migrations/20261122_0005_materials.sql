-- 材料审核 / 网上申报: units upload evidence per standard and period; the office passes or returns it.
create table material_submissions (
  id uuid primary key default gen_random_uuid(),
  standard_id uuid not null references standards(id) on delete cascade,
  unit_id uuid not null references units(id),
  period text not null check (period ~ '^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$'),
  note text,
  status text not null check (status in ('submitted','passed','returned')),
  submitted_by uuid references users(id),
  submitted_at timestamptz not null,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  review_comment text,
  version integer not null default 1,
  updated_at timestamptz not null,
  unique (standard_id, unit_id, period)
);
create index material_submissions_unit_idx on material_submissions(unit_id, period);

create table material_files (
  id uuid primary key default gen_random_uuid(),
  submission_id uuid not null references material_submissions(id) on delete cascade,
  original_name text,
  mime text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  storage_key text not null unique,
  uploaded_by uuid references users(id),
  created_at timestamptz not null
);
create index material_files_submission_idx on material_files(submission_id);
