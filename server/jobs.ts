/** The scheduled jobs the server runs. */
import type { ScheduledJob } from './platform/jobs';
import { writeAnchor } from './platform/audit-anchor';
import { sweepDeadlines } from './modules/problems/sweep-deadlines';

export const JOBS: ScheduledJob[] = [
  { name: 'problems-sweep-deadlines', cron: '* * * * *', run: sweepDeadlines },
  // The audit chain's head, signed, to a file outside the database every hour (platform/audit-anchor.ts).
  { name: 'audit-anchor', cron: '5 * * * *', run: async (ctx) => (await writeAnchor(ctx.db, { now: ctx.clock.now() })).anchor },
];
