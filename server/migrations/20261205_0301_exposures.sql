-- 曝光台 (the public exposure board): the office proposes a problem for exposure (草稿), redacts its photos (boxes
-- blurred on a public copy without metadata) and writes the public text, submits it (待审批), a leader approves
-- (已曝光) or returns it with a reason (back to 草稿); a published item is taken down with a reason (已撤下). The
-- originals stay private files; only the rendered public copies (exposure_photos.public_key) are ever served publicly.

create table exposures (
  id uuid primary key default gen_random_uuid(),
  problem_id uuid not null references problems(id),
  -- the problem's region and unit when proposed (scope; the unit answers for it publicly)
  region_id uuid not null references regions(id),
  unit_id uuid references units(id),
  state text not null default 'draft' check (state in ('draft', 'submitted', 'published', 'taken_down')),
  title text not null,
  description text not null,
  proposed_by uuid references users(id),
  proposed_at timestamptz not null,
  submitted_at timestamptz,
  returned_at timestamptz,
  return_reason text,
  approved_by uuid references users(id),
  published_at timestamptz,
  approve_comment text,
  taken_down_by uuid references users(id),
  taken_down_at timestamptz,
  take_down_reason text,
  updated_at timestamptz not null,
  version integer not null default 1
);
-- one live exposure per problem (a taken-down one may be proposed again)
create unique index exposures_problem_live_idx on exposures(problem_id) where state <> 'taken_down';
create index exposures_region_state_idx on exposures(region_id, state, published_at desc);
create index exposures_unit_idx on exposures(unit_id, state);

create table exposure_photos (
  id uuid primary key default gen_random_uuid(),
  exposure_id uuid not null references exposures(id) on delete cascade,
  position integer not null,
  file_id uuid not null references files(id),
  -- before: the problem as found (report photos); after: the fix (rectification photos)
  stage text not null check (stage in ('before', 'after')),
  -- boxes to blur, as fractions of the oriented image: [{ x, y, w, h }] with 0 ≤ x, y and x + w, y + h ≤ 1
  boxes jsonb not null default '[]',
  -- the rendered public copy (blurred boxes, no metadata) in the app's storage; null until rendered
  public_key text,
  width integer,
  height integer,
  unique (exposure_id, position)
);
create index exposure_photos_file_idx on exposure_photos(file_id);
