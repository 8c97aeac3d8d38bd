-- 节假日日历 (holiday calendar) as reference data: statutory days off and the weekend days worked instead (调休上班日).
-- Loaded from server/modules/calendar/data/holidays.json (new days added, local edits kept); working-day deadlines use it.
create table calendar_days (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null,
  source text
);
