/** The scheduled jobs the server runs. */
import type { ScheduledJob } from './platform/jobs';
import { sealAll } from './platform/audit';
import { writeAnchor } from './platform/audit-anchor';
import { drainJobs } from './platform/jobs-after-commit';
import { vacuumQueues } from './platform/queue-upkeep';
import { sweepDeadlines } from './modules/problems/sweep-deadlines';
import { sweepTasks } from './modules/plans/sweep-tasks';
import { sweepProjects } from './modules/projects/sweep-projects';
import { refreshSnapshots } from './modules/dashboard/refresh-snapshots';
import { cleanUpPublicLeftovers } from './modules/public-reports/clean-up-leftovers';
import './modules/notifications/notify'; // registers the 'notice' job handler

export const JOBS: ScheduledJob[] = [
  { name: 'problems-sweep-deadlines', cron: '* * * * *', run: sweepDeadlines },
  // 每月汇报进度 reminders and missing reports, and escalation of tasks past due (modules/plans/sweep-tasks.ts).
  { name: 'tasks-sweep', cron: '* * * * *', run: sweepTasks },
  // Project milestones: the owner unit reminded before the planned date, the office told once one is overdue
  // (modules/projects/sweep-projects.ts; lead days from the region's 任务进度设置).
  { name: 'projects-sweep', cron: '* * * * *', run: sweepProjects },
  // Jobs queued in committed transactions (notices) that no node's drain loop delivered: a crash between COMMIT and
  // the woken drain; also forgets done jobs after 7 days. Every 5 s; idempotent (platform/jobs-after-commit.ts).
  {
    name: 'deliver-after-commit',
    cron: '* * * * *',
    everySeconds: 5,
    quiet: (r) => (r as { done: number; failed: number; sent: number }).done + (r as { failed: number }).failed === 0,
    run: (ctx) => drainJobs(ctx.db, ctx.clock.now(), { always: true }),
  },
  // Audit events get their place in the hash chain within seconds of their COMMIT (platform/audit.ts): one sealer
  // at a time across nodes (the others find the turn taken and return 0).
  { name: 'audit-seal', cron: '* * * * *', everySeconds: 2, quiet: (n) => n === 0, run: (ctx) => sealAll(ctx.db) },
  // The queue tables (the sealer's, the after-commit jobs') vacuumed every minute: the embedded engine has no
  // autovacuum, and their readers slow down on dead index entries (platform/queue-upkeep.ts).
  { name: 'queue-upkeep', cron: '* * * * *', quiet: () => true, run: (ctx) => vacuumQueues(ctx.db) },
  // The audit chain's head, signed, to a file outside the database every hour (platform/audit-anchor.ts).
  // 指挥大屏 snapshots of every city, county and town (modules/dashboard): one refresh at a time across nodes.
  {
    name: 'dashboard-refresh',
    cron: '* * * * *',
    run: async (ctx) => (await refreshSnapshots(ctx.db, ctx.clock.now(), { wait: false })) ?? { skipped: true },
  },
  // 随手拍 uploads no report claimed within 24 h (rows and stored objects) and phone codes used/expired over 7 days ago
  // (modules/public-reports/clean-up-leftovers.ts).
  {
    name: 'public-cleanup',
    cron: '23 * * * *',
    quiet: (r) => {
      const c = r as { uploads: number; phoneCodes: number; objectErrors: number };
      return c.uploads + c.phoneCodes + c.objectErrors === 0;
    },
    run: (ctx) => cleanUpPublicLeftovers(ctx),
  },
  { name: 'audit-anchor', cron: '5 * * * *', run: async (ctx) => (await writeAnchor(ctx.db, { now: ctx.clock.now() })).anchor },
];
