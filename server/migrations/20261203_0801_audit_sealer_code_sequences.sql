-- The write path without global locks (issue 8, layer 6).
--
-- 1. The audit chain is sealed asynchronously (Certificate-Transparency style). Until now a trigger linked each new
--    audit event to its predecessor under one advisory lock held until the writer's COMMIT, so every write in the
--    whole system queued behind the previous writer's WAL flush. Now a writer only appends the event (no lock, no
--    hash) and a trigger queues its id in audit_unsealed; one sealer at a time (audit_seal(), run every 2 s by a job
--    and before every verification or anchor) gives the committed events their chain position in audit_chain:
--    seq, the previous hash and the hash. audit_chain is append-only like audit_events, so an event's content and
--    its place in the chain are both beyond change; verification walks audit_chain and reports the unsealed backlog.
--    Existing events keep their hashes: an old event's chain position is its id, and the hash formula is unchanged
--    with seq where id was.
-- 2. Problem codes come from one sequence per county, prefix and month (next_problem_code()), not from a counter row
--    that each report locked until COMMIT. A code names its county: WT202612-330122-000001.

drop trigger audit_events_chain on audit_events;
drop function audit_events_chain();

create table audit_chain (
  seq bigint primary key,
  event_id bigint not null unique references audit_events(id),
  prev_hash text not null,
  hash text not null,
  sealed_at timestamptz not null default now()
);
insert into audit_chain (seq, event_id, prev_hash, hash, sealed_at)
  select id, id, prev_hash, hash, occurred_at from audit_events order by id;

drop function audit_row_hash(audit_events);
alter table audit_events drop column prev_hash, drop column hash;
alter table audit_events alter column id set default nextval('audit_events_id_seq');
alter sequence audit_events_id_seq owned by audit_events.id;

-- The hash covers every content column, the chain position and the previous hash. Time is hashed as epoch
-- microseconds so the session time zone cannot change the text being hashed.
create function audit_event_hash(e audit_events, seq bigint, prev text) returns text language sql immutable as $$
  select encode(sha256(convert_to(concat_ws(chr(31),
    seq::text, prev,
    (extract(epoch from e.occurred_at) * 1000000)::bigint::text,
    coalesce(e.actor_id::text, ''), coalesce(e.actor_name, ''), e.action, e.subject_type,
    coalesce(e.subject_id, ''), coalesce(e.before::text, ''), coalesce(e.after::text, ''),
    coalesce(e.ip, ''), coalesce(e.user_agent, '')), 'UTF8')), 'hex')
$$;

-- Events awaiting their seal (the sealer's work list: it never scans the whole trail).
create table audit_unsealed (event_id bigint primary key);

create function audit_events_queue_seal() returns trigger language plpgsql as $$
begin
  insert into audit_unsealed (event_id) values (new.id);
  return null;
end $$;

create trigger audit_events_queue_seal after insert on audit_events
  for each row execute function audit_events_queue_seal();

create trigger audit_chain_no_update before update or delete on audit_chain
  for each row execute function audit_events_refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function audit_events_refuse_change();

-- Seals up to max_rows committed events in id order; returns how many. One sealer at a time across all app nodes
-- (a second caller returns 0 at once); the events and the chain rows of one call commit together.
create function audit_seal(max_rows int default 20000) returns int language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
  e audit_events;
  h text;
  n int := 0;
begin
  if not pg_try_advisory_xact_lock(7461029) then
    return 0;
  end if;
  select c.seq, c.hash into head_seq, head_hash from audit_chain c order by c.seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, 'genesis');
  for e in
    select a.* from audit_unsealed u join audit_events a on a.id = u.event_id order by u.event_id limit max_rows
  loop
    head_seq := head_seq + 1;
    h := audit_event_hash(e, head_seq, head_hash);
    insert into audit_chain (seq, event_id, prev_hash, hash) values (head_seq, e.id, head_hash, h);
    delete from audit_unsealed where event_id = e.id;
    head_hash := h;
    n := n + 1;
  end loop;
  return n;
end $$;

-- Problem codes: <prefix><yyyymm>-<first 6 digits of the county's code>-<n>, n from the county's sequence for the
-- prefix and month (created on first use). nextval takes no lock that lasts beyond the call, so concurrent reports
-- never wait for each other here; a failed report leaves a gap, nothing worse. A region above county level (the
-- city itself) numbers as its own. Security definer: the app role need not be able to create sequences.
create function next_problem_code(prefix text, region uuid, at timestamptz) returns text
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  county_id uuid;
  county_code text;
  month text := to_char(at at time zone 'Asia/Shanghai', 'YYYYMM');
  seq_name text;
begin
  select anc.id, anc.code into county_id, county_code
    from regions r join regions anc on anc.level = 'county' and r.path like anc.path || '%'
    where r.id = region limit 1;
  if county_id is null then
    select r.id, r.code into county_id, county_code from regions r where r.id = region;
  end if;
  if county_id is null then
    raise exception 'region % does not exist', region using errcode = '23503';
  end if;
  seq_name := format('problem_code_%s_%s_%s', lower(prefix), replace(county_id::text, '-', ''), month);
  if to_regclass(seq_name) is null then
    begin
      execute format('create sequence if not exists %I', seq_name);
    exception when unique_violation or duplicate_table then
      null; -- another report created it at the same moment
    end;
  end if;
  return prefix || month || '-' || left(county_code, 6) || '-' || lpad(nextval(seq_name)::text, 6, '0');
end $$;

drop table problem_code_counters;

-- The app role (grant_app_role, 20261203_0301) may append to the chain tables but not change them.
create or replace function grant_app_role(app_role text) returns void language plpgsql as $$
begin
  execute format('grant usage on schema public to %I', app_role);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', app_role);
  execute format('revoke update, delete, truncate, references, trigger on audit_events from %I', app_role);
  execute format('revoke update, delete, truncate, references, trigger on audit_chain from %I', app_role);
  execute format('grant usage, select on all sequences in schema public to %I', app_role);
  execute format('grant execute on all functions in schema public to %I', app_role);
  -- Tables added by later migrations (run by the same owner) get the same rights.
  execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app_role);
  execute format('alter default privileges in schema public grant usage, select on sequences to %I', app_role);
  -- The job queue (pg-boss) keeps its own schema; the owner installs it, the app only uses it.
  if exists (select 1 from pg_namespace where nspname = 'pgboss') then
    execute format('grant usage on schema pgboss to %I', app_role);
    execute format('grant select, insert, update, delete on all tables in schema pgboss to %I', app_role);
    execute format('grant usage, select on all sequences in schema pgboss to %I', app_role);
    execute format('grant execute on all functions in schema pgboss to %I', app_role);
  end if;
end $$;
