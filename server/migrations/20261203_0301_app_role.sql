-- Running the app as a role that does not own the tables (issue 7): the owner (MIGRATION_DATABASE_URL) migrates and
-- then calls grant_app_role('<app role>'). The app role may read and write the tables, but only SELECT and INSERT the
-- audit trail, and, not being the owner, can neither ALTER TABLE … DISABLE TRIGGER nor drop or rewrite anything.
create or replace function grant_app_role(app_role text) returns void language plpgsql as $$
begin
  execute format('grant usage on schema public to %I', app_role);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', app_role);
  execute format('revoke update, delete, truncate, references, trigger on audit_events from %I', app_role);
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
