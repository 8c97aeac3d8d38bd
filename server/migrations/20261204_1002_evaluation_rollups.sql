-- 季度/年度 roll-ups of 月评排名 and the 年度目标绩效考核's annual items; the bulletin's 下步工作要求 as the office edits it.

-- How a roll-up combines the published months of a scheme family: their average (default) or their sum.
alter table evaluation_schemes add column rollup_method text not null default 'average' check (rollup_method in ('average', 'sum'));

-- 年度加减分事项: points the office adds to (or takes from) a subject's annual total, with the reason and evidence.
create table evaluation_annual_items (
  id uuid primary key default gen_random_uuid(),
  scheme_key uuid not null,
  year integer not null check (year between 2000 and 2100),
  subject_type text not null check (subject_type in ('unit', 'town', 'site', 'county')),
  subject_id uuid not null,
  points double precision not null check (points <> 0 and points between -100 and 100),
  reason text not null,
  file_id uuid references files(id),
  entered_by uuid references users(id),
  entered_at timestamptz not null
);
create index evaluation_annual_items_idx on evaluation_annual_items(scheme_key, year, subject_id);

-- 下步工作要求: the closing section of the month's bulletin (通报), written by the office; null → the shipped text.
alter table evaluation_runs add column bulletin_requirements text;
