/**
 * Background jobs on pg-boss, over the app's own connection pool (so the embedded engine works too).
 * Each job is a plain async function that receives a system context; jobs must be idempotent.
 */
import PgBoss from 'pg-boss';
import { systemActor } from './actor';
import type { Clock } from './clock';
import type { Ctx } from './context';
import type { Database } from './db';

export interface ScheduledJob {
  name: string;
  /** Cron expression, Asia/Shanghai time. */
  cron: string;
  run(ctx: Ctx): Promise<unknown>;
}

export interface Jobs {
  stop(): Promise<void>;
}

/** Starts pg-boss, schedules the jobs and works them; logs each run's result. */
export async function startJobs(database: Database, clock: Clock, jobs: ScheduledJob[], log: (msg: string, extra?: unknown) => void): Promise<Jobs> {
  const boss = new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) as Promise<{ rows: unknown[] }> }, schema: 'pgboss' });
  boss.on('error', (err) => log('job queue error', { err: String(err) }));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' });
    await boss.work(job.name, async () => {
      const ctx: Ctx = { actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: `job:${job.name}` } };
      const result = await job.run(ctx);
      log(`job ${job.name} done`, result);
    });
  }
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
}
