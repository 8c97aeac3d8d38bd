-- 点长巡查打卡: a site lead's daily check-in per site (photos, optional note, device position, 巡查无问题 or a problem
-- filed through the report flow). One per site and Beijing calendar day; a phone's resend is the same check-in
-- (lead, client_id). Deleting a site (only ever done to one registered by mistake) takes its check-ins with it; the
-- audit trail keeps them.
create table site_patrols (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references sites(id) on delete cascade,
  -- the Beijing calendar day the check-in counts for
  day date not null,
  lead_user_id uuid not null references users(id),
  client_id text not null,
  result text not null check (result in ('ok', 'problem')),
  problem_id uuid references problems(id),
  note text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  accuracy_m double precision check (accuracy_m >= 0),
  location_source text check (location_source in ('device', 'photo')),
  -- metres from the site's coordinates at the time of the check-in
  distance_m integer check (distance_m >= 0),
  checked_at timestamptz not null,
  check ((lat is null) = (lng is null)),
  check ((lat is null) = (location_source is null)),
  check (result = 'problem' or problem_id is null),
  unique (site_id, day),
  unique (lead_user_id, client_id)
);
create index site_patrols_day_idx on site_patrols(day);
create index site_patrols_lead_idx on site_patrols(lead_user_id, day);

-- A photo proves one check-in: it cannot be used again for another site or day.
create table site_patrol_photos (
  patrol_id uuid not null references site_patrols(id) on delete cascade,
  file_id uuid not null unique references files(id),
  sort integer not null,
  primary key (patrol_id, file_id)
);
