-- The audit sealer (20261203_0801) made cheaper per event (issue 8, the write path).
--
-- 1. The sealer's work list no longer depends on the statistics of audit_unsealed. It was read as a join of
--    audit_unsealed and audit_events ordered by id; when the queue had been analysed while large (after an import or
--    a backlog), PostgreSQL chose a merge join that walks the whole of audit_events' primary key: 0.75 s per call at
--    1 000 000 events, every 2 s, whatever the backlog. Now the ids are taken from the queue first (ordered, limited)
--    and each event is fetched by its key (`limit 1` keeps the lookup a per-row probe the planner cannot turn into a
--    join over the whole trail).
-- 2. The chain rows and the queue's deletions are written with one statement per call, not one per event; the hashes
--    are still computed one after another, each from the previous (the chain is unchanged: same formula, same order).
-- 3. Queuing: one statement-level trigger with a transition table instead of a PL/pgSQL call per inserted event (a
--    batch of reports' audit events is one INSERT).

create or replace function audit_seal(max_rows int default 20000) returns int language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
  e audit_events;
  h text;
  seqs bigint[] := '{}';
  ids bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
begin
  if not pg_try_advisory_xact_lock(7461029) then
    return 0;
  end if;
  select c.seq, c.hash into head_seq, head_hash from audit_chain c order by c.seq desc limit 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, 'genesis');
  for e in
    select a.*
      from (select q.event_id from audit_unsealed q order by q.event_id limit max_rows) u
      cross join lateral (select ev.* from audit_events ev where ev.id = u.event_id limit 1) a
      order by u.event_id
  loop
    head_seq := head_seq + 1;
    h := audit_event_hash(e, head_seq, head_hash);
    seqs := seqs || head_seq;
    ids := ids || e.id;
    prevs := prevs || head_hash;
    hashes := hashes || h;
    head_hash := h;
  end loop;
  if cardinality(ids) = 0 then
    return 0;
  end if;
  insert into audit_chain (seq, event_id, prev_hash, hash) select * from unnest(seqs, ids, prevs, hashes);
  delete from audit_unsealed where event_id = any(ids);
  return cardinality(ids);
end $$;

drop trigger audit_events_queue_seal on audit_events;
create or replace function audit_events_queue_seal() returns trigger language plpgsql as $$
begin
  insert into audit_unsealed (event_id) select n.id from new_events n;
  return null;
end $$;
create trigger audit_events_queue_seal after insert on audit_events
  referencing new table as new_events
  for each statement execute function audit_events_queue_seal();
