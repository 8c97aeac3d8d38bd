/**
 * Background jobs on pg-boss, over the app's own connection pool (so the embedded engine works too).
 * Each job is a plain async function that receives a system context; jobs must be idempotent.
 * A job with `everySeconds` also re-queues itself that many seconds after each run (throttled to one per slot
 * across app nodes); its cron then only restarts the chain should it ever break.
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
  /** Run again this many seconds after each run (sub-minute jobs, e.g. the after-commit drain). */
  everySeconds?: number;
  /** Log only runs whose result says something (e.g. jobs that ran); default: every run. */
  quiet?: (result: unknown) => boolean;
  run(ctx: Ctx): Promise<unknown>;
}

/** pg-boss's polling periods; the defaults suit production, a test shortens them to watch several ticks quickly. */
export interface JobTuning {
  /** How often each node checks the schedules (pg-boss default 30 s). */
  cronMonitorIntervalSeconds?: number;
  /** How often each node turns due schedules into jobs (pg-boss default 5 s). */
  cronWorkerIntervalSeconds?: number;
}

export interface Jobs {
  stop(): Promise<void>;
}

/** Starts pg-boss, schedules the jobs and works them; logs each run's result. */
export async function startJobs(
  database: Database,
  clock: Clock,
  jobs: ScheduledJob[],
  log: (msg: string, extra?: unknown) => void,
  tuning: JobTuning = {},
): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) as Promise<{ rows: unknown[] }> },
    schema: 'pgboss',
    ...tuning,
  });
  boss.on('error', (err) => log('job queue error', { err: String(err) }));
  await boss.start();
  let stopping = false;
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' });
    const again = job.everySeconds;
    await boss.work(job.name, { pollingIntervalSeconds: again ? Math.max(1, Math.min(2, again / 2)) : 2 }, async () => {
      const ctx: Ctx = { actor: systemActor, db: database.db, clock, meta: { ip: null, userAgent: `job:${job.name}` } };
      try {
        const result = await job.run(ctx);
        if (!job.quiet?.(result)) log(`job ${job.name} done`, result);
      } finally {
        // Debounced, not throttled: the job that just ran still holds this slot, so a throttled send made within the
        // same slot was refused and the chain stopped until the cron restarted it; this takes the next slot instead.
        if (again && !stopping) await boss.sendDebounced(job.name, {}, { startAfter: again }, again);
      }
    });
    if (again) await boss.sendThrottled(job.name, {}, {}, again);
  }
  return {
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
