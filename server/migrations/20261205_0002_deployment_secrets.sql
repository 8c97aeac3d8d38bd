-- Secrets a deployment makes for itself on first use (never shipped, never shown): the key of the keyed hashes that
-- keep citizens' addresses, devices and phones out of the rate-limit and report tables. Shared by every node.
create table deployment_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
