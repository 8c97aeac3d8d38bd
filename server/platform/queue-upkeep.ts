/**
 * Upkeep of the tables that work as queues: `audit_unsealed` (each audit event is queued, then deleted once sealed),
 * `outbox_jobs` (each job is queued, marked done, deleted after RETAIN_DAYS) and pg-boss's job tables. Their readers
 * walk an index from its oldest end (`order by … limit`), and every deleted or updated row leaves a dead entry there
 * until the table is vacuumed. The embedded engine has no autovacuum at all (single-user PostgreSQL), and a server's autovacuum may be
 * off or behind: with 1.6 M events sealed and no vacuum, the sealer's look at an empty queue walked 34 MB of dead index
 * and took 88 ms, every 2 s (bench:problems, 2026-12-06). So the app vacuums them itself, once a minute (server/jobs.ts),
 * one node at a time.
 *
 * VACUUM needs the table's owner (or a superuser): a deployment whose app role does not own the tables gets a
 * warning from PostgreSQL per table and nothing else; its autovacuum keeps them (production keeps autovacuum on).
 */
import { sql } from 'kysely';
import type { Db } from './db';

export const QUEUE_TABLES = ['audit_unsealed', 'outbox_jobs'] as const;

/**
 * pg-boss's own tables (schema `pgboss`, present once the job queue has started): each run of a scheduled job is a row
 * inserted, updated as it starts and ends, moved to `archive` and deleted from there — the sealer alone every 2 s.
 * `job` is partitioned by queue; a VACUUM of it covers every partition.
 */
export const PGBOSS_TABLES = ['job', 'archive', 'queue', 'schedule'] as const;

/** Vacuums the queue tables, pg-boss's too when it has started (outside any transaction; VACUUM cannot run in one). */
export async function vacuumQueues(db: Db): Promise<{ tables: number; ms: number }> {
  const started = performance.now();
  const { rows } = await sql<{ boss: boolean }>`select to_regclass('pgboss.job') is not null as boss`.execute(db);
  const tables = [...QUEUE_TABLES, ...(rows[0]?.boss ? PGBOSS_TABLES.map((t) => `pgboss.${t}`) : [])];
  // Without truncating the table's empty tail: that step takes an exclusive lock, which would stop every report's
  // audit event (queued by a trigger) and every queued job while it lasts.
  for (const table of tables) await sql`vacuum (truncate false) ${sql.table(table)}`.execute(db);
  return { tables: tables.length, ms: Math.round(performance.now() - started) };
}
