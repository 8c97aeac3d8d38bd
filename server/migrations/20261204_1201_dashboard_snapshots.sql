-- 指挥大屏: pre-aggregated figures per region (city, county, town), refreshed every minute by the dashboard-refresh job
-- and on demand; GET /api/dashboard reads one row and never scans problems.
create table dashboard_snapshots (
  region_id uuid primary key references regions(id) on delete cascade,
  region_path text not null,
  computed_at timestamptz not null,
  data jsonb not null
);

-- Each located active site with its last released visit (the map's colour); read by path prefix.
create table dashboard_site_points (
  site_id uuid primary key references sites(id) on delete cascade,
  region_path text not null,
  name text not null,
  site_type_code text not null,
  lat double precision not null,
  lng double precision not null,
  score_rate double precision,
  passed boolean,
  computed_at timestamptz not null
);
create index dashboard_site_points_path_idx on dashboard_site_points (region_path text_pattern_ops);
