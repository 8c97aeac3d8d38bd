-- Accounts hardening (issue 7): token expiry, password history, 三员 changes that need a second 三员 role's
-- approval, and outbound messages (temporary passwords reach the account's owner, never the requester).

-- API tokens expire (default 90 days from creation; existing tokens get 90 days from now).
alter table api_tokens add column expires_at timestamptz;
update api_tokens set expires_at = greatest(created_at, now()) + interval '90 days' where expires_at is null;
alter table api_tokens alter column expires_at set not null;

-- The hashes of passwords a user chose, newest first by created_at: the last 5 cannot be reused.
create table password_history (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  password_hash text not null,
  created_at timestamptz not null
);
create index password_history_user_idx on password_history(user_id, created_at desc);

-- 三员分立: a change that would let one person act as another 三员 role waits here until a holder of a
-- different 三员 role (never the requester, never the target) approves or rejects it.
create table privileged_changes (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('create_user', 'update_user', 'reset_password')),
  target_user_id uuid references users(id) on delete cascade,
  target_version integer,
  payload jsonb not null,
  summary text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by uuid not null references users(id),
  requester_role text not null,
  decided_by uuid references users(id),
  decided_at timestamptz,
  decision_note text,
  result_user_id uuid references users(id) on delete set null,
  created_at timestamptz not null
);
create index privileged_changes_status_idx on privileged_changes(status, created_at);

-- Outbound messages (SMS). Inserted in the transaction that makes the secret; a transport delivers them after
-- commit and then blanks the body, so the secret does not stay in the database.
create table message_outbox (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('sms')),
  recipient text not null,
  user_id uuid references users(id) on delete set null,
  purpose text not null,
  body text not null,
  created_at timestamptz not null,
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index message_outbox_unsent_idx on message_outbox(created_at) where sent_at is null;
