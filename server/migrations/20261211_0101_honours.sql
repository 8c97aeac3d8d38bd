-- 好人之城 (honours): selections (好人榜 monthly, 道德模范, 文明家庭/单位/校园) in a region with a schedule (nomination,
-- verification, public display and voting of 2–4 weeks, publication) and weights of the vote and review scores;
-- categories as reference data; nominations by units and by the public (story, photos, contact — never public),
-- verified by the office (approve → candidate / reject with a reason) on the workflow kernel; public votes with only
-- hashes of the address, device and phone, one per person, candidate and Beijing day; suspicious-pattern flags with
-- their evidence; exclusions with a reason; review scores; winners published; a winner forwarded up the ladder.

create table honour_categories (
  code text primary key,
  name text not null,
  description text,
  sort integer not null default 0,
  active boolean not null default true
);
insert into honour_categories (code, name, description, sort) values
  ('helping', '助人为乐', '热心帮助他人、扶贫济困、长期志愿服务', 1),
  ('bravery', '见义勇为', '危急关头挺身而出、救人于危难', 2),
  ('honesty', '诚实守信', '诚信经营、拾金不昧、信守承诺', 3),
  ('dedication', '敬业奉献', '爱岗敬业、无私奉献、成绩突出', 4),
  ('filial', '孝老爱亲', '孝敬老人、关爱家人、邻里和睦', 5);

create table honour_selections (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  kind text not null check (kind in ('monthly', 'moral_model', 'family', 'unit', 'campus')),
  title text not null,
  -- 2026-11 for a monthly 好人榜, 2026 for a yearly selection
  period text not null,
  categories jsonb not null default '[]',
  description text,
  nomination_starts_on date not null,
  nomination_ends_on date not null,
  voting_starts_on date not null,
  voting_ends_on date not null,
  publish_on date not null,
  winners_count integer not null default 10 check (winners_count between 1 and 200),
  vote_weight numeric(4,3) not null default 0.4 check (vote_weight between 0 and 1),
  review_weight numeric(4,3) not null default 0.6 check (review_weight between 0 and 1),
  state text not null default 'open' check (state in ('open', 'published')),
  published_at timestamptz,
  published_by uuid references users(id),
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  check (nomination_starts_on <= nomination_ends_on and nomination_ends_on < voting_starts_on
         and voting_starts_on <= voting_ends_on and voting_ends_on <= publish_on),
  check (abs(vote_weight + review_weight - 1) < 0.0005)
);
create index honour_selections_region_idx on honour_selections(region_id);

create table honour_nominations (
  id uuid primary key default gen_random_uuid(),
  selection_id uuid not null references honour_selections(id),
  category_code text not null references honour_categories(code),
  nominee_name text not null,
  gender text check (gender in ('male', 'female')),
  age integer check (age between 1 and 130),
  -- 工作单位、村（社区）or the family's / unit's / school's address as shown publicly
  affiliation text,
  headline text not null,
  story text not null,
  source text not null check (source in ('unit', 'public', 'forwarded')),
  nominating_unit_id uuid references units(id),
  nominated_by uuid references users(id),
  recommender_name text,
  -- contact: never on a public page or answer
  contact_name text not null,
  contact_phone text not null,
  state text not null default 'submitted' check (state in ('submitted', 'approved', 'rejected')),
  verification_note text,
  reject_reason text,
  verified_by uuid references users(id),
  verified_at timestamptz,
  review_score numeric(5,2) check (review_score between 0 and 100),
  review_note text,
  is_winner boolean not null default false,
  forwarded_from_id uuid references honour_nominations(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index honour_nominations_selection_idx on honour_nominations(selection_id, state);
create index honour_nominations_unit_idx on honour_nominations(nominating_unit_id);
create unique index honour_nominations_forward_idx on honour_nominations(selection_id, forwarded_from_id) where forwarded_from_id is not null;

-- photos (public, shown as re-encoded copies without EXIF) and verification materials (staff only)
create table honour_nomination_files (
  nomination_id uuid not null references honour_nominations(id),
  file_id uuid not null references files(id),
  kind text not null check (kind in ('photo', 'material')),
  sort integer not null default 0,
  primary key (nomination_id, file_id)
);
create index honour_nomination_files_file_idx on honour_nomination_files(file_id);

create table honour_votes (
  id uuid primary key default gen_random_uuid(),
  selection_id uuid not null references honour_selections(id),
  candidate_id uuid not null references honour_nominations(id),
  voted_at timestamptz not null,
  -- the Beijing calendar day of the vote (one vote per person, candidate and day)
  vote_day date not null,
  -- keyed hashes only (public-reports/hash-key.ts): nothing identifying is stored
  ip_hash text not null,
  device_hash text not null,
  phone_hash text,
  ua_family text not null,
  is_excluded boolean not null default false,
  excluded_reason text,
  excluded_by uuid references users(id),
  excluded_at timestamptz
);
create unique index honour_votes_device_day_idx on honour_votes(candidate_id, vote_day, device_hash);
create unique index honour_votes_ip_day_idx on honour_votes(candidate_id, vote_day, ip_hash);
create unique index honour_votes_phone_day_idx on honour_votes(candidate_id, vote_day, phone_hash) where phone_hash is not null;
create index honour_votes_selection_time_idx on honour_votes(selection_id, voted_at);

create table honour_vote_flags (
  id uuid primary key default gen_random_uuid(),
  selection_id uuid not null references honour_selections(id),
  vote_id uuid not null references honour_votes(id),
  rule text not null check (rule in ('address_burst', 'family_burst', 'regular_interval')),
  evidence jsonb not null,
  detected_at timestamptz not null,
  unique (vote_id, rule)
);
create index honour_vote_flags_selection_idx on honour_vote_flags(selection_id);
