-- 奖惩兑现 (the reward/penalty ledger): rules that turn a published ranking into proposed entries, and the entries with
-- their lifecycle 拟定 → 已审批 → 已兑现 (proof attached) or 已撤销. An entry copies what its rule said when it was
-- proposed, so editing or retiring a rule never changes a past entry.

create table reward_rules (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns(id),
  -- the scheme family (evaluation_schemes.scheme_key) the rule is for; null: every scheme of the campaign
  scheme_key uuid,
  name text not null,
  match text not null check (match in ('list', 'rank', 'score_below', 'streak', 'proposal', 'veto')),
  list text check (list in ('red', 'black')),
  rank integer check (rank >= 1),
  score double precision,
  streak integer check (streak >= 1),
  proposal text check (proposal in ('interview', 'accountability')),
  group_name text,
  kind text not null check (kind in ('subsidy', 'commend', 'criticize', 'interview', 'accountability', 'deduct')),
  amount numeric(12, 2) check (amount > 0),
  points double precision check (points > 0),
  active boolean not null default true,
  -- a retired rule proposes nothing and is no longer listed; its entries keep their copy
  retired_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index reward_rules_campaign_idx on reward_rules(campaign_id, scheme_key);

create table reward_entries (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references evaluation_runs(id),
  campaign_id uuid not null references campaigns(id),
  scheme_key uuid not null,
  period text not null,
  group_index integer not null,
  group_name text not null,
  subject_type text not null check (subject_type in ('unit', 'town', 'site', 'county')),
  subject_id uuid not null,
  subject_name text not null,
  score double precision not null,
  rank integer not null,
  basis text not null,
  -- the rule (null for a shipped default) and, in rule_key, what makes the proposal unique: the rule's id or default:<n>
  rule_id uuid references reward_rules(id),
  rule_key text not null,
  rule_name text not null,
  rule_description text not null,
  kind text not null check (kind in ('subsidy', 'commend', 'criticize', 'interview', 'accountability', 'deduct')),
  amount numeric(12, 2),
  points double precision,
  state text not null default 'proposed' check (state in ('proposed', 'approved', 'fulfilled', 'withdrawn')),
  flagged boolean not null default false,
  flag_note text,
  proposed_at timestamptz not null,
  approved_by uuid references users(id),
  approved_at timestamptz,
  approve_comment text,
  fulfilled_by uuid references users(id),
  fulfilled_at timestamptz,
  proof_file_id uuid references files(id),
  fulfil_note text,
  withdrawn_by uuid references users(id),
  withdrawn_at timestamptz,
  withdraw_reason text,
  -- set when a published revision replaced the run this entry was proposed for
  superseded_by_run_id uuid references evaluation_runs(id),
  version integer not null default 1,
  unique (run_id, group_index, subject_id, rule_key)
);
create index reward_entries_campaign_idx on reward_entries(campaign_id, period desc);
create index reward_entries_subject_idx on reward_entries(subject_id, period desc);
create index reward_entries_family_idx on reward_entries(scheme_key, period);
create index reward_entries_proof_idx on reward_entries(proof_file_id) where proof_file_id is not null;
