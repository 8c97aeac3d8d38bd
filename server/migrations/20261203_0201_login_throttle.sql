-- Sign-in throttle (issue 7, findings 3 and "lockout reveals usernames"): failures are counted per
-- (subject, source address), where subject is 'user:<id>' for an existing account and 'name:<typed name>'
-- otherwise, so unknown and known names behave the same and a stranger at another address cannot lock the
-- real user out. The count is incremented atomically before the password is checked (no read-modify-write).
create table login_throttle (
  subject text not null,
  ip text not null default '',
  attempts integer not null default 0,       -- attempts since the last success (or since the last lock ended)
  lock_count integer not null default 0,     -- locks in a row without a success: each lock lasts twice as long
  locked_until timestamptz,
  last_attempt_at timestamptz not null,
  primary key (subject, ip)
);
create index login_throttle_locked_idx on login_throttle(locked_until) where locked_until is not null;
