-- Jobs after commit and delivery channels (issue 8, layer 3).
--
-- A command writes a job row in its own transaction (platform/jobs-after-commit.ts); the job runs only after
-- COMMIT: drained right after the request that queued it, and every few seconds by a pg-boss job (the safety net
-- for a crash between commit and drain). A rolled-back transaction leaves no job, so it notifies nobody.
create table outbox_jobs (
  id uuid primary key default gen_random_uuid(),
  -- Which handler runs it ('notice': notifications/notify.ts).
  kind text not null,
  subject_type text,
  subject_id uuid,
  -- For a notice: { notice: { kind, title, body, link, problemId, regionPath }, to: [recipient specs] }.
  payload jsonb not null,
  created_at timestamptz not null,
  done_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_jobs_pending_idx on outbox_jobs (created_at) where done_at is null;

-- Which channels carry a notice kind, region-scoped like the problem settings (the nearest region's row wins,
-- a row without a region is the shipped default). With no row for a kind, in-app is on and nothing else.
-- roles: only recipients holding one of these roles get it on this channel (null: every recipient).
create table notice_channels (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  kind text not null,
  channel text not null check (channel in ('in_app', 'sms', 'webhook')),
  enabled boolean not null,
  roles text[],
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create unique index notice_channels_uq on notice_channels (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, channel);

-- SMS for 督办 / 升级督办 is opt-in: shipped switched off; a region turns it on for its subtree.
insert into notice_channels (region_id, kind, channel, enabled, roles) values
  (null, 'supervised', 'sms', false, '{unit_head}'),
  (null, 'escalated', 'sms', false, '{unit_head,leader}');

-- Deadline sweep thresholds, region-scoped (nearest region wins; the row without a region is the shipped default):
-- remind the unit this many hours before the deadline; escalate this many hours after the 督办单.
create table region_escalation_settings (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  remind_before_hours integer not null check (remind_before_hours between 1 and 720),
  escalate_after_hours integer not null check (escalate_after_hours between 1 and 2160),
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create unique index region_escalation_settings_uq on region_escalation_settings (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid));
insert into region_escalation_settings (region_id, remind_before_hours, escalate_after_hours) values (null, 24, 72);
